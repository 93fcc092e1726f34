// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SearchStatusWidget.h"

#include "ui/util/NumberFormat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <algorithm>
#include <cmath>

namespace dnas::ui {

namespace {
constexpr int kPermille = 1000; // progress bar resolution
constexpr int kBarWidth = 180;  // pixels; enough to read at a glance
constexpr int kThetaHalf = 2;   // an epoch after warm-up is a w pass then a θ pass
// Of a sweep target with retraining, the search's part of the bar: a proxy retraining of a few
// epochs on the whole training set takes about as long as a search on its subset.
constexpr double kSearchShareWithRetrain = 0.5;
} // namespace

SearchStatusWidget::SearchStatusWidget(QWidget* parent)
    : QWidget(parent), bar_(new QProgressBar(this)), label_(new QLabel(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    bar_->setRange(0, kPermille);
    bar_->setFixedWidth(kBarWidth);
    bar_->setTextVisible(false);
    bar_->setValue(0);
    showState(SearchSession::State::Idle);
}

void SearchStatusWidget::setEpochs(int firstEpoch, int epochs) {
    epochs_ = epochs;
    setDone(epochs > 0 ? double(firstEpoch) / epochs : 0.0);
}

void SearchStatusWidget::setDone(double fraction, bool retraining) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    if (target_.count > 0) {
        const double share = target_.retrain == SweepRetrain::None ? 1.0 : kSearchShareWithRetrain;
        const double within = retraining ? share + (1.0 - share) * fraction : share * fraction;
        fraction = (target_.index + within) / target_.count;
    }
    bar_->setValue(std::clamp(int(std::lround(fraction * kPermille)), 0, kPermille));
}

QString SearchStatusWidget::sweepPrefix() const {
    if (target_.count == 0)
        return {};
    return tr("target %1 of %2 (%3 %4) · ")
        .arg(target_.index + 1)
        .arg(target_.count)
        .arg(locale().toString(target_.target, 'g', 4))
        .arg(NumberFormat::unit(QString::fromStdString(target_.unit)));
}

void SearchStatusWidget::showSweepTarget(const SweepTarget& target) {
    target_ = target;
    setDone(target.searched ? 1.0 : 0.0);
    label_->setText(sweepPrefix() + (target.searched ? tr("searched before") : tr("starting…")));
}

void SearchStatusWidget::showRetrainStarted(int epochs) {
    setDone(0.0, true);
    label_->setText(sweepPrefix() + (epochs == 1 ? tr("retraining, 1 epoch")
                                                 : tr("retraining, %1 epochs").arg(epochs)));
}

void SearchStatusWidget::showRetrain(const TrainProgress& p) {
    // p.step counts the batches done, a last partial batch beyond p.steps included.
    const int64_t step = std::min(p.step, p.steps);
    const double steps = std::max<double>(double(p.steps), 1.0);
    const int epochs = std::max(p.epochs, 1);
    setDone((p.epoch + double(step) / steps) / epochs, true);
    label_->setText(sweepPrefix() + tr("retraining epoch %1/%2 step %3/%4 · ETA %5")
                                        .arg(p.epoch + 1)
                                        .arg(p.epochs)
                                        .arg(step)
                                        .arg(p.steps)
                                        .arg(NumberFormat::duration(p.eta_s)));
}

void SearchStatusWidget::showStep(const StepMetrics& s) {
    if (s.phase == StepPhase::Finalists) {
        setDone(double(s.step + 1) / std::max(s.steps_in_phase, 1));
        label_->setText(sweepPrefix() + tr("fine-tuned finalist %1/%2 · ETA %3")
                                            .arg(s.step + 1)
                                            .arg(s.steps_in_phase)
                                            .arg(NumberFormat::duration(s.eta_s)));
        return;
    }
    const int epochs = std::max(epochs_, 1);
    double within = s.steps_in_phase > 0 ? double(s.step + 1) / s.steps_in_phase : 0.0;
    if (s.phase == StepPhase::Weights)
        within /= kThetaHalf;
    if (s.phase == StepPhase::Theta)
        within = 0.5 + within / kThetaHalf;
    setDone((s.epoch + within) / epochs);
    label_->setText(sweepPrefix() + tr("epoch %1/%2 · %3 step %4/%5 · ETA %6")
                                        .arg(s.epoch + 1)
                                        .arg(epochs_)
                                        .arg(QString::fromLatin1(toString(s.phase)))
                                        .arg(s.step + 1)
                                        .arg(s.steps_in_phase)
                                        .arg(NumberFormat::duration(s.eta_s)));
}

void SearchStatusWidget::showEpoch(const EpochMetrics& e) {
    if (e.epochs > 0)
        epochs_ = e.epochs;
    setDone(double(e.epoch + 1) / std::max(epochs_, 1));
}

void SearchStatusWidget::showState(SearchSession::State state) {
    const bool active = state != SearchSession::State::Idle;
    bar_->setVisible(active || bar_->value() > 0);
    switch (state) {
    case SearchSession::State::Idle:
        if (target_.count > 0) {
            label_->setText(
                bar_->value() >= kPermille
                    ? (target_.count == 1 ? tr("Sweep done: 1 target")
                                          : tr("Sweep done: %1 targets").arg(target_.count))
                    : tr("Sweep stopped at target %1 of %2: Search a Front with the same "
                         "targets continues it")
                          .arg(target_.index + 1)
                          .arg(target_.count));
            target_ = {}; // the next search may be a single one
            break;
        }
        if (bar_->value() == 0)
            label_->setText(tr("No search running"));
        break;
    case SearchSession::State::Running:
        if (label_->text().isEmpty() || bar_->value() == 0)
            label_->setText(tr("Starting…"));
        break;
    case SearchSession::State::Paused:
        label_->setText(tr("Paused — ") + label_->text());
        break;
    case SearchSession::State::Stopping:
        label_->setText(tr("Stopping after this step…"));
        break;
    case SearchSession::State::Following:
        label_->setText(tr("Reading run folder…"));
        break;
    }
}

QString SearchStatusWidget::text() const {
    return label_->text();
}

int SearchStatusWidget::progress() const {
    return bar_->value();
}

} // namespace dnas::ui
