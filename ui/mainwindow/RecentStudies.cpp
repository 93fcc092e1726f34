// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow/RecentStudies.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace dnas::ui {

namespace {
const char* const kKey = "study/recent";
} // namespace

RecentStudies::RecentStudies(QObject* parent)
    : QObject(parent), menu_(new QMenu(tr("Recent &Studies"))) {
    connect(this, &QObject::destroyed, menu_, [m = menu_] { delete m; });
    rebuild();
}

QStringList RecentStudies::paths() const {
    return QSettings().value(kKey).toStringList();
}

QString RecentStudies::last() const {
    const QStringList list = paths();
    return list.isEmpty() ? QString() : list.front();
}

void RecentStudies::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxEntries)
        list.removeLast();
    QSettings().setValue(kKey, list);
    rebuild();
}

void RecentStudies::rebuild() {
    menu_->clear();
    const QStringList list = paths();
    for (int i = 0; i < list.size(); ++i) {
        const QString& path = list[i];
        QAction* a = menu_->addAction(
            tr("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(QFileInfo(path).fileName())));
        a->setToolTip(path);
        a->setStatusTip(path);
        connect(a, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (list.isEmpty())
        menu_->addAction(tr("(none)"))->setEnabled(false);
}

} // namespace dnas::ui
