// SPDX-License-Identifier: GPL-3.0-or-later
#include "study/StudySettingsPanel.h"

#include "study/SettingsEditCommand.h"
#include "study/StudyDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>
#include <climits>
#include <exception>

namespace dnas::ui {

namespace {
// The member's owner among the two settings structs a field can edit.
SearchSettings& owner(SearchSettings& s, TrainSettings&, SearchSettings*) { return s; }
TrainSettings& owner(SearchSettings&, TrainSettings& t, TrainSettings*) { return t; }
const SearchSettings& owner(const SearchSettings& s, const TrainSettings&, SearchSettings*) { return s; }
const TrainSettings& owner(const SearchSettings&, const TrainSettings& t, TrainSettings*) { return t; }
} // namespace

StudySettingsPanel::StudySettingsPanel(StudyDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), error_(new QLabel(this)) {
    setObjectName(QStringLiteral("studySettings"));
    auto* search = new QGroupBox(tr("Search"), this);
    auto* searchForm = new QFormLayout(search);
    searchForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    addSpin(searchForm, "epochs", tr("Epochs"), &SearchSettings::epochs, 1, 100000);
    addSpin(searchForm, "warmupEpochs", tr("Warm-up epochs"), &SearchSettings::warmup_epochs, -1,
            100000, tr("10 % of epochs"));
    addSpin(searchForm, "batchSize", tr("Batch size"), &SearchSettings::batch_size, 1, 65536);
    addMode(searchForm);
    addCheck(searchForm, "shareKernels", tr("Shared kernels (k3 in k5, e3 in e6)"),
             &SearchSettings::share_kernels);
    addReal(searchForm, "thetaLr", tr("θ learning rate"), &SearchSettings::theta_lr, 1e-5, 10.0, 5);
    addSpin(searchForm, "limit", tr("Training images"), &SearchSettings::limit, 0, INT_MAX,
            tr("all"));
    addSpin(searchForm, "samplesPerEpoch", tr("Sampled architectures per epoch"),
            &SearchSettings::samples_per_epoch, 0, 1000);
    addSpin(searchForm, "seed", tr("Seed"), &SearchSettings::seed, 0, INT_MAX);

    auto* train = new QGroupBox(tr("Retraining the found architecture"), this);
    auto* trainForm = new QFormLayout(train);
    trainForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    addSpin(trainForm, "trainEpochs", tr("Epochs"), &TrainSettings::epochs, 1, 100000);
    addCheck(trainForm, "augment", tr("Random crop and flip"), &TrainSettings::augment);
    addSpin(trainForm, "cropPadding", tr("Crop padding (pixels)"), &TrainSettings::crop_padding, -1,
            64);
    addReal(trainForm, "labelSmoothing", tr("Label smoothing"), &TrainSettings::label_smoothing,
            0.0, 0.5, 3);
    addReal(trainForm, "weightDecay", tr("Weight decay"), &TrainSettings::weight_decay, 0.0, 0.1, 6);
    // -1 means "4 pixels per 32 of input size", shown as the spin box's special value.
    findChild<QSpinBox*>(QStringLiteral("cropPadding"))->setSpecialValueText(tr("auto"));

    error_->setObjectName(QStringLiteral("settingsError"));
    error_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(search);
    layout->addWidget(train);
    layout->addWidget(error_);
    layout->addStretch(1);
    connect(document_, &StudyDocument::studyChanged, this, &StudySettingsPanel::refresh);
    refresh();
}

template <class Owner, class T>
void StudySettingsPanel::addSpin(QFormLayout* form, const char* name, const QString& label,
                                 T Owner::*member, int lo, int hi, const QString& zeroText) {
    auto* spin = new QSpinBox(this);
    spin->setObjectName(QString::fromLatin1(name));
    spin->setRange(lo, hi);
    spin->setKeyboardTracking(false); // one edit per value entered, not per digit typed
    if (!zeroText.isEmpty()) spin->setSpecialValueText(zeroText); // shown at the minimum
    form->addRow(label, spin);
    fields_.push_back({label,
                       [spin, member](const SearchSettings& s, const TrainSettings& t) {
                           spin->setValue(static_cast<int>(owner(s, t, static_cast<Owner*>(nullptr)).*member));
                       },
                       [spin, member](SearchSettings& s, TrainSettings& t) {
                           owner(s, t, static_cast<Owner*>(nullptr)).*member = static_cast<T>(spin->value());
                       }});
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, [this, label] { commit(label); });
}

