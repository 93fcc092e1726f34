// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/search/SweepDialog.h"

#include "ui/util/NumberFormat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace dnas::ui {

namespace {
constexpr int kMaxCount = 20; // targets of one sweep: each is a whole search
constexpr int kDefaultCount = 3;
constexpr int kMaxProxyEpochs = 1000;
constexpr int kShownDigits = 4; // targets as users type them: 0.645, 12.5
enum RetrainRow { kNone, kProxy, kFull };
} // namespace

SweepDialog::SweepDialog(const Study& study, std::optional<CostTable> costs,
                         const QString& costError, const std::optional<SweepPlan>& previous,
                         const QString& previousNote, QWidget* parent)
    : QDialog(parent), costs_(std::move(costs)), costError_(costError),
      list_(new QRadioButton(tr("&Targets:"), this)),
      spread_(new QRadioButton(tr("&Spread over the range:"), this)), targets_(new QLineEdit(this)),
      count_(new QSpinBox(this)), spreadPreview_(new QLabel(this)), retrain_(new QComboBox(this)),
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
    const QString unit = NumberFormat::unit(QString::fromStdString(unitPlan_.unit));

    auto* intro = new QLabel(tr("One target search per target, one after another, each in its "
                                "own run folder; then, if asked, each delivered net retrained."),
                             this);
    intro->setWordWrap(true);
    auto* range = new QLabel(this);
    range->setObjectName(QStringLiteral("sweepRange"));
    if (range_)
        range->setText(tr("%1 range of the space: %2–%3 %4")
                           .arg(study.cost.usesLut() ? tr("LUT") : tr("Cost"))
                           .arg(locale().toString(range_->first, 'g', kShownDigits))
                           .arg(locale().toString(range_->second, 'g', kShownDigits))
                           .arg(unit));
    else
        range->setText(tr("No cost range: %1").arg(costError_));
    range->setWordWrap(true);

    targets_->setObjectName(QStringLiteral("sweepTargets"));
    targets_->setPlaceholderText(tr("e.g. 0.5, 0.7, 0.9"));
    targets_->setToolTip(tr("Targets in %1, separated by commas or spaces").arg(unit));
    count_->setObjectName(QStringLiteral("sweepCount"));
    count_->setRange(1, kMaxCount);
    count_->setValue(kDefaultCount);
    spreadPreview_->setObjectName(QStringLiteral("sweepSpreadPreview"));
    auto* listRow = new QHBoxLayout;
    listRow->addWidget(list_);
    listRow->addWidget(targets_, 1);
    listRow->addWidget(new QLabel(unit, this));
    auto* spreadRow = new QHBoxLayout;
    spreadRow->addWidget(spread_);
    spreadRow->addWidget(count_);
    spreadRow->addWidget(spreadPreview_, 1);

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
    form->addRow(tr("&Proxy recipe:"), proxyEpochs_);

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
    layout->addLayout(listRow);
    layout->addLayout(spreadRow);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(problem_);
    layout->addWidget(buttons_);

    list_->setChecked(true);
    if (previous) {
        QStringList shown;
        for (double t : previous->targets)
            shown << QString::number(t, 'g', kShownDigits + 2);
        targets_->setText(shown.join(QStringLiteral(", ")));
        retrain_->setCurrentIndex(previous->retrain == SweepRetrain::Proxy  ? kProxy
                                  : previous->retrain == SweepRetrain::Full ? kFull
                                                                            : kNone);
        proxyEpochs_->setValue(previous->proxy_epochs);
    } else if (range_) {
        // A useful first sweep: three targets spread over the range, editable.
        spread_->setChecked(true);
    }

    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QRadioButton* b : {list_, spread_})
        connect(b, &QRadioButton::toggled, this, &SweepDialog::update);
    connect(targets_, &QLineEdit::textChanged, this, &SweepDialog::update);
    connect(count_, qOverload<int>(&QSpinBox::valueChanged), this, &SweepDialog::update);
    connect(retrain_, qOverload<int>(&QComboBox::currentIndexChanged), this, &SweepDialog::update);
    update();
}

std::vector<double> SweepDialog::listedTargets(QString* error) const {
    std::vector<double> v;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString& item : targets_->text().split(separators, Qt::SkipEmptyParts)) {
        bool ok = false;
        double t = QLocale::c().toDouble(item, &ok);
        if (!ok)
            t = locale().toDouble(item, &ok);
        if (!ok || !(t > 0)) {
            *error = tr("“%1” is not a positive number.").arg(item);
            return {};
        }
        if (range_ && (t < range_->first || t > range_->second)) {
            *error = tr("%1 lies outside the space's range (%2–%3).")
                         .arg(item)
                         .arg(locale().toString(range_->first, 'g', kShownDigits))
                         .arg(locale().toString(range_->second, 'g', kShownDigits));
            return {};
        }
        v.push_back(t);
    }
    if (v.empty())
        *error = tr("Enter at least one target.");
    return v;
}

std::vector<double> SweepDialog::spreadTargets() const {
    return costs_ ? SweepPlan::spread(*costs_, count_->value()).targets : std::vector<double>{};
}

QString SweepDialog::error() const {
    if (!costs_)
        return tr("The cost model has no range: %1").arg(costError_);
    QString why;
    if (list_->isChecked())
        listedTargets(&why);
    return why;
}

SweepPlan SweepDialog::plan() const {
    SweepPlan p = unitPlan_;
    QString ignored;
    p.targets = list_->isChecked() ? listedTargets(&ignored) : spreadTargets();
    p.retrain = retrain_->currentIndex() == kProxy  ? SweepRetrain::Proxy
                : retrain_->currentIndex() == kFull ? SweepRetrain::Full
                                                    : SweepRetrain::None;
    p.proxy_epochs = proxyEpochs_->value();
    return p;
}

void SweepDialog::update() {
    targets_->setEnabled(list_->isChecked());
    count_->setEnabled(spread_->isChecked());
    proxyEpochs_->setEnabled(retrain_->currentIndex() == kProxy);
    proxyEpochs_->setSuffix(proxyEpochs_->value() == 1 ? tr(" epoch") : tr(" epochs"));
    QStringList preview;
    for (double t : spreadTargets())
        preview << locale().toString(t, 'g', kShownDigits);
    spreadPreview_->setText(preview.join(QStringLiteral(", ")));
    const QString why = error();
    problem_->setText(why);
    problem_->setVisible(!why.isEmpty());
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace dnas::ui
