// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/CsvLut.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/TextFile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>

namespace dnas {

namespace {

const char* const kSigColumns[] = {"c_in", "c_out", "h", "w", "stride"};
const char* const kFixedRows[] = {"stem", "head", "pool", "fc"};

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t");
    if (a == std::string::npos)
        return "";
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

int sigField(const OpSignature& s, const std::string& col) {
    if (col == "c_in")
        return s.c_in;
    if (col == "c_out")
        return s.c_out;
    if (col == "h")
        return s.h;
    if (col == "w")
        return s.w;
    return s.stride;
}

std::string number(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

} // namespace

bool CsvLut::splitLine(const std::string& line, std::vector<std::string>& fields) {
    fields.clear();
    std::string cur;
    bool quoted = false, wasQuoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"' && trim(cur).empty()) {
            // Spreadsheets write `a, "b,c"`: spaces around a quoted field are not part of it.
            cur.clear();
            quoted = wasQuoted = true;
        } else if (wasQuoted && (c == ' ' || c == '\t')) {
            continue;
        } else if (c == ',') {
            fields.push_back(wasQuoted ? cur : trim(cur));
            cur.clear();
            wasQuoted = false;
        } else {
            cur += c;
        }
    }
    fields.push_back(wasQuoted ? cur : trim(cur));
    return !quoted;
}

LatencyTable CsvLut::parse(const std::string& text, const SearchSpace& space,
                           const std::string& file) {
    const auto shapes = space.layerShapes();
    const auto fixedSigs = LatencyTable::fixedSignatures(space);
    LatencyTable t;
    t.source = file;
    t.device = {{"name", "CSV import"}, {"kind", "imported"}, {"notes", "imported from " + file}};
    t.provenance = {{"kind", "imported"}, {"from", file}, {"format", "csv"}, {"space", space.name}};

    std::vector<std::string> header, cells;
    std::vector<int> opCols, sigCols; // column indices
    int fixedCol = -1;
    std::map<std::string, int> rowLine; // row name -> line it was first seen on
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (trim(line).empty() || trim(line)[0] == '#')
            continue;
        const std::string where = "line " + std::to_string(lineNo);
        auto fail = [&](const std::string& m) { throw DnasError(file, where, m); };
        if (!splitLine(line, cells))
            fail("unterminated quote");

        if (header.empty()) {
            header = cells;
            if (header[0] != "layer")
                fail("first column must be \"layer\", got \"" + header[0] + "\"");
            for (size_t c = 1; c < header.size(); ++c) {
                const std::string& h = header[c];
                for (size_t k = 0; k < c; ++k)
                    if (header[k] == h)
                        fail("column \"" + h + "\" appears twice");
                bool isSig = false;
                for (const char* s : kSigColumns)
                    isSig = isSig || h == s;
                if (isSig)
                    sigCols.push_back(int(c));
                else if (h == "fixed")
                    fixedCol = int(c);
                else if (space.hasOp(h))
                    opCols.push_back(int(c));
                else
                    fail("column \"" + h + "\" is not an op of space \"" + space.name + "\"");
            }
            if (opCols.empty() && fixedCol < 0)
                fail("no op columns");
            continue;
        }
        if (cells.size() != header.size())
            fail("has " + std::to_string(cells.size()) + " fields, the header has " +
                 std::to_string(header.size()));

        // Which row: a layer index or a fixed part.
        const std::string& name = cells[0];
        int layer = -1;
        OpSignature fixedSig;
        for (size_t k = 0; k < 4; ++k)
            if (name == kFixedRows[k])
                fixedSig = fixedSigs[k];
        if (fixedSig.op.empty()) {
            char* end = nullptr;
            const long v = std::strtol(name.c_str(), &end, 10);
            if (name.empty() || *end != '\0' || v < 0 || v >= long(shapes.size()))
                fail("row \"" + name + "\" is neither a layer index 0.." +
                     std::to_string(shapes.size() - 1) + " nor stem/head/pool/fc");
            layer = int(v);
        }
        const auto [seen, fresh] = rowLine.emplace(name, lineNo);
        if (!fresh)
            fail("row \"" + name + "\" repeated (first on line " + std::to_string(seen->second) +
                 ")");

        // The row's shape: every filled signature cell must agree with the space.
        const OpSignature rowSig = layer >= 0 ? blockSignature(space, size_t(layer), "") : fixedSig;
        for (int c : sigCols) {
            if (cells[c].empty())
                continue;
            if (cells[c] != std::to_string(sigField(rowSig, header[c])))
                fail("column " + header[c] + " is " + cells[c] + " but space \"" + space.name +
                     "\" has " + std::to_string(sigField(rowSig, header[c])) + " for row " + name);
        }
        auto value = [&](int c) {
            char* end = nullptr;
            const double v = std::strtod(cells[c].c_str(), &end);
            if (*end != '\0' || !std::isfinite(v) || v < 0.0)
                fail("column " + header[c] +
                     ": expected a latency in µs >= 0 or an empty cell, got \"" + cells[c] + "\"");
            return v;
        };
        if (layer >= 0) {
            if (fixedCol >= 0 && !cells[fixedCol].empty())
                fail("column fixed must be empty on a layer row");
            for (int c : opCols) {
                if (cells[c].empty())
                    continue;
                LutEntry e;
                e.sig = blockSignature(space, size_t(layer), header[c]);
                e.latency_us = value(c);
                t.set(e);
            }
        } else {
            const int valueCol = fixedCol >= 0 ? fixedCol : opCols.front();
            for (int c : opCols)
                if (c != valueCol && !cells[c].empty())
                    fail("row " + name + " has a value in column " + header[c] +
                         "; a fixed row's value goes in column " + header[valueCol]);
            if (cells[valueCol].empty())
                continue;
            LutEntry e;
            e.sig = fixedSig;
            e.latency_us = value(valueCol);
            t.set(e);
        }
    }
    if (header.empty())
        throw DnasError(file, "", "empty file (expected a header line)");
    return t;
}

