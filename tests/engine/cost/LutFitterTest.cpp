// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutFitter.h"
#include "engine/space/OpSpec.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"
#include "tests/support/TempFile.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <unistd.h>

using namespace dnas;
namespace fs = std::filesystem;

namespace {

std::string sharedData() {
    const char* env = std::getenv("DNAS_SHARED_DATA");
    return env && *env ? env : "../shared/data";
}

Architecture randomArch(const SearchSpace& sp, std::mt19937_64& rng, bool noK5e6 = false) {
    Architecture a;
    for (const auto& l : sp.layers) {
        std::string op;
        do
            op = l.candidates[rng() % l.candidates.size()];
        while (noK5e6 && op == "k5_e6");
        a.ops.push_back(op);
    }
    return a;
}

// A known non-negative LUT (some zeros, like HW-NAS-Bench's FPGA skip) and exact totals.
LatencyTable syntheticLut(const SearchSpace& sp, std::mt19937_64& rng) {
    LatencyTable t;
    std::uniform_real_distribution<double> u(0.0, 2000.0);
    for (const auto& sig : LatencyTable::signaturesFor(sp))
        t.set({sig, sig.op == "skip" && sig.c_in == sig.c_out ? 0.0 : u(rng), {}, {}, {}, {}, 0});
    return t;
}

std::string errorOf(const std::string& name, const std::string& text, const SearchSpace& sp) {
    const std::string p = dnas::test::writeTempFile("dnas-fit-", name, text);
    std::string msg = "no error";
    try {
        Timings::read(p, sp);
    } catch (const DnasError& e) {
        msg = e.what();
    }
    fs::remove(p);
    return msg;
}

} // namespace

TEST(LutFitter, NnlsMatchesAKnownSolution) {
    // min ½xᵀGx − hᵀx, x ≥ 0 with G = I: x = max(h, 0).
    const std::vector<double> G = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    const auto x = LutFitter::nnls(G, {2.0, -1.0, 0.5}, 3, 1e-12);
    EXPECT_DOUBLE_EQ(x[0], 2.0);
    EXPECT_DOUBLE_EQ(x[1], 0.0);
    EXPECT_DOUBLE_EQ(x[2], 0.5);
    // Coupled: G = [[2,1],[1,2]], h = [1,-4]: unconstrained (2,-3) -> x = (0.5, 0).
    const auto y = LutFitter::nnls({2, 1, 1, 2}, {1, -4}, 2, 1e-12);
    EXPECT_NEAR(y[0], 0.5, 1e-15);
    EXPECT_EQ(y[1], 0.0);
}

TEST(LutFitter, RecoversASyntheticLut) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    std::mt19937_64 rng(42);
    const LatencyTable truth = syntheticLut(sp, rng);
    Timings t;
    t.space = sp.name;
    t.file = "synthetic";
    for (int i = 0; i < 1500; ++i) {
        TimingSample s;
        s.arch = randomArch(sp, rng, /*noK5e6=*/true);
        s.latency_ms = truth.archCost(sp, s.arch, CostMetric::Latency) / 1000.0;
        t.samples.push_back(s);
    }
    const LutFitResult r = LutFitter::fit(sp, t);
    EXPECT_EQ(r.heldout.n, 300u);
    EXPECT_EQ(r.train.n, 1200u);
    EXPECT_LT(r.train.mean_rel_err, 1e-8);
    EXPECT_LT(r.heldout.mean_rel_err, 1e-8);
    // Fresh archs: the fitted table's totals match the truth.
    for (int i = 0; i < 200; ++i) {
        const Architecture a = randomArch(sp, rng, true);
        const double want = truth.archCost(sp, a, CostMetric::Latency);
        EXPECT_NEAR(r.table.archCost(sp, a, CostMetric::Latency), want, 1e-6 * want);
    }
    for (const auto& e : r.table.entries())
        EXPECT_GE(e.latency_us, 0.0);
    // k5_e6 never appeared: its signatures are reported and left out, not invented.
    EXPECT_FALSE(r.unobserved.empty());
    for (const auto& sig : r.unobserved) {
        EXPECT_EQ(sig.op, "k5_e6");
        EXPECT_EQ(r.table.find(sig), nullptr);
    }
    // The fixed cost is all on the stem.
    const auto fixed = LatencyTable::fixedSignatures(sp);
    EXPECT_EQ(r.table.at(fixed[0]).latency_us, r.fixed_us);
    EXPECT_EQ(r.table.at(fixed[1]).latency_us, 0.0);
    EXPECT_EQ(r.table.provenance["kind"], "fitted");
    EXPECT_EQ(r.table.provenance["from"], "synthetic");
    EXPECT_TRUE(r.table.provenance.contains("rmse_ms"));
    EXPECT_TRUE(r.table.provenance.contains("mean_rel_err"));
    // The split is seeded: same seed, same split; another seed, another split.
    EXPECT_EQ(LutFitter::fit(sp, t).heldout_index, r.heldout_index);
    LutFitOptions o;
    o.seed = 7;
    EXPECT_NE(LutFitter::fit(sp, t, o).heldout_index, r.heldout_index);
    // It saves and loads as an ordinary LUT.
    const LatencyTable back = LatencyTable::fromJson(r.table.toJson(), "x");
    const Architecture a = randomArch(sp, rng, true);
    EXPECT_EQ(back.archCost(sp, a, CostMetric::Latency),
              r.table.archCost(sp, a, CostMetric::Latency));
}

