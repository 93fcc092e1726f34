// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutMeasureWorker.h"

#include "engine/cost/LutMeasurer.h"

#include <exception>

namespace dnas::ui {

LutMeasureWorker::LutMeasureWorker(std::shared_ptr<std::atomic<bool>> cancel)
    : cancel_(std::move(cancel)) {}

void LutMeasureWorker::run(const LutMeasureRequest& request) {
    LutMeasureOutcome out;
    out.space = request.space;
    try {
        const LutMeasurer measurer(request.options);
        const auto progress = [this](size_t done, size_t total, const std::string& what) {
            emit this->progress(int(done), int(total), QString::fromStdString(what));
            return !cancel_->load();
        };
        const MeasureResult r = measurer.measure(request.space, request.signatures, progress);
        out.table = r.table;
        out.measured = int(r.measured);
        out.requested = int(r.requested);
        out.cancelled = r.cancelled;
        out.seconds = r.seconds;
    } catch (const std::exception& e) {
        // A shape the block factory refuses, an op the space does not define: told, not fatal.
        out.error = QString::fromStdString(e.what());
    }
    emit finished(out);
}

} // namespace dnas::ui
