// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/RunReader.h"
#include "ui/search/SearchMetaTypes.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace dnas::ui {

// Follows a run folder written by `dnas search` (here or elsewhere, finished or still running)
// and reports what it finds with the same signals as SearchWorker, so an opened run looks
// exactly like a live one.
class RunFolderFollower : public QObject {
    Q_OBJECT
  public:
    static constexpr int kPollIntervalMs = 500; // a run appends a line per step at most

    // Null with *error set when `runDir` is not a run folder.
    static std::unique_ptr<RunFolderFollower> open(const QString& runDir, QString* error);

    const Study& study() const { return reader_.study(); }
    QString runDir() const { return QString::fromStdString(reader_.dir()); }
    // Reads what is there now, then polls until the run's final/ summary appears.
    void start();
    void stop();

  signals:
    void started(int firstEpoch, int epochs);
    void step(const dnas::StepMetrics& m);
    void epoch(const dnas::EpochMetrics& m);
    void samples(const dnas::SampleSet& s);
    void finalSamples(const dnas::SampleSet& s); // the delivered net, as SearchWorker reports it
    void failed(const QString& message);
    void done();

  private:
    explicit RunFolderFollower(const std::string& runDir);
    void poll();

    RunReader reader_;
    QTimer timer_;
};

} // namespace dnas::ui
