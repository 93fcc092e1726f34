// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/CrossDeviceModel.h"

#include "engine/cost/LutCache.h"
#include "engine/cost/ModelCounter.h"
#include "ui/util/Units.h"

#include <QFileInfo>
#include <QFont>
#include <algorithm>
#include <set>

namespace dnas::ui {

namespace {
// The precision `dnas cost` prints totals with (ms, mJ).
constexpr int kCostDecimals = 3;
constexpr int kCountDecimals = 2;     // MACs in millions, as `dnas cost` prints them
constexpr int kParamsDecimals = 3;    // params in millions, as `dnas cost` prints them
constexpr int kAccuracyDecimals = 1;  // one-shot scores are noisy past a tenth of a percent
constexpr int kRetrainedDecimals = 2; // test-set accuracies, as `dnas train` prints them
constexpr int kCsvPrecision = 10;     // significant digits: the raw value, not the shown one
constexpr double kMicroToMilli = 1000.0;

QString csvField(const QString& s) {
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}
} // namespace

CrossDeviceModel::CrossDeviceModel(QObject* parent) : QAbstractTableModel(parent) {}

std::vector<CrossDeviceModel::Device>
CrossDeviceModel::loadDevices(const std::vector<RunRecord>& runs) const {
    std::vector<Device> out;
    std::set<std::string> names;
    auto add = [&](const std::string& name) {
        if (!names.insert(name).second)
            return;
        try {
            out.push_back({QString::fromStdString(name), LutCache::resolve(name)});
        } catch (const std::exception&) {
            // Not measured here (auto) or gone (a run's LUT file): no column for it.
        }
    };
    for (const auto& name : LatencyTable::builtinNames())
        add(name);
    if (LutCache::load())
        add(LutCache::kAuto);
    for (const RunRecord& r : runs)
        if (r.study.cost.usesLut() && !r.study.cost.lut.empty())
            add(r.study.cost.lut);
    return out;
}

void CrossDeviceModel::setRuns(const std::vector<RunRecord>& runs) {
    runs_ = runs;
    if (!ownDevices_)
        devices_ = loadDevices(runs);
    rebuild();
}

void CrossDeviceModel::setPicked(const QString& arch, const SearchSpace& space,
                                 const QString& spaceRef) {
    picked_ = arch;
    pickedSpace_ = space;
    pickedSpaceRef_ = spaceRef;
    if (!ownDevices_ && devices_.empty())
        devices_ = loadDevices(runs_);
    rebuild();
}

void CrossDeviceModel::setDevices(std::vector<Device> devices) {
    ownDevices_ = true;
    devices_ = std::move(devices);
    rebuild();
}

void CrossDeviceModel::rebuild() {
    beginResetModel();
    rows_.clear();
    columns_.clear();
    // Each net, resolved in its run's space as `dnas cost SPACE --arch` resolves it.
    struct Net {
        SearchSpace space;
        Architecture arch;
        bool ok = false;
    };
    std::vector<Net> nets;
    auto addRow = [&](Row row, const SearchSpace& space) {
        Net n;
        try {
            n.arch = Architecture::resolve(row.arch.toStdString(), space);
            n.space = n.arch.applyTo(space);
            n.ok = true;
        } catch (const std::exception& e) {
            row.error = QString::fromStdString(e.what());
        }
        rows_.push_back(std::move(row));
        nets.push_back(std::move(n));
    };
    for (const RunRecord& r : runs_) {
        if (!r.found)
            continue;
        Row row;
        row.run = QString::fromStdString(r.name);
        row.space = QString::fromStdString(r.study.space_ref.empty() ? r.study.space.name
                                                                     : r.study.space_ref);
        row.arch = QString::fromStdString(r.found->arch);
        row.oneShot = r.found->accuracy;
        if (r.retrained)
            row.retrained = r.retrained->test_accuracy;
        addRow(std::move(row), r.study.space);
    }
    if (!picked_.isEmpty()) {
        Row row;
        row.run = tr("picked");
        row.space =
            pickedSpaceRef_.isEmpty() ? QString::fromStdString(pickedSpace_.name) : pickedSpaceRef_;
        row.arch = picked_;
        addRow(std::move(row), pickedSpace_);
    }
    // A device gets its columns when it costs at least one of the nets.
    std::vector<std::vector<std::optional<double>>> cost(
        devices_.size() * 2, std::vector<std::optional<double>>(rows_.size()));
    for (size_t d = 0; d < devices_.size(); ++d) {
        bool any = false, energy = false;
        for (size_t i = 0; i < nets.size(); ++i) {
            if (!nets[i].ok)
                continue;
            try {
                // As `dnas cost` does: the space's calibration when the LUT carries one.
                const LatencyTable lut = devices_[d].lut.calibratedFor(nets[i].space);
                cost[2 * d][i] =
                    lut.archCost(nets[i].space, nets[i].arch, CostMetric::Latency) / kMicroToMilli;
                any = true;
                if (lut.hasEnergy()) {
                    cost[2 * d + 1][i] =
                        lut.archCost(nets[i].space, nets[i].arch, CostMetric::Energy) /
                        kMicroToMilli;
                    energy = true;
                }
            } catch (const std::exception&) {
                // The LUT lacks this net's shapes: an empty cell.
            }
        }
        if (any)
            columns_.push_back({static_cast<int>(d), Metric::Latency});
        if (any && energy)
            columns_.push_back({static_cast<int>(d), Metric::Energy});
    }
    for (size_t i = 0; i < rows_.size(); ++i) {
        Row& row = rows_[i];
        row.values.assign(static_cast<size_t>(kFixedColumns - Macs) + columns_.size(),
                          std::nullopt);
        if (nets[i].ok) {
            const OpCount c = ModelCounter::count(nets[i].space, nets[i].arch).total();
            row.values[0] = static_cast<double>(c.macs);
            row.values[1] = static_cast<double>(c.params);
        }
        row.values[2] = row.oneShot;
        row.values[3] = row.retrained;
        for (size_t c = 0; c < columns_.size(); ++c) {
            const DeviceColumn& dc = columns_[c];
            row.values[static_cast<size_t>(kFixedColumns - Macs) + c] =
                cost[2 * static_cast<size_t>(dc.device) + (dc.metric == Metric::Energy ? 1 : 0)][i];
        }
    }
    best_.assign(static_cast<size_t>(kFixedColumns) + columns_.size(), std::nullopt);
    for (int col = Macs; col < kFixedColumns + static_cast<int>(columns_.size()); ++col)
        for (size_t i = 0; i < rows_.size(); ++i)
            if (auto v = value(static_cast<int>(i), col)) {
                auto& b = best_[static_cast<size_t>(col)];
                if (!b || (lowerIsBetter(col) ? *v < *b : *v > *b))
                    b = v;
            }
    endResetModel();
}

bool CrossDeviceModel::lowerIsBetter(int column) const {
    return column != OneShot && column != Retrained;
}

QString CrossDeviceModel::rowArchitecture(int row) const {
    return rows_.at(static_cast<size_t>(row)).arch;
}

std::optional<double> CrossDeviceModel::value(int row, int column) const {
    if (row < 0 || row >= rowCount() || column < Macs || column >= columnCount())
        return std::nullopt;
    return rows_[static_cast<size_t>(row)].values[static_cast<size_t>(column - Macs)];
}

bool CrossDeviceModel::isBest(int row, int column) const {
    const auto v = value(row, column);
    // Two nets can cost the same: both are the best.
    return v && column < static_cast<int>(best_.size()) &&
           best_[static_cast<size_t>(column)] == v && rowCount() > 1;
}

int CrossDeviceModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int CrossDeviceModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kFixedColumns + static_cast<int>(columns_.size());
}

