// SPDX-License-Identifier: GPL-3.0-or-later
// `dnas lut ...` end to end: runs the built executable (DNAS_CLI_PATH) and checks its output,
// the files it writes and its exit codes. Measurements use a tiny space and few repeats.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Result {
    int code = -1;
    std::string out, err;
};

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

std::string sharedData() {
    const char* env = std::getenv("DNAS_SHARED_DATA");
    return env && *env ? env : DNAS_SOURCE_RESOURCES "/../../shared/data";
}

class LutCli : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        std::string tmpl = (fs::temp_directory_path() / "dnas-lutcli-test-XXXXXX").string();
        ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
        // A measured LUT never lands in the user's cache.
        ::setenv("DNAS_CACHE_DIR", (dir_ / "cache").c_str(), 1);
        json space = {
            {"format", "dnas-space/1"},
            {"name", "lutcli-tiny"},
            {"input", {{"channels", 1}, {"size", 16}}},
            {"num_classes", 10},
            {"stem", {{"c_out", 8}, {"stride", 2}}},
            {"layers",
             {{{"c_out", 8}, {"stride", 1}, {"candidates", {"k3_e1", "k3_e3", "skip"}}},
              {{"c_out", 16}, {"stride", 2}, {"candidates", {"k3_e1", "k5_e3", "skip"}}}}},
            {"head", {{"c_out", 32}}}};
        writeFile(tiny(), space.dump(1));
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    static std::string tiny() { return (dir_ / "tiny.space.json").string(); }
    static std::string path(const std::string& name) { return (dir_ / name).string(); }

    static Result run(const std::vector<std::string>& args) {
        const fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
        std::vector<std::string> full = {DNAS_CLI_PATH};
        full.insert(full.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : full)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        pid_t pid = 0;
        Result r;
        const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&fa);
        if (rc != 0) {
            r.err = "posix_spawn failed: " + std::to_string(rc);
            return r;
        }
        int status = 0;
        waitpid(pid, &status, 0);
        r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        r.out = readFile(out);
        r.err = readFile(err);
        return r;
    }
    static int lines(const std::string& s) {
        return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
    }
    static void expectError(const Result& r, const std::string& prefix) {
        EXPECT_EQ(r.code, 2) << r.out << r.err;
        EXPECT_EQ(r.err.rfind(prefix, 0), 0u) << r.err;
        EXPECT_EQ(lines(r.err), 1) << r.err;
    }
    static json runJson(const std::vector<std::string>& args) {
        const Result r = run(args);
        EXPECT_EQ(r.code, 0) << r.err;
        return r.code == 0 ? json::parse(r.out) : json();
    }
    static inline fs::path dir_;
};

TEST_F(LutCli, HelpListsEveryVerb) {
    const Result r = run({"lut", "--help"});
    EXPECT_EQ(r.code, 0);
    for (const char* v :
         {"list", "show", "measure", "import", "export", "fit", "calibrate", "check", "anchor"})
        EXPECT_NE(r.out.find(v), std::string::npos) << v;
    for (const char* v :
         {"measure", "import", "export", "fit", "calibrate", "check", "show", "anchor"})
        EXPECT_EQ(run({"lut", v, "--help"}).code, 0) << v;
}

