// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/RunRecord.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QStringList>
#include <optional>
#include <vector>

namespace dnas::ui {

// The runs the user can compare: the study's (its "runs" list) and any opened run folders, one
// row each, read with dnas::RunRecord. A broken folder stays listed with its error (naming the
// file and field) in every column's tooltip, so one bad run hides nothing else. Rows are
// checkable (column Name) to compare them; a ticked run gets a colour of its own.
class RunsModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        Name,
        Date,
        Space,
        Cost,
        Target,
        Mode,
        State,
        Found,
        FoundCost,
        OneShot,
        Retrained,
    };
    static constexpr int kColumnCount = Retrained + 1;
    enum class Source { Study, Opened };

    struct Entry {
        QString dir; // absolute, clean
        Source source = Source::Opened;
        std::optional<RunRecord> record; // empty when the folder could not be read
        QString error;
        QDateTime date; // study.json written: when the search started
        bool checked = false;
        int colour = -1; // PlotPalette::series index while checked
        QString stamp;   // the files' sizes and times when read: unchanged means no re-read
    };

    explicit RunsModel(QObject* parent = nullptr);

    // The study's runs, absolute; opened folders stay, ticks stay on runs still listed.
    void setStudyRuns(const QStringList& dirs);
    // An opened run folder; false when it is already listed.
    bool addFolder(const QString& dir);
    void removeRun(const QString& dir);
    void renameRun(const QString& from, const QString& to);
    // Reads every folder again: a retraining that finished shows its accuracy, a run that
    // finished its state and net. Emits runsUpdated with the ticked runs whose record changed.
    void refresh();
    // The run the app is searching now: shown "running" even while paused.
    void setLiveRun(const QString& dir);

    int rowOf(const QString& dir) const; // -1 when not listed
    const Entry& entry(int row) const { return entries_.at(static_cast<size_t>(row)); }
    int count() const { return static_cast<int>(entries_.size()); }
    QStringList checkedDirs() const;
    std::vector<RunRecord> checkedRecords() const; // the readable ones, in list order
    void setChecked(const QString& dir, bool checked);
    QColor colour(int row) const; // invalid when the row is not ticked
    static QString clean(const QString& dir);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

  signals:
    void checkedChanged();
    void runsUpdated(const QStringList& dirs); // ticked runs whose folder changed
    void runUpdated(const QString& dir);       // any run whose folder changed
    // The user edited a name: the panel renames the folder (and the study's entry).
    void renameRequested(const QString& dir, const QString& newName);

  private:
    static Entry read(const QString& dir, Source source);
    static QString stampOf(const QString& dir);
    QString display(const Entry& e, int column) const;
    int freeColour() const;

    std::vector<Entry> entries_;
    QString live_;
};

} // namespace dnas::ui
