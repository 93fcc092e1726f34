// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the built `dnas` executable (DNAS_CLI_PATH) the way a user or a script would, and checks
// stdout, stderr and the exit code: the CLI's contract is its output, not its classes.
#include "tests/cli/CliProcess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Result = dnas::testsupport::CliResult;
using dnas::testsupport::readFile;

void writeFile(const fs::path& p, const std::string& text) {
    std::ofstream(p) << text;
}

class Cli : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        std::string tmpl = (fs::temp_directory_path() / "dnas-cli-test-XXXXXX").string();
        ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
        dir_ = tmpl;
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static Result run(const std::vector<std::string>& args) {
        return dnas::testsupport::runCli(args, dir_);
    }

    static fs::path resources() {
        const char* env = std::getenv("DNAS_RESOURCE_DIR");
        return env && *env ? fs::path(env) : fs::path(DNAS_SOURCE_RESOURCES);
    }
    static json preset(const std::string& name) {
        return json::parse(readFile(resources() / "spaces" / (name + ".space.json")));
    }
    // Writes a variant of the fbnet-cifar preset, broken by `edit`, and returns its path.
    template <class Edit> static std::string brokenSpace(const std::string& file, Edit edit) {
        json j = preset("fbnet-cifar");
        edit(j);
        const fs::path p = dir_ / file;
        writeFile(p, j.dump(1));
        return p.string();
    }
    static int lines(const std::string& s) {
        return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
    }
    // A one-line error on stderr starting with `prefix`, exit 2, nothing on stdout.
    static void expectError(const Result& r, const std::string& prefix) {
        EXPECT_EQ(r.code, 2) << r.out << r.err;
        EXPECT_EQ(r.err.rfind(prefix, 0), 0u) << r.err;
        EXPECT_EQ(lines(r.err), 1) << r.err;
    }
    static json costJson(const std::vector<std::string>& args) {
        std::vector<std::string> full = {"cost"};
        full.insert(full.end(), args.begin(), args.end());
        full.push_back("--json");
        const Result r = run(full);
        EXPECT_EQ(r.code, 0) << r.err;
        return r.code == 0 ? json::parse(r.out) : json();
    }

    static inline fs::path dir_;
};

TEST_F(Cli, Version) {
    const Result r = run({"--version"});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.out, std::string("dnas ") + DNAS_EXPECTED_VERSION + "\n");
}

TEST_F(Cli, HelpListsEveryCommandAndVerb) {
    const Result r = run({"--help"});
    EXPECT_EQ(r.code, 0);
    for (const char* c : {"space", "cost", "lut"})
        EXPECT_NE(r.out.find(c), std::string::npos) << c;
    const Result space = run({"space", "--help"});
    EXPECT_EQ(space.code, 0);
    EXPECT_NE(space.out.find("show"), std::string::npos);
    EXPECT_NE(space.out.find("validate"), std::string::npos);
    const Result cost = run({"cost", "--help"});
    EXPECT_EQ(cost.code, 0);
    EXPECT_EQ(cost.out.rfind("Usage: dnas cost [options] SPACE", 0), 0u) << cost.out;
    for (const char* o : {"--arch", "--lut", "--always-pw", "--head", "--json"})
        EXPECT_NE(cost.out.find(o), std::string::npos) << o;
    const Result show = run({"space", "show", "--help"});
    EXPECT_EQ(show.out.rfind("Usage: dnas space show [options] SPACE", 0), 0u) << show.out;
    EXPECT_EQ(run({"lut", "list", "--help"}).code, 0);
    EXPECT_EQ(run({"help", "cost"}).out, cost.out);
}

TEST_F(Cli, UsageErrorsExitTwoWithOneLine) {
    expectError(run({"frobnicate"}), "dnas: unknown command 'frobnicate'");
    expectError(run({}), "dnas: missing command");
    expectError(run({"--bogus"}), "dnas: unknown option");
    expectError(run({"space"}), "dnas space: missing verb");
    expectError(run({"space", "explode", "fbnet"}), "dnas space: unknown verb 'explode'");
    expectError(run({"space", "show"}), "dnas space show: missing SPACE");
    expectError(run({"space", "show", "fbnet", "extra"}), "dnas space show: unexpected argument");
    expectError(run({"space", "show", "--nope", "fbnet"}), "dnas space show: Unknown option");
    expectError(run({"cost", "fbnet"}), "dnas cost: --arch is required");
    expectError(run({"cost", "fbnet", "--arch", "fbnet-c", "--always-pw", "maybe"}),
                "dnas cost: --always-pw expects true or false");
    expectError(run({"cost", "fbnet", "--arch", "fbnet-c", "--head", "0"}),
                "dnas cost: --head expects an integer");
    expectError(run({"cost", "fbnet", "--arch", "k3_e1-k3_e6"}),
                "dnas cost: --arch: ops: has 2 ops");
    expectError(run({"cost", "fbnet", "--arch", "fbnet-c", "--lut", "no/such"}),
                "dnas cost: no/such");
}

