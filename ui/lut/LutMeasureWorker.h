// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/cost/TimingProtocol.h"
#include "engine/space/SearchSpace.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

namespace dnas::ui {

// What to measure: signatures of a space, timed with these options.
struct LutMeasureRequest {
    SearchSpace space;
    std::vector<OpSignature> signatures;
    TimingOptions options;
};

// What came back: the measured entries (all of them, or those before a cancel), or an error.
struct LutMeasureOutcome {
    SearchSpace space; // the space measured (its anchor net's blocks, for LutRebase)
    LatencyTable table;
    int measured = 0, requested = 0;
    bool cancelled = false;
    double seconds = 0.0;
    QString error; // empty unless the measurement failed
};

// Lives on LutMeasureController's thread and runs LutMeasurer there, reporting progress as
// queued signals. `cancel` is read before every signature.
class LutMeasureWorker : public QObject {
    Q_OBJECT
  public:
    explicit LutMeasureWorker(std::shared_ptr<std::atomic<bool>> cancel);

    void run(const LutMeasureRequest& request);

  signals:
    // Before each signature (`what` describes it) and once at the end (done == total).
    void progress(int done, int total, const QString& what);
    void finished(const dnas::ui::LutMeasureOutcome& outcome);

  private:
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace dnas::ui

Q_DECLARE_METATYPE(dnas::ui::LutMeasureOutcome)
