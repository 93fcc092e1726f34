// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the LUT editor tests share: a study on fbnet-cifar with a built-in LUT, and a LUT
// document with its model and operations on an undo stack of its own.
#include "tests/support/TinyStudy.h"
#include "ui/lut/LutDocument.h"
#include "ui/lut/LutOperations.h"
#include "ui/lut/LutTableModel.h"

#include <QTemporaryDir>
#include <QUndoStack>

namespace dnas::testsupport {

inline const char* const kPixel3Lut = "hw-nas-bench/pixel3-cifar100"; // no energy
inline const char* const kRaspi4Lut = "hw-nas-bench/raspi4-cifar100";

// The tiny study's settings on the fbnet-cifar space (22 layers, 9 ops each), costed by `lut`.
inline Study cifarStudy(const std::string& lut = kPixel3Lut) {
    Study s = tinyStudy();
    s.space = SearchSpace::load("fbnet-cifar");
    s.space_ref = "fbnet-cifar";
    s.cost.kind = "latency";
    s.cost.lut = lut;
    return s;
}

// "auto" (this machine's LUT) then reads and writes a cache in `dir`, never the user's.
inline void usePrivateLutCache(const QTemporaryDir& dir) {
    qputenv("DNAS_CACHE_DIR", dir.filePath(QStringLiteral("cache")).toUtf8());
}

inline LutEntry lutEntry(const OpSignature& sig, double latencyUs) {
    LutEntry e;
    e.sig = sig;
    e.latency_us = latencyUs;
    return e;
}

struct LutFixture {
    QUndoStack undo;
    ui::LutDocument doc{&undo};
    ui::LutTableModel model{&doc};
    ui::LutOperations ops{&doc, &model, nullptr};

    LutFixture(const SearchSpace& space, const QString& ref) {
        doc.setSpace(space);
        doc.load(ref);
    }
    // The column of an op, -1 when the space has none.
    int column(const std::string& op) const {
        for (int c = 0; c < model.fixedColumn(); ++c)
            if (model.headerData(c, Qt::Horizontal).toString().section('\n', 0, 0) ==
                QString::fromStdString(op))
                return c;
        return -1;
    }
    double raw(int row, int column) const {
        return model.data(model.index(row, column), ui::LutTableModel::RawValueRole).toDouble();
    }
};

} // namespace dnas::testsupport