TEST_F(Cli, SpaceShowPreset) {
    const Result r = run({"space", "show", "fbnet"});
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* s : {"fbnet", "224x224x3", "1000", "112x112", "16->16", "352", "1984",
                          "k5_e1_g2", "architectures"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s;
    EXPECT_NE(r.out.find("(9^22)"), std::string::npos) << r.out;
    EXPECT_GE(lines(r.out), 22 + 8);

    const Result j = run({"space", "show", "fbnet-fmnist", "--json"});
    ASSERT_EQ(j.code, 0) << j.err;
    const json doc = json::parse(j.out);
    EXPECT_EQ(doc["format"], "dnas-space/1");
    EXPECT_EQ(doc["name"], "fbnet-fmnist");
    EXPECT_EQ(doc["layers"].size(), preset("fbnet-fmnist")["layers"].size());
}

TEST_F(Cli, SpaceValidatePresets) {
    for (const char* name : {"fbnet", "fbnet-cifar", "fbnet-fmnist"}) {
        const Result r = run({"space", "validate", name});
        EXPECT_EQ(r.code, 0) << name << r.out << r.err;
        EXPECT_EQ(r.out, "ok\n") << name;
    }
    const std::string copy = brokenSpace("copy.space.json", [](json&) {});
    EXPECT_EQ(run({"space", "validate", copy}).out, "ok\n");
}

TEST_F(Cli, SpaceValidateMalformedOrMissingFileIsAnInputError) {
    const fs::path bad = dir_ / "malformed.space.json";
    writeFile(bad, "{\"format\": \"dnas-space/1\", \"layers\": [");
    const Result r = run({"space", "validate", bad.string()});
    expectError(r, "dnas space validate: " + bad.string() + ": malformed JSON");
    expectError(run({"space", "show", bad.string()}), "dnas space show: " + bad.string());
    expectError(run({"space", "validate", (dir_ / "missing.space.json").string()}),
                "dnas space validate: " + (dir_ / "missing.space.json").string());
}

TEST_F(Cli, SpaceValidateNamesFileAndField) {
    struct Case {
        const char* file;
        void (*edit)(json&);
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"unknown-op.space.json", [](json& j) { j["layers"][3]["candidates"][1] = "k9_e42"; },
         "layers[3].candidates[1]: unknown op \"k9_e42\""},
        {"empty.space.json", [](json& j) { j["layers"][2]["candidates"] = json::array(); },
         "layers[2].candidates: the candidate list is empty"},
        {"chain.space.json",
         [](json& j) { j["layers"][4]["c_in"] = j["layers"][3]["c_out"].get<int>() + 8; },
         "layers[4].c_in: is "},
        {"type.space.json", [](json& j) { j["layers"][1]["c_out"] = "wide"; },
         "layers[1].c_out: expected an integer"},
    };
    for (const auto& c : cases) {
        const std::string path = brokenSpace(c.file, c.edit);
        const Result r = run({"space", "validate", path});
        EXPECT_EQ(r.code, 1) << c.file << r.err;
        EXPECT_EQ(r.out.rfind(path + ": " + c.expected, 0), 0u) << r.out;
        EXPECT_EQ(lines(r.out), 1) << r.out;
        // The same space refuses to load elsewhere, as one line naming the same place.
        expectError(run({"space", "show", path}),
                    "dnas space show: " + path + ": " + c.expected.substr(0, c.expected.find(':')));
    }
}

