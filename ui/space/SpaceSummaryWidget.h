// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/space/SpaceAnalysis.h"

#include <QWidget>

class QLabel;

namespace dnas::ui {

// Totals over a search space: architectures, supernet size, MAC and latency ranges, and which
// LUT signatures are missing.
class SpaceSummaryWidget : public QWidget {
    Q_OBJECT
  public:
    explicit SpaceSummaryWidget(QWidget* parent = nullptr);
    void setAnalysis(const SpaceAnalysis& analysis, const QString& spaceName);

    // The texts shown, for tests and for copying.
    QString architecturesText() const;
    QString latencyText() const;
    QString argminMacsText() const;
    QString missingText() const;

  private:
    QLabel* addRow(const QString& label);

    QLabel* space_ = nullptr;
    QLabel* architectures_ = nullptr;
    QLabel* params_ = nullptr;
    QLabel* macs_ = nullptr;
    QLabel* argminMacs_ = nullptr;
    QLabel* argminLatency_ = nullptr;
    QLabel* latency_ = nullptr;
    QLabel* missing_ = nullptr;
    QLabel* issues_ = nullptr;
};

} // namespace dnas::ui
