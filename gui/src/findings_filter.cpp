// SPDX-License-Identifier: Apache-2.0
#include "findings_filter.h"

#include <QFileInfo>

#include "findings_model.h"

namespace jamul::gui {

FindingsFilter::FindingsFilter(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(FindingsModel::kSortRole);
  setSortCaseSensitivity(Qt::CaseInsensitive);
  setSortLocaleAware(true);
}

void FindingsFilter::setRule(const QString& rule) {
  if (rule == rule_) return;
  rule_ = rule;
  invalidateFilter();
}

void FindingsFilter::setMinimumLevel(Level level) {
  if (level == level_) return;
  level_ = level;
  invalidateFilter();
}

void FindingsFilter::setFolder(const QString& folder) {
  const QString trimmed = folder.trimmed();
  if (trimmed == folder_) return;
  folder_ = trimmed;
  invalidateFilter();
}

void FindingsFilter::setState(StateFilter state) {
  if (state == state_) return;
  state_ = state;
  invalidateFilter();
}

bool FindingsFilter::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
  const QModelIndex index = sourceModel()->index(source_row, 0, source_parent);
  if (!rule_.isEmpty() &&
      !index.data(FindingsModel::kRulesRole).toStringList().contains(rule_))
    return false;
  if (index.data(FindingsModel::kLevelRole).toInt() < static_cast<int>(level_)) return false;
  if (!folder_.isEmpty()) {
    const QString folder = QFileInfo(index.data(FindingsModel::kPathRole).toString()).path();
    if (folder_.startsWith(QLatin1Char('/'))) {
      QString top = folder_;
      while (top.size() > 1 && top.endsWith(QLatin1Char('/'))) top.chop(1);
      if (folder != top && !folder.startsWith(top == QLatin1String("/") ? top : top + QLatin1Char('/')))
        return false;
    } else if (!folder.contains(folder_, Qt::CaseInsensitive)) {
      return false;
    }
  }
  const auto state = static_cast<FileState>(index.data(FindingsModel::kStateRole).toInt());
  switch (state_) {
    case StateFilter::kAll: return true;
    case StateFilter::kUnprotected: return state == FileState::kUnprotected;
    case StateFilter::kEncrypted: return state == FileState::kEncrypted;
    case StateFilter::kException: return state == FileState::kException;
  }
  return true;
}

}  // namespace jamul::gui
