// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/file_protector.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <optional>

#include "inventory/sqlite_db.h"
#include "jamul/agent/inventory.h"
#include "platform/file_lock.h"
#include "platform/writer_exclusion.h"
#include "protect/posix_files.h"

namespace jamul::agent {
namespace {

using posix::Fd;
using posix::Signature;

constexpr std::string_view kAgeMagic = "age-encryption.org/v1\n";
constexpr std::string_view kArmorMagic = "-----BEGIN AGE ENCRYPTED FILE-----";

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string_view kindName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kEncrypt:
      return "encrypt";
    case ActionKind::kDecrypt:
      return "decrypt";
    case ActionKind::kShred:
      return "shred";
  }
  return "encrypt";
}

std::optional<ActionKind> kindFromName(std::string_view name) {
  for (ActionKind k : {ActionKind::kEncrypt, ActionKind::kDecrypt, ActionKind::kShred})
    if (kindName(k) == name) return k;
  return std::nullopt;
}

bool endsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// True if the file starts like an age file (binary or armored).
Result<bool> looksLikeAge(int fd, const std::string& path) {
  char head[64];
  const ssize_t n = ::pread(fd, head, sizeof head, 0);
  if (n < 0) return errorFromErrno(errno, "read", path);
  const std::string_view h(head, static_cast<std::size_t>(n));
  return h.starts_with(kAgeMagic) || h.starts_with(kArmorMagic);
}

// The journal keys files by absolute, normalised path, so that `a.csv` and `./a.csv` are one file.
std::string absolute(const std::string& path) {
  std::error_code ec;
  const auto abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

// Whether a journal step must be on disk before the code goes on (see Impl::step).
enum class Durability { kDurable, kLazy };

// What a temporary file holds: a decryption's holds plaintext, which is wiped before it goes.
enum class Holds { kCiphertext, kPlaintext };

// One journal entry as stored.

struct Entry {
  std::int64_t id = 0;
  ActionKind kind = ActionKind::kEncrypt;
  std::string path, temp_path, target_path, step;
  Signature signature;
};

}  // namespace

struct FileProtector::Impl {
  sqlite::Database db;
  FileLock lock;
  std::function<void(const char*)> observer;

  Impl(sqlite::Database d, FileLock l) : db(std::move(d)), lock(std::move(l)) {}

