// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/CandidatesTable.h"

#include "ui/plots/CandidatesModel.h"
#include "ui/plots/CsvTable.h"
#include "ui/plots/PlotExport.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace dnas::ui {

CandidatesTable::CandidatesTable(CandidatesModel* model, QWidget* parent)
    : QWidget(parent), model_(model) {
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(CandidatesModel::SortRole); // numbers sort as numbers
    proxy_->setFilterKeyColumn(CandidatesModel::Arch);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter architectures (e.g. k5_e6-skip)"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    view_ = new QTableView(this);
    view_->setModel(proxy_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(CandidatesModel::Accuracy, Qt::DescendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->verticalHeader()->setVisible(false);
    view_->setWordWrap(false); // one line per candidate: 10,000 rows must scroll, not wrap
    view_->setTextElideMode(Qt::ElideMiddle);
    view_->horizontalHeader()->setSectionResizeMode(CandidatesModel::Arch, QHeaderView::Stretch);
    // A selection made in the plot must be visible here too.
    connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, view_,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    view_->scrollTo(current);
            });
    // The plot clears the filter to reveal a clicked point that the filter hid; say so here.
    connect(proxy_, &QAbstractItemModel::layoutChanged, this, &CandidatesTable::syncFilterField);
    connect(proxy_, &QAbstractItemModel::rowsInserted, this, &CandidatesTable::syncFilterField);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter_);
    layout->addWidget(view_, 1);
    PlotExport::installContextMenu(
        view_, nullptr,
        [this] {
            CsvTable t;
            for (int c = 0; c < proxy_->columnCount(); ++c)
                t.header << proxy_->headerData(c, Qt::Horizontal).toString();
            for (int r = 0; r < proxy_->rowCount(); ++r) {
                QStringList row;
                for (int c = 0; c < proxy_->columnCount(); ++c)
                    row << proxy_->index(r, c).data(CandidatesModel::SortRole).toString();
                t.addRow(row);
            }
            return t;
        },
        QStringLiteral("candidates"));
}

void CandidatesTable::setFilterText(const QString& text) {
    filter_->setText(text);
}

void CandidatesTable::syncFilterField() {
    if (proxy_->filterRegularExpression().pattern().isEmpty() && !filter_->text().isEmpty()) {
        const QSignalBlocker block(filter_);
        filter_->clear();
    }
}

QItemSelectionModel* CandidatesTable::selectionModel() const {
    return view_->selectionModel();
}

} // namespace dnas::ui
