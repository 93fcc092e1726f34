// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/cost/LatencyTable.h"

#include <QString>
#include <QStringList>

namespace dnas {
class SearchSpace;
}

namespace dnas::ui {

// Reads the LUT files the editor can open or import, with the engine's readers: a dnas LUT
// (dnas-lut/1), HW-NAS-Bench's raw FBNet dict (one device of it), NNI's lut.txt, or a CSV of
// layers × ops for the space (as the editor and `dnas lut export` write it).
class LutFileImport {
  public:
    enum class Format { DnasLut, HwNasBench, Nni, Csv };

    // By the name (.csv, .txt) and, for JSON, by content: "format": "dnas-lut/…" or not.
    // Throws DnasError naming the file when it cannot tell.
    static Format detect(const QString& path);
    // The devices a HW-NAS-Bench file has a latency dict for (to ask which one).
    static QStringList devices(const QString& path);
    // device: HW-NAS-Bench's device (required there), ignored otherwise. Throws DnasError
    // naming the file and the line or field of what is wrong.
    static LatencyTable read(const QString& path, Format format, const SearchSpace& space,
                             const QString& device = {});
    // For a file dialog.
    static QString nameFilter();
};

} // namespace dnas::ui
