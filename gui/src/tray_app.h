// SPDX-License-Identifier: Apache-2.0
#pragma once

// TrayApp: the tray icon and everything behind it — the connection to the agent, the status it
// polls, the user's findings it keeps fresh, the results window, notifications, the questions the
// policy asks, and the self-check report.
//
// The icon shows one state (agent_status.h's TrayState), each drawn with its own shape: clean,
// personal data found, scanning (with a progress bar drawn under it), paused, agent unreachable.
// Where the desktop has no system tray, the results window is the application's main window.
//
// Thread-safety: GUI thread only.

#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSystemTrayIcon>
#include <QTimer>

#include "agent_client.h"
#include "agent_status.h"
#include "findings_model.h"
#include "language.h"
#include "report.h"
#include "rule_names.h"

class QAction;
class QActionGroup;
class QMenu;

namespace jamul::gui {

class ResultsWindow;

struct TrayOptions {
  QString socket_path;
  QString report_dir;      // where reports go (default: Documents/Jamul)
  bool use_tray = true;    // false: the results window is the main window
  bool open_results = false;
};

class TrayApp : public QObject {
  Q_OBJECT
 public:
  TrayApp(const TrayOptions& options, Language* language, QObject* parent = nullptr);
  ~TrayApp() override;

  void start();

  // For tests and the screenshot script.
  TrayState trayState() const;
  QIcon iconFor(TrayState state) const;
  QMenu* menu() const { return menu_; }
  ResultsWindow* resultsWindow() const { return window_; }
  AgentClient* client() { return &client_; }
  const FindingsModel& model() const { return model_; }

 public slots:
  void openResults();
  void scanNow();
  void togglePause();
  // Saves today's report (PDF and HTML) and says where; returns via reportSaved().
  void saveReport();

 signals:
  void reportSaved(const QString& pdf_path, const QString& html_path);
  void findingsRefreshed();

 private:
  void buildMenu();
  void retranslate();
  void onConnectedChanged(bool connected);
  void onEvent(const QString& name, const protocol::JsonValue& data);
  void refreshStatus();
  void refreshFindings();
  void fetchFindingsPage(qint64 offset, bool with_encrypted, QList<FileRecord> so_far);
  void updateIcon();
  void notify(const QString& title, const QString& text, bool warning);
  void flushFoundNotice();
  void askQuestion(qint64 id, const QString& path, const QMap<QString, qint64>& counts);
  void writeReport(const QList<HistoryItem>& today);

  TrayOptions options_;
  Language* language_;
  AgentClient client_;
  RuleNames names_;
  FindingsModel model_;
  AgentStatus status_;
  bool findings_pending_ = false;
  bool findings_running_ = false;
  bool encrypted_supported_ = true;

  QSystemTrayIcon* tray_ = nullptr;
  QMenu* menu_ = nullptr;
  QAction* status_action_ = nullptr;
  QAction* scan_action_ = nullptr;
  QAction* pause_action_ = nullptr;
  QAction* results_action_ = nullptr;
  QAction* report_action_ = nullptr;
  QMenu* language_menu_ = nullptr;
  QAction* lang_system_ = nullptr;
  QAction* lang_ko_ = nullptr;
  QAction* lang_en_ = nullptr;
  QAction* quit_action_ = nullptr;
  ResultsWindow* window_ = nullptr;

  QTimer status_timer_;
  QTimer findings_timer_;
  QTimer found_timer_;
  QSet<QString> found_paths_;
  QSet<qint64> asked_;
  bool was_connected_once_ = false;
};

}  // namespace jamul::gui
