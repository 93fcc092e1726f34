// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"
#include "engine/search/Study.h"

#include <optional>
#include <string>
#include <vector>

namespace dnas::ui {

// What the Space panel shows about a search space: one row per stem / searchable layer / head
// with its cost range over the candidates, and totals over all architectures. Plain data,
// computed once per study change from ModelCounter and the study's LUT.
struct SpaceAnalysis {
    enum class RowKind { Stem, Layer, Head };
    struct Row {
        RowKind kind = RowKind::Layer;
        int layer = -1; // index into space.layers for Layer rows
        int stage = -1; // -1 for stem and head
        int cIn = 0, h = 0, w = 0, cOut = 0, stride = 1;
        std::vector<std::string> candidates;
        double minMacs = 0, maxMacs = 0;
        std::optional<double> minLatency, maxLatency; // µs, over the candidates the LUT has
        int missingLatency = 0;                       // candidates the LUT lacks
        // Per candidate, in the order of `candidates` (Layer rows of a valid space only).
        std::vector<double> candidateMacs;
        std::vector<std::optional<double>> candidateLatency; // nullopt: not in the LUT
    };

    std::vector<Row> rows;
    std::vector<ValidationIssue> issues; // non-empty: shapes and costs are not computed
    double architectures = 0;
    int layers = 0;
    int sameCandidates = 0;    // candidates per layer when every layer has the same count, else 0
    double supernetParams = 0; // every candidate of every layer + stem + head + fc
    double minMacs = 0, maxMacs = 0;
    std::optional<double> minLatency, maxLatency; // only when the LUT covers the space
    // The architectures with the fewest MACs and the lowest latency: costs add up layer by layer,
    // so each takes the cheapest candidate of every layer. Empty when not computed.
    std::vector<std::string> argminMacs, argminLatency;
    std::string lutName;   // what the study names (e.g. "auto"), empty when the cost needs none
    std::string lutStatus; // why there is no latency, empty when there is
    std::vector<OpSignature> missing;

    // Resolves the study's LUT (LutCache::resolve) and analyses its space.
    static SpaceAnalysis ofStudy(const Study& study);
    // lut may be null: no latency columns.
    static SpaceAnalysis of(const SearchSpace& space, const LatencyTable* lut);
};

} // namespace dnas::ui
