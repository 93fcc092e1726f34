// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/cost/Timings.h"

#include <cstdint>
#include <string>
#include <vector>

namespace dnas {

class SearchSpace;

struct LutFitOptions {
    double holdout = 0.2; // fraction of samples kept out of the fit (0: fit on all)
    uint64_t seed = 1;    // for the split (std::mt19937_64, so the same on every platform)
    double ridge = 1e-9;  // relative to the mean diagonal of AᵀA; see LutFitter.cpp
};

struct FitStats {
    size_t n = 0;
    double rmse_ms = 0.0;
    double mean_rel_err = 0.0; // mean |pred - y| / y over samples with y > 0
};

struct LutFitResult {
    LatencyTable table;
    FitStats train, heldout;                        // heldout.n == 0 when options.holdout == 0
    double fixed_us = 0.0;                          // also the table's stem entry
    std::vector<size_t> train_index, heldout_index; // into Timings::samples, ascending
    std::vector<OpSignature> unobserved; // never chosen in the training set: left out of table
};

// Fits a LUT (µs per shape-tied (layer, op) plus one fixed cost) to whole-network timings by
// non-negative least squares.
class LutFitter {
  public:
    // Throws DnasError when the timings name another space, or too few samples remain.
    static LutFitResult fit(const SearchSpace& space, const Timings& timings,
                            const LutFitOptions& options = {});
    // Predicted total in ms of an arch with a fitted (or any) table: archCost / 1000.
    static double predictMs(const LatencyTable& t, const SearchSpace& space, const Architecture& a);

    // min ½xᵀGx − hᵀx subject to x ≥ 0, G (n×n, row-major) symmetric positive definite:
    // Lawson–Hanson active set on the normal equations. tol: stop when no free gradient entry
    // exceeds tol.
    static std::vector<double> nnls(const std::vector<double>& G, const std::vector<double>& h,
                                    size_t n, double tol);
};

} // namespace dnas
