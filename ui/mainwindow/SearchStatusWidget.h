// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/search/SearchSession.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace dnas::ui {

// The status bar's view of a search: a progress bar over all epochs, epoch / step, ETA. In a
// sweep the bar spans the whole sweep and the text starts with the target ("target 2 of 3").
class SearchStatusWidget : public QWidget {
    Q_OBJECT
  public:
    explicit SearchStatusWidget(QWidget* parent = nullptr);

    void setEpochs(int firstEpoch, int epochs);
    void showStep(const StepMetrics& step);
    void showEpoch(const EpochMetrics& epoch);
    void showState(SearchSession::State state);
    void showSweepTarget(const SweepTarget& target);
    void showRetrainStarted(int epochs);
    void showRetrain(const TrainProgress& progress);

    QString text() const;
    int progress() const; // permille of the search done

  private:
    // Sets the bar to `fraction` (0..1) of the current search, or of the current target's
    // search or retraining in a sweep.
    void setDone(double fraction, bool retraining = false);
    QString sweepPrefix() const;

    QProgressBar* bar_;
    QLabel* label_;
    int epochs_ = 0;
    SweepTarget target_; // count 0: no sweep
};

} // namespace dnas::ui
