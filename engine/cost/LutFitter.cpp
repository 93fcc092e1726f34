// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cost/LutFitter.h"
#include "engine/space/SearchSpace.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace dnas {

namespace {

// Solves the SPD system M z = b in place by Cholesky (M is m×m, row-major); false if not SPD.
bool choleskySolve(std::vector<double>& M, std::vector<double>& b, size_t m) {
    for (size_t j = 0; j < m; ++j) {
        double d = M[j * m + j];
        for (size_t k = 0; k < j; ++k)
            d -= M[j * m + k] * M[j * m + k];
        if (!(d > 0.0))
            return false;
        d = std::sqrt(d);
        M[j * m + j] = d;
        for (size_t i = j + 1; i < m; ++i) {
            double s = M[i * m + j];
            for (size_t k = 0; k < j; ++k)
                s -= M[i * m + k] * M[j * m + k];
            M[i * m + j] = s / d;
        }
    }
    for (size_t i = 0; i < m; ++i) { // L y = b
        for (size_t k = 0; k < i; ++k)
            b[i] -= M[i * m + k] * b[k];
        b[i] /= M[i * m + i];
    }
    for (size_t i = m; i-- > 0;) { // Lᵀ z = y
        for (size_t k = i + 1; k < m; ++k)
            b[i] -= M[k * m + i] * b[k];
        b[i] /= M[i * m + i];
    }
    return true;
}

} // namespace

std::vector<double> LutFitter::nnls(const std::vector<double>& G, const std::vector<double>& h,
                                    size_t n, double tol) {
    std::vector<double> x(n, 0.0), w(h);
    std::vector<char> passive(n, 0), blocked(n, 0);
    // Each outer step frees one variable; the bound is a guard against cycling on ties.
    for (size_t outer = 0; outer < 4 * n + 10; ++outer) {
        size_t j = n;
        for (size_t i = 0; i < n; ++i)
            if (!passive[i] && !blocked[i] && w[i] > tol && (j == n || w[i] > w[j]))
                j = i;
        if (j == n)
            break;
        passive[j] = 1;
        for (size_t inner = 0; inner < 4 * n + 10; ++inner) {
            std::vector<size_t> P;
            for (size_t i = 0; i < n; ++i)
                if (passive[i])
                    P.push_back(i);
            const size_t m = P.size();
            std::vector<double> M(m * m), s(m);
            for (size_t a = 0; a < m; ++a) {
                s[a] = h[P[a]];
                for (size_t b = 0; b < m; ++b)
                    M[a * m + b] = G[P[a] * n + P[b]];
            }
            if (!choleskySolve(M, s, m))
                throw DnasError("NNLS: normal matrix is not positive definite");
            double alpha = 1.0;
            size_t hit = m;
            for (size_t a = 0; a < m; ++a)
                if (s[a] <= 0.0) {
                    const double r = x[P[a]] / (x[P[a]] - s[a]);
                    if (hit == m || r < alpha)
                        alpha = r, hit = a;
                }
            if (hit == m) { // feasible: accept
                for (size_t a = 0; a < m; ++a)
                    x[P[a]] = s[a];
                break;
            }
            // Step toward s until the first variable hits 0; bind it (and any other at 0).
            for (size_t a = 0; a < m; ++a) {
                x[P[a]] += alpha * (s[a] - x[P[a]]);
                if (a == hit || x[P[a]] <= 0.0) {
                    x[P[a]] = 0.0;
                    passive[P[a]] = 0;
                }
            }
        }
        // A variable that came straight back out would be picked again forever (degenerate
        // step): skip it until some other variable has entered.
        if (!passive[j])
            blocked[j] = 1;
        else
            std::fill(blocked.begin(), blocked.end(), 0);
        for (size_t i = 0; i < n; ++i) {
            w[i] = h[i];
            for (size_t k = 0; k < n; ++k)
                w[i] -= G[i * n + k] * x[k];
        }
    }
    return x;
}

double LutFitter::predictMs(const LatencyTable& t, const SearchSpace& space,
                            const Architecture& a) {
    return t.archCost(space, a, CostMetric::Latency) / 1000.0;
}

