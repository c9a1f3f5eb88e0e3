// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileProtector: encrypts files in place, decrypts them back, and shreds them, so that whatever
// happens — a crash, a power cut, a full disk, a file changed under our feet — each file is either
// the untouched original or a complete encrypted copy verified to decrypt to it (DESIGN.md §1.1,
// §5). Every step is written to the `file_actions` journal in the inventory database (synchronous
// FULL) before it runs; recover() finishes or rolls back whatever a dead process left unfinished.
//
// encrypt(path):
//   stat original, exclude writers (WriterExclusion) -> journal "started" -> write a temporary
//   file `.jamul-<random>.tmp` beside it (0600, O_EXCL) ->
//   fsync -> journal "written" -> decrypt it and compare the plaintext hash with the original's ->
//   journal "verified" -> re-stat the original (changed? roll back) -> owner, mode and times
//   copied -> journal "renaming" -> still no writer? -> rename to `name.age` (never over an
//   existing file) -> still no writer? (else the copy goes again) -> release the writers ->
//   fsync folder -> journal "renamed" -> overwrite the original once, fsync, truncate -> unlink ->
//   fsync folder -> journal "done".
// Refused (nothing touched): `.age` names and age content, non-regular files, `name.age` already
// there or too long a name for it, files on read-only file systems, files another program holds
// locked (flock/fcntl lock, a LibreOffice `.~lock.NAME#` or MS Office `~$NAME` owner file beside
// it) or open for writing (platform/writer_exclusion.h).
//
// decrypt(path.age): unseal to a temporary file, fsync, rename to `name` (never over an existing
// file), fsync folder, unlink the `.age`; a damaged or truncated input leaves no output (what was
// written of the temporary file is overwritten before it is removed, here and in recovery).
//
// shred(path) (완전삭제): journal -> overwrite once with random bytes -> fsync -> rename to a
// random name in the same folder -> truncate -> unlink -> fsync folder -> journal "done". Recovery
// finishes an interrupted shred: the user asked for the file to be gone. Honest limit: on SSDs
// (wear levelling) and copy-on-write or journaling-data file systems (btrfs, ZFS, ext4
// data=journal), overwriting may leave old blocks readable; encryption is the real protection.
//
// Thread-safety: one thread per FileProtector. One process at a time protects files with one
// inventory: open() holds an exclusive lock on `<inventory>.actions.lock` (another process waits
// or gets kUnavailable), so recover() may take every unfinished entry as abandoned. The journal
// holds paths and signatures only, never content or hashes of content — and, per action, the user
// it was done for and the counts by rule the inventory held for the file when it started (never a
// value).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jamul/agent/sealer.h"
#include "jamul/agent/turn_wait.h"
#include "jamul/common/result.h"

namespace jamul::agent {

class Env;

enum class ActionKind { kEncrypt, kDecrypt, kShred };

// What recover() did with one unfinished entry.
struct RecoveredAction {
  ActionKind kind = ActionKind::kEncrypt;
  std::string path;       // the original (for decrypt: the .age file)
  bool finished = false;  // true: completed; false: rolled back (the original is as it was)
  std::string detail;     // for people: "rolled back: encrypted copy was not verified"
};

class FileProtector {
 public:
  struct Options {
    // While another process holds the actions lock: null fails with kUnavailable at once;
    // otherwise waits as this says (kCancelled if cancelled meanwhile).
    const TurnWait* wait = nullptr;
    // The OS (platform/env.h); null: the system's. Tests pass one that injects faults.
    Env* env = nullptr;
    // Whom the actions are done for, as the journal records it (file_actions.owner_uid: a user's
    // history and encrypted files); nullopt: each file's owner, as the open file's fstat gives it
    // (`jamul encrypt`, and the agent acting as root).
    std::optional<std::uint32_t> owner;
  };

  // Opens (creating or migrating) the journal in the inventory at `inventory_path` and takes the
  // actions lock.
  static Result<FileProtector> open(const std::string& inventory_path);
  static Result<FileProtector> open(const std::string& inventory_path, const Options& options);
  FileProtector(FileProtector&&) noexcept;
  FileProtector& operator=(FileProtector&&) noexcept;
  ~FileProtector();

  // Finishes or rolls back the entries left unfinished by processes that are gone. `sealer` must
  // open what was sealed (to re-verify an encrypted copy before the original is removed).
  Result<std::vector<RecoveredAction>> recover(Sealer& sealer);

  // Encrypts `path` in place to `path.age`; returns the new path. Errors: kInvalidArgument
  // (already encrypted, not a regular file, target exists), kPermissionDenied (read-only media,
  // no access), kUnavailable (locked by another program), kCancelled (changed during the run),
  // kIo (disk full: the original is intact, no temporary file left), kCorrupt (verification
  // failed).
  Result<std::string> encrypt(const std::string& path, Sealer& sealer);

  // Decrypts `path` (ending in .age) back to the name without `.age`; returns it. Errors:
  // kInvalidArgument (not .age, output exists), kWrongKey, kCorrupt, kIo.
  Result<std::string> decrypt(const std::string& path, Sealer& sealer);

  // Overwrites and removes `path`.
  Status shred(const std::string& path);

 private:
  struct Impl;
  explicit FileProtector(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamul::agent
