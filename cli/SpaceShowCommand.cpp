// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/SpaceShowCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "cli/TextTable.h"
#include "engine/space/SearchSpace.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace dnas::cli {

namespace {

std::string sizeText(int h, int w) {
    return std::to_string(h) + "x" + std::to_string(w);
}

std::string opText(const OpSpec& op) {
    if (op.isSkip())
        return "skip";
    std::string s = "ir k" + std::to_string(op.kernel) + " e" + std::to_string(op.expansion);
    if (op.groups > 1)
        s += " g" + std::to_string(op.groups);
    if (op.se)
        s += " se";
    if (op.act != "relu")
        s += " " + op.act;
    return s;
}

// 9^22 reads better than 6.6e+20 when every layer has the same number of candidates.
std::string countText(const SearchSpace& sp) {
    const double n = sp.numArchitectures();
    std::string s;
    if (n < 1e15) {
        s = fixed(n, 0);
    } else {
        const int e = static_cast<int>(std::floor(std::log10(n)));
        s = fixed(n / std::pow(10.0, e), 2) + "e" + std::to_string(e);
    }
    bool uniform = !sp.layers.empty();
    for (const auto& l : sp.layers)
        uniform = uniform && l.candidates.size() == sp.layers[0].candidates.size();
    if (uniform && sp.layers.size() > 1)
        s += " (" + std::to_string(sp.layers[0].candidates.size()) + "^" +
             std::to_string(sp.layers.size()) + ")";
    return s;
}

void printHuman(const SearchSpace& sp) {
    const int stemSize = sp.stemOutSize();
    printField("name", sp.name);
    printField("input",
               sizeText(sp.input_size, sp.input_size) + "x" + std::to_string(sp.input_channels));
    printField("classes", std::to_string(sp.num_classes));
    printField("stem", "conv 3x3, " + std::to_string(sp.input_channels) + "->" +
                           std::to_string(sp.stem_c_out) + ", stride " +
                           std::to_string(sp.stem_stride) + " -> " + sizeText(stemSize, stemSize));
    printField("always_pw", sp.always_pw ? "true" : "false");
    for (const auto& [n, spec] : sp.custom_ops)
        printField("op " + n, opText(spec));
    printLine("");

    TextTable t;
    t.addColumn("#", TextTable::Align::Right);
    t.addColumn("stage", TextTable::Align::Right);
    t.addColumn("c_in->c_out");
    t.addColumn("size");
    t.addColumn("stride", TextTable::Align::Right);
    t.addColumn("candidates");
    const auto shapes = sp.layerShapes();
    for (size_t i = 0; i < sp.layers.size(); ++i) {
        const auto& l = sp.layers[i];
        const auto& s = shapes[i];
        std::string cands = std::to_string(l.candidates.size()) + ":";
        for (const auto& c : l.candidates)
            cands += " " + c;
        t.addRow({std::to_string(i), std::to_string(l.stage),
                  std::to_string(s.c_in) + "->" + std::to_string(s.c_out), sizeText(s.h, s.w),
                  std::to_string(s.stride), cands});
    }
    t.print();
    printLine("");
    const int f = sp.finalSize();
    printField("head", "conv 1x1, " + std::to_string(sp.lastChannels()) + "->" +
                           std::to_string(sp.head_c_out) + " at " + sizeText(f, f) +
                           ", avg pool, fc " + std::to_string(sp.head_c_out) + "->" +
                           std::to_string(sp.num_classes));
    printField("layers", std::to_string(sp.layers.size()));
    printField("architectures", countText(sp));
}

} // namespace

int SpaceShowCommand::run(const QStringList& args) {
    CommandParser p(args.value(0), "Prints a search space: input, classes, stem, one row per "
                                   "searchable layer, head and the number of architectures.");
    p.addPositional("SPACE",
                    QString::fromStdString("Preset name (" + join(SearchSpace::presetNames()) +
                                           ") or path to a *.space.json file."));
    p.addFlag("json", "Print the space as JSON (dnas-space/1) instead of a table.");
    if (!p.parse(args))
        return kExitOk;

    const SearchSpace sp = SearchSpace::load(p.positional(0));
    if (p.isSet("json"))
        printJson(sp.toJson());
    else
        printHuman(sp);
    return kExitOk;
}

} // namespace dnas::cli
