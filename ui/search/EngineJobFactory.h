// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SearchJobFactory.h"

namespace dnas::ui {

// Jobs that run dnas::Searcher: a new run of a study, or the resumption of a stopped one (which
// first reports the run's history, so the views show the whole run).
class EngineJobFactory : public SearchJobFactory {
  public:
    SearchJob newRun(const Study& study, const std::string& runDir) override;
    SearchJob resume(const std::string& runDir) override;
};

} // namespace dnas::ui
