// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/SearchStatusWidget.h"

#include "ui/util/NumberFormat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <algorithm>

namespace dnas::ui {

namespace {
constexpr int kPermille = 1000; // progress bar resolution
constexpr int kBarWidth = 180;  // pixels; enough to read at a glance
constexpr int kThetaHalf = 2;   // an epoch after warm-up is a w pass then a θ pass
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
    bar_->setValue(epochs > 0 ? firstEpoch * kPermille / epochs : 0);
}

void SearchStatusWidget::showStep(const StepMetrics& s) {
    const int epochs = std::max(epochs_, 1);
    double within = s.steps_in_phase > 0 ? double(s.step + 1) / s.steps_in_phase : 0.0;
    if (s.phase == StepPhase::Weights)
        within /= kThetaHalf;
    if (s.phase == StepPhase::Theta)
        within = 0.5 + within / kThetaHalf;
    bar_->setValue(std::clamp(int((s.epoch + within) / epochs * kPermille), 0, kPermille));
    label_->setText(tr("epoch %1/%2 · %3 step %4/%5 · ETA %6")
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
    bar_->setValue(std::clamp((e.epoch + 1) * kPermille / std::max(epochs_, 1), 0, kPermille));
}

void SearchStatusWidget::showState(SearchSession::State state) {
    const bool active = state != SearchSession::State::Idle;
    bar_->setVisible(active || bar_->value() > 0);
    switch (state) {
    case SearchSession::State::Idle:
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
