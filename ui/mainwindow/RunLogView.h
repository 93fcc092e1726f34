// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SearchSession.h"

#include <QPlainTextEdit>

namespace dnas::ui {

// A read-only, timestamped log of what the current run reported: start, epochs, samples,
// checkpoints, errors.
class RunLogView : public QPlainTextEdit {
    Q_OBJECT
  public:
    static constexpr int kMaxLines = 5000; // older lines are dropped

    explicit RunLogView(QWidget* parent = nullptr);
    // Logs the controller's events from now on.
    void follow(SearchSession* controller);
    void log(const QString& line);
};

} // namespace dnas::ui
