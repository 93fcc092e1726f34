// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SampleCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/TextTable.h"
#include "search/SearchTypesJson.h"
#include "search/Searcher.h"

namespace dnas::cli {

int SampleCommand::run(const QStringList& args) {
    CommandParser p(args.value(0), "Sample K architectures from softmax(theta) of a run's last "
                                   "checkpoint, plus the argmax; score each by one-shot accuracy "
                                   "on the validation slice and by its exact cost.");
    p.addPositional("run", "The run folder.");
    p.addOption("k", "K", "How many architectures to sample (default 6, as FBNet).", "k");
    p.addOption("seed", "S", "Sampling seed (default 0).");
    p.addFlag("json", "Print JSON.");
    if (!p.parse(args)) return kExitOk;
    const int k = p.intValue("k", 0, 10000).value_or(6);
    const int seed = p.intValue("seed", 0, 2000000000).value_or(0);
    auto searcher = Searcher::resume(p.positional(0));
    const SampleSet set = searcher->sampleFromCheckpoint(k, static_cast<uint64_t>(seed));
    if (p.isSet("json")) {
        printJson(toJson(set));
        return kExitOk;
    }
    TextTable table;
    table.addColumn("");
    table.addColumn("architecture");
    table.addColumn("one-shot acc", TextTable::Align::Right);
    table.addColumn("cost (" + set.cost_unit + ")", TextTable::Align::Right);
    table.addColumn("MACs", TextTable::Align::Right);
    table.addColumn("params", TextTable::Align::Right);
    for (const auto& a : set.samples)
        table.addRow({std::string(a.pareto ? "*" : " ") + (a.is_argmax ? "A" : " "), a.arch,
                      fixed(100 * a.accuracy, 2) + "%", fixed(a.cost, 1), scaled(a.macs),
                      scaled(a.params)});
    table.print();
    printLine("* = on the Pareto front (accuracy vs cost), A = argmax of theta");
    return kExitOk;
}

} // namespace dnas::cli
