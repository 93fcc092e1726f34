// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers shared by the data tests: a scratch folder and writers for small synthetic files.
#include "engine/util/DnasError.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace dnas::testing {

// A fresh folder under $TMPDIR, removed at the end of the test.
class TempDir {
  public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "dnas-data-XXXXXX").string();
        path_ = mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }

  private:
    std::filesystem::path path_;
};

inline std::vector<uint8_t> idxBytes(std::vector<uint32_t> dims, const std::vector<uint8_t>& data,
                                     uint8_t type = 0x08) {
    std::vector<uint8_t> out{0, 0, type, uint8_t(dims.size())};
    for (uint32_t d : dims)
        for (int s = 24; s >= 0; s -= 8)
            out.push_back(uint8_t(d >> s));
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

inline void writeFile(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

inline void writeGz(const std::string& path, const std::vector<uint8_t>& bytes) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, bytes.data(), unsigned(bytes.size()));
    gzclose(f);
}

// n images of h x w with pixel (i, y, x) = (i*7 + y*w + x) % 256, labels i % classes.
inline void writeIdxSet(const std::string& dir, const std::string& prefix, uint32_t n, uint32_t h,
                        uint32_t w, int classes, bool gz) {
    std::vector<uint8_t> px, lb;
    for (uint32_t i = 0; i < n; ++i) {
        for (uint32_t k = 0; k < h * w; ++k)
            px.push_back(uint8_t((i * 7 + k) % 256));
        lb.push_back(uint8_t(i % uint32_t(classes)));
    }
    const std::string suffix = gz ? ".gz" : "";
    const auto write = gz ? writeGz : writeFile;
    write(dir + "/" + prefix + "-images-idx3-ubyte" + suffix, idxBytes({n, h, w}, px));
    write(dir + "/" + prefix + "-labels-idx1-ubyte" + suffix, idxBytes({n}, lb));
}

// Runs f and expects a DnasError whose message names `file` and contains `what`.
template <class F> void expectError(F f, const std::string& file, const std::string& what) {
    try {
        f();
        FAIL() << "no error for " << file;
    } catch (const DnasError& e) {
        const std::string msg = e.what();
        EXPECT_NE(msg.find(file), std::string::npos) << msg;
        EXPECT_NE(msg.find(what), std::string::npos) << msg;
    }
}

inline std::string fashionMnistDir() {
    return "/usr/share/datasets/fashion-mnist";
}
inline bool haveFashionMnist() {
    return std::filesystem::exists(fashionMnistDir() + "/train-images-idx3-ubyte.gz");
}

} // namespace dnas::testing