QString CrossDeviceModel::text(int row, int column) const {
    const Row& r = rows_.at(static_cast<size_t>(row));
    if (column == Run)
        return r.run;
    if (column == Arch)
        return r.arch;
    const auto v = value(row, column);
    if (!v)
        return QStringLiteral("–");
    switch (column) {
    case Macs:
        return QString::number(*v / kMillion, 'f', kCountDecimals) + QStringLiteral(" M");
    case Params:
        return QString::number(*v / kMillion, 'f', kParamsDecimals) + QStringLiteral(" M");
    case OneShot:
        return QString::number(*v * kPercent, 'f', kAccuracyDecimals) + QLatin1Char('%');
    case Retrained:
        return QString::number(*v * kPercent, 'f', kRetrainedDecimals) + QLatin1Char('%');
    default:
        return QString::number(*v, 'f', kCostDecimals);
    }
}

QVariant CrossDeviceModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row(), col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return text(row, col);
    case kValueRole:
        if (auto v = value(row, col))
            return *v;
        return {};
    case Qt::FontRole:
        if (isBest(row, col)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        return col >= Macs ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole: {
        const Row& r = rows_[static_cast<size_t>(row)];
        if (!r.error.isEmpty())
            return r.error;
        if (col >= kFixedColumns)
            return QStringLiteral("dnas cost %1 --arch %2 --lut %3")
                .arg(r.space, r.arch)
                .arg(devices_[static_cast<size_t>(
                                  columns_[static_cast<size_t>(col - kFixedColumns)].device)]
                         .name);
        return text(row, col);
    }
    default:
        return {};
    }
}

