// SPDX-License-Identifier: Apache-2.0
// FindingsModel and parseFindingsPage: the agent's `findings` reply (docs/local-api.md) as the
// results table shows it.
#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

#include "file_record.h"
#include "findings_model.h"
#include "location_text.h"
#include "explanation.h"
#include "rule_names.h"

using namespace jamul;
using namespace jamul::gui;

namespace {

protocol::JsonValue json(const char* text) {
  auto v = protocol::JsonValue::parse(text);
  if (!v) qFatal("bad test JSON: %s", v.error().message().c_str());
  return std::move(*v);
}

// Three files: one with two kinds, one encrypted (the agent's encrypted listing), one with an
// exception requested, on a removable volume.
const char* const kPage = R"({"files":[
  {"path":"/home/kim/명단.xlsx","status":"ok","format":"xlsx","size":18213,
   "counts":{"kr_rrn":42,"kr_phone":3},
   "findings":[{"rule":"kr_rrn","confidence":"high","location":"sheet 1, row 2, column 3","offset":57,
                "masked":"900101-1******","count":1,"basis":["checksum","label"]},
               {"rule":"kr_phone","confidence":"medium","location":"sheet 1, row 2, column 4","offset":80,
                "masked":"010-****-5678","count":3}]},
  {"path":"/home/kim/old.hwp.age","status":"encrypted","original":"/home/kim/old.hwp",
   "encrypted_at_ms":1796620492954,"counts":{"kr_rrn":5},"findings":[]},
  {"path":"/media/kim/USB DISK/list.csv","status":"ok","format":"text/utf-8","size":100,
   "counts":{"email":9},
   "findings":[{"rule":"email","confidence":"medium","location":"line 2","offset":3,
                "masked":"k***@example.com","count":9}],
   "exception":{"id":4,"state":"pending"}}],
 "total":3})";

const char* const kRules = R"({"rules":[
  {"id":"kr_rrn","title":"Resident registration number","title_ko":"주민등록번호","validation":""},
  {"id":"kr_phone","title":"Phone number","title_ko":"전화번호","validation":""},
  {"id":"email","title":"E-mail address","title_ko":"이메일","validation":""}]})";

}  // namespace

class FindingsModelTest : public QObject {
  Q_OBJECT

  QTranslator english_;

 private slots:
  // The tray always runs with a catalogue (English has plural forms the sources do not).
  void initTestCase() {
    QVERIFY(english_.load(QStringLiteral(":/i18n/jamul_en.qm")));
    QCoreApplication::installTranslator(&english_);
  }

  void parsesEveryFieldOfAReply() {
    auto page = parseFindingsPage(json(kPage));
    QVERIFY(page.ok());
    QCOMPARE(page->files.size(), 3);
    QCOMPARE(page->total, 3);
    QVERIFY(!page->next.has_value());
    const FileRecord& xlsx = page->files[0];
    QCOMPARE(xlsx.counts.value(QStringLiteral("kr_rrn")), 42);
    QCOMPARE(xlsx.findings.size(), 2);
    QCOMPARE(xlsx.findings[0].basis, QStringList({QStringLiteral("checksum"), QStringLiteral("label")}));
    QCOMPARE(xlsx.findings[1].count, 3);
    QCOMPARE(xlsx.highestLevel(), Level::kHigh);
    QCOMPARE(xlsx.totalCount(), 45);
    QCOMPARE(xlsx.state, FileState::kUnprotected);
    QCOMPARE(page->files[1].state, FileState::kEncrypted);
    QCOMPARE(page->files[1].original, QStringLiteral("/home/kim/old.hwp"));
    QCOMPARE(page->files[2].state, FileState::kException);
    QCOMPARE(page->files[2].exception_id, 4);
  }

  void aPageWithMoreToComeSaysWhere() {
    auto page = parseFindingsPage(json(R"({"files":[],"total":90,"next":40})"));
    QVERIFY(page.ok());
    QCOMPARE(page->next.value_or(-1), 40);
  }

