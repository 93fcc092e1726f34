// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QWidget>

class QItemSelectionModel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace dnas::ui {

class CandidatesModel;

// The sampled architectures as a sortable, filterable table. Its selection model (over the
// proxy) is the one the Pareto plot shares: ParetoPlot::setSelectionModel(table->selectionModel()).
class CandidatesTable : public QWidget {
    Q_OBJECT
  public:
    explicit CandidatesTable(CandidatesModel* model, QWidget* parent = nullptr);

    // Keeps rows whose architecture string contains text (case-insensitive); empty shows all.
    void setFilterText(const QString& text);
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* view() const { return view_; }
    QItemSelectionModel* selectionModel() const;

  private:
    void syncFilterField();

    CandidatesModel* model_;
    QLineEdit* filter_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* view_ = nullptr;
};

} // namespace dnas::ui
