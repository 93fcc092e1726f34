// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"

#include <string>
#include <vector>

namespace dnas {

class SearchSpace;

// A LUT as a spreadsheet, one row per layer of a space (latency only, µs):
//
//   layer,c_in,c_out,h,w,stride,k3_e1,k3_e1_g2,...,skip,fixed
//   stem,3,16,32,32,1,,,...,,2816.49
//   0,16,16,32,32,1,608.9,931.3,...,13.87,
//   ...
//   head,352,1504,4,4,1,,,...,,5237.86
//   pool,1504,1504,4,4,1,,,...,,120.5
//   fc,1504,100,1,1,1,,,...,,80.1
//
// - Header: first column `layer`; then optionally any of `c_in,c_out,h,w,stride` (signature
//   columns: written on export, checked against the space on import when a cell is filled, so a
//   CSV made for another space is caught); then op columns (names the space knows); optionally a
//   `fixed` column. Column order is free after `layer`.
// - Rows: a layer index 0..L-1 (any order), or `stem`, `head`, `pool`, `fc`. A fixed row's value
//   is in the `fixed` column when the header has one, else in the first op column; its other op
//   cells must be empty. A layer row's `fixed` cell must be empty.
// - Cells: latency in µs; empty = missing (no entry). Values for an op that is not a candidate of
//   that layer are kept too (the LUT is keyed by shape, so they can serve other spaces).
// - Blank lines and lines starting with '#' are skipped; fields may be "quoted"; CRLF is fine.
// Import needs the space to turn rows into OpSignatures. Errors read "<file>: line N: ...".
class CsvLut {
  public:
    static LatencyTable read(const std::string& path, const SearchSpace& space);
    static LatencyTable parse(const std::string& text, const SearchSpace& space,
                              const std::string& file);
    // Every candidate op of the space as a column, values written with 17 digits (exact).
    static std::string format(const LatencyTable& table, const SearchSpace& space);
    static void write(const std::string& path, const LatencyTable& table, const SearchSpace& space);

    // Splits one CSV line (RFC 4180 quoting, no embedded newlines), trimming unquoted spaces.
    // Returns false on an unterminated quote.
    static bool splitLine(const std::string& line, std::vector<std::string>& fields);
};

} // namespace dnas
