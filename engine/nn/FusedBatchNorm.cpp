// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/nn/FusedBatchNorm.h"
#include "engine/nn/BatchNormHook.h"
#include "engine/nn/ChannelsLast.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

// The row loops are compiled twice, for AVX2 + FMA and for the baseline, and the loader picks
// one per machine (GCC function multi-versioning): the release build targets plain x86-64, and
// ATen's own kernels dispatch the same way.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define DNAS_VECTOR_CLONES __attribute__((target_clones("arch=haswell", "default")))
#else
#define DNAS_VECTOR_CLONES
#endif

namespace dnas {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

constexpr int64_t kGrainRows = 512; // rows per parallel task: ~10-100 kB of activations
constexpr int64_t kBlockRows = 16;  // rows summed in float before adding to the double totals

// Σ(x - shift) and Σ(x - shift)² per channel over rows [begin, end) of a row-major [rows, c]
// array, into s and q (double); bs and bq are c floats of scratch. Blocks of rows are summed in
// float, vectorised, and added up in double. The shift (one row of x) keeps the one-pass
// variance from cancelling when a channel's mean is large against its spread.
DNAS_VECTOR_CLONES void sumRows(const float* __restrict x, int64_t begin, int64_t end, int64_t c,
                                const float* __restrict shift, float* __restrict bs,
                                float* __restrict bq, double* __restrict s, double* __restrict q) {
    for (int64_t r0 = begin; r0 < end; r0 += kBlockRows) {
        std::fill(bs, bs + c, 0.0f);
        std::fill(bq, bq + c, 0.0f);
        for (int64_t r = r0; r < std::min(end, r0 + kBlockRows); ++r) {
            const float* row = x + r * c;
            for (int64_t j = 0; j < c; ++j) {
                const float v = row[j] - shift[j];
                bs[j] += v;
                bq[j] += v * v;
            }
        }
        for (int64_t j = 0; j < c; ++j) {
            s[j] += bs[j];
            q[j] += bq[j];
        }
    }
}

DNAS_VECTOR_CLONES void scaleRows(const float* __restrict x, float* __restrict y, int64_t begin,
                                  int64_t end, int64_t c, const float* __restrict a,
                                  const float* __restrict b, bool relu) {
    for (int64_t r = begin; r < end; ++r) {
        const float* in = x + r * c;
        float* out = y + r * c;
        if (relu)
            for (int64_t j = 0; j < c; ++j)
                out[j] = std::max(in[j] * a[j] + b[j], 0.0f);
        else
            for (int64_t j = 0; j < c; ++j)
                out[j] = in[j] * a[j] + b[j];
    }
}

// g = dy where the ReLU passed (a·x + b > 0), else 0; a select, not a branch: the signs are
// random, and a mispredicted branch per element cost more than the whole pass.
inline float passed(float dy, float x, float a, float b) {
    return x * a + b > 0.0f ? dy : 0.0f;
}

// Σg and Σg·(x - mean) per channel, summed in blocks as sumRows.
DNAS_VECTOR_CLONES void gradSumRows(const float* __restrict dy, const float* __restrict x,
                                    int64_t begin, int64_t end, int64_t c,
                                    const float* __restrict a, const float* __restrict b,
                                    const float* __restrict mean, bool relu, float* __restrict bs,
                                    float* __restrict bq, double* __restrict sg,
                                    double* __restrict sgx) {
    for (int64_t r0 = begin; r0 < end; r0 += kBlockRows) {
        std::fill(bs, bs + c, 0.0f);
        std::fill(bq, bq + c, 0.0f);
        for (int64_t r = r0; r < std::min(end, r0 + kBlockRows); ++r) {
            const float* d = dy + r * c;
            const float* in = x + r * c;
            if (relu)
                for (int64_t j = 0; j < c; ++j) {
                    const float g = passed(d[j], in[j], a[j], b[j]);
                    bs[j] += g;
                    bq[j] += g * (in[j] - mean[j]);
                }
            else
                for (int64_t j = 0; j < c; ++j) {
                    bs[j] += d[j];
                    bq[j] += d[j] * (in[j] - mean[j]);
                }
        }
        for (int64_t j = 0; j < c; ++j) {
            sg[j] += bs[j];
            sgx[j] += bq[j];
        }
    }
}

// dx = g·k1 + x·k2 + k3 per channel (the batch-norm backward with its sums folded in).
DNAS_VECTOR_CLONES void gradRows(const float* __restrict dy, const float* __restrict x,
                                 float* __restrict dx, int64_t begin, int64_t end, int64_t c,
                                 const float* __restrict a, const float* __restrict b,
                                 const float* __restrict k1, const float* __restrict k2,
                                 const float* __restrict k3, bool relu) {
    for (int64_t r = begin; r < end; ++r) {
        const float* d = dy + r * c;
        const float* in = x + r * c;
        float* out = dx + r * c;
        if (relu)
            for (int64_t j = 0; j < c; ++j)
                out[j] = passed(d[j], in[j], a[j], b[j]) * k1[j] + in[j] * k2[j] + k3[j];
        else
            for (int64_t j = 0; j < c; ++j)
                out[j] = d[j] * k1[j] + in[j] * k2[j] + k3[j];
    }
}

// Per-channel sums over all rows, each task into its own accumulators, added up in the order
// of the rows (not of the tasks' finishing), so that a run and its resumed twin agree exactly.
template <typename RowFn>
void channelSums(int64_t rows, int64_t c, std::vector<double>& first, std::vector<double>& second,
                 RowFn rowFn) {
    struct Partial {
        int64_t begin;
        std::vector<double> s, q;
    };
    std::vector<Partial> partials;
    std::mutex merge;
    at::parallel_for(0, rows, kGrainRows, [&](int64_t begin, int64_t end) {
        Partial p{begin, std::vector<double>(static_cast<size_t>(c), 0.0),
                  std::vector<double>(static_cast<size_t>(c), 0.0)};
        std::vector<float> bs(static_cast<size_t>(c)), bq(static_cast<size_t>(c));
        rowFn(begin, end, bs.data(), bq.data(), p.s.data(), p.q.data());
        std::lock_guard<std::mutex> lock(merge);
        partials.push_back(std::move(p));
    });
    std::sort(partials.begin(), partials.end(),
              [](const Partial& a, const Partial& b) { return a.begin < b.begin; });
    first.assign(static_cast<size_t>(c), 0.0);
    second.assign(static_cast<size_t>(c), 0.0);
    for (const auto& p : partials)
        for (size_t j = 0; j < first.size(); ++j) {
            first[j] += p.s[j];
            second[j] += p.q[j];
        }
}

// The NHWC buffer of a channels-last tensor.
const float* rowsOf(const torch::Tensor& t) {
    return t.data_ptr<float>();
}

// Per-channel vectors are computed in plain loops: a dozen ATen calls on [c]-sized tensors per
// norm cost as much as a pass over the activations of the small late layers.
enum Row : int64_t { kMean, kInvstd, kScale, kShift, kRows }; // rows of the saved [kRows, c]

struct BatchNormReluFunction : torch::autograd::Function<BatchNormReluFunction> {
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x,
                                 const torch::Tensor& weight, const torch::Tensor& bias,
                                 const torch::Tensor& runningMean, const torch::Tensor& runningVar,
                                 double momentum, double eps, bool relu) {
        const int64_t c = x.size(1), rows = x.numel() / c;
        const float* in = rowsOf(x);
        const float* shift = in; // the first row
        std::vector<double> sum, sumSq;
        channelSums(rows, c, sum, sumSq,
                    [&](int64_t begin, int64_t end, float* bs, float* bq, double* s, double* q) {
                        sumRows(in, begin, end, c, shift, bs, bq, s, q);
                    });
        torch::Tensor stats = torch::empty({kRows, c}, x.options());
        float* mean = stats.data_ptr<float>() + kMean * c;
        float* invstd = stats.data_ptr<float>() + kInvstd * c;
        float* scale = stats.data_ptr<float>() + kScale * c;
        float* offset = stats.data_ptr<float>() + kShift * c;
        const float* w = weight.data_ptr<float>();
        const float* b = bias.data_ptr<float>();
        float* rm = runningMean.data_ptr<float>();
        float* rv = runningVar.data_ptr<float>();
        const double n = static_cast<double>(rows);
        const double unbiased = rows > 1 ? n / (n - 1.0) : 1.0; // BatchNorm2d's running variance
        for (int64_t j = 0; j < c; ++j) {
            const double d = sum[static_cast<size_t>(j)] / n;
            const double m = shift[j] + d;
            const double v = std::max(0.0, sumSq[static_cast<size_t>(j)] / n - d * d);
            const double is = 1.0 / std::sqrt(v + eps);
            mean[j] = static_cast<float>(m);
            invstd[j] = static_cast<float>(is);
            scale[j] = static_cast<float>(w[j] * is);
            offset[j] = static_cast<float>(b[j] - m * w[j] * is);
            rm[j] = static_cast<float>((1.0 - momentum) * rm[j] + momentum * m);
            rv[j] = static_cast<float>((1.0 - momentum) * rv[j] + momentum * v * unbiased);
        }
        torch::Tensor y = torch::empty_like(x);
        float* out = y.data_ptr<float>();
        at::parallel_for(0, rows, kGrainRows, [&](int64_t begin, int64_t end) {
            scaleRows(in, out, begin, end, c, scale, offset, relu);
        });
        ctx->save_for_backward({x, weight, stats});
        ctx->saved_data["relu"] = relu;
        return y;
    }

