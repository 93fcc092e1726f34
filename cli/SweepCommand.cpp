// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SweepCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/SearchRunner.h"
#include "cli/TextTable.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/search/CostTable.h"
#include "engine/search/Searcher.h"
#include "engine/search/Study.h"
#include "engine/train/Trainer.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

namespace fs = std::filesystem;

namespace dnas::cli {

namespace {
constexpr double kMicrosecondsPerMs = 1000.0; // LUT latencies are in µs, targets given in ms
constexpr int kDefaultProxyEpochs = 2; // enough to order nets of one space, ~1/10 of a recipe

enum class Retrain { None, Proxy, Full };

std::vector<double> parseTargets(const std::string& text) {
    std::vector<double> v;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        size_t used = 0;
        double ms = 0;
        try {
            ms = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size() || !(ms > 0))
            throw DnasError("command line", "--targets",
                            "\"" + item + "\" is not a positive number (e.g. 0.4,0.6,0.8)");
        v.push_back(ms);
    }
    if (v.empty())
        throw DnasError("command line", "--targets", "no target given");
    return v;
}

// Targets are given in ms for latency, else in the cost model's unit (MMAC, Kparams, uJ).
struct TargetUnit {
    std::string name;
    double toCost = 1.0; // multiplies a given target into the cost model's unit
};

TargetUnit targetUnit(const CostTable& costs) {
    if (costs.kind == "latency")
        return {"ms", kMicrosecondsPerMs};
    return {costs.unit, 1.0};
}

// N targets spread geometrically over the space's cost range (cost ratios matter, not
// differences), leaving out both ends: only one net sits at each end.
std::vector<double> spreadTargets(const CostTable& costs, const TargetUnit& unit, int count) {
    std::vector<double> v;
    const double lo = costs.minCost(), hi = costs.maxCost();
    for (int i = 1; i <= count; ++i)
        v.push_back(lo * std::pow(hi / lo, static_cast<double>(i) / (count + 1)) / unit.toCost);
    return v;
}

std::string folderName(double target, const TargetUnit& unit) {
    std::ostringstream s;
    s << "target-" << std::fixed << std::setprecision(3) << target << unit.name;
    return s.str();
}

// Retrains the run's delivered net into RUN/final (the study's recipe) or RUN/proxy; a folder
// that already has its train.json is kept, so a resumed sweep does not train twice.
double retrain(const std::string& runDir, Retrain kind, int proxyEpochs) {
    const std::string out =
        (fs::path(runDir) / (kind == Retrain::Full ? "final" : "proxy")).string();
    const std::string record = (fs::path(out) / "train.json").string();
    if (fs::exists(record))
        return readJsonFile(record).value("test_accuracy", 0.0);
    const std::string studyFile = (fs::path(runDir) / "study.json").string();
    const Study study = Study::fromJson(readJsonFile(studyFile), studyFile);
    const Architecture arch =
        Architecture::resolve((fs::path(runDir) / "final" / "arch.json").string(), study.space);
    TrainSettings s = study.train;
    if (kind == Retrain::Proxy)
        s.epochs = proxyEpochs;
    Trainer trainer(study.space, arch, study.dataset, studyFile, s);
    const TrainResult r = trainer.run(out, [&](const TrainProgress& t) {
        if (t.test_accuracy >= 0)
            std::cout << "  retrain epoch " << t.epoch + 1 << "/" << t.epochs << "  test "
                      << std::fixed << std::setprecision(2) << 100 * t.test_accuracy << "%"
                      << std::endl;
    });
    return r.test_accuracy;
}
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
    Retrain retrainKind = Retrain::None;
    if (p.isSet("retrain")) {
        const std::string k = p.value("retrain");
        if (k == "proxy")
            retrainKind = Retrain::Proxy;
        else if (k == "full")
            retrainKind = Retrain::Full;
        else
            throw DnasError("command line", "--retrain", "\"" + k + "\": expected proxy or full");
    }
    int proxyEpochs = kDefaultProxyEpochs;
    if (auto v = p.intValue("proxy-epochs", 1, 10000))
        proxyEpochs = *v;

