// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/ArchitectureInspector.h"

#include "engine/cost/LatencyTable.h"
#include "engine/cost/ModelCounter.h"
#include "ui/plots/PlotExport.h"
#include "ui/util/Units.h"

#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>
#include <exception>
#include <nlohmann/json.hpp>

namespace dnas::ui {

namespace {
// MACs in millions and parameters in thousands: the scales at which layers differ.
constexpr double kThousand = 1e3;
// Indent of the saved JSON, for files people read and diff.
constexpr int kJsonIndent = 2;
enum FixedColumn { kName, kOp, kInput, kOutput, kMacs, kParams, kFixedColumns };

QString shape(int c, int h, int w) {
    return QStringLiteral("%1×%2×%3").arg(c).arg(h).arg(w);
}
} // namespace

ArchitectureInspector::ArchitectureInspector(QWidget* parent) : QWidget(parent) {
    title_ = new QLabel(tr("No architecture selected"), this);
    title_->setWordWrap(true);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_ = new QTableWidget(this);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setVisible(false);
    copy_ = new QPushButton(tr("Copy as string"), this);
    save_ = new QPushButton(tr("Save as .arch.json…"), this);
    connect(copy_, &QPushButton::clicked, this, &ArchitectureInspector::copyToClipboard);
    connect(save_, &QPushButton::clicked, this, &ArchitectureInspector::askAndSave);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(copy_);
    buttons->addWidget(save_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);
    PlotExport::installContextMenu(
        table_, nullptr, [this] { return csv(); }, QStringLiteral("architecture"));
    refresh();
}

void ArchitectureInspector::setSpace(const dnas::SearchSpace& space) {
    space_ = space;
    arch_ = {};
    error_.clear();
    refresh();
}

void ArchitectureInspector::setLuts(std::vector<NamedLut> luts) {
    luts_ = std::move(luts);
    refresh();
}

bool ArchitectureInspector::setArchitecture(const dnas::Architecture& arch) {
    try {
        arch.checkAgainst(space_, tr("selected architecture").toStdString());
    } catch (const std::exception& e) {
        error_ = QString::fromStdString(e.what());
        arch_ = {};
        refresh();
        return false;
    }
    error_.clear();
    arch_ = arch;
    if (arch_.space.empty())
        arch_.space = space_.name;
    refresh();
    return true;
}

bool ArchitectureInspector::showArchitecture(const QString& text) {
    try {
        return setArchitecture(dnas::Architecture::parseString(text.toStdString()));
    } catch (const std::exception& e) {
        error_ = QString::fromStdString(e.what());
        arch_ = {};
        refresh();
        return false;
    }
}

void ArchitectureInspector::copyToClipboard() const {
    if (!arch_.ops.empty())
        QGuiApplication::clipboard()->setText(QString::fromStdString(arch_.toString()));
}

bool ArchitectureInspector::saveArchitecture(const QString& path, QString* error) const {
    if (arch_.ops.empty()) {
        if (error)
            *error = tr("no architecture to save");
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = f.errorString();
        return false;
    }
    f.write(QByteArray::fromStdString(arch_.toJson().dump(kJsonIndent) + "\n"));
    if (!f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

void ArchitectureInspector::askAndSave() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save architecture"),
                                                      QStringLiteral("architecture.arch.json"),
                                                      tr("Architecture (*.arch.json)"));
    QString err;
    if (!path.isEmpty() && !saveArchitecture(path, &err))
        QMessageBox::warning(this, tr("Save architecture"), err);
}

void ArchitectureInspector::refresh() {
    table_->clear();
    totals_ = {};
    copy_->setEnabled(!arch_.ops.empty());
    save_->setEnabled(!arch_.ops.empty());
    QStringList header = {tr("Layer"),  tr("Op"),       tr("Input"),
                          tr("Output"), tr("MACs (M)"), tr("Params (k)")};
    for (const auto& [name, lut] : luts_)
        header << tr("%1 (µs)").arg(name);
    table_->setColumnCount(header.size());
    table_->setHorizontalHeaderLabels(header);
    if (arch_.ops.empty()) {
        table_->setRowCount(0);
        title_->setText(error_.isEmpty() ? tr("No architecture selected") : error_);
        return;
    }
    const dnas::SearchSpace space = arch_.applyTo(space_);
    const dnas::NetCount count = dnas::ModelCounter::count(space_, arch_);
    const auto shapes = space.layerShapes();
    const auto fixed = dnas::LatencyTable::fixedSignatures(space); // stem, head, pool, fc
    const int f = space.finalSize();

    struct Row {
        QString name, op, in, out;
        std::optional<dnas::OpCount> count;
        std::optional<dnas::OpSignature> sig;
    };
    std::vector<Row> rows;
    const int stem = space.stemOutSize();
    rows.push_back({tr("stem"), tr("conv 3×3"),
                    shape(space.input_channels, space.input_size, space.input_size),
                    shape(space.stem_c_out, stem, stem), count.stem, fixed[0]});
    for (size_t l = 0; l < arch_.ops.size(); ++l) {
        const auto& s = shapes[l];
        rows.push_back({QString::number(l), QString::fromStdString(arch_.ops[l]),
                        shape(s.c_in, s.h, s.w), shape(s.c_out, s.outH(), s.outW()),
                        count.layers[l], dnas::blockSignature(space, l, arch_.ops[l])});
    }
    rows.push_back({tr("head"), tr("conv 1×1"), shape(space.lastChannels(), f, f),
                    shape(space.head_c_out, f, f), count.head, fixed[1]});
    rows.push_back({tr("pool"), tr("avg pool"), shape(space.head_c_out, f, f),
                    shape(space.head_c_out, 1, 1), std::nullopt, fixed[2]});
    rows.push_back({tr("fc"), tr("linear"), shape(space.head_c_out, 1, 1),
                    shape(space.num_classes, 1, 1), count.fc, fixed[3]});

    const dnas::OpCount total = count.total();
    totals_.macs = total.macs;
    totals_.params = total.params;
    std::vector<double> sums(luts_.size(), 0.0);
    std::vector<bool> complete(luts_.size(), true);
    table_->setRowCount(static_cast<int>(rows.size()) + 1);
    auto put = [this](int r, int c, const QString& text, bool number) {
        auto* item = new QTableWidgetItem(text);
        if (number)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(r, c, item);
    };
    for (size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        const int r = static_cast<int>(i);
        put(r, kName, row.name, false);
        put(r, kOp, row.op, false);
        put(r, kInput, row.in, false);
        put(r, kOutput, row.out, false);
        put(r, kMacs, row.count ? QString::number(row.count->macs / kMillion, 'f', 2) : QString(),
            true);
        put(r, kParams,
            row.count ? QString::number(row.count->params / kThousand, 'f', 1) : QString(), true);
        for (size_t k = 0; k < luts_.size(); ++k) {
            const dnas::LutEntry* e = luts_[k].second ? luts_[k].second->find(*row.sig) : nullptr;
            if (e)
                sums[k] += e->latency_us;
            else
                complete[k] = false;
            put(r, kFixedColumns + static_cast<int>(k),
                e ? QString::number(e->latency_us, 'f', 1) : tr("missing"), true);
        }
    }
    const int last = static_cast<int>(rows.size());
    put(last, kName, tr("total"), false);
    put(last, kMacs, QString::number(total.macs / kMillion, 'f', 2), true);
    put(last, kParams, QString::number(total.params / kThousand, 'f', 1), true);
    for (size_t k = 0; k < luts_.size(); ++k) {
        totals_.costs.push_back(complete[k] ? std::optional<double>(sums[k]) : std::nullopt);
        put(last, kFixedColumns + static_cast<int>(k),
            complete[k] ? QString::number(sums[k], 'f', 1) : tr("incomplete"), true);
    }
    QFont bold = table_->font();
    bold.setBold(true);
    for (int c = 0; c < table_->columnCount(); ++c)
        if (QTableWidgetItem* item = table_->item(last, c))
            item->setFont(bold);
    table_->resizeColumnsToContents();
    title_->setText(tr("%1 — %2 layers of space \"%3\"")
                        .arg(QString::fromStdString(arch_.toString()))
                        .arg(arch_.ops.size())
                        .arg(QString::fromStdString(space_.name)));
}

CsvTable ArchitectureInspector::csv() const {
    CsvTable t;
    for (int c = 0; c < table_->columnCount(); ++c)
        t.header << table_->horizontalHeaderItem(c)->text();
    for (int r = 0; r < table_->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < table_->columnCount(); ++c)
            row << (table_->item(r, c) ? table_->item(r, c)->text() : QString());
        t.addRow(row);
    }
    return t;
}

} // namespace dnas::ui
