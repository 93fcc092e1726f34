// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "ui/util/ErrorReporter.h"
#include <QMainWindow>
#include <functional>
#include <memory>

class QDockWidget;
class QTabWidget;

namespace dnas::ui {

class CrossDeviceTable;
class ExportModelAction;
class LutEditor;
class MainActions;
class RecentStudies;
class RunComparison;
class RunLogView;
class RunsPanel;
class SearchMenu;
class SearchSession;
class SearchJobFactory;
class SearchStatusWidget;
class SearchViews;
class SpaceEditorPanel;
class SpacePanel;
class StudyDocument;

// The main window: menus, toolbar, dock panels and status bar around one study document.
// It delegates: StudyDocument holds the study, SpacePanel shows the space, SearchSession
// runs searches, SearchMenu drives the Search menu; plot views are central tabs.
class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    enum class DiscardAnswer { Save, Discard, Cancel };
    using DiscardPrompt = std::function<DiscardAnswer(const QString& studyName)>;

    explicit MainWindow(std::unique_ptr<SearchJobFactory> jobs, QWidget* parent = nullptr);
    ~MainWindow() override;

    StudyDocument* document() const { return document_; }
    SearchSession* searchSession() const { return search_; }
    SearchMenu* searchMenu() const { return searchMenu_; }
    SpacePanel* spacePanel() const { return spacePanel_; }
    SpaceEditorPanel* spaceEditor() const { return spaceEditor_; }
    LutEditor* lutEditor() const { return lutEditor_; }
    MainActions* actions() const { return actions_; }
    QTabWidget* views() const { return views_; }
    SearchViews* searchViews() const { return searchViews_; }
    ExportModelAction* exportModelAction() const { return exportAction_; }
    RunsPanel* runsPanel() const { return runsPanel_; }
    CrossDeviceTable* crossDeviceTable() const { return crossDevice_; }
    RunComparison* runComparison() const { return comparison_; }

    // Tests and scripted use replace the dialogs.
    void setDiscardPrompt(DiscardPrompt prompt) { discardPrompt_ = std::move(prompt); }
    void setErrorReporter(ErrorReporter reporter);

    // Each shows its error in a dialog and keeps the current study on failure.
    bool openStudy(const QString& path);
    bool newFromDefault();
    bool save();
    bool saveAs(const QString& path = {});
    // True when there is nothing unsaved or the user saved or discarded it.
    bool maybeDiscardChanges();

    // A central tab (the plots) and a dock panel whose place is saved with the layout.
    void addView(QWidget* view, const QString& title);
    QDockWidget* addPanel(QWidget* panel, const QString& title, const QString& objectName,
                          Qt::DockWidgetArea area);

    void saveSettings() const; // geometry, dock layout, last study (QSettings)
    void restoreSettings();

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void connectActions();
    void updateTitle();
    void rememberStudy(const QString& path);
    void showAbout();
    void showOwnRetrained(); // the shown run's retrained net on the Pareto plot

    StudyDocument* document_;
    SearchSession* search_;
    MainActions* actions_;
    RecentStudies* recent_;
    SearchMenu* searchMenu_ = nullptr;
    SpacePanel* spacePanel_ = nullptr;
    SpaceEditorPanel* spaceEditor_ = nullptr;
    LutEditor* lutEditor_ = nullptr;
    SearchViews* searchViews_ = nullptr;
    ExportModelAction* exportAction_ = nullptr;
    RunLogView* runLog_ = nullptr;
    RunsPanel* runsPanel_ = nullptr;
    CrossDeviceTable* crossDevice_ = nullptr;
    RunComparison* comparison_ = nullptr;
    QTabWidget* views_ = nullptr;
    SearchStatusWidget* status_ = nullptr;
    DiscardPrompt discardPrompt_;
    ErrorReporter report_;
};

} // namespace dnas::ui
