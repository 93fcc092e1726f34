// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/space/LayerSpec.h"

#include <QString>
#include <optional>
#include <string>
#include <vector>

namespace dnas {
class SearchSpace;
}

namespace dnas::ui {

// How a space lays a LUT out as a table: row 0 the stem, one row per searchable layer, then
// head, pool and fc; one column per op some layer may choose (in the space's op order, as
// CsvLut writes them), then "fixed" for the stem, head, pool and fc rows. A cell is the
// signature of its (row shape, op), or blank where the layer cannot choose the op.
class LutGrid {
  public:
    LutGrid() = default;
    explicit LutGrid(const SearchSpace& space);

    int rows() const { return int(shapes_.size() + fixed_.size()); }
    int columns() const { return int(ops_.size()) + 1; }
    int fixedColumn() const { return int(ops_.size()); }

    std::optional<OpSignature> signature(int row, int column) const;
    QString columnName(int column) const; // the op, or "fixed"
    QString rowName(int row) const;       // "stem", "layer 3", "head", ...
    QString rowHeader(int row) const;     // "3   16×14×14 → 24 /2"
    QString rowToolTip(int row) const;

  private:
    bool isFixedRow(int row) const { return row == 0 || row > int(shapes_.size()); }
    OpSignature rowShape(int row) const; // op empty for a layer row

    std::vector<std::string> ops_;
    std::vector<LayerShape> shapes_;
    std::vector<std::vector<std::string>> candidates_; // per searchable layer
    std::vector<OpSignature> fixed_;                   // stem, head, pool, fc
};

} // namespace dnas::ui
