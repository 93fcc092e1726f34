// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/space/SpacePanel.h"

#include "engine/search/Study.h"
#include "ui/space/SpaceSummaryWidget.h"
#include "ui/space/SpaceTableModel.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace dnas::ui {

SpacePanel::SpacePanel(QWidget* parent)
    : QWidget(parent), model_(new SpaceTableModel(this)), summary_(new SpaceSummaryWidget(this)),
      view_(new QTableView(this)) {
    setObjectName(QStringLiteral("spacePanel"));
    view_->setModel(model_);
    view_->setObjectName(QStringLiteral("spaceTable"));
    view_->setAlternatingRowColors(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setWordWrap(false);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(SpaceTableModel::Candidates,
                                                    QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(view_, 1);
}

void SpacePanel::setStudy(const Study& study) {
    const SpaceAnalysis analysis = SpaceAnalysis::ofStudy(study);
    model_->setAnalysis(analysis);
    summary_->setAnalysis(analysis, QString::fromStdString(study.space.name));
}

} // namespace dnas::ui
