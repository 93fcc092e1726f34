// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/RunLogView.h"

#include "ui/util/NumberFormat.h"

#include <QFontDatabase>
#include <QTime>

namespace dnas::ui {

RunLogView::RunLogView(QWidget* parent) : QPlainTextEdit(parent) {
    setReadOnly(true);
    setMaximumBlockCount(kMaxLines);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Start a search (F5) or open a run folder to see its log here."));
}

void RunLogView::log(const QString& line) {
    appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

void RunLogView::follow(SearchSession* c) {
    connect(c, &SearchSession::runStarted, this,
            [this](const QString& dir) { log(tr("run folder %1").arg(dir)); });
    connect(c, &SearchSession::started, this, [this](int first, int epochs) {
        log(first > 0 ? tr("resuming at epoch %1 of %2").arg(first + 1).arg(epochs)
                      : tr("searching for %n epoch(s)", nullptr, epochs));
    });
    connect(c, &SearchSession::epochAdded, this, [this](const EpochMetrics& e) {
        const QString acc = e.warmup ? tr("train acc %1%").arg(100.0 * e.train_accuracy, 0, 'f', 2)
                                     : tr("θ-split acc %1%").arg(100.0 * e.val_accuracy, 0, 'f', 2);
        log(tr("epoch %1/%2%3: loss %4, %5, expected cost %6, τ %7, %8")
                .arg(e.epoch + 1)
                .arg(e.epochs)
                .arg(e.warmup ? tr(" (warm-up)") : QString())
                .arg(e.train_loss, 0, 'f', 4)
                .arg(acc)
                .arg(e.expected_cost, 0, 'f', 1)
                .arg(e.temperature, 0, 'f', 3)
                .arg(NumberFormat::duration(e.seconds)));
    });
    connect(c, &SearchSession::samplesAdded, this, [this](const SampleSet& s) {
        int pareto = 0;
        for (const auto& a : s.samples)
            pareto += a.pareto ? 1 : 0;
        log(tr("epoch %1: %n architecture(s) sampled", nullptr, int(s.samples.size()))
                .arg(s.epoch + 1) +
            tr(", %1 on the Pareto front").arg(pareto));
    });
    connect(c, &SearchSession::checkpointWritten, this, [this](int epoch, const QString& path) {
        log(tr("checkpoint after epoch %1: %2").arg(epoch + 1).arg(path));
    });
    connect(c, &SearchSession::finalSamples, this, [this](const SampleSet& s) {
        if (s.samples.empty())
            return;
        const SampledArchitecture& delivered = s.samples.front();
        if (s.samples.size() == 1) {
            log(tr("final argmax architecture: %1").arg(QString::fromStdString(delivered.arch)));
            return;
        }
        for (const auto& a : s.samples)
            log(tr("finalist %1: %2 % fine-tuned, %3 % one-shot%4")
                    .arg(QString::fromStdString(a.arch))
                    .arg(100.0 * a.fine_tuned, 0, 'f', 1)
                    .arg(100.0 * a.accuracy, 0, 'f', 1)
                    .arg(a.is_argmax ? tr(" (θ's argmax)") : QString()));
        log(tr("delivered: %1, the best of %n finalist(s) fine-tuned alone", nullptr,
               int(s.samples.size()))
                .arg(QString::fromStdString(delivered.arch)));
    });
    connect(c, &SearchSession::errorOccurred, this,
            [this](const QString& message) { log(tr("error: %1").arg(message)); });
    connect(c, &SearchSession::finished, this, [this] { log(tr("run ended")); });
}

} // namespace dnas::ui
