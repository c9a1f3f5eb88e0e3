// SPDX-License-Identifier: Apache-2.0
#pragma once

// ActionJournal: the journal of in-place encryption, decryption and shredding (file_protector.h),
// kept in the inventory's `file_actions` table (schema version 4, docs/inventory.md). It is the only
// code that reads or writes that table, and the steps are a typed enum with one name table (as
// LevelDB's VersionEdit tags are): the names are what the table stores, readable with sqlite3 and
// the same as every earlier version wrote, so journals written before still recover.
//
// Durability: the journal's connection runs SQLite with synchronous=FULL. A durable step is on disk
// (WAL fsynced, power cut included) before record() returns, so it may announce an irreversible
// file operation. A lazy step is written without an fsync: it survives a crash of the process, and
// a power cut may lose it, which recovery handles because it starts from the last durable step and
// looks at the files (a lazy step never announces an operation that recovery could not see for
// itself). The next durable commit makes every earlier lazy one durable too (one WAL, in order).
//
// Also here, because they read the table: the counts behind `jamul status` and the 암호화율
// (summarize()), the lists of ended actions and of files still encrypted (the local API's
// `history` and `findings`), and the removal of a file's scan row once an action has removed the
// file.
//
// Thread-safety: one thread per ActionJournal. The journal holds paths and signatures only, never
// content or hashes of content.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inventory/sqlite_db.h"
#include "jamul/agent/file_protector.h"
#include "jamul/agent/inventory.h"
#include "jamul/common/file_signature.h"
#include "jamul/common/result.h"

namespace jamul::agent {

class ActionJournal {
 public:
  // The steps of an action, in the order they happen; the last three end it.
  enum class Step : std::uint8_t {
    kStarted,      // durable; before the temporary file exists (or the shred's first write)
    kWritten,      // the temporary copy is written and synced
    kVerified,     // the encrypted copy decrypts to the original
    kRenaming,     // durable; the copy is about to be renamed into place
    kRenamed,      // it is in place
    kWiping,       // durable; the original is about to be overwritten
    kUnlinking,    // the original is about to be removed
    kOverwritten,  // durable; shred: the file is overwritten
    kDone,
    kRolledBack,
    kFailed,
  };
  enum class Durability { kDurable, kLazy };

  // "started", "written", ... as stored; the one table of names.
  static std::string_view stepName(Step step);
  // nullopt for a name this version does not know (a newer Jamul's journal).
  static std::optional<Step> stepFromName(std::string_view name);
  static bool ends(Step step) {
    return step == Step::kDone || step == Step::kRolledBack || step == Step::kFailed;
  }

  // One action as stored.
  struct Entry {
    std::int64_t id = 0;
    ActionKind kind = ActionKind::kEncrypt;
    std::string path;         // the file acted on (for decrypt: the .age file)
    std::string temp_path;    // the temporary copy, or a shred's random name
    std::string target_path;  // name.age (encrypt), name (decrypt), "" (shred)
    Step step = Step::kStarted;
    FileSignature signature;  // the file as it was when the action started
  };

  // What the journal says of the protection of files, for `jamul status` and the console.
  struct Summary {
    std::uint64_t encrypted = 0;  // encrypted by Jamul and not decrypted since
    // Decrypted by Jamul and neither scanned nor encrypted again since.
    std::uint64_t decrypted_unscanned = 0;
    std::uint64_t shredded = 0;
    std::uint64_t unfinished = 0;  // actions a crash left for recovery, or in progress
  };

  // Opens the journal on a connection of its own to the inventory at `inventory_path`, which must
  // exist at schema version 4 or later (Inventory::open() makes it so).
  static Result<ActionJournal> open(const std::string& inventory_path);

  // Records a new action at Step::kStarted (durable), done for the user `owner`, with what the
  // inventory knows the file holds (countsAt()); returns its id.
  Result<std::int64_t> begin(ActionKind kind, const std::string& path, const std::string& temp,
                             const std::string& target, const FileSignature& signature,
                             std::uint32_t owner, std::int64_t now_ms);
  // Records that `step` is about to run (or, for the last steps, has happened).
  Status record(std::int64_t id, Step step, std::string_view detail, Durability durability,
                std::int64_t now_ms);
  // The actions that have not ended, oldest first.
  Result<std::vector<Entry>> unfinished();
  // An action removed the file at `path`: its scan row goes (the journal now says what became of
  // it). Lazy.
  Status forgetFile(const std::string& path);

  // Reads, on any connection to an inventory (the Inventory's own, for `jamul status`).
  static Result<Summary> summarize(sqlite::Database& db);
  static Result<std::uint64_t> countUnfinished(sqlite::Database& db);
  // The JSON object stored in file_actions.counts for an action on `path`: the inventory's counts
  // of the file at medium confidence or above ('{}' when it has none); for a decryption whose
  // .age file the inventory holds no counts of, those its encryption recorded.
  static Result<std::string> countsAt(sqlite::Database& db, ActionKind kind,
                                      const std::string& path);
  // Inventory::finishedActions() and Inventory::encryptedFiles().
  static Result<std::vector<Inventory::FinishedAction>> finished(sqlite::Database& db,
                                                                 std::optional<std::uint32_t> owner,
                                                                 std::int64_t since_ms,
                                                                 std::int64_t before_id,
                                                                 std::size_t limit);
  static Result<std::vector<Inventory::EncryptedFile>> encrypted(
      sqlite::Database& db, std::optional<std::uint32_t> owner);

 private:
  explicit ActionJournal(sqlite::Database db) : db_(std::move(db)) {}
  Status runWith(Durability durability, sqlite::Statement& statement);

  sqlite::Database db_;
};

}  // namespace jamul::agent
