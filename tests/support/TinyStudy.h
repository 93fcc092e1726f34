// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A search small enough for unit tests: 3 layers on 14x14 Fashion-MNIST, MAC cost (no LUT).
#include "engine/search/Study.h"
#include "tests/support/SmallSpace.h"

#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace dnas::testsupport {

inline SearchSpace tinySpace() {
    return smallSpace("tiny",
                      {{8, 1, {"k3_e1", "k3_e3", "skip"}, 0},
                       {16, 2, {"k3_e1", "k5_e3", "skip"}, 1},
                       {16, 1, {"k3_e1_g2", "k3_e6", "skip"}, 1}},
                      28);
}

inline Study tinyStudy(int epochs = 3, int64_t limit = 640) {
    Study st;
    st.name = "tiny";
    st.space = tinySpace();
    st.dataset = {{"kind", "idx"}, {"path", "/usr/share/datasets/fashion-mnist"}};
    st.cost.kind = "macs";
    st.settings.epochs = epochs;
    st.settings.warmup_epochs = 1;
    st.settings.batch_size = 64;
    st.settings.limit = limit;
    st.settings.eval_limit = 128;
    st.settings.samples_per_epoch = 3;
    st.settings.threads = 1;
    st.settings.seed = 7;
    return st;
}

// A fresh folder under the system temp dir, removed first if it exists.
inline std::string freshDir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("dnas-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

} // namespace dnas::testsupport
