// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/Architecture.h"
#include "engine/space/SearchSpace.h"
#include "ui/plots/CsvTable.h"

#include <QString>
#include <QWidget>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace dnas {
class LatencyTable;
}

namespace dnas::ui {

// One architecture layer by layer: op, input and output shape, MACs, parameters and its cost
// on every loaded LUT, with totals; copy it as a string or save it as *.arch.json.
class ArchitectureInspector : public QWidget {
    Q_OBJECT
  public:
    struct Totals {
        int64_t macs = 0;
        int64_t params = 0;
        std::vector<std::optional<double>> costs; // per LUT; empty when a part is missing
    };
    using NamedLut = std::pair<QString, const dnas::LatencyTable*>;

    explicit ArchitectureInspector(QWidget* parent = nullptr);

    void setSpace(const dnas::SearchSpace& space);
    // Not owned: the caller keeps them alive until the next setLuts.
    void setLuts(std::vector<NamedLut> luts);
    // False (and the reason shown in place) when the architecture does not fit the space.
    bool setArchitecture(const dnas::Architecture& arch);

    const dnas::Architecture& architecture() const { return arch_; }
    const Totals& totals() const { return totals_; }
    QString errorText() const { return error_; }
    QTableWidget* table() const { return table_; }
    CsvTable csv() const; // the table as shown, totals row included

  public slots:
    // Canonical string form, as ParetoPlot::architectureSelected sends it.
    bool showArchitecture(const QString& text);
    void copyToClipboard() const;
    bool saveArchitecture(const QString& path, QString* error = nullptr) const;

  private:
    void refresh();
    void askAndSave();

    dnas::SearchSpace space_;
    dnas::Architecture arch_;
    std::vector<NamedLut> luts_;
    Totals totals_;
    QString error_;
    QLabel* title_ = nullptr;
    QTableWidget* table_ = nullptr;
    QPushButton* copy_ = nullptr;
    QPushButton* save_ = nullptr;
};

} // namespace dnas::ui