    static variable_list backward(AutogradContext* ctx, variable_list gradOutputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& x = saved[0];
        const float* w = saved[1].data_ptr<float>();
        const torch::Tensor& stats = saved[2];
        const int64_t c = x.size(1), rows = x.numel() / c;
        const float* mean = stats.data_ptr<float>() + kMean * c;
        const float* invstd = stats.data_ptr<float>() + kInvstd * c;
        const float* scale = stats.data_ptr<float>() + kScale * c;
        const float* offset = stats.data_ptr<float>() + kShift * c;
        const bool relu = ctx->saved_data["relu"].toBool();
        const torch::Tensor dy = gradOutputs[0].contiguous(at::MemoryFormat::ChannelsLast);
        const float* in = rowsOf(x);
        const float* d = rowsOf(dy);
        std::vector<double> sumG, sumGx;
        channelSums(rows, c, sumG, sumGx,
                    [&](int64_t begin, int64_t end, float* bs, float* bq, double* s, double* q) {
                        gradSumRows(d, in, begin, end, c, scale, offset, mean, relu, bs, bq, s, q);
                    });
        // dγ = Σg(x - mean)·invstd, dβ = Σg; dx = g·k1 + x·k2 + k3.
        torch::Tensor dWeight = torch::empty({c}, x.options());
        torch::Tensor dBias = torch::empty({c}, x.options());
        torch::Tensor coefficients = torch::empty({3, c}, x.options());
        float* dweight = dWeight.data_ptr<float>();
        float* dbias = dBias.data_ptr<float>();
        float* k1 = coefficients.data_ptr<float>();
        float* k2 = k1 + c;
        float* k3 = k2 + c;
        const double n = static_cast<double>(rows);
        for (int64_t j = 0; j < c; ++j) {
            const double sg = sumG[static_cast<size_t>(j)], sgx = sumGx[static_cast<size_t>(j)];
            const double is = invstd[j], kx = is * w[j];
            dweight[j] = static_cast<float>(sgx * is);
            dbias[j] = static_cast<float>(sg);
            k1[j] = static_cast<float>(kx);
            k2[j] = static_cast<float>(-kx * is * is * sgx / n);
            k3[j] = static_cast<float>(-kx * sg / n + mean[j] * kx * is * is * sgx / n);
        }
        torch::Tensor dx;
        if (ctx->needs_input_grad(0)) {
            dx = torch::empty_like(x);
            float* out = dx.data_ptr<float>();
            at::parallel_for(0, rows, kGrainRows, [&](int64_t begin, int64_t end) {
                gradRows(d, in, out, begin, end, c, scale, offset, k1, k2, k3, relu);
            });
        }
        return {dx,
                dWeight,
                dBias,
                torch::Tensor(),
                torch::Tensor(),
                torch::Tensor(),
                torch::Tensor(),
                torch::Tensor()};
    }
};

