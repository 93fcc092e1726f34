// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The run folder's line formats: metrics.jsonl (steps and epochs), theta.jsonl, samples.jsonl.
#include "engine/search/SearchTypes.h"

#include <nlohmann/json.hpp>

namespace dnas {

nlohmann::json toJson(const StepMetrics& m);     // {"type":"step", ...}
nlohmann::json toJson(const EpochMetrics& m);    // {"type":"epoch", ...} without layers
nlohmann::json thetaJson(const EpochMetrics& m); // {"epoch", "temperature", "layers":[...]}
nlohmann::json toJson(const SampledArchitecture& a);
nlohmann::json toJson(const SampleSet& s);

// Throw DnasError(file, field, ...) on a malformed line.
StepMetrics stepFromJson(const nlohmann::json& j, const std::string& file);
EpochMetrics epochFromJson(const nlohmann::json& j, const std::string& file);
void thetaFromJson(const nlohmann::json& j, EpochMetrics& into, const std::string& file);
SampledArchitecture sampleFromJson(const nlohmann::json& j, const std::string& file);
SampleSet sampleSetFromJson(const nlohmann::json& j, const std::string& file);

} // namespace dnas
