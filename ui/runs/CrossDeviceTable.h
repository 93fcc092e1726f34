// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/search/RunRecord.h"
#include "ui/util/ErrorReporter.h"

#include <QWidget>
#include <vector>

class QLabel;
class QTableView;

namespace dnas::ui {

class CrossDeviceModel;

// The cross-device table (CrossDeviceModel) with its exports: CSV to a file, Markdown to the
// clipboard (for a README or a paper's table).
class CrossDeviceTable : public QWidget {
    Q_OBJECT
  public:
    explicit CrossDeviceTable(QWidget* parent = nullptr);

    CrossDeviceModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    void setRuns(const std::vector<RunRecord>& runs);
    // The architecture picked in the Pareto plot or the candidates table, as a last row.
    void setPicked(const QString& arch, const SearchSpace& space, const QString& spaceRef);
    void setErrorReporter(ErrorReporter reporter) { report_ = std::move(reporter); }

    bool exportCsv(const QString& path = {}); // asks when empty; atomic (QSaveFile)
    void copyMarkdown() const;

  private:
    void fitColumns();

    CrossDeviceModel* model_;
    QTableView* view_;
    QLabel* hint_;
    ErrorReporter report_;
};

} // namespace dnas::ui
