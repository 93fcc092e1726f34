// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SearchTypes.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace dnas::ui {

// Every sampled architecture of a search, one row each, in arrival order (rows never move, so
// a row number names a sample for the plot and the table alike). Sorting and filtering belong
// to a proxy; SortRole gives the raw numbers to sort by.
class CandidatesModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column { Epoch, Arch, Accuracy, Cost, Macs, Params, LogProb, Front, Argmax, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit CandidatesModel(QObject* parent = nullptr);

    void addSamples(const dnas::SampleSet& set);
    void clear();
    // Rows on the non-dominated front over all samples (the plot computes it).
    void setFront(const std::vector<size_t>& rows);
    bool isOnFront(int row) const;

    const dnas::SampledArchitecture& sample(int row) const;
    const std::vector<dnas::SampledArchitecture>& samples() const { return samples_; }
    QString costUnit() const { return costUnit_; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    QVariant sortValue(const dnas::SampledArchitecture& s, int row, int column) const;
    QString displayText(const dnas::SampledArchitecture& s, int row, int column) const;

    std::vector<dnas::SampledArchitecture> samples_;
    std::vector<bool> front_;
    QString costUnit_;
};

} // namespace dnas::ui
