// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <stdexcept>
#include <string>

namespace dnas {

// The one error type the engine throws on bad input: it names where (file) and what (field),
// so the CLI and the GUI can show a one-line message without knowing the parser.
class DnasError : public std::runtime_error {
  public:
    DnasError(std::string file, std::string field, const std::string& message)
        : std::runtime_error(compose(file, field, message)), file_(std::move(file)),
          field_(std::move(field)) {}
    explicit DnasError(const std::string& message) : std::runtime_error(message) {}

    const std::string& file() const { return file_; }
    const std::string& field() const { return field_; }

  private:
    static std::string compose(const std::string& file, const std::string& field,
                               const std::string& message) {
        std::string out;
        if (!file.empty())
            out += file + ": ";
        if (!field.empty())
            out += field + ": ";
        return out + message;
    }
    std::string file_;
    std::string field_;
};

} // namespace dnas
