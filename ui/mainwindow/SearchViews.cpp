// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SearchViews.h"

#include "engine/cost/LutCache.h"
#include "engine/search/CostTable.h"
#include "engine/search/Study.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/plots/ArchitectureInspector.h"
#include "ui/plots/CandidatesTable.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/plots/ProbabilityHeatmap.h"
#include "ui/search/SearchSession.h"
#include "ui/study/StudyDocument.h"

#include <QSplitter>

namespace dnas::ui {

namespace {
constexpr int kParetoStretch = 3; // plot : table height in the Pareto tab
constexpr int kTableStretch = 2;

// The study's target cost: its own, or the cost its quantile stands for on the study's cost
// table, as the search will resolve it; none when that table cannot be built yet.
std::optional<double> targetCost(const Study& study, const LatencyTable* lut) {
    const SearchSettings& s = study.settings;
    if (s.target > 0.0 || !(s.target_quantile > 0.0))
        return s.target;
    if (!study.space.validate().empty() || (study.cost.usesLut() && !lut))
        return std::nullopt;
    try {
        return CostTable::build(study.space, study.cost, lut).targetOf(s);
    } catch (const std::exception&) {
        return std::nullopt; // a LUT that lacks part of the space: the Space panel says so
    }
}
} // namespace

SearchViews::SearchViews(MainWindow* window, StudyDocument* document, SearchSession* controller)
    : QObject(window), document_(document), controller_(controller),
      heatmap_(new ProbabilityHeatmap(window)), curves_(new CurvesPlot(window)),
      pareto_(new ParetoPlot(window)), candidates_(new CandidatesTable(pareto_->model(), window)),
      inspector_(new ArchitectureInspector(window)) {
    heatmap_->setObjectName(QStringLiteral("probabilityHeatmap"));
    curves_->setObjectName(QStringLiteral("curvesPlot"));
    pareto_->setObjectName(QStringLiteral("paretoPlot"));
    pareto_->setSelectionModel(candidates_->selectionModel());

    auto* split = new QSplitter(Qt::Vertical, window);
    split->setObjectName(QStringLiteral("paretoSplitter"));
    split->addWidget(pareto_);
    split->addWidget(candidates_);
    split->setStretchFactor(0, kParetoStretch);
    split->setStretchFactor(1, kTableStretch);
    window->addView(heatmap_, tr("Probabilities"));
    window->addView(curves_, tr("Curves"));
    window->addView(split, tr("Pareto"));
    window->addPanel(inspector_, tr("Architecture"), QStringLiteral("architectureDock"),
                     Qt::RightDockWidgetArea);

    connect(controller_, &SearchSession::runStarted, this, &SearchViews::clear);
    connect(controller_, &SearchSession::runStudy, this, [this](const Study& s) {
        showingRun_ = true;
        showStudy(s);
    });
    connect(controller_, &SearchSession::stepsUpdated, curves_, &CurvesPlot::addSteps);
    connect(controller_, &SearchSession::epochAdded, this, [this](const EpochMetrics& e) {
        heatmap_->addEpoch(e);
        curves_->addEpoch(e);
    });
    connect(controller_, &SearchSession::samplesAdded, this, [this](const SampleSet& s) {
        pareto_->addSamples(s);
        for (const auto& a : s.samples)
            if (a.is_argmax)
                argmax_ = QString::fromStdString(a.arch);
    });
    connect(controller_, &SearchSession::finalSamples, this, [this](const SampleSet& s) {
        if (!s.samples.empty()) // the delivered net leads the final set
            argmax_ = QString::fromStdString(s.samples.front().arch);
    });
    // At the end of a run (live or read from its folder) the inspector shows the delivered
    // architecture (the argmax, repaired into a target's band, or the best of the finalists)
    // unless the user picked one.
    connect(controller_, &SearchSession::finished, this, [this] {
        if (!argmax_.isEmpty() && inspector_->architecture().ops.empty())
            inspector_->showArchitecture(argmax_);
    });
    connect(pareto_, &ParetoPlot::architectureSelected, inspector_,
            &ArchitectureInspector::showArchitecture);
    connect(document_, &StudyDocument::studyChanged, this, [this] {
        if (!showingRun_ || !controller_->isBusy()) {
            showingRun_ = false;
            showStudy(document_->study());
        }
    });
}

void SearchViews::showStudy(const Study& study) {
    inspector_->setLuts({}); // it keeps pointers to lut_
    lut_.reset();
    if (study.cost.usesLut()) {
        try {
            lut_ = LutCache::resolve(study.cost.lut);
        } catch (const std::exception&) {
            // No LUT yet (not measured, or missing): the views show no cost, the Space panel why.
        }
    }
    // The cost target needs no shapes, so it is shown even while the space is being fixed.
    const QString unit = QString::fromStdString(study.cost.unit());
    std::optional<double> target;
    if (study.settings.steersToTarget())
        target = targetCost(study, lut_ ? &*lut_ : nullptr);
    curves_->setCostUnit(unit);
    curves_->setTarget(target, study.settings.target_tolerance);
    pareto_->setCostUnit(unit);
    pareto_->setTarget(target, study.settings.target_tolerance);
    if (!study.space.validate().empty())
        return; // the Space panel flags it; plots need shapes
    heatmap_->setSpace(study.space);
    heatmap_->setLut(study.space, lut_ ? &*lut_ : nullptr);
    inspector_->setSpace(study.space);
    std::vector<ArchitectureInspector::NamedLut> luts;
    if (lut_)
        luts.emplace_back(QString::fromStdString(lut_->deviceName()), &*lut_);
    inspector_->setLuts(std::move(luts));
}

void SearchViews::clear() {
    argmax_.clear();
    heatmap_->clear();
    curves_->clear();
    pareto_->clear();
}

} // namespace dnas::ui
