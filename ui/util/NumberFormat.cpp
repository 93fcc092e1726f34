// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/util/NumberFormat.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace dnas::ui {

namespace {
constexpr double kExactLimit = 1e6; // counts below this are printed digit by digit
constexpr double kThousand = 1000.0;
constexpr double kSecondsPerMinute = 60.0;
constexpr double kSecondsPerHour = 3600.0;
constexpr int kCostDigits = 3; // significant digits of a non-latency cost: "3.42 MMAC"

QString scientific(double value) {
    // "%.1e" gives "1.0e+21"; drop the plus sign and leading zeros of the exponent.
    const int exp = static_cast<int>(std::floor(std::log10(value)));
    const double mantissa = value / std::pow(10.0, exp);
    return QStringLiteral("%1e%2").arg(mantissa, 0, 'f', 1).arg(exp);
}
} // namespace

QString NumberFormat::si(double value, int precision) {
    static const char* const kSuffixes[] = {"", " k", " M", " G", " T"};
    const double magnitude = std::abs(value);
    if (magnitude < kThousand)
        return QString::number(value, 'g', precision);
    int i = 0;
    double v = value;
    while (std::abs(v) >= kThousand && i < 4) {
        v /= kThousand;
        ++i;
    }
    return QString::number(v, 'f', std::max(0, precision - 1 - int(std::log10(std::abs(v))))) +
           QLatin1String(kSuffixes[i]);
}

QString NumberFormat::count(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("∞");
    if (value < kExactLimit)
        return QLocale::c().toString(static_cast<qlonglong>(value));
    return scientific(value);
}

QString NumberFormat::architectures(double value, int layers, int sameCandidates) {
    if (sameCandidates > 1 && layers > 1 && value >= kExactLimit)
        return QStringLiteral("%1^%2 ≈ %3").arg(sameCandidates).arg(layers).arg(count(value));
    return count(value);
}

QString NumberFormat::micros(double us) {
    if (us < kThousand)
        return QStringLiteral("%1 µs").arg(us, 0, 'f', us < 10 ? 2 : 0);
    if (us < kThousand * kThousand)
        return QStringLiteral("%1 ms").arg(us / kThousand, 0, 'f', 2);
    return QStringLiteral("%1 s").arg(us / (kThousand * kThousand), 0, 'f', 2);
}

QString NumberFormat::unit(const QString& costUnit) {
    if (costUnit == QLatin1String("us"))
        return QStringLiteral("µs");
    if (costUnit == QLatin1String("uJ"))
        return QStringLiteral("µJ");
    return costUnit;
}

QString NumberFormat::cost(double value, const QString& costUnit) {
    if (costUnit == QLatin1String("us"))
        return micros(value);
    // At least the integer digits, so that 12345 MMAC is not printed as 1.23e+04.
    const int digits = std::isfinite(value) && std::abs(value) >= 1.0
                           ? std::max(kCostDigits, int(std::log10(std::abs(value))) + 1)
                           : kCostDigits;
    const QString number = QString::number(value, 'g', digits);
    return costUnit.isEmpty() ? number : number + QLatin1Char(' ') + unit(costUnit);
}

QString NumberFormat::duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("—");
    const auto s = static_cast<qint64>(std::llround(seconds));
    if (seconds < kSecondsPerMinute)
        return QStringLiteral("%1 s").arg(s);
    if (seconds < kSecondsPerHour)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 h %2 min")
        .arg(s / 3600)
        .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

} // namespace dnas::ui
