// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutFileImport.h"

#include "engine/cost/CsvLut.h"
#include "engine/cost/HwNasBenchImporter.h"
#include "engine/cost/NniLutImporter.h"
#include "engine/util/DnasError.h"
#include "engine/util/JsonFile.h"

#include <QCoreApplication>

namespace dnas::ui {

namespace {
const char* const kDnasLutPrefix = "dnas-lut/";
} // namespace

LutFileImport::Format LutFileImport::detect(const QString& path) {
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".csv")))
        return Format::Csv;
    if (lower.endsWith(QLatin1String(".txt")))
        return Format::Nni;
    if (!lower.endsWith(QLatin1String(".json")))
        throw DnasError(path.toStdString(), "",
                        "unknown kind of LUT file; expected .json (dnas or HW-NAS-Bench), "
                        ".txt (NNI lut.txt) or .csv");
    const nlohmann::json doc = readJsonFile(path.toStdString());
    const bool dnas = doc.is_object() && doc.contains("format") && doc["format"].is_string() &&
                      doc["format"].get<std::string>().rfind(kDnasLutPrefix, 0) == 0;
    return dnas ? Format::DnasLut : Format::HwNasBench;
}

QStringList LutFileImport::devices(const QString& path) {
    QStringList out;
    for (const auto& d : HwNasBenchImporter::devices(readJsonFile(path.toStdString())))
        out << QString::fromStdString(d);
    return out;
}

LatencyTable LutFileImport::read(const QString& path, Format format, const SearchSpace& space,
                                 const QString& device) {
    const std::string file = path.toStdString();
    switch (format) {
    case Format::DnasLut:
        return LatencyTable::load(file);
    case Format::HwNasBench:
        if (device.isEmpty())
            throw DnasError(file, "", "which HW-NAS-Bench device to import?");
        return HwNasBenchImporter::importFile(file, device.toStdString());
    case Format::Nni:
        return NniLutImporter::importFile(file);
    case Format::Csv:
        return CsvLut::read(file, space);
    }
    throw DnasError(file, "", "unknown LUT format");
}

QString LutFileImport::nameFilter() {
    return QCoreApplication::translate(
        "LutFileImport", "LUT files (*.lut.json *.json *.txt *.csv);;dnas LUT (*.lut.json);;"
                         "HW-NAS-Bench raw LUT (*.json);;NNI lut.txt (*.txt);;CSV (*.csv);;"
                         "All files (*)");
}

} // namespace dnas::ui
