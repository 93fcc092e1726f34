// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/PlotExport.h"

#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <qcustomplot.h>

namespace dnas::ui {

namespace {
// Size used when a plot has never been laid out (headless export, tests).
constexpr int kDefaultExportWidth = 1200;
constexpr int kDefaultExportHeight = 800;
// PNG exports at twice the screen resolution so they stay sharp in documents.
constexpr double kPngScale = 2.0;
} // namespace

bool PlotExport::saveImage(QCustomPlot* plot, const QString& path, QString* error) {
    const bool laidOut = plot->isVisible() && plot->width() > 1 && plot->height() > 1;
    const int w = laidOut ? plot->width() : kDefaultExportWidth;
    const int h = laidOut ? plot->height() : kDefaultExportHeight;
    const bool ok = path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)
                        ? plot->savePdf(path, w, h)
                        : plot->savePng(path, w, h, kPngScale);
    if (!ok && error)
        *error = QObject::tr("could not write %1").arg(path);
    return ok;
}

bool PlotExport::saveCsv(const CsvSource& source, const QString& path, QString* error) {
    return source().write(path, error);
}

void PlotExport::installContextMenu(QWidget* target, QCustomPlot* plot, CsvSource source,
                                    const QString& baseName) {
    target->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(target, &QWidget::customContextMenuRequested, target,
                     [target, plot, source = std::move(source), baseName](const QPoint& pos) {
                         QMenu menu(target);
                         if (plot) {
                             menu.addAction(QObject::tr("Save image (PNG/PDF)…"), target, [=] {
                                 const QString path = QFileDialog::getSaveFileName(
                                     target, QObject::tr("Save image"),
                                     baseName + QLatin1String(".png"),
                                     QObject::tr("PNG image (*.png);;PDF document (*.pdf)"));
                                 QString err;
                                 if (!path.isEmpty() && !saveImage(plot, path, &err))
                                     QMessageBox::warning(target, QObject::tr("Save image"), err);
                             });
                         }
                         menu.addAction(QObject::tr("Save data as CSV…"), target, [=] {
                             const QString path = QFileDialog::getSaveFileName(
                                 target, QObject::tr("Save data"), baseName + QLatin1String(".csv"),
                                 QObject::tr("CSV (*.csv)"));
                             QString err;
                             if (!path.isEmpty() && !saveCsv(source, path, &err))
                                 QMessageBox::warning(target, QObject::tr("Save data"), err);
                         });
                         menu.exec(target->mapToGlobal(pos));
                     });
}

} // namespace dnas::ui
