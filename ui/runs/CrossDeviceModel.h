// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/search/RunRecord.h"
#include "engine/space/Architecture.h"

#include <QAbstractTableModel>
#include <QString>
#include <optional>
#include <vector>

namespace dnas::ui {

// FBNet's device-specialisation table for any devices the user has LUTs for: the delivered net
// of each ticked run as a row; MACs, params, one-shot and retrained accuracy; then, for every
// LUT the app can load (the built-in device tables, this machine's measured one, a run's own
// LUT file) that has the row's shapes, its latency and, when the LUT has it, energy. The cells
// are what `dnas cost SPACE --arch ARCH --lut LUT` prints: the same engine calls
// (Architecture::resolve, ModelCounter::count, LatencyTable::archCost). The best cell of each
// column is bold (least cost, most accuracy).
class CrossDeviceModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum FixedColumn { Run, Arch, Macs, Params, OneShot, Retrained };
    static constexpr int kFixedColumns = Retrained + 1;
    // The raw value of a numeric cell (ms, mJ, MACs, params, accuracy 0..1); invalid when empty.
    static constexpr int kValueRole = Qt::UserRole + 1;

    struct Device {
        QString name; // as `dnas cost --lut` takes it: a built-in name, "auto" or a path
        LatencyTable lut;
    };
    enum class Metric { Latency, Energy };
    struct DeviceColumn {
        int device; // index into devices()
        Metric metric;
    };

    explicit CrossDeviceModel(QObject* parent = nullptr);

    // The built-in LUTs, this machine's ("auto") when measured, and the runs' own LUT files.
    void setRuns(const std::vector<RunRecord>& runs);
    // An architecture picked in the plots or the candidates table (of `space`), as a last row;
    // empty arch: none.
    void setPicked(const QString& arch, const SearchSpace& space, const QString& spaceRef);
    // Tests give their own tables instead of loading the app's.
    void setDevices(std::vector<Device> devices);

    const std::vector<Device>& devices() const { return devices_; }
    const std::vector<DeviceColumn>& deviceColumns() const { return columns_; }
    QString rowArchitecture(int row) const;
    std::optional<double> value(int row, int column) const;
    bool isBest(int row, int column) const;

    QString csv() const;      // raw values, one header line
    QString markdown() const; // shown values, the best in bold

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

  private:
    struct Row {
        QString run;
        QString space; // as `dnas cost` takes it: the run's preset name, else its space's name
        QString arch;
        std::optional<double> oneShot, retrained;
        std::vector<std::optional<double>> values; // per column past Arch
        QString error;                             // the net could not be costed at all
    };
    void rebuild();
    QString text(int row, int column) const;
    // One line naming the LUT as `dnas cost --lut` takes it (exports), or two lines, the file's
    // name over the metric (the table's header, so eight device columns fit a window).
    QString title(int section, bool compact) const;
    bool lowerIsBetter(int column) const;
    std::vector<Device> loadDevices(const std::vector<RunRecord>& runs) const;

    std::vector<RunRecord> runs_;
    QString picked_;
    SearchSpace pickedSpace_;
    QString pickedSpaceRef_;
    std::vector<Device> devices_;
    std::vector<DeviceColumn> columns_;
    std::vector<Row> rows_;
    std::vector<std::optional<double>> best_; // per column
    bool ownDevices_ = false;
};

} // namespace dnas::ui