  Result<std::int64_t> begin(ActionKind kind, const std::string& path, const std::string& temp,
                             const std::string& target, const Signature& sig) {
    notify("started");
    JAMUL_ASSIGN_OR_RETURN(sqlite::Statement insert, db.prepare(R"sql(
      INSERT INTO file_actions (action, path, temp_path, target_path, step, size, mtime_ns,
                                ctime_ns, inode, device, started_at_ms, updated_at_ms)
      VALUES (?1, ?2, ?3, ?4, 'started', ?5, ?6, ?7, ?8, ?9, ?10, ?10))sql"));
    insert.bindText(1, kindName(kind)).bindBlob(2, path).bindBlob(3, temp).bindBlob(4, target);
    insert.bind(5, sig.size).bind(6, sig.mtime_ns).bind(7, sig.ctime_ns).bind(8, sig.inode);
    insert.bind(9, sig.device).bind(10, nowMs());
    JAMUL_RETURN_IF_ERROR(insert.run());
    return db.lastInsertRowId();
  }

  // Records that `step` is about to run (or, for the final states, has happened). A durable step
  // is on disk (WAL fsynced, power cut included) before this returns, so it may announce an
  // irreversible file operation. A lazy one (Durability::kLazy) is written without an fsync: it
  // survives a crash of the process, and a power cut may lose it, which recovery handles because
  // it starts from the last durable step and looks at the files (lazy steps never announce an
  // operation that recovery could not see for itself). The next durable commit makes every
  // earlier lazy one durable too (one WAL, written in order).
  Status step(std::int64_t id, const char* name, std::string_view detail = {},
              Durability durability = Durability::kDurable) {
    notify(name);
    JAMUL_ASSIGN_OR_RETURN(
        sqlite::Statement update,
        db.prepare(
            "UPDATE file_actions SET step = ?2, detail = ?3, updated_at_ms = ?4 WHERE id = ?1"));
    update.bind(1, id).bindText(2, name).bindText(3, detail).bind(4, nowMs());
    return runWith(durability, update);
  }

  // The original is gone: its scan row goes too (the file_actions row now says what became of it).
  Status forget(const std::string& path) {
    JAMUL_ASSIGN_OR_RETURN(sqlite::Statement remove,
                           db.prepare("DELETE FROM files WHERE path = ?1"));
    remove.bindBlob(1, path);
    return runWith(Durability::kLazy, remove);
  }

  Status runWith(Durability durability, sqlite::Statement& statement) {
    if (durability == Durability::kDurable) return statement.run();
    JAMUL_RETURN_IF_ERROR(db.exec("PRAGMA synchronous = NORMAL"));
    const Status ran = statement.run();
    JAMUL_RETURN_IF_ERROR(db.exec("PRAGMA synchronous = FULL"));
    return ran;
  }

  void notify(const char* name) {
    if (observer) observer(name);
  }

  // Ends a failed action: the temporary file goes, the original stays; the error is returned. A
  // temporary file of a decryption holds plaintext (all or part of it): it is overwritten first.
  Error rollBack(std::int64_t id, const std::string& temp, Error error,
                 Holds holds = Holds::kCiphertext) {
    discard(temp, holds);
    (void)step(id, "rolled_back", error.message());
    return error;
  }

  static void discard(const std::string& temp, Holds holds) {
    if (holds == Holds::kPlaintext) (void)posix::overwriteFile(temp, true);
    ::unlink(temp.c_str());
    (void)posix::fsyncDirOf(temp);
  }

  // The end of encryption once `target` is durable and verified: wipe and remove the original.
  Status removeOriginal(std::int64_t id, const std::string& path) {
    JAMUL_RETURN_IF_ERROR(step(id, "wiping"));
    const Status wiped = posix::overwriteFile(path, true);
    // Not ours to overwrite (another user's file in a folder we may write to, as root is not): its
    // folder still lets it be removed, and the encrypted copy is what protects it.
    if (!wiped && wiped.error().code() != ErrorCode::kNotFound &&
        wiped.error().code() != ErrorCode::kPermissionDenied)
      return wiped.error();
    JAMUL_RETURN_IF_ERROR(step(id, "unlinking", {}, Durability::kLazy));
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      return errorFromErrno(errno, "unlink", path);
    JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(path));
    JAMUL_RETURN_IF_ERROR(forget(path));
    return step(id, "done", {}, Durability::kLazy);
  }

