// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SweepTargetsEditor.h"

#include "ui/search/SweepTargetDelegate.h"
#include "ui/search/SweepTargetsModel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace dnas::ui {

namespace {
// Rows the list shows without scrolling: a typical sweep's few targets, and room to add.
constexpr int kVisibleRows = 6;
} // namespace

SweepTargetsEditor::SweepTargetsEditor(SweepTargetsModel* model, QWidget* parent)
    : QWidget(parent), model_(model), view_(new QListView(this)),
      add_(new QPushButton(tr("&Add"), this)), remove_(new QPushButton(tr("Re&move"), this)),
      message_(new QLabel(this)) {
    view_->setObjectName(QStringLiteral("sweepTargets"));
    view_->setModel(model_);
    view_->setItemDelegate(new SweepTargetDelegate(view_));
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::SelectedClicked);
    view_->setToolTip(tr("Targets in %1, cheapest first: Enter or a double-click edits one, "
                         "Delete removes the selected ones")
                          .arg(model_->unit()));
    view_->setMinimumHeight(view_->fontMetrics().lineSpacing() * kVisibleRows +
                            2 * view_->frameWidth());
    add_->setObjectName(QStringLiteral("sweepAddTarget"));
    remove_->setObjectName(QStringLiteral("sweepRemoveTarget"));
    add_->setAutoDefault(false); // Enter in the dialog starts the sweep, not another target
    remove_->setAutoDefault(false);
    message_->setObjectName(QStringLiteral("sweepTargetsMessage"));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: palette(link)"));
    message_->setVisible(false);

    // On the view only: in an open editor, Enter commits and Delete deletes a character.
    const auto viewAction = [this](const QKeySequence& key, auto slot) {
        auto* a = new QAction(view_);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, slot);
        view_->addAction(a);
    };
    viewAction(QKeySequence::Delete, &SweepTargetsEditor::removeSelected);
    // Enter edits the current target, and does not reach the dialog's Start button.
    const auto editCurrent = [this] {
        if (view_->currentIndex().isValid())
            view_->edit(view_->currentIndex());
    };
    viewAction(QKeySequence(Qt::Key_Return), editCurrent);
    viewAction(QKeySequence(Qt::Key_Enter), editCurrent);

    connect(add_, &QPushButton::clicked, this, &SweepTargetsEditor::addTarget);
    connect(remove_, &QPushButton::clicked, this, &SweepTargetsEditor::removeSelected);
    connect(model_, &SweepTargetsModel::refused, this, &SweepTargetsEditor::showMessage);
    connect(model_, &SweepTargetsModel::targetsChanged, this, [this] {
        showMessage({});
        updateButtons();
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SweepTargetsEditor::updateButtons);
    connect(model_, &QAbstractItemModel::modelReset, this, &SweepTargetsEditor::updateButtons);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch(1);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(view_, 1);
    row->addLayout(buttons);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(message_);
    updateButtons();
}

void SweepTargetsEditor::addTarget() {
    const auto value = model_->suggestion();
    if (!value) {
        showMessage(tr("No room for another target between the listed ones."));
        return;
    }
    const int row = model_->addTarget(*value);
    if (row < 0)
        return;
    const QModelIndex index = model_->index(row);
    view_->setCurrentIndex(index);
    view_->setFocus();
    view_->edit(index);
}

void SweepTargetsEditor::removeSelected() {
    QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    // From the last: removing a row moves the ones below it up.
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() > b.row(); });
    const int first = rows.last().row();
    for (const QModelIndex& i : rows)
        model_->removeRow(i.row());
    // The next target becomes current, so Delete can go on removing.
    if (model_->rowCount() > 0) {
        const QModelIndex next = model_->index(std::min(first, model_->rowCount() - 1));
        view_->selectionModel()->setCurrentIndex(next, QItemSelectionModel::ClearAndSelect);
    }
}

QString SweepTargetsEditor::message() const {
    return message_->text();
}

void SweepTargetsEditor::showMessage(const QString& text) {
    message_->setText(text);
    message_->setVisible(!text.isEmpty());
}

void SweepTargetsEditor::updateButtons() {
    remove_->setEnabled(view_->selectionModel()->hasSelection());
}

} // namespace dnas::ui
