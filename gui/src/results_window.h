// SPDX-License-Identifier: Apache-2.0
#pragma once

// ResultsWindow: the employee's view of their findings — a summary bar (files with personal data,
// encrypted, 암호화율, last scan), filters (kind, confidence, state, folder), the table, a detail pane
// that says why each finding was reported, and the actions on the selected files: encrypt, decrypt,
// shred (confirmed, naming the files), open the folder, request an exception. Actions run through
// ActionQueue with a progress bar and Cancel; each file's outcome is shown when they end.
//
// Every action has a key (and a mnemonic) and every control an accessible name, so the window is
// usable without a mouse.
//
// Thread-safety: GUI thread only.

#include <QMainWindow>

#include "action_queue.h"
#include "agent_status.h"
#include "findings_filter.h"
#include "findings_model.h"

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTextBrowser;
class QToolButton;

namespace jamul::gui {

class ResultsWindow : public QMainWindow {
  Q_OBJECT
 public:
  ResultsWindow(FindingsModel* model, const RuleNames* names, AgentClient* client,
                QWidget* parent = nullptr);

  // The agent's state, for the summary bar and which actions are possible.
  void setAgentState(bool connected, const AgentStatus& status);
  // Selects the file at `path` (a notification's file), if listed.
  void selectPath(const QString& path);
  // Starts `kind` on `files` as if chosen here (the question dialog's choices come here too).
  void runAction(ActionKind kind, const QStringList& files);

  QTableView* table() const { return table_; }
  QTextBrowser* detail() const { return detail_; }
  ActionQueue* actions() const { return queue_; }

 signals:
  void scanRequested();
  void reportRequested();
  // An action ended: the listing is stale.
  void filesChanged();

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildUi();
  void retranslate();
  void refillRuleFilter();
  void updateSummary();
  void updateDetail();
  void updateActions();
  QStringList selectedPaths() const;
  QList<const FileRecord*> selectedFiles() const;
  void askAndRun(ActionKind kind);
  void requestException();
  void openFolder();
  void onProgress(int done, int total);
  void onFinished(const QList<ActionOutcome>& outcomes, bool cancelled);

  FindingsModel* model_;
  const RuleNames* names_;
  ActionQueue* queue_;
  FindingsFilter* filter_;
  bool connected_ = false;
  AgentStatus status_;
  QStringList reselect_;  // the selection across a fresh listing

  QLabel* summary_ = nullptr;
  QLabel* agent_state_ = nullptr;
  QLabel* rule_label_ = nullptr;
  QComboBox* rule_box_ = nullptr;
  QLabel* level_label_ = nullptr;
  QComboBox* level_box_ = nullptr;
  QLabel* state_label_ = nullptr;
  QComboBox* state_box_ = nullptr;
  QLabel* folder_label_ = nullptr;
  QLineEdit* folder_edit_ = nullptr;
  QTableView* table_ = nullptr;
  QTextBrowser* detail_ = nullptr;
  QPushButton* encrypt_ = nullptr;
  QPushButton* decrypt_ = nullptr;
  QPushButton* shred_ = nullptr;
  QPushButton* folder_ = nullptr;
  QPushButton* exception_ = nullptr;
  QPushButton* scan_ = nullptr;
  QPushButton* report_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QLabel* progress_label_ = nullptr;
};

}  // namespace jamul::gui
