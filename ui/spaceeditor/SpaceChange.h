// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/SearchSpace.h"

#include <QString>

namespace dnas::ui {

// An edit of a space, computed but not applied: the space it makes and what the Edit menu
// calls it, or why it does not apply.
struct SpaceChange {
    SearchSpace space;
    QString text;
    QString error; // non-empty: the edit does not apply
};

} // namespace dnas::ui
