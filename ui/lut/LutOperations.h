// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LutProvenance.h"
#include "engine/cost/TimingProtocol.h"
#include "ui/lut/LutCheckWorker.h"
#include "ui/lut/LutMeasureWorker.h"

#include <QModelIndexList>
#include <QObject>
#include <QString>
#include <vector>

namespace dnas::ui {

class LutCheckController;
class LutDocument;
class LutMeasureController;
class LutTableModel;
class StudyDocument;

// What the LUT editor does, without dialogs: the editor's actions ask for files and numbers and
// call these; tests call them directly. Changes of the LUT or the study's cost model are undo
// steps on the document's stack. Failures emit failed() (never throw) and return false.
class LutOperations : public QObject {
    Q_OBJECT
  public:
    enum class Scope { Missing, All, Selected };

    LutOperations(LutDocument* lut, LutTableModel* model, StudyDocument* study,
                  QObject* parent = nullptr);

    // The study's LUT (its cost.lut, or this machine's when it names none), after the study
    // was replaced; and, after an edit of the study, its space and any new LUT reference.
    void loadFromStudy();
    void followStudy();
    // Reloads an unmodified LUT whose file changed meanwhile (a search or the space editor
    // measured into this machine's cache).
    void reloadIfStale();

    // Makes `ref` (a built-in name, a path, "auto") the study's LUT.
    bool openLut(const QString& ref);
    // A dnas LUT file opens as with openLut(); the other formats become an unsaved LUT.
    bool importFile(const QString& path, const QString& device = {});
    bool exportCsv(const QString& path);
    // Fits a LUT to whole-network timings (LutFitter) and shows it, unsaved.
    bool fitFrom(const QString& timingsPath);
    bool compareWith(const QString& ref);
    void stopComparing();
    bool scaleBy(double factor);

    std::vector<OpSignature> signaturesFor(Scope scope, const QModelIndexList& selection) const;
    // Starts measuring on the measure thread; the results become one undo step when it ends
    // (also after a cancel, with what was measured until then).
    bool measure(const std::vector<OpSignature>& signatures);
    void cancelMeasure();
    bool isMeasuring() const;
    void setTimingOptions(const TimingOptions& options) { timing_ = options; }

    // Times `archs` random whole nets of the space on the check thread and compares them with
    // the LUT as the space's costs see it (its calibrated view when it has one). The summary is
    // kept in the LUT's provenance (LutCheckRecord) as one undo step when it ends.
    bool check(int archs);
    // Times `archs` other random nets and fits the space's calibration (LutCalibrator); it is
    // stored in the LUT as one undo step when it ends.
    bool calibrate(int archs);
    void cancelCheck();
    bool isChecking() const;
    // What a timing here uses (the timing options' threads and batch, this machine's CPU,
    // LibTorch and BLAS): a LUT measured otherwise predicts something else (LutProvenance).
    MeasurementSettings settingsHere() const;

    // save() writes the LUT's own file; a built-in or unsaved LUT needs saveAs(), which also
    // makes the study use the new file (one undo step).
    bool save();
    bool saveAs(const QString& path);
    // latency | energy | macs | params; the LUT ones use the editor's LUT.
    bool setCostKind(const QString& kind);

  signals:
    void message(const QString& text); // for the status line
    void failed(const QString& title, const QString& text);
    void measureStarted(int total);
    void measureProgress(int done, int total, const QString& what);
    void measureFinished(const dnas::ui::LutMeasureOutcome& outcome);
    void checkStarted(dnas::ui::LutCheckKind kind, int total);
    void checkProgress(int done, int total, const QString& what);
    void checkFinished(const dnas::ui::LutCheckOutcome& outcome);

  private:
    void applyMeasurement(const LutMeasureOutcome& outcome);
    bool startCheck(LutCheckKind kind, int archs);
    void applyCheck(const LutCheckOutcome& outcome);
    bool loadOrSay(const QString& ref); // false, with a message, when the LUT cannot be read
    bool fail(const QString& title, const QString& text);

    LutDocument* lut_;
    LutTableModel* model_;
    StudyDocument* study_;
    LutMeasureController* measurer_;
    LutCheckController* checker_;
    TimingOptions timing_;
    QString studyLutRef_;       // the study's cost.lut when last seen
    int generation_ = 0;        // bumped when another study's LUT is loaded
    int measureGeneration_ = 0; // generation_ when the running measurement started
    int checkGeneration_ = 0;   // generation_ when the running check or calibration started
    std::string checkSpace_;    // the space it times
};

} // namespace dnas::ui
