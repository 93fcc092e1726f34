// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/spaceeditor/CustomOpDialog.h"

#include "engine/util/DnasError.h"
#include "engine/util/InputLimits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <nlohmann/json.hpp>

namespace dnas::ui {

namespace {
// Architecture strings separate ops with '-' (and accept spaces and commas), so names avoid them.
const QRegularExpression kNamePattern(QStringLiteral("^[A-Za-z][A-Za-z0-9_.]*$"));
constexpr int kKernelStep = 2; // kernels are odd
} // namespace

CustomOpDialog::CustomOpDialog(const SearchSpace& space, QWidget* parent)
    : QDialog(parent), space_(space), name_(new QLineEdit(this)), kernel_(new QSpinBox(this)),
      expansion_(new QSpinBox(this)), groups_(new QSpinBox(this)),
      se_(new QCheckBox(tr("Squeeze-and-excite after the depthwise conv"), this)),
      act_(new QComboBox(this)), problem_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Custom Op"));
    setObjectName(QStringLiteral("customOpDialog"));
    kernel_->setRange(1, kMaxKernel);
    kernel_->setSingleStep(kKernelStep);
    expansion_->setRange(1, kMaxExpansion);
    groups_->setRange(1, kMaxGroups);
    act_->addItem(tr("ReLU"), QStringLiteral("relu"));
    act_->addItem(tr("h-swish"), QStringLiteral("hswish"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #c62828"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&Kernel:"), kernel_);
    form->addRow(tr("&Expansion:"), expansion_);
    form->addRow(tr("&Groups (1×1 convs):"), groups_);
    form->addRow(QString(), se_);
    form->addRow(tr("&Activation:"), act_);
    form->addRow(problem_);
    form->addRow(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (QSpinBox* s : {kernel_, expansion_, groups_})
        connect(s, &QSpinBox::valueChanged, this, &CustomOpDialog::fieldsChanged);
    connect(act_, &QComboBox::currentIndexChanged, this, &CustomOpDialog::fieldsChanged);
    connect(se_, &QCheckBox::toggled, this, &CustomOpDialog::fieldsChanged);
    connect(name_, &QLineEdit::textChanged, this, &CustomOpDialog::fieldsChanged);

    OpSpec start;
    start.kernel = 7; // the first extension FBNetV2 adds; the nine built-ins have 3 and 5
    start.expansion = 4;
    setOp(start, false);
}

void CustomOpDialog::setOp(const OpSpec& op, bool editing) {
    editing_ = editing;
    kernel_->setValue(op.kernel);
    expansion_->setValue(op.expansion);
    groups_->setValue(op.groups);
    se_->setChecked(op.se);
    act_->setCurrentIndex(op.act == "hswish" ? 1 : 0);
    name_->setReadOnly(editing);
    lastAutoName_ = autoName();
    name_->setText(op.name.empty() ? lastAutoName_ : QString::fromStdString(op.name));
    fieldsChanged();
}

OpSpec CustomOpDialog::op() const {
    OpSpec op;
    op.name = name_->text().trimmed().toStdString();
    op.kernel = kernel_->value();
    op.expansion = expansion_->value();
    op.groups = groups_->value();
    op.se = se_->isChecked();
    op.act = act_->currentData().toString().toStdString();
    return op;
}

QString CustomOpDialog::autoName() const {
    QString n = QStringLiteral("k%1_e%2").arg(kernel_->value()).arg(expansion_->value());
    if (groups_->value() > 1)
        n += QStringLiteral("_g%1").arg(groups_->value());
    if (se_->isChecked())
        n += QStringLiteral("_se");
    if (act_->currentIndex() == 1)
        n += QStringLiteral("_hs");
    return n;
}

void CustomOpDialog::fieldsChanged() {
    // The name follows the fields until the user types one of their own.
    if (!editing_ && name_->text() == lastAutoName_) {
        lastAutoName_ = autoName();
        const QSignalBlocker block(name_);
        name_->setText(lastAutoName_);
    }
    const QString why = problem();
    problem_->setText(why);
    problem_->setVisible(!why.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

QString CustomOpDialog::problem() const {
    const OpSpec o = op();
    const QString name = QString::fromStdString(o.name);
    if (name.isEmpty())
        return tr("Give the op a name.");
    if (!kNamePattern.match(name).hasMatch())
        return tr("A name starts with a letter and has only letters, digits, “_” and “.”: "
                  "architecture strings put “-” between ops.");
    if (findBuiltinOp(o.name))
        return tr("“%1” is one of FBNet's built-in ops.").arg(name);
    if (!editing_ && space_.custom_ops.count(o.name))
        return tr("The space already has an op “%1”.").arg(name);
    try {
        OpSpec::fromJson(o.name, o.toJson(), "", "");
    } catch (const DnasError& e) {
        return QString::fromStdString(e.what());
    }
    for (const std::string& other : space_.opNames()) {
        if (other == o.name)
            continue;
        OpSpec same = space_.op(other);
        same.name = o.name;
        if (same == o)
            return tr("This is the same block as “%1”.").arg(QString::fromStdString(other));
    }
    return {};
}

bool CustomOpDialog::isAcceptable() const {
    return problem().isEmpty();
}

} // namespace dnas::ui
