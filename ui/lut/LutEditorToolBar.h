// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/lut/LutOperations.h"

#include <QToolBar>
#include <functional>

class QAction;
class QComboBox;
class QMenu;
class QSpinBox;

namespace dnas::ui {

class LutEditor;

// The LUT editor's actions: each asks for what it needs (a file, a device, a factor) and hands
// it to LutOperations. Also the unit switch and the study's cost model.
class LutEditorToolBar : public QToolBar {
    Q_OBJECT
  public:
    explicit LutEditorToolBar(LutEditor* editor);

    // Shows the study's cost model and what the LUT allows (energy only with energy values).
    void syncWithStudy();

    QAction* saveLut;
    QAction* saveLutAs;
    QAction* importLut;
    QAction* exportCsv;
    QAction* check;
    QAction* calibrate;
    QSpinBox* checkNets; // whole nets a check or calibration times
    QAction* fit;
    QAction* scale;
    QMenu* openMenu;
    QMenu* measureMenu;
    QMenu* compareMenu;
    QComboBox* unit;
    QComboBox* cost;

  private:
    QMenu* addMenu(const QString& text, const QString& tip);
    void fillLutMenu(QMenu* menu, const std::function<void(const QString&)>& use);
    void importFromFile();
    void measure(LutOperations::Scope scope);

    LutEditor* editor_;
};

} // namespace dnas::ui
