// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/IdxReader.h"

#include "engine/util/DnasError.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace dnas {
namespace {

// Deflate never compresses better than ~1032:1, so this bounds what a .gz can really hold
// whatever its header claims.
constexpr uint64_t kMaxDeflateRatio = 1032;
// No IDX dataset is bigger than this; refusing earlier keeps products of dims from overflowing.
constexpr uint64_t kMaxPayload = uint64_t(1) << 40;

struct GzCloser {
    void operator()(gzFile_s* f) const { gzclose(f); }
};
using GzPtr = std::unique_ptr<gzFile_s, GzCloser>;

bool isGzip(const std::string& path, uint64_t& fileSize, uint32_t& isize) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        throw DnasError(path, "", "cannot open file");
    unsigned char magic[2] = {0, 0};
    const size_t got = std::fread(magic, 1, 2, f);
    std::fseek(f, 0, SEEK_END);
    const long size = std::ftell(f);
    fileSize = size < 0 ? 0 : static_cast<uint64_t>(size);
    bool gz = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    isize = 0;
    if (gz && fileSize >= 18) {
        unsigned char t[4];
        std::fseek(f, -4, SEEK_END);
        if (std::fread(t, 1, 4, f) == 4)
            isize =
                uint32_t(t[0]) | uint32_t(t[1]) << 8 | uint32_t(t[2]) << 16 | uint32_t(t[3]) << 24;
    }
    std::fclose(f);
    return gz;
}

GzPtr openGz(const std::string& path) {
    GzPtr f(gzopen(path.c_str(), "rb"));
    if (!f)
        throw DnasError(path, "", "cannot open file");
    gzbuffer(f.get(), 1 << 18);
    return f;
}

// Reads exactly n bytes or reports how many were there.
uint64_t readFully(gzFile f, uint8_t* dst, uint64_t n) {
    uint64_t done = 0;
    while (done < n) {
        const unsigned chunk = static_cast<unsigned>(std::min<uint64_t>(n - done, 1u << 30));
        const int got = gzread(f, dst + done, chunk);
        if (got <= 0)
            break;
        done += static_cast<uint64_t>(got);
    }
    return done;
}

struct Header {
    std::vector<int64_t> dims;
    uint64_t headerBytes = 0;
    uint64_t payload = 0;
};

Header parseHeader(gzFile f, const std::string& path) {
    uint8_t magic[4];
    if (readFully(f, magic, 4) != 4)
        throw DnasError(path, "header", "truncated: no IDX header");
    if (magic[0] != 0 || magic[1] != 0 || magic[3] < 1 || magic[3] > 4)
        throw DnasError(path, "header", "bad magic number (not an IDX file; expected 00 00 08 0N)");
    if (magic[2] != 0x08)
        throw DnasError(path, "header",
                        "unsupported IDX element type 0x" + std::to_string(magic[2]) +
                            " (only unsigned bytes, 0x08, are supported)");
    Header h;
    const int nd = magic[3];
    uint8_t raw[16];
    if (readFully(f, raw, 4u * nd) != 4u * uint64_t(nd))
        throw DnasError(path, "header", "truncated inside the dimension list");
    h.payload = 1;
    for (int i = 0; i < nd; ++i) {
        const uint64_t d = uint64_t(raw[4 * i]) << 24 | uint64_t(raw[4 * i + 1]) << 16 |
                           uint64_t(raw[4 * i + 2]) << 8 | uint64_t(raw[4 * i + 3]);
        if (d == 0)
            throw DnasError(path, "header", "dimension " + std::to_string(i) + " is zero");
        // Checked before multiplying: the product of three 32-bit dims can wrap around 2^64 to
        // a small number (even 0) that then matches the file's length.
        if (d > kMaxPayload / h.payload)
            throw DnasError(path, "header", "claims an absurd size (over 1 TB of data)");
        h.payload *= d;
        h.dims.push_back(static_cast<int64_t>(d));
    }
    h.headerBytes = 4 + 4 * uint64_t(nd);
    return h;
}