LatencyTable CsvLut::read(const std::string& path, const SearchSpace& space) {
    return parse(readTextFile(path), space, path);
}

std::string CsvLut::format(const LatencyTable& t, const SearchSpace& space) {
    // Op columns: every op some layer may choose, in the space's op order.
    std::vector<std::string> ops;
    for (const auto& op : space.opNames())
        for (const auto& l : space.layers)
            if (std::find(l.candidates.begin(), l.candidates.end(), op) != l.candidates.end()) {
                ops.push_back(op);
                break;
            }
    std::ostringstream out;
    out << "layer";
    for (const char* s : kSigColumns)
        out << ',' << s;
    for (const auto& op : ops)
        out << ',' << op;
    out << ",fixed\n";
    auto row = [&](const std::string& name, const OpSignature& shape) {
        out << name;
        for (const char* s : kSigColumns)
            out << ',' << sigField(shape, s);
    };
    const auto fixedSigs = LatencyTable::fixedSignatures(space);
    auto fixedRow = [&](size_t k) {
        row(kFixedRows[k], fixedSigs[k]);
        for (size_t i = 0; i < ops.size(); ++i)
            out << ',';
        const LutEntry* e = t.find(fixedSigs[k]);
        out << ',' << (e ? number(e->latency_us) : "") << '\n';
    };
    fixedRow(0);
    for (size_t l = 0; l < space.layers.size(); ++l) {
        row(std::to_string(l), blockSignature(space, l, ""));
        const auto& cands = space.layers[l].candidates;
        for (const auto& op : ops) {
            out << ',';
            if (std::find(cands.begin(), cands.end(), op) == cands.end())
                continue;
            if (const LutEntry* e = t.find(blockSignature(space, l, op)))
                out << number(e->latency_us);
        }
        out << ",\n";
    }
    for (size_t k = 1; k < 4; ++k)
        fixedRow(k);
    return out.str();
}

void CsvLut::write(const std::string& path, const LatencyTable& t, const SearchSpace& space) {
    writeTextFileAtomic(path, format(t, space));
}

} // namespace dnas