  Result<std::vector<Entry>> unfinished() {
    std::vector<Entry> out;
    JAMUL_ASSIGN_OR_RETURN(sqlite::Statement select, db.prepare(R"sql(
      SELECT id, action, path, temp_path, target_path, step, size, mtime_ns, ctime_ns, inode, device
      FROM file_actions WHERE step NOT IN ('done', 'rolled_back', 'failed') ORDER BY id)sql"));
    JAMUL_RETURN_IF_ERROR(sqlite::forEachRow(select, [&](const sqlite::Statement& row) {
      Entry e;
      e.id = row.columnInt(0);
      e.kind = kindFromName(row.columnTextView(1)).value_or(ActionKind::kEncrypt);
      e.path = row.columnBlob(2);
      e.temp_path = row.columnBlob(3);
      e.target_path = row.columnBlob(4);
      e.step = row.columnText(5);
      e.signature.size = static_cast<std::uint64_t>(row.columnInt(6));
      e.signature.mtime_ns = row.columnInt(7);
      e.signature.ctime_ns = row.columnInt(8);
      e.signature.inode = static_cast<std::uint64_t>(row.columnInt(9));
      e.signature.device = static_cast<std::uint64_t>(row.columnInt(10));
      out.push_back(std::move(e));
    }));
    return out;
  }

  Result<RecoveredAction> recoverEncrypt(const Entry& e, Sealer& sealer);
  Result<RecoveredAction> recoverDecrypt(const Entry& e);
  Result<RecoveredAction> recoverShred(const Entry& e);
  Status finishShred(std::int64_t id, const std::string& path, const std::string& random_name,
                     bool overwritten);
};

FileProtector::FileProtector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileProtector::FileProtector(FileProtector&&) noexcept = default;
FileProtector& FileProtector::operator=(FileProtector&&) noexcept = default;
FileProtector::~FileProtector() = default;

void FileProtector::setStepObserver(std::function<void(const char*)> observer) {
  impl_->observer = std::move(observer);
}

Result<FileProtector> FileProtector::open(const std::string& inventory_path, const TurnWait* wait) {
  {
    // Creates the file (0600, no links) and migrates it to the schema with the journal.
    JAMUL_ASSIGN_OR_RETURN(Inventory created, Inventory::open(inventory_path));
  }
  auto lock = FileLock::acquire(inventory_path + ".actions.lock", wait);
  if (!lock && lock.error().code() == ErrorCode::kUnavailable)
    return Error(ErrorCode::kUnavailable,
                 "another Jamul process is encrypting or decrypting files with this inventory",
                 inventory_path);
  if (!lock) return lock.error();
  JAMUL_ASSIGN_OR_RETURN(sqlite::Database db, sqlite::Database::open(inventory_path));
  // FULL: each journal step is on disk before the file operation it announces runs, power cut
  // included (WAL with NORMAL would only survive a crash of the process).
  JAMUL_RETURN_IF_ERROR(
      db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"));
  return FileProtector(std::make_unique<Impl>(std::move(db), std::move(*lock)));
}

Result<std::string> FileProtector::encrypt(const std::string& given, Sealer& sealer) {
  Impl& d = *impl_;
  const std::string path = absolute(given);
  if (endsWith(path, ".age"))
    return Error(ErrorCode::kInvalidArgument, "already encrypted (.age)", path);
  struct stat st {};
  JAMUL_ASSIGN_OR_RETURN(Fd original, posix::openRegular(path, O_RDONLY, st));
  JAMUL_ASSIGN_OR_RETURN(bool is_age, looksLikeAge(original.get(), path));
  if (is_age) return Error(ErrorCode::kInvalidArgument, "already an age-encrypted file", path);
  const std::string target = path + ".age";
  JAMUL_RETURN_IF_ERROR(posix::refuseNameTooLong(path, ".age"));
  if (posix::exists(target))
    return Error(ErrorCode::kInvalidArgument, "an encrypted copy already exists: " + target, path);
  JAMUL_RETURN_IF_ERROR(posix::refuseReadOnlyMedia(path));
  JAMUL_RETURN_IF_ERROR(posix::refuseHardLinked(st, path));
  JAMUL_RETURN_IF_ERROR(posix::refuseLocked(original.get(), path));
  // From here until the encrypted copy is in place, no other program may have it open for writing
  // (what it wrote after our read would be lost with the original).
  JAMUL_ASSIGN_OR_RETURN(std::unique_ptr<WriterExclusion> writers,
                         WriterExclusion::exclude(original.get(), path));
  const Signature before = posix::signatureOf(st);
  const std::string temp = posix::tempPathFor(path);

  JAMUL_ASSIGN_OR_RETURN(std::int64_t id,
                         d.begin(ActionKind::kEncrypt, path, temp, target, before));
  Fd sealed(::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!sealed) {
    const Error e = errno == EEXIST
                        ? Error(ErrorCode::kInvalidArgument,
                                "a temporary file of another run is in the way: " + temp, path)
                        : errorFromErrno(errno, "create temporary file", temp);
    (void)d.step(id, "rolled_back", e.message());  // not ours: leave it
    return e;
  }
  auto plain_hash = sealer.seal(original.get(), sealed.get());
  if (!plain_hash) return d.rollBack(id, temp, plain_hash.error());
  if (Status s = posix::fsyncFd(sealed.get(), "fsync", temp); !s)
    return d.rollBack(id, temp, s.error());
  // The copy is on disk; its pages in the cache are clean now, and dropping them makes the
  // verification below read what the disk holds rather than what we wrote to memory (Linux drops
  // clean pages on DONTNEED; elsewhere it is a hint, and the verification reads the cache).
  (void)::posix_fadvise(sealed.get(), 0, 0, POSIX_FADV_DONTNEED);
  if (Status s = d.step(id, "written", {}, Durability::kLazy); !s)
    return d.rollBack(id, temp, s.error());

  if (::lseek(sealed.get(), 0, SEEK_SET) < 0)
    return d.rollBack(id, temp, errorFromErrno(errno, "seek", temp));
  auto check = sealer.verify(sealed.get());
  if (!check) return d.rollBack(id, temp, check.error());
  if (*check != *plain_hash)
    return d.rollBack(
        id, temp,
        Error(ErrorCode::kCorrupt, "the encrypted copy does not decrypt to the original", path));
  if (Status s = d.step(id, "verified", {}, Durability::kLazy); !s)
    return d.rollBack(id, temp, s.error());

  // Changed while we read it (by size, times or inode, through the open file and by name)?
  struct stat now {};
  if (::fstat(original.get(), &now) != 0 || posix::signatureOf(now) != before ||
      ::lstat(path.c_str(), &now) != 0 || posix::signatureOf(now) != before)
    return d.rollBack(
        id, temp,
        Error(ErrorCode::kCancelled, "changed while it was being encrypted; left as it is", path));
  if (Status s = posix::copyMetadata(sealed.get(), st, temp); !s)
    return d.rollBack(id, temp, s.error());
  if (Status s = posix::fsyncFd(sealed.get(), "fsync", temp); !s)
    return d.rollBack(id, temp, s.error());
  sealed = Fd();

  if (Status s = d.step(id, "renaming"); !s) return d.rollBack(id, temp, s.error());
  if (Status s = writers->stillExclusive(); !s) return d.rollBack(id, temp, s.error());
  if (Status s = posix::renameNoReplace(temp, target); !s) return d.rollBack(id, temp, s.error());
  // A writer that opened the file during the rename waits on the lease until we let go: the copy
  // goes again and the writer gets the original, untouched. (Recovery from a crash right here
  // sees "renaming" and no temporary file: it finishes only if the original is unchanged.)
  if (Status s = writers->stillExclusive(); !s) return d.rollBack(id, target, s.error());
  writers->release();
  original = Fd();
  if (Status s = posix::fsyncDirOf(target); !s) return s.error();  // recovery finishes it
  JAMUL_RETURN_IF_ERROR(d.step(id, "renamed", {}, Durability::kLazy));
  JAMUL_RETURN_IF_ERROR(d.removeOriginal(id, path));
  return target;
}

Result<std::string> FileProtector::decrypt(const std::string& given, Sealer& sealer) {
  Impl& d = *impl_;
  const std::string path = absolute(given);
  if (!endsWith(path, ".age") || path.size() <= 4 || endsWith(path, "/.age"))
    return Error(ErrorCode::kInvalidArgument, "not an .age file", path);
  const std::string target = path.substr(0, path.size() - 4);
  if (posix::exists(target))
    return Error(ErrorCode::kInvalidArgument, "refusing to overwrite " + target, path);
  struct stat st {};
  JAMUL_ASSIGN_OR_RETURN(Fd sealed, posix::openRegular(path, O_RDONLY, st));
  JAMUL_RETURN_IF_ERROR(posix::refuseReadOnlyMedia(path));
  const std::string temp = posix::tempPathFor(target);
  JAMUL_ASSIGN_OR_RETURN(std::int64_t id,
                         d.begin(ActionKind::kDecrypt, path, temp, target, posix::signatureOf(st)));
  Fd plain(::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!plain) {
    const Error e = errorFromErrno(errno, "create temporary file", temp);
    (void)d.step(id, "rolled_back", e.message());
    return e;
  }
  auto unsealed = sealer.unseal(sealed.get(), plain.get());
  if (!unsealed)
    return d.rollBack(id, temp, unsealed.error(), Holds::kPlaintext);  // no partial plaintext stays
  if (Status s = posix::copyMetadata(plain.get(), st, temp); !s)
    return d.rollBack(id, temp, s.error(), Holds::kPlaintext);
  if (Status s = posix::fsyncFd(plain.get(), "fsync", temp); !s)
    return d.rollBack(id, temp, s.error(), Holds::kPlaintext);
  if (Status s = d.step(id, "written", {}, Durability::kLazy); !s)
    return d.rollBack(id, temp, s.error(), Holds::kPlaintext);
  plain = Fd();
  sealed = Fd();
  if (Status s = d.step(id, "renaming"); !s)
    return d.rollBack(id, temp, s.error(), Holds::kPlaintext);
  if (Status s = posix::renameNoReplace(temp, target); !s)
    return d.rollBack(id, temp, s.error(), Holds::kPlaintext);
  JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(target));
  JAMUL_RETURN_IF_ERROR(d.step(id, "renamed", {}, Durability::kLazy));
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return errorFromErrno(errno, "unlink", path);
  JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(path));
  JAMUL_RETURN_IF_ERROR(d.step(id, "done", {}, Durability::kLazy));
  return target;
}

