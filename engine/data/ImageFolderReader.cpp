// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/ImageFolderReader.h"

#include "engine/data/InputAdapter.h"
#include "engine/data/SeededRng.h"
#include "engine/util/DnasError.h"

#include <algorithm>
#include <filesystem>
#include <memory>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_HDR
#define STBI_NO_PSD
#define STBI_NO_PIC
#define STBI_NO_PNM
#define STBI_NO_LINEAR
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif
#include <stb/stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace fs = std::filesystem;

namespace dnas {
namespace {

bool ignored(const std::string& name) {
    // Hidden files and the shells' thumbnail caches are noise, not data.
    return name.empty() || name[0] == '.' || name == "Thumbs.db" || name == "desktop.ini";
}

std::vector<std::string> sortedEntries(const fs::path& dir, bool dirs) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string name = e.path().filename().string();
        if (ignored(name))
            continue;
        if (dirs ? e.is_directory(ec) : !e.is_directory(ec))
            out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

struct Info {
    int w = 0, h = 0, comp = 0;
};

Info probe(const std::string& path) {
    Info i;
    if (!stbi_info(path.c_str(), &i.w, &i.h, &i.comp))
        throw DnasError(path, "",
                        std::string("not a decodable image (PNG/JPEG/BMP/GIF/TGA): ") +
                            stbi_failure_reason());
    if (i.w <= 0 || i.h <= 0 || int64_t(i.w) * i.h > (int64_t(1) << 28))
        throw DnasError(
            path, "", "implausible image size " + std::to_string(i.w) + "x" + std::to_string(i.h));
    return i;
}

// (1,C,H,W) uint8 of one image.
torch::Tensor decode(const std::string& path, int channels) {
    int w = 0, h = 0, comp = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> px(stbi_load(path.c_str(), &w, &h, &comp, channels),
                                                 stbi_image_free);
    if (!px)
        throw DnasError(path, "",
                        std::string("not a decodable image (PNG/JPEG/BMP/GIF/TGA): ") +
                            stbi_failure_reason());
    // Copied into tensor-owned memory before px is freed: .contiguous() alone would return the
    // stb buffer itself for 1-channel images, whose HWC and CHW layouts coincide.
    torch::Tensor out = torch::empty({1, channels, h, w}, torch::kUInt8);
    out[0].copy_(torch::from_blob(px.get(), {h, w, channels}, torch::kUInt8).permute({2, 0, 1}));
    return out;
}

// (class, file) pairs, classes interleaved so a prefix of any length is close to balanced.
std::vector<std::pair<int, std::string>> interleave(const ImageFolderReader::Listing& l,
                                                    int64_t limit) {
    std::vector<std::pair<int, std::string>> out;
    size_t longest = 0;
    for (const auto& f : l.files)
        longest = std::max(longest, f.size());
    for (size_t i = 0; i < longest; ++i)
        for (size_t c = 0; c < l.files.size(); ++c) {
            if (limit >= 0 && int64_t(out.size()) >= limit)
                return out;
            if (i < l.files[c].size())
                out.emplace_back(int(c), l.files[c][i]);
        }
    return out;
}

Dataset decodeAll(const std::vector<std::pair<int, std::string>>& items, int channels, int h, int w,
                  const std::vector<std::string>& names, const std::string& source) {
    Dataset d;
    d.images = torch::empty({int64_t(items.size()), channels, h, w}, torch::kUInt8);
    d.labels = torch::empty({int64_t(items.size())}, torch::kLong);
    for (size_t i = 0; i < items.size(); ++i) {
        torch::Tensor img = decode(items[i].second, channels);
        if (img.size(2) != h || img.size(3) != w)
            img = InputAdapter::resize(img, h, w);
        d.images[int64_t(i)].copy_(img[0]);
        d.labels[int64_t(i)] = items[i].first;
    }
    d.num_classes = static_cast<int>(names.size());
    d.class_names = names;
    d.source = source;
    return d;
}

} // namespace

int64_t ImageFolderReader::Listing::count() const {
    int64_t n = 0;
    for (const auto& f : files)
        n += int64_t(f.size());
    return n;
}

std::pair<std::string, std::string> ImageFolderReader::roots(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw DnasError(dir, "", "not a folder");
    const fs::path train = fs::path(dir) / "train";
    if (fs::is_directory(train, ec)) {
        for (const char* t : {"test", "val"})
            if (fs::is_directory(fs::path(dir) / t, ec))
                return {train.string(), (fs::path(dir) / t).string()};
        return {train.string(), ""};
    }
    return {dir, ""};
}

bool ImageFolderReader::looksLike(const std::string& dir) {
    try {
        return !sortedEntries(roots(dir).first, true).empty();
    } catch (const DnasError&) {
        return false;
    }
}

ImageFolderReader::Listing ImageFolderReader::list(const std::string& root) {
    Listing l;
    l.class_names = sortedEntries(root, true);
    if (l.class_names.empty())
        throw DnasError(root, "", "no class folders (expected one sub-folder of images per class)");
    for (const auto& c : l.class_names) {
        const fs::path cdir = fs::path(root) / c;
        std::vector<std::string> files;
        for (const auto& f : sortedEntries(cdir, false))
            files.push_back((cdir / f).string());
        if (files.empty())
            throw DnasError(cdir.string(), "", "class folder has no images");
        l.files.push_back(std::move(files));
    }
    return l;
}

DatasetPair ImageFolderReader::load(const std::string& dir, const Options& o) {
    const auto [trainRoot, testRoot] = roots(dir);
    Listing train = list(trainRoot);
    Listing test;
    if (!testRoot.empty()) {
        test = list(testRoot);
        for (const auto& c : test.class_names)
            if (std::find(train.class_names.begin(), train.class_names.end(), c) ==
                train.class_names.end())
                throw DnasError((fs::path(testRoot) / c).string(), "",
                                "test class has no training folder");
        // Test labels must index the training classes.
        Listing aligned;
        aligned.class_names = train.class_names;
        aligned.files.resize(train.class_names.size());
        for (size_t i = 0; i < test.class_names.size(); ++i) {
            const auto it =
                std::find(train.class_names.begin(), train.class_names.end(), test.class_names[i]);
            aligned.files[size_t(it - train.class_names.begin())] = test.files[i];
        }
        test = std::move(aligned);
    } else {
        // No official test set: hold out a seeded fraction of every class, before any limit,
        // so the same images are test images whatever limit a quick run uses.
        test.class_names = train.class_names;
        test.files.resize(train.files.size());
        Listing kept = train;
        SeededRng rng(SeededRng::derive(o.seed, 0x7e57));
        for (size_t c = 0; c < train.files.size(); ++c) {
            const auto& f = train.files[c];
            const int64_t n = int64_t(f.size());
            const int64_t nt =
                n > 1 ? std::max<int64_t>(1, int64_t(o.holdout * double(n) + 0.5)) : 0;
            torch::Tensor perm = rng.permutation(n);
            std::vector<char> isTest(f.size(), 0);
            for (int64_t i = 0; i < std::min(nt, n - 1); ++i)
                isTest[perm[i].item<int64_t>()] = 1;
            kept.files[c].clear();
            for (size_t i = 0; i < f.size(); ++i)
                (isTest[i] ? test.files[c] : kept.files[c]).push_back(f[i]);
        }
        train = std::move(kept);
    }
    const auto trainItems = interleave(train, o.train_limit);
    const auto testItems = interleave(test, o.test_limit);
    if (trainItems.empty())
        throw DnasError(dir, "limit", "selects no training images");
    // Common geometry and channels from the headers, before any pixel is decoded.
    const Info first = probe(trainItems.front().second);
    int channels = o.channels;
    if (channels == 0) {
        channels = 1;
        for (const auto* items : {&trainItems, &testItems})
            for (const auto& it : *items)
                if (probe(it.second).comp >= 3) {
                    channels = 3;
                    break;
                }
    }
    const int h = o.size > 0 ? o.size : first.h, w = o.size > 0 ? o.size : first.w;
    // Bounded before allocating: a folder of huge photos needs an image_size, not 100 GB.
    const double bytes = double(trainItems.size() + testItems.size()) * channels * h * w;
    if (bytes > double(int64_t(1) << 35))
        throw DnasError(dir, "image_size",
                        "decoded at " + std::to_string(w) + "x" + std::to_string(h) +
                            " the images "
                            "would need " +
                            std::to_string(int64_t(bytes / 1e9)) +
                            " GB in memory; set a smaller image_size or a limit");
    DatasetPair p;
    p.train = decodeAll(trainItems, channels, h, w, train.class_names, trainRoot);
    p.test = decodeAll(testItems, channels, h, w, train.class_names,
                       testRoot.empty() ? trainRoot + " (held out)" : testRoot);
    return p;
}

std::vector<int64_t> ImageFolderReader::check(const std::string& dir, int probeCount) {
    const auto [trainRoot, testRoot] = roots(dir);
    const Listing train = list(trainRoot);
    int64_t testN = 0;
    std::vector<const Listing*> all{&train};
    Listing test;
    if (!testRoot.empty()) {
        test = list(testRoot);
        testN = test.count();
        all.push_back(&test);
    }
    for (const Listing* l : all)
        for (const auto& files : l->files)
            for (size_t i = 0; i < files.size() && int(i) < probeCount; ++i)
                probe(files[i]);
    return {train.count(), testN, int64_t(train.class_names.size())};
}

} // namespace dnas
