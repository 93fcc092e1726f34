// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SweepDialog.h"

#include "ui/search/SweepTargetsEditor.h"
#include "ui/search/SweepTargetsModel.h"
#include "ui/util/NumberFormat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>

namespace dnas::ui {

namespace {
constexpr int kMaxCount = 20; // targets of one spread: each is a whole search
constexpr int kDefaultCount = 3;
constexpr int kMaxProxyEpochs = 1000;
enum RetrainRow { kNone, kProxy, kFull };
} // namespace

SweepDialog::SweepDialog(const Study& study, std::optional<CostTable> costs,
                         const QString& costError, const std::optional<SweepPlan>& previous,
                         const QString& previousNote, QWidget* parent)
    : QDialog(parent), costs_(std::move(costs)), costError_(costError), previous_(previous),
      model_(new SweepTargetsModel(this)), editor_(nullptr), count_(new QSpinBox(this)),
      spread_(new QPushButton(tr("S&pread over the range"), this)), retrain_(new QComboBox(this)),
      proxyEpochs_(new QSpinBox(this)), problem_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Search a Front"));
    setObjectName(QStringLiteral("sweepDialog"));
    if (costs_) {
        unitPlan_ = SweepPlan::forTargets(*costs_, {});
        range_ = SweepPlan::range(*costs_);
    } else {
        CostTable none;
        none.kind = study.cost.kind;
        none.unit = study.cost.unit();
        unitPlan_ = SweepPlan::forTargets(none, {});
    }
    model_->setUnit(unitPlan_, range_, study.cost.usesLut());
    editor_ = new SweepTargetsEditor(model_, this);
    const QString unit = NumberFormat::unit(QString::fromStdString(unitPlan_.unit));

    auto* intro = new QLabel(tr("One target search per target, one after another, each in its "
                                "own run folder; then, if asked, each delivered net retrained."),
                             this);
    intro->setWordWrap(true);
    auto* range = new QLabel(this);
    range->setObjectName(QStringLiteral("sweepRange"));
    if (range_)
        range->setText(
            tr("%1 range of the space: %2–%3 %4")
                .arg(study.cost.usesLut() ? tr("LUT") : tr("Cost"))
                .arg(locale().toString(range_->first, 'g', SweepTargetsModel::kShownDigits))
                .arg(locale().toString(range_->second, 'g', SweepTargetsModel::kShownDigits))
                .arg(unit));
    // Without a range the problem line under the list says why (error()), once.
    range->setVisible(range_.has_value());
    range->setWordWrap(true);

    auto* targetsLabel = new QLabel(tr("&Targets (%1):").arg(unit), this);
    targetsLabel->setBuddy(editor_->view());
    count_->setObjectName(QStringLiteral("sweepCount"));
    count_->setRange(1, kMaxCount);
    count_->setValue(kDefaultCount);
    count_->setToolTip(tr("How many targets Spread lists, geometrically spaced over the range"));
    spread_->setObjectName(QStringLiteral("sweepSpread"));
    spread_->setToolTip(tr("Replace the list by this many targets spread over the range"));
    spread_->setAutoDefault(false); // Enter starts the sweep, it does not refill the list
    spread_->setEnabled(range_.has_value());
    auto* spreadRow = new QHBoxLayout;
    spreadRow->addWidget(count_);
    spreadRow->addWidget(spread_);
    spreadRow->addStretch(1);

    retrain_->setObjectName(QStringLiteral("sweepRetrain"));
    retrain_->addItem(tr("None"));
    retrain_->addItem(tr("Proxy recipe (into RUN/proxy)"));
    retrain_->addItem(
        study.train.epochs == 1
            ? tr("The study's recipe, 1 epoch (into RUN/final)")
            : tr("The study's recipe, %1 epochs (into RUN/final)").arg(study.train.epochs));
    proxyEpochs_->setObjectName(QStringLiteral("sweepProxyEpochs"));
    proxyEpochs_->setRange(1, kMaxProxyEpochs);
    proxyEpochs_->setValue(SweepPlan::kDefaultProxyEpochs);
    auto* form = new QFormLayout;
    form->addRow(tr("&Retraining:"), retrain_);
    form->addRow(tr("Pro&xy recipe:"), proxyEpochs_);

    auto* note = new QLabel(previousNote, this);
    note->setObjectName(QStringLiteral("sweepNote"));
    note->setWordWrap(true);
    note->setVisible(!previousNote.isEmpty());
    problem_->setObjectName(QStringLiteral("sweepProblem"));
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: palette(link)"));
    buttons_->button(QDialogButtonBox::Ok)->setText(tr("&Start"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(range);
    layout->addWidget(targetsLabel);
    layout->addWidget(editor_, 1);
    layout->addLayout(spreadRow);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(problem_);
    layout->addWidget(buttons_);

    if (previous) {
        model_->setTargets(previous->targets);
        retrain_->setCurrentIndex(previous->retrain == SweepRetrain::Proxy  ? kProxy
                                  : previous->retrain == SweepRetrain::Full ? kFull
                                                                            : kNone);
        proxyEpochs_->setValue(previous->proxy_epochs);
    } else if (range_) {
        spreadTargets(); // a useful first sweep, to edit
    }

    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(spread_, &QPushButton::clicked, this, &SweepDialog::spreadTargets);
    connect(model_, &SweepTargetsModel::targetsChanged, this, &SweepDialog::update);
    connect(retrain_, qOverload<int>(&QComboBox::currentIndexChanged), this, &SweepDialog::update);
    connect(proxyEpochs_, qOverload<int>(&QSpinBox::valueChanged), this, &SweepDialog::update);
    connect(count_, qOverload<int>(&QSpinBox::valueChanged), this, &SweepDialog::update);
    update();
}

void SweepDialog::spreadTargets() {
    if (costs_)
        model_->setTargets(SweepPlan::spread(*costs_, count_->value()).targets);
}

QString SweepDialog::error() const {
    if (!costs_)
        return tr("The cost model has no range: %1").arg(costError_);
    if (model_->targets().empty())
        return tr("Add at least one target, or spread some over the range.");
    return model_->problem();
}

SweepPlan SweepDialog::plan() const {
    SweepPlan p = unitPlan_;
    p.targets = model_->targets();
    // A stopped sweep continues only with its targets in its order (SweepPlan::sameAs): the
    // list shows them sorted, so the same targets go back in the order they were given.
    if (previous_) {
        std::vector<double> given = previous_->targets;
        std::sort(given.begin(), given.end());
        if (given == p.targets)
            p.targets = previous_->targets;
    }
    p.retrain = retrain_->currentIndex() == kProxy  ? SweepRetrain::Proxy
                : retrain_->currentIndex() == kFull ? SweepRetrain::Full
                                                    : SweepRetrain::None;
    p.proxy_epochs = proxyEpochs_->value();
    return p;
}

void SweepDialog::update() {
    proxyEpochs_->setEnabled(retrain_->currentIndex() == kProxy);
    proxyEpochs_->setSuffix(proxyEpochs_->value() == 1 ? tr(" epoch") : tr(" epochs"));
    count_->setSuffix(count_->value() == 1 ? tr(" target") : tr(" targets"));
    const QString why = error();
    problem_->setText(why);
    problem_->setVisible(!why.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace dnas::ui
