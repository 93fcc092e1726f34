// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CostCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/ConsoleProgress.h"
#include "cli/TextTable.h"
#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutMeasurer.h"
#include "engine/cost/LutProvenance.h"
#include "engine/cost/ModelCounter.h"
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

namespace dnas::cli {

namespace {

// One row of the per-part breakdown: stem, each layer, head, pool, fc.
struct Part {
    std::string name, op;
    std::optional<OpCount> count; // pool has no MACs in the mobile-vision count
    OpSignature sig;
};

std::vector<Part> parts(const SearchSpace& space, const Architecture& arch, const NetCount& nc) {
    const auto fixedSigs = LatencyTable::fixedSignatures(space);
    std::vector<Part> out;
    out.push_back({"stem", "conv_k3", nc.stem, fixedSigs[0]});
    for (size_t i = 0; i < arch.ops.size(); ++i)
        out.push_back({std::to_string(i), arch.ops[i], nc.layers.at(i),
                       blockSignature(space, i, arch.ops[i])});
    out.push_back({"head", "conv_k1", nc.head, fixedSigs[1]});
    out.push_back({"pool", "avgpool", std::nullopt, fixedSigs[2]});
    out.push_back({"fc", "linear", nc.fc, fixedSigs[3]});
    return out;
}

// Everything `cost` prints, computed once for both output forms.
struct Report {
    SearchSpace space;
    Architecture arch;
    OpCount total;
    std::vector<Part> rows;
    std::optional<LatencyTable> lut;
    bool energy = false;
    double latencyMs = 0.0, energyMj = 0.0;
    std::vector<LutMismatch> mismatches; // LUT measured with other settings than this run's
};

void printJsonReport(const Report& r) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& row : r.rows) {
        nlohmann::json l = {{"part", row.name}, {"op", row.op}};
        l["macs"] = row.count ? row.count->macs : 0;
        l["params"] = row.count ? row.count->params : 0;
        if (r.lut)
            l["latency_us"] = r.lut->value(row.sig, CostMetric::Latency);
        if (r.energy)
            l["energy_uj"] = r.lut->value(row.sig, CostMetric::Energy);
        layers.push_back(l);
    }
    nlohmann::json out = {{"space", r.space.name},
                          {"arch", r.arch.toString()},
                          {"head_c_out", r.space.head_c_out},
                          {"always_pw", r.space.always_pw},
                          {"macs", r.total.macs},
                          {"params", r.total.params}};
    if (r.lut) {
        out["lut"] = r.lut->deviceName();
        out["latency_ms"] = r.latencyMs;
        nlohmann::json mismatches = nlohmann::json::array();
        for (const auto& m : r.mismatches)
            mismatches.push_back({{"field", m.field}, {"message", m.message}});
        out["lut_mismatches"] = mismatches;
    }
    if (r.energy)
        out["energy_mj"] = r.energyMj;
    out["layers"] = layers;
    printJson(out);
}

void printHumanReport(const Report& r) {
    printField("space", r.space.name + " (always_pw " + (r.space.always_pw ? "true" : "false") +
                            ", head " + std::to_string(r.space.head_c_out) + ")");
    printField("arch", r.arch.toString());
    printField("MACs", fixed(r.total.macs / 1e6, 2) + " M");
    printField("params", fixed(r.total.params / 1e6, 3) + " M");
    if (r.lut) {
        printField("LUT", r.lut->deviceName());
        printField("latency", fixed(r.latencyMs, 3) + " ms");
        printField("energy", r.energy ? fixed(r.energyMj, 3) + " mJ" : "not in this LUT");
    }
    printLine("");
    TextTable t;
    t.addColumn("part", TextTable::Align::Right);
    t.addColumn("op");
    t.addColumn("c_in->c_out");
    t.addColumn("size");
    t.addColumn("stride", TextTable::Align::Right);
    t.addColumn("MMACs", TextTable::Align::Right);
    t.addColumn("params", TextTable::Align::Right);
    if (r.lut)
        t.addColumn("latency ms", TextTable::Align::Right);
    if (r.energy)
        t.addColumn("energy mJ", TextTable::Align::Right);
    for (const auto& row : r.rows) {
        const OpSignature& g = row.sig;
        std::vector<std::string> cells = {row.name,
                                          row.op,
                                          std::to_string(g.c_in) + "->" + std::to_string(g.c_out),
                                          std::to_string(g.h) + "x" + std::to_string(g.w),
                                          std::to_string(g.stride),
                                          row.count ? fixed(row.count->macs / 1e6, 2) : "-",
                                          row.count ? scaled(static_cast<double>(row.count->params))
                                                    : "-"};
        if (r.lut)
            cells.push_back(fixed(r.lut->value(g, CostMetric::Latency) / 1000.0, 4));
        if (r.energy)
            cells.push_back(fixed(r.lut->value(g, CostMetric::Energy) / 1000.0, 4));
        t.addRow(cells);
    }
    t.print();
}

} // namespace

int CostCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Counts the multiply-adds (convs and fc; BN, ReLU and pooling not counted) "
                    "and parameters of one architecture in a search space, and with a device "
                    "LUT its latency (ms) and energy (mJ, when the LUT has energy).");
    p.addPositional("SPACE", "Preset name or path to a *.space.json file.");
    p.addOption("arch", "ARCH",
                QString::fromStdString("Architecture: a reference name (" +
                                       join(Architecture::referenceNames()) +
                                       "), an *.arch.json file, or ops joined by '-' "
                                       "(k3_e1-k3_e6-skip-...). Required."));
    p.addOption("lut", "LUT",
                "Device LUT: a built-in name (see 'dnas lut list'), a *.lut.json file, or "
                "'auto' (the LUT measured on this machine; its missing blocks are timed "
                "first, as a search does).");
    p.addOption("always-pw", "true|false",
                "Override the space's always_pw option (e=1 blocks keep the 1x1 expansion).");
    p.addOption("head", "N",
                "Override the head width (e.g. 1984 to cost FBNet-A, whose head is 1504, "
                "on a LUT measured with a 1984 head).");
    p.addOption("threads", "T",
                "Threads the network will run with (default: this process's, all cores or "
                "OMP_NUM_THREADS); a LUT measured here with others is flagged.");
    p.addOption("batch", "B",
                "Images per forward pass the network will run with (default 1); a LUT measured "
                "here at another batch is flagged.");
    p.addFlag("json", "Print a JSON object instead of a table.");
    p.setEpilog("Example:\n  dnas cost fbnet --arch fbnet-c --lut hw-nas-bench/pixel3-imagenet");
    if (!p.parse(args))
        return kExitOk;
    const auto archText = p.optionalValue("arch");
    if (!archText)
        throw std::runtime_error("--arch is required (see " + args.value(0).toStdString() +
                                 " --help)");

    SearchSpace base = SearchSpace::load(p.positional(0));
    if (auto pw = p.boolValue("always-pw"))
        base.always_pw = *pw;
    Report r;
    r.arch = Architecture::resolve(*archText, base);
    if (auto head = p.intValue("head", 1, kMaxChannels))
        r.arch.head_c_out = *head;
    r.space = r.arch.applyTo(base);
    const NetCount nc = ModelCounter::count(r.space, r.arch);
    r.total = nc.total();
    r.rows = parts(r.space, r.arch, nc);

    const auto threads = p.intValue("threads", 1, 1024);
    const auto batch = p.intValue("batch", 1, 4096);
    if (auto lutName = p.optionalValue("lut")) {
        if (*lutName == LutCache::kAuto) {
            // As `dnas search` does: "measured on first use, then cached", only what it lacks.
            ConsoleProgress progress("measuring this machine's LUT");
            TimingOptions timing;
            timing.threads = threads.value_or(0);
            ensureMachineLut(base, std::ref(progress), timing);
        }
        r.lut = LutCache::resolve(*lutName).calibratedFor(base);
    }
    // FBNet-A's 1504 head is missing from LUTs built for the space's 1984 head: rather than
    // only naming the missing entry, say which option costs it anyway.
    const auto headSig = LatencyTable::fixedSignatures(r.space)[1];
    const auto baseHeadSig = LatencyTable::fixedSignatures(base)[1];
    if (r.lut && r.space.head_c_out != base.head_c_out && !r.lut->find(headSig) &&
        r.lut->find(baseHeadSig))
        throw DnasError(r.lut->source, "entries",
                        "no entry for the architecture's " + std::to_string(r.space.head_c_out) +
                            "-channel head; --head " + std::to_string(base.head_c_out) +
                            " costs it with the space's head");
    if (r.lut) {
        r.mismatches = LutProvenance::mismatches(
            *r.lut, LutProvenance::current(threads.value_or(0), batch.value_or(1)));
        // A warning, not an error: the numbers may still be what the user wants to see, but they
        // describe another setup than this run's.
        const std::string where = r.lut->source.empty() ? r.lut->deviceName() : r.lut->source;
        for (const auto& m : r.mismatches)
            std::cerr << "warning: " << where << ": " << m.message << std::endl;
        r.energy = r.lut->hasEnergy();
        r.latencyMs = r.lut->archCost(r.space, r.arch, CostMetric::Latency) / 1000.0;
        if (r.energy)
            r.energyMj = r.lut->archCost(r.space, r.arch, CostMetric::Energy) / 1000.0;
    }

    if (p.isSet("json"))
        printJsonReport(r);
    else
        printHumanReport(r);
    return kExitOk;
}

} // namespace dnas::cli
