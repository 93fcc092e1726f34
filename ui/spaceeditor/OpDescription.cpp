// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/OpDescription.h"

#include <QCoreApplication>

namespace dnas::ui {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("OpDescription", text);
}
} // namespace

QString OpDescription::of(const OpSpec& op) {
    if (op.isSkip())
        return tr("skip");
    QString s = QStringLiteral("IR k%1 e%2").arg(op.kernel).arg(op.expansion);
    if (op.groups > 1)
        s += QStringLiteral(" g%1").arg(op.groups);
    if (op.se)
        s += QStringLiteral(" SE");
    if (op.act == "hswish")
        s += QStringLiteral(" h-swish");
    return s;
}

QString OpDescription::detail(const OpSpec& op) {
    if (op.isSkip())
        return tr("Identity; a 1×1 conv + BN + ReLU when the channels or the stride change.");
    const QString groups =
        op.groups > 1 ? tr(" in %1 groups").arg(op.groups) : QString(); // as pwl_groups
    QString s = tr("Inverted residual: 1×1 conv to %1× the channels%2, %3×%3 depthwise")
                    .arg(op.expansion)
                    .arg(groups)
                    .arg(op.kernel);
    if (op.se)
        s += tr(", squeeze-and-excite");
    s += tr(", 1×1 conv back%1; %2.").arg(groups, op.act == "hswish" ? tr("h-swish") : tr("ReLU"));
    return s;
}

} // namespace dnas::ui
