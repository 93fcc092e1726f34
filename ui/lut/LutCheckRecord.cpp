// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutCheckRecord.h"

#include "engine/util/JsonFile.h"
#include "ui/util/Units.h"

#include <QCoreApplication>
#include <cmath>
#include <limits>

namespace dnas::ui {

namespace {
// NaN has no JSON form: written as null, read back as NaN.
nlohmann::json numberOrNull(double v) {
    return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v);
}

double numberOrNan(const JsonReader& r, const std::string& key) {
    if (r.has(key) && r.json().at(key).is_null())
        return std::numeric_limits<double>::quiet_NaN();
    return r.getDouble(key);
}

QString trText(const char* text) {
    return QCoreApplication::translate("LutCheckRecord", text);
}

// The drift's anchor times are µs, shown in ms as the CLI prints them.
constexpr double kUsPerMs = 1000.0;

QString percent(double share) {
    return std::isnan(share) ? trText("undefined")
                             : QStringLiteral("%1 %").arg(kPercent * share, 0, 'f', 1);
}
} // namespace

LutCheckRecord LutCheckRecord::of(const LutCheckReport& report, const std::string& space,
                                  bool calibrated, int threads, int batch, const QDateTime& when) {
    LutCheckRecord r;
    r.when = when.toUTC();
    r.space = space;
    r.networks = int(report.rows.size());
    r.calibrated = calibrated;
    r.threads = threads;
    r.batch = batch;
    r.share_within = report.share_within_10pct;
    r.median_rel_err = report.median_rel_err;
    r.p90_rel_err = report.p90_rel_err;
    r.kendall_tau = report.kendall_tau;
    r.noise_floor = report.noise_floor;
    r.retest_tau = report.retest_tau;
    r.drift = report.drift;
    if (report.drift.known()) {
        const LutCheckReport corrected = report.driftCorrected();
        r.corrected_share_within = corrected.share_within_10pct;
        r.corrected_median_rel_err = corrected.median_rel_err;
        r.corrected_p90_rel_err = corrected.p90_rel_err;
    }
    return r;
}

nlohmann::json LutCheckRecord::toJson() const {
    nlohmann::json j = {{"date", when.toString(Qt::ISODate).toStdString()},
                        {"space", space},
                        {"networks", networks},
                        {"calibrated", calibrated},
                        {"threads", threads},
                        {"batch", batch},
                        {"share_within_10pct", numberOrNull(share_within)},
                        {"median_rel_err", numberOrNull(median_rel_err)},
                        {"p90_rel_err", numberOrNull(p90_rel_err)},
                        {"kendall_tau", numberOrNull(kendall_tau)},
                        {"noise_floor", numberOrNull(noise_floor)},
                        {"retest_tau", numberOrNull(retest_tau)}};
    if (drift) {
        // The keys of LutCheckReport::driftJson(), its corrected block cut to what is shown.
        j["drift"] = drift->toJson();
        if (drift->known())
            j["drift"]["corrected"] = {{"share_within_10pct", numberOrNull(corrected_share_within)},
                                       {"median_rel_err", numberOrNull(corrected_median_rel_err)},
                                       {"p90_rel_err", numberOrNull(corrected_p90_rel_err)}};
    }
    return j;
}

std::optional<LutCheckRecord> LutCheckRecord::from(const nlohmann::json& provenance,
                                                   const std::string& file) {
    const JsonReader p(provenance, file, "provenance");
    if (!p.has(kKey))
        return std::nullopt;
    const JsonReader r = p.at(kKey);
    LutCheckRecord c;
    const std::string date = r.getString("date");
    c.when = QDateTime::fromString(QString::fromStdString(date), Qt::ISODate);
    if (!c.when.isValid())
        r.fail("date", "\"" + date + "\" is not an ISO 8601 date");
    c.when = c.when.toUTC();
    c.space = r.getString("space");
    c.networks = r.getInt("networks");
    c.calibrated = r.getBool("calibrated", false);
    c.threads = r.getInt("threads", 0);
    c.batch = r.getInt("batch", 1);
    c.share_within = numberOrNan(r, "share_within_10pct");
    c.median_rel_err = numberOrNan(r, "median_rel_err");
    c.p90_rel_err = numberOrNan(r, "p90_rel_err");
    c.kendall_tau = numberOrNan(r, "kendall_tau");
    c.noise_floor = numberOrNan(r, "noise_floor");
    c.retest_tau = r.has("retest_tau") ? numberOrNan(r, "retest_tau")
                                       : std::numeric_limits<double>::quiet_NaN();
    // Optional: records written before the anchor (#21) have no drift.
    if (r.has("drift")) {
        const JsonReader d = r.at("drift");
        c.drift = LutDrift::fromJson(d);
        if (c.drift->known()) {
            const JsonReader corrected = d.at("corrected");
            c.corrected_share_within = numberOrNan(corrected, "share_within_10pct");
            c.corrected_median_rel_err = numberOrNan(corrected, "median_rel_err");
            c.corrected_p90_rel_err = numberOrNan(corrected, "p90_rel_err");
        }
    }
    return c;
}

QString LutCheckRecord::summary() const {
    const auto tau = [](double v) {
        return std::isnan(v) ? trText("undefined") : QString::number(v, 'f', 3);
    };
    QString text =
        trText("within ±10 %: %1 · median %2 · p90 %3 · Kendall τ %4 · noise floor %5 · %6 nets")
            .arg(percent(share_within), percent(median_rel_err), percent(p90_rel_err),
                 tau(kendall_tau), percent(noise_floor))
            .arg(networks);
    // Older records have no retest τ: say nothing rather than "undefined".
    if (!std::isnan(retest_tau))
        text += trText(" · retest τ %1").arg(tau(retest_tau));
    return text;
}

QString LutCheckRecord::driftSummary() const {
    if (!drift)
        return {};
    if (!drift->known()) {
        QString text = trText("machine drift unknown: %1")
                           .arg(QString::fromUtf8(LutDrift::describe(drift->status)));
        if (drift->status == LutDriftStatus::NoAnchor)
            text += trText(" ('dnas lut anchor' adds one)");
        return text;
    }
    return trText("machine drift ×%1 (anchor now %2 ms / stored %3 ms, spread %4 over %5 "
                  "timings); LUT × drift: within ±10 %: %6 · median %7 · p90 %8")
        .arg(drift->factor, 0, 'f', 3)
        .arg(drift->fastestUs() / kUsPerMs, 0, 'f', 3)
        .arg(drift->stored->us / kUsPerMs, 0, 'f', 3)
        .arg(percent(drift->spread))
        .arg(int(drift->anchor_us.size()))
        .arg(percent(corrected_share_within), percent(corrected_median_rel_err),
             percent(corrected_p90_rel_err));
}

} // namespace dnas::ui
