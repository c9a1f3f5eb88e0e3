// SPDX-License-Identifier: Apache-2.0
#pragma once

// FindingsFilter: what the results window shows of FindingsModel — by kind of personal data,
// lowest confidence, folder and protection state — sorted by the model's kSortRole (counts as
// numbers, confidence by level, names case-insensitively).
//
// Thread-safety: GUI thread only.

#include <QSortFilterProxyModel>
#include <QString>
#include <optional>

#include "file_record.h"

namespace jamul::gui {

class FindingsFilter : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  enum class StateFilter { kAll, kUnprotected, kEncrypted, kException };

  explicit FindingsFilter(QObject* parent = nullptr);

  // Only files holding this rule ("" or a null string: any).
  void setRule(const QString& rule);
  // Only files whose highest confidence is at least this.
  void setMinimumLevel(Level level);
  // An absolute path: only files in that folder and below ("/home/kim/문서" takes
  // /home/kim/문서/a.hwp and /home/kim/문서/2025/b.hwp, not /home/kim/문서들/c.hwp). Any other text:
  // files whose folder path contains it, case-insensitively ("문서" takes all three).
  void setFolder(const QString& folder);
  void setState(StateFilter state);

  QString rule() const { return rule_; }
  Level minimumLevel() const { return level_; }
  QString folder() const { return folder_; }
  StateFilter state() const { return state_; }

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

 private:
  QString rule_;
  Level level_ = Level::kLow;
  QString folder_;
  StateFilter state_ = StateFilter::kAll;
};

}  // namespace jamul::gui