    const Study study = Study::load(p.positional(0));
    std::optional<LatencyTable> lut;
    if (study.cost.usesLut()) {
        if (study.cost.lut == LutCache::kAuto) {
            ConsoleProgress progress("measuring this machine's LUT");
            TimingOptions timing;
            timing.threads = study.settings.threads;
            ensureMachineLut(study.space, std::ref(progress), timing);
        }
        lut = LutCache::resolve(study.cost.lut);
    }
    const CostTable costs = CostTable::build(study.space, study.cost, lut ? &*lut : nullptr);
    const TargetUnit unit = targetUnit(costs);
    const std::vector<double> targets =
        p.isSet("targets") ? parseTargets(p.value("targets"))
                           : spreadTargets(costs, unit, *p.intValue("count", 1, 100));
    const fs::path out = p.value("out");
    fs::create_directories(out);

    nlohmann::json runs = nlohmann::json::array();
    TextTable table;
    for (const std::string& c :
         {"target " + unit.name, "delivered " + costs.unit, std::string("within"),
          std::string("accuracy %"), std::string("run")})
        table.addColumn(c, TextTable::Align::Right);
    for (size_t i = 0; i < targets.size(); ++i) {
        const std::string dir = (out / folderName(targets[i], unit)).string();
        const bool finished = fs::exists(fs::path(dir) / "final" / "summary.json");
        std::cout << "[" << i + 1 << "/" << targets.size() << "] target " << targets[i] << " "
                  << unit.name << ": " << (finished ? "done" : dir) << std::endl;
        if (!finished) {
            int rc = 0;
            if (fs::exists(fs::path(dir) / "checkpoint.pt")) {
                auto searcher = Searcher::resume(dir);
                rc = runSearchInConsole(*searcher, p.isSet("json-progress"));
            } else {
                Study one = study;
                one.settings.loss = LossKind::Target;
                one.settings.target = targets[i] * unit.toCost;
                one.settings.check(study.source);
                Searcher searcher(one, dir);
                rc = runSearchInConsole(searcher, p.isSet("json-progress"));
            }
            if (rc != kExitOk) {
                std::cout << "sweep stopped at target " << targets[i] << " " << unit.name
                          << "; run the same command again to resume" << std::endl;
                return rc;
            }
        }
        const std::string summaryFile = (fs::path(dir) / "final" / "summary.json").string();
        const nlohmann::json summary = readJsonFile(summaryFile);
        nlohmann::json entry = {
            {"target", targets[i]},
            {"run", fs::path(dir).filename().string()},
            {"arch", summary.at("argmax").at("arch")},
            {"cost", summary.at("argmax").at("cost")},
            {"within", summary.value("target", nlohmann::json::object()).value("within", false)}};
        if (retrainKind != Retrain::None) {
            entry["retrain"] = retrainKind == Retrain::Full ? "full" : "proxy";
            entry["test_accuracy"] = retrain(dir, retrainKind, proxyEpochs);
        }
        runs.push_back(entry);
        std::ostringstream ms, cost, acc;
        ms << targets[i];
        cost << std::fixed << std::setprecision(1) << entry["cost"].get<double>();
        if (entry.contains("test_accuracy"))
            acc << std::fixed << std::setprecision(2) << 100 * entry["test_accuracy"].get<double>();
        table.addRow({ms.str(), cost.str(), entry["within"].get<bool>() ? "yes" : "NO",
                      acc.str().empty() ? "-" : acc.str(), entry["run"].get<std::string>()});
        writeJsonFileAtomic((out / "sweep.json").string(), {{"format", "dnas-sweep/1"},
                                                            {"study", study.name},
                                                            {"target_unit", unit.name},
                                                            {"targets", targets},
                                                            {"runs", runs}});
    }
    table.print();
    return kExitOk;
}

} // namespace dnas::cli
