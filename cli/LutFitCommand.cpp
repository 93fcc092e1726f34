// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/LutFitCommand.h"
#include "cli/CliOutput.h"
#include "cli/CommandParser.h"
#include "engine/cost/LutFitter.h"
#include "engine/space/SearchSpace.h"

#include <locale>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dnas::cli {

namespace {
nlohmann::json statsJson(const FitStats& s) {
    return {{"n", s.n}, {"rmse_ms", s.rmse_ms}, {"mean_rel_err", s.mean_rel_err}};
}
std::string statsLine(const FitStats& s) {
    return std::to_string(s.n) + " archs, RMSE " + fixed(s.rmse_ms, 4) + " ms, mean rel. error " +
           fixed(100.0 * s.mean_rel_err, 2) + " %";
}
} // namespace

int LutFitCommand::run(const QStringList& args) {
    CommandParser p(args.value(0),
                    "Fits one cost per (layer shape, op) plus a fixed cost to whole-network "
                    "latencies by non-negative least squares, keeping a held-out share of the "
                    "timings to say how well the fit predicts networks it has not seen.");
    p.addPositional("timings", "Timings file: JSON (dnas-timings/1) or CSV with arch, latency_ms.");
    p.addOption("space", "SPACE", "The space the architectures belong to.");
    p.addOption("out", "OUT", "LUT file to write (*.lut.json).", "o");
    p.addOption("holdout", "F", "Fraction of timings kept out of the fit (default 0.2).");
    p.addOption("seed", "S", "Seed of the train / held-out split (default 1).");
    p.addFlag("json", "Print the fit statistics as JSON.");
    if (!p.parse(args))
        return kExitOk;
    if (!p.isSet("space"))
        throw std::runtime_error("--space is required");
    if (!p.isSet("out"))
        throw std::runtime_error("--out is required");
    LutFitOptions o;
    if (p.isSet("holdout")) {
        const std::string v = p.value("holdout");
        // Classic locale: QCoreApplication's setlocale would make stod expect "0,2" in some.
        std::istringstream in(v);
        in.imbue(std::locale::classic());
        double h = -1.0;
        in >> h;
        if (in.fail() || !in.eof() || !(h >= 0.0 && h < 1.0))
            throw std::runtime_error("--holdout expects a fraction in [0, 1), not '" + v + "'");
        o.holdout = h;
    }
    if (auto v = p.intValue("seed", 0, 2000000000))
        o.seed = static_cast<uint64_t>(*v);
    const SearchSpace space = SearchSpace::load(p.value("space"));
    const Timings timings = Timings::read(p.positional(0), space);
    const LutFitResult r = LutFitter::fit(space, timings, o);
    r.table.save(p.value("out"));
    if (p.isSet("json")) {
        nlohmann::json j = {{"out", p.value("out")},
                            {"entries", r.table.size()},
                            {"fixed_us", r.fixed_us},
                            {"unobserved", r.unobserved.size()},
                            {"train", statsJson(r.train)}};
        if (r.heldout.n)
            j["heldout"] = statsJson(r.heldout);
        printJson(j);
        return kExitOk;
    }
    printField("train", statsLine(r.train));
    if (r.heldout.n)
        printField("held out", statsLine(r.heldout));
    printField("fixed", fixed(r.fixed_us / 1000.0, 4) + " ms");
    if (!r.unobserved.empty())
        printField("unobserved", std::to_string(r.unobserved.size()) +
                                     " signatures never chosen in training (left out)");
    printField("wrote", p.value("out") + " (" + std::to_string(r.table.size()) + " entries)");
    return kExitOk;
}

} // namespace dnas::cli