TEST(LutFitter, ReadsJsonAndCsvTimings) {
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    const std::string arch0 = "[7,8,1,8,4,8,8,8,7,4,1,4,7,3,2,7,3,2,4,2,4,5]";
    const std::string json = "{\"space\": \"fbnet-cifar\", \"unit\": \"us\", \"measurements\": ["
                             "{\"arch\": " +
                             arch0 +
                             ", \"latency\": 30252.8},"
                             "{\"arch\": \"" +
                             Architecture::uniform(sp, "skip").toString() +
                             "\", \"latency\": 5000}]}";
    std::string p = dnas::test::writeTempFile("dnas-fit-", "t.json", json);
    Timings t = Timings::read(p, sp);
    fs::remove(p);
    ASSERT_EQ(t.samples.size(), 2u);
    EXPECT_EQ(t.space, "fbnet-cifar");
    EXPECT_EQ(t.samples[0].arch.ops[0], "k5_e6");
    EXPECT_EQ(t.samples[0].arch.ops[1], "skip");
    EXPECT_DOUBLE_EQ(t.samples[0].latency_ms, 30.2528);
    EXPECT_DOUBLE_EQ(t.samples[1].latency_ms, 5.0);

    p = dnas::test::writeTempFile("dnas-fit-", "t.csv",
                                  "# timings\narch,device,latency_ms\n\"" + arch0 +
                                      "\",pi,30.25\n" +
                                      Architecture::uniform(sp, "k3_e1").toString() + ",pi,17.6\n");
    t = Timings::read(p, sp);
    fs::remove(p);
    ASSERT_EQ(t.samples.size(), 2u);
    EXPECT_EQ(t.samples[1].arch.ops[21], "k3_e1");
    EXPECT_DOUBLE_EQ(t.samples[0].latency_ms, 30.25);

    const std::string all = Architecture::uniform(sp, "k3_e1").toString();
    auto expectError = [&](const std::string& name, const std::string& text,
                           const std::string& needle) {
        const std::string msg = errorOf(name, text, sp);
        EXPECT_NE(msg.find(name), std::string::npos) << msg;
        EXPECT_NE(msg.find(needle), std::string::npos) << msg;
    };
    expectError("a.csv", "arch,latency_ms\n" + all + ",1\nk3_e1-skip,2\n", "line 3");
    expectError("b.csv", "arch,latency_ms\n" + all + ",fast\n", "line 2: latency \"fast\"");
    expectError("c.csv", "arch,latency\n", "header must name");
    expectError("d.json", "{\"measurements\": [{\"arch\": [9,0], \"latency\": 1}]}",
                "measurements[0].arch: op index 9");
    expectError("e.json", "{\"measurements\": [{\"arch\": \"" + all + "\", \"latency\": -1}]}",
                "measurements[0].latency");
    expectError("f.json", "{\"unit\": \"min\", \"measurements\": []}", "unit");
    expectError("g.json", "{\"measurements\": [{\"arch\": \"" + all + "\"}]}", "latency");

    // Timings for another space are refused by the fit.
    Timings other;
    other.space = "fbnet";
    other.file = "o.json";
    EXPECT_THROW(LutFitter::fit(sp, other), DnasError);
}