Status FileProtector::Impl::finishShred(std::int64_t id, const std::string& path,
                                        const std::string& random_name, bool overwritten) {
  if (!overwritten) {
    JAMUL_RETURN_IF_ERROR(posix::overwriteFile(path, false));
    JAMUL_RETURN_IF_ERROR(step(id, "overwritten"));
  }
  if (posix::exists(path)) {
    JAMUL_RETURN_IF_ERROR(posix::renameNoReplace(path, random_name));
    JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(random_name));
  }
  JAMUL_RETURN_IF_ERROR(step(id, "renamed"));
  if (::truncate(random_name.c_str(), 0) != 0 && errno != ENOENT)
    return errorFromErrno(errno, "truncate", random_name);
  if (::unlink(random_name.c_str()) != 0 && errno != ENOENT)
    return errorFromErrno(errno, "unlink", random_name);
  JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(random_name));
  JAMUL_RETURN_IF_ERROR(forget(path));
  return step(id, "done");
}

Status FileProtector::shred(const std::string& given) {
  const std::string path = absolute(given);
  struct stat st {};
  JAMUL_ASSIGN_OR_RETURN(Fd fd, posix::openRegular(path, O_RDONLY, st));
  JAMUL_RETURN_IF_ERROR(posix::refuseReadOnlyMedia(path));
  JAMUL_RETURN_IF_ERROR(posix::refuseHardLinked(st, path));
  JAMUL_RETURN_IF_ERROR(posix::refuseLocked(fd.get(), path));
  // A file open for writing elsewhere is in use: its program would go on writing to a file that
  // is gone. Refused, like a locked one (nothing is held: the user asked for it to go).
  JAMUL_RETURN_IF_ERROR(WriterExclusion::exclude(fd.get(), path));
  fd = Fd();
  const std::string random_name = posix::randomNameBeside(path, "");
  JAMUL_ASSIGN_OR_RETURN(std::int64_t id, impl_->begin(ActionKind::kShred, path, random_name, "",
                                                       posix::signatureOf(st)));
  if (Status s = impl_->finishShred(id, path, random_name, false); !s) {
    (void)impl_->step(id, "failed", s.error().message());
    return s;
  }
  return okStatus();
}

