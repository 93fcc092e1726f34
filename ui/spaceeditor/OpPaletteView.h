// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/spaceeditor/ItemDrag.h"

#include <QListView>

namespace dnas::ui {

// The op palette: drags ops out (copies), takes candidates dragged back in (they are removed).
class OpPaletteView : public QListView {
    Q_OBJECT
  public:
    explicit OpPaletteView(QWidget* parent = nullptr);

    void setDragExec(ItemDrag::Exec exec) { exec_ = std::move(exec); }
    QString currentOp() const;

  protected:
    void startDrag(Qt::DropActions supportedActions) override;

  private:
    ItemDrag::Exec exec_;
};

} // namespace dnas::ui
