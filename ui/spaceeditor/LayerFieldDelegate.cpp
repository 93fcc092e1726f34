// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/LayerFieldDelegate.h"

#include "engine/space/SearchSpace.h"
#include "ui/spaceeditor/SpaceTreeModel.h"

#include <QSpinBox>

namespace dnas::ui {

namespace {
constexpr int kChannelStep = 8; // mobile-vision's channel rounding (makeDivisible)
constexpr int kMaxStride = 4;   // what SearchSpace::validate allows
} // namespace

QWidget* LayerFieldDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                          const QModelIndex& index) const {
    if (index.column() != SpaceTreeModel::COut && index.column() != SpaceTreeModel::Stride)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* spin = new QSpinBox(parent);
    spin->setFrame(false);
    spin->setObjectName(index.column() == SpaceTreeModel::COut ? QStringLiteral("cOutEditor")
                                                               : QStringLiteral("strideEditor"));
    if (index.column() == SpaceTreeModel::COut) {
        spin->setRange(1, kMaxChannels);
        spin->setSingleStep(kChannelStep);
    } else {
        spin->setRange(1, kMaxStride);
    }
    return spin;
}

void LayerFieldDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                      const QModelIndex& index) const {
    auto* spin = qobject_cast<QSpinBox*>(editor);
    if (!spin)
        return QStyledItemDelegate::setModelData(editor, model, index);
    spin->interpretText();
    const int value = spin->value();
    const QPersistentModelIndex target(index);
    QMetaObject::invokeMethod(
        model,
        [model, target, value] {
            if (target.isValid() && target.data(Qt::EditRole).toInt() != value)
                model->setData(target, value);
        },
        Qt::QueuedConnection);
}

} // namespace dnas::ui
