// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/Timings.h"
#include "engine/cost/CsvLut.h"
#include "engine/space/OpSpec.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace dnas {

namespace {

// "k3_e1-skip-..." or "[7, 8, 1, ...]" (HW-NAS-Bench op indices) to an arch of `space`.
Architecture parseArch(const nlohmann::json& v, const SearchSpace& space, const std::string& file,
                       const std::string& where) {
    Architecture a;
    nlohmann::json list = v;
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s.find('[') != std::string::npos) {
            try {
                list = nlohmann::json::parse(s);
            } catch (const nlohmann::json::exception&) {
                throw DnasError(file, where, "bad op index list \"" + s + "\"");
            }
        } else {
            try {
                a = Architecture::parseString(s);
            } catch (const DnasError& e) {
                throw DnasError(file, where, e.what());
            }
        }
    }
    if (list.is_array()) {
        for (const auto& x : list) {
            const auto& ops = fbnetOpNames();
            if (x.is_string())
                a.ops.push_back(x.get<std::string>());
            else if (x.is_number_integer() && x.get<long long>() >= 0 &&
                     x.get<long long>() < (long long)ops.size())
                a.ops.push_back(ops[size_t(x.get<long long>())]);
            else
                throw DnasError(file, where,
                                "op index " + x.dump() + " is not in 0.." +
                                    std::to_string(ops.size() - 1));
        }
    } else if (!v.is_string()) {
        throw DnasError(file, where, "arch must be a string or a list of op indices");
    }
    a.checkAgainst(space, file + ": " + where);
    for (size_t i = 0; i < a.ops.size(); ++i) {
        const auto& c = space.layers[i].candidates;
        if (std::find(c.begin(), c.end(), a.ops[i]) == c.end())
            throw DnasError(file, where,
                            "op \"" + a.ops[i] + "\" is not a candidate of layer " +
                                std::to_string(i));
    }
    a.space = space.name;
    return a;
}

double toMs(double v, const std::string& unit) {
    return unit == "us" ? v / 1000.0 : unit == "s" ? v * 1000.0 : v;
}

void checkLatency(double v, const std::string& file, const std::string& where) {
    if (!std::isfinite(v) || v < 0.0)
        throw DnasError(file, where, "latency must be a finite number >= 0");
}

} // namespace

Timings Timings::fromJson(const nlohmann::json& doc, const std::string& file,
                          const SearchSpace& space) {
    if (doc.is_object() && doc.contains("format"))
        checkFormat(doc, "dnas-timings", file);
    JsonReader r(doc, file);
    Timings t;
    t.file = file;
    t.space = r.getString("space", "");
    const std::string unit = r.getString("unit", "ms");
    if (unit != "ms" && unit != "us" && unit != "s")
        r.fail("unit", "must be \"ms\", \"us\" or \"s\"");
    const auto list = r.at("measurements");
    for (size_t i = 0; i < list.size(); ++i) {
        const auto m = list.at(i);
        const std::string where = "measurements[" + std::to_string(i) + "]";
        if (!m.has("arch"))
            m.fail("arch", "missing");
        TimingSample s;
        s.where = where;
        s.arch = parseArch(m.json()["arch"], space, file, where + ".arch");
        s.latency_ms = toMs(m.getDouble("latency"), unit);
        checkLatency(s.latency_ms, file, where + ".latency");
        t.samples.push_back(std::move(s));
    }
    return t;
}

Timings Timings::fromCsv(const std::string& text, const std::string& file,
                         const SearchSpace& space) {
    Timings t;
    t.file = file;
    std::istringstream in(text);
    std::string line;
    std::vector<std::string> cells;
    int lineNo = 0, archCol = -1, latCol = -1;
    size_t width = 0;
    std::string unit;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos ||
            line[line.find_first_not_of(" \t")] == '#')
            continue;
        const std::string where = "line " + std::to_string(lineNo);
        if (!CsvLut::splitLine(line, cells))
            throw DnasError(file, where, "unterminated quote");
        if (width == 0) {
            for (size_t c = 0; c < cells.size(); ++c) {
                if (cells[c] == "arch")
                    archCol = int(c);
                if (cells[c] == "latency_ms" || cells[c] == "latency_us") {
                    latCol = int(c);
                    unit = cells[c].substr(8);
                }
            }
            if (archCol < 0 || latCol < 0)
                throw DnasError(file, where,
                                "header must name columns arch and latency_ms (or latency_us)");
            width = cells.size();
            continue;
        }
        if (cells.size() != width)
            throw DnasError(file, where,
                            "has " + std::to_string(cells.size()) + " fields, the header has " +
                                std::to_string(width));
        TimingSample s;
        s.where = where;
        s.arch = parseArch(cells[size_t(archCol)], space, file, where);
        char* end = nullptr;
        const std::string& v = cells[size_t(latCol)];
        const double x = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0')
            throw DnasError(file, where, "latency \"" + v + "\" is not a number");
        s.latency_ms = toMs(x, unit);
        checkLatency(s.latency_ms, file, where);
        t.samples.push_back(std::move(s));
    }
    if (width == 0)
        throw DnasError(file, "", "empty file (expected a header arch,latency_ms)");
    return t;
}

Timings Timings::read(const std::string& path, const SearchSpace& space) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw DnasError(path, "", "cannot open file");
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string text = buf.str();
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '{')
        return fromJson(readJsonFile(path), path, space);
    return fromCsv(text, path, space);
}

} // namespace dnas
