// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QObject>
#include <QStringList>

class QMenu;

namespace dnas::ui {

// File ▸ Recent Studies, kept in QSettings; the last opened study is the first entry.
class RecentStudies : public QObject {
    Q_OBJECT
  public:
    static constexpr int kMaxEntries = 8; // as many as fit a menu at a glance

    explicit RecentStudies(QObject* parent = nullptr);

    QMenu* menu() const { return menu_; }
    QStringList paths() const;
    QString last() const; // empty when there is none
    void add(const QString& path);

  signals:
    void openRequested(const QString& path);

  private:
    void rebuild();

    QMenu* menu_;
};

} // namespace dnas::ui
