// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/space/SpaceAnalysis.h"

#include <QAbstractTableModel>

namespace dnas::ui {

// The study's search space as a read-only table: stem, each searchable layer, head.
class SpaceTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Stage,
        Input,
        COut,
        Stride,
        Candidates,
        MinMacs,
        MaxMacs,
        MinLatency,
        MaxLatency,
        ColumnCount
    };
    // The unformatted number behind a cell (MACs, µs, channels); invalid where there is none.
    static constexpr int RawValueRole = Qt::UserRole + 1;

    explicit SpaceTableModel(QObject* parent = nullptr);

    void setAnalysis(const SpaceAnalysis& analysis);
    const SpaceAnalysis& analysis() const { return analysis_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    QVariant display(const SpaceAnalysis::Row& row, int column) const;
    QVariant raw(const SpaceAnalysis::Row& row, int column) const;
    QVariant toolTip(const SpaceAnalysis::Row& row, int column) const;

    SpaceAnalysis analysis_;
};

} // namespace dnas::ui
