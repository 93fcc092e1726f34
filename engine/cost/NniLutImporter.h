// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"

#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

// Imports the `lut.txt` that NNI's FBNet (examples/nas/oneshot/pfld) writes on the user's machine:
// one Python dict literal per line,
//   {'op_name': 'k3_e1', 'op_data_shape': (w, h, cin, cout, stride), 'op_dtype': 'float32',
//    'op_latency': 123.4}
// latency in µs. Each record becomes OpSignature{op_name, cin, cout, h, w, stride}. Blank lines
// and lines starting with '#' are skipped. Errors read "<file>: line N: ...".
// The literal syntax is parsed here, not by a Python interpreter: quotes ' or ", any spacing,
// trailing commas, tuples or lists, ints or floats (with exponents), True/False/None.
class NniLutImporter {
  public:
    static LatencyTable importFile(const std::string& path);
    static LatencyTable importText(const std::string& text, const std::string& file);
    // One Python literal (dict, tuple, list, str, number, bool, None) to JSON (tuples become
    // arrays). Throws DnasError(file, "line N", "column C: ...") on a syntax error.
    static nlohmann::json parseLiteral(const std::string& text, const std::string& file, int line);
};

} // namespace dnas
