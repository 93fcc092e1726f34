// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QStyledItemDelegate>

namespace dnas::ui {

// Edits a sweep target in place: a line edit that takes only a non-negative number (its
// validator), the value shown with enough digits to tell it from its neighbours. The model
// decides the rest (positive, inside the range, not listed yet) and says why it refuses; text
// left as it was keeps the exact value (a spread target is not rounded by opening its editor).
class SweepTargetDelegate : public QStyledItemDelegate {
    Q_OBJECT
  public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;
};

} // namespace dnas::ui
