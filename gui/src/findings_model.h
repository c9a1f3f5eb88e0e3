// SPDX-License-Identifier: Apache-2.0
#pragma once

// FindingsModel: the user's files with personal data as a table — one row per file: name, the
// kinds of personal data with their counts, the highest confidence, masked examples, the folder,
// whether it is protected, and the removable volume it is on. The rows come from the agent's
// `findings` replies (masked excerpts only); the model never reads a file.
//
// Display texts follow the tray's language; the roles below give the raw values the filter and
// sorting use, whatever the language.
//
// Thread-safety: GUI thread only.

#include <QAbstractTableModel>
#include <QList>

#include "agent_status.h"
#include "file_record.h"
#include "rule_names.h"

namespace jamul::gui {

class FindingsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kFile, kTypes, kConfidence, kExamples, kFolder, kState, kVolume, kColumnCount };
  enum Role {
    kSortRole = Qt::UserRole + 1,  // a value that sorts as a person expects (counts as numbers)
    kPathRole,                     // QString: the full path
    kRulesRole,                    // QStringList: rule ids present
    kLevelRole,                    // int: the highest Level
    kStateRole,                    // int: FileState
  };

  explicit FindingsModel(const RuleNames* names, QObject* parent = nullptr);

  // Replaces every row (a fresh `findings` listing) and labels each with its volume.
  void setFiles(QList<FileRecord> files, const QList<VolumeInfo>& volumes = {});
  const QList<FileRecord>& files() const { return files_; }
  const FileRecord* fileAt(int row) const;
  int rowOfPath(const QString& path) const;

  // Summary figures over all rows: files with personal data (unprotected or excepted), encrypted,
  // and the encryption rate (암호화율) = encrypted / all files with personal data, in percent
  // (nullopt when there are none).
  qint64 plaintextFiles() const;
  qint64 encryptedFiles() const;
  std::optional<double> encryptionRate() const;
  // Files still in plaintext without a granted exception (a pending request is not a decision):
  // what the tray icon's "personal data found" counts.
  qint64 unprotectedFiles() const;
  // Occurrences by rule over the plaintext files (the report's and the filter's type list).
  QMap<QString, qint64> plaintextCountsByRule() const;
  QMap<QString, qint64> encryptedCountsByRule() const;

  // The texts of the current language, for the report and the detail pane.
  static QString levelText(Level level);
  static QString stateText(const FileRecord& file);
  QString typesText(const FileRecord& file) const { return typesText(file.counts, *names_); }
  // "주민등록번호 42, 전화번호 3": kinds by name, most frequent first.
  static QString typesText(const QMap<QString, qint64>& counts, const RuleNames& names);

  // Call after the language changed: headers and texts are read again.
  void retranslate();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QString examplesText(const FileRecord& file) const;
  QVariant sortValue(const FileRecord& file, int column) const;

  const RuleNames* names_;
  QList<FileRecord> files_;
};

}  // namespace jamul::gui
