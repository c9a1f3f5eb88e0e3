// SPDX-License-Identifier: Apache-2.0
// FindingsFilter: what the results window shows of the findings, and in which order.
#include <QTest>

#include "findings_filter.h"
#include "findings_model.h"

using namespace jamul::gui;

namespace {

FileRecord file(const QString& path, QMap<QString, qint64> counts, Level level,
                FileState state = FileState::kUnprotected) {
  FileRecord f;
  f.path = path;
  f.status = state == FileState::kEncrypted ? QStringLiteral("encrypted") : QStringLiteral("ok");
  f.counts = counts;
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    FindingItem item;
    item.rule = it.key();
    item.level = level;
    item.masked = QStringLiteral("***");
    f.findings << item;
  }
  f.state = state;
  return f;
}

QStringList shownPaths(const FindingsFilter& filter) {
  QStringList out;
  for (int r = 0; r < filter.rowCount(); ++r)
    out << filter.index(r, 0).data(FindingsModel::kPathRole).toString();
  return out;
}

}  // namespace

class FindingsFilterTest : public QObject {
  Q_OBJECT

 private:
  RuleNames names_;
  FindingsModel* model_ = nullptr;
  FindingsFilter* filter_ = nullptr;

 private slots:
  void init() {
    model_ = new FindingsModel(&names_, this);
    model_->setFiles({
        file(QStringLiteral("/home/kim/문서/급여.xlsx"), {{QStringLiteral("kr_rrn"), 9}}, Level::kHigh),
        file(QStringLiteral("/home/kim/문서/연락처.csv"), {{QStringLiteral("kr_phone"), 10}}, Level::kMedium),
        file(QStringLiteral("/home/kim/다운로드/old.hwp.age"), {{QStringLiteral("kr_rrn"), 2}}, Level::kMedium,
             FileState::kEncrypted),
        file(QStringLiteral("/home/kim/문서들/log.txt"), {{QStringLiteral("ipv4"), 1}}, Level::kLow),
        file(QStringLiteral("/home/kim/문서/보관.pdf"),
             {{QStringLiteral("kr_rrn"), 1}, {QStringLiteral("email"), 4}}, Level::kHigh, FileState::kException),
    });
    filter_ = new FindingsFilter(this);
    filter_->setSourceModel(model_);
  }
  void cleanup() {
    delete filter_;
    delete model_;
  }

  void showsEverythingByDefault() { QCOMPARE(filter_->rowCount(), 5); }

  void byKind() {
    filter_->setRule(QStringLiteral("kr_rrn"));
    QCOMPARE(filter_->rowCount(), 3);
    filter_->setRule(QStringLiteral("email"));
    QCOMPARE(shownPaths(*filter_), QStringList({QStringLiteral("/home/kim/문서/보관.pdf")}));
    filter_->setRule(QString());
    QCOMPARE(filter_->rowCount(), 5);
  }

  void byLowestConfidence() {
    filter_->setMinimumLevel(Level::kMedium);
    QCOMPARE(filter_->rowCount(), 4);
    filter_->setMinimumLevel(Level::kHigh);
    QCOMPARE(filter_->rowCount(), 2);
  }

  void byFolderPrefixOrPartOfItsPath() {
    // A full folder takes that folder and below, not a sibling that merely starts alike.
    filter_->setFolder(QStringLiteral("/home/kim/문서"));
    QCOMPARE(filter_->rowCount(), 3);
    filter_->setFolder(QStringLiteral("/home/kim/문서/"));
    QCOMPARE(filter_->rowCount(), 3);
    filter_->setFolder(QStringLiteral("문서"));
    QCOMPARE(filter_->rowCount(), 4);
    filter_->setFolder(QStringLiteral("다운로드"));
    QCOMPARE(shownPaths(*filter_), QStringList({QStringLiteral("/home/kim/다운로드/old.hwp.age")}));
    filter_->setFolder(QStringLiteral("  DOWN  "));
    QCOMPARE(filter_->rowCount(), 0);
    filter_->setFolder(QStringLiteral("문서들"));
    QCOMPARE(filter_->rowCount(), 1);
  }

  void byProtectionState() {
    filter_->setState(FindingsFilter::StateFilter::kUnprotected);
    QCOMPARE(filter_->rowCount(), 3);
    filter_->setState(FindingsFilter::StateFilter::kEncrypted);
    QCOMPARE(shownPaths(*filter_), QStringList({QStringLiteral("/home/kim/다운로드/old.hwp.age")}));
    filter_->setState(FindingsFilter::StateFilter::kException);
    QCOMPARE(shownPaths(*filter_), QStringList({QStringLiteral("/home/kim/문서/보관.pdf")}));
  }

  void filtersCombine() {
    filter_->setRule(QStringLiteral("kr_rrn"));
    filter_->setState(FindingsFilter::StateFilter::kUnprotected);
    filter_->setMinimumLevel(Level::kHigh);
    QCOMPARE(shownPaths(*filter_), QStringList({QStringLiteral("/home/kim/문서/급여.xlsx")}));
  }

  void sortsCountsAsNumbers() {
    // 10 occurrences sort above 9 (a text sort would put "9" first).
    filter_->sort(FindingsModel::kTypes, Qt::DescendingOrder);
    QCOMPARE(filter_->index(0, 0).data(FindingsModel::kPathRole).toString(), QStringLiteral("/home/kim/문서/연락처.csv"));
    QCOMPARE(filter_->index(1, 0).data(FindingsModel::kPathRole).toString(), QStringLiteral("/home/kim/문서/급여.xlsx"));
  }

  void sortsConfidenceByLevelNotByName() {
    filter_->sort(FindingsModel::kConfidence, Qt::AscendingOrder);
    QCOMPARE(filter_->index(0, 0).data(FindingsModel::kPathRole).toString(), QStringLiteral("/home/kim/문서들/log.txt"));
    QCOMPARE(filter_->index(0, 0).data(FindingsModel::kLevelRole).toInt(), int(Level::kLow));
    QCOMPARE(filter_->index(4, 0).data(FindingsModel::kLevelRole).toInt(), int(Level::kHigh));
  }

  void keepsFilteringWhenTheListingIsReplaced() {
    filter_->setRule(QStringLiteral("kr_phone"));
    model_->setFiles({file(QStringLiteral("/a"), {{QStringLiteral("kr_phone"), 1}}, Level::kHigh),
                      file(QStringLiteral("/b"), {{QStringLiteral("email"), 1}}, Level::kHigh)});
    QCOMPARE(shownPaths(*filter_), QStringList({QStringLiteral("/a")}));
  }
};

QTEST_MAIN(FindingsFilterTest)
#include "findings_filter_test.moc"
