// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/SpaceMime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

namespace dnas::ui {

namespace {
const QLatin1Char kSeparator('\n'); // op names never contain a newline

QString sourceId(const SpaceEditor* editor) {
    return QString::number(reinterpret_cast<quintptr>(editor), 16);
}

// The payload's "items" when it came from `editor`, else an empty array.
QJsonArray itemsFrom(const QMimeData* data, const char* type, const SpaceEditor* editor) {
    if (!data || !data->hasFormat(QLatin1String(type)))
        return {};
    const QJsonObject o = QJsonDocument::fromJson(data->data(QLatin1String(type))).object();
    if (o.value(QLatin1String("source")).toString() != sourceId(editor))
        return {};
    return o.value(QLatin1String("items")).toArray();
}

void setItems(QMimeData* data, const char* type, const SpaceEditor* source,
              const QJsonArray& items) {
    const QJsonObject o{{QLatin1String("source"), sourceId(source)},
                        {QLatin1String("items"), items}};
    data->setData(QLatin1String(type), QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

QMimeData* SpaceMime::ops(const QStringList& names) {
    auto* data = new QMimeData;
    data->setData(QLatin1String(kOp), names.join(kSeparator).toUtf8());
    data->setText(names.join(kSeparator));
    return data;
}

QMimeData* SpaceMime::layers(const SpaceEditor* source, const std::vector<int>& layers) {
    auto* data = new QMimeData;
    QJsonArray items;
    for (int l : layers)
        items.append(l);
    setItems(data, kLayer, source, items);
    return data;
}

QMimeData* SpaceMime::candidates(const SpaceEditor* source,
                                 const std::vector<SpaceEditor::CandidateRef>& refs,
                                 const QStringList& names) {
    QMimeData* data = ops(names);
    QJsonArray items;
    for (const auto& c : refs)
        items.append(QJsonArray{c.layer, c.index});
    setItems(data, kCandidate, source, items);
    return data;
}

QStringList SpaceMime::opsOf(const QMimeData* data) {
    if (!data || !data->hasFormat(QLatin1String(kOp)))
        return {};
    return QString::fromUtf8(data->data(QLatin1String(kOp))).split(kSeparator, Qt::SkipEmptyParts);
}

std::vector<int> SpaceMime::layersOf(const QMimeData* data, const SpaceEditor* editor) {
    std::vector<int> out;
    for (const QJsonValue& v : itemsFrom(data, kLayer, editor))
        out.push_back(v.toInt());
    return out;
}

std::vector<SpaceEditor::CandidateRef> SpaceMime::candidatesOf(const QMimeData* data,
                                                               const SpaceEditor* editor) {
    std::vector<SpaceEditor::CandidateRef> out;
    for (const QJsonValue& v : itemsFrom(data, kCandidate, editor))
        out.push_back({v.toArray().at(0).toInt(), v.toArray().at(1).toInt()});
    return out;
}

} // namespace dnas::ui
