// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/search/Study.h"

#include <QObject>
#include <QString>
#include <optional>

namespace dnas::ui {

class ArchitectureInspector;
class CandidatesTable;
class CurvesPlot;
class MainWindow;
class ParetoPlot;
class ProbabilityHeatmap;
class SearchSession;
class StudyDocument;

// The views of a search (ui/plots) placed in the main window and fed by the controller:
// probability heatmap, curves and Pareto plot + candidates table as central tabs, the
// architecture inspector as a dock. They show the run's study, else the document's.
class SearchViews : public QObject {
    Q_OBJECT
  public:
    SearchViews(MainWindow* window, StudyDocument* document, SearchSession* controller);

    ProbabilityHeatmap* heatmap() const { return heatmap_; }
    CurvesPlot* curves() const { return curves_; }
    ParetoPlot* pareto() const { return pareto_; }
    CandidatesTable* candidates() const { return candidates_; }
    ArchitectureInspector* inspector() const { return inspector_; }
    // The run's latest argmax architecture (canonical string), at the end the delivered net (the
    // argmax repaired into a target's band); empty before the first samples.
    QString argmaxArchitecture() const { return argmax_; }

  private:
    void showStudy(const Study& study);
    void clear();

    StudyDocument* document_;
    SearchSession* controller_;
    ProbabilityHeatmap* heatmap_;
    CurvesPlot* curves_;
    ParetoPlot* pareto_;
    CandidatesTable* candidates_;
    ArchitectureInspector* inspector_;
    std::optional<LatencyTable> lut_; // the shown study's LUT, kept alive for the inspector
    bool showingRun_ = false;         // a run's study is shown, not the document's
    QString argmax_;                  // the run's latest argmax architecture
};

} // namespace dnas::ui
