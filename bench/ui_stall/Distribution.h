// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <algorithm>
#include <cstddef>
#include <vector>

namespace dnas::bench {

// A list of timings (ms) with the order statistics the benchmarks report.
class Distribution {
  public:
    void add(double ms) { values_.push_back(ms); }
    void clear() { values_.clear(); }
    size_t count() const { return values_.size(); }
    bool empty() const { return values_.empty(); }

    // q in [0, 1]: 0.5 the median, 0.99 the 99th percentile (nearest rank); 0 when empty.
    double quantile(double q) const {
        if (values_.empty())
            return 0.0;
        std::vector<double> v = values_;
        const size_t rank = std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1) + 0.5));
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(rank), v.end());
        return v[rank];
    }
    double median() const { return quantile(0.5); }
    double max() const {
        return values_.empty() ? 0.0 : *std::max_element(values_.begin(), values_.end());
    }
    double sum() const {
        double s = 0.0;
        for (double x : values_)
            s += x;
        return s;
    }

  private:
    std::vector<double> values_;
};

} // namespace dnas::bench
