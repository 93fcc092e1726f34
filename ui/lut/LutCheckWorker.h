// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutCalibration.h"
#include "engine/cost/LutChecker.h"
#include "engine/cost/TimingProtocol.h"
#include "engine/space/SearchSpace.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace dnas::ui {

// A check judges a LUT on random whole nets (LutChecker); a calibration times other random nets
// and fits what the blocks miss (LutCalibrator).
enum class LutCheckKind { Check, Calibrate };

// What to time: `lut` as the job sees it (a check gets the space's calibrated view, a
// calibration the measured block timings) and how many whole nets.
struct LutCheckRequest {
    LutCheckKind kind = LutCheckKind::Check;
    SearchSpace space;
    LatencyTable lut;
    bool calibrated = false; // a check of the calibrated view (reported with the result)
    int archs = 0;
    TimingOptions timing;
};

// What came back: a check's report, or a calibration with the nets it was fitted on (in
// `report`, LUT sums uncalibrated); nothing but `cancelled` after a cancel, or an error.
struct LutCheckOutcome {
    LutCheckKind kind = LutCheckKind::Check;
    std::string space; // the name of the space timed
    LutCheckReport report;
    std::optional<LutCalibration> calibration;
    std::optional<LutAnchor> anchor; // a calibration's new reference (LutCalibrateResult)
    bool calibrated = false;
    bool cancelled = false;
    // Intra-op threads the nets were timed with, read on the job's thread: LibTorch's count
    // there is what the timing used, whatever the GUI thread's is.
    int threads = 0;
    double seconds = 0.0;
    QString error; // empty unless the job failed
};

// Lives on LutCheckController's thread and runs LutChecker or LutCalibrator there, reporting
// progress as queued signals. `cancel` is read before every timed net.
class LutCheckWorker : public QObject {
    Q_OBJECT
  public:
    explicit LutCheckWorker(std::shared_ptr<std::atomic<bool>> cancel);

    void run(const LutCheckRequest& request);

  signals:
    // Before each timed net (`what` names it; passes × archs steps) and at the end.
    void progress(int done, int total, const QString& what);
    void finished(const dnas::ui::LutCheckOutcome& outcome);

  private:
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace dnas::ui

Q_DECLARE_METATYPE(dnas::ui::LutCheckOutcome)
