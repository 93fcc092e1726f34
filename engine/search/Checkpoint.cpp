// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/Checkpoint.h"
#include "util/DnasError.h"

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace dnas {

namespace {
torch::Tensor textTensor(const std::string& s) {
    return torch::from_blob(const_cast<char*>(s.data()), {static_cast<int64_t>(s.size())},
                            torch::kUInt8)
        .clone();
}

std::string tensorText(const torch::Tensor& t) {
    const torch::Tensor c = t.contiguous();
    return std::string(reinterpret_cast<const char*>(c.data_ptr<uint8_t>()),
                       static_cast<size_t>(c.numel()));
}

nlohmann::json loadFile(const std::string& file, torch::nn::Module& model,
                        torch::optim::Optimizer& wOpt, torch::optim::Optimizer& thetaOpt) {
    torch::serialize::InputArchive archive;
    archive.load_from(file);
    torch::serialize::InputArchive m, w, t;
    archive.read("model", m);
    archive.read("w_optimizer", w);
    archive.read("theta_optimizer", t);
    torch::Tensor metaText;
    archive.read("meta", metaText);
    nlohmann::json meta = nlohmann::json::parse(tensorText(metaText));
    model.load(m);
    wOpt.load(w);
    thetaOpt.load(t);
    return meta;
}
} // namespace

std::string Checkpoint::path(const std::string& runDir) {
    return (fs::path(runDir) / "checkpoint.pt").string();
}

std::string Checkpoint::previousPath(const std::string& runDir) {
    return (fs::path(runDir) / "checkpoint.prev.pt").string();
}

void Checkpoint::save(const std::string& runDir, torch::nn::Module& model,
                      torch::optim::Optimizer& wOpt, torch::optim::Optimizer& thetaOpt,
                      const nlohmann::json& meta) {
    torch::serialize::OutputArchive archive, m, w, t;
    model.save(m);
    wOpt.save(w);
    thetaOpt.save(t);
    archive.write("model", m);
    archive.write("w_optimizer", w);
    archive.write("theta_optimizer", t);
    archive.write("meta", textTensor(meta.dump()));
    const std::string tmp = path(runDir) + ".tmp";
    archive.save_to(tmp);
    std::error_code ec;
    if (fs::exists(path(runDir), ec)) fs::rename(path(runDir), previousPath(runDir), ec);
    if (std::rename(tmp.c_str(), path(runDir).c_str()) != 0)
        throw DnasError(path(runDir), "", "cannot write the checkpoint");
}

std::optional<nlohmann::json> Checkpoint::load(const std::string& runDir, torch::nn::Module& model,
                                               torch::optim::Optimizer& wOpt,
                                               torch::optim::Optimizer& thetaOpt,
                                               std::string* warning) {
    std::string skipped;
    for (const std::string& file : {path(runDir), previousPath(runDir)}) {
        if (!fs::exists(file)) continue;
        try {
            auto meta = loadFile(file, model, wOpt, thetaOpt);
            if (warning) *warning = skipped;
            return meta;
        } catch (const std::exception& e) {
            // A truncated or corrupt file (a kill during an external copy, a full disk): fall
            // back to the previous checkpoint rather than lose the run.
            skipped += file + " is unreadable (" + std::string(e.what()).substr(0, 200) + "); ";
        }
    }
    if (!skipped.empty()) throw DnasError(runDir, "checkpoint", "no readable checkpoint: " + skipped);
    return std::nullopt;
}

} // namespace dnas
