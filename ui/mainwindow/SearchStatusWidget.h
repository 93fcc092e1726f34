// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SearchSession.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace dnas::ui {

// The status bar's view of a search: a progress bar over all epochs, epoch / step, ETA.
class SearchStatusWidget : public QWidget {
    Q_OBJECT
  public:
    explicit SearchStatusWidget(QWidget* parent = nullptr);

    void setEpochs(int firstEpoch, int epochs);
    void showStep(const StepMetrics& step);
    void showEpoch(const EpochMetrics& epoch);
    void showState(SearchSession::State state);

    QString text() const;
    int progress() const; // permille of the search done

  private:
    QProgressBar* bar_;
    QLabel* label_;
    int epochs_ = 0;
};

} // namespace dnas::ui