// A per-channel vector the loops can index directly.
bool plainVector(const torch::Tensor& t) {
    return t.defined() && t.device().is_cpu() && t.scalar_type() == torch::kFloat && t.dim() == 1 &&
           t.is_contiguous();
}

} // namespace

bool FusedBatchNorm::covers(const torch::nn::BatchNorm2d& bn, const torch::Tensor& x) {
    // DNAS_FUSED_BATCHNORM=0: ATen's batch_norm + relu_ everywhere, for the benchmarks' A/B.
    static const bool enabled = [] {
        const char* env = std::getenv("DNAS_FUSED_BATCHNORM");
        return !(env && std::string(env) == "0");
    }();
    const auto& o = bn->options;
    return enabled && bn->is_training() && !BatchNormHook::installed() && o.affine() &&
           o.track_running_stats() && o.momentum().has_value() && x.device().is_cpu() &&
           x.scalar_type() == torch::kFloat && isChannelsLast(x) && x.numel() > 0 &&
           plainVector(bn->weight) && plainVector(bn->bias) && plainVector(bn->running_mean) &&
           plainVector(bn->running_var);
}

torch::Tensor FusedBatchNorm::forward(torch::nn::BatchNorm2d& bn, const torch::Tensor& x,
                                      bool relu) {
    if (!covers(bn, x)) {
        torch::Tensor y = BatchNormHook::apply(bn, x);
        return relu ? y.relu_() : y;
    }
    {
        torch::NoGradGuard noGrad;
        bn->num_batches_tracked.add_(1);
    }
    return BatchNormReluFunction::apply(x, bn->weight, bn->bias, bn->running_mean, bn->running_var,
                                        *bn->options.momentum(), bn->options.eps(), relu);
}

} // namespace dnas
