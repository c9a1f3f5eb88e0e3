// SPDX-License-Identifier: Apache-2.0
#include "report.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <algorithm>

#include "findings_model.h"

namespace jamul::gui {

using protocol::JsonValue;

QList<HistoryItem> parseHistory(const JsonValue& result) {
  QList<HistoryItem> out;
  const JsonValue* actions = result.find("actions");
  if (!actions || !actions->isArray()) return out;
  auto text = [](const JsonValue& o, std::string_view key) {
    const JsonValue* v = o.find(key);
    return v && v->isString() ? QString::fromStdString(v->asString()) : QString();
  };
  for (const JsonValue& a : actions->asArray()) {
    if (!a.isObject()) continue;
    HistoryItem item;
    item.action = text(a, "action");
    item.file = text(a, "file");
    item.path = text(a, "path");
    item.state = text(a, "state");
    if (const JsonValue* at = a.find("at_ms"); at && at->isInteger()) item.at_ms = at->asInteger();
    if (const JsonValue* c = a.find("counts"); c && c->isObject())
      for (const auto& [rule, n] : c->members())
        if (n.isInteger()) item.counts.insert(QString::fromStdString(rule), n.asInteger());
    out << item;
  }
  return out;
}

namespace {

QString esc(const QString& s) { return s.toHtmlEscaped(); }

QString dateTimeText(qint64 ms) {
  if (ms <= 0) return ReportWriter::tr("none yet");
  return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString actionText(const QString& action) {
  if (action == QLatin1String("encrypt")) return ReportWriter::tr("Encrypted");
  if (action == QLatin1String("decrypt")) return ReportWriter::tr("Decrypted");
  if (action == QLatin1String("shred")) return ReportWriter::tr("Shredded");
  return esc(action);
}

// The form's style: black rules, a grey header row, the title boxed — what a printed 서식 looks like.
const char* const kStyle =
    "body{font-family:'NanumGothic','Noto Sans CJK KR',sans-serif;font-size:10pt;color:#000}"
    "h1{font-size:18pt;text-align:center;margin:0}"
    "h2{font-size:11pt;margin-top:14pt;margin-bottom:4pt}"
    "table{border-collapse:collapse;width:100%}"
    "th{background:#e6e6e6;font-weight:bold}"
    "td.num{text-align:right}"
    ".note{font-size:8pt;color:#333}";

// The form's pieces: a numbered section heading, a ruled table with its header row (each column
// a header and a width, "" for the rest), and the one row a table shows when it has no rows.
QString section(int number, const QString& title) {
  return QStringLiteral("<h2>%1. %2</h2>").arg(number).arg(esc(title));
}

QString tableStart(const QList<std::pair<QString, QString>>& columns) {
  QString h = QStringLiteral(
      "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" width=\"100%\"><tr>");
  for (const auto& [header, width] : columns)
    h += width.isEmpty() ? QStringLiteral("<th>%1</th>").arg(esc(header))
                         : QStringLiteral("<th width=\"%1\">%2</th>").arg(width, esc(header));
  return h + QStringLiteral("</tr>");
}

QString emptyRow(int columns, const QString& text) {
  return QStringLiteral("<tr><td colspan=\"%1\" align=\"center\">%2</td></tr>").arg(columns).arg(esc(text));
}

}  // namespace

QString ReportWriter::baseName(const QDate& date) {
  return tr("self-check", "file name of the report") + QLatin1Char('_') +
         date.toString(Qt::ISODate);
}

QString ReportWriter::html(const ReportData& data, const RuleNames& names) {
  QMap<QString, qint64> plain_by_rule, encrypted_by_rule, plain_files_by_rule, encrypted_files_by_rule;
  qint64 plain_files = 0, encrypted_files = 0;
  QList<const FileRecord*> unprotected;
  for (const FileRecord& f : data.files) {
    const bool enc = f.state == FileState::kEncrypted;
    (enc ? encrypted_files : plain_files) += 1;
    for (auto it = f.counts.begin(); it != f.counts.end(); ++it) {
      (enc ? encrypted_by_rule : plain_by_rule)[it.key()] += it.value();
      (enc ? encrypted_files_by_rule : plain_files_by_rule)[it.key()] += 1;
    }
    if (!enc) unprotected << &f;
  }
  QStringList rules = plain_by_rule.keys() + encrypted_by_rule.keys();
  rules.removeDuplicates();
  std::sort(rules.begin(), rules.end(),
            [&names](const QString& a, const QString& b) { return names.lessThan(a, b); });

  const qint64 all_files = plain_files + encrypted_files;
  const QString rate = all_files == 0 ? tr("no files with personal data")
                                      : QStringLiteral("%1%").arg(
                                            QLocale().toString(100.0 * double(encrypted_files) / double(all_files), 'f', 1));

  QString h;
  h += QStringLiteral("<!DOCTYPE html><html lang=\"%1\"><head><meta charset=\"utf-8\"><title>%2</title>"
                      "<style>%3</style></head><body>")
           .arg(tr("en", "the HTML language code of this translation"), esc(tr("Personal data self-check report")),
                QLatin1String(kStyle));
  h += QStringLiteral("<table border=\"2\" cellpadding=\"8\" cellspacing=\"0\" width=\"100%\"><tr><td>"
                      "<h1>%1</h1><p align=\"center\">%2</p></td></tr></table>")
           .arg(esc(tr("Personal data self-check report")),
                esc(tr("Resident registration numbers and other unique identifiers on this PC, and their encryption")));

  // Who, where, when.
  h += QStringLiteral("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" width=\"100%\">");
  auto row2 = [&](const QString& k1, const QString& v1, const QString& k2, const QString& v2) {
    h += QStringLiteral("<tr><th width=\"20%\">%1</th><td width=\"30%\">%2</td><th width=\"20%\">%3</th><td>%4</td></tr>")
             .arg(esc(k1), esc(v1), esc(k2), esc(v2));
  };
  row2(tr("Date of check"), QLocale().toString(data.created, QStringLiteral("yyyy-MM-dd HH:mm")),
       tr("Employee"), data.user);
  row2(tr("PC"), data.host, tr("Agent version"), data.agent_version);
  row2(tr("Last complete scan"), dateTimeText(data.last_scan_ms), tr("Policy version"),
       QString::number(data.policy_version));
  row2(tr("Files with personal data"), QString::number(all_files), tr("Encryption rate"), rate);
  h += QStringLiteral("</table>");

  // 1. By kind.
  h += section(1, tr("Personal data by kind"));
  h += tableStart({{tr("Kind"), {}}, {tr("Unprotected files"), {}}, {tr("Unprotected occurrences"), {}},
                   {tr("Encrypted files"), {}}, {tr("Encrypted occurrences"), {}}});
  for (const QString& rule : rules)
    h += QStringLiteral("<tr><td>%1</td><td class=\"num\" align=\"right\">%2</td><td class=\"num\" align=\"right\">%3</td><td class=\"num\" align=\"right\">%4</td><td class=\"num\" align=\"right\">%5</td></tr>")
             .arg(esc(names.title(rule)))
             .arg(plain_files_by_rule.value(rule))
             .arg(plain_by_rule.value(rule))
             .arg(encrypted_files_by_rule.value(rule))
             .arg(encrypted_by_rule.value(rule));
  if (rules.isEmpty()) h += emptyRow(5, tr("No personal data found."));
  h += QStringLiteral("</table>");

  // 2. Still unprotected.
  h += section(2, tr("Files still unprotected"));
  h += tableStart({{tr("No."), QStringLiteral("7%")}, {tr("File"), {}},
                   {tr("Personal data"), QStringLiteral("30%")}, {tr("State"), QStringLiteral("14%")}});
  int n = 0;
  for (const FileRecord* f : unprotected)
    h += QStringLiteral("<tr><td align=\"right\">%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
             .arg(++n)
             .arg(esc(QDir::toNativeSeparators(f->path)), esc(FindingsModel::typesText(f->counts, names)),
                  esc(FindingsModel::stateText(*f)));
  if (unprotected.isEmpty()) h += emptyRow(4, tr("None: every file with personal data is protected."));
  h += QStringLiteral("</table>");

  // 3. Fixed today.
  h += section(3, tr("Fixed today"));
  h += tableStart({{tr("Time"), QStringLiteral("12%")}, {tr("Action"), QStringLiteral("14%")},
                   {tr("File"), {}}, {tr("Personal data"), QStringLiteral("30%")}});
  int fixed = 0;
  for (const HistoryItem& a : data.today) {
    if (a.state != QLatin1String("done")) continue;
    ++fixed;
    h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
             .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.at_ms).time(), QStringLiteral("HH:mm")),
                  actionText(a.action), esc(QDir::toNativeSeparators(a.file)),
                  esc(FindingsModel::typesText(a.counts, names)));
  }
  if (fixed == 0) h += emptyRow(4, tr("Nothing was fixed today."));
  h += QStringLiteral("</table>");

