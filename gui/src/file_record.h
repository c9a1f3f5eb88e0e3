// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileRecord: one of the user's files as the agent's `findings` reply describes it (the objects of
// `jamul scan --json`, docs/local-api.md): masked excerpts, counts and locations only — the agent
// never sends a value, and nothing here could hold one.
//
// Thread-safety: value types and pure functions.

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"

namespace jamul::gui {

// The agent's confidence levels, in order.
enum class Level { kLow = 0, kMedium = 1, kHigh = 2 };
std::optional<Level> levelFromName(const QString& name);
QString levelName(Level level);  // "low", "medium", "high" (the API's names)

struct FindingItem {
  QString rule;      // rule id, e.g. "kr_rrn"
  Level level = Level::kMedium;
  QString location;  // "line 2", "sheet 1, row 2, column 3"
  QString masked;    // "900101-1******"
  qint64 count = 1;  // occurrences of the same value
  // Why it was reported (the agent's `basis`: checksum, keyword, label, format, repaired); empty
  // when the agent does not say.
  QStringList basis;
};

// What protects the file now.
enum class FileState {
  kUnprotected = 0,  // in plaintext, with personal data
  kEncrypted = 1,    // encrypted by Jamul (an .age file)
  kException = 2,    // in plaintext, with an exception requested or granted
};

struct FileRecord {
  QString path;
  QString status;  // the scan's status: ok, encrypted, ...
  QString format;
  qint64 size = 0;
  QMap<QString, qint64> counts;  // rule -> occurrences
  QList<FindingItem> findings;
  FileState state = FileState::kUnprotected;
  QString original;              // kEncrypted: the name it had in plaintext
  qint64 encrypted_at_ms = 0;
  qint64 exception_id = 0;
  QString exception_state;       // pending, approved
  qint64 exception_expires_ms = 0;
  QString volume;                // the removable volume's label, when it is on one

  // The highest confidence among its findings (kMedium when it has none listed).
  Level highestLevel() const;
  qint64 totalCount() const;
  QString fileName() const;
  QString folder() const;
};

// A `findings` reply: its files, the total, and the offset of the next page (nullopt: last page).
struct FindingsPage {
  QList<FileRecord> files;
  qint64 total = 0;
  std::optional<qint64> next;
};
// kInvalidArgument when the reply is not of that shape (a file object without a path, …).
Result<FindingsPage> parseFindingsPage(const protocol::JsonValue& result);

}  // namespace jamul::gui