LutFitResult LutFitter::fit(const SearchSpace& space, const Timings& timings,
                            const LutFitOptions& opt) {
    const std::string file = timings.file.empty() ? "timings" : timings.file;
    if (!timings.space.empty() && timings.space != space.name)
        throw DnasError(file, "space",
                        "timings are for space \"" + timings.space + "\", not \"" + space.name +
                            "\"");
    if (!(opt.holdout >= 0.0 && opt.holdout < 1.0))
        throw DnasError(file, "holdout", "must be in [0, 1)");
    // One unknown per distinct block signature: layers with the same shapes share their cost,
    // because the LUT is keyed by signature and cannot store them apart. The last unknown is
    // the fixed cost (stem + head + pool + fc), present in every net.
    const size_t L = space.layers.size();
    std::map<std::string, size_t> colOf;
    std::vector<OpSignature> cols;
    std::vector<std::map<std::string, size_t>> layerCol(L);
    for (size_t l = 0; l < L; ++l)
        for (const auto& op : space.layers[l].candidates) {
            const OpSignature sig = blockSignature(space, l, op);
            auto [it, fresh] = colOf.emplace(sig.key(), cols.size());
            if (fresh)
                cols.push_back(sig);
            layerCol[l][op] = it->second;
        }
    const size_t p = cols.size() + 1, fixedCol = cols.size();

    // Seeded Fisher–Yates with an explicit draw: std::shuffle's algorithm is unspecified.
    const size_t n = timings.samples.size();
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i)
        order[i] = i;
    std::mt19937_64 rng(opt.seed);
    for (size_t i = n; i > 1; --i)
        std::swap(order[i - 1], order[rng() % i]);
    const size_t nTest = size_t(std::llround(opt.holdout * double(n)));
    if (n < nTest + 2)
        throw DnasError(file, "measurements", "too few timings to fit (" + std::to_string(n) + ")");
    LutFitResult res;
    res.heldout_index.assign(order.begin(), order.begin() + long(nTest));
    res.train_index.assign(order.begin() + long(nTest), order.end());
    std::sort(res.heldout_index.begin(), res.heldout_index.end());
    std::sort(res.train_index.begin(), res.train_index.end());

    auto columns = [&](const TimingSample& s) {
        std::vector<size_t> c;
        for (size_t l = 0; l < L; ++l)
            c.push_back(layerCol[l].at(s.arch.ops[l]));
        c.push_back(fixedCol);
        return c;
    };
    // Normal equations in µs. AᵀA is small (p ≈ 200) whatever the number of timings.
    std::vector<double> G(p * p, 0.0), h(p, 0.0);
    for (size_t i : res.train_index) {
        const auto c = columns(timings.samples[i]);
        const double y = timings.samples[i].latency_ms * 1000.0;
        for (size_t a : c) {
            h[a] += y;
            for (size_t b : c)
                G[a * p + b] += 1.0;
        }
    }
    // The design is rank-deficient: within each group of same-shape layers the chosen ops'
    // indicators sum to the group size, exactly like the fixed column, so a cost can move between
    // a layer group and the fixed cost (and unobserved signatures have all-zero columns) without
    // changing any total. A tiny ridge makes the problem strictly convex, so NNLS has a unique
    // answer (the smallest-norm split) while totals move by ~ridge relative, far below noise.
    double trace = 0.0;
    for (size_t a = 0; a < p; ++a)
        trace += G[a * p + a];
    const double lambda = std::max(opt.ridge, 0.0) * trace / double(p) + 1e-300;
    for (size_t a = 0; a < p; ++a)
        G[a * p + a] += lambda;
    double hmax = 0.0;
    for (double v : h)
        hmax = std::max(hmax, std::fabs(v));
    const std::vector<double> x = nnls(G, h, p, 1e-13 * hmax);

    res.fixed_us = x[fixedCol];
    LatencyTable& t = res.table;
    t.source = file;
    t.device = {{"name", "fitted from " + file},
                {"kind", "fitted"},
                {"notes", "LUT fitted to whole-network timings for space " + space.name}};
    for (size_t a = 0; a < cols.size(); ++a) {
        if (G[a * p + a] <= lambda) { // never chosen in training: no information, leave it out
            res.unobserved.push_back(cols[a]);
            continue;
        }
        t.set({cols[a], x[a], {}, {}, {}, {}, 0});
    }
    // Timings only tell the sum of the fixed parts, so all of it goes on the stem and head, pool
    // and fc get 0: archCost (stem + layers + head + pool + fc) then equals the fitted total.
    const auto fixed = LatencyTable::fixedSignatures(space);
    for (size_t k = 0; k < fixed.size(); ++k)
        t.set({fixed[k], k == 0 ? res.fixed_us : 0.0, {}, {}, {}, {}, 0});

    auto stats = [&](const std::vector<size_t>& idx) {
        FitStats s;
        double se = 0.0, rel = 0.0;
        size_t nRel = 0;
        for (size_t i : idx) {
            double pred = 0.0;
            for (size_t a : columns(timings.samples[i]))
                pred += x[a];
            const double y = timings.samples[i].latency_ms, e = pred / 1000.0 - y;
            se += e * e;
            if (y > 0.0)
                rel += std::fabs(e) / y, ++nRel;
        }
        s.n = idx.size();
        s.rmse_ms = idx.empty() ? 0.0 : std::sqrt(se / double(idx.size()));
        s.mean_rel_err = nRel ? rel / double(nRel) : 0.0;
        return s;
    };
    res.train = stats(res.train_index);
    res.heldout = stats(res.heldout_index);
    const FitStats& headline = nTest ? res.heldout : res.train;
    auto js = [](const FitStats& s) {
        return nlohmann::json{{"n", s.n}, {"rmse_ms", s.rmse_ms}, {"mean_rel_err", s.mean_rel_err}};
    };
    t.provenance = {
        {"kind", "fitted"},
        {"from", file},
        {"space", space.name},
        {"rmse_ms", headline.rmse_ms},
        {"mean_rel_err", headline.mean_rel_err},
        {"train", js(res.train)},
        {"holdout", opt.holdout},
        {"seed", opt.seed},
        {"ridge", opt.ridge},
        {"method",
         "ridge + NNLS (Lawson-Hanson), shape-tied (layer, op) costs + fixed cost on stem"}};
    if (nTest)
        t.provenance["heldout"] = js(res.heldout);
    if (!res.unobserved.empty())
        t.provenance["unobserved"] = res.unobserved.size();
    return res;
}

} // namespace dnas
