// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/RunsModel.h"

#include "ui/plots/PlotPalette.h"
#include "ui/util/NumberFormat.h"
#include "ui/util/Units.h"

#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <set>

namespace dnas::ui {

namespace {
constexpr int kColours = 7; // PlotPalette::series' distinct colours
// Targets are typed by hand or spread by a sweep: six digits show them without float noise
// (1022.9999999999999 reads 1023).
constexpr int kTargetDigits = 6;
} // namespace

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

QString RunsModel::clean(const QString& dir) {
    return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

QString RunsModel::stampOf(const QString& dir) {
    // What RunRecord::read looks at; a file that appears, grows or is rewritten changes it.
    static const char* const kFiles[] = {"study.json", "metrics.jsonl", "final/summary.json",
                                         "final/train.json", "proxy/train.json"};
    QString stamp;
    for (const char* f : kFiles) {
        const QFileInfo info(QDir(dir).filePath(QString::fromLatin1(f)));
        stamp += QStringLiteral("%1:%2;")
                     .arg(info.size())
                     .arg(info.exists() ? info.lastModified().toMSecsSinceEpoch() : -1);
    }
    return stamp;
}

RunsModel::Entry RunsModel::read(const QString& dir, Source source) {
    Entry e;
    e.dir = clean(dir);
    e.stamp = stampOf(e.dir);
    e.source = source;
    e.date = QFileInfo(QDir(e.dir).filePath(QStringLiteral("study.json"))).lastModified();
    try {
        e.record = RunRecord::read(e.dir.toStdString());
    } catch (const std::exception& ex) {
        e.error = QString::fromStdString(ex.what());
    }
    return e;
}

void RunsModel::setStudyRuns(const QStringList& dirs) {
    std::vector<Entry> next;
    std::set<QString> listed;
    for (const QString& d : dirs) {
        const QString c = clean(d);
        if (!listed.insert(c).second)
            continue;
        const int old = rowOf(c);
        Entry e = old >= 0 ? entries_[static_cast<size_t>(old)] : read(c, Source::Study);
        e.source = Source::Study;
        next.push_back(std::move(e));
    }
    for (const Entry& e : entries_)
        if (e.source == Source::Opened && !listed.count(e.dir))
            next.push_back(e);
    const QStringList before = checkedDirs();
    beginResetModel();
    entries_ = std::move(next);
    endResetModel();
    if (checkedDirs() != before)
        emit checkedChanged();
}

bool RunsModel::addFolder(const QString& dir) {
    if (rowOf(dir) >= 0)
        return false;
    const int row = count();
    beginInsertRows({}, row, row);
    entries_.push_back(read(dir, Source::Opened));
    endInsertRows();
    return true;
}

void RunsModel::removeRun(const QString& dir) {
    const int row = rowOf(dir);
    if (row < 0)
        return;
    const bool wasChecked = entries_[static_cast<size_t>(row)].checked;
    beginRemoveRows({}, row, row);
    entries_.erase(entries_.begin() + row);
    endRemoveRows();
    if (wasChecked)
        emit checkedChanged();
}

void RunsModel::renameRun(const QString& from, const QString& to) {
    const int row = rowOf(from);
    if (row < 0)
        return;
    Entry& old = entries_[static_cast<size_t>(row)];
    Entry e = read(to, old.source);
    e.checked = old.checked;
    e.colour = old.colour;
    old = std::move(e);
    emit dataChanged(index(row, 0), index(row, kColumnCount - 1));
    if (old.checked)
        emit checkedChanged(); // the legends name the run
}

void RunsModel::refresh() {
    QStringList changed;
    for (size_t i = 0; i < entries_.size(); ++i) {
        Entry& e = entries_[i];
        // A folder polled every few seconds is read again only when a file changed, or while
        // its search runs (it turns "stopped" when its log goes quiet, with no file changing).
        const bool running = e.record && e.record->state == RunState::Running;
        if (!running && stampOf(e.dir) == e.stamp)
            continue;
        Entry fresh = read(e.dir, e.source);
        const auto key = [](const Entry& x) {
            if (!x.record)
                return std::make_tuple(-1, -1, false, -1.0, x.error.toStdString());
            const auto& r = *x.record;
            return std::make_tuple(static_cast<int>(r.state), r.epochs_done, r.found.has_value(),
                                   r.retrained ? r.retrained->test_accuracy : -1.0, std::string());
        };
        if (key(fresh) == key(e)) {
            e.stamp = fresh.stamp; // a step line, say: nothing the list shows
            continue;
        }
        fresh.checked = e.checked;
        fresh.colour = e.colour;
        e = std::move(fresh);
        emit dataChanged(index(static_cast<int>(i), 0),
                         index(static_cast<int>(i), kColumnCount - 1));
        emit runUpdated(e.dir);
        if (e.checked)
            changed << e.dir;
    }
    if (!changed.isEmpty())
        emit runsUpdated(changed);
}

void RunsModel::setLiveRun(const QString& dir) {
    const QString c = dir.isEmpty() ? QString() : clean(dir);
    if (c == live_)
        return;
    const int before = rowOf(live_);
    live_ = c;
    for (int row : {before, rowOf(live_)})
        if (row >= 0)
            emit dataChanged(index(row, State), index(row, State));
}

int RunsModel::rowOf(const QString& dir) const {
    if (dir.isEmpty())
        return -1;
    const QString c = clean(dir);
    for (size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].dir == c)
            return static_cast<int>(i);
    return -1;
}

QStringList RunsModel::checkedDirs() const {
    QStringList out;
    for (const Entry& e : entries_)
        if (e.checked)
            out << e.dir;
    return out;
}

std::vector<RunRecord> RunsModel::checkedRecords() const {
    std::vector<RunRecord> out;
    for (const Entry& e : entries_)
        if (e.checked && e.record)
            out.push_back(*e.record);
    return out;
}

int RunsModel::freeColour() const {
    std::set<int> used;
    for (const Entry& e : entries_)
        if (e.checked)
            used.insert(e.colour);
    for (int c = 0; c < kColours; ++c)
        if (!used.count(c))
            return c;
    return static_cast<int>(used.size()) % kColours; // more runs than colours: they repeat
}

void RunsModel::setChecked(const QString& dir, bool checked) {
    const int row = rowOf(dir);
    if (row < 0 || entries_[static_cast<size_t>(row)].checked == checked)
        return;
    Entry& e = entries_[static_cast<size_t>(row)];
    e.colour = checked ? freeColour() : -1;
    e.checked = checked;
    emit dataChanged(index(row, Name), index(row, Name));
    emit checkedChanged();
}

QColor RunsModel::colour(int row) const {
    const Entry& e = entry(row);
    return e.checked ? PlotPalette::series(e.colour) : QColor();
}

int RunsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

int RunsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : kColumnCount;
}

