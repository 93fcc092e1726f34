// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/RunWriter.h"
#include "engine/util/DnasError.h"

#include <filesystem>
#include <unistd.h>

namespace fs = std::filesystem;

namespace dnas {

RunWriter::RunWriter(std::string runDir, bool enabled) : dir_(std::move(runDir)) {
    metrics_.path = (fs::path(dir_) / "metrics.jsonl").string();
    theta_.path = (fs::path(dir_) / "theta.jsonl").string();
    samples_.path = (fs::path(dir_) / "samples.jsonl").string();
    if (!enabled)
        return;
    open(metrics_);
    open(theta_);
    open(samples_);
}

RunWriter::~RunWriter() {
    for (Log* log : {&metrics_, &theta_, &samples_})
        if (log->file)
            std::fclose(log->file);
}

void RunWriter::open(Log& log) {
    if (log.file)
        std::fclose(log.file);
    log.file = std::fopen(log.path.c_str(), "ab");
    if (!log.file)
        throw DnasError(log.path, "", "cannot open for writing");
}

void RunWriter::append(Log& log, const nlohmann::json& line) {
    if (!log.file)
        return; // disabled
    const std::string text = line.dump() + "\n";
    if (std::fwrite(text.data(), 1, text.size(), log.file) != text.size() ||
        std::fflush(log.file) != 0)
        throw DnasError(log.path, "", "write failed (disk full?)");
}

nlohmann::json RunWriter::offsets() const {
    auto size = [](const Log& log) {
        std::error_code ec;
        const auto n = fs::file_size(log.path, ec);
        return ec ? uint64_t(0) : static_cast<uint64_t>(n);
    };
    return {{"metrics", size(metrics_)}, {"theta", size(theta_)}, {"samples", size(samples_)}};
}

void RunWriter::sync() {
    for (Log* log : {&metrics_, &theta_, &samples_})
        if (log->file)
            ::fsync(fileno(log->file));
}

void RunWriter::truncateTo(const nlohmann::json& offsets) {
    if (!metrics_.file)
        return; // disabled
    auto cut = [&](Log& log, const char* key) {
        std::fclose(log.file);
        log.file = nullptr;
        std::error_code ec;
        fs::resize_file(log.path, offsets.value(key, uint64_t(0)), ec);
        if (ec)
            throw DnasError(log.path, "", "cannot truncate to the checkpoint: " + ec.message());
        open(log);
    };
    cut(metrics_, "metrics");
    cut(theta_, "theta");
    cut(samples_, "samples");
}

} // namespace dnas
