// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutOperations.h"

#include "engine/cost/CsvLut.h"
#include "engine/cost/LutCache.h"
#include "engine/cost/LutCalibrator.h"
#include "engine/cost/LutChecker.h"
#include "engine/cost/LutFitter.h"
#include "engine/cost/LutRebase.h"
#include "ui/lut/LutCheckController.h"
#include "ui/lut/LutCheckRecord.h"
#include "ui/lut/LutDocument.h"
#include "ui/lut/LutEdits.h"
#include "ui/lut/LutFileImport.h"
#include "ui/lut/LutMeasureController.h"
#include "ui/lut/LutTableModel.h"
#include "ui/lut/ReplaceLutCommand.h"
#include "ui/lut/SetLutEntriesCommand.h"
#include "ui/study/StudyDocument.h"
#include "ui/util/Units.h"

#include <QDateTime>
#include <QFileInfo>
#include <cmath>
#include <exception>
#include <set>

namespace dnas::ui {

namespace {
const char* const kScaledKey = "scaled_by";       // provenance: product of the scale factors
const char* const kMeasuredKey = "measured_here"; // provenance: the last measurement merged in

QString what(const std::exception& e) {
    return QString::fromStdString(e.what());
}

// A LUT file may carry any JSON as provenance; the notes below need an object.
nlohmann::json& provenanceObject(LutDocument::Meta& meta) {
    if (!meta.provenance.is_object())
        meta.provenance = nlohmann::json::object();
    return meta.provenance;
}
} // namespace

LutOperations::LutOperations(LutDocument* lut, LutTableModel* model, StudyDocument* study,
                             QObject* parent)
    : QObject(parent), lut_(lut), model_(model), study_(study),
      measurer_(new LutMeasureController(this)), checker_(new LutCheckController(this)) {
    connect(measurer_, &LutMeasureController::progress, this, &LutOperations::measureProgress);
    connect(measurer_, &LutMeasureController::finished, this, &LutOperations::applyMeasurement);
    connect(checker_, &LutCheckController::progress, this, &LutOperations::checkProgress);
    connect(checker_, &LutCheckController::finished, this, &LutOperations::applyCheck);
}

bool LutOperations::fail(const QString& title, const QString& text) {
    emit failed(title, text);
    return false;
}

bool LutOperations::loadOrSay(const QString& ref) {
    try {
        lut_->load(ref);
        return true;
    } catch (const std::exception& e) {
        emit message(tr("Cannot load the LUT: %1").arg(what(e)));
        return false;
    }
}

void LutOperations::loadFromStudy() {
    if (!study_)
        return;
    const Study& s = study_->study();
    lut_->setSpace(s.space);
    model_->setComparison(std::nullopt);
    studyLutRef_ = QString::fromStdString(s.cost.lut);
    ++generation_;
    if (loadOrSay(studyLutRef_.isEmpty() ? QString::fromLatin1(LutCache::kAuto) : studyLutRef_))
        return;
    // Opening a study must not stop at a LUT that is gone; the editor says why it is empty.
    LutDocument::State empty;
    empty.savedJson = LutDocument::textOf(empty.table); // nothing to save
    lut_->restore(empty);
}

void LutOperations::followStudy() {
    if (!study_)
        return;
    const Study& s = study_->study();
    lut_->setSpace(s.space);
    const QString ref = QString::fromStdString(s.cost.lut);
    if (ref == studyLutRef_)
        return;
    studyLutRef_ = ref;
    if (!ref.isEmpty() && ref != lut_->ref())
        loadOrSay(ref);
}

void LutOperations::reloadIfStale() {
    if (!lut_->isModified() && !lut_->ref().isEmpty() && lut_->isStale())
        loadOrSay(lut_->ref());
}

bool LutOperations::openLut(const QString& ref) {
    LutDocument::State state;
    try {
        state = LutDocument::stateFor(ref);
    } catch (const std::exception& e) {
        return fail(tr("Cannot open the LUT"), what(e));
    }
    std::optional<CostSpec> cost;
    if (study_) {
        cost = study_->study().cost;
        cost->lut = ref.toStdString();
    }
    lut_->push(new ReplaceLutCommand(lut_, state, study_, cost, tr("Use LUT %1").arg(ref)));
    emit message(tr("The study now uses %1 (%2 entries)").arg(ref).arg(lut_->table().size()));
    return true;
}

bool LutOperations::importFile(const QString& path, const QString& device) {
    try {
        const auto format = LutFileImport::detect(path);
        if (format == LutFileImport::Format::DnasLut)
            return openLut(QFileInfo(path).absoluteFilePath());
        LutDocument::State state;
        state.table = LutFileImport::read(path, format, lut_->space(), device);
        lut_->push(new ReplaceLutCommand(lut_, state, nullptr, std::nullopt,
                                         tr("Import %1").arg(QFileInfo(path).fileName())));
    } catch (const std::exception& e) {
        return fail(tr("Cannot import the LUT"), what(e));
    }
    emit message(tr("Imported %1 entries (%2); save the LUT to use it in the study")
                     .arg(lut_->table().size())
                     .arg(lut_->displayName()));
    return true;
}

bool LutOperations::exportCsv(const QString& path) {
    try {
        CsvLut::write(path.toStdString(), lut_->table(), lut_->space());
    } catch (const std::exception& e) {
        return fail(tr("Cannot export the LUT"), what(e));
    }
    emit message(tr("Wrote %1").arg(path));
    return true;
}

bool LutOperations::fitFrom(const QString& timingsPath) {
    LutFitResult fit;
    try {
        const Timings timings = Timings::read(timingsPath.toStdString(), lut_->space());
        fit = LutFitter::fit(lut_->space(), timings);
    } catch (const std::exception& e) {
        return fail(tr("Cannot fit a LUT"), what(e));
    }
    LutDocument::State state;
    state.table = fit.table;
    lut_->push(new ReplaceLutCommand(lut_, state, nullptr, std::nullopt,
                                     tr("Fit LUT to %1").arg(QFileInfo(timingsPath).fileName())));
    const FitStats& check = fit.heldout.n ? fit.heldout : fit.train;
    emit message(tr("Fitted %1 entries to %2 networks; mean error %3 % on %4 %5 networks")
                     .arg(fit.table.size())
                     .arg(fit.train.n)
                     .arg(kPercent * check.mean_rel_err, 0, 'f', 2)
                     .arg(check.n)
                     .arg(fit.heldout.n ? tr("held-out") : tr("training")));
    return true;
}

bool LutOperations::compareWith(const QString& ref) {
    try {
        model_->setComparison(LutCache::resolve(ref.toStdString()), ref);
    } catch (const std::exception& e) {
        return fail(tr("Cannot compare"), what(e));
    }
    emit message(tr("Cells show this LUT / %1").arg(ref));
    return true;
}

void LutOperations::stopComparing() {
    model_->setComparison(std::nullopt);
}

bool LutOperations::scaleBy(double factor) {
    if (!(factor > 0.0) || !std::isfinite(factor))
        return fail(tr("Cannot scale the LUT"), tr("The factor must be a positive number."));
    auto changes = LutEdits::scale(lut_->table(), factor);
    if (changes.empty())
        return false;
    LutDocument::Meta meta = lut_->meta();
    nlohmann::json& p = provenanceObject(meta);
    const bool scaled = p.contains(kScaledKey) && p[kScaledKey].is_number();
    p[kScaledKey] = (scaled ? p[kScaledKey].get<double>() : 1.0) * factor;
    lut_->push(new SetLutEntriesCommand(lut_, std::move(changes), tr("Scale LUT by %1").arg(factor),
                                        meta));
    return true;
}

std::vector<OpSignature> LutOperations::signaturesFor(Scope scope,
                                                      const QModelIndexList& selection) const {
    if (scope == Scope::Missing)
        return lut_->table().missing(lut_->space());
    if (scope == Scope::All)
        return LatencyTable::signaturesFor(lut_->space());
    std::vector<OpSignature> out;
    std::set<std::string> seen;
    for (const QModelIndex& i : selection)
        if (const auto sig = model_->signatureAt(i); sig && seen.insert(sig->key()).second)
            out.push_back(*sig);
    return out;
}

bool LutOperations::measure(const std::vector<OpSignature>& signatures) {
    if (signatures.empty()) {
        emit message(tr("Nothing to measure"));
        return false;
    }
    if (checker_->isRunning())
        return fail(tr("Cannot measure"),
                    tr("A check is running; two timings at once would slow each other down."));
    if (!measurer_->start({lut_->space(), signatures, timing_}))
        return fail(tr("Cannot measure"), tr("A measurement is already running."));
    measureGeneration_ = generation_;
    emit measureStarted(int(signatures.size()));
    return true;
}

void LutOperations::cancelMeasure() {
    measurer_->cancel();
}

bool LutOperations::isMeasuring() const {
    return measurer_->isRunning();
}

void LutOperations::applyMeasurement(const LutMeasureOutcome& outcome) {
    if (!outcome.error.isEmpty()) {
        fail(tr("Measurement failed"), outcome.error);
    } else if (measureGeneration_ != generation_) {
        emit message(tr("Measurement dropped: another study was opened meanwhile"));
    } else {
        // The table's blocks were timed at the speed its anchor records; the new ones join them
        // on that basis, divided by the drift, or bring the first anchor (LutRebase).
        std::optional<LutRebase> joined;
        try {
            joined = LutRebase::onto(outcome.space, lut_->table(), outcome.table);
        } catch (const std::exception& e) {
            fail(tr("Measurement not added"), what(e));
        }
        if (joined) {
            auto changes = LutEdits::merge(lut_->table(), joined->table);
            LutDocument::Meta meta = lut_->meta();
            if (lut_->table().size() == 0)
                meta = {joined->table.device, joined->table.provenance, {}};
            else
                provenanceObject(meta)[kMeasuredKey] = joined->table.provenance;
            for (const auto& [space, anchor] : joined->table.anchors)
                meta.anchors[space] = anchor;
            if (!changes.empty())
                lut_->push(new SetLutEntriesCommand(lut_, std::move(changes),
                                                    tr("Measure LUT entries"), meta));
            QString text = outcome.cancelled
                               ? tr("Measured %1 of %2 blocks in %3 s, then cancelled")
                                     .arg(outcome.measured)
                                     .arg(outcome.requested)
                                     .arg(outcome.seconds, 0, 'f', 1)
                               : tr("Measured %1 blocks in %2 s")
                                     .arg(outcome.measured)
                                     .arg(outcome.seconds, 0, 'f', 1);
            if (const std::string basis = joined->describe(); !basis.empty())
                text += QStringLiteral("; ") + QString::fromStdString(basis);
            emit message(text);
        }
    }
    emit measureFinished(outcome);
}

MeasurementSettings LutOperations::settingsHere() const {
    return LutProvenance::current(timing_.threads, timing_.batch);
}

bool LutOperations::check(int archs) {
    return startCheck(LutCheckKind::Check, archs);
}

bool LutOperations::calibrate(int archs) {
    return startCheck(LutCheckKind::Calibrate, archs);
}

void LutOperations::cancelCheck() {
    checker_->cancel();
}

bool LutOperations::isChecking() const {
    return checker_->isRunning();
}

bool LutOperations::startCheck(LutCheckKind kind, int archs) {
    const QString title =
        kind == LutCheckKind::Check ? tr("Cannot check the LUT") : tr("Cannot calibrate the LUT");
    if (measurer_->isRunning() || checker_->isRunning())
        return fail(title, tr("A measurement or check is already running."));
    const SearchSpace& space = lut_->space();
    if (const size_t missing = lut_->table().missing(space).size())
        return fail(title, tr("The LUT lacks %n block(s) of the space %1; measure them first.",
                              nullptr, int(missing))
                               .arg(QString::fromStdString(space.name)));
    LutCheckRequest request;
    request.kind = kind;
    request.space = space;
    request.archs = archs;
    request.timing = timing_;
    // A check judges what the space's costs use; a calibration fits the measured blocks.
    request.calibrated = kind == LutCheckKind::Check && lut_->table().calibratedFor(space.name);
    request.lut = request.calibrated ? lut_->table().calibratedFor(space) : lut_->table();
    if (!checker_->start(request))
        return fail(title, tr("Give at least one network to time."));
    checkGeneration_ = generation_;
    checkSpace_ = space.name;
    emit checkStarted(kind, LutCheckOptions::kDefaultPasses * archs); // a timing a net a pass
    return true;
}

void LutOperations::applyCheck(const LutCheckOutcome& outcome) {
    const bool isCheck = outcome.kind == LutCheckKind::Check;
    const QString space = QString::fromStdString(checkSpace_);
    if (!outcome.error.isEmpty()) {
        fail(isCheck ? tr("Check failed") : tr("Calibration failed"), outcome.error);
    } else if (outcome.cancelled) {
        emit message(isCheck ? tr("Check cancelled") : tr("Calibration cancelled"));
    } else if (checkGeneration_ != generation_) {
        emit message(tr("Result dropped: another study was opened meanwhile"));
    } else if (isCheck) {
        const LutCheckRecord record =
            LutCheckRecord::of(outcome.report, checkSpace_, outcome.calibrated, outcome.threads,
                               timing_.batch, QDateTime::currentDateTimeUtc());
        LutDocument::Meta meta = lut_->meta();
        provenanceObject(meta)[LutCheckRecord::kKey] = record.toJson();
        lut_->push(new SetLutEntriesCommand(lut_, {}, tr("Check LUT on %1").arg(space), meta));
        const LutDrift& d = outcome.report.drift;
        const QString drift =
            d.known()
                ? tr("; machine drift ×%1, LUT × drift within ±10 %: %2 %")
                      .arg(d.factor, 0, 'f', 3)
                      .arg(kPercent * outcome.report.driftCorrected().share_within_10pct, 0, 'f', 0)
                : QString();
        emit message(tr("Checked on %1 in %2 s: %3%4")
                         .arg(space)
                         .arg(outcome.seconds, 0, 'f', 1)
                         .arg(record.summary(), drift));
    } else if (outcome.calibration) {
        const LutCalibration& c = *outcome.calibration;
        LutDocument::State after = lut_->state();
        after.table.calibrations[checkSpace_] = c;
        if (outcome.anchor)
            after.table.anchors[checkSpace_] = *outcome.anchor; // the new reference
        lut_->push(new ReplaceLutCommand(lut_, after, nullptr, std::nullopt,
                                         tr("Calibrate LUT for %1").arg(space)));
        emit message(tr("Calibrated for %1 on %2 nets in %3 s: median error %4 % → %5 %, within "
                        "±10 % %6 % → %7 % (on these nets; Check judges others)")
                         .arg(space)
                         .arg(c.networks)
                         .arg(outcome.seconds, 0, 'f', 1)
                         .arg(kPercent * c.before_median_rel_err, 0, 'f', 1)
                         .arg(kPercent * c.after_median_rel_err, 0, 'f', 1)
                         .arg(kPercent * c.before_share_within_10pct, 0, 'f', 0)
                         .arg(kPercent * c.after_share_within_10pct, 0, 'f', 0) +
                     (LutCalibrator::busy(c)
                          ? tr(". These nets fit only to %1 % (calm calibrations: under 4 %): the "
                               "machine was likely busy; calibrate again when it is idle")
                                .arg(kPercent * c.after_median_rel_err, 0, 'f', 1)
                          : QString()));
    }
    emit checkFinished(outcome);
}

bool LutOperations::save() {
    QString error;
    if (!lut_->save(&error))
        return fail(tr("Cannot save the LUT"), error);
    emit message(tr("Saved %1").arg(lut_->filePath()));
    return true;
}

bool LutOperations::saveAs(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    LutDocument::State after = lut_->state();
    try {
        after.table.save(absolute.toStdString());
    } catch (const std::exception& e) {
        return fail(tr("Cannot save the LUT"), what(e));
    }
    after.ref = after.path = absolute;
    after.savedJson = lut_->json();
    after.fileTime = QFileInfo(absolute).lastModified();
    after.table.source = absolute.toStdString();
    std::optional<CostSpec> cost;
    if (study_) {
        cost = study_->study().cost;
        cost->lut = absolute.toStdString();
    }
    lut_->push(new ReplaceLutCommand(lut_, after, study_, cost,
                                     tr("Save LUT as %1").arg(QFileInfo(path).fileName())));
    emit message(tr("Saved %1; the study uses it").arg(absolute));
    return true;
}

bool LutOperations::setCostKind(const QString& kind) {
    if (!study_)
        return false;
    CostSpec cost = study_->study().cost;
    cost.kind = kind.toStdString();
    if (!cost.usesLut() && kind != QLatin1String("macs") && kind != QLatin1String("params"))
        return fail(tr("Cannot change the cost model"), tr("Unknown cost model \"%1\".").arg(kind));
    if (cost.usesLut()) {
        if (lut_->ref().isEmpty())
            return fail(tr("Cannot change the cost model"),
                        tr("Save the LUT first: the study names its LUT by file."));
        if (kind == QLatin1String("energy") && !lut_->table().hasEnergy())
            return fail(tr("Cannot change the cost model"),
                        tr("The LUT %1 has no energy for every entry.").arg(lut_->displayName()));
        cost.lut = lut_->ref().toStdString();
    }
    const CostSpec& now = study_->study().cost;
    if (cost.kind == now.kind && cost.lut == now.lut)
        return false;
    lut_->push(
        new ReplaceLutCommand(lut_, std::nullopt, study_, cost, tr("Cost model: %1").arg(kind)));
    return true;
}

} // namespace dnas::ui
