// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QAbstractListModel>
#include <QStringList>

namespace dnas::ui {

class SpaceEditor;

// The ops a layer can choose from: FBNet's nine blocks, then the space's custom ops. Items drag
// out as application/x-dnas-op; candidates dragged back onto the palette are removed from their
// layers (application/x-dnas-candidate).
class OpPaletteModel : public QAbstractListModel {
    Q_OBJECT
  public:
    static constexpr int CustomRole = Qt::UserRole + 1; // true for the space's own ops

    explicit OpPaletteModel(SpaceEditor* editor, QObject* parent = nullptr);

    QStringList ops() const { return ops_; }
    QModelIndex indexOf(const QString& op) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

  private:
    void reload();

    SpaceEditor* editor_;
    QStringList ops_;
};

} // namespace dnas::ui
