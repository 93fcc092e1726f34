// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/MissingLutWidget.h"

#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutCache.h"
#include "ui/spaceeditor/LutMeasureTask.h"
#include "ui/spaceeditor/SpaceEditor.h"
#include "ui/study/StudyDocument.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace dnas::ui {

MissingLutWidget::MissingLutWidget(SpaceEditor* editor, QWidget* parent)
    : QWidget(parent), editor_(editor), task_(new LutMeasureTask(this)), status_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      measure_(new QPushButton(tr("&Measure missing on this machine"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)) {
    setObjectName(QStringLiteral("missingLut"));
    status_->setWordWrap(true);
    progress_->setVisible(false);
    cancel_->setVisible(false);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(status_, 0, 0, 1, 2);
    grid->addWidget(measure_, 1, 0);
    grid->addWidget(cancel_, 1, 1);
    grid->addWidget(progress_, 2, 0, 1, 2);
    connect(measure_, &QPushButton::clicked, this, &MissingLutWidget::measure);
    connect(cancel_, &QPushButton::clicked, task_, &LutMeasureTask::cancel);
    connect(task_, &LutMeasureTask::progress, this,
            [this](int done, int total, const QString& what) {
                progress_->setRange(0, total);
                progress_->setValue(done);
                progress_->setFormat(what.isEmpty() ? tr("%v / %m") : tr("%v / %m  %1").arg(what));
            });
    connect(task_, &LutMeasureTask::finished, this, [this](bool, const QString& message) {
        lastResult_ = message;
        editor_->refreshAnalysis(); // the cached LUT grew
        refresh();
    });
    connect(editor_, &SpaceEditor::spaceChanged, this, &MissingLutWidget::refresh);
    refresh();
}

QString MissingLutWidget::statusText() const {
    return status_->text();
}

void MissingLutWidget::refresh() {
    const Study& study = editor_->document()->study();
    const SpaceAnalysis& a = editor_->analysis();
    const bool running = task_->isRunning();
    progress_->setVisible(running);
    cancel_->setVisible(running);
    const bool machine = study.cost.usesLut() && study.cost.lut == LutCache::kAuto;
    const bool valid = a.issues.empty();
    // Not measured yet: the whole space is missing.
    const size_t missing = a.lutStatus.empty() ? a.missing.size()
                           : machine && valid  ? LatencyTable::signaturesFor(study.space).size()
                                               : 0;
    QString text;
    if (!study.cost.usesLut())
        text = tr("The cost model (%1) needs no LUT.").arg(QString::fromStdString(study.cost.kind));
    else if (!valid)
        text = tr("Fix the space's problems to see what the LUT lacks.");
    else if (missing == 0)
        text = tr("The LUT covers every candidate of every layer.");
    else if (machine)
        text = tr("%n signature(s) not measured on this machine yet.", nullptr, int(missing));
    else
        text = tr("%n signature(s) missing from %1; only this machine's LUT (“auto”) can be "
                  "measured here.",
                  nullptr, int(missing))
                   .arg(QString::fromStdString(study.cost.lut));
    if (!lastResult_.isEmpty() && !running)
        text += QLatin1Char('\n') + lastResult_;
    status_->setText(text);
    measure_->setEnabled(machine && valid && missing > 0 && !running);
    measure_->setToolTip(machine
                             ? tr("Times each missing block alone on this CPU, in the background, "
                                  "and adds it to this machine's cached LUT")
                             : tr("The study's LUT is not this machine's; measuring here would "
                                  "mix devices"));
}

bool MissingLutWidget::measure() {
    if (!measure_->isEnabled())
        return false;
    lastResult_.clear();
    if (!task_->start(editor_->space()))
        return false;
    progress_->setRange(0, 0);
    refresh();
    return true;
}

} // namespace dnas::ui
