// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SpaceValidateCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "engine/util/Resources.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace dnas::cli {

namespace {

// "layers[12].c_in" -> 12; -1 for any other field.
int cInLayer(const std::string& field) {
    const std::string prefix = "layers[", suffix = "].c_in";
    if (field.size() <= prefix.size() + suffix.size() || field.compare(0, prefix.size(), prefix) ||
        field.compare(field.size() - suffix.size(), suffix.size(), suffix))
        return -1;
    const std::string digits =
        field.substr(prefix.size(), field.size() - prefix.size() - suffix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos)
        return -1;
    return std::atoi(digits.c_str());
}

} // namespace

std::vector<std::string> SpaceValidateCommand::problems(const nlohmann::json& doc,
                                                        const std::string& file) {
    std::vector<std::string> out;
    nlohmann::json j = doc;
    // SearchSpace::fromJson checks the optional "c_in" chain while parsing and stops at the
    // first mismatch; to still list every problem, each reported c_in is noted and dropped and
    // the document parsed again. Any other parse error (wrong type, missing field) leaves no
    // space to validate, so it is the last problem reported.
    for (size_t attempt = 0;; ++attempt) {
        try {
            const SearchSpace sp = SearchSpace::fromJson(j, file, /*requireValid=*/false);
            for (const auto& issue : sp.validate())
                out.push_back(file + ": " + issue.toString());
            return out;
        } catch (const DnasError& e) {
            out.push_back(e.what());
            const int layer = cInLayer(e.field());
            const bool canRetry = layer >= 0 && j.contains("layers") && j["layers"].is_array() &&
                                  static_cast<size_t>(layer) < j["layers"].size() &&
                                  j["layers"][layer].is_object() && attempt <= j["layers"].size();
            if (!canRetry)
                return out;
            j["layers"][layer].erase("c_in");
        }
    }
}

int SpaceValidateCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Checks a search space: JSON fields and types, channel and stride chains, "
                    "candidate ops, groups, sizes. Prints \"ok\" and exits 0 when it is valid, "
                    "else prints every problem as \"FILE: field: message\" and exits 1.");
    p.addPositional("SPACE",
                    QString::fromStdString("Preset name (" + join(SearchSpace::presetNames()) +
                                           ") or path to a *.space.json file."));
    if (!p.parse(args))
        return kExitOk;

    const std::string file = resolveResource(p.positional(0), "spaces", ".space.json");
    // Unreadable or malformed JSON throws here: an input error (exit 2), not a space problem.
    const nlohmann::json doc = readJsonFile(file);
    const auto found = problems(doc, file);
    if (found.empty()) {
        printLine("ok");
        return kExitOk;
    }
    for (const auto& line : found)
        printLine(oneLine(line));
    return kExitFailed;
}

} // namespace dnas::cli
