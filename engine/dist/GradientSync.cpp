// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/GradientSync.h"
#include "engine/dist/DistContext.h"

#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/utils/lambda_post_hook.h>
#include <torch/csrc/autograd/variable.h>

#include <unordered_set>

namespace dnas {

namespace {
using torch::autograd::Node;

// The autograd nodes backward() will run from `loss`: a parameter whose gradient accumulator
// is not among them gets no gradient this step (an unsampled path), and no bucket waits for it.
std::unordered_set<const Node*> graphOf(const torch::Tensor& loss) {
    std::unordered_set<const Node*> seen;
    const std::shared_ptr<Node> root = loss.grad_fn();
    if (!root)
        return seen;
    std::vector<const Node*> stack{root.get()};
    seen.insert(root.get());
    while (!stack.empty()) {
        const Node* node = stack.back();
        stack.pop_back();
        for (const auto& edge : node->next_edges())
            if (edge.function && seen.insert(edge.function.get()).second)
                stack.push_back(edge.function.get());
    }
    return seen;
}
} // namespace

struct GradientSync::Plan {
    struct Slot {
        torch::Tensor param;
        int64_t offset = 0;
        bool arrived = false; // its accumulation ran (or the gradient was there already)
        bool defined = false; // and left a gradient, now copied into the bucket
    };
    struct Bucket {
        torch::Tensor buffer;
        std::vector<Slot> slots;
        int64_t waiting = 0; // slots not arrived yet
        DistContext::Pending pending;
        bool launched = false;
        torch::Tensor slice(const Slot& s) const {
            return buffer.slice(0, s.offset, s.offset + s.param.numel());
        }
        bool anyDefined() const {
            for (const auto& s : slots)
                if (s.defined)
                    return true;
            return false;
        }
    };
    std::vector<Bucket> buckets;
    size_t next = 0; // buckets start in order: ranks must issue collectives in the same order
    int64_t launched = 0;
    std::vector<std::pair<std::shared_ptr<Node>, uintptr_t>> hooks;

    // `params` in the order their gradients are expected, cut into buckets of about
    // `bucketBytes` (a parameter larger than that gets a bucket of its own) and of one dtype.
    Plan(const std::vector<torch::Tensor>& params, int64_t bucketBytes) {
        int64_t bytes = 0;
        for (const auto& p : params) {
            const int64_t size = p.numel() * static_cast<int64_t>(p.element_size());
            if (buckets.empty() || (bytes > 0 && bytes + size > bucketBytes) ||
                buckets.back().buffer.scalar_type() != p.scalar_type()) {
                buckets.emplace_back();
                buckets.back().buffer = torch::empty({0}, p.options().requires_grad(false));
                bytes = 0;
            }
            Bucket& b = buckets.back();
            b.slots.push_back({p, bytes / static_cast<int64_t>(p.element_size())});
            bytes += size;
            ++b.waiting;
        }
        for (auto& b : buckets) {
            int64_t n = 0;
            for (const auto& s : b.slots)
                n += s.param.numel();
            // Zeros: a gradient that never comes adds nothing on any rank.
            b.buffer = torch::zeros({n}, b.buffer.options());
        }
    }
    ~Plan() {
        for (auto& [node, key] : hooks)
            node->del_post_hook(key);
    }

