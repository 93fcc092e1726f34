// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/dist/SyncBatchNorm.h"
#include "engine/dist/DistContext.h"

namespace dnas {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

const std::vector<int64_t> kReduceDims{0, 2, 3}; // all but the channel dimension

torch::Tensor perChannel(const torch::Tensor& v) {
    return v.view({1, -1, 1, 1});
}

// Normalises with given global statistics; the backward completes the gradient with the other
// ranks' sums. The DistContext travels as an integer: saved_data holds IValues only.
struct SyncBatchNormFunction : torch::autograd::Function<SyncBatchNormFunction> {
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                                 const torch::Tensor& weight, const torch::Tensor& bias,
                                 const torch::Tensor& mean, const torch::Tensor& invstd,
                                 double count, DistContext* context) {
        ctx->save_for_backward({x, weight, mean, invstd});
        ctx->saved_data["count"] = count;
        ctx->saved_data["context"] = reinterpret_cast<int64_t>(context);
        return (x - perChannel(mean)) * perChannel(invstd * weight) + perChannel(bias);
    }

    static variable_list backward(AutogradContext* ctx, variable_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& x = saved[0];
        const torch::Tensor& weight = saved[1];
        const torch::Tensor& mean = saved[2];
        const torch::Tensor& invstd = saved[3];
        auto* context = reinterpret_cast<DistContext*>(ctx->saved_data["context"].toInt());
        const double count = ctx->saved_data["count"].toDouble();
        const torch::Tensor dy = gradOutputs[0];
        const torch::Tensor xmu = x - perChannel(mean);
        const torch::Tensor sumDy = dy.sum(kReduceDims);
        const torch::Tensor sumDyXmu = (dy * xmu).sum(kReduceDims);
        // Called on every rank (the graphs are the same), so the all-reduce always pairs up.
        torch::Tensor global = torch::cat({sumDy, sumDyXmu}).to(torch::kDouble);
        context->allReduce(global);
        const int64_t c = mean.size(0);
        const torch::Tensor meanDy = (global.slice(0, 0, c) / count).to(x.scalar_type());
        const torch::Tensor meanDyXmu = (global.slice(0, c, 2 * c) / count).to(x.scalar_type());
        const torch::Tensor dx =
            (dy - perChannel(meanDy) - xmu * perChannel(invstd * invstd * meanDyXmu)) *
            perChannel(invstd * weight);
        return {dx,
                sumDyXmu * invstd,
                sumDy,
                torch::Tensor(),
                torch::Tensor(),
                torch::Tensor(),
                torch::Tensor()};
    }
};

} // namespace

torch::Tensor SyncBatchNorm::forward(torch::nn::BatchNorm2dImpl& bn, const torch::Tensor& x,
                                     DistContext& context) {
    TORCH_CHECK(x.dim() == 4, "SyncBatchNorm expects NCHW input, got ", x.dim(), " dims");
    TORCH_CHECK(bn.options.affine(), "SyncBatchNorm needs an affine BatchNorm2d");
    const int64_t c = x.size(1);
    torch::Tensor mean, var;
    double count = 0.0;
    {
        torch::NoGradGuard noGrad;
        // Per-rank mean and variance in the input's precision (two-pass, accurate), combined in
        // double: n·(var + mean²) summed over ranks loses nothing to cancellation there.
        auto [localVar, localMean] = torch::var_mean(x.detach(), kReduceDims, /*unbiased=*/false);
        const double n = static_cast<double>(x.numel() / c);
        const torch::Tensor m = localMean.to(torch::kDouble);
        torch::Tensor packed = torch::cat({m * n, (localVar.to(torch::kDouble) + m * m) * n,
                                           torch::full({1}, n, torch::kDouble)});
        context.allReduce(packed);
        count = packed[2 * c].item<double>();
        const torch::Tensor globalMean = packed.slice(0, 0, c) / count;
        const torch::Tensor globalVar =
            (packed.slice(0, c, 2 * c) / count - globalMean * globalMean).clamp_min(0.0);
        mean = globalMean.to(x.scalar_type());
        var = globalVar.to(x.scalar_type());
        if (bn.options.track_running_stats()) {
            // The module's own bookkeeping (BatchNormImplBase::forward), with the global batch.
            double factor = bn.options.momentum().value_or(0.0);
            if (bn.num_batches_tracked.defined()) {
                bn.num_batches_tracked += 1;
                if (!bn.options.momentum())
                    factor = 1.0 / bn.num_batches_tracked.item<double>();
            }
            const double unbiased = count > 1.0 ? count / (count - 1.0) : 1.0;
            bn.running_mean.mul_(1.0 - factor).add_(mean, factor);
            bn.running_var.mul_(1.0 - factor).add_(var * unbiased, factor);
        }
    }
    const torch::Tensor invstd = torch::rsqrt(var + bn.options.eps());
    return SyncBatchNormFunction::apply(x, bn.weight, bn.bias, mean, invstd, count, &context);
}

} // namespace dnas
