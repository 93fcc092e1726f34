// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceTreeCells.h"

#include "ui/spaceeditor/OpDescription.h"
#include "ui/util/NumberFormat.h"

#include <QCoreApplication>

namespace dnas::ui {

namespace {
QString tr(const char* text, int n = -1) {
    return QCoreApplication::translate("SpaceTreeCells", text, nullptr, n);
}

constexpr int kDigits = 3; // significant digits, as NumberFormat::si shows by default

QString range(double lo, double hi, QString (*format)(double, int)) {
    return lo == hi ? format(lo, kDigits)
                    : QStringLiteral("%1 – %2").arg(format(lo, kDigits), format(hi, kDigits));
}

QString micros(double us, int) {
    return NumberFormat::micros(us);
}
} // namespace

SpaceTreeCells::SpaceTreeCells(SearchSpace space, SpaceAnalysis analysis)
    : space_(std::move(space)), analysis_(std::move(analysis)), groups_(StageGroups::of(space_)),
      shapes_(space_.layerShapes()) {
    for (const ValidationIssue& i : analysis_.issues)
        if (i.layer >= 0)
            issues_[i.layer].push_back(i);
}

const SpaceAnalysis::Row* SpaceTreeCells::analysisRow(int layer) const {
    for (const auto& r : analysis_.rows)
        if (r.kind == SpaceAnalysis::RowKind::Layer && r.layer == layer)
            return &r;
    return nullptr;
}

QStringList SpaceTreeCells::problems(const Row& row) const {
    QStringList out;
    if (row.kind == Kind::Stage) {
        const StageGroup& g = groups_[size_t(row.group)];
        int bad = 0;
        for (int l = g.first; l < g.end(); ++l)
            bad += issues_.count(l) ? 1 : 0;
        if (bad > 0)
            out << tr("%n layer(s) with problems", bad);
        return out;
    }
    const auto it = issues_.find(row.layer);
    if (it == issues_.end())
        return out;
    const std::string own = "candidates[" + std::to_string(row.candidate) + "]";
    for (const ValidationIssue& i : it->second)
        if (row.kind == Kind::Layer || i.field == own)
            out << QString::fromStdString(i.toString());
    return out;
}

QVariant SpaceTreeCells::display(const Row& row, int column) const {
    const LayerSpec* layer = row.layer >= 0 ? &space_.layers[size_t(row.layer)] : nullptr;
    switch (column) {
    case Name:
        if (row.kind == Kind::Stage)
            return tr("Stage %1").arg(groups_[size_t(row.group)].stage);
        if (row.kind == Kind::Layer)
            return tr("Layer %1").arg(row.layer);
        return QString::fromStdString(layer->candidates[size_t(row.candidate)]);
    case Input: {
        if (row.kind != Kind::Layer)
            return {};
        const LayerShape& s = shapes_[size_t(row.layer)];
        return QStringLiteral("%1×%2×%3").arg(s.c_in).arg(s.h).arg(s.w);
    }
    case COut:
        return row.kind == Kind::Layer ? QVariant(layer->c_out) : QVariant();
    case Stride:
        return row.kind == Kind::Layer ? QVariant(layer->stride) : QVariant();
    case Candidates: {
        if (row.kind == Kind::Stage)
            return tr("%n layer(s)", groups_[size_t(row.group)].count);
        if (row.kind == Kind::Candidate) {
            const std::string& op = layer->candidates[size_t(row.candidate)];
            return space_.hasOp(op) ? OpDescription::of(space_.op(op)) : tr("unknown op");
        }
        QStringList names;
        for (const auto& c : layer->candidates)
            names << QString::fromStdString(c);
        return names.join(QStringLiteral(", "));
    }
    case Macs:
    case Latency:
        return costs(row, column);
    case Problem:
        return problems(row).join(QStringLiteral("; "));
    default:
        return {};
    }
}

QVariant SpaceTreeCells::costs(const Row& row, int column) const {
    const SpaceAnalysis::Row* a = row.layer >= 0 ? analysisRow(row.layer) : nullptr;
    if (!a || a->candidateMacs.empty() || row.kind == Kind::Stage)
        return {}; // not computed
    if (column == Macs) {
        if (row.kind == Kind::Candidate)
            return NumberFormat::si(a->candidateMacs[size_t(row.candidate)]);
        return range(a->minMacs, a->maxMacs, NumberFormat::si);
    }
    const bool haveLut = analysis_.lutStatus.empty() && !analysis_.lutName.empty();
    if (!haveLut)
        return {};
    if (row.kind == Kind::Candidate) {
        const auto& v = a->candidateLatency[size_t(row.candidate)];
        return v ? NumberFormat::micros(*v) : tr("not in LUT");
    }
    if (!a->minLatency)
        return tr("not in LUT");
    QString text = range(*a->minLatency, *a->maxLatency, micros);
    if (a->missingLatency > 0)
        text += tr(" (%n missing)", a->missingLatency);
    return text;
}

QVariant SpaceTreeCells::toolTip(const Row& row, int column) const {
    const QStringList p = problems(row);
    if (!p.isEmpty())
        return p.join(QLatin1Char('\n'));
    switch (row.kind) {
    case Kind::Stage:
        return tr("Drop an op here to add it to every layer of this stage");
    case Kind::Layer:
        if (column == COut || column == Stride)
            return tr("F2 or double-click to edit");
        return tr("Drop ops here; drag to move the layer (Alt+Up/Down)");
    case Kind::Candidate:
        return tr("Drag onto the palette or out of the window, or press Delete, to remove");
    }
    return {};
}

} // namespace dnas::ui
