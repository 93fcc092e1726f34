// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/JsonText.h"
#include "engine/util/DnasError.h"

namespace dnas {

nlohmann::json parseJsonText(const std::string& text, const std::string& file,
                             const std::string& where) {
    using Event = nlohmann::json::parse_event_t;
    const auto limitDepth = [&](int depth, Event event, nlohmann::json&) {
        if ((event == Event::object_start || event == Event::array_start) && depth >= kMaxJsonDepth)
            throw DnasError(file, where,
                            "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        return true;
    };
    try {
        return nlohmann::json::parse(text, limitDepth);
    } catch (const nlohmann::json::exception& e) {
        // parse_error, and out_of_range for a number beyond double ("9E996", found by
        // fuzzing). nlohmann's message already says where ("at line L, column C").
        throw DnasError(file, where, std::string("malformed JSON: ") + e.what());
    }
}

} // namespace dnas