template <class Owner>
void StudySettingsPanel::addReal(QFormLayout* form, const char* name, const QString& label,
                                 double Owner::*member, double lo, double hi, int decimals) {
    auto* spin = new QDoubleSpinBox(this);
    spin->setObjectName(QString::fromLatin1(name));
    spin->setDecimals(decimals);
    spin->setRange(lo, hi);
    spin->setSingleStep(hi / 100.0);
    spin->setKeyboardTracking(false);
    form->addRow(label, spin);
    fields_.push_back({label,
                       [spin, member](const SearchSettings& s, const TrainSettings& t) {
                           spin->setValue(owner(s, t, static_cast<Owner*>(nullptr)).*member);
                       },
                       [spin, member](SearchSettings& s, TrainSettings& t) {
                           owner(s, t, static_cast<Owner*>(nullptr)).*member = spin->value();
                       }});
    connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            [this, label] { commit(label); });
}

template <class Owner>
void StudySettingsPanel::addCheck(QFormLayout* form, const char* name, const QString& label,
                                  bool Owner::*member) {
    auto* box = new QCheckBox(this);
    box->setObjectName(QString::fromLatin1(name));
    form->addRow(label, box);
    fields_.push_back({label,
                       [box, member](const SearchSettings& s, const TrainSettings& t) {
                           box->setChecked(owner(s, t, static_cast<Owner*>(nullptr)).*member);
                       },
                       [box, member](SearchSettings& s, TrainSettings& t) {
                           owner(s, t, static_cast<Owner*>(nullptr)).*member = box->isChecked();
                       }});
    connect(box, &QCheckBox::toggled, this, [this, label] { commit(label); });
}

void StudySettingsPanel::addMode(QFormLayout* form) {
    auto* mode = new QComboBox(this);
    mode->setObjectName(QStringLiteral("mode"));
    mode->addItem(tr("Faithful: every path, soft Gumbel"), QStringLiteral("faithful"));
    mode->addItem(tr("Sampled: one path, hard Gumbel"), QStringLiteral("sampled"));
    mode->addItem(tr("Two-path: one path for w, two compared for θ"), QStringLiteral("two-path"));
    const QString label = tr("Mode");
    form->addRow(label, mode);
    fields_.push_back({label,
                       [mode](const SearchSettings& s, const TrainSettings&) {
                           mode->setCurrentIndex(mode->findData(QString::fromStdString(s.mode)));
                       },
                       [mode](SearchSettings& s, TrainSettings&) {
                           s.mode = mode->currentData().toString().toStdString();
                       }});
    connect(mode, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this, label] { commit(label); });
}

void StudySettingsPanel::refresh() {
    refreshing_ = true;
    const Study& study = document_->study();
    for (const auto& f : fields_) f.show(study.settings, study.train);
    refreshing_ = false;
}

void StudySettingsPanel::commit(const QString& label) {
    if (refreshing_) return;
    SearchSettings search = document_->study().settings;
    TrainSettings train = document_->study().train;
    for (const auto& f : fields_) f.read(search, train);
    try {
        search.check(document_->displayName().toStdString());
    } catch (const std::exception& e) {
        error_->setText(QString::fromUtf8(e.what()));
        refresh(); // the study keeps its valid settings
        return;
    }
    error_->clear();
    if (search.toJson() == document_->study().settings.toJson() &&
        train.toJson() == document_->study().train.toJson())
        return;
    document_->undoStack()->push(new SettingsEditCommand(document_, label, search, train));
}

} // namespace dnas::ui
