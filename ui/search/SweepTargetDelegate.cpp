// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SweepTargetDelegate.h"

#include "ui/search/SweepTargetsModel.h"

#include <QDoubleValidator>
#include <QLineEdit>
#include <limits>

namespace dnas::ui {

namespace {
// The editor's text as first shown: unchanged text is not written back.
const char* const kShownText = "dnasShownText";
// The validator bounds what can be typed, not the range: a value it held "intermediate" would
// make Enter do nothing without a word, while the model says why it refuses one.
constexpr double kTypedMax = std::numeric_limits<double>::max();
constexpr int kTypedDecimals = 12; // more than any cost table's precision
} // namespace

QWidget* SweepTargetDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&,
                                           const QModelIndex&) const {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QStringLiteral("sweepTargetEditor"));
    edit->setFrame(false);
    auto* validator = new QDoubleValidator(0.0, kTypedMax, kTypedDecimals, edit);
    validator->setLocale(edit->locale());
    edit->setValidator(validator);
    return edit;
}

void SweepTargetDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
    auto* edit = qobject_cast<QLineEdit*>(editor);
    if (!edit)
        return QStyledItemDelegate::setEditorData(editor, index);
    const QString text = edit->locale().toString(index.data(Qt::EditRole).toDouble(), 'g',
                                                 SweepTargetsModel::kExactDigits);
    edit->setText(text);
    edit->setProperty(kShownText, text);
    edit->selectAll();
}

void SweepTargetDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                       const QModelIndex& index) const {
    auto* edit = qobject_cast<QLineEdit*>(editor);
    if (!edit)
        return QStyledItemDelegate::setModelData(editor, model, index);
    const QString text = edit->text().trimmed();
    // Emptied or untouched: nothing to change (the exact value stays).
    if (text.isEmpty() || text == edit->property(kShownText).toString())
        return;
    model->setData(index, text, Qt::EditRole);
}

} // namespace dnas::ui
