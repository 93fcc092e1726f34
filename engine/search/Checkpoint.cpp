// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/Checkpoint.h"
#include "engine/util/DnasError.h"
#include "engine/util/FaultInjection.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sstream>
#include <unistd.h>

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

// Writes n bytes; returns how many made it (fewer on an error such as a full disk).
size_t writeAll(int fd, const void* data, size_t n) {
    size_t done = 0;
    while (done < n) {
        const ssize_t w = ::write(fd, static_cast<const char*>(data) + done, n - done);
        if (w <= 0)
            break;
        done += static_cast<size_t>(w);
    }
    return done;
}

// The archive into `tmp`, on disk (fsync) before it is renamed over the checkpoint.
void writeArchive(torch::serialize::OutputArchive& archive, const std::string& tmp) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw DnasError(tmp, "", std::string("cannot write: ") + std::strerror(errno));
    if (FaultInjection::hit("checkpoint-write")) {
        // Test-only (DNAS_FAULT=checkpoint-write:N): die by SIGKILL with half the file written.
        std::ostringstream bytes;
        archive.save_to(bytes);
        const std::string s = bytes.str();
        writeAll(fd, s.data(), s.size() / 2);
        ::fsync(fd);
        ::raise(SIGKILL);
    }
    try {
        archive.save_to([fd](const void* data, size_t n) { return writeAll(fd, data, n); });
    } catch (const std::exception&) { // c10::Error: the writer returned short
        ::close(fd);
        std::remove(tmp.c_str());
        throw DnasError(tmp, "", "write failed (disk full?)");
    }
    const bool synced = ::fsync(fd) == 0;
    if (::close(fd) != 0 || !synced) {
        std::remove(tmp.c_str());
        throw DnasError(tmp, "", "write failed (disk full?)");
    }
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
    writeArchive(archive, tmp);
    // The newest checkpoint becomes the previous one through a second name (a hard link,
    // renamed into place), so at every instant checkpoint.pt is a complete file: a kill
    // anywhere in here loses nothing. A file system without hard links gets a copy instead.
    std::error_code ec;
    if (fs::exists(path(runDir), ec)) {
        const std::string prevTmp = previousPath(runDir) + ".tmp";
        fs::remove(prevTmp, ec);
        fs::create_hard_link(path(runDir), prevTmp, ec);
        if (ec)
            fs::copy_file(path(runDir), prevTmp, fs::copy_options::overwrite_existing, ec);
        if (!ec)
            fs::rename(prevTmp, previousPath(runDir), ec);
    }
    if (std::rename(tmp.c_str(), path(runDir).c_str()) != 0)
        throw DnasError(path(runDir), "", "cannot write the checkpoint");
}

std::optional<nlohmann::json> Checkpoint::load(const std::string& runDir, torch::nn::Module& model,
                                               torch::optim::Optimizer& wOpt,
                                               torch::optim::Optimizer& thetaOpt,
                                               std::string* warning) {
    std::string skipped;
    for (const std::string& file : {path(runDir), previousPath(runDir)}) {
        if (!fs::exists(file))
            continue;
        try {
            auto meta = loadFile(file, model, wOpt, thetaOpt);
            if (warning)
                *warning = skipped;
            return meta;
        } catch (const std::exception& e) {
            // A truncated or corrupt file (a kill during an external copy, a full disk): fall
            // back to the previous checkpoint rather than lose the run.
            skipped += file + " is unreadable (" + std::string(e.what()).substr(0, 200) + "); ";
        }
    }
    if (!skipped.empty())
        throw DnasError(runDir, "checkpoint", "no readable checkpoint: " + skipped);
    return std::nullopt;
}

} // namespace dnas
