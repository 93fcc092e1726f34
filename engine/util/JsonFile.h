// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace dnas {

// Reads a JSON document; a missing file or a syntax error becomes a DnasError naming the file.
nlohmann::json readJsonFile(const std::string& path);

// Writes atomically: a temporary file beside the target, fsync, then rename over it, so a crash
// leaves either the old or the new file, never half of one.
void writeJsonFileAtomic(const std::string& path, const nlohmann::json& doc);
void writeTextFileAtomic(const std::string& path, const std::string& text);

// Checks "format": "<kind>/<version>" and returns the version; throws naming the file otherwise.
int checkFormat(const nlohmann::json& doc, const std::string& kind, const std::string& file);

// Typed field access that reports "file: path.field: expected <type>" instead of a json exception.
class JsonReader {
  public:
    JsonReader(const nlohmann::json& node, std::string file, std::string path = "")
        : node_(node), file_(std::move(file)), path_(std::move(path)) {}

    bool has(const std::string& key) const { return node_.is_object() && node_.contains(key); }
    JsonReader at(const std::string& key) const;
    JsonReader at(size_t index) const;
    size_t size() const;
    int getInt(const std::string& key) const;
    int getInt(const std::string& key, int fallback) const;
    double getDouble(const std::string& key) const;
    double getDouble(const std::string& key, double fallback) const;
    bool getBool(const std::string& key, bool fallback) const;
    std::string getString(const std::string& key) const;
    std::string getString(const std::string& key, const std::string& fallback) const;
    std::string asString() const;
    double asDouble() const;
    const nlohmann::json& json() const { return node_; }
    const std::string& file() const { return file_; }
    std::string fieldPath(const std::string& key) const;
    [[noreturn]] void fail(const std::string& key, const std::string& message) const;

  private:
    const nlohmann::json& child(const std::string& key) const;
    const nlohmann::json& node_;
    std::string file_;
    std::string path_;
};

} // namespace dnas
