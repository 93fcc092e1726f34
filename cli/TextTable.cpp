// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TextTable.h"

#include <algorithm>
#include <iostream>

namespace dnas::cli {

void TextTable::addColumn(std::string header, Align align) {
    columns_.push_back({std::move(header), align});
}

void TextTable::addRow(std::vector<std::string> cells) {
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
    std::vector<size_t> width(columns_.size());
    for (size_t c = 0; c < columns_.size(); ++c) {
        width[c] = columns_[c].header.size();
        for (const auto& row : rows_)
            width[c] = std::max(width[c], row[c].size());
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (size_t c = 0; c < columns_.size(); ++c) {
            const std::string pad(width[c] - cells[c].size(), ' ');
            const bool last = c + 1 == columns_.size();
            if (columns_[c].align == Align::Right)
                out += pad + cells[c];
            else
                out += cells[c] + (last ? "" : pad);
            if (!last)
                out += "  ";
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };
    std::vector<std::string> headers;
    for (const auto& col : columns_)
        headers.push_back(col.header);
    std::string out = line(headers);
    for (const auto& row : rows_)
        out += line(row);
    return out;
}

void TextTable::print() const {
    std::cout << render();
}

} // namespace dnas::cli
