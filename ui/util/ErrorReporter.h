// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>

#include <functional>

namespace dnas::ui {

// Shows an error to the user: a message box in the app, a recorder in the tests. Every part of
// the window that can fail takes one, so the tests can see what the user would have been told.
using ErrorReporter = std::function<void(const QString& title, const QString& text)>;

} // namespace dnas::ui
