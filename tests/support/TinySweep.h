// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A sweep small enough for unit tests: two targets over the tiny study, proxy-retrained.
#include "engine/search/CostTable.h"
#include "engine/search/SweepPlan.h"
#include "tests/support/TinyStudy.h"

#include <algorithm>
#include <vector>

namespace dnas::testsupport {

// Two search epochs (one warm-up) on 640 images: 10 steps a warm-up epoch; a 1-epoch retraining.
inline Study sweepStudy() {
    Study s = tinyStudy(2, 640);
    s.train.epochs = 1;
    s.train.limit = 640;
    s.train.batch_size = 64;
    s.train.threads = 1;
    return s;
}

// Two targets that are the costs of architectures of the tiny space (27 of them, too few for a
// tolerance band around any cost to hold one), a third and two thirds up its cost order.
inline SweepPlan twoTargets(const Study& study) {
    const CostTable costs = CostTable::build(study.space, study.cost, nullptr);
    std::vector<double> all;
    for (int64_t a = 0; a < 3; ++a)
        for (int64_t b = 0; b < 3; ++b)
            for (int64_t c = 0; c < 3; ++c)
                all.push_back(costs.cost({a, b, c}));
    std::sort(all.begin(), all.end());
    SweepPlan plan = SweepPlan::forTargets(costs, {all[all.size() / 3], all[2 * all.size() / 3]});
    plan.retrain = SweepRetrain::Proxy;
    plan.proxy_epochs = 1;
    return plan;
}

} // namespace dnas::testsupport
