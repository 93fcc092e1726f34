// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/DistContext.h"
#include "engine/util/DnasError.h"

// ProcessGroupGloo.hpp is empty unless USE_C10D_GLOO, which TorchConfig.cmake defines when the
// LibTorch build has Gloo (Debian's does, and links libgloo; the headers are libgloo-dev's).
#ifndef USE_C10D_GLOO
#error "this LibTorch has no Gloo: the data-parallel search needs c10d's ProcessGroupGloo"
#endif
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <chrono>
#include <cstdlib>
#include <sstream>

namespace dnas {

namespace {
constexpr const char* kIfnameVariable = "GLOO_SOCKET_IFNAME"; // torch.distributed's NIC choice

std::string secondsText(double seconds) {
    std::ostringstream out;
    out << seconds << " s";
    return out.str();
}

std::chrono::milliseconds toMillis(double seconds) {
    return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
}

bool isLoopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// c10::Error carries a C++ backtrace and gloo prefixes its source location; keep the message.
std::string reason(const std::exception& e) {
    const auto* c10 = dynamic_cast<const c10::Error*>(&e);
    std::string text = c10 ? c10->what_without_backtrace() : e.what();
    text = text.substr(0, text.find('\n'));
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find("] ");
        if (close != std::string::npos)
            text = text.substr(close + 2);
    }
    return text;
}

c10d::ReduceOp reduceOp(DistContext::Op op) {
    switch (op) {
    case DistContext::Op::Min:
        return c10d::ReduceOp::MIN;
    case DistContext::Op::Max:
        return c10d::ReduceOp::MAX;
    case DistContext::Op::Sum:
        break;
    }
    return c10d::ReduceOp::SUM;
}
} // namespace

struct DistContext::Pending::Work {
    c10::intrusive_ptr<c10d::Work> work;
};

DistContext::Pending::Pending() = default;
DistContext::Pending::~Pending() = default;
DistContext::Pending::Pending(Pending&&) noexcept = default;
DistContext::Pending& DistContext::Pending::operator=(Pending&&) noexcept = default;

struct DistContext::Impl {
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
};

DistContext::DistContext(const DistSettings& settings)
    : settings_(settings), d(std::make_unique<Impl>()) {
    settings_.check("distributed settings");
    const std::string self = "rank " + std::to_string(settings_.rank);
    const std::string master = settings_.master_host + ":" + std::to_string(settings_.master_port);
    // Meeting takes two steps (the store, then Gloo's full mesh); either can wait in vain.
    auto notAllMet = [&](const std::exception& e) {
        return (settings_.rank == 0 ? "serving the rendezvous on " : "meeting rank 0 at ") +
               master + ": not all " + std::to_string(settings_.world_size) + " ranks met within " +
               secondsText(settings_.timeout_s) + " (" + reason(e) + ")";
    };
    c10d::TCPStoreOptions storeOptions;
    storeOptions.port = static_cast<std::uint16_t>(settings_.master_port);
    storeOptions.isServer = settings_.rank == 0;
    storeOptions.numWorkers = static_cast<std::size_t>(settings_.world_size);
    storeOptions.waitWorkers = true;
    storeOptions.timeout = toMillis(settings_.timeout_s);
    try {
        d->store = c10::make_intrusive<c10d::TCPStore>(settings_.master_host, storeOptions);
    } catch (const std::exception& e) {
        throw DnasError("", self, notAllMet(e));
    }
    auto options = c10d::ProcessGroupGloo::Options::create(toMillis(settings_.timeout_s));
    try {
        // Loopback runs talk over 127.0.0.1; across machines each rank binds to the interface
        // its host name resolves to, or the one GLOO_SOCKET_IFNAME names.
        const char* ifname = std::getenv(kIfnameVariable);
        if (isLoopback(settings_.master_host))
            options->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else if (ifname && *ifname)
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
        else
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        d->group = c10::make_intrusive<c10d::ProcessGroupGloo>(d->store, settings_.rank,
                                                               settings_.world_size, options);
    } catch (const std::exception& e) {
        throw DnasError("", self, notAllMet(e));
    }
}

DistContext::~DistContext() = default;

void DistContext::fail(const std::exception& e) const {
    const std::string peer =
        settings_.world_size == 2 ? "rank " + std::to_string(1 - settings_.rank) : "another rank";
    throw DnasError("", "rank " + std::to_string(settings_.rank),
                    peer + " stopped responding (" + reason(e) + ")");
}

void DistContext::allReduce(torch::Tensor& tensor, Op op) {
    Pending pending = allReduceAsync(tensor, op);
    wait(pending);
}

DistContext::Pending DistContext::allReduceAsync(torch::Tensor& tensor, Op op) {
    TORCH_CHECK(tensor.is_contiguous(), "DistContext::allReduce needs a contiguous tensor");
    std::vector<torch::Tensor> tensors{tensor};
    c10d::AllreduceOptions options;
    options.reduceOp = reduceOp(op);
    options.timeout = toMillis(settings_.timeout_s);
    ++counts_.calls;
    counts_.bytes += static_cast<int64_t>(tensor.numel() * tensor.element_size());
    Pending pending;
    pending.work_ = std::make_unique<Pending::Work>();
    try {
        pending.work_->work = d->group->allreduce(tensors, options);
    } catch (const std::exception& e) {
        fail(e);
    }
    return pending;
}

void DistContext::wait(Pending& pending) {
    if (!pending.work_)
        return;
    const auto work = std::move(pending.work_);
    try {
        work->work->wait();
    } catch (const std::exception& e) {
        fail(e);
    }
}

} // namespace dnas
