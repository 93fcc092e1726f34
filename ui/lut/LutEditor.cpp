// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutEditor.h"

#include "engine/cost/LutCache.h"
#include "engine/cost/LutProvenance.h"
#include "ui/lut/LutCheckPlot.h"
#include "ui/lut/LutCheckRecord.h"
#include "ui/lut/LutClipboard.h"
#include "ui/lut/LutDocument.h"
#include "ui/lut/LutEditorToolBar.h"
#include "ui/lut/LutOperations.h"
#include "ui/lut/LutTableModel.h"
#include "ui/study/StudyDocument.h"
#include "ui/util/Units.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>
#include <exception>

namespace dnas::ui {

namespace {
constexpr int kProgressWidth = 360; // pixels: room for "12/90: k5_e6 32x14x14 -> 64 stride 2"
constexpr int kMinColumnWidth = 64; // pixels: "k5_e1_g2" and "1234.5" stay whole
// A check's scatter opens beside the table with half the width: a square plot is what makes
// the diagonal and the band readable, and the table scrolls.
constexpr int kTableStretch = 1;
constexpr int kPlotStretch = 1;
// The warning strip: amber, as a warning that does not stop anything.
const char* const kWarningStyle =
    "QLabel { background: #fff3cd; color: #664d03; border: 1px solid #ffe69c; padding: 4px; }";

QString costText(const Study& study, const QString& lutRef) {
    const CostSpec& c = study.cost;
    if (c.kind == "macs")
        return LutEditor::tr("multiply-adds (MACs)");
    if (c.kind == "params")
        return LutEditor::tr("parameters");
    const QString from = QString::fromStdString(c.lut) == lutRef ? LutEditor::tr("this LUT")
                                                                 : QString::fromStdString(c.lut);
    return c.kind == "energy" ? LutEditor::tr("energy from %1").arg(from)
                              : LutEditor::tr("latency from %1").arg(from);
}
} // namespace

LutEditor::LutEditor(StudyDocument* study, QWidget* parent)
    : QWidget(parent), study_(study), lut_(new LutDocument(study->undoStack(), this)),
      model_(new LutTableModel(lut_, this)), ops_(new LutOperations(lut_, model_, study, this)) {
    setObjectName(QStringLiteral("lutEditor"));
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::warning(this, title, text);
    };
    savePath_ = [this] {
        return QFileDialog::getSaveFileName(this, tr("Save LUT As"),
                                            lut_->displayName() + QStringLiteral(".lut.json"),
                                            tr("LUT (*.lut.json);;All files (*)"));
    };
    buildView();

    connect(study_, &StudyDocument::studyReset, ops_, &LutOperations::loadFromStudy);
    connect(study_, &StudyDocument::studyChanged, ops_, &LutOperations::followStudy);
    connect(study_, &StudyDocument::studyChanged, this, &LutEditor::updateInfo);
    for (auto signal :
         {&LutDocument::tableChanged, &LutDocument::spaceChanged, &LutDocument::sourceChanged})
        connect(lut_, signal, this, &LutEditor::updateInfo);
    connect(lut_, &LutDocument::modifiedChanged, this, &LutEditor::updateInfo);
    connect(ops_, &LutOperations::failed, this,
            [this](const QString& title, const QString& text) { report_(title, text); });
    connect(ops_, &LutOperations::message, status_, &QLabel::setText);
    connect(ops_, &LutOperations::measureStarted, this, [this](int total) {
        showProgress(0, total, QString());
        toolBar_->syncWithStudy();
    });
    connect(ops_, &LutOperations::measureProgress, this, &LutEditor::showProgress);
    connect(ops_, &LutOperations::measureFinished, this, [this] {
        progress_->hide();
        cancel_->hide();
        toolBar_->syncWithStudy();
    });
    connect(ops_, &LutOperations::checkStarted, this, [this](LutCheckKind, int total) {
        showProgress(0, total, QString());
        toolBar_->syncWithStudy();
    });
    connect(ops_, &LutOperations::checkProgress, this, &LutEditor::showProgress);
    connect(ops_, &LutOperations::checkFinished, this, &LutEditor::showCheck);
    ops_->loadFromStudy();
    updateInfo();
}

