// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/Sweeper.h"

#include "engine/search/Searcher.h"
#include "engine/search/StopPauseToken.h"
#include "engine/train/Trainer.h"
#include "engine/util/JsonFile.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace dnas {

Sweeper::Sweeper(Study study, SweepPlan plan, std::string sweepDir)
    : study_(std::move(study)), plan_(std::move(plan)), dir_(std::move(sweepDir)) {}

std::string Sweeper::runDir(size_t i) const {
    return (fs::path(dir_) / plan_.folderName(i)).string();
}

bool Sweeper::run(SweepObserver& observer, StopPauseToken& control) {
    fs::create_directories(dir_);
    results_.clear();
    writeSweepFile(); // the folder is a sweep from the start: the app finds it to resume it
    const int count = static_cast<int>(plan_.targets.size());
    for (size_t i = 0; i < plan_.targets.size(); ++i) {
        SweepTarget target;
        target.index = static_cast<int>(i);
        target.count = count;
        target.target = plan_.targets[i];
        target.unit = plan_.unit;
        target.retrain = plan_.retrain;
        target.run_dir = runDir(i);
        target.searched = fs::exists(fs::path(target.run_dir) / "final" / "summary.json");
        target.resumed = !target.searched && fs::exists(fs::path(target.run_dir) / "checkpoint.pt");
        observer.onTargetStarted(target);
        if (!target.searched) {
            if (target.resumed) {
                Searcher::resume(target.run_dir)->run(observer, control);
            } else {
                Study one = study_;
                one.runs.clear();
                one.settings.steerTo(plan_.targetCost(i));
                one.settings.check(study_.source);
                Searcher searcher(one, target.run_dir);
                searcher.run(observer, control);
            }
            if (control.stopRequested())
                return false; // the run kept its checkpoint: the next sweep goes on from it
        }
        SweepTargetResult result = readResult(i);
        if (plan_.retrain != SweepRetrain::None) {
            const std::optional<double> accuracy = retrain(target, observer, control);
            if (!accuracy)
                return false;
            result.retrain = plan_.retrain;
            result.test_accuracy = accuracy;
        }
        results_.push_back(result);
        writeSweepFile();
        observer.onTargetDone(target, result);
    }
    return true;
}

SweepTargetResult Sweeper::readResult(size_t i) const {
    const std::string file = (fs::path(runDir(i)) / "final" / "summary.json").string();
    const nlohmann::json summary = readJsonFile(file);
    SweepTargetResult r;
    r.target = plan_.targets[i];
    r.run = plan_.folderName(i);
    try {
        r.arch = summary.at("argmax").at("arch").get<std::string>();
        r.cost = summary.at("argmax").at("cost").get<double>();
        const nlohmann::json target = summary.value("target", nlohmann::json::object());
        r.within = target.is_object() && target.value("within", false);
    } catch (const nlohmann::json::exception& e) {
        throw DnasError(file, "argmax", e.what());
    }
    return r;
}

std::optional<double> Sweeper::retrain(const SweepTarget& target, SweepObserver& observer,
                                       StopPauseToken& control) {
    const bool full = plan_.retrain == SweepRetrain::Full;
    const fs::path out = fs::path(target.run_dir) / (full ? "final" : "proxy");
    const std::string record = (out / "train.json").string();
    if (fs::exists(record)) // done before this sweep was stopped: not trained twice
        return readJsonFile(record).value("test_accuracy", 0.0);
    const std::string studyFile = (fs::path(target.run_dir) / "study.json").string();
    const Study study = Study::fromJson(readJsonFile(studyFile), studyFile);
    const Architecture arch = Architecture::resolve(
        (fs::path(target.run_dir) / "final" / "arch.json").string(), study.space);
    TrainSettings settings = study.train;
    if (!full)
        settings.epochs = plan_.proxy_epochs;
    observer.onRetrainStarted(target, plan_.retrain, settings.epochs);
    Trainer trainer(study.space, arch, study.dataset, studyFile, settings);
    const TrainResult r = trainer.run(
        out.string(), [&](const TrainProgress& p) { observer.onRetrainProgress(p); }, &control);
    if (control.stopRequested())
        return std::nullopt; // no files written: the next sweep trains it again
    return r.test_accuracy;
}

void Sweeper::writeSweepFile() const {
    writeJsonFileAtomic((fs::path(dir_) / SweepPlan::kSweepFile).string(),
                        plan_.toJson(study_.name, results_));
}

} // namespace dnas
