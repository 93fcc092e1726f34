// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/JsonFile.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonText.h"
#include "engine/util/TextFile.h"

#include <climits>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace dnas {

nlohmann::json readJsonFile(const std::string& path) {
    return parseJsonText(readTextFile(path), path);
}

void writeTextFileAtomic(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        throw DnasError(path, "", "cannot write file");
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0) {
            ::close(fd);
            std::remove(tmp.c_str());
            throw DnasError(path, "", "write failed (disk full?)");
        }
        done += static_cast<size_t>(n);
    }
    ::fsync(fd);
    ::close(fd);
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw DnasError(path, "", "cannot replace file");
    }
}

void writeJsonFileAtomic(const std::string& path, const nlohmann::json& doc) {
    writeTextFileAtomic(path, doc.dump(2) + "\n");
}

int checkFormat(const nlohmann::json& doc, const std::string& kind, const std::string& file) {
    if (!doc.is_object())
        throw DnasError(file, "", "expected a JSON object");
    if (!doc.contains("format") || !doc["format"].is_string())
        throw DnasError(file, "format", "missing; expected \"" + kind + "/1\"");
    const std::string format = doc["format"].get<std::string>();
    const auto slash = format.find('/');
    if (slash == std::string::npos || format.substr(0, slash) != kind)
        throw DnasError(file, "format", "is \"" + format + "\", expected \"" + kind + "/1\"");
    try {
        return std::stoi(format.substr(slash + 1));
    } catch (const std::exception&) {
        throw DnasError(file, "format", "bad version in \"" + format + "\"");
    }
}

std::string JsonReader::fieldPath(const std::string& key) const {
    if (path_.empty())
        return key;
    if (!key.empty() && key[0] == '[')
        return path_ + key;
    return path_ + "." + key;
}

void JsonReader::fail(const std::string& key, const std::string& message) const {
    throw DnasError(file_, fieldPath(key), message);
}

const nlohmann::json& JsonReader::child(const std::string& key) const {
    if (!node_.is_object())
        fail("", "expected an object");
    auto it = node_.find(key);
    if (it == node_.end())
        fail(key, "missing");
    return *it;
}

JsonReader JsonReader::at(const std::string& key) const {
    return JsonReader(child(key), file_, fieldPath(key));
}

JsonReader JsonReader::at(size_t index) const {
    if (!node_.is_array() || index >= node_.size())
        fail("", "expected an array");
    return JsonReader(node_[index], file_, fieldPath("[" + std::to_string(index) + "]"));
}

size_t JsonReader::size() const {
    if (!node_.is_array())
        fail("", "expected an array");
    return node_.size();
}

int JsonReader::getInt(const std::string& key) const {
    const auto& v = child(key);
    if (!v.is_number_integer())
        fail(key, "expected an integer");
    // Unsigned first: above 2^63 a signed read would wrap to a small or negative value.
    if (v.is_number_unsigned() && v.get<unsigned long long>() > INT_MAX)
        fail(key, "integer out of range");
    const auto value = v.get<long long>();
    if (value < -INT_MAX || value > INT_MAX)
        fail(key, "integer out of range");
    return static_cast<int>(value);
}

int JsonReader::getInt(const std::string& key, int fallback) const {
    return has(key) ? getInt(key) : fallback;
}

double JsonReader::getDouble(const std::string& key) const {
    const auto& v = child(key);
    if (!v.is_number())
        fail(key, "expected a number");
    return v.get<double>();
}

double JsonReader::getDouble(const std::string& key, double fallback) const {
    return has(key) ? getDouble(key) : fallback;
}

bool JsonReader::getBool(const std::string& key, bool fallback) const {
    if (!has(key))
        return fallback;
    const auto& v = child(key);
    if (!v.is_boolean())
        fail(key, "expected true or false");
    return v.get<bool>();
}

std::string JsonReader::getString(const std::string& key) const {
    const auto& v = child(key);
    if (!v.is_string())
        fail(key, "expected a string");
    return v.get<std::string>();
}

std::string JsonReader::getString(const std::string& key, const std::string& fallback) const {
    return has(key) ? getString(key) : fallback;
}

std::string JsonReader::asString() const {
    if (!node_.is_string())
        fail("", "expected a string");
    return node_.get<std::string>();
}

double JsonReader::asDouble() const {
    if (!node_.is_number())
        fail("", "expected a number");
    return node_.get<double>();
}

} // namespace dnas
