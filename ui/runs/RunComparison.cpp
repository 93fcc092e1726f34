// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunComparison.h"

#include "engine/search/RunReader.h"
#include "ui/plots/CurvesPlot.h"
#include "ui/plots/ParetoPlot.h"
#include "ui/runs/CrossDeviceTable.h"
#include "ui/runs/RunsModel.h"

#include <QFileInfo>

namespace dnas::ui {

RunComparison::RunComparison(RunsModel* runs, CurvesPlot* curves, ParetoPlot* pareto,
                             CrossDeviceTable* table, QObject* parent)
    : QObject(parent), runs_(runs), curves_(curves), pareto_(pareto), table_(table) {
    coalesce_.setSingleShot(true);
    coalesce_.setInterval(kCoalesceMs);
    connect(&coalesce_, &QTimer::timeout, this, &RunComparison::update);
    connect(runs_, &RunsModel::checkedChanged, &coalesce_, qOverload<>(&QTimer::start));
    connect(runs_, &RunsModel::runsUpdated, this, [this](const QStringList& dirs) {
        for (const QString& d : dirs)
            cache_.erase(d);
        coalesce_.start();
    });
}

RunSeries RunComparison::load(const QString& dir) {
    RunReader reader(dir.toStdString());
    const RunReader::Update u = reader.poll();
    RunSeries s;
    s.epochs = u.epochs;
    const Study& study = reader.study();
    s.costUnit = QString::fromStdString(study.cost.unit()); // until samples bring theirs
    if (study.settings.steersToTarget()) {
        s.target = study.settings.target;
        s.targetTolerance = study.settings.target_tolerance;
    }
    for (const auto& set : u.samples) {
        if (!set.cost_unit.empty())
            s.costUnit = QString::fromStdString(set.cost_unit);
        s.samples.insert(s.samples.end(), set.samples.begin(), set.samples.end());
    }
    if (u.final && !u.final->samples.empty()) {
        s.delivered = u.final->samples.front();
        if (!u.final->cost_unit.empty())
            s.costUnit = QString::fromStdString(u.final->cost_unit);
    }
    return s;
}

void RunComparison::update() {
    coalesce_.stop();
    series_.clear();
    const QStringList dirs = runs_->checkedDirs();
    for (const QString& dir : dirs) {
        const int row = runs_->rowOf(dir);
        auto it = cache_.find(dir);
        if (it == cache_.end()) {
            try {
                it = cache_.emplace(dir, load(dir)).first;
            } catch (const std::exception&) {
                continue; // the Runs panel shows the error on the run's row
            }
        }
        RunSeries s = it->second;
        s.name = QFileInfo(dir).fileName();
        s.colour = runs_->colour(row);
        const auto& record = runs_->entry(row).record;
        if (record && record->retrained)
            s.retrainedAccuracy = record->retrained->test_accuracy;
        series_.push_back(std::move(s));
    }
    // Runs no longer ticked need not stay in memory.
    for (auto it = cache_.begin(); it != cache_.end();)
        it = dirs.contains(it->first) ? std::next(it) : cache_.erase(it);
    if (curves_)
        curves_->setOverlays(series_);
    if (pareto_)
        pareto_->setOverlays(series_);
    if (table_)
        table_->setRuns(runs_->checkedRecords());
    emit updated();
}

} // namespace dnas::ui
