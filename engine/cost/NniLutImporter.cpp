// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/NniLutImporter.h"
#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"
#include "engine/util/TextFile.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

namespace dnas {

namespace {

// Recursive descent over one line. Depth is bounded so a hostile line cannot blow the stack.
class LiteralParser {
  public:
    LiteralParser(const std::string& s, const std::string& file, int line)
        : s_(s), file_(file), line_(line) {}

    nlohmann::json parseAll() {
        nlohmann::json v = value(0);
        skipSpace();
        if (pos_ != s_.size())
            fail("unexpected text after the record");
        return v;
    }

  private:
    [[noreturn]] void fail(const std::string& message) const {
        throw DnasError(file_, "line " + std::to_string(line_),
                        "column " + std::to_string(pos_ + 1) + ": " + message);
    }
    void skipSpace() {
        while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_])))
            ++pos_;
    }
    bool eat(char c) {
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    nlohmann::json value(int depth) {
        if (depth > 32)
            fail("nesting too deep");
        skipSpace();
        if (pos_ >= s_.size())
            fail("unexpected end of line");
        const char c = s_[pos_];
        if (c == '{')
            return dict(depth);
        if (c == '(')
            return sequence(depth, ')');
        if (c == '[')
            return sequence(depth, ']');
        if (c == '\'' || c == '"')
            return string();
        if (c == '-' || c == '+' || c == '.' || std::isdigit(static_cast<unsigned char>(c)))
            return number();
        for (const auto& [word, v] : {std::pair<const char*, nlohmann::json>{"True", true},
                                      {"False", false},
                                      {"None", nullptr}}) {
            const std::string w = word;
            if (s_.compare(pos_, w.size(), w) == 0) {
                pos_ += w.size();
                return v;
            }
        }
        fail(std::string("unexpected '") + c + "'");
    }

    nlohmann::json dict(int depth) {
        ++pos_; // '{'
        nlohmann::json out = nlohmann::json::object();
        while (!eat('}')) {
            skipSpace();
            if (pos_ >= s_.size())
                fail("unterminated dict (missing '}')");
            if (s_[pos_] != '\'' && s_[pos_] != '"')
                fail("expected a quoted key");
            const std::string key = string();
            if (!eat(':'))
                fail("expected ':' after '" + key + "'");
            if (out.contains(key))
                fail("key '" + key + "' repeated");
            out[key] = value(depth + 1);
            if (!eat(',')) {
                if (eat('}'))
                    break;
                fail(pos_ >= s_.size() ? "unterminated dict (missing '}')" : "expected ',' or '}'");
            }
        }
        return out;
    }

    nlohmann::json sequence(int depth, char close) {
        ++pos_; // '(' or '['
        nlohmann::json out = nlohmann::json::array();
        while (!eat(close)) {
            if (pos_ >= s_.size())
                fail(std::string("missing '") + close + "'");
            out.push_back(value(depth + 1));
            if (!eat(',')) {
                if (eat(close))
                    break;
                fail(std::string(pos_ >= s_.size() ? "missing '" : "expected ',' or '") + close +
                     "'");
            }
        }
        return out;
    }

    std::string string() {
        const char quote = s_[pos_++];
        std::string out;
        while (pos_ < s_.size() && s_[pos_] != quote) {
            char c = s_[pos_++];
            if (c == '\\' && pos_ < s_.size()) {
                const char e = s_[pos_++];
                c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
            }
            out += c;
        }
        if (pos_ >= s_.size())
            fail("unterminated string");
        // JSON strings must be UTF-8: anything else would throw from every later dump() (an
        // error message, saving the LUT). Found by fuzzing (FuzzNniLut).
        try {
            (void)nlohmann::json(out).dump();
        } catch (const nlohmann::json::type_error&) {
            fail("string is not valid UTF-8");
        }
        ++pos_;
        return out;
    }

    nlohmann::json number() {
        const size_t start = pos_;
        if (s_[pos_] == '-' || s_[pos_] == '+')
            ++pos_;
        bool isFloat = false;
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (std::isdigit(static_cast<unsigned char>(c)) || c == '_') {
                ++pos_;
            } else if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
                ++pos_;
                if ((c == 'e' || c == 'E') && pos_ < s_.size() &&
                    (s_[pos_] == '-' || s_[pos_] == '+'))
                    ++pos_;
            } else {
                break;
            }
        }
        std::string text;
        for (size_t i = start; i < pos_; ++i)
            if (s_[i] != '_')
                text += s_[i]; // Python allows 1_000
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) {
            pos_ = start;
            fail("bad number \"" + s_.substr(start, std::max<size_t>(1, text.size())) + "\"");
        }
        if (!isFloat && std::fabs(v) < 9e15)
            return static_cast<long long>(v);
        return v;
    }

    const std::string& s_;
    const std::string& file_;
    int line_;
    size_t pos_ = 0;
};

} // namespace

