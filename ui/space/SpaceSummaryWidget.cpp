// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/space/SpaceSummaryWidget.h"

#include "ui/util/NumberFormat.h"

#include <QFormLayout>
#include <QLabel>

namespace dnas::ui {

namespace {
constexpr int kMissingShown = 6; // missing signatures listed before "and N more"

// The canonical architecture string (k3_e1-skip-...), as the CLI takes it.
QString archString(const std::vector<std::string>& ops) {
    QStringList parts;
    for (const auto& op : ops)
        parts << QString::fromStdString(op);
    return parts.join(QLatin1Char('-'));
}
} // namespace

SpaceSummaryWidget::SpaceSummaryWidget(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    space_ = addRow(tr("Space"));
    architectures_ = addRow(tr("Architectures"));
    params_ = addRow(tr("Supernet parameters"));
    macs_ = addRow(tr("MACs per architecture"));
    argminMacs_ = addRow(tr("Fewest MACs"));
    latency_ = addRow(tr("Latency per architecture"));
    argminLatency_ = addRow(tr("Lowest latency"));
    missing_ = addRow(tr("Missing in LUT"));
    issues_ = addRow(tr("Problems"));
}

QLabel* SpaceSummaryWidget::addRow(const QString& label) {
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    static_cast<QFormLayout*>(layout())->addRow(label + QLatin1Char(':'), value);
    return value;
}

void SpaceSummaryWidget::setAnalysis(const SpaceAnalysis& a, const QString& spaceName) {
    auto* form = static_cast<QFormLayout*>(layout());
    space_->setText(tr("%1 — %n searchable layer(s)", nullptr, a.layers).arg(spaceName));
    architectures_->setText(
        NumberFormat::architectures(a.architectures, a.layers, a.sameCandidates));

    const bool valid = a.issues.empty();
    params_->setText(valid ? NumberFormat::si(a.supernetParams) +
                                 tr(" (every candidate of every layer)")
                           : QString());
    macs_->setText(valid
                       ? tr("%1 – %2").arg(NumberFormat::si(a.minMacs), NumberFormat::si(a.maxMacs))
                       : QString());

    QStringList missing;
    for (size_t i = 0; i < a.missing.size() && int(i) < kMissingShown; ++i)
        missing << QString::fromStdString(a.missing[i].describe());
    if (int(a.missing.size()) > kMissingShown)
        missing << tr("… and %n more", nullptr, int(a.missing.size()) - kMissingShown);
    missing_->setText(missing.join(QLatin1Char('\n')));
    form->setRowVisible(missing_, !a.missing.empty());

    QStringList issues;
    for (const auto& i : a.issues)
        issues << QString::fromStdString(i.toString());
    issues_->setText(issues.join(QLatin1Char('\n')));
    form->setRowVisible(issues_, !valid);
    form->setRowVisible(params_, valid);
    form->setRowVisible(macs_, valid);
    form->setRowVisible(latency_, valid); // no costs are computed for an invalid space

    argminMacs_->setText(archString(a.argminMacs));
    form->setRowVisible(argminMacs_, valid && !a.argminMacs.empty());
    argminLatency_->setText(archString(a.argminLatency));
    form->setRowVisible(argminLatency_, valid && !a.argminLatency.empty());

    if (a.minLatency && a.maxLatency)
        latency_->setText(tr("%1 – %2 (LUT: %3)")
                              .arg(NumberFormat::micros(*a.minLatency),
                                   NumberFormat::micros(*a.maxLatency),
                                   QString::fromStdString(a.lutName)));
    else if (!a.lutStatus.empty())
        latency_->setText(QString::fromStdString(a.lutStatus));
    else
        latency_->setText(
            tr("the LUT %1 does not cover this space").arg(QString::fromStdString(a.lutName)));
}

QString SpaceSummaryWidget::architecturesText() const {
    return architectures_->text();
}

QString SpaceSummaryWidget::latencyText() const {
    return latency_->text();
}

QString SpaceSummaryWidget::argminMacsText() const {
    return argminMacs_->text();
}

QString SpaceSummaryWidget::missingText() const {
    return missing_->text();
}

} // namespace dnas::ui
