// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/study/StudySettingsPanel.h"

#include "engine/search/CostTable.h"
#include "ui/study/SettingsEditCommand.h"
#include "ui/study/StudyDocument.h"
#include "ui/util/NumberFormat.h"
#include "ui/util/Units.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <exception>

namespace dnas::ui {

namespace {
// The member's owner among the two settings structs a field can edit.
SearchSettings& owner(SearchSettings& s, TrainSettings&, SearchSettings*) {
    return s;
}
TrainSettings& owner(SearchSettings&, TrainSettings& t, TrainSettings*) {
    return t;
}
const SearchSettings& owner(const SearchSettings& s, const TrainSettings&, SearchSettings*) {
    return s;
}
const TrainSettings& owner(const SearchSettings&, const TrainSettings& t, TrainSettings*) {
    return t;
}

// The cost target: up to what a LUT file may hold (1e12 µs), with cents for small MMAC counts.
constexpr double kMaxTarget = 1e12;
constexpr int kTargetDecimals = 2;
constexpr double kTargetStep = 10.0;
// The tolerance is edited in percent; the engine takes a fraction in (0, 0.5).
constexpr int kToleranceDecimals = 1;
constexpr double kMinTolerancePercent = 0.1;
constexpr double kMaxTolerancePercent = 49.9;
// The target quantile is edited in percent of the space, to a tenth; 100 % is the dearest
// net, which a target cost names more plainly.
constexpr int kQuantileDecimals = 1;
constexpr double kMaxQuantilePercent = 99.9;
constexpr double kQuantileStep = 5.0;
// λ of 100 makes a 1 % miss of the target cost 1.0 of loss, a whole cross-entropy's worth.
constexpr double kMaxLambda = 100.0;
constexpr int kLambdaDecimals = 3;
// Costs of at least this many units are shown without decimals in the range ("512–2310 µs").
constexpr double kWholeUnits = 100.0;

// What a QDoubleSpinBox with these decimals shows for v (it rounds the same way): a value the
// user did not touch is then not rewritten with the rounding, which would be a spurious edit.
double shown(double v, int decimals) {
    return QString::number(v, 'f', decimals).toDouble();
}
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
    addPaths(searchForm);
    addReal(searchForm, "thetaLr", tr("θ learning rate"), &SearchSettings::theta_lr, 1e-5, 10.0, 5);
    // The rest of the training images are θ's: what its decisions are made with.
    addReal(searchForm, "wFraction", tr("Share of images for the weights"),
            &SearchSettings::w_fraction, 0.06, 0.94, 2);
    addCheck(searchForm, "progressiveDecisions", tr("Decide layers during the search"),
             &SearchSettings::progressive_decisions);
    addReal(searchForm, "decisionMargin", tr("Decide a layer once its top two differ by"),
            &SearchSettings::decision_margin, 0.0, 0.99, 2);
    addChoice(searchForm, "tauSchedule", tr("Temperature schedule"), &SearchSettings::tau_schedule,
              {{tr("Anneal: τ0 to the final τ over the search"), TauSchedule::Anneal},
               {tr("Per epoch: τ0 · decay^epoch"), TauSchedule::PerEpoch}});
    // Must stay in (0, τ0]: check() says so when it is not. Steps of 0.1 (hi / 100).
    addReal(searchForm, "tauEnd", tr("Final temperature τ"), &SearchSettings::tau_end, 1e-3, 10.0,
            3);
    tauEnd_ = findChild<QDoubleSpinBox*>(QStringLiteral("tauEnd"));
    addTarget(searchForm);
    addSpin(searchForm, "limit", tr("Training images"), &SearchSettings::limit, 0, INT_MAX,
            tr("all"));
    addSpin(searchForm, "samplesPerEpoch", tr("Sampled architectures per epoch"),
            &SearchSettings::samples_per_epoch, 0, 1000);
    addSpin(searchForm, "finalists", tr("Finalists fine-tuned at the end"),
            &SearchSettings::finalists, 0, 64, tr("off"));
    addSpin(searchForm, "finalistSteps", tr("Fine-tune steps per finalist"),
            &SearchSettings::finalist_steps, 1, 1000000);
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
    addReal(trainForm, "weightDecay", tr("Weight decay"), &TrainSettings::weight_decay, 0.0, 0.1,
            6);
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
    if (!zeroText.isEmpty())
        spin->setSpecialValueText(zeroText); // shown at the minimum
    form->addRow(label, spin);
    fields_.push_back(
        {label,
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

template <class E>
void StudySettingsPanel::addChoice(QFormLayout* form, const char* name, const QString& label,
                                   E SearchSettings::*member,
                                   const std::vector<std::pair<QString, E>>& items) {
    auto* combo = new QComboBox(this);
    combo->setObjectName(QString::fromLatin1(name));
    std::vector<E> values;
    for (const auto& [text, value] : items) {
        combo->addItem(text, QString::fromLatin1(toString(value)));
        values.push_back(value);
    }
    form->addRow(label, combo);
    fields_.push_back({label,
                       [combo, member, values](const SearchSettings& s, const TrainSettings&) {
                           const auto at = std::find(values.begin(), values.end(), s.*member);
                           combo->setCurrentIndex(
                               at == values.end() ? -1 : static_cast<int>(at - values.begin()));
                       },
                       [combo, member, values](SearchSettings& s, TrainSettings&) {
                           const int index = combo->currentIndex();
                           if (index >= 0)
                               s.*member = values[static_cast<size_t>(index)];
                       }});
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this, label] { commit(label); });
}

void StudySettingsPanel::addMode(QFormLayout* form) {
    addChoice(form, "mode", tr("Mode"), &SearchSettings::mode,
              {{tr("Faithful: every path, soft Gumbel"), SearchMode::Faithful},
               {tr("Sampled: one path, hard Gumbel"), SearchMode::Sampled},
               {tr("Two-path: one path for w, two compared for θ"), SearchMode::TwoPath}});
}

// Which paths the supernet's weights train on: without these a study that trains near the
// largest path could not turn shared kernels off here (check() refuses that combination).
void StudySettingsPanel::addPaths(QFormLayout* form) {
    const QString largest = tr("Each layer's largest candidate");
    const QString swap = tr("Largest path, one layer swapped per step");
    addChoice(form, "warmupPaths", tr("Warm-up trains"), &SearchSettings::warmup_paths,
              {{largest, WarmupPaths::Largest},
               {tr("A uniformly drawn path (SPOS)"), WarmupPaths::Uniform},
               {tr("Progressive: largest, then uniform paths"), WarmupPaths::Progressive},
               {swap, WarmupPaths::LargestSwap}});
    addChoice(form, "wPaths", tr("Weight steps train"), &SearchSettings::w_paths,
              {{tr("The path drawn from θ"), WeightPaths::Sampled},
               {largest, WeightPaths::Largest},
               {swap, WeightPaths::LargestSwap}});
}

void StudySettingsPanel::addTarget(QFormLayout* form) {
    auto* row = new QWidget(this);
    targetEnabled_ = new QCheckBox(tr("Steer to"), row);
    targetEnabled_->setObjectName(QStringLiteral("targetEnabled"));
    targetEnabled_->setToolTip(
        tr("Loss CE + λ·|cost / target − 1| (TF-NAS); the found architecture is then repaired "
           "to within the tolerance of the target. Off: FBNet's multiplicative loss."));
    target_ = new QDoubleSpinBox(row);
    target_->setObjectName(QStringLiteral("target"));
    target_->setDecimals(kTargetDecimals);
    target_->setRange(0.0, kMaxTarget);
    target_->setSingleStep(kTargetStep);
    target_->setKeyboardTracking(false);
    costRange_ = new QLabel(row);
    costRange_->setObjectName(QStringLiteral("costRange"));
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(targetEnabled_);
    h->addWidget(target_);
    h->addWidget(costRange_);
    h->addStretch(1);
    form->addRow(targetLabel(), row);
    targetRowLabel_ = qobject_cast<QLabel*>(form->labelForField(row));

    tolerance_ = new QDoubleSpinBox(this);
    tolerance_->setObjectName(QStringLiteral("targetTolerance"));
    tolerance_->setDecimals(kToleranceDecimals);
    tolerance_->setRange(kMinTolerancePercent, kMaxTolerancePercent);
    tolerance_->setSingleStep(1.0);
    tolerance_->setSuffix(QStringLiteral(" %"));
    tolerance_->setKeyboardTracking(false);
    const QString toleranceLabel = tr("Target tolerance (±)");
    form->addRow(toleranceLabel, tolerance_);

    fields_.push_back(
        {targetLabel(),
         [this](const SearchSettings& s, const TrainSettings&) {
             targetEnabled_->setChecked(s.steersToTarget());
             target_->setValue(s.target);
             tolerance_->setValue(s.target_tolerance * kPercent);
         },
         [this](SearchSettings& s, TrainSettings&) {
             if (targetEnabled_->isChecked())
                 s.loss = LossKind::Target;
             else if (s.steersToTarget())
                 s.loss = LossKind::Multiplicative; // FBNet's; additive stays
             // A quantile's cost is shown, not set: the search resolves it.
             if (!(s.target_quantile > 0.0) && target_->value() != shown(s.target, kTargetDecimals))
                 s.target = target_->value();
             if (tolerance_->value() != shown(s.target_tolerance * kPercent, kToleranceDecimals))
                 s.target_tolerance = tolerance_->value() / kPercent;
         }});
    connect(targetEnabled_, &QCheckBox::toggled, this, [this](bool on) {
        if (refreshing_)
            return;
        // Turned on without a target: start in the middle of what the space can reach, rather
        // than at 0, which the engine refuses.
        if (on && !(target_->value() > 0.0) && costs_) {
            const QSignalBlocker block(target_);
            target_->setValue((costs_->minCost() + costs_->maxCost()) / 2.0);
        }
        commit(targetLabel());
    });
    connect(target_, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            [this] { commit(targetLabel()); });
    connect(tolerance_, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            [this, toleranceLabel] { commit(toleranceLabel); });
    addTargetQuantile(form); // after the target's field: it may turn the target loss on
    // λ decides whether θ itself reaches the target or the repair has to cut its choice down
    // (bench/README.md: at 0.1 θ's argmax ended 21 % over the default study's target, at 1 on it).
    addReal(form, "lambda", tr("Pull to the target (λ)"), &SearchSettings::lambda, 0.0, kMaxLambda,
            kLambdaDecimals);
    lambda_ = findChild<QDoubleSpinBox*>(QStringLiteral("lambda"));
}

void StudySettingsPanel::addTargetQuantile(QFormLayout* form) {
    quantile_ = new QDoubleSpinBox(this);
    quantile_->setObjectName(QStringLiteral("targetQuantile"));
    quantile_->setDecimals(kQuantileDecimals);
    quantile_->setRange(0.0, kMaxQuantilePercent);
    quantile_->setSingleStep(kQuantileStep);
    quantile_->setSuffix(QStringLiteral(" %"));
    quantile_->setSpecialValueText(tr("off: the cost above"));
    quantile_->setKeyboardTracking(false);
    quantile_->setToolTip(
        tr("Steer to the cost below which this share of uniformly random architectures of the "
           "space lie on the study's cost table (15 %: faster than 85 % of the space). It means "
           "the same on any machine's LUT; the search turns it into a cost when it starts."));
    const QString label = tr("Target as a share of the space");
    form->addRow(label, quantile_);
    fields_.push_back({label,
                       [this](const SearchSettings& s, const TrainSettings&) {
                           quantile_->setValue(s.target_quantile * kPercent);
                       },
                       [this](SearchSettings& s, TrainSettings&) {
                           if (quantile_->value() ==
                               shown(s.target_quantile * kPercent, kQuantileDecimals))
                               return;
                           const double q = quantile_->value() / kPercent;
                           if (q > 0.0) {
                               s.steerToQuantile(q);
                               return;
                           }
                           s.target_quantile = 0.0;
                           if (!(s.target > 0.0))
                               s.target = target_->value(); // the cost the quantile stood for
                       }});
    connect(quantile_, qOverload<double>(&QDoubleSpinBox::valueChanged), this,
            [this, label] { commit(label); });
}

QString StudySettingsPanel::targetLabel() const {
    const std::string& kind = document_->study().cost.kind;
    if (kind == "energy")
        return tr("Energy target");
    if (kind == "macs")
        return tr("MACs target");
    if (kind == "params")
        return tr("Params target");
    return tr("Latency target");
}

void StudySettingsPanel::updateCostRange() {
    const Study& study = document_->study();
    // Building the table reads the LUT: only when the cost model or the space changed.
    std::string key = study.cost.toJson().dump() + study.space.toJson().dump();
    if (key == rangeKey_)
        return;
    rangeKey_ = std::move(key);
    costs_.reset();
    if (study.space.validate().empty()) {
        try {
            costs_ = CostTable::forStudy(study);
        } catch (const std::exception&) {
            // No LUT yet, or it lacks part of the space: no range rather than a wrong one (the
            // Space panel says what is missing).
        }
    }
    if (!costs_) {
        costRange_->clear();
        return;
    }
    const double lo = costs_->minCost(), hi = costs_->maxCost();
    const int decimals = hi >= kWholeUnits ? 0 : kTargetDecimals;
    const QString text = study.cost.usesLut() ? tr("LUT range: %1–%2 %3") : tr("Range: %1–%2 %3");
    costRange_->setText(text.arg(locale().toString(lo, 'f', decimals),
                                 locale().toString(hi, 'f', decimals),
                                 NumberFormat::unit(QString::fromStdString(study.cost.unit()))));
}

void StudySettingsPanel::showEvent(QShowEvent* event) {
    rangeKey_.clear(); // a LUT measured since is picked up
    updateCostRange();
    QWidget::showEvent(event);
}

void StudySettingsPanel::refresh() {
    refreshing_ = true;
    const Study& study = document_->study();
    for (const auto& f : fields_)
        f.show(study.settings, study.train);
    target_->setSuffix(QLatin1Char(' ') +
                       NumberFormat::unit(QString::fromStdString(study.cost.unit())));
    targetRowLabel_->setText(targetLabel());
    // Fields the current choices do not use stay visible but say so by being disabled.
    tolerance_->setEnabled(study.settings.steersToTarget());
    tauEnd_->setEnabled(study.settings.tau_schedule == TauSchedule::Anneal);
    lambda_->setEnabled(study.settings.loss != LossKind::Multiplicative); // FBNet's has α, β
    updateCostRange();
    showQuantileTarget();
    refreshing_ = false;
}

void StudySettingsPanel::showQuantileTarget() {
    const SearchSettings& s = document_->study().settings;
    const bool quantile = s.target_quantile > 0.0;
    target_->setEnabled(!quantile);
    if (quantile) {
        const QSignalBlocker block(target_);
        target_->setValue(costs_ ? costs_->targetOf(s) : 0.0);
    }
}

void StudySettingsPanel::commit(const QString& label) {
    if (refreshing_)
        return;
    SearchSettings search = document_->study().settings;
    TrainSettings train = document_->study().train;
    for (const auto& f : fields_)
        f.read(search, train);
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
