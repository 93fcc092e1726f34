// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ConsoleSearchObserver.h"
#include "cli/CliOutput.h"
#include "engine/search/SearchTypesJson.h"

#include <cstdio>
#include <iostream>

namespace dnas::cli {

namespace {
constexpr auto kLineInterval = std::chrono::milliseconds(250); // live line refresh

std::string duration(double s) {
    const int t = static_cast<int>(s);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, (t / 60) % 60, t % 60);
    return buf;
}
} // namespace

ConsoleSearchObserver::ConsoleSearchObserver(bool jsonLines, std::string costUnit)
    : json_(jsonLines), unit_(std::move(costUnit)) {}

void ConsoleSearchObserver::onStarted(int firstEpoch, int epochs) {
    if (json_) {
        std::cout << nlohmann::json{{"type", "started"}, {"epoch", firstEpoch}, {"epochs", epochs}}
                  << std::endl;
        return;
    }
    std::cout << (firstEpoch > 0 ? "resuming at epoch " + std::to_string(firstEpoch + 1)
                                 : std::string("starting"))
              << " (" << epochs << " epochs)" << std::endl;
}

void ConsoleSearchObserver::onStep(const StepMetrics& m) {
    if (json_) {
        std::cout << toJson(m).dump() << "\n";
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - lastLine_ < kLineInterval && m.step + 1 != m.steps_in_phase)
        return;
    lastLine_ = now;
    if (m.phase == StepPhase::Finalists) {
        std::cout << "\r\033[K"
                  << "finalist " << m.step + 1 << "/" << m.steps_in_phase << "  fine-tuned acc "
                  << fixed(100 * m.accuracy, 1) << "%  cost " << fixed(m.expected_cost, 1) << " "
                  << unit_ << "  ETA " << duration(m.eta_s) << std::flush;
        return;
    }
    std::cout << "\r\033[K"
              << "epoch " << m.epoch + 1 << " " << toString(m.phase) << " " << m.step + 1 << "/"
              << m.steps_in_phase << "  loss " << fixed(m.loss, 4) << "  acc "
              << fixed(100 * m.accuracy, 1) << "%  cost " << fixed(m.expected_cost, 1) << " "
              << unit_ << "  " << fixed(m.images_per_s, 0) << " img/s  ETA " << duration(m.eta_s)
              << std::flush;
}

void ConsoleSearchObserver::onEpoch(const EpochMetrics& e) {
    tau_ = e.temperature;
    if (json_) {
        nlohmann::json j = toJson(e);
        j["layers"] = thetaJson(e)["layers"];
        std::cout << j.dump() << std::endl;
        return;
    }
    std::cout << "\r\033[K"
              << "epoch " << e.epoch + 1 << "/" << e.epochs << (e.warmup ? " (warm-up)" : "")
              << "  train acc " << fixed(100 * e.train_accuracy, 2) << "%";
    if (!e.warmup)
        std::cout << "  theta-split acc " << fixed(100 * e.val_accuracy, 2) << "%";
    std::cout << "  E[cost] " << fixed(e.expected_cost, 1) << " " << unit_ << "  tau "
              << fixed(e.temperature, 3) << "  entropy " << fixed(e.meanEntropy(), 3) << "  "
              << fixed(e.seconds, 1) << " s  " << fixed(e.images_per_s, 0) << " img/s" << std::endl;
}

void ConsoleSearchObserver::onSamples(const SampleSet& s) {
    if (json_) {
        nlohmann::json j = toJson(s);
        j["type"] = "samples";
        std::cout << j.dump() << std::endl;
        return;
    }
    for (const auto& a : s.samples)
        if (a.is_argmax)
            std::cout << "  argmax " << a.arch << "  one-shot acc " << fixed(100 * a.accuracy, 2)
                      << "%  cost " << fixed(a.cost, 1) << " " << unit_ << std::endl;
}

void ConsoleSearchObserver::onCheckpoint(int epoch, const std::string& path) {
    if (json_)
        std::cout << nlohmann::json{{"type", "checkpoint"}, {"epoch", epoch}, {"path", path}}
                  << std::endl;
}

void ConsoleSearchObserver::onFinished(const SampleSet& final) {
    if (json_) {
        nlohmann::json j = toJson(final);
        j["type"] = "finished";
        std::cout << j.dump() << std::endl;
        return;
    }
    if (final.samples.size() > 1) {
        std::cout << "\nfinalists, each fine-tuned alone (best first):\n";
        for (const auto& a : final.samples)
            std::cout << "  " << (a.is_argmax ? "argmax " : "       ") << a.arch << "  one-shot "
                      << fixed(100 * a.accuracy, 1) << "%  fine-tuned "
                      << fixed(100 * a.fine_tuned, 1) << "%  cost " << fixed(a.cost, 1) << " "
                      << unit_ << "\n";
    }
    if (!final.samples.empty())
        std::cout << "found " << final.samples.front().arch << "  cost "
                  << fixed(final.samples.front().cost, 1) << " " << unit_ << "  MACs "
                  << scaled(final.samples.front().macs) << std::endl;
}

void ConsoleSearchObserver::onError(const std::string& message) {
    if (json_)
        std::cout << nlohmann::json{{"type", "error"}, {"message", message}} << std::endl;
    else
        std::cerr << "\n" << oneLine(message) << std::endl;
}

} // namespace dnas::cli