std::string dimsText(const std::vector<int64_t>& dims) {
    std::string s;
    for (size_t i = 0; i < dims.size(); ++i)
        s += (i ? "x" : "") + std::to_string(dims[i]);
    return s;
}

// Checks the header's claim against what the file can hold before anything is allocated.
void checkAgainstLength(const Header& h, const std::string& path, bool gz, uint64_t fileSize,
                        uint32_t isize) {
    const uint64_t total = h.headerBytes + h.payload;
    const std::string claim =
        "header claims " + dimsText(h.dims) + " (" + std::to_string(total) + " bytes)";
    if (!gz) {
        if (total != fileSize)
            throw DnasError(path, "header",
                            claim + " but the file has " + std::to_string(fileSize) +
                                " bytes: " + (total > fileSize ? "truncated" : "trailing data") +
                                " or wrong count");
        return;
    }
    if (total > fileSize * kMaxDeflateRatio)
        throw DnasError(path, "header",
                        claim + ", more than a " + std::to_string(fileSize) +
                            "-byte gzip file can hold");
    // The gzip trailer stores the uncompressed size mod 2^32.
    if (static_cast<uint32_t>(total & 0xffffffffu) != isize)
        throw DnasError(path, "header",
                        claim + " but the gzip trailer says " + std::to_string(isize) +
                            " bytes uncompressed: truncated file or wrong count");
}

Header openAndCheck(const std::string& path, GzPtr& f) {
    uint64_t fileSize = 0;
    uint32_t isize = 0;
    const bool gz = isGzip(path, fileSize, isize);
    f = openGz(path);
    Header h = parseHeader(f.get(), path);
    checkAgainstLength(h, path, gz, fileSize, isize);
    return h;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

} // namespace

std::vector<int64_t> IdxReader::readHeader(const std::string& path) {
    GzPtr f;
    return openAndCheck(path, f).dims;
}

torch::Tensor IdxReader::readImages(const std::string& path, int64_t limit) {
    GzPtr f;
    const Header h = openAndCheck(path, f);
    if (h.dims.size() != 3)
        throw DnasError(path, "header",
                        "expected an idx3 image file (N x rows x cols), got " +
                            std::to_string(h.dims.size()) + " dimensions");
    const int64_t n = limit >= 0 ? std::min(limit, h.dims[0]) : h.dims[0];
    torch::Tensor out = torch::empty({n, 1, h.dims[1], h.dims[2]}, torch::kUInt8);
    const uint64_t want = static_cast<uint64_t>(out.numel());
    const uint64_t got = readFully(f.get(), out.data_ptr<uint8_t>(), want);
    if (got != want)
        throw DnasError(path, "data",
                        "truncated: expected " + std::to_string(want) + " bytes of pixels, got " +
                            std::to_string(got));
    return out;
}

torch::Tensor IdxReader::readLabels(const std::string& path, int64_t limit) {
    GzPtr f;
    const Header h = openAndCheck(path, f);
    if (h.dims.size() != 1)
        throw DnasError(path, "header",
                        "expected an idx1 label file, got " + std::to_string(h.dims.size()) +
                            " dimensions");
    const int64_t n = limit >= 0 ? std::min(limit, h.dims[0]) : h.dims[0];
    torch::Tensor bytes = torch::empty({n}, torch::kUInt8);
    const uint64_t got = readFully(f.get(), bytes.data_ptr<uint8_t>(), uint64_t(n));
    if (got != uint64_t(n))
        throw DnasError(path, "data",
                        "truncated: expected " + std::to_string(n) + " labels, got " +
                            std::to_string(got));
    return bytes.to(torch::kLong);
}

std::string IdxReader::findFile(const std::string& dir, const std::string& prefix,
                                const std::string& kind) {
    std::error_code ec;
    std::vector<std::string> hits;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (!e.is_regular_file(ec))
            continue;
        const std::string name = lower(e.path().filename().string());
        // train-images-idx3-ubyte(.gz) and train-images.idx3-ubyte both occur in the wild.
        if (name.rfind(prefix + "-" + kind, 0) == 0 && name.find("ubyte") != std::string::npos)
            hits.push_back(e.path().string());
    }
    if (hits.empty())
        return "";
    std::sort(hits.begin(), hits.end()); // raw before .gz when both exist: faster to read
    return hits.front();
}

