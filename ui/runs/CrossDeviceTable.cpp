// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runs/CrossDeviceTable.h"

#include "ui/runs/CrossDeviceModel.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace dnas::ui {

namespace {
// An architecture string of a 22-layer space is ~500 px: capped, so the device columns stay in
// view; the cell's tooltip has it whole.
constexpr int kMaxArchitectureWidth = 280;
} // namespace

CrossDeviceTable::CrossDeviceTable(QWidget* parent)
    : QWidget(parent), model_(new CrossDeviceModel(this)), view_(new QTableView(this)),
      hint_(new QLabel(this)) {
    report_ = [this](const QString& title, const QString& text) {
        QMessageBox::critical(this, title, text);
    };
    view_->setObjectName(QStringLiteral("crossDeviceView"));
    view_->setModel(model_);
    view_->verticalHeader()->hide();
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setWordWrap(false);
    hint_->setWordWrap(true);
    hint_->setText(tr("Each ticked run's delivered net on every device LUT that has its shapes "
                      "(the numbers `dnas cost` prints); the best of each column in bold. Tick "
                      "runs in the Runs panel."));
    auto* csv = new QPushButton(tr("Export CSV…"), this);
    auto* md = new QPushButton(tr("Copy as Markdown"), this);
    connect(csv, &QPushButton::clicked, this, [this] { exportCsv(); });
    connect(md, &QPushButton::clicked, this, &CrossDeviceTable::copyMarkdown);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(hint_, 1);
    buttons->addWidget(csv);
    buttons->addWidget(md);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(view_, 1);
}

void CrossDeviceTable::setRuns(const std::vector<RunRecord>& runs) {
    model_->setRuns(runs);
    fitColumns();
}

void CrossDeviceTable::setPicked(const QString& arch, const SearchSpace& space,
                                 const QString& spaceRef) {
    model_->setPicked(arch, space, spaceRef);
    fitColumns();
}

void CrossDeviceTable::fitColumns() {
    view_->resizeColumnsToContents();
    if (view_->columnWidth(CrossDeviceModel::Arch) > kMaxArchitectureWidth)
        view_->setColumnWidth(CrossDeviceModel::Arch, kMaxArchitectureWidth);
}

bool CrossDeviceTable::exportCsv(const QString& path) {
    const QString target = path.isEmpty()
                               ? QFileDialog::getSaveFileName(this, tr("Export CSV"),
                                                              QStringLiteral("cross-device.csv"),
                                                              tr("CSV (*.csv);;All files (*)"))
                               : path;
    if (target.isEmpty())
        return false;
    QSaveFile f(target);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text) || f.write(model_->csv().toUtf8()) < 0 ||
        !f.commit()) {
        report_(tr("Cannot export the table"), tr("%1: %2").arg(target, f.errorString()));
        return false;
    }
    return true;
}

void CrossDeviceTable::copyMarkdown() const {
    QApplication::clipboard()->setText(model_->markdown());
}

} // namespace dnas::ui
