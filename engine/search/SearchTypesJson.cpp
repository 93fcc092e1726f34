// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/search/SearchTypesJson.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

namespace dnas {

nlohmann::json toJson(const StepMetrics& m) {
    return {{"type", "step"},
            {"epoch", m.epoch},
            {"step", m.step},
            {"steps", m.steps_in_phase},
            {"global_step", m.global_step},
            {"phase", toString(m.phase)},
            {"loss", m.loss},
            {"ce", m.ce},
            {"expected_cost", m.expected_cost},
            {"accuracy", m.accuracy},
            {"images_per_s", m.images_per_s},
            {"lr", m.lr},
            {"eta_s", m.eta_s}};
}

nlohmann::json toJson(const EpochMetrics& m) {
    return {{"type", "epoch"},
            {"epoch", m.epoch},
            {"epochs", m.epochs},
            {"warmup", m.warmup},
            {"temperature", m.temperature},
            {"train_loss", m.train_loss},
            {"train_accuracy", m.train_accuracy},
            {"val_loss", m.val_loss},
            {"val_accuracy", m.val_accuracy},
            {"expected_cost", m.expected_cost},
            {"images_per_s", m.images_per_s},
            {"seconds", m.seconds},
            {"mean_entropy", m.meanEntropy()}};
}

nlohmann::json thetaJson(const EpochMetrics& m) {
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& l : m.layers)
        layers.push_back({{"ops", l.ops}, {"probs", l.probs}, {"entropy", l.entropy}});
    return {{"epoch", m.epoch}, {"temperature", m.temperature}, {"layers", layers}};
}

nlohmann::json toJson(const SampledArchitecture& a) {
    nlohmann::json j = {
        {"epoch", a.epoch},       {"arch", a.arch},         {"is_argmax", a.is_argmax},
        {"accuracy", a.accuracy}, {"cost", a.cost},         {"macs", a.macs},
        {"params", a.params},     {"log_prob", a.log_prob}, {"pareto", a.pareto}};
    if (a.fine_tuned >= 0.0)
        j["fine_tuned"] = a.fine_tuned;
    return j;
}

nlohmann::json toJson(const SampleSet& s) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : s.samples)
        list.push_back(toJson(a));
    return {{"epoch", s.epoch}, {"cost_unit", s.cost_unit}, {"samples", list}};
}

static StepPhase phaseFrom(const std::string& s, const JsonReader& r) {
    if (s == "warmup")
        return StepPhase::Warmup;
    if (s == "weights")
        return StepPhase::Weights;
    if (s == "theta")
        return StepPhase::Theta;
    if (s == "finalists")
        return StepPhase::Finalists;
    r.fail("phase", "unknown phase \"" + s + "\"");
}

StepMetrics stepFromJson(const nlohmann::json& j, const std::string& file) {
    JsonReader r(j, file);
    StepMetrics m;
    m.epoch = r.getInt("epoch");
    m.step = r.getInt("step");
    m.steps_in_phase = r.getInt("steps", 0);
    const double globalStep = r.getDouble("global_step", 0);
    // Range first: converting a double beyond int64 is undefined behaviour.
    if (!(globalStep >= 0.0 && globalStep < 9e18))
        r.fail("global_step", "out of range");
    m.global_step = static_cast<int64_t>(globalStep);
    m.phase = phaseFrom(r.getString("phase"), r);
    m.loss = r.getDouble("loss");
    m.ce = r.getDouble("ce", 0.0);
    m.expected_cost = r.getDouble("expected_cost", 0.0);
    m.accuracy = r.getDouble("accuracy", 0.0);
    m.images_per_s = r.getDouble("images_per_s", 0.0);
    m.lr = r.getDouble("lr", 0.0);
    m.eta_s = r.getDouble("eta_s", 0.0);
    return m;
}

EpochMetrics epochFromJson(const nlohmann::json& j, const std::string& file) {
    JsonReader r(j, file);
    EpochMetrics m;
    m.epoch = r.getInt("epoch");
    m.epochs = r.getInt("epochs", 0);
    m.warmup = r.getBool("warmup", false);
    m.temperature = r.getDouble("temperature");
    m.train_loss = r.getDouble("train_loss", 0.0);
    m.train_accuracy = r.getDouble("train_accuracy", 0.0);
    m.val_loss = r.getDouble("val_loss", 0.0);
    m.val_accuracy = r.getDouble("val_accuracy", 0.0);
    m.expected_cost = r.getDouble("expected_cost", 0.0);
    m.images_per_s = r.getDouble("images_per_s", 0.0);
    m.seconds = r.getDouble("seconds", 0.0);
    return m;
}

void thetaFromJson(const nlohmann::json& j, EpochMetrics& into, const std::string& file) {
    JsonReader r(j, file);
    const auto layers = r.at("layers");
    into.layers.clear();
    for (size_t i = 0; i < layers.size(); ++i) {
        const auto l = layers.at(i);
        LayerProbabilities p;
        const auto ops = l.at("ops");
        const auto probs = l.at("probs");
        if (ops.size() != probs.size())
            l.fail("probs", "length differs from ops");
        for (size_t k = 0; k < ops.size(); ++k) {
            p.ops.push_back(ops.at(k).asString());
            p.probs.push_back(probs.at(k).asDouble());
        }
        p.entropy = l.getDouble("entropy", 0.0);
        into.layers.push_back(std::move(p));
    }
}

SampledArchitecture sampleFromJson(const nlohmann::json& j, const std::string& file) {
    JsonReader r(j, file);
    SampledArchitecture a;
    a.epoch = r.getInt("epoch", 0);
    a.arch = r.getString("arch");
    std::string token;
    for (char c : a.arch + "-") {
        if (c == '-') {
            if (!token.empty())
                a.ops.push_back(token);
            token.clear();
        } else {
            token += c;
        }
    }
    a.is_argmax = r.getBool("is_argmax", false);
    a.accuracy = r.getDouble("accuracy");
    a.fine_tuned = r.getDouble("fine_tuned", -1.0);
    a.cost = r.getDouble("cost");
    a.macs = r.getDouble("macs", 0.0);
    a.params = r.getDouble("params", 0.0);
    a.log_prob = r.getDouble("log_prob", 0.0);
    a.pareto = r.getBool("pareto", false);
    return a;
}

SampleSet sampleSetFromJson(const nlohmann::json& j, const std::string& file) {
    JsonReader r(j, file);
    SampleSet s;
    s.epoch = r.getInt("epoch");
    s.cost_unit = r.getString("cost_unit", "");
    const auto list = r.at("samples");
    for (size_t i = 0; i < list.size(); ++i)
        s.samples.push_back(sampleFromJson(list.at(i).json(), file));
    return s;
}

} // namespace dnas
