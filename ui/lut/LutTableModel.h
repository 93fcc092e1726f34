// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "ui/lut/LutGrid.h"

#include <QAbstractTableModel>
#include <optional>
#include <utility>
#include <vector>

namespace dnas::ui {

class LutDocument;

// A LUT as layers × ops, laid out by LutGrid. A cell shows the latency of its (shape, op) signature
// in µs or ms, coloured from fast to slow within its row; a cell the space needs but the LUT lacks
// reads "missing". Cells of ops a layer cannot choose are blank and grey. Cells with the same
// signature show the same entry, so editing one changes all of them. Edits go through the
// document's undo stack. With a comparison LUT set, cells show this / other instead (read-only).
class LutTableModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum class Unit { Micros, Millis };
    static constexpr int RawValueRole = Qt::UserRole + 1;  // µs, invalid when there is none
    static constexpr int MissingRole = Qt::UserRole + 2;   // the space needs it, the LUT lacks it
    static constexpr int SignatureRole = Qt::UserRole + 3; // OpSignature::key(), when a cell
    static constexpr int RatioRole = Qt::UserRole + 4;     // this / other while comparing

    explicit LutTableModel(LutDocument* document, QObject* parent = nullptr);

    LutDocument* document() const { return document_; }
    void setUnit(Unit unit);
    Unit unit() const { return unit_; }
    QString unitSymbol() const;
    double toMicros(double valueInUnit) const;
    double fromMicros(double us) const;

    // Another LUT to divide by; nullopt ends the comparison.
    void setComparison(std::optional<LatencyTable> other, const QString& name = {});
    bool isComparing() const { return other_.has_value(); }
    QString comparisonName() const { return otherName_; }

    // The signature behind a cell; nullopt for a blank (not a candidate) cell.
    std::optional<OpSignature> signatureAt(const QModelIndex& index) const;
    int fixedColumn() const { return grid_.fixedColumn(); }

    // Sets several cells (values in the current unit; nullopt clears) as one undo step named
    // `text`. Blank cells are skipped. False, with nothing changed, while comparing or when
    // there is nothing to change.
    bool setCells(const std::vector<std::pair<QModelIndex, std::optional<double>>>& values,
                  const QString& text);
    // Parses what a user types or pastes: a number in the C or the system locale; empty is
    // nullopt. False for text that is no number, a negative one or one too large.
    static bool parseValue(const QString& text, std::optional<double>* value);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

  private:
    void refreshAll();
    const LutEntry* entryAt(const QModelIndex& index) const;
    std::optional<double> ratioAt(const QModelIndex& index) const;
    QString displayText(const QModelIndex& index) const;
    QVariant background(const QModelIndex& index) const;
    QString toolTip(const QModelIndex& index) const;

    LutDocument* document_;
    Unit unit_ = Unit::Micros;
    LutGrid grid_;
    std::optional<LatencyTable> other_;
    QString otherName_;
};

} // namespace dnas::ui
