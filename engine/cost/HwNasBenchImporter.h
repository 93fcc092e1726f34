// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dnas {

// Imports HW-NAS-Bench's raw FBNet cost dicts (HW_metrics["fbnet"], as in
// shared/data/hw-nas-bench/hw_nas_bench_fbnet_raw_lut.json): {"<device>_<metric>": {key: value}}
// with keys such as
//   ConvBlock_H32_W32_Cin16_Cout24_exp6_kernel5_stride1_group1   -> k5_e6   16x32x32 -> 24 s1
//   Skip_H32_W32_Cin16_Cout24_stride1                            -> skip
//   ConvNorm_H32_W32_Cin3_Cout16_kernel3_stride1_group1          -> stem (3x3 conv)
//   ConvNorm_H4_W4_Cin352_Cout1504_kernel1_stride1_group1        -> head (1x1 conv)
//   AvgP_H4_W4_Cin1504_Cout1504_kernel4_stride1                  -> pool
//   FC_Cin1504_Cout100                                           -> fc (h = w = 1)
// Values are ms / mJ per image; the table stores µs / µJ. Every key of the dict is imported, so
// one table covers both the ImageNet and the CIFAR shapes.
class HwNasBenchImporter {
  public:
    // device: "raspi4" or a metric key "raspi4_latency". Energy comes from "<device>_energy"
    // when the file has it. Throws DnasError naming the file and the line of a bad key or value.
    static LatencyTable importFile(const std::string& path, const std::string& device);
    // `text` is the document's source, used only to find line numbers for errors (may be empty).
    static LatencyTable importJson(const nlohmann::json& doc, const std::string& device,
                                   const std::string& file, const std::string& text = "");
    // Devices with a latency dict in the document ("edgegpu", "raspi4", ...).
    static std::vector<std::string> devices(const nlohmann::json& doc);
    // One raw key to a signature; returns false and sets *why on a key it does not understand.
    static bool parseKey(const std::string& key, OpSignature& sig, std::string* why = nullptr);
};

} // namespace dnas
