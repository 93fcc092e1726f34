// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers of the space editor's tests.
#include "engine/space/OpSpec.h"
#include "engine/space/SearchSpace.h"

#include <string>
#include <vector>

namespace dnas::testsupport {

// A custom inverted-residual op.
inline OpSpec irOp(const std::string& name, int kernel, int expansion, bool se = false,
                   const std::string& act = "relu") {
    OpSpec op;
    op.name = name;
    op.kernel = kernel;
    op.expansion = expansion;
    op.se = se;
    op.act = act;
    return op;
}

// The first validation problem, for a test's failure message; empty when there is none.
inline std::string firstProblem(const std::vector<ValidationIssue>& issues) {
    return issues.empty() ? std::string() : issues.front().toString();
}

} // namespace dnas::testsupport
