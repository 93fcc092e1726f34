// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SampleCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/TextTable.h"
#include "engine/search/SearchTypesJson.h"
#include "engine/search/Searcher.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace dnas::cli {

int SampleCommand::run(const QStringList& args) {
    CommandParser p(args.value(0), "Sample K architectures from softmax(theta) of a run's last "
                                   "checkpoint, plus the argmax; score each by one-shot accuracy "
                                   "on the validation slice and by its exact cost.");
    p.addPositional("run", "The run folder.");
    p.addOption("k", "K", "How many architectures to sample (default 6, as FBNet).", "k");
    p.addOption("seed", "S", "Sampling seed (default 0).");
    p.addOption("arch", "ARCH",
                "Score this architecture instead of sampling (repeatable; all-OP puts OP in "
                "every layer). The run's final/arch.json, when it has one, is scored first and is "
                "the reference of --equal-cost; otherwise the first --arch is.");
    p.addOption("equal-cost", "N",
                "Also score N architectures drawn uniformly from the space whose cost is within "
                "--tolerance of the reference's: the random baseline of equal cost.");
    p.addOption("tolerance", "F", "Relative cost tolerance of --equal-cost (default 0.05).");
    p.addOption("finetune", "STEPS",
                "Score each architecture after STEPS steps of training its own weights from the "
                "supernet's (the same batches for every one), not straight from the supernet.");
    p.addOption("finetune-lr", "LR",
                "First learning rate of --finetune, cosine to zero (default: a tenth of the "
                "search's).");
    p.addFlag("json", "Print JSON.");
    p.setEpilog("Examples:\n  dnas sample runs/fmnist -k 10\n"
                "  dnas sample runs/fmnist --equal-cost 8 --arch all-k3_e6 --json\n");
    if (!p.parse(args))
        return kExitOk;
    const int k = p.intValue("k", 0, 10000).value_or(6);
    const int seed = p.intValue("seed", 0, 2000000000).value_or(0);
    auto searcher = Searcher::resume(p.positional(0));
    SampleSet set;
    if (p.isSet("arch") || p.isSet("equal-cost")) {
        const SearchSpace& space = searcher->study().space;
        std::vector<Architecture> archs;
        // The found net leads (the reference of --equal-cost) once the search has one.
        const fs::path final = fs::path(p.positional(0)) / "final" / "arch.json";
        if (fs::exists(final))
            archs.push_back(Architecture::resolve(final.string(), space));
        else if (!p.isSet("arch"))
            throw DnasError(p.positional(0), "final/arch.json",
                            "the search has not finished; give --arch");
        for (const auto& a : p.values("arch"))
            archs.push_back(Architecture::resolve(a, space));
        set = searcher->scoreFromCheckpoint(archs, p.intValue("equal-cost", 0, 10000).value_or(0),
                                            p.doubleValue("tolerance", 1e-6, 0.99).value_or(0.05),
                                            static_cast<uint64_t>(seed),
                                            p.intValue("finetune", 0, 1000000).value_or(0),
                                            p.doubleValue("finetune-lr", 1e-9, 10.0).value_or(0.0));
    } else {
        set = searcher->sampleFromCheckpoint(k, static_cast<uint64_t>(seed));
    }
    if (p.isSet("json")) {
        printJson(toJson(set));
        return kExitOk;
    }
    const bool tuned = std::any_of(set.samples.begin(), set.samples.end(),
                                   [](const auto& a) { return a.fine_tuned >= 0.0; });
    TextTable table;
    table.addColumn("");
    table.addColumn("architecture");
    table.addColumn("one-shot acc", TextTable::Align::Right);
    if (tuned)
        table.addColumn("fine-tuned acc", TextTable::Align::Right);
    table.addColumn("cost (" + set.cost_unit + ")", TextTable::Align::Right);
    table.addColumn("MACs", TextTable::Align::Right);
    table.addColumn("params", TextTable::Align::Right);
    for (const auto& a : set.samples) {
        std::vector<std::string> row{std::string(a.pareto ? "*" : " ") + (a.is_argmax ? "A" : " "),
                                     a.arch, fixed(100 * a.accuracy, 2) + "%"};
        if (tuned)
            row.push_back(fixed(100 * a.fine_tuned, 2) + "%");
        row.insert(row.end(), {fixed(a.cost, 1), scaled(a.macs), scaled(a.params)});
        table.addRow(row);
    }
    table.print();
    printLine("* = on the Pareto front (accuracy vs cost), A = argmax of theta");
    return kExitOk;
}

} // namespace dnas::cli
