// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/TrainCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "engine/search/Study.h"
#include "engine/train/Trainer.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace dnas::cli {

int TrainCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Train one architecture from scratch on the whole training set and evaluate it "
                    "on the test set. Writes weights.pt, arch.json (with test accuracy, MACs, "
                    "params) and train.json. Given a run folder, trains the run's final/arch.json "
                    "into final/.");
    p.addPositional("source", "A run folder, or a search space (preset or file) with --arch.");
    p.addOption("arch", "ARCH", "Architecture: canonical string, *.arch.json or fbnet-a/b/c.");
    p.addOption("data", "DIR", "Dataset folder (default: the run's, or Fashion-MNIST).");
    p.addOption("epochs", "N", "Epochs (default: the study's train.epochs, else 30).");
    p.addOption("batch", "B", "Batch size (default 128).");
    p.addOption("lr", "LR", "Learning rate at batch 256 (default 0.1).");
    p.addOption("limit", "N", "Use only the first N training images.");
    p.addOption("seed", "S", "Random seed.");
    p.addOption("threads", "T", "CPU threads (default: all cores).");
    p.addOption("out", "DIR", "Output folder (default: RUN/final, or train-out).", "o");
    p.addFlag("json-progress", "Print one JSON object per epoch.");
    if (!p.parse(args))
        return kExitOk;
    const std::string source = p.positional(0);
    SearchSpace space;
    Architecture arch;
    nlohmann::json dataset = {{"path", "/usr/share/datasets/fashion-mnist"}};
    std::string out = p.isSet("out") ? p.value("out") : "train-out";
    std::string file = "command line";
    TrainSettings s; // a run's study carries its own retraining recipe
    if (fs::exists(fs::path(source) / "study.json")) {
        file = (fs::path(source) / "study.json").string();
        const Study study = Study::fromJson(readJsonFile(file), file);
        space = study.space;
        dataset = study.dataset;
        s = study.train;
        const std::string archFile = (fs::path(source) / "final" / "arch.json").string();
        if (!p.isSet("arch") && !fs::exists(archFile))
            throw DnasError(source, "final/arch.json", "the search has not finished; give --arch");
        arch = Architecture::resolve(p.isSet("arch") ? p.value("arch") : archFile, space);
        if (!p.isSet("out"))
            out = (fs::path(source) / "final").string();
    } else {
        if (!p.isSet("arch"))
            throw DnasError("", "--arch", "needed when training a space");
        space = SearchSpace::load(source);
        arch = Architecture::resolve(p.value("arch"), space);
    }
    if (p.isSet("data"))
        dataset = {{"path", p.value("data")}};
    if (auto v = p.intValue("epochs", 1, 10000))
        s.epochs = *v;
    if (auto v = p.intValue("batch", 1, 65536))
        s.batch_size = *v;
    if (p.isSet("lr"))
        s.lr = std::stod(p.value("lr"));
    if (auto v = p.intValue("limit", 1, 2000000000))
        s.limit = *v;
    if (auto v = p.intValue("seed", 0, 2000000000))
        s.seed = static_cast<uint64_t>(*v);
    if (auto v = p.intValue("threads", 0, 1024))
        s.threads = *v;
    const bool json = p.isSet("json-progress");
    Trainer trainer(space, arch, dataset, file, s);
    const TrainResult r = trainer.run(out, [&](const TrainProgress& t) {
        if (t.test_accuracy < 0) {
            if (!json)
                std::cout << "\r\033[Kepoch " << t.epoch + 1 << "/" << t.epochs << " step "
                          << t.step << "/" << t.steps << "  loss " << fixed(t.loss, 4) << "  acc "
                          << fixed(100 * t.train_accuracy, 1) << "%  " << fixed(t.images_per_s, 0)
                          << " img/s" << std::flush;
            return;
        }
        if (json)
            std::cout << nlohmann::json{{"type", "epoch"},
                                        {"epoch", t.epoch},
                                        {"loss", t.loss},
                                        {"train_accuracy", t.train_accuracy},
                                        {"test_accuracy", t.test_accuracy},
                                        {"images_per_s", t.images_per_s}}
                      << std::endl;
        else
            std::cout << "\r\033[Kepoch " << t.epoch + 1 << "/" << t.epochs << "  loss "
                      << fixed(t.loss, 4) << "  train " << fixed(100 * t.train_accuracy, 2)
                      << "%  test " << fixed(100 * t.test_accuracy, 2) << "%" << std::endl;
    });
    if (json)
        printJson({{"test_accuracy", r.test_accuracy},
                   {"macs", r.macs},
                   {"params", r.params},
                   {"seconds", r.seconds},
                   {"weights", r.weights_path},
                   {"arch", r.arch_path}});
    else
        std::cout << arch.toString() << "\n  test accuracy " << fixed(100 * r.test_accuracy, 2)
                  << "%  MACs " << scaled(static_cast<double>(r.macs)) << "  params "
                  << scaled(static_cast<double>(r.params)) << "  " << fixed(r.seconds, 0)
                  << " s\n  " << r.weights_path << std::endl;
    return kExitOk;
}

} // namespace dnas::cli
