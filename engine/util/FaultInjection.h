// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>

namespace dnas {

// Test-only crash points. The environment variable DNAS_FAULT="<point>:<N>[,<point>:<N>...]"
// arms the Nth pass through a named point of this process; code at that point asks hit() and,
// when armed, simulates the crash it stands for (e.g. Checkpoint kills the process with SIGKILL
// half-way through writing the temporary file). Without DNAS_FAULT nothing ever fires; the
// crash-safety tests (tests/cli/SearchWorkflowTest.cpp) are the only users.
class FaultInjection {
  public:
    // Counts this pass through `point`; true when DNAS_FAULT armed exactly this one.
    static bool hit(const std::string& point);
};

} // namespace dnas