  // 4. Confirmation.
  h += section(4, tr("Confirmation"));
  h += QStringLiteral("<p>%1</p>").arg(esc(tr("I checked my PC for personal data on the date above and took the actions listed.")));
  h += QStringLiteral("<table border=\"1\" cellpadding=\"10\" cellspacing=\"0\" width=\"100%\"><tr><th width=\"18%\">%1</th><td width=\"32%\">%2</td><th width=\"18%\">%3</th><td></td></tr></table>")
           .arg(esc(tr("Employee")), esc(tr("%1 (signature)").arg(data.user)), esc(tr("Reviewed by")));
  h += QStringLiteral("<p class=\"note\">%1</p>")
           .arg(esc(tr("Made by Jamul. Values are never shown: only kinds, counts and file names. "
                       "Legal basis: Personal Information Protection Act §24-2 and the Standards "
                       "for Measures to Ensure Safety of Personal Information §7.")));
  h += QStringLiteral("</body></html>");
  return h;
}

Status ReportWriter::writeHtml(const QString& html, const QString& path) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    return Error(ErrorCode::kIo, "cannot create the report: " + file.errorString().toStdString(),
                 path.toStdString());
  const QByteArray bytes = html.toUtf8();
  if (file.write(bytes) != bytes.size() || !file.commit())
    return Error(ErrorCode::kIo, "cannot write the report: " + file.errorString().toStdString(),
                 path.toStdString());
  return {};
}

void ReportWriter::fill(QTextDocument& document, const QString& html) {
  QFont font(QStringLiteral("NanumGothic"));
  font.setPointSize(10);
  document.setDefaultFont(font);
  document.setHtml(html);
}

Status ReportWriter::writePdf(const QString& html, const QString& path) {
  // QPdfWriter writes in place; write beside the target and rename, so that a failed render never
  // leaves half a report under the report's name.
  const QString temp = path + QStringLiteral(".part");
  {
    QPdfWriter writer(temp);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(18, 15, 18, 15), QPageLayout::Millimeter);
    writer.setResolution(300);
    writer.setTitle(tr("Personal data self-check report"));
    writer.setCreator(QStringLiteral("Jamul"));
    QTextDocument document;
    fill(document, html);
    document.print(&writer);
  }
  QFileInfo info(temp);
  if (!info.exists() || info.size() == 0) {
    QFile::remove(temp);
    return Error(ErrorCode::kIo, "cannot write the PDF report", path.toStdString());
  }
  QFile::remove(path);
  if (!QFile::rename(temp, path)) {
    QFile::remove(temp);
    return Error(ErrorCode::kIo, "cannot move the PDF report into place", path.toStdString());
  }
  return {};
}

}  // namespace jamul::gui
