// SPDX-License-Identifier: GPL-3.0-or-later
#include <torch/torch.h>

#include "engine/cost/LutMeasurer.h"
#include "engine/cost/LutProvenance.h"
#include "engine/util/TorchSetup.h"

namespace dnas {

namespace {

// The device kind LutMeasurer writes; every other kind names a table from elsewhere.
constexpr const char* kMeasuredKind = "measured";
// What LutMeasurer::cpuModel returns when /proc/cpuinfo says nothing: no model to compare.
constexpr const char* kUnknownCpu = "unknown";

int intField(const nlohmann::json& device, const char* key) {
    return device.contains(key) && device[key].is_number_integer() ? device[key].get<int>() : 0;
}

std::string stringField(const nlohmann::json& device, const char* key) {
    return device.contains(key) && device[key].is_string() ? device[key].get<std::string>() : "";
}

std::string quoted(const std::string& s) {
    return "\"" + s + "\"";
}

} // namespace

MeasurementSettings LutProvenance::current(int threads, int batch) {
    MeasurementSettings s;
    s.threads = resolveThreads(threads); // what a measurement or a search with it runs at
    s.batch = batch;
    s.cpu = LutMeasurer::cpuModel();
    s.libtorch = LutMeasurer::libtorchVersion();
    s.blas = blasInUse();
    return s;
}

std::optional<MeasurementSettings> LutProvenance::recorded(const LatencyTable& lut) {
    if (!lut.device.is_object() || stringField(lut.device, "kind") != kMeasuredKind)
        return std::nullopt;
    MeasurementSettings s;
    s.threads = intField(lut.device, "threads");
    s.batch = intField(lut.device, "batch");
    s.cpu = stringField(lut.device, "cpu");
    s.libtorch = stringField(lut.device, "libtorch");
    s.blas = stringField(lut.device, "blas");
    return s;
}

std::vector<LutMismatch> LutProvenance::mismatches(const LatencyTable& lut,
                                                   const MeasurementSettings& now) {
    const auto was = recorded(lut);
    std::vector<LutMismatch> out;
    if (!was)
        return out;
    if (was->threads > 0 && now.threads > 0 && was->threads != now.threads)
        out.push_back({"threads", "LUT measured with " + std::to_string(was->threads) +
                                      " thread(s), this run uses " + std::to_string(now.threads)});
    if (was->batch > 0 && now.batch > 0 && was->batch != now.batch)
        out.push_back({"batch", "LUT measured at batch " + std::to_string(was->batch) +
                                    ", this run uses batch " + std::to_string(now.batch)});
    const auto known = [](const std::string& s) { return !s.empty() && s != kUnknownCpu; };
    if (known(was->cpu) && known(now.cpu) && was->cpu != now.cpu)
        out.push_back({"cpu", "LUT measured on CPU " + quoted(was->cpu) + ", this machine has " +
                                  quoted(now.cpu)});
    if (!was->libtorch.empty() && !now.libtorch.empty() && was->libtorch != now.libtorch)
        out.push_back({"libtorch", "LUT measured with LibTorch " + was->libtorch +
                                       ", this build uses " + now.libtorch});
    if (!was->blas.empty() && !now.blas.empty() && was->blas != now.blas)
        out.push_back({"blas", "LUT measured with BLAS " + quoted(was->blas) +
                                   ", this machine uses " + quoted(now.blas)});
    return out;
}

} // namespace dnas