    static void arrive(Bucket& b, Slot& s) {
        s.arrived = true;
        const torch::Tensor g = s.param.grad();
        if (g.defined()) {
            // view() in logical (NCHW) order whatever the layout; the copy back uses the same
            // order, so channels-last gradients round-trip unchanged.
            b.slice(s).view(g.sizes()).copy_(g);
            s.defined = true;
        }
        --b.waiting;
    }
};

GradientSync::GradientSync(DistContext& context, int64_t bucketBytes)
    : context_(context), bucketBytes_(std::max<int64_t>(1, bucketBytes)) {}

GradientSync::~GradientSync() = default;

std::vector<torch::Tensor> GradientSync::parametersOf(torch::optim::Optimizer& optimizer) {
    std::vector<torch::Tensor> all;
    for (auto& group : optimizer.param_groups())
        all.insert(all.end(), group.params().begin(), group.params().end());
    return all;
}

void GradientSync::launchReady() {
    Plan& plan = *plan_;
    while (plan.next < plan.buckets.size() && plan.buckets[plan.next].waiting == 0) {
        Plan::Bucket& b = plan.buckets[plan.next++];
        // A bucket whose gradients all stayed undefined is skipped alike on every rank.
        if (!b.anyDefined())
            continue;
        b.pending = context_.allReduceAsync(b.buffer);
        b.launched = true;
        ++plan.launched;
    }
}

void GradientSync::average(const std::vector<torch::Tensor>& parameters) {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> withGrad;
    for (auto it = parameters.rbegin(); it != parameters.rend(); ++it)
        if (it->grad().defined())
            withGrad.push_back(*it);
    plan_ = std::make_unique<Plan>(withGrad, bucketBytes_);
    // Each bucket starts as soon as it is packed: the next one packs while it travels.
    for (auto& b : plan_->buckets) {
        for (auto& s : b.slots)
            Plan::arrive(b, s);
        launchReady();
    }
    finish();
}

void GradientSync::average(torch::optim::Optimizer& optimizer) {
    average(parametersOf(optimizer));
}

void GradientSync::beginBackward(const torch::Tensor& loss,
                                 const std::vector<torch::Tensor>& parameters) {
    plan_.reset(); // a step that threw before finish() left its plan (and hooks) behind
    const auto graph = graphOf(loss);
    std::vector<torch::Tensor> reached;
    std::vector<std::shared_ptr<Node>> accumulators;
    for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
        if (!it->requires_grad())
            continue;
        auto acc = torch::autograd::impl::try_get_grad_accumulator(*it);
        if (!acc || graph.count(acc.get()) == 0)
            continue;
        TORCH_CHECK(!it->grad().defined(),
                    "GradientSync::beginBackward needs cleared gradients (a parameter has one)");
        reached.push_back(*it);
        accumulators.push_back(std::move(acc));
    }
    plan_ = std::make_unique<Plan>(reached, bucketBytes_);
    size_t i = 0;
    for (size_t b = 0; b < plan_->buckets.size(); ++b)
        for (size_t s = 0; s < plan_->buckets[b].slots.size(); ++s, ++i) {
            // After the accumulator ran, the parameter's gradient is this step's (it was
            // cleared); the hook runs on the thread that called backward().
            auto hook = [this, b, s](const torch::autograd::variable_list& outputs,
                                     const torch::autograd::variable_list&) {
                torch::NoGradGuard noGrad;
                Plan::Bucket& bucket = plan_->buckets[b];
                Plan::arrive(bucket, bucket.slots[s]);
                launchReady();
                return outputs;
            };
            const uintptr_t key = accumulators[i]->add_post_hook(
                std::make_unique<torch::autograd::utils::LambdaPostHook>(hook));
            plan_->hooks.emplace_back(accumulators[i], key);
        }
}

void GradientSync::finish() {
    if (!plan_)
        return;
    torch::NoGradGuard noGrad;
    // Gradients that never came (a reached node that passed none on) count as undefined.
    for (auto& b : plan_->buckets)
        for (auto& s : b.slots)
            if (!s.arrived)
                Plan::arrive(b, s);
    launchReady();
    const std::unique_ptr<Plan> plan = std::move(plan_); // its hooks go, even on an error
    bucketsLastStep_ = plan->launched;
    const double size = static_cast<double>(context_.size());
    for (auto& b : plan->buckets) {
        if (!b.launched)
            continue;
        context_.wait(b.pending);
        b.buffer.div_(size);
        for (const auto& s : b.slots)
            if (s.defined) {
                torch::Tensor g = s.param.grad();
                g.copy_(b.slice(s).view(g.sizes()));
            }
    }
}

} // namespace dnas
