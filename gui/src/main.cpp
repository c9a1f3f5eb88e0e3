// SPDX-License-Identifier: Apache-2.0
// jamul-tray: the employee's self-check (자가점검) — a tray icon that says whether this PC holds
// unprotected personal data, and a window to see and fix it. It talks only to the local
// jamul-agent (docs/local-api.md) and runs as the logged-in user.
//
//   jamul-tray [--socket PATH] [--lang ko|en] [--open] [--report-dir DIR] [--autostart] [--version]

#include <QApplication>
#include <QCommandLineParser>
#include <QSystemTrayIcon>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

#include "agent_client.h"
#include "language.h"
#include "tray_app.h"

namespace {

// At login the desktop's tray may come up after us: wait this long for it before opening as a
// window instead.
constexpr int kTrayWaitMs = 10000;

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("Jamul"));
  QApplication::setApplicationName(QStringLiteral("jamul-tray"));
  QApplication::setApplicationVersion(QStringLiteral(JAMUL_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("jamul-tray"));

  jamul::gui::Language language;
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Jamul self-check: personal data on this PC"));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption socket({QStringLiteral("socket")}, QStringLiteral("The agent's socket."),
                                  QStringLiteral("PATH"),
                                  jamul::gui::AgentClient::defaultSocketPath());
  const QCommandLineOption lang({QStringLiteral("lang")},
                                QStringLiteral("ko or en for this run (the menu's choice is kept otherwise)."),
                                QStringLiteral("LANG"));
  const QCommandLineOption open({QStringLiteral("open")}, QStringLiteral("Open the results window at start."));
  const QCommandLineOption report_dir({QStringLiteral("report-dir")},
                                      QStringLiteral("Where self-check reports are saved (default: Documents/Jamul)."),
                                      QStringLiteral("DIR"));
  const QCommandLineOption autostart({QStringLiteral("autostart")},
                                     QStringLiteral("Started at login: wait for the desktop's tray."));
  parser.addOptions({socket, lang, open, report_dir, autostart});
  parser.process(app);

  if (parser.isSet(lang))
    language.apply(parser.value(lang), /*remember=*/false);
  else
    language.apply(language.choice(), /*remember=*/false);

  jamul::gui::TrayOptions options;
  options.socket_path = parser.value(socket);
  options.report_dir = parser.value(report_dir);
  options.open_results = parser.isSet(open);

  std::unique_ptr<jamul::gui::TrayApp> tray;
  auto begin = [&] {
    options.use_tray = QSystemTrayIcon::isSystemTrayAvailable();
    // Without a tray the window is the application: closing it quits.
    QApplication::setQuitOnLastWindowClosed(!options.use_tray);
    tray = std::make_unique<jamul::gui::TrayApp>(options, &language);
    tray->start();
  };
  if (parser.isSet(autostart) && !QSystemTrayIcon::isSystemTrayAvailable()) {
    auto* waited = new QTimer(&app);
    auto* since = new QElapsedTimer;
    since->start();
    waited->start(500);
    QObject::connect(waited, &QTimer::timeout, &app, [&, waited, since] {
      if (!QSystemTrayIcon::isSystemTrayAvailable() && since->elapsed() < kTrayWaitMs) return;
      waited->stop();
      delete since;
      begin();
    });
  } else {
    begin();
  }
  return QApplication::exec();
}