nlohmann::json NniLutImporter::parseLiteral(const std::string& text, const std::string& file,
                                            int line) {
    return LiteralParser(text, file, line).parseAll();
}

LatencyTable NniLutImporter::importText(const std::string& text, const std::string& file) {
    LatencyTable t;
    t.source = file;
    t.device = {{"name", "NNI lut.txt"}, {"kind", "imported"}, {"notes", "imported from " + file}};
    std::map<std::string, int> firstLine; // signature key -> line, to name both on a duplicate
    std::string dtype;
    std::istringstream in(text);
    std::string raw;
    int lineNo = 0;
    while (std::getline(in, raw)) {
        ++lineNo;
        if (!raw.empty() && raw.back() == '\r')
            raw.pop_back();
        const size_t first = raw.find_first_not_of(" \t");
        if (first == std::string::npos || raw[first] == '#')
            continue;
        const std::string where = "line " + std::to_string(lineNo);
        auto fail = [&](const std::string& m) { throw DnasError(file, where, m); };

        const nlohmann::json rec = parseLiteral(raw, file, lineNo);
        if (!rec.is_object())
            fail("expected a {...} record");
        for (const char* k : {"op_name", "op_data_shape", "op_latency"})
            if (!rec.contains(k))
                fail(std::string("missing '") + k + "'");
        if (!rec["op_name"].is_string() || rec["op_name"].get<std::string>().empty())
            fail("'op_name' must be a non-empty string");
        const auto& shape = rec["op_data_shape"];
        if (!shape.is_array() || shape.size() != 5)
            fail("'op_data_shape' must be (w, h, cin, cout, stride), got " + shape.dump());
        int v[5];
        for (size_t i = 0; i < 5; ++i) {
            if (!shape[i].is_number_integer() || shape[i].get<long long>() < 1 ||
                shape[i].get<long long>() > 1000000)
                fail("'op_data_shape' item " + std::to_string(i + 1) +
                     " must be a positive integer, got " + shape[i].dump());
            v[i] = static_cast<int>(shape[i].get<long long>());
        }
        const auto& lat = rec["op_latency"];
        if (!lat.is_number() || !(lat.get<double>() >= 0.0))
            fail("'op_latency' must be a number >= 0 (µs), got " + lat.dump());
        if (rec.contains("op_dtype")) {
            if (!rec["op_dtype"].is_string())
                fail("'op_dtype' must be a string");
            // Mixing e.g. float32 and int8 timings in one table would compare unlike things.
            const std::string d = rec["op_dtype"].get<std::string>();
            if (!dtype.empty() && d != dtype)
                fail("'op_dtype' is '" + d + "' but earlier records are '" + dtype + "'");
            dtype = d;
        }
        LutEntry e;
        e.sig = {rec["op_name"].get<std::string>(), v[2], v[3], v[1], v[0], v[4]};
        e.latency_us = lat.get<double>();
        const auto [it, fresh] = firstLine.emplace(e.sig.key(), lineNo);
        if (!fresh)
            fail("second record for " + e.sig.describe() + " (first on line " +
                 std::to_string(it->second) + ")");
        if (t.size() >= kMaxLutEntries)
            fail("more than the " + std::to_string(kMaxLutEntries) + " records a LUT may hold");
        t.set(e);
    }
    if (t.size() == 0)
        throw DnasError(file, "", "no records (expected one {...} per line)");
    t.provenance = {{"kind", "imported"}, {"from", file}, {"format", "nni-lut-txt"}};
    if (!dtype.empty())
        t.provenance["dtype"] = dtype;
    return t;
}

LatencyTable NniLutImporter::importFile(const std::string& path) {
    return importText(readTextFile(path), path);
}

} // namespace dnas
