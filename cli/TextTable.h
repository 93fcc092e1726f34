// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <string>
#include <vector>

namespace dnas::cli {

// A plain-text table with columns sized to their widest cell: the human form of per-layer
// listings. Numeric columns are right-aligned so digits line up.
class TextTable {
  public:
    enum class Align { Left, Right };

    void addColumn(std::string header, Align align = Align::Left);
    // Missing trailing cells print empty; extra cells are an error in the caller, dropped here.
    void addRow(std::vector<std::string> cells);
    std::string render() const;
    void print() const;

  private:
    struct Column {
        std::string header;
        Align align;
    };
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;
};

} // namespace dnas::cli
