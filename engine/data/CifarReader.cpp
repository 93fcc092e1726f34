// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/data/CifarReader.h"

#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace dnas {
namespace {

constexpr int64_t kPixels = 3 * 32 * 32;

int labelBytes(CifarReader::Variant v) {
    return v == CifarReader::Variant::Cifar10 ? 1 : 2;
}
int numClasses(CifarReader::Variant v) {
    return v == CifarReader::Variant::Cifar10 ? 10 : 100;
}
int64_t recordBytes(CifarReader::Variant v) {
    return labelBytes(v) + kPixels;
}

int64_t recordsIn(const std::string& path, CifarReader::Variant v) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw DnasError(path, "", "missing file");
    const auto size = static_cast<int64_t>(fs::file_size(path, ec));
    if (ec)
        throw DnasError(path, "", "cannot read the file size");
    const int64_t rec = recordBytes(v);
    if (size == 0)
        throw DnasError(path, "", "empty file");
    if (size % rec != 0)
        throw DnasError(path, "",
                        "size " + std::to_string(size) + " is not a multiple of the " +
                            std::to_string(rec) + "-byte record: truncated or not a " +
                            (v == CifarReader::Variant::Cifar10 ? "CIFAR-10" : "CIFAR-100") +
                            " binary file");
    if (size / rec > kMaxCifarRecordsPerFile)
        throw DnasError(path, "",
                        "size " + std::to_string(size) + " bytes claims " +
                            std::to_string(size / rec) + " records, more than the " +
                            std::to_string(kMaxCifarRecordsPerFile) +
                            " a CIFAR file may hold (CIFAR's largest has 50,000)");
    return size / rec;
}

std::vector<std::string> readLines(const std::string& path) {
    std::vector<std::string> out;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty())
            out.push_back(line);
    }
    return out;
}

} // namespace

std::vector<std::string> CifarReader::trainFiles(const std::string& d, Variant v) {
    if (v == Variant::Cifar100)
        return {(fs::path(d) / "train.bin").string()};
    std::vector<std::string> out;
    for (int i = 1; i <= 5; ++i)
        out.push_back((fs::path(d) / ("data_batch_" + std::to_string(i) + ".bin")).string());
    return out;
}

std::string CifarReader::testFile(const std::string& d, Variant v) {
    return (fs::path(d) / (v == Variant::Cifar10 ? "test_batch.bin" : "test.bin")).string();
}

std::string CifarReader::resolveDir(const std::string& dir, Variant v) {
    std::error_code ec;
    const char* sub = v == Variant::Cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary";
    for (const fs::path& d : {fs::path(dir), fs::path(dir) / sub})
        if (fs::is_regular_file(fs::path(trainFiles(d.string(), v).front()), ec))
            return d.string();
    return "";
}

Dataset CifarReader::readFiles(const std::vector<std::string>& files, Variant v, int64_t limit) {
    const int64_t rec = recordBytes(v);
    const int lb = labelBytes(v);
    std::vector<torch::Tensor> images, labels;
    int64_t have = 0;
    for (const std::string& path : files) {
        if (limit >= 0 && have >= limit)
            break;
        int64_t n = recordsIn(path, v); // checks the length before anything is allocated
        if (limit >= 0)
            n = std::min(n, limit - have);
        torch::Tensor raw = torch::empty({n, rec}, torch::kUInt8);
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f)
            throw DnasError(path, "", "cannot open file");
        const size_t got = std::fread(raw.data_ptr<uint8_t>(), 1, size_t(n * rec), f);
        std::fclose(f);
        if (got != size_t(n * rec))
            throw DnasError(path, "",
                            "truncated: read " + std::to_string(got) + " of " +
                                std::to_string(n * rec) + " bytes");
        // The file is already channel-planar, so (N, 3, 32, 32) is a plain reshape.
        images.push_back(raw.narrow(1, lb, kPixels).reshape({n, 3, 32, 32}).contiguous());
        Dataset part;
        part.labels = raw.select(1, lb - 1).to(torch::kLong);
        part.num_classes = numClasses(v);
        part.checkLabels(path);
        if (v == Variant::Cifar100) {
            part.labels = raw.select(1, 0).to(torch::kLong);
            part.num_classes = 20; // the coarse byte must be sane too, or this is not CIFAR-100
            part.checkLabels(path);
            part.labels = raw.select(1, 1).to(torch::kLong);
        }
        labels.push_back(part.labels);
        have += n;
    }
    Dataset d;
    d.images = torch::cat(images, 0);
    d.labels = torch::cat(labels, 0);
    d.num_classes = numClasses(v);
    d.source = files.empty() ? "" : fs::path(files.front()).parent_path().string();
    return d;
}

