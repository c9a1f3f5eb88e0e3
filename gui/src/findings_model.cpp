// SPDX-License-Identifier: Apache-2.0
#include "findings_model.h"

#include <QDir>
#include <algorithm>
#include <utility>

namespace jamul::gui {

FindingsModel::FindingsModel(const RuleNames* names, QObject* parent)
    : QAbstractTableModel(parent), names_(names) {}

void FindingsModel::setFiles(QList<FileRecord> files, const QList<VolumeInfo>& volumes) {
  AgentStatus where;
  where.volumes = volumes;
  for (FileRecord& f : files) {
    if (const VolumeInfo* v = where.volumeOf(f.path); v && v->removable)
      f.volume = v->label.isEmpty() ? v->mount_point : v->label;
  }
  beginResetModel();
  files_ = std::move(files);
  endResetModel();
}

const FileRecord* FindingsModel::fileAt(int row) const {
  return row >= 0 && row < files_.size() ? &files_[row] : nullptr;
}

int FindingsModel::rowOfPath(const QString& path) const {
  for (int i = 0; i < files_.size(); ++i)
    if (files_[i].path == path) return i;
  return -1;
}

qint64 FindingsModel::plaintextFiles() const {
  return std::count_if(files_.begin(), files_.end(),
                       [](const FileRecord& f) { return f.state != FileState::kEncrypted; });
}

qint64 FindingsModel::encryptedFiles() const {
  return std::count_if(files_.begin(), files_.end(),
                       [](const FileRecord& f) { return f.state == FileState::kEncrypted; });
}

qint64 FindingsModel::unprotectedFiles() const {
  return std::count_if(files_.begin(), files_.end(), [](const FileRecord& f) {
    return f.state == FileState::kUnprotected ||
           (f.state == FileState::kException && f.exception_state != QLatin1String("approved"));
  });
}

std::optional<double> FindingsModel::encryptionRate() const {
  if (files_.isEmpty()) return std::nullopt;
  return 100.0 * static_cast<double>(encryptedFiles()) / static_cast<double>(files_.size());
}

QMap<QString, qint64> FindingsModel::plaintextCountsByRule() const {
  QMap<QString, qint64> out;
  for (const FileRecord& f : files_)
    if (f.state != FileState::kEncrypted)
      for (auto it = f.counts.begin(); it != f.counts.end(); ++it) out[it.key()] += it.value();
  return out;
}

QMap<QString, qint64> FindingsModel::encryptedCountsByRule() const {
  QMap<QString, qint64> out;
  for (const FileRecord& f : files_)
    if (f.state == FileState::kEncrypted)
      for (auto it = f.counts.begin(); it != f.counts.end(); ++it) out[it.key()] += it.value();
  return out;
}

QString FindingsModel::levelText(Level level) {
  switch (level) {
    case Level::kLow: return tr("Low");
    case Level::kMedium: return tr("Medium");
    case Level::kHigh: return tr("High");
  }
  return {};
}

QString FindingsModel::stateText(const FileRecord& file) {
  switch (file.state) {
    case FileState::kEncrypted: return tr("Encrypted");
    case FileState::kException:
      return file.exception_state == QLatin1String("approved") ? tr("Exception granted")
                                                               : tr("Exception requested");
    case FileState::kUnprotected: return tr("Not protected");
  }
  return {};
}

QString FindingsModel::typesText(const QMap<QString, qint64>& counts, const RuleNames& names) {
  QList<std::pair<QString, qint64>> sorted;
  for (auto it = counts.begin(); it != counts.end(); ++it) sorted << std::pair(it.key(), it.value());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  QStringList parts;
  for (const auto& [rule, n] : sorted)
    parts << tr("%1 %2", "a kind of personal data and how often it occurs").arg(names.title(rule)).arg(n);
  return parts.join(QStringLiteral(", "));
}

QString FindingsModel::examplesText(const FileRecord& file) const {
  QStringList masked;
  for (const FindingItem& f : file.findings) {
    if (masked.contains(f.masked)) continue;
    masked << f.masked;
    if (masked.size() == 3) break;
  }
  return masked.join(QStringLiteral(", "));
}

void FindingsModel::retranslate() {
  emit headerDataChanged(Qt::Horizontal, 0, kColumnCount - 1);
  if (!files_.isEmpty()) emit dataChanged(index(0, 0), index(static_cast<int>(files_.size()) - 1, kColumnCount - 1));
}

int FindingsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(files_.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumnCount;
}

QVariant FindingsModel::sortValue(const FileRecord& file, int column) const {
  switch (column) {
    case kFile: return file.fileName().toLower();
    case kTypes: return file.totalCount();
    case kConfidence: return file.findings.isEmpty() ? -1 : static_cast<int>(file.highestLevel());
    case kExamples: return examplesText(file);
    case kFolder: return file.folder();
    case kState: return static_cast<int>(file.state);
    case kVolume: return file.volume;
    default: return {};
  }
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
  const FileRecord* file = index.isValid() ? fileAt(index.row()) : nullptr;
  if (!file) return {};
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case kFile: return file->fileName();
        case kTypes: return typesText(*file);
        // An encrypted file's findings are not listed (only its counts from before): no level.
        case kConfidence: return file->findings.isEmpty() ? QStringLiteral("—") : levelText(file->highestLevel());
        case kExamples: return examplesText(*file);
        case kFolder: return QDir::toNativeSeparators(file->folder());
        case kState: return stateText(*file);
        case kVolume: return file->volume;
        default: return {};
      }
    case Qt::ToolTipRole:
      if (index.column() == kFile || index.column() == kFolder) return QDir::toNativeSeparators(file->path);
      if (index.column() == kTypes) return typesText(*file);
      return {};
    case kSortRole: return sortValue(*file, index.column());
    case kPathRole: return file->path;
    case kRulesRole: return QStringList(file->counts.keys());
    case kLevelRole: return static_cast<int>(file->highestLevel());
    case kStateRole: return static_cast<int>(file->state);
    default: return {};
  }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case kFile: return tr("File");
    case kTypes: return tr("Personal data");
    case kConfidence: return tr("Confidence");
    case kExamples: return tr("Examples (masked)");
    case kFolder: return tr("Folder");
    case kState: return tr("State");
    case kVolume: return tr("Removable disk");
    default: return {};
  }
}

}  // namespace jamul::gui