QVariant CrossDeviceModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return title(section, true);
    if (role != Qt::ToolTipRole)
        return {};
    if (section < kFixedColumns)
        return title(section, false);
    const Device& d = devices_[static_cast<size_t>(
        columns_[static_cast<size_t>(section - kFixedColumns)].device)];
    return QStringLiteral("%1\n%2\n%3")
        .arg(title(section, false), QString::fromStdString(d.lut.deviceName()),
             QString::fromStdString(d.lut.source));
}

QString CrossDeviceModel::title(int section, bool compact) const {
    switch (section) {
    case Run:
        return tr("Run");
    case Arch:
        return tr("Architecture");
    case Macs:
        return tr("MACs");
    case Params:
        return tr("Params");
    case OneShot:
        return tr("One-shot acc.");
    case Retrained:
        return tr("Retrained acc.");
    default:
        break;
    }
    const DeviceColumn& dc = columns_[static_cast<size_t>(section - kFixedColumns)];
    const Device& d = devices_[static_cast<size_t>(dc.device)];
    // "auto" alone does not say which machine measured it.
    QString name = d.name == QLatin1String(LutCache::kAuto)
                       ? QStringLiteral("auto: %1").arg(QString::fromStdString(d.lut.deviceName()))
                       : d.name;
    if (compact && d.name != QLatin1String(LutCache::kAuto))
        name = QFileInfo(name).fileName().remove(QStringLiteral(".lut.json"));
    const QString sep = compact ? QStringLiteral("\n") : QStringLiteral(" ");
    return dc.metric == Metric::Latency ? tr("%1%2latency (ms)").arg(name, sep)
                                        : tr("%1%2energy (mJ)").arg(name, sep);
}

QString CrossDeviceModel::csv() const {
    QStringList lines;
    QStringList header;
    for (int c = 0; c < columnCount(); ++c)
        header << csvField(title(c, false));
    lines << header.join(QLatin1Char(','));
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c) {
            if (c < Macs) {
                cells << csvField(text(r, c));
                continue;
            }
            const auto v = value(r, c);
            cells << (v ? QString::number(*v, 'g', kCsvPrecision) : QString());
        }
        lines << cells.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString CrossDeviceModel::markdown() const {
    QStringList lines;
    QStringList header, rule;
    for (int c = 0; c < columnCount(); ++c) {
        header << title(c, false);
        rule << (c >= Macs ? QStringLiteral("---:") : QStringLiteral("---"));
    }
    lines << QStringLiteral("| ") + header.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    lines << QStringLiteral("| ") + rule.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c) {
            QString t = text(r, c);
            if (c == Arch)
                t = QLatin1Char('`') + t + QLatin1Char('`');
            cells << (isBest(r, c) ? QStringLiteral("**%1**").arg(t) : t);
        }
        lines << QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace dnas::ui