namespace {
struct HelpData {
    nlohmann::json doc;
    std::vector<Architecture> archs;
};

const HelpData* helpData() {
    static HelpData* data = [] {
        const std::string path = sharedData() + "/help-fbnet/help_fbnet_cifar100_latency.json";
        if (!fs::exists(path))
            return static_cast<HelpData*>(nullptr);
        auto* d = new HelpData;
        d->doc = readJsonFile(path);
        for (const auto& ops : d->doc["archs"]) {
            Architecture a;
            for (const auto& i : ops)
                a.ops.push_back(fbnetOpNames().at(i.get<int>()));
            d->archs.push_back(a);
        }
        return d;
    }();
    return data;
}

LutFitResult fitHelp(const SearchSpace& sp, const std::string& device) {
    const HelpData& d = *helpData();
    Timings t;
    t.space = sp.name;
    t.file = "help_fbnet_cifar100_latency.json:" + device;
    const auto& lat = d.doc["latency_ms"][device];
    for (size_t i = 0; i < d.archs.size(); ++i)
        t.samples.push_back({d.archs[i], lat[i].get<double>(), "archs[" + std::to_string(i) + "]"});
    return LutFitter::fit(sp, t); // 20% held out: 4000 fit, 1000 predicted
}
} // namespace

// HELP's raspi4/pixel3/eyeriss/fpga columns are exact HW-NAS-Bench LUT sums.
TEST(LutFitter, RecoversHwNasBenchLutSumsFromHelpTimings) {
    if (!helpData())
        GTEST_SKIP() << "no shared data at " << sharedData();
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    for (const std::string dev : {"raspi4", "pixel3", "eyeriss", "fpga"}) {
        const LutFitResult r = fitHelp(sp, dev);
        EXPECT_EQ(r.train.n, 4000u);
        EXPECT_EQ(r.heldout.n, 1000u);
        EXPECT_LT(r.heldout.mean_rel_err, 1e-3) << dev;
        EXPECT_TRUE(r.unobserved.empty()) << dev;
        std::printf("%-8s held-out rmse %.3g ms, mean rel err %.3g\n", dev.c_str(),
                    r.heldout.rmse_ms, r.heldout.mean_rel_err);
    }
}

// All 27 HELP device settings next to the file's own additive fit (in-sample, untied 22x9).
TEST(LutFitter, PrintsHelpDeviceTable) {
    if (!helpData())
        GTEST_SKIP() << "no shared data at " << sharedData();
    const SearchSpace sp = SearchSpace::load("fbnet-cifar");
    const auto& ref = helpData()->doc["additive_lut_fit"];
    std::printf("| device | mean ms | train RMSE ms | held-out RMSE ms | held-out mean rel err | "
                "additive_lut_fit RMSE ms |\n|---|---|---|---|---|---|\n");
    for (const auto& [dev, col] : helpData()->doc["latency_ms"].items()) {
        (void)col;
        const LutFitResult r = fitHelp(sp, dev);
        EXPECT_TRUE(std::isfinite(r.heldout.rmse_ms)) << dev;
        EXPECT_LT(r.heldout.mean_rel_err, 0.5) << dev;
        std::printf("| %s | %.3f | %.4g | %.4g | %.4g | %.4g |\n", dev.c_str(),
                    ref[dev]["mean_ms"].get<double>(), r.train.rmse_ms, r.heldout.rmse_ms,
                    r.heldout.mean_rel_err, ref[dev]["rmse_ms"].get<double>());
    }
}
