// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lut/LutEditorToolBar.h"

#include "engine/cost/LatencyTable.h"
#include "engine/cost/LutCache.h"
#include "ui/lut/LutDocument.h"
#include "ui/lut/LutEditor.h"
#include "ui/lut/LutFileImport.h"
#include "ui/lut/LutOperations.h"
#include "ui/lut/LutTableModel.h"
#include "ui/study/StudyDocument.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <exception>
#include <iterator>

namespace dnas::ui {

namespace {
constexpr double kMinScale = 1e-6; // a factor beyond these is a typo, not a device
constexpr double kMaxScale = 1e6;
constexpr int kScaleDecimals = 4;
// Whole nets per check: #21's default, enough for a τ and a p90 and a couple of seconds of
// timing on a small space; the range allows the 100 and more.
constexpr int kDefaultCheckNets = 30;
constexpr int kMinCheckNets = 2; // a calibration needs two; a τ needs two
constexpr int kMaxCheckNets = 1000;
const char* const kCostKinds[] = {"latency", "energy", "macs", "params"};
} // namespace

LutEditorToolBar::LutEditorToolBar(LutEditor* editor)
    : QToolBar(tr("LUT"), editor), editor_(editor) {
    setObjectName(QStringLiteral("lutToolBar"));
    LutOperations* ops = editor->operations();

    openMenu = addMenu(tr("Open LUT"), tr("Use another LUT for the study"));
    fillLutMenu(openMenu, [ops](const QString& ref) { ops->openLut(ref); });
    saveLut = addAction(tr("Save LUT"), this, [this, ops] {
        if (editor_->document()->isBuiltin() || editor_->document()->filePath().isEmpty())
            saveLutAs->trigger();
        else
            ops->save();
    });
    saveLut->setToolTip(tr("Write the LUT to its file (dnas-lut/1 JSON)"));
    saveLutAs = addAction(tr("Save LUT As…"), this, [this, ops] {
        const QString path = editor_->askSavePath();
        if (!path.isEmpty())
            ops->saveAs(path);
    });
    addSeparator();
    importLut = addAction(tr("Import…"), this, &LutEditorToolBar::importFromFile);
    importLut->setToolTip(tr("HW-NAS-Bench raw LUT, NNI lut.txt, CSV, or a dnas LUT"));
    exportCsv = addAction(tr("Export CSV…"), this, [this, ops] {
        const QString path = QFileDialog::getSaveFileName(
            editor_, tr("Export LUT as CSV"), editor_->document()->displayName() + ".csv",
            tr("CSV (*.csv)"));
        if (!path.isEmpty())
            ops->exportCsv(path);
    });
    addSeparator();
    measureMenu = addMenu(tr("Measure Here"), tr("Time blocks on this machine's CPU"));
    measureMenu->addAction(tr("Missing Blocks"), this,
                           [this] { measure(LutOperations::Scope::Missing); });
    measureMenu->addAction(tr("All Blocks"), this, [this] { measure(LutOperations::Scope::All); });
    measureMenu->addAction(tr("Selected Cells"), this,
                           [this] { measure(LutOperations::Scope::Selected); });
    check = addAction(tr("Check"), this, [this, ops] { ops->check(checkNets->value()); });
    check->setObjectName(QStringLiteral("lutCheck"));
    check->setToolTip(tr("Time random whole networks here and compare them with the LUT's sums "
                         "(its calibrated view for this space): share within ±10 %, median and "
                         "p90 error, Kendall τ, noise floor, and a scatter"));
    calibrate =
        addAction(tr("Calibrate"), this, [this, ops] { ops->calibrate(checkNets->value()); });
    calibrate->setObjectName(QStringLiteral("lutCalibrate"));
    calibrate->setToolTip(tr("Time other random whole networks here and fit what the block "
                             "timings miss (a scale per op, an overhead per block), stored in the "
                             "LUT for this space; undoable"));
    checkNets = new QSpinBox(this);
    checkNets->setObjectName(QStringLiteral("lutCheckNets"));
    checkNets->setRange(kMinCheckNets, kMaxCheckNets);
    checkNets->setValue(kDefaultCheckNets);
    checkNets->setSuffix(tr(" nets"));
    checkNets->setToolTip(tr("Whole networks a check or a calibration times (each twice)"));
    addWidget(checkNets);
    fit = addAction(tr("Fit…"), this, [this, ops] {
        const QString path =
            QFileDialog::getOpenFileName(editor_, tr("Whole-network timings"), QString(),
                                         tr("Timings (*.json *.csv);;All files (*)"));
        if (!path.isEmpty())
            ops->fitFrom(path);
    });
    fit->setToolTip(tr("Fit a LUT to whole-network latencies (non-negative least squares)"));
    compareMenu = addMenu(tr("Compare"), tr("Show this LUT / another LUT in every cell"));
    fillLutMenu(compareMenu, [ops](const QString& ref) { ops->compareWith(ref); });
    compareMenu->addSeparator();
    compareMenu->addAction(tr("Stop Comparing"), ops, &LutOperations::stopComparing);
    scale = addAction(tr("Scale…"), this, [this, ops] {
        bool ok = false;
        const double f =
            QInputDialog::getDouble(editor_, tr("Scale LUT"), tr("Multiply every latency by:"), 1.0,
                                    kMinScale, kMaxScale, kScaleDecimals, &ok);
        if (ok)
            ops->scaleBy(f);
    });
    addSeparator();

    addWidget(new QLabel(tr(" Unit "), this));
    unit = new QComboBox(this);
    unit->setObjectName(QStringLiteral("lutUnit"));
    unit->addItems({QStringLiteral("µs"), QStringLiteral("ms")});
    connect(unit, &QComboBox::currentIndexChanged, this, [this](int i) {
        editor_->model()->setUnit(i == 0 ? LutTableModel::Unit::Micros
                                         : LutTableModel::Unit::Millis);
    });
    addWidget(unit);
    addWidget(new QLabel(tr("  Study cost "), this));
    cost = new QComboBox(this);
    cost->setObjectName(QStringLiteral("lutCostModel"));
    cost->addItems({tr("Latency (LUT)"), tr("Energy (LUT)"), tr("MACs"), tr("Parameters")});
    connect(cost, &QComboBox::activated, this, [this, ops](int i) {
        ops->setCostKind(QString::fromLatin1(kCostKinds[i]));
        syncWithStudy(); // shows the study's model again when the change was refused
    });
    addWidget(cost);
}

QMenu* LutEditorToolBar::addMenu(const QString& text, const QString& tip) {
    auto* menu = new QMenu(text, this);
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setToolTip(tip);
    button->setMenu(menu);
    button->setPopupMode(QToolButton::InstantPopup);
    addWidget(button);
    return menu;
}

void LutEditorToolBar::fillLutMenu(QMenu* menu, const std::function<void(const QString&)>& use) {
    menu->addAction(tr("This Machine (measured)"), this,
                    [use] { use(QString::fromLatin1(LutCache::kAuto)); });
    menu->addSeparator();
    for (const auto& name : LatencyTable::builtinNames()) {
        const QString ref = QString::fromStdString(name);
        menu->addAction(ref, this, [use, ref] { use(ref); });
    }
    menu->addSeparator();
    menu->addAction(tr("File…"), this, [this, use] {
        const QString path = QFileDialog::getOpenFileName(editor_, tr("Open LUT"), QString(),
                                                          tr("LUT (*.lut.json);;All files (*)"));
        if (!path.isEmpty())
            use(path);
    });
}

void LutEditorToolBar::importFromFile() {
    const QString path = QFileDialog::getOpenFileName(editor_, tr("Import LUT"), QString(),
                                                      LutFileImport::nameFilter());
    if (path.isEmpty())
        return;
    QString device;
    try {
        if (LutFileImport::detect(path) == LutFileImport::Format::HwNasBench) {
            bool ok = false;
            device = QInputDialog::getItem(editor_, tr("Import HW-NAS-Bench LUT"), tr("Device:"),
                                           LutFileImport::devices(path), 0, false, &ok);
            if (!ok)
                return;
        }
    } catch (const std::exception&) {
        // importFile() reads the file again and reports what is wrong with it.
    }
    editor_->operations()->importFile(path, device);
}

void LutEditorToolBar::measure(LutOperations::Scope scope) {
    LutOperations* ops = editor_->operations();
    const auto selection = editor_->view()->selectionModel()->selectedIndexes();
    ops->measure(ops->signaturesFor(scope, selection));
}

void LutEditorToolBar::syncWithStudy() {
    const LutDocument* lut = editor_->document();
    const std::string& kind = editor_->study()->study().cost.kind;
    for (int i = 0; i < int(std::size(kCostKinds)); ++i)
        if (kind == kCostKinds[i])
            cost->setCurrentIndex(i);
    if (auto* items = qobject_cast<QStandardItemModel*>(cost->model()))
        items->item(1)->setEnabled(lut->table().hasEnergy());
    saveLut->setEnabled(lut->isModified() || lut->ref().isEmpty());
    const bool idle = !editor_->operations()->isMeasuring() && !editor_->operations()->isChecking();
    for (QAction* a : measureMenu->actions())
        a->setEnabled(idle);
    check->setEnabled(idle);
    calibrate->setEnabled(idle);
    checkNets->setEnabled(idle);
}

} // namespace dnas::ui
