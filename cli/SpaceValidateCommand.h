// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/CliCommand.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace dnas::cli {

// `dnas space validate SPACE`: "ok" (exit 0) or every problem as "FILE: field: message"
// (exit 1). A file that is missing or not JSON at all is an input error (exit 2).
class SpaceValidateCommand : public CliCommand {
  public:
    QString name() const override { return "validate"; }
    QString summary() const override { return "Check a search space and list every problem"; }
    int run(const QStringList& args) override;

    // The problems of a parsed space document, each "FILE: field: message"; empty when valid.
    static std::vector<std::string> problems(const nlohmann::json& doc, const std::string& file);
};

} // namespace dnas::cli
