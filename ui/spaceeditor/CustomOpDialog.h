// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "engine/space/SearchSpace.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace dnas::ui {

// Defines (or redefines) a custom candidate op of the space: an inverted-residual block with
// kernel, expansion, groups, squeeze-and-excite and activation (the one skip is built in). OK is
// enabled only for a definition the space can take: the engine's OpSpec checks, a name that
// architecture strings can carry, that is not built in or taken, and a block that is not already
// there under another name. Until the name is typed it follows the fields (k7_e4_se_hs), as ArchDef
// names ops.
class CustomOpDialog : public QDialog {
    Q_OBJECT
  public:
    explicit CustomOpDialog(const SearchSpace& space, QWidget* parent = nullptr);

    // Starts from `op`; editing keeps its name fixed (the op is redefined).
    void setOp(const OpSpec& op, bool editing);
    OpSpec op() const;
    QString problem() const; // empty when the definition is acceptable

    QLineEdit* nameEdit() const { return name_; }
    QSpinBox* kernelBox() const { return kernel_; }
    QSpinBox* expansionBox() const { return expansion_; }
    QSpinBox* groupsBox() const { return groups_; }
    QCheckBox* seBox() const { return se_; }
    QComboBox* activationBox() const { return act_; }
    QLabel* problemLabel() const { return problem_; }
    bool isAcceptable() const;

  private:
    void fieldsChanged();
    QString autoName() const;

    SearchSpace space_;
    bool editing_ = false;
    QString lastAutoName_;
    QLineEdit* name_;
    QSpinBox* kernel_;
    QSpinBox* expansion_;
    QSpinBox* groups_;
    QCheckBox* se_;
    QComboBox* act_;
    QLabel* problem_;
    QDialogButtonBox* buttons_;
};

} // namespace dnas::ui