std::vector<std::string> CifarReader::classNames(const std::string& dir, Variant v) {
    const std::string d = resolveDir(dir, v).empty() ? dir : resolveDir(dir, v);
    const auto fromFile = readLines(
        (fs::path(d) / (v == Variant::Cifar10 ? "batches.meta.txt" : "fine_label_names.txt"))
            .string());
    if (static_cast<int>(fromFile.size()) == numClasses(v))
        return fromFile;
    if (v == Variant::Cifar10)
        return {"airplane", "automobile", "bird",  "cat",  "deer",
                "dog",      "frog",       "horse", "ship", "truck"};
    return {
        "apple",       "aquarium_fish", "baby",      "bear",       "beaver",       "bed",
        "bee",         "beetle",        "bicycle",   "bottle",     "bowl",         "boy",
        "bridge",      "bus",           "butterfly", "camel",      "can",          "castle",
        "caterpillar", "cattle",        "chair",     "chimpanzee", "clock",        "cloud",
        "cockroach",   "couch",         "crab",      "crocodile",  "cup",          "dinosaur",
        "dolphin",     "elephant",      "flatfish",  "forest",     "fox",          "girl",
        "hamster",     "house",         "kangaroo",  "keyboard",   "lamp",         "lawn_mower",
        "leopard",     "lion",          "lizard",    "lobster",    "man",          "maple_tree",
        "motorcycle",  "mountain",      "mouse",     "mushroom",   "oak_tree",     "orange",
        "orchid",      "otter",         "palm_tree", "pear",       "pickup_truck", "pine_tree",
        "plain",       "plate",         "poppy",     "porcupine",  "possum",       "rabbit",
        "raccoon",     "ray",           "road",      "rocket",     "rose",         "sea",
        "seal",        "shark",         "shrew",     "skunk",      "skyscraper",   "snail",
        "snake",       "spider",        "squirrel",  "streetcar",  "sunflower",    "sweet_pepper",
        "table",       "tank",          "telephone", "television", "tiger",        "tractor",
        "train",       "trout",         "tulip",     "turtle",     "wardrobe",     "whale",
        "willow_tree", "wolf",          "woman",     "worm"};
}

DatasetPair CifarReader::load(const std::string& dir, Variant v, int64_t trainLimit,
                              int64_t testLimit) {
    const std::string d = resolveDir(dir, v);
    if (d.empty())
        throw DnasError(dir, "",
                        std::string("no ") +
                            (v == Variant::Cifar10 ? "data_batch_1.bin" : "train.bin") +
                            " here or in the usual sub-folder");
    DatasetPair p;
    p.train = readFiles(trainFiles(d, v), v, trainLimit);
    p.test = readFiles({testFile(d, v)}, v, testLimit);
    p.train.class_names = p.test.class_names = classNames(d, v);
    return p;
}

std::vector<int64_t> CifarReader::check(const std::string& dir, Variant v) {
    const std::string d = resolveDir(dir, v);
    if (d.empty())
        throw DnasError(dir, "",
                        std::string("no ") +
                            (v == Variant::Cifar10 ? "data_batch_1.bin" : "train.bin") +
                            " here or in the usual sub-folder");
    int64_t train = 0;
    for (const auto& f : trainFiles(d, v))
        train += recordsIn(f, v);
    return {train, recordsIn(testFile(d, v), v)};
}

} // namespace dnas
