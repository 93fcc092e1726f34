// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/OpSpec.h"

#include <QString>

namespace dnas::ui {

// How the editor names what an op is: "IR k5 e6", "IR k3 e1 g2 SE h-swish", "skip".
class OpDescription {
  public:
    static QString of(const OpSpec& op);
    // A sentence for tooltips: the block's convolutions in order.
    static QString detail(const OpSpec& op);
};

} // namespace dnas::ui