Result<RecoveredAction> FileProtector::Impl::recoverEncrypt(const Entry& e, Sealer& sealer) {
  RecoveredAction r{ActionKind::kEncrypt, e.path, false, {}};
  const bool renamed_step = e.step == "renamed" || e.step == "wiping" || e.step == "unlinking";
  // "renaming": the rename happened if the temporary file is gone and the target is there.
  const bool renamed = renamed_step || (e.step == "renaming" && !posix::exists(e.temp_path) &&
                                        posix::exists(e.target_path));
  if (!renamed) {
    // The original was never touched: roll back.
    discard(e.temp_path, Holds::kCiphertext);
    r.detail = "rolled back: interrupted before the encrypted copy was in place";
    JAMUL_RETURN_IF_ERROR(step(e.id, "rolled_back", r.detail));
    return r;
  }
  if (e.step != "wiping" && e.step != "unlinking" && posix::exists(e.path)) {
    // The original is whole: remove it only if it is still the file we encrypted, and the copy
    // in place decrypts to exactly it.
    struct stat st {};
    auto original = posix::openRegular(e.path, O_RDONLY, st);
    if (!original || posix::signatureOf(st) != e.signature) {
      r.detail = "kept both: the original changed after it was encrypted";
      JAMUL_RETURN_IF_ERROR(step(e.id, "failed", r.detail));
      return r;
    }
    struct stat tst {};
    auto copy = posix::openRegular(e.target_path, O_RDONLY, tst);
    auto want = sealer.hash(original->get());
    auto got = copy ? sealer.verify(copy->get()) : Result<ContentHash>(copy.error());
    if (!want || !got || *want != *got) {
      r.detail = "kept both: the encrypted copy could not be verified against the original";
      JAMUL_RETURN_IF_ERROR(step(e.id, "failed", r.detail));
      return r;
    }
  } else if (e.step == "wiping" && posix::exists(e.path)) {
    // Part of the original may be overwritten already: it is only removed if the copy is whole.
    struct stat tst {};
    auto copy = posix::openRegular(e.target_path, O_RDONLY, tst);
    auto got = copy ? sealer.verify(copy->get()) : Result<ContentHash>(copy.error());
    if (!got) {
      r.detail = "kept both: the encrypted copy does not decrypt (" + got.error().message() + ")";
      JAMUL_RETURN_IF_ERROR(step(e.id, "failed", r.detail));
      return r;
    }
  }
  JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(e.target_path));
  JAMUL_RETURN_IF_ERROR(removeOriginal(e.id, e.path));
  r.finished = true;
  r.detail = "finished: encrypted to " + e.target_path;
  return r;
}

