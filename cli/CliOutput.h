// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QString>
#include <exception>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace dnas::cli {

// Output helpers shared by the subcommands, so every command prints JSON, numbers and errors
// the same way (scripts parse the JSON; people read the rest).

// Pretty-printed JSON document plus newline on stdout.
void printJson(const nlohmann::json& doc);
// One line on stdout.
void printLine(const std::string& text);
// "<label><padding><value>" lines of a key/value summary, labels padded to `width`.
void printField(const std::string& label, const std::string& value, int width = 14);

// Fixed-point number without locale surprises (always '.').
std::string fixed(double value, int decimals);
// Compact count for humans: 385.01 M, 5.53 M, 12.3 k.
std::string scaled(double value, int decimals = 2);

// "a, b, c": lists of names in help texts and messages.
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");
// Flattens a message to one line: the CLI contract is one line per error on stderr.
std::string oneLine(std::string text);
// Prints "<command>: <message>" on stderr and returns the exit code for errors (2).
int reportError(const QString& command, const std::string& message);
int reportException(const QString& command, const std::exception& e);

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1; // the command ran and found problems (e.g. validate)
constexpr int kExitError = 2;  // bad usage or input

} // namespace dnas::cli
