// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutCheckWorker.h"

#include "engine/cost/LutCalibrator.h"
#include "engine/cost/LutProvenance.h"

#include <exception>

namespace dnas::ui {

LutCheckWorker::LutCheckWorker(std::shared_ptr<std::atomic<bool>> cancel)
    : cancel_(std::move(cancel)) {}

void LutCheckWorker::run(const LutCheckRequest& request) {
    LutCheckOutcome out;
    out.kind = request.kind;
    out.space = request.space.name;
    out.calibrated = request.calibrated;
    out.threads = LutProvenance::current(request.timing.threads, request.timing.batch).threads;
    const double start = TimingProtocol::steadySeconds();
    try {
        const auto progress = [this](size_t done, size_t total, const std::string& what) {
            emit this->progress(int(done), int(total), QString::fromStdString(what));
            return !cancel_->load();
        };
        if (request.kind == LutCheckKind::Check) {
            LutCheckOptions o;
            o.archs = request.archs;
            o.timing = request.timing;
            out.report = LutChecker::check(request.space, request.lut, o, progress);
            out.cancelled = out.report.cancelled;
        } else {
            LutCalibrateOptions o;
            o.archs = request.archs;
            o.timing = request.timing;
            auto r = LutCalibrator::calibrate(request.space, request.lut, o, progress);
            out.cancelled = !r;
            if (r) {
                out.calibration = r->calibration;
                out.anchor = r->anchor;
                out.report = std::move(r->timed);
            }
        }
    } catch (const std::exception& e) {
        // A LUT that lacks a block of the space, a net the factory refuses: told, not fatal.
        out.error = QString::fromStdString(e.what());
    }
    out.seconds = TimingProtocol::steadySeconds() - start;
    emit finished(out);
}

} // namespace dnas::ui