QString RunsModel::display(const Entry& e, int column) const {
    if (column == Name)
        return QFileInfo(e.dir).fileName();
    if (column == Date)
        return e.date.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!e.record)
        return column == State ? tr("unreadable") : QString();
    const RunRecord& r = *e.record;
    const Study& s = r.study;
    switch (column) {
    case Space:
        return QString::fromStdString(s.space.name);
    case Cost:
        return s.cost.usesLut() ? QStringLiteral("%1 · %2").arg(QString::fromStdString(s.cost.kind),
                                                                QString::fromStdString(s.cost.lut))
                                : QString::fromStdString(s.cost.kind);
    case Target: {
        if (!s.settings.steersToTarget())
            return tr("none");
        const QString cost = QStringLiteral("%1 %2")
                                 .arg(s.settings.target, 0, 'g', kTargetDigits)
                                 .arg(NumberFormat::unit(QString::fromStdString(s.cost.unit())));
        // A run's study holds the cost its quantile was resolved to, and the quantile.
        return s.settings.target_quantile > 0.0
                   ? tr("%1 (%2 % of the space below)")
                         .arg(cost)
                         .arg(s.settings.target_quantile * kPercent, 0, 'g', kTargetDigits)
                   : cost;
    }
    case Mode:
        return QString::fromLatin1(toString(s.settings.mode));
    case State: {
        const RunState st = e.dir == live_ ? RunState::Running : r.state;
        const QString word = QString::fromLatin1(toString(st));
        return st == RunState::Finished
                   ? word
                   : tr("%1 (%2/%3 epochs)").arg(word).arg(r.epochs_done).arg(s.settings.epochs);
    }
    case Found:
        return r.found ? QString::fromStdString(r.found->arch) : QString();
    case FoundCost:
        return r.found ? QStringLiteral("%1 %2")
                             .arg(r.found->cost, 0, 'f', 1)
                             .arg(NumberFormat::unit(QString::fromStdString(r.cost_unit)))
                       : QString();
    case OneShot:
        return r.found ? QString::number(r.found->accuracy * kPercent, 'f', 1) + QLatin1Char('%')
                       : QString();
    case Retrained:
        if (!r.retrained)
            return QString();
        return QStringLiteral("%1% (%2)")
            .arg(r.retrained->test_accuracy * kPercent, 0, 'f', 2)
            .arg(QString::fromLatin1(toString(r.retrained->kind)));
    default:
        return QString();
    }
}

QVariant RunsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count())
        return {};
    const Entry& e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return display(e, index.column());
    case Qt::CheckStateRole:
        if (index.column() == Name)
            return e.checked ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::DecorationRole:
        if (index.column() == Name && e.checked)
            return PlotPalette::series(e.colour);
        return {};
    case Qt::ToolTipRole:
        if (!e.error.isEmpty())
            return e.error;
        if (index.column() == Name)
            return e.source == Source::Study ? tr("%1\n(listed by the study)").arg(e.dir)
                                             : tr("%1\n(opened)").arg(e.dir);
        return display(e, index.column());
    case Qt::ForegroundRole:
        if (!e.error.isEmpty())
            return QColor(Qt::red);
        return {};
    case Qt::FontRole:
        if (e.source == Source::Opened && index.column() == Name) {
            QFont f;
            f.setItalic(true); // not the study's: opened for a look
            return f;
        }
        return {};
    default:
        return {};
    }
}

bool RunsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Name)
        return false;
    const Entry& e = entry(index.row());
    if (role == Qt::CheckStateRole) {
        setChecked(e.dir, value.toInt() == Qt::Checked);
        return true;
    }
    if (role == Qt::EditRole) {
        const QString name = value.toString().trimmed();
        if (name.isEmpty() || name == QFileInfo(e.dir).fileName())
            return false;
        emit renameRequested(e.dir, name);
        return true;
    }
    return false;
}

QVariant RunsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Date:
        return tr("Date");
    case Space:
        return tr("Space");
    case Cost:
        return tr("Cost model");
    case Target:
        return tr("Target");
    case Mode:
        return tr("Mode");
    case State:
        return tr("State");
    case Found:
        return tr("Found architecture");
    case FoundCost:
        return tr("Cost");
    case OneShot:
        return tr("One-shot");
    case Retrained:
        return tr("Retrained");
    default:
        return {};
    }
}

Qt::ItemFlags RunsModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Name)
        f |= Qt::ItemIsUserCheckable | Qt::ItemIsEditable;
    return f;
}

} // namespace dnas::ui