TEST_F(Cli, SpaceValidateListsEveryIssue) {
    const std::string path = brokenSpace("many.space.json", [](json& j) {
        j["layers"][0]["candidates"].push_back("nope");
        j["layers"][2]["candidates"] = json::array();
        j["layers"][5]["c_in"] = 3;
        j["layers"][9]["c_in"] = 5;
        j["layers"][7]["stride"] = 0;
    });
    const Result r = run({"space", "validate", path});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_EQ(lines(r.out), 5) << r.out;
    for (const char* f : {"layers[0].candidates[9]: unknown op", "layers[2].candidates:",
                          "layers[5].c_in:", "layers[9].c_in:", "layers[7].stride:"})
        EXPECT_NE(r.out.find(path + ": " + f), std::string::npos) << f << "\n" << r.out;
}

TEST_F(Cli, CostCountsFbnetC) {
    const json pw = costJson({"fbnet", "--arch", "fbnet-c"});
    EXPECT_NEAR(pw["macs"].get<double>(), 385.0e6, 0.05e6);
    EXPECT_FALSE(pw.contains("latency_ms"));
    EXPECT_FALSE(pw.contains("energy_mj"));
    const json mv = costJson({"fbnet", "--arch", "fbnet-c", "--always-pw", "false"});
    EXPECT_NEAR(mv["macs"].get<double>(), 378.1e6, 0.05e6);
    EXPECT_NEAR(mv["params"].get<double>(), 5.53e6, 0.005e6);
    EXPECT_EQ(mv["layers"].size(), 22u + 4u); // stem, 22 layers, head, pool, fc

    const Result human = run({"cost", "fbnet", "--arch", "fbnet-c"});
    EXPECT_EQ(human.code, 0);
    EXPECT_NE(human.out.find("384.96 M"), std::string::npos) << human.out;
    EXPECT_NE(human.out.find("k5_e6"), std::string::npos);
}

TEST_F(Cli, CostWithLutMatchesPublishedTotals) {
    const json refs =
        json::parse(readFile(resources() / "luts/hw-nas-bench/references-cifar100.json"));
    int checked = 0;
    for (const auto& a : refs["architectures"]) {
        if (!a["published"].is_object() || !a["published"].contains("eyeriss_energy"))
            continue;
        std::string arch;
        for (const auto& op : a["ops"])
            arch += (arch.empty() ? "" : "-") + op.get<std::string>();
        const json p =
            costJson({"fbnet-cifar", "--arch", arch, "--lut", "hw-nas-bench/pixel3-cifar100"});
        EXPECT_NEAR(p["latency_ms"].get<double>(), a["published"]["pixel3_latency"], 1e-9);
        EXPECT_FALSE(p.contains("energy_mj"));
        const json e =
            costJson({"fbnet-cifar", "--arch", arch, "--lut", "hw-nas-bench/eyeriss-cifar100"});
        EXPECT_NEAR(e["energy_mj"].get<double>(), a["published"]["eyeriss_energy"], 1e-9);
        ++checked;
    }
    EXPECT_GE(checked, 3);

    // FBNet-C carries its 1984 head; this LUT was built for the space's 1504 head.
    expectError(
        run({"cost", "fbnet-cifar", "--arch", "fbnet-c", "--lut", "hw-nas-bench/pixel3-cifar100"}),
        "dnas cost: ");
    const json c = costJson({"fbnet-cifar", "--arch", "fbnet-c", "--head", "1504", "--lut",
                             "hw-nas-bench/pixel3-cifar100"});
    EXPECT_GT(c["latency_ms"].get<double>(), 1.0);
    EXPECT_EQ(c["head_c_out"], 1504);
}

TEST_F(Cli, LutListHasTheHwNasBenchTables) {
    const Result r = run({"lut", "list", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const json list = json::parse(r.out);
    int found = 0;
    for (const char* dev : {"edgegpu", "raspi4", "pixel3", "eyeriss", "fpga"})
        for (const char* data : {"cifar100", "imagenet"}) {
            const std::string name = std::string("hw-nas-bench/") + dev + "-" + data;
            for (const auto& e : list) {
                if (e["name"] != name)
                    continue;
                ++found;
                EXPECT_EQ(e["kind"], dev);
                EXPECT_GT(e["entries"].get<int>(), 100) << name;
                const bool energy = std::string(dev) != "raspi4" && std::string(dev) != "pixel3";
                EXPECT_EQ(e["energy"].get<bool>(), energy) << name;
            }
        }
    EXPECT_EQ(found, 10);
    const Result human = run({"lut", "list"});
    EXPECT_EQ(human.code, 0);
    EXPECT_NE(human.out.find("hw-nas-bench/pixel3-imagenet"), std::string::npos);
}

} // namespace