bool IdxReader::looksLike(const std::string& dir) {
    return !findFile(dir, "train", "images").empty();
}

std::vector<std::string> IdxReader::fashionMnistClassNames() {
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

namespace {

std::string requireFile(const std::string& dir, const std::string& prefix,
                        const std::string& kind) {
    const std::string p = IdxReader::findFile(dir, prefix, kind);
    if (p.empty())
        throw DnasError(dir, "", "no " + prefix + "-" + kind + "-idx?-ubyte[.gz] file");
    return p;
}

void checkPair(const std::string& imgPath, const std::vector<int64_t>& img,
               const std::string& lblPath, const std::vector<int64_t>& lbl) {
    if (img.size() != 3)
        throw DnasError(imgPath, "header", "expected an idx3 image file");
    if (lbl.size() != 1)
        throw DnasError(lblPath, "header", "expected an idx1 label file");
    if (img[0] != lbl[0])
        throw DnasError(lblPath, "header",
                        "label count " + std::to_string(lbl[0]) + " != image count " +
                            std::to_string(img[0]) + " in " + imgPath);
}

Dataset loadSplit(const std::string& dir, const std::string& prefix, int64_t limit, int numClasses,
                  const std::vector<std::string>& names) {
    const std::string ip = requireFile(dir, prefix, "images");
    const std::string lp = requireFile(dir, prefix, "labels");
    checkPair(ip, IdxReader::readHeader(ip), lp, IdxReader::readHeader(lp));
    Dataset d;
    d.images = IdxReader::readImages(ip, limit);
    d.labels = IdxReader::readLabels(lp, limit);
    d.num_classes = numClasses;
    d.class_names = names;
    d.source = ip;
    d.checkLabels(lp);
    return d;
}

} // namespace

DatasetPair IdxReader::load(const std::string& dir, int64_t trainLimit, int64_t testLimit,
                            int numClasses, std::vector<std::string> classNames) {
    if (!fs::is_directory(dir))
        throw DnasError(dir, "", "not a folder");
    if (classNames.empty()) {
        if (numClasses == 10 &&
            lower(fs::path(dir).lexically_normal().string()).find("fashion") != std::string::npos)
            classNames = fashionMnistClassNames();
        else
            for (int i = 0; i < numClasses; ++i)
                classNames.push_back(std::to_string(i));
    }
    if (static_cast<int>(classNames.size()) != numClasses)
        throw DnasError(dir, "class_names",
                        std::to_string(classNames.size()) + " names for " +
                            std::to_string(numClasses) + " classes");
    DatasetPair p;
    p.train = loadSplit(dir, "train", trainLimit, numClasses, classNames);
    p.test = loadSplit(dir, "t10k", testLimit, numClasses, classNames);
    if (p.train.height() != p.test.height() || p.train.width() != p.test.width())
        throw DnasError(p.test.source, "header", "image size differs from the training set's");
    return p;
}

std::vector<int64_t> IdxReader::check(const std::string& dir) {
    if (!fs::is_directory(dir))
        throw DnasError(dir, "", "not a folder");
    std::vector<int64_t> out;
    std::vector<int64_t> first;
    for (const char* prefix : {"train", "t10k"}) {
        const std::string ip = requireFile(dir, prefix, "images");
        const std::string lp = requireFile(dir, prefix, "labels");
        const auto img = readHeader(ip);
        checkPair(ip, img, lp, readHeader(lp));
        if (!first.empty() && (img[1] != first[1] || img[2] != first[2]))
            throw DnasError(ip, "header", "image size differs from the training set's");
        first = img;
        out.push_back(img[0]);
    }
    out.push_back(first[1]);
    out.push_back(first[2]);
    return out;
}

} // namespace dnas
