// SPDX-License-Identifier: Apache-2.0
#pragma once

// The 자가점검 (self-check) report: what an employee files on the agency's monthly check day — the
// personal data on their PC by kind, the files still unprotected, what they fixed today, and the
// agent's last full scan — laid out as an official form, Korean first (it follows the tray's
// language), saved as HTML and PDF in one go and printable.
//
// Nothing in it comes from a file's content but masked excerpts' rule names and counts.
//
// Thread-safety: GUI thread (translation, QTextDocument).

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include "file_record.h"
#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"
#include "rule_names.h"

class QTextDocument;

namespace jamul::gui {

// One action of the agent's `history` reply.
struct HistoryItem {
  QString action;  // encrypt, decrypt, shred
  QString file;    // the file acted on
  QString path;    // what it gave
  qint64 at_ms = 0;
  QString state;   // done, failed, rolled_back
  QMap<QString, qint64> counts;
};
QList<HistoryItem> parseHistory(const protocol::JsonValue& result);

struct ReportData {
  QDateTime created;
  QString user;
  QString host;
  QString agent_version;
  qint64 last_scan_ms = 0;
  qint64 policy_version = 0;
  QList<FileRecord> files;      // every file with personal data, encrypted ones included
  QList<HistoryItem> today;     // the user's actions since midnight
};

class ReportWriter {
  Q_DECLARE_TR_FUNCTIONS(ReportWriter)

 public:
  // The report as an HTML document (UTF-8; self-contained, no scripts, no external resources).
  static QString html(const ReportData& data, const RuleNames& names);
  // The file name without extension for `date`: "자가점검_2026-12-07" (translated word).
  static QString baseName(const QDate& date);

  // Writes `html` to `path` (replacing it atomically). kIo on failure.
  static Status writeHtml(const QString& html, const QString& path);
  // Renders `html` to an A4 PDF at `path`. kIo on failure.
  static Status writePdf(const QString& html, const QString& path);
  // A QTextDocument of the report, for printing.
  static void fill(QTextDocument& document, const QString& html);
};

}  // namespace jamul::gui