void LutEditor::buildView() {
    toolBar_ = new LutEditorToolBar(this);
    info_ = new QLabel(this);
    info_->setObjectName(QStringLiteral("lutInfo"));
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("lutStatus"));
    progress_ = new QProgressBar(this);
    progress_->setMinimumWidth(kProgressWidth);
    progress_->hide();
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop measuring after the block being timed; keep what was measured"));
    cancel_->hide();
    connect(cancel_, &QToolButton::clicked, ops_, [this] {
        ops_->cancelMeasure();
        ops_->cancelCheck();
    });
    provenance_ = new QLabel(this);
    provenance_->setObjectName(QStringLiteral("lutProvenanceWarning"));
    provenance_->setStyleSheet(QString::fromLatin1(kWarningStyle));
    provenance_->setWordWrap(true);
    provenance_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // wraps, never widens
    provenance_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    provenance_->hide();
    lastCheck_ = new QLabel(this);
    lastCheck_->setObjectName(QStringLiteral("lutLastCheck"));
    lastCheck_->setWordWrap(true);
    lastCheck_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // wraps, never widens
    lastCheck_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    lastCheck_->hide();
    checkPlot_ = new LutCheckPlot(this);
    checkPlot_->hide();

    view_ = new QTableView(this);
    view_->setObjectName(QStringLiteral("lutTable"));
    view_->setModel(model_);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setWordWrap(false);
    // The ops share the width: equal columns read as a grid, and the numbers are short.
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    view_->horizontalHeader()->setMinimumSectionSize(kMinColumnWidth);
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const auto addViewAction = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, view_);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        view_->addAction(a);
    };
    addViewAction(tr("Copy"), QKeySequence::Copy, &LutEditor::copySelection);
    addViewAction(tr("Paste"), QKeySequence::Paste, &LutEditor::pasteClipboard);
    addViewAction(tr("Clear"), QKeySequence::Delete, &LutEditor::clearSelection);
    view_->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(status_, 1);
    bottom->addWidget(progress_);
    bottom->addWidget(cancel_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolBar_);
    layout->addWidget(info_);
    layout->addWidget(provenance_);
    layout->addWidget(lastCheck_);
    split_ = new QSplitter(Qt::Horizontal, this);
    split_->addWidget(view_);
    split_->addWidget(checkPlot_);
    split_->setStretchFactor(0, kTableStretch);
    split_->setStretchFactor(1, kPlotStretch);
    split_->setChildrenCollapsible(false);
    layout->addWidget(split_, 1);
    layout->addLayout(bottom);
}

void LutEditor::showEvent(QShowEvent* event) {
    ops_->reloadIfStale();
    QWidget::showEvent(event);
}

QString LutEditor::statusText() const {
    return status_->text();
}

void LutEditor::updateInfo() {
    const LatencyTable& t = lut_->table();
    const size_t missing = t.missing(lut_->space()).size();
    QString source = lut_->ref();
    if (source.isEmpty())
        source = tr("not saved yet");
    else if (source == QLatin1String(LutCache::kAuto))
        source = tr("measured here, cached");
    QStringList parts{QStringLiteral("<b>%1</b>").arg(lut_->displayName().toHtmlEscaped()),
                      source.toHtmlEscaped(),
                      t.size() == 1 ? tr("1 entry") : tr("%1 entries").arg(t.size())};
    const QString lacks = missing == 1 ? tr("1 block of this space missing")
                                       : tr("%1 blocks of this space missing").arg(missing);
    parts << (missing ? QStringLiteral("<span style='color:#a00000'>%1</span>").arg(lacks)
                      : tr("complete for this space"));
    if (lut_->isModified())
        parts << tr("<i>unsaved changes</i>");
    parts << tr("study cost: %1").arg(costText(study_->study(), lut_->ref()).toHtmlEscaped());
    info_->setText(parts.join(QStringLiteral(" · ")));
    updateProvenance();
    toolBar_->syncWithStudy();
}