TEST_F(LutCli, MeasureShowAndMissingFrom) {
    const std::string out = path("tiny-here.lut.json");
    const Result m = run(
        {"lut", "measure", tiny(), "-o", out, "--repeats", "5", "--threads", "1", "--rounds", "2"});
    ASSERT_EQ(m.code, 0) << m.err;
    EXPECT_NE(m.out.find("measured 10 blocks"), std::string::npos) << m.out;
    EXPECT_NE(m.err.find("measuring 20/20"), std::string::npos) << m.err; // each block twice
    const json lut = json::parse(readFile(out));
    EXPECT_EQ(lut["format"], "dnas-lut/1");
    EXPECT_EQ(lut["device"]["kind"], "measured");
    EXPECT_EQ(lut["device"]["threads"], 1);
    EXPECT_EQ(lut["provenance"]["repeats"], 5);
    EXPECT_EQ(lut["provenance"]["rounds"], 2);
    EXPECT_EQ(lut["entries"].size() + lut["fixed"].size(), 10u);
    const Result none =
        run({"lut", "measure", tiny(), "-o", path("none.lut.json"), "--rounds", "0"});
    EXPECT_NE(none.code, 0);
    EXPECT_NE(none.err.find("--rounds"), std::string::npos) << none.err;
    EXPECT_FALSE(fs::exists(path("none.lut.json")));

    const json show = runJson({"lut", "show", out, "--space", tiny(), "--json"});
    EXPECT_EQ(show["entries"], 10);
    EXPECT_TRUE(show["missing"].empty());
    EXPECT_EQ(show["layers"].size(), 2u + 4u);
    EXPECT_GT(show["layers"][1]["ms"]["k3_e3"].get<double>(), 0.0);
    const Result human = run({"lut", "show", out, "--space", tiny()});
    EXPECT_EQ(human.code, 0) << human.err;
    EXPECT_NE(human.out.find("complete for lutcli-tiny"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("k5_e3"), std::string::npos);

    const Result again = run({"lut", "measure", tiny(), "-o", path("same.lut.json"),
                              "--missing-from", out, "--threads", "1"});
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_NE(again.out.find("measured 0 blocks"), std::string::npos) << again.out;
    // Another space's shapes are missing from this LUT, and are named.
    const json other = runJson({"lut", "show", out, "--space", "fbnet-fmnist", "--json"});
    EXPECT_GT(other["missing"].size(), 10u);
}

TEST_F(LutCli, CheckReportsErrorsAndKendallTau) {
    const std::string lut = path("check.lut.json");
    ASSERT_EQ(run({"lut", "measure", tiny(), "-o", lut, "--repeats", "5", "--threads", "1"}).code,
              0);
    const json r = runJson({"lut", "check", tiny(), "--lut", lut, "--archs", "4", "--repeats", "5",
                            "--threads", "1", "--json"});
    ASSERT_EQ(r["archs"].size(), 4u);
    for (const auto& row : r["archs"]) {
        EXPECT_GT(row["measured_ms"].get<double>(), 0.0);
        EXPECT_GT(row["lut_ms"].get<double>(), 0.0);
    }
    EXPECT_GE(r["max_rel_err"].get<double>(), r["mean_rel_err"].get<double>());
    EXPECT_TRUE(r["kendall_tau"].is_null() || std::abs(r["kendall_tau"].get<double>()) <= 1.0);
    const double share = r["share_within_10pct"].get<double>();
    EXPECT_TRUE(share >= 0.0 && share <= 1.0) << share;
    EXPECT_LE(r["median_rel_err"].get<double>(), r["p90_rel_err"].get<double>());
    EXPECT_LE(r["p90_rel_err"].get<double>(), r["max_rel_err"].get<double>());
    EXPECT_GE(r["noise_floor"].get<double>(), 0.0); // both passes timed every net
    ASSERT_EQ(r["worst"].size(), 4u);               // fewer nets than the five listed
    EXPECT_EQ(r["worst"][0]["rel_err"].get<double>(), r["max_rel_err"].get<double>());
    EXPECT_GT(r["worst"][0]["measured_us"].get<double>(), 0.0);
    const Result human = run(
        {"lut", "check", tiny(), "--lut", lut, "--archs", "2", "--repeats", "5", "--threads", "1"});
    EXPECT_EQ(human.code, 0) << human.err;
    EXPECT_NE(human.out.find("Kendall tau"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("noise floor"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("retest tau"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("worst"), std::string::npos) << human.out;
    expectError(run({"lut", "check", "fbnet-fmnist", "--lut", lut}), "dnas lut check: ");
    // One pass gives no second timing of a net, so no noise floor: refused, the option named.
    const Result onePass = run({"lut", "check", tiny(), "--lut", lut, "--passes", "1"});
    expectError(onePass, "dnas lut check: ");
    EXPECT_NE(onePass.err.find("--passes"), std::string::npos) << onePass.err;
    expectError(run({"lut", "check", tiny()}), "dnas lut check: --lut is required");

    // Given nets instead of random ones: a search's delivered nets, timed whole.
    const json given =
        runJson({"lut", "check", tiny(), "--lut", lut, "--arch", "k3_e3-k5_e3", "--arch",
                 "skip-k3_e1", "--repeats", "5", "--threads", "1", "--json"});
    ASSERT_EQ(given["archs"].size(), 2u);
    EXPECT_EQ(given["archs"][0]["arch"], "k3_e3-k5_e3");
    EXPECT_EQ(given["archs"][1]["arch"], "skip-k3_e1");
    expectError(run({"lut", "check", tiny(), "--lut", lut, "--arch", "k9_e9-skip"}),
                "dnas lut check: ");

    // Calibrated in place: the LUT keeps its measured cells and gains the space's fit, which
    // check then uses (and --raw leaves out).
    const json before = json::parse(readFile(lut));
    const json cal = runJson({"lut", "calibrate", tiny(), "--lut", lut, "--archs", "6", "--repeats",
                              "5", "--threads", "1", "--json"});
    EXPECT_EQ(cal["networks"], 6);
    EXPECT_EQ(cal["written"], lut);
    EXPECT_FALSE(cal["op_scale"].empty());
    const json after = json::parse(readFile(lut));
    EXPECT_EQ(after["entries"], before["entries"]);
    EXPECT_EQ(after["calibrations"]["lutcli-tiny"]["networks"], 6);
    const json checked = runJson({"lut", "check", tiny(), "--lut", lut, "--archs", "2", "--repeats",
                                  "5", "--threads", "1", "--json"});
    EXPECT_EQ(checked["calibrated"], true);
    const json rawCheck = runJson({"lut", "check", tiny(), "--lut", lut, "--archs", "2",
                                   "--repeats", "5", "--threads", "1", "--raw", "--json"});
    EXPECT_EQ(rawCheck["calibrated"], false);
    expectError(run({"lut", "calibrate", tiny(), "--lut", "hw-nas-bench/pixel3-cifar100"}),
                "dnas lut calibrate: --out is required");
}

TEST_F(LutCli, CheckAndCalibrateTimeTheAnchor) {
    const std::string lut = path("anchor.lut.json");
    const Result m = run({"lut", "measure", tiny(), "-o", lut, "--repeats", "5", "--threads", "1"});
    ASSERT_EQ(m.code, 0) << m.err;
    EXPECT_NE(m.out.find("anchor k3_e3-k5_e3"), std::string::npos) << m.out;
    const json measured = json::parse(readFile(lut));
    const json& anchor = measured["anchors"]["lutcli-tiny"];
    EXPECT_EQ(anchor["arch"], "k3_e3-k5_e3"); // each layer's middle candidate
    EXPECT_GT(anchor["us"].get<double>(), 0.0);
    EXPECT_EQ(anchor["threads"], 1);
    EXPECT_EQ(anchor["batch"], 1);

    const json r = runJson({"lut", "check", tiny(), "--lut", lut, "--archs", "3", "--repeats", "5",
                            "--threads", "1", "--passes", "2", "--json"});
    const json& drift = r["drift"];
    EXPECT_EQ(drift["status"], "measured");
    EXPECT_EQ(drift["anchor_us"].size(), 4u); // first and last in each of the two passes
    EXPECT_GT(drift["factor"].get<double>(), 0.0);
    EXPECT_GE(drift["spread"].get<double>(), 0.0);
    ASSERT_TRUE(drift.contains("corrected"));
    const double share = drift["corrected"]["share_within_10pct"].get<double>();
    EXPECT_TRUE(share >= 0.0 && share <= 1.0) << share;
    const Result human = run(
        {"lut", "check", tiny(), "--lut", lut, "--archs", "2", "--repeats", "5", "--threads", "1"});
    EXPECT_EQ(human.code, 0) << human.err;
    EXPECT_NE(human.out.find("drift"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("corrected"), std::string::npos) << human.out;

    // A LUT from before the anchor: it checks, raw only, and says why.
    json old = measured;
    old.erase("anchors");
    const std::string oldLut = path("old.lut.json");
    writeFile(oldLut, old.dump(1));
    const Result plain = run({"lut", "check", tiny(), "--lut", oldLut, "--archs", "2", "--repeats",
                              "5", "--threads", "1"});
    EXPECT_EQ(plain.code, 0) << plain.err;
    EXPECT_NE(plain.out.find("unknown: no anchor stored"), std::string::npos) << plain.out;
    // Its calibration records the anchor timed beside the nets as the reference.
    const json cal = runJson({"lut", "calibrate", tiny(), "--lut", oldLut, "--archs", "4",
                              "--repeats", "5", "--threads", "1", "--json"});
    EXPECT_EQ(cal["drift"], 1.0);
    EXPECT_EQ(cal["anchor"]["status"], "unknown");
    const json calibrated = json::parse(readFile(oldLut));
    EXPECT_EQ(calibrated["anchors"]["lutcli-tiny"]["arch"], "k3_e3-k5_e3");
    EXPECT_EQ(calibrated["anchors"]["lutcli-tiny"]["threads"], 1);
    // A calibration of the measured LUT divides by the drift and keeps the stored anchor.
    const json again = runJson({"lut", "calibrate", tiny(), "--lut", lut, "--archs", "4",
                                "--repeats", "5", "--threads", "1", "--json"});
    EXPECT_EQ(again["anchor"]["status"], "measured");
    EXPECT_DOUBLE_EQ(again["drift"].get<double>(), again["anchor"]["factor"].get<double>());
    // Whether the machine was busy is told either way (true only beside other work).
    ASSERT_TRUE(again["busy"].is_boolean());
    EXPECT_GE(again["steps"].get<int>(), 1); // a second step only after a busy first one
    EXPECT_LE(again["steps"].get<int>(), 2);
    EXPECT_EQ(json::parse(readFile(lut))["anchors"]["lutcli-tiny"], anchor);
}

namespace {

// The tiny space's blocks that its anchor net (k3_e3-k5_e3) does not use: layer 0's skip and
// layer 1's k3_e1, as if the LUT had been measured before those ops were candidates.
json withoutLateBlocks(json lut) {
    json kept = json::array();
    for (const auto& e : lut["entries"]) {
        const bool late =
            (e["op"] == "skip" && e["c_out"] == 8) || (e["op"] == "k3_e1" && e["c_out"] == 16);
        if (!late)
            kept.push_back(e);
    }
    EXPECT_EQ(kept.size() + 2, lut["entries"].size());
    lut["entries"] = kept;
    return lut;
}

} // namespace

TEST_F(LutCli, MeasuringWhatALutLacksKeepsItsAnchor) {
    const std::string full = path("basis-full.lut.json");
    ASSERT_EQ(run({"lut", "measure", tiny(), "-o", full, "--repeats", "5", "--threads", "1"}).code,
              0);
    // Its blocks as if timed on a day the machine ran five times as slow as today: the blocks
    // measured now come to that basis (drift about 0.2) and the stored anchor stays. Five, not
    // two: under ctest -j2 on a 2-core VM the same net timed seconds apart differed by 2.2x.
    json old = withoutLateBlocks(json::parse(readFile(full)));
    json& anchor = old["anchors"]["lutcli-tiny"];
    anchor["us"] = 5.0 * anchor["us"].get<double>();
    anchor["when"] = "2024-01-01T00:00:00Z";
    const std::string partial = path("basis-partial.lut.json");
    writeFile(partial, old.dump(1));
    const std::string out = path("basis-grown.lut.json");
    const Result m = run({"lut", "measure", tiny(), "--missing-from", partial, "-o", out,
                          "--repeats", "5", "--threads", "1"});
    ASSERT_EQ(m.code, 0) << m.err;
    EXPECT_NE(m.out.find("measured 2 blocks"), std::string::npos) << m.out;
    EXPECT_NE(m.out.find("divided by the machine's drift"), std::string::npos) << m.out;
    EXPECT_NE(m.out.find("2024-01-01"), std::string::npos) << m.out;
    const json grown = json::parse(readFile(out));
    EXPECT_EQ(grown["anchors"]["lutcli-tiny"], anchor);
    EXPECT_EQ(grown["entries"].size(), json::parse(readFile(full))["entries"].size());
    const double drift = grown["provenance"]["divided_by_drift"].get<double>();
    EXPECT_GT(drift, 0.05);
    EXPECT_LT(drift, 1.0) << "the anchor ran faster than its five-fold stored time";

    // A LUT without an anchor takes the one timed with the new blocks.
    old.erase("anchors");
    writeFile(partial, old.dump(1));
    const Result first = run({"lut", "measure", tiny(), "--missing-from", partial, "-o", out,
                              "--repeats", "5", "--threads", "1"});
    ASSERT_EQ(first.code, 0) << first.err;
    EXPECT_NE(first.out.find("anchor k3_e3-k5_e3"), std::string::npos) << first.out;
    const json anchored = json::parse(readFile(out));
    EXPECT_EQ(anchored["anchors"]["lutcli-tiny"]["arch"], "k3_e3-k5_e3");
    EXPECT_FALSE(anchored["provenance"].contains("divided_by_drift"));
}

TEST_F(LutCli, AnchorAddsOneToALutMeasuredWithout) {
    const std::string measured = path("anchorless-src.lut.json");
    ASSERT_EQ(
        run({"lut", "measure", tiny(), "-o", measured, "--repeats", "5", "--threads", "1"}).code,
        0);
    json old = json::parse(readFile(measured));
    old.erase("anchors");
    const std::string lut = path("anchorless.lut.json");
    writeFile(lut, old.dump(1));

    // check says how to add one.
    const Result plain = run(
        {"lut", "check", tiny(), "--lut", lut, "--archs", "2", "--repeats", "5", "--threads", "1"});
    ASSERT_EQ(plain.code, 0) << plain.err;
    EXPECT_NE(plain.out.find("dnas lut anchor " + tiny() + " --lut " + lut), std::string::npos)
        << plain.out;
    const json checked = runJson({"lut", "check", tiny(), "--lut", lut, "--archs", "2", "--repeats",
                                  "5", "--threads", "1", "--json"});
    EXPECT_NE(checked["drift"]["hint"].get<std::string>().find("dnas lut anchor"),
              std::string::npos);

    const json a = runJson({"lut", "anchor", tiny(), "--lut", lut, "--timings", "3", "--repeats",
                            "5", "--threads", "1", "--json"});
    EXPECT_EQ(a["written"], lut);
    EXPECT_EQ(a["anchor"]["arch"], "k3_e3-k5_e3");
    EXPECT_EQ(a["anchor"]["threads"], 1);
    EXPECT_EQ(a["timings_us"].size(), 3u);
    EXPECT_GE(a["spread"].get<double>(), 0.0);
    EXPECT_NE(a["assumes"].get<std::string>().find("as fast as when"), std::string::npos);
    const json written = json::parse(readFile(lut));
    EXPECT_EQ(written["anchors"]["lutcli-tiny"], a["anchor"]);
    EXPECT_EQ(written["entries"], old["entries"]); // no block measured again
    // check now times it and gives the drift.
    const json again = runJson({"lut", "check", tiny(), "--lut", lut, "--archs", "2", "--repeats",
                                "5", "--threads", "1", "--json"});
    EXPECT_EQ(again["drift"]["status"], "measured");
    EXPECT_FALSE(again["drift"].contains("hint"));

    // One anchor per space: another one only when asked for, and said plainly.
    expectError(run({"lut", "anchor", tiny(), "--lut", lut, "--threads", "1"}),
                "dnas lut anchor: " + lut + ": anchors.lutcli-tiny: ");
    const Result replaced = run({"lut", "anchor", tiny(), "--lut", lut, "--replace", "--timings",
                                 "1", "--repeats", "5", "--threads", "1"});
    ASSERT_EQ(replaced.code, 0) << replaced.err;
    EXPECT_NE(replaced.out.find("assumes"), std::string::npos) << replaced.out;
    EXPECT_NE(replaced.out.find("written"), std::string::npos) << replaced.out;

    // Only a table timed here, with the settings the anchor is timed with, takes one.
    writeFile(lut, old.dump(1));
    expectError(run({"lut", "anchor", tiny(), "--lut", lut, "--threads", "2"}),
                "dnas lut anchor: " + lut + ": device.threads: ");
    expectError(run({"lut", "anchor", tiny(), "--lut", "hw-nas-bench/pixel3-cifar100"}),
                "dnas lut anchor: ");
    EXPECT_NE(run({"lut", "anchor", tiny(), "--lut", "hw-nas-bench/pixel3-cifar100"})
                  .err.find("device.kind"),
              std::string::npos);
    json holey = old;
    json kept = json::array();
    for (const auto& e : holey["entries"])
        if (e["op"] != "k5_e3")
            kept.push_back(e);
    holey["entries"] = kept;
    writeFile(path("holey.lut.json"), holey.dump(1));
    expectError(run({"lut", "anchor", tiny(), "--lut", path("holey.lut.json"), "--threads", "1"}),
                "dnas lut anchor: " + path("holey.lut.json") +
                    ": entries: no entry for the anchor");
    expectError(run({"lut", "anchor", tiny()}), "dnas lut anchor: --lut is required");

    // This machine's cached LUT is anchored in place.
    char host[256] = "localhost";
    ::gethostname(host, sizeof host - 1);
    const fs::path cached = dir_ / "cache" / "luts" / (std::string(host) + ".v2.lut.json");
    fs::create_directories(cached.parent_path());
    writeFile(cached, old.dump(1));
    const json a2 = runJson({"lut", "anchor", tiny(), "--lut", "auto", "--timings", "1",
                             "--repeats", "5", "--threads", "1", "--json"});
    EXPECT_EQ(a2["written"], cached.string());
    EXPECT_EQ(json::parse(readFile(cached))["anchors"]["lutcli-tiny"]["arch"], "k3_e3-k5_e3");
    fs::remove(cached);
}

TEST_F(LutCli, CostWithAutoMeasuresWhatTheCacheLacksFirst) {
    char host[256] = "localhost";
    ::gethostname(host, sizeof host - 1);
    const fs::path cached = dir_ / "cache" / "luts" / (std::string(host) + ".v2.lut.json");
    fs::remove(cached);
    const Result r =
        run({"cost", tiny(), "--arch", "all-k3_e1", "--lut", "auto", "--threads", "1", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(fs::exists(cached)); // measured on first use, then cached, as a search does
    const json j = json::parse(r.out);
    EXPECT_GT(j["latency_ms"].get<double>(), 0.0) << j.dump();
    EXPECT_TRUE(json::parse(readFile(cached))["entries"].size() > 0);
    fs::remove(cached);
}

TEST_F(LutCli, CostWarnsOfALutMeasuredWithOtherSettings) {
    const std::string lut = path("threads1.lut.json");
    ASSERT_EQ(run({"lut", "measure", tiny(), "-o", lut, "--repeats", "5", "--threads", "1"}).code,
              0);
    const Result other = run({"cost", tiny(), "--arch", "k3_e1-k3_e1", "--lut", lut, "--threads",
                              "2", "--batch", "4", "--json"});
    ASSERT_EQ(other.code, 0) << other.err;
    const json j = json::parse(other.out);
    ASSERT_EQ(j["lut_mismatches"].size(), 2u) << j["lut_mismatches"].dump();
    EXPECT_EQ(j["lut_mismatches"][0]["field"], "threads");
    EXPECT_EQ(j["lut_mismatches"][1]["field"], "batch");
    EXPECT_NE(
        other.err.find("warning: " + lut + ": LUT measured with 1 thread(s), this run uses 2"),
        std::string::npos)
        << other.err;
    // The settings it was measured with: nothing to say.
    const Result same =
        run({"cost", tiny(), "--arch", "k3_e1-k3_e1", "--lut", lut, "--threads", "1", "--json"});
    ASSERT_EQ(same.code, 0) << same.err;
    EXPECT_TRUE(json::parse(same.out)["lut_mismatches"].empty()) << same.out;
    EXPECT_EQ(same.err.find("warning:"), std::string::npos) << same.err;
}

TEST_F(LutCli, ImportExportRoundTrip) {
    const std::string raw = sharedData() + "/hw-nas-bench/hw_nas_bench_fbnet_raw_lut.json";
    if (!fs::exists(raw))
        GTEST_SKIP() << "no shared data at " << raw;
    const std::string imported = path("pixel3.lut.json");
    const Result noDevice = run({"lut", "import", raw, "--format", "hw-nas-bench", "-o", imported});
    expectError(noDevice, "dnas lut import: " + raw + ": --device is required");
    EXPECT_NE(noDevice.err.find("pixel3"), std::string::npos);
    const Result imp = run(
        {"lut", "import", raw, "--format", "hw-nas-bench", "--device", "pixel3", "-o", imported});
    ASSERT_EQ(imp.code, 0) << imp.err;
    const json lut = json::parse(readFile(imported));
    EXPECT_EQ(lut["device"]["kind"], "pixel3");

    const std::string csv = path("pixel3.csv");
    const Result exp =
        run({"lut", "export", imported, "--format", "csv", "--space", "fbnet-cifar", "-o", csv});
    ASSERT_EQ(exp.code, 0) << exp.err;
    EXPECT_NE(readFile(csv).find("layer,"), std::string::npos);
    const std::string back = path("back.lut.json");
    ASSERT_EQ(run({"lut", "import", csv, "--format", "csv", "--space", "fbnet-cifar", "--device",
                   "pixel3 via csv", "-o", back})
                  .code,
              0);
    const json a = runJson({"lut", "show", imported, "--space", "fbnet-cifar", "--json"});
    const json b = runJson({"lut", "show", back, "--space", "fbnet-cifar", "--json"});
    EXPECT_EQ(a["layers"], b["layers"]); // same cells, to the last digit
    EXPECT_EQ(b["device"]["name"], "pixel3 via csv");
    EXPECT_TRUE(b["missing"].empty());
}

TEST_F(LutCli, BadFilesAreOneLineNamingFileAndLine) {
    const std::string nni = path("bad-lut.txt");
    writeFile(nni, "{'op_name': 'k3_e1', 'op_data_shape': (8, 8, 16, 16, 1), 'op_latency': 1.5}\n"
                   "{'op_name': 'k3_e1', 'op_data_shape': (8, 8, 16, 16, 1), 'op_latency': }\n");
    expectError(run({"lut", "import", nni, "--format", "nni", "-o", path("x.lut.json")}),
                "dnas lut import: " + nni + ": line 2");
    const std::string csv = path("bad.csv");
    writeFile(csv, "layer,k3_e1,k3_e3,skip\n0,1.0,2.0,0.5\n1,1.0,oops,0.5\n");
    expectError(
        run({"lut", "import", csv, "--format", "csv", "--space", tiny(), "-o", path("y.lut.json")}),
        "dnas lut import: " + csv + ": line 3");
    expectError(run({"lut", "import", csv, "--format", "xls", "-o", path("z.lut.json")}),
                "dnas lut import: --format expects hw-nas-bench, nni or csv");
    expectError(run({"lut", "show", path("none.lut.json")}), "dnas lut show: ");
    expectError(run({"lut", "measure", tiny()}), "dnas lut measure: --out is required");
}

TEST_F(LutCli, FitReportsTrainAndHeldOutErrors) {
    const std::string help = sharedData() + "/help-fbnet/help_fbnet_cifar100_latency.json";
    if (!fs::exists(help))
        GTEST_SKIP() << "no shared data at " << help;
    const json d = json::parse(readFile(help));
    const auto device = d["latency_ms"].begin();
    json m = json::array();
    for (size_t i = 0; i < 600; ++i)
        m.push_back({{"arch", d["archs"][i]}, {"latency", (*device)[i]}});
    const std::string timings = path("timings.json");
    writeFile(timings, json{{"space", "fbnet-cifar"}, {"unit", "ms"}, {"measurements", m}}.dump());
    const std::string out = path("fitted.lut.json");
    const json r = runJson({"lut", "fit", timings, "--space", "fbnet-cifar", "-o", out, "--holdout",
                            "0.25", "--json"});
    EXPECT_EQ(r["train"]["n"], 450);
    EXPECT_EQ(r["heldout"]["n"], 150);
    EXPECT_GT(r["heldout"]["rmse_ms"].get<double>(), 0.0);
    EXPECT_LT(r["heldout"]["mean_rel_err"].get<double>(), 0.5);
    EXPECT_EQ(json::parse(readFile(out))["format"], "dnas-lut/1");
    const Result human = run({"lut", "fit", timings, "--space", "fbnet-cifar", "-o", out});
    EXPECT_EQ(human.code, 0) << human.err;
    EXPECT_NE(human.out.find("held out"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("RMSE"), std::string::npos);
    expectError(
        run({"lut", "fit", timings, "--space", "fbnet-cifar", "-o", out, "--holdout", "1.5"}),
        "dnas lut fit: --holdout expects a fraction");
}

} // namespace
