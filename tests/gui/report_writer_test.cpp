// SPDX-License-Identifier: Apache-2.0
// ReportWriter: the 자가점검 report — its sections and figures, Korean when the tray speaks Korean,
// the HTML and PDF files it writes, and a clear error where it cannot write.
#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "report.h"

using namespace jamul;
using namespace jamul::gui;

namespace {

ReportData sample() {
  ReportData d;
  d.created = QDateTime(QDate(2026, 12, 7), QTime(10, 30));
  d.user = QStringLiteral("kim");
  d.host = QStringLiteral("pc-0427");
  d.agent_version = QStringLiteral("0.1.0");
  d.last_scan_ms = QDateTime(QDate(2026, 12, 7), QTime(9, 0)).toMSecsSinceEpoch();
  d.policy_version = 3;
  FileRecord plain;
  plain.path = QStringLiteral("/home/kim/문서/급여 명단.xlsx");
  plain.counts = {{QStringLiteral("kr_rrn"), 42}, {QStringLiteral("kr_phone"), 3}};
  FindingItem item;
  item.rule = QStringLiteral("kr_rrn");
  item.masked = QStringLiteral("900101-1******");
  plain.findings << item;
  FileRecord encrypted;
  encrypted.path = QStringLiteral("/home/kim/old.hwp.age");
  encrypted.state = FileState::kEncrypted;
  encrypted.counts = {{QStringLiteral("kr_rrn"), 5}};
  d.files = {plain, encrypted};
  HistoryItem fixed;
  fixed.action = QStringLiteral("encrypt");
  fixed.file = QStringLiteral("/home/kim/old.hwp");
  fixed.path = QStringLiteral("/home/kim/old.hwp.age");
  fixed.state = QStringLiteral("done");
  fixed.at_ms = QDateTime(QDate(2026, 12, 7), QTime(10, 5)).toMSecsSinceEpoch();
  fixed.counts = {{QStringLiteral("kr_rrn"), 5}};
  HistoryItem failed = fixed;
  failed.file = QStringLiteral("/home/kim/failed-one.xlsx");
  failed.state = QStringLiteral("failed");
  d.today = {fixed, failed};
  return d;
}

RuleNames names() {
  auto v = protocol::JsonValue::parse(
      R"({"rules":[{"id":"kr_rrn","title":"Resident registration number","title_ko":"주민등록번호"},
                   {"id":"kr_phone","title":"Phone number","title_ko":"전화번호"}]})");
  RuleNames n;
  n.load(*v);
  return n;
}

}  // namespace

class ReportWriterTest : public QObject {
  Q_OBJECT

 private slots:
  void holdsEverySectionAndFigure() {
    const QString html = ReportWriter::html(sample(), names());
    QVERIFY(html.contains(QStringLiteral("Personal data self-check report")));
    QVERIFY(html.contains(QStringLiteral("pc-0427")));
    QVERIFY(html.contains(QStringLiteral("2026-12-07 09:00")));  // the last complete scan
    QVERIFY(html.contains(QStringLiteral("50.0%")));             // one of two files encrypted
    QVERIFY(html.contains(QStringLiteral("Resident registration number")));
    QVERIFY(html.contains(QStringLiteral("/home/kim/문서/급여 명단.xlsx")));  // still unprotected
    QVERIFY(html.contains(QStringLiteral("/home/kim/old.hwp")));             // fixed today
    QVERIFY(!html.contains(QStringLiteral("failed-one")));                   // a failed action fixed nothing
    QVERIFY(html.contains(QStringLiteral("(signature)")));
    // Rows of the kinds table: 42 unprotected occurrences in 1 file, 5 encrypted in 1 file.
    QVERIFY(html.contains(QStringLiteral(">42<")));
    QVERIFY(html.contains(QStringLiteral(">5<")));
    // Kinds in the rule catalogue's order (resident numbers first), not by id.
    QVERIFY(html.indexOf(QStringLiteral("Resident registration number")) <
            html.indexOf(QStringLiteral("Phone number")));
    // No value, not even masked: the report is filed and printed.
    QVERIFY(!html.contains(QStringLiteral("900101")));
  }

  void saysSoWhenThereIsNothing() {
    ReportData empty = sample();
    empty.files.clear();
    empty.today.clear();
    const QString html = ReportWriter::html(empty, names());
    QVERIFY(html.contains(QStringLiteral("No personal data found.")));
    QVERIFY(html.contains(QStringLiteral("Nothing was fixed today.")));
    QVERIFY(html.contains(QStringLiteral("no files with personal data")));
  }

  void speaksKoreanWithTheKoreanCatalogue() {
    QTranslator korean;
    QVERIFY(korean.load(QStringLiteral(":/i18n/jamul_ko.qm")));
    QCoreApplication::installTranslator(&korean);
    const QString html = ReportWriter::html(sample(), names());
    const QString base = ReportWriter::baseName(QDate(2026, 12, 7));
    QCoreApplication::removeTranslator(&korean);
    QVERIFY(html.contains(QStringLiteral("개인정보 자가점검 결과서")));
    QVERIFY(html.contains(QStringLiteral("암호화율")));
    QVERIFY(html.contains(QStringLiteral("lang=\"ko\"")));
    QCOMPARE(base, QStringLiteral("자가점검_2026-12-07"));
  }

  void writesHtmlAndPdf() {
    QTemporaryDir dir;
    const QString html = ReportWriter::html(sample(), names());
    const QString page = dir.filePath(QStringLiteral("r.html"));
    const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
    QVERIFY(ReportWriter::writeHtml(html, page).ok());
    QVERIFY(ReportWriter::writePdf(html, pdf).ok());
    QFile h(page);
    QVERIFY(h.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(h.readAll()), html);
    QFile p(pdf);
    QVERIFY(p.open(QIODevice::ReadOnly));
    const QByteArray bytes = p.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.contains("/Type /Page"));
    QVERIFY(!QFile::exists(pdf + QStringLiteral(".part")));
    // A second save of the same day replaces the first.
    QVERIFY(ReportWriter::writePdf(html, pdf).ok());
  }

  void anUnwritableFolderIsAnErrorNotACrash() {
    const QString html = ReportWriter::html(sample(), names());
    auto r = ReportWriter::writeHtml(html, QStringLiteral("/nonexistent-folder/r.html"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code(), ErrorCode::kIo);
    auto p = ReportWriter::writePdf(html, QStringLiteral("/nonexistent-folder/r.pdf"));
    QVERIFY(!p.ok());
    QCOMPARE(p.error().code(), ErrorCode::kIo);
  }

  void parsesTheAgentsHistory() {
    auto v = protocol::JsonValue::parse(
        R"({"actions":[{"id":3,"action":"encrypt","file":"/h/a.xlsx","path":"/h/a.xlsx.age","at_ms":5,"state":"done","counts":{"kr_rrn":2}},
                        {"id":2,"action":"shred","file":"/h/b","path":"","at_ms":4,"state":"failed","counts":{}}]})");
    const QList<HistoryItem> items = parseHistory(*v);
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].action, QStringLiteral("encrypt"));
    QCOMPARE(items[0].counts.value(QStringLiteral("kr_rrn")), 2);
    QCOMPARE(items[1].state, QStringLiteral("failed"));
    QVERIFY(parseHistory(*protocol::JsonValue::parse("{}")).isEmpty());
  }
};

QTEST_MAIN(ReportWriterTest)
#include "report_writer_test.moc"