void LutEditor::updateProvenance() {
    QStringList warnings;
    for (const LutMismatch& m : LutProvenance::mismatches(lut_->table(), ops_->settingsHere()))
        warnings << QString::fromStdString(m.message).toHtmlEscaped();
    provenance_->setText(
        warnings.isEmpty()
            ? QString()
            : tr("<b>⚠ This LUT was measured with other settings than this machine:</b> %1. "
                 "Its costs may not predict what runs here; measure it again here, or Check "
                 "it.")
                  .arg(warnings.join(QStringLiteral("; "))));
    provenance_->setVisible(!warnings.isEmpty());

    QString last;
    try {
        const LatencyTable& t = lut_->table();
        if (const auto r = LutCheckRecord::from(t.provenance, t.source)) {
            const QString space = QString::fromStdString(r->space);
            last = tr("Last check (%1, %2 %3, %4 thread(s), batch %5): %6")
                       .arg(QLocale().toString(r->when.toLocalTime(), QLocale::ShortFormat), space,
                            r->calibrated ? tr("calibrated") : tr("block timings"))
                       .arg(r->threads)
                       .arg(r->batch)
                       .arg(r->summary().toHtmlEscaped());
            if (r->space != lut_->space().name)
                last += tr(" · <i>another space than this study's</i>");
            // The drift says how much of the error was the machine's speed that day (#21).
            if (const QString drift = r->driftSummary(); !drift.isEmpty())
                last += QStringLiteral("<br>") + drift.toHtmlEscaped();
        }
    } catch (const std::exception& e) {
        // A hand-edited file: say what is wrong with it; the rest of the LUT is still usable.
        last =
            tr("Last check unreadable: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped());
    }
    lastCheck_->setText(last);
    lastCheck_->setVisible(!last.isEmpty());
}

QString LutEditor::provenanceWarning() const {
    return provenance_->text();
}

QString LutEditor::lastCheckText() const {
    return lastCheck_->text();
}

void LutEditor::showCheck(const LutCheckOutcome& outcome) {
    progress_->hide();
    cancel_->hide();
    toolBar_->syncWithStudy();
    const SearchSpace& space = lut_->space();
    // A study opened or a space renamed meanwhile: the nets are not this editor's any more.
    if (!outcome.error.isEmpty() || outcome.cancelled || outcome.report.rows.empty() ||
        outcome.space != space.name)
        return;
    const QString name = QString::fromStdString(space.name);
    if (outcome.kind == LutCheckKind::Check) {
        const LutCheckRecord r = LutCheckRecord::of(outcome.report, space.name, outcome.calibrated,
                                                    0, 1, QDateTime::currentDateTimeUtc());
        checkPlot_->setReport(
            outcome.report,
            tr("<b>Check on %1</b> (%2, held-out random nets): %3")
                .arg(name, outcome.calibrated ? tr("calibrated LUT") : tr("block timings"),
                     r.summary().toHtmlEscaped()));
    } else {
        // The nets the fit used, now costed by the calibrated table: how well it fits them.
        const LatencyTable calibrated = lut_->table().calibratedFor(space);
        std::vector<LutCheckRow> rows = outcome.report.rows;
        try {
            for (LutCheckRow& row : rows) {
                row.lut_us = calibrated.archCost(space, row.arch, CostMetric::Latency);
                row.rel_err = std::abs(row.lut_us - row.measured_us) / row.measured_us;
            }
        } catch (const std::exception&) {
            return; // the space's shapes changed meanwhile: the status line has the numbers
        }
        const LutCheckReport fitted = LutChecker::summarize(std::move(rows));
        const LutCheckRecord r =
            LutCheckRecord::of(fitted, space.name, true, 0, 1, QDateTime::currentDateTimeUtc());
        const LutCheckRecord before = LutCheckRecord::of(outcome.report, space.name, false, 0, 1,
                                                         QDateTime::currentDateTimeUtc());
        checkPlot_->setReport(
            fitted,
            tr("<b>Calibrated for %1</b> on these %2 nets: median error %3 → %4. After: "
               "%5 (Check judges other nets)")
                .arg(name)
                .arg(fitted.rows.size())
                .arg(QStringLiteral("%1 %").arg(kPercent * before.median_rel_err, 0, 'f', 1),
                     QStringLiteral("%1 %").arg(kPercent * r.median_rel_err, 0, 'f', 1),
                     r.summary().toHtmlEscaped()));
    }
    if (checkPlot_->isHidden()) {
        // The splitter's stretch applies to later resizes only; the first share is set here.
        checkPlot_->show();
        const int width = split_->width();
        split_->setSizes({width * kTableStretch / (kTableStretch + kPlotStretch),
                          width * kPlotStretch / (kTableStretch + kPlotStretch)});
    }
}

void LutEditor::showProgress(int done, int total, const QString& what) {
    progress_->setRange(0, total);
    progress_->setValue(done);
    progress_->setFormat(what.isEmpty() ? tr("%v/%m") : tr("%v/%m: %1").arg(what));
    progress_->show();
    cancel_->show();
}

void LutEditor::copySelection() const {
    const QString text = LutClipboard::copy(*model_, view_->selectionModel()->selectedIndexes());
    if (!text.isEmpty())
        QGuiApplication::clipboard()->setText(text);
}

void LutEditor::pasteClipboard() {
    QModelIndexList target = view_->selectionModel()->selectedIndexes();
    if (target.isEmpty() && view_->currentIndex().isValid())
        target << view_->currentIndex();
    QString error;
    if (!LutClipboard::paste(*model_, target, QGuiApplication::clipboard()->text(), &error) &&
        !error.isEmpty())
        report_(tr("Cannot paste"), error);
}

void LutEditor::clearSelection() {
    std::vector<std::pair<QModelIndex, std::optional<double>>> cells;
    for (const QModelIndex& i : view_->selectionModel()->selectedIndexes())
        cells.emplace_back(i, std::nullopt);
    model_->setCells(cells, tr("Clear LUT cells"));
}

bool LutEditor::saveIfModified() {
    if (!lut_->isModified())
        return true;
    if (!lut_->filePath().isEmpty() && !lut_->isBuiltin())
        return ops_->save();
    const QString path = savePath_();
    return !path.isEmpty() && ops_->saveAs(path);
}

} // namespace dnas::ui
