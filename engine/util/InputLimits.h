// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ceilings on what an input file may ask for, checked before anything is allocated, so a
// corrupt, hostile or fuzzed file is a clear DnasError (file + field) instead of an exhausted
// machine. Each is far above what any real input needs. Space limits (channels, input size,
// layers, candidates) are in space/SearchSpace.h; IDX headers are checked in data/IdxReader.cpp.
#include <cstdint>

namespace dnas {

// Largest text or JSON file read whole; the biggest real one, help-fbnet's timings, is 2.6 MB.
constexpr uint64_t kMaxInputFileBytes = uint64_t(256) << 20;
// LUT entries; a LUT covering every shape of the fbnet and fbnet-cifar spaces has ~400.
constexpr uint64_t kMaxLutEntries = 100000;
// Architecture string ("k3_e1-k3_e6-..."); 128 layers of long custom op names fit in 16 kB.
constexpr uint64_t kMaxArchStringBytes = 64 * 1024;
// Records in one CIFAR binary file: the largest, CIFAR-100's train.bin, holds 50,000 (150 MB).
constexpr int64_t kMaxCifarRecordsPerFile = 1000000;
// Ranges of a candidate op's fields (OpSpec), wherever an op comes from.
constexpr int kMaxKernel = 11;
constexpr int kMaxExpansion = 16;
constexpr int kMaxGroups = 8;
// Weights of a whole supernet (every candidate of every layer): 2 GB of float32, 6 GB with
// gradients and SGD momentum. FBNet's ImageNet supernet has ~13 M.
constexpr double kMaxSupernetParams = 5e8;

} // namespace dnas
