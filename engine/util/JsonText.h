// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

// Deepest nesting a document may have; the deepest of our formats (a study's inline space) needs 6.
// nlohmann/json copies and dumps recursively, so a document nested 100,000 deep would overflow
// the stack long after parsing succeeded.
constexpr int kMaxJsonDepth = 64;

// Parses one JSON document (a whole file, or one line of a .jsonl log). A syntax error or
// deeper nesting than kMaxJsonDepth is a DnasError naming `file` (and `where`, e.g. "line 3").
nlohmann::json parseJsonText(const std::string& text, const std::string& file,
                             const std::string& where = "");

} // namespace dnas
