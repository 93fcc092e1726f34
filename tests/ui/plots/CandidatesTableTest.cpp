// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/CandidatesTable.h"
#include "ui/plots/CandidatesModel.h"

#include <QSortFilterProxyModel>
#include <QTableView>
#include <QtTest>

using dnas::ui::CandidatesModel;
using dnas::ui::CandidatesTable;

class CandidatesTableTest : public QObject {
    Q_OBJECT

    static dnas::SampleSet threeSamples() {
        dnas::SampleSet set;
        const std::vector<std::pair<const char*, double>> rows = {
            {"k3_e1-skip", 0.71}, {"k5_e6-k5_e6", 0.93}, {"k3_e3-SKIP", 0.52}};
        for (const auto& [arch, acc] : rows) {
            dnas::SampledArchitecture s;
            s.arch = arch;
            s.accuracy = acc;
            set.samples.push_back(s);
        }
        return set;
    }

  private slots:
    void sortsByAccuracyBestFirst() {
        CandidatesModel model;
        CandidatesTable table(&model);
        model.addSamples(threeSamples());
        QCOMPARE(table.view()->model(), table.proxy());
        QCOMPARE(table.proxy()->index(0, CandidatesModel::Arch).data().toString(), "k5_e6-k5_e6");
        QCOMPARE(table.proxy()->index(2, CandidatesModel::Arch).data().toString(), "k3_e3-SKIP");
    }

    void filtersArchitecturesIgnoringCase() {
        CandidatesModel model;
        CandidatesTable table(&model);
        model.addSamples(threeSamples());
        table.setFilterText("skip");
        QCOMPARE(table.proxy()->rowCount(), 2);
        table.setFilterText("");
        QCOMPARE(table.proxy()->rowCount(), 3);
    }

    void selectionModelIsTheViews() {
        CandidatesModel model;
        CandidatesTable table(&model);
        QCOMPARE(table.selectionModel(), table.view()->selectionModel());
        QCOMPARE(table.selectionModel()->model(), table.proxy());
    }
};

QTEST_MAIN(CandidatesTableTest)
#include "CandidatesTableTest.moc"
