// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SweepCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/ConsoleSearchObserver.h"
#include "cli/SearchRunner.h"
#include "cli/TextTable.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/search/CostTable.h"
#include "engine/search/Study.h"
#include "engine/search/Sweeper.h"
#include "engine/util/DnasError.h"

#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

namespace dnas::cli {

namespace {
// Prints a sweep: a line per target, its search as `dnas search` prints it, retraining epochs.
class ConsoleSweepObserver : public SweepObserver {
  public:
    ConsoleSweepObserver(bool jsonLines, const std::string& costUnit)
        : json_(jsonLines), search_(jsonLines, costUnit) {}

    void onTargetStarted(const SweepTarget& t) override {
        dir_ = t.run_dir;
        std::ostringstream target; // default formatting, whatever the search lines left set
        target << t.target;
        std::cout << "[" << t.index + 1 << "/" << t.count << "] target " << target.str() << " "
                  << t.unit << ": " << (t.searched ? "done" : t.run_dir) << std::endl;
    }
    void onStarted(int firstEpoch, int epochs) override { search_.onStarted(firstEpoch, epochs); }
    void onStep(const StepMetrics& m) override { search_.onStep(m); }
    void onEpoch(const EpochMetrics& e) override { search_.onEpoch(e); }
    void onSamples(const SampleSet& s) override { search_.onSamples(s); }
    void onCheckpoint(int epoch, const std::string& path) override {
        search_.onCheckpoint(epoch, path);
    }
    void onFinished(const SampleSet& final) override {
        search_.onFinished(final);
        if (!json_)
            std::cout << "run folder: " << dir_ << std::endl;
    }
    void onError(const std::string& message) override { search_.onError(message); }
    void onRetrainProgress(const TrainProgress& t) override {
        if (t.test_accuracy < 0)
            return;
        std::ostringstream acc; // not std::cout's precision: the next target line keeps its own
        acc << std::fixed << std::setprecision(2) << 100 * t.test_accuracy;
        std::cout << "  retrain epoch " << t.epoch + 1 << "/" << t.epochs << "  test " << acc.str()
                  << "%" << std::endl;
    }

  private:
    bool json_;
    ConsoleSearchObserver search_;
    std::string dir_;
};
} // namespace

int SweepCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Search a front: one latency-target search per target, one after another, "
                    "each in its own run folder (OUT/target-<T><unit>), then optionally each "
                    "delivered net retrained. Run again with the same --out to resume: finished "
                    "targets are kept, a stopped one goes on from its checkpoint. Writes "
                    "OUT/sweep.json.");
    p.addPositional("study", "A *.study.json file or a shipped study name (fmnist).");
    p.addOption("targets", "T,...",
                "Targets, comma-separated: ms for a latency cost model, else its unit.");
    p.addOption("count", "N", "Instead of --targets: N targets spread over the LUT's range.");
    p.addOption("retrain", "KIND",
                "Retrain each delivered net: proxy (a short recipe into RUN/proxy) or full "
                "(the study's recipe into RUN/final).");
    p.addOption("proxy-epochs", "N", "Epochs of the proxy recipe (default 2).");
    p.addOption("out", "DIR", "Sweep folder (required).", "o");
    p.addFlag("json-progress", "Print one JSON object per search event.");
    p.setEpilog("Example:\n  dnas sweep fmnist --targets 0.5,0.7,0.9 --retrain proxy -o "
                "runs/front\n");
    if (!p.parse(args))
        return kExitOk;
    if (!p.isSet("out"))
        throw DnasError("command line", "--out", "a sweep needs a folder");
    if (p.isSet("targets") == p.isSet("count"))
        throw DnasError("command line", "--targets", "give --targets or --count, one of them");
    SweepRetrain retrain = SweepRetrain::None;
    if (p.isSet("retrain")) {
        retrain = sweepRetrainFromString(p.value("retrain"), "command line", "--retrain");
        if (retrain == SweepRetrain::None)
            throw DnasError("command line", "--retrain", "\"none\": expected proxy or full");
    }
    int proxyEpochs = SweepPlan::kDefaultProxyEpochs;
    if (auto v = p.intValue("proxy-epochs", 1, 10000))
        proxyEpochs = *v;

    const Study study = Study::load(p.positional(0));
    if (study.cost.usesLut() && study.cost.lut == LutCache::kAuto) {
        ConsoleProgress progress("measuring this machine's LUT");
        TimingOptions timing;
        timing.threads = study.settings.threads;
        ensureMachineLut(study.space, std::ref(progress), timing);
    }
    const CostTable costs = CostTable::forStudy(study);
    SweepPlan plan = p.isSet("targets")
                         ? SweepPlan::forTargets(costs, SweepPlan::parseTargets(p.value("targets")))
                         : SweepPlan::spread(costs, *p.intValue("count", 1, 100));
    plan.retrain = retrain;
    plan.proxy_epochs = proxyEpochs;

    Sweeper sweeper(study, plan, p.value("out"));
    ConsoleSweepObserver observer(p.isSet("json-progress"), study.cost.unit());
    std::optional<size_t> stoppedAt; // the target a Ctrl-C stopped
    runStoppableInConsole([&](StopPauseToken& control) {
        if (!sweeper.run(observer, control))
            stoppedAt = sweeper.results().size();
    });
    if (stoppedAt) {
        if (!p.isSet("json-progress"))
            std::cout << "\nstopped" << std::endl;
        std::ostringstream target;
        target << plan.targets.at(*stoppedAt);
        std::cout << "sweep stopped at target " << target.str() << " " << plan.unit
                  << "; run the same command again to resume" << std::endl;
        return kExitFailed;
    }

    TextTable table;
    for (const std::string& c :
         {"target " + plan.unit, "delivered " + costs.unit, std::string("within"),
          std::string("accuracy %"), std::string("run")})
        table.addColumn(c, TextTable::Align::Right);
    for (const SweepTargetResult& r : sweeper.results()) {
        std::ostringstream target, cost, acc;
        target << r.target;
        cost << std::fixed << std::setprecision(1) << r.cost;
        if (r.test_accuracy)
            acc << std::fixed << std::setprecision(2) << 100 * *r.test_accuracy;
        table.addRow({target.str(), cost.str(), r.within ? "yes" : "NO",
                      acc.str().empty() ? "-" : acc.str(), r.run});
    }
    table.print();
    return kExitOk;
}

} // namespace dnas::cli
