// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/BatchNormHook.h"

namespace dnas {

namespace {
// Per thread: two ranks simulated as two threads of one process each keep their own.
thread_local BatchNormHook::Fn t_hook;
} // namespace

torch::Tensor BatchNormHook::apply(torch::nn::BatchNorm2d& bn, const torch::Tensor& x) {
    if (!t_hook || !bn->is_training())
        return bn->forward(x);
    return t_hook(*bn, x);
}

bool BatchNormHook::installed() {
    return static_cast<bool>(t_hook);
}

BatchNormHook::Scope::Scope(Fn fn) : previous_(std::move(t_hook)) {
    t_hook = std::move(fn);
}

BatchNormHook::Scope::~Scope() {
    t_hook = std::move(previous_);
}

} // namespace dnas