  void refusesRepliesOfAnotherShape() {
    QVERIFY(!parseFindingsPage(json(R"({"total":1})")).ok());
    QVERIFY(!parseFindingsPage(json(R"({"files":[{"status":"ok"}]})")).ok());
    QVERIFY(!parseFindingsPage(json(R"({"files":[{"path":"/a","findings":[7]}]})")).ok());
    QVERIFY(!parseFindingsPage(json(R"({"files":[3]})")).ok());
  }

  void showsOneRowPerFileWithNamedKindsAndTheirCounts() {
    RuleNames names;
    names.load(json(kRules));
    FindingsModel model(&names);
    model.setFiles(parseFindingsPage(json(kPage))->files);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(FindingsModel::kColumnCount));
    auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, FindingsModel::kFile), QStringLiteral("명단.xlsx"));
    // Most frequent kind first, in the rule catalogue's words.
    QCOMPARE(text(0, FindingsModel::kTypes), QStringLiteral("Resident registration number 42, Phone number 3"));
    QCOMPARE(text(0, FindingsModel::kConfidence), QStringLiteral("High"));
    QCOMPARE(text(0, FindingsModel::kExamples), QStringLiteral("900101-1******, 010-****-5678"));
    QCOMPARE(text(0, FindingsModel::kFolder), QStringLiteral("/home/kim"));
    QCOMPARE(text(0, FindingsModel::kState), QStringLiteral("Not protected"));
    QCOMPARE(text(1, FindingsModel::kState), QStringLiteral("Encrypted"));
    QCOMPARE(text(2, FindingsModel::kState), QStringLiteral("Exception requested"));
    QCOMPARE(model.index(0, 0).data(FindingsModel::kPathRole).toString(), QStringLiteral("/home/kim/명단.xlsx"));
    QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("/home/kim/명단.xlsx"));
    QCOMPARE(model.headerData(FindingsModel::kTypes, Qt::Horizontal).toString(), QStringLiteral("Personal data"));
  }

  void anUnnamedRuleShowsItsId() {
    RuleNames names;  // the agent did not answer `rules`
    FindingsModel model(&names);
    model.setFiles(parseFindingsPage(json(kPage))->files);
    QCOMPARE(model.index(2, FindingsModel::kTypes).data().toString(), QStringLiteral("email 9"));
  }

  void labelsFilesOnRemovableVolumesOnly() {
    RuleNames names;
    FindingsModel model(&names);
    VolumeInfo usb{QStringLiteral("1234-ABCD"), QStringLiteral("USB DISK"), QStringLiteral("/media/kim/USB DISK"), true};
    VolumeInfo fixed{QStringLiteral("root"), QStringLiteral("HOME"), QStringLiteral("/home"), false};
    model.setFiles(parseFindingsPage(json(kPage))->files, {usb, fixed});
    QCOMPARE(model.index(0, FindingsModel::kVolume).data().toString(), QString());
    QCOMPARE(model.index(2, FindingsModel::kVolume).data().toString(), QStringLiteral("USB DISK"));
  }

  void summarisesLikeTheAuditCountsIt() {
    RuleNames names;
    FindingsModel model(&names);
    QVERIFY(!model.encryptionRate().has_value());  // nothing found: no rate, not 0% or 100%
    model.setFiles(parseFindingsPage(json(kPage))->files);
    QCOMPARE(model.plaintextFiles(), 2);
    QCOMPARE(model.encryptedFiles(), 1);
    QCOMPARE(model.unprotectedFiles(), 2);  // the exception is only requested
    QList<FileRecord> granted = model.files();
    granted[2].exception_state = QStringLiteral("approved");
    FindingsModel after(&names);
    after.setFiles(granted);
    QCOMPARE(after.unprotectedFiles(), 1);
    QVERIFY(qAbs(*model.encryptionRate() - 100.0 / 3.0) < 1e-9);
    QCOMPARE(model.plaintextCountsByRule().value(QStringLiteral("kr_rrn")), 42);
    QCOMPARE(model.encryptedCountsByRule().value(QStringLiteral("kr_rrn")), 5);
    QCOMPARE(model.rowOfPath(QStringLiteral("/home/kim/old.hwp.age")), 1);
    QCOMPARE(model.rowOfPath(QStringLiteral("/nowhere")), -1);
  }

  void sortValuesAreNumbersWhereTheTextIsNot() {
    RuleNames names;
    FindingsModel model(&names);
    model.setFiles(parseFindingsPage(json(kPage))->files);
    QCOMPARE(model.index(0, FindingsModel::kTypes).data(FindingsModel::kSortRole).toLongLong(), 45);
    QCOMPARE(model.index(0, FindingsModel::kConfidence).data(FindingsModel::kSortRole).toInt(), int(Level::kHigh));
  }

  void locationsReadInTheTraysLanguage() {
    const QString where = QStringLiteral("2025_민원.zip!report.docx!section 1, paragraph 14");
    QCOMPARE(LocationText::of(where), QStringLiteral("2025_민원.zip › report.docx › section 1, paragraph 14"));
    QCOMPARE(LocationText::of(QStringLiteral("row 5, column 3")), QStringLiteral("row 5, column 3"));
    QTranslator korean;
    QVERIFY(korean.load(QStringLiteral(":/i18n/jamul_ko.qm")));
    QCoreApplication::removeTranslator(&english_);
    QCoreApplication::installTranslator(&korean);
    const QString ko = LocationText::of(where);
    const QString cell = LocationText::of(QStringLiteral("attachment:명단.xlsx!Sheet1!C5"));
    const QString rows = LocationText::of(QStringLiteral("row 5, column 3"));
    QCoreApplication::removeTranslator(&korean);
    QCoreApplication::installTranslator(&english_);
    QCOMPARE(ko, QStringLiteral("2025_민원.zip › report.docx › 1구역, 14번째 문단"));
    QCOMPARE(cell, QStringLiteral("첨부:명단.xlsx › Sheet1 › C5"));  // names stay as they are
    QCOMPARE(rows, QStringLiteral("5행, 3열"));
  }

  void theDetailPaneSaysWhyEachFindingWasReported() {
    RuleNames names;
    names.load(json(kRules));
    const QList<FileRecord> files = parseFindingsPage(json(kPage))->files;
    const QString xlsx = Explanation::html(files[0], names);
    QVERIFY(xlsx.contains(QStringLiteral("Resident registration number")));
    QVERIFY(xlsx.contains(QStringLiteral("900101-1******")));
    QVERIFY(xlsx.contains(QStringLiteral("its check digit is valid")));
    QVERIFY(xlsx.contains(QStringLiteral("labelled as such")));
    QVERIFY(xlsx.contains(QStringLiteral("sheet 1, row 2, column 3")));
    QVERIFY(xlsx.contains(QStringLiteral("(3 times)")));  // the phone number occurs three times
    // An e-mail's "checksum" is its real domain, not a check digit.
    QCOMPARE(Explanation::basisText(QStringLiteral("checksum"), QStringLiteral("email")),
             QStringLiteral("its domain exists"));
    // An encrypted file: what it held before, by kind.
    const QString age = Explanation::html(files[1], names);
    QVERIFY(age.contains(QStringLiteral("Before it was encrypted it held:")));
    QVERIFY(age.contains(QStringLiteral("Resident registration number: 5 occurrences")));
    // Markup in a file name is shown, not obeyed.
    FileRecord odd = files[0];
    odd.path = QStringLiteral("/home/kim/<b>x</b>.txt");
    QVERIFY(Explanation::html(odd, names).contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt;.txt")));
  }

  void aResetReplacesEveryRow() {
    RuleNames names;
    FindingsModel model(&names);
    model.setFiles(parseFindingsPage(json(kPage))->files);
    model.setFiles({});
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).data().isValid());
  }
};

QTEST_MAIN(FindingsModelTest)
#include "findings_model_test.moc"
