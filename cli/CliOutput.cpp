// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/CliOutput.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dnas::cli {

void printJson(const nlohmann::json& doc) {
    std::cout << doc.dump(2) << '\n';
    std::cout.flush();
}

void printLine(const std::string& text) {
    std::cout << text << '\n';
}

void printField(const std::string& label, const std::string& value, int width) {
    std::string padded = label;
    // At least one space between label and value, even for a label longer than the column.
    padded.resize(std::max(static_cast<size_t>(width), label.size() + 1), ' ');
    std::cout << padded << value << '\n';
}

std::string fixed(double value, int decimals) {
    // A stringstream imbued with the classic locale, because QCoreApplication calls
    // setlocale(LC_ALL, "") and printf-style formatting would then follow LC_NUMERIC.
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.setf(std::ios::fixed);
    out.precision(decimals);
    out << value;
    return out.str();
}

std::string scaled(double value, int decimals) {
    const double a = std::fabs(value);
    if (a >= 1e9)
        return fixed(value / 1e9, decimals) + " G";
    if (a >= 1e6)
        return fixed(value / 1e6, decimals) + " M";
    if (a >= 1e3)
        return fixed(value / 1e3, decimals) + " k";
    return fixed(value, a == std::floor(a) ? 0 : decimals);
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i ? sep : "") + items[i];
    return out;
}

std::string oneLine(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    while (!text.empty() && text.back() == ' ')
        text.pop_back();
    return text;
}

int reportError(const QString& command, const std::string& message) {
    std::cout.flush(); // keep stdout written so far ahead of the error in a shared terminal
    std::cerr << command.toStdString() << ": " << oneLine(message) << std::endl;
    return kExitError;
}

int reportException(const QString& command, const std::exception& e) {
    return reportError(command, e.what());
}

} // namespace dnas::cli