Result<RecoveredAction> FileProtector::Impl::recoverDecrypt(const Entry& e) {
  RecoveredAction r{ActionKind::kDecrypt, e.path, false, {}};
  const bool renamed =
      e.step == "renamed" ||
      (e.step == "renaming" && !posix::exists(e.temp_path) && posix::exists(e.target_path));
  if (!renamed) {
    discard(e.temp_path, Holds::kPlaintext);  // the plaintext read so far
    r.detail = "rolled back: the encrypted file is kept";
    JAMUL_RETURN_IF_ERROR(step(e.id, "rolled_back", r.detail));
    return r;
  }
  JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(e.target_path));
  if (::unlink(e.path.c_str()) != 0 && errno != ENOENT)
    return errorFromErrno(errno, "unlink", e.path);
  JAMUL_RETURN_IF_ERROR(posix::fsyncDirOf(e.path));
  JAMUL_RETURN_IF_ERROR(step(e.id, "done"));
  r.finished = true;
  r.detail = "finished: decrypted to " + e.target_path;
  return r;
}

Result<RecoveredAction> FileProtector::Impl::recoverShred(const Entry& e) {
  RecoveredAction r{ActionKind::kShred, e.path, true, "finished: shredded"};
  if (Status s = finishShred(e.id, e.path, e.temp_path, e.step != "started"); !s) {
    if (s.error().code() != ErrorCode::kNotFound) return s.error();
    JAMUL_RETURN_IF_ERROR(step(e.id, "done"));  // already gone
  }
  return r;
}

Result<std::vector<RecoveredAction>> FileProtector::recover(Sealer& sealer) {
  std::vector<RecoveredAction> out;
  JAMUL_ASSIGN_OR_RETURN(std::vector<Entry> entries, impl_->unfinished());
  for (const Entry& e : entries) {
    Result<RecoveredAction> r = Error(ErrorCode::kInternal, "unknown action");
    switch (e.kind) {
      case ActionKind::kEncrypt:
        r = impl_->recoverEncrypt(e, sealer);
        break;
      case ActionKind::kDecrypt:
        r = impl_->recoverDecrypt(e);
        break;
      case ActionKind::kShred:
        r = impl_->recoverShred(e);
        break;
    }
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

}  // namespace jamul::agent
