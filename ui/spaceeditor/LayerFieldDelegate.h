// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStyledItemDelegate>

namespace dnas::ui {

// Edits a layer's c_out and stride in place with spin boxes bounded as validation bounds them
// (channels 1..kMaxChannels in steps of 8, as mobile-vision rounds widths; stride 1..4).
class LayerFieldDelegate : public QStyledItemDelegate {
    Q_OBJECT
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    // The edit resets the model (it follows the space), which would take the editor away from
    // the view while the view is still closing it; so the value is set once it has closed.
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;
};

} // namespace dnas::ui
