// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/SweepPlan.h"

#include <QAbstractListModel>
#include <optional>
#include <utility>
#include <vector>

namespace dnas::ui {

// The targets of a sweep as an editable list, always sorted ascending: each a positive number
// in the plan's unit (ms for latency, else the cost model's), inside the space's range when one
// is known, and no two searching in the same run folder (SweepPlan::folderName). An edit or an
// addition that breaks that is refused, refused() saying why (with the range), and the list
// keeps what it had. Targets set in bulk (a stopped sweep's, spread over the range) are only
// sorted and freed of duplicates: one outside the range stays, flagged, and problem() names it.
class SweepTargetsModel : public QAbstractListModel {
    Q_OBJECT
  public:
    static constexpr int kShownDigits = 4; // targets as users type them: 0.645, 12.5
    // The editor and the messages: enough to tell apart the ends of a range and the targets
    // next to them (0.142512 ms, not 0.1425).
    static constexpr int kExactDigits = 6;

    explicit SweepTargetsModel(QObject* parent = nullptr);

    // The unit targets are given in (a plan with no targets) and the space's range in it, or
    // none when the cost model gave none; `underLut` words the range as the study's LUT's.
    void setUnit(const SweepPlan& unitPlan, std::optional<std::pair<double, double>> range,
                 bool underLut);
    void setTargets(std::vector<double> targets);
    const std::vector<double>& targets() const { return targets_; }

    // Why `value` cannot be the target in `row` (-1: a new one); empty when it can.
    QString check(double value, int row = -1) const;
    // Adds a target where it sorts: its row, or -1 after refused().
    int addTarget(double value);
    // A target for Add to start from: the geometric middle of the widest gap (by ratio) between
    // the listed targets and the range's ends, rounded as users type; none when there is no room.
    std::optional<double> suggestion() const;
    // The first listed target outside the range, said as Start's reason to stay off; else empty.
    QString problem() const;

    QString shown(double value, int digits = kShownDigits) const; // "0.2879 ms"
    QString unit() const;                                         // as shown: "ms", "µs", "MMAC"

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // Takes a double or the text typed in the editor (C or the user's locale).
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool removeRows(int row, int count, const QModelIndex& parent = {}) override;

  signals:
    void refused(const QString& why);
    void targetsChanged();

  private:
    std::string folderOf(double value) const;
    bool inRange(double value) const;
    QString rangeText() const;

    SweepPlan unitPlan_;
    std::optional<std::pair<double, double>> range_;
    bool underLut_ = false;
    std::vector<double> targets_; // ascending
};

} // namespace dnas::ui
