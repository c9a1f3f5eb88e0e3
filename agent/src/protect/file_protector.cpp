// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/file_protector.h"

#include <filesystem>
#include <optional>

#include "inventory/action_journal.h"
#include "jamul/agent/inventory.h"
#include "platform/env.h"
#include "protect/file_steps.h"

namespace jamul::agent {
namespace {

using Step = ActionJournal::Step;
using Durability = ActionJournal::Durability;
using Entry = ActionJournal::Entry;

constexpr std::string_view kAgeMagic = "age-encryption.org/v1\n";
constexpr std::string_view kArmorMagic = "-----BEGIN AGE ENCRYPTED FILE-----";

// True if the file starts like an age file (binary or armored).
Result<bool> looksLikeAge(Env& env, int fd, const std::string& path) {
  std::uint8_t head[64];
  JAMUL_ASSIGN_OR_RETURN(std::size_t n, env.readAt(fd, head, 0, path));
  const std::string_view h(reinterpret_cast<const char*>(head), n);
  return h.starts_with(kAgeMagic) || h.starts_with(kArmorMagic);
}

// The journal keys files by absolute, normalised path, so that `a.csv` and `./a.csv` are one file.
std::string absolute(const std::string& path) {
  std::error_code ec;
  const auto abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

// What a temporary file holds: a decryption's holds plaintext, which is wiped before it goes.
enum class Holds { kCiphertext, kPlaintext };

}  // namespace

struct FileProtector::Impl {
  Env& env;
  ActionJournal journal;
  FileLock lock;
  std::optional<std::uint32_t> owner;

  Impl(Env& e, ActionJournal j, FileLock l, std::optional<std::uint32_t> o)
      : env(e), journal(std::move(j)), lock(std::move(l)), owner(o) {}

  Result<std::int64_t> begin(ActionKind kind, const std::string& path, const std::string& temp,
                             const std::string& target, const FileInfo& file) {
    return journal.begin(kind, path, temp, target, file.signature, owner.value_or(file.uid),
                         env.nowMs());
  }

  Status step(std::int64_t id, Step s, std::string_view detail = {},
              Durability durability = Durability::kDurable) {
    return journal.record(id, s, detail, durability, env.nowMs());
  }

  // Ends a failed action: the temporary file goes, the original stays; the error is returned.
  Error rollBack(std::int64_t id, const std::string& temp, Error error,
                 Holds holds = Holds::kCiphertext) {
    discard(temp, holds);
    (void)step(id, Step::kRolledBack, error.message());
    return error;
  }

  void discard(const std::string& temp, Holds holds) {
    if (holds == Holds::kPlaintext) (void)overwriteFile(env, temp, true);
    (void)env.remove(temp);
    (void)env.syncFolderOf(temp);
  }

  // The end of encryption once `target` is durable and verified: wipe and remove the original.
  Status removeOriginal(std::int64_t id, const std::string& path) {
    JAMUL_RETURN_IF_ERROR(step(id, Step::kWiping));
    const Status wiped = overwriteFile(env, path, true);
    // Not ours to overwrite (another user's file in a folder we may write to, as root is not): its
    // folder still lets it be removed, and the encrypted copy is what protects it.
    if (!wiped && wiped.error().code() != ErrorCode::kNotFound &&
        wiped.error().code() != ErrorCode::kPermissionDenied)
      return wiped.error();
    JAMUL_RETURN_IF_ERROR(step(id, Step::kUnlinking, {}, Durability::kLazy));
    if (Status s = env.remove(path); !s && s.error().code() != ErrorCode::kNotFound) return s;
    JAMUL_RETURN_IF_ERROR(env.syncFolderOf(path));
    JAMUL_RETURN_IF_ERROR(journal.forgetFile(path));
    return step(id, Step::kDone, {}, Durability::kLazy);
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

Result<FileProtector> FileProtector::open(const std::string& inventory_path) {
  return open(inventory_path, Options{});
}

Result<FileProtector> FileProtector::open(const std::string& inventory_path,
                                          const Options& options) {
  Env& env = options.env != nullptr ? *options.env : Env::system();
  {
    // Creates the file (0600, no links) and migrates it to the schema with the journal.
    JAMUL_ASSIGN_OR_RETURN(Inventory created, Inventory::open(inventory_path));
  }
  auto lock = env.lockFile(inventory_path + ".actions.lock", options.wait);
  if (!lock && lock.error().code() == ErrorCode::kUnavailable)
    return Error(ErrorCode::kUnavailable,
                 "another Jamul process is encrypting or decrypting files with this inventory",
                 inventory_path);
  if (!lock) return lock.error();
  JAMUL_ASSIGN_OR_RETURN(ActionJournal journal, ActionJournal::open(inventory_path));
  return FileProtector(
      std::make_unique<Impl>(env, std::move(journal), std::move(*lock), options.owner));
}

Result<std::string> FileProtector::encrypt(const std::string& given, Sealer& sealer) {
  Impl& d = *impl_;
  Env& env = d.env;
  const std::string path = absolute(given);
  if (path.ends_with(".age"))
    return Error(ErrorCode::kInvalidArgument, "already encrypted (.age)", path);
  JAMUL_ASSIGN_OR_RETURN(OpenedFile original, openRegular(env, path, OpenMode::kRead));
  JAMUL_ASSIGN_OR_RETURN(bool is_age, looksLikeAge(env, original.fd.get(), path));
  if (is_age) return Error(ErrorCode::kInvalidArgument, "already an age-encrypted file", path);
  const std::string target = path + ".age";
  JAMUL_RETURN_IF_ERROR(refuseNameTooLong(env, path, ".age"));
  if (exists(env, target))
    return Error(ErrorCode::kInvalidArgument, "an encrypted copy already exists: " + target, path);
  JAMUL_RETURN_IF_ERROR(refuseReadOnlyMedia(env, path));
  JAMUL_RETURN_IF_ERROR(refuseHardLinked(original.info, path));
  JAMUL_RETURN_IF_ERROR(refuseLocked(env, original.fd.get(), path));
  // From here until the encrypted copy is in place, no other program may have it open for writing
  // (what it wrote after our read would be lost with the original).
  JAMUL_ASSIGN_OR_RETURN(std::unique_ptr<WriterExclusion> writers,
                         env.excludeWriters(original.fd.get(), path));
  const FileSignature before = original.info.signature;
  const std::string temp = tempPathFor(env, path);

  JAMUL_ASSIGN_OR_RETURN(std::int64_t id,
                         d.begin(ActionKind::kEncrypt, path, temp, target, original.info));
  auto created = env.openFile(temp, OpenMode::kCreateNew);
  if (!created) {
    (void)d.step(id, Step::kRolledBack, created.error().message());  // not ours: leave it
    return created.error();
  }
  Fd sealed = std::move(*created);
  auto plain_hash = sealer.seal(original.fd.get(), sealed.get());
  if (!plain_hash) return d.rollBack(id, temp, plain_hash.error());
  if (Status s = env.sync(sealed.get(), temp); !s) return d.rollBack(id, temp, s.error());
  // The copy is on disk; its pages in the cache are clean now, and dropping them makes the
  // verification below read what the disk holds rather than what we wrote to memory (Linux drops
  // clean pages; elsewhere it is a hint, and the verification reads the cache).
  env.dropCachedPages(sealed.get());
  if (Status s = d.step(id, Step::kWritten, {}, Durability::kLazy); !s)
    return d.rollBack(id, temp, s.error());

  if (Status s = env.seekToStart(sealed.get(), temp); !s) return d.rollBack(id, temp, s.error());
  auto check = sealer.verify(sealed.get());
  if (!check) return d.rollBack(id, temp, check.error());
  if (*check != *plain_hash)
    return d.rollBack(
        id, temp,
        Error(ErrorCode::kCorrupt, "the encrypted copy does not decrypt to the original", path));
  if (Status s = d.step(id, Step::kVerified, {}, Durability::kLazy); !s)
    return d.rollBack(id, temp, s.error());

  // Changed while we read it (by size, times or inode, through the open file and by name)?
  const auto now_open = env.statFile(original.fd.get(), path);
  const auto now_named = env.statPath(path);
  if (!now_open || now_open->signature != before || !now_named ||
      now_named->signature != before)
    return d.rollBack(
        id, temp,
        Error(ErrorCode::kCancelled, "changed while it was being encrypted; left as it is", path));
  if (Status s = env.copyMetadata(sealed.get(), original.info, temp); !s)
    return d.rollBack(id, temp, s.error());
  if (Status s = env.sync(sealed.get(), temp); !s) return d.rollBack(id, temp, s.error());
  sealed = Fd();

  if (Status s = d.step(id, Step::kRenaming); !s) return d.rollBack(id, temp, s.error());
  if (Status s = writers->stillExclusive(); !s) return d.rollBack(id, temp, s.error());
  if (Status s = env.rename(temp, target); !s) return d.rollBack(id, temp, s.error());
  // A writer that opened the file during the rename waits on the lease until we let go: the copy
  // goes again and the writer gets the original, untouched. (Recovery from a crash right here
  // sees "renaming" and no temporary file: it finishes only if the original is unchanged.)
  if (Status s = writers->stillExclusive(); !s) return d.rollBack(id, target, s.error());
  writers->release();
  original.fd = Fd();
  if (Status s = env.syncFolderOf(target); !s) return s.error();  // recovery finishes it
  JAMUL_RETURN_IF_ERROR(d.step(id, Step::kRenamed, {}, Durability::kLazy));
  JAMUL_RETURN_IF_ERROR(d.removeOriginal(id, path));
  return target;
}

Result<std::string> FileProtector::decrypt(const std::string& given, Sealer& sealer) {
  Impl& d = *impl_;
  Env& env = d.env;
  const std::string path = absolute(given);
  if (!path.ends_with(".age") || path.size() <= 4 || path.ends_with("/.age"))
    return Error(ErrorCode::kInvalidArgument, "not an .age file", path);
  const std::string target = path.substr(0, path.size() - 4);
  if (exists(env, target))
    return Error(ErrorCode::kInvalidArgument, "refusing to overwrite " + target, path);
  JAMUL_ASSIGN_OR_RETURN(OpenedFile sealed, openRegular(env, path, OpenMode::kRead));
  JAMUL_RETURN_IF_ERROR(refuseReadOnlyMedia(env, path));
  const std::string temp = tempPathFor(env, target);
  JAMUL_ASSIGN_OR_RETURN(std::int64_t id,
                         d.begin(ActionKind::kDecrypt, path, temp, target, sealed.info));
  auto created = env.openFile(temp, OpenMode::kCreateNew);
  if (!created) {
    (void)d.step(id, Step::kRolledBack, created.error().message());
    return created.error();
  }
  Fd plain = std::move(*created);
  // From here on the temporary file may hold plaintext: every way out wipes it.
  const auto fail = [&](Error error) {
    return d.rollBack(id, temp, std::move(error), Holds::kPlaintext);
  };
  auto unsealed = sealer.unseal(sealed.fd.get(), plain.get());
  if (!unsealed) return fail(unsealed.error());  // no partial plaintext stays
  if (Status s = env.copyMetadata(plain.get(), sealed.info, temp); !s) return fail(s.error());
  if (Status s = env.sync(plain.get(), temp); !s) return fail(s.error());
  if (Status s = d.step(id, Step::kWritten, {}, Durability::kLazy); !s) return fail(s.error());
  plain = Fd();
  sealed.fd = Fd();
  if (Status s = d.step(id, Step::kRenaming); !s) return fail(s.error());
  if (Status s = env.rename(temp, target); !s) return fail(s.error());
  JAMUL_RETURN_IF_ERROR(env.syncFolderOf(target));
  JAMUL_RETURN_IF_ERROR(d.step(id, Step::kRenamed, {}, Durability::kLazy));
  if (Status s = env.remove(path); !s && s.error().code() != ErrorCode::kNotFound) return s.error();
  JAMUL_RETURN_IF_ERROR(env.syncFolderOf(path));
  JAMUL_RETURN_IF_ERROR(d.step(id, Step::kDone, {}, Durability::kLazy));
  return target;
}

Status FileProtector::Impl::finishShred(std::int64_t id, const std::string& path,
                                        const std::string& random_name, bool overwritten) {
  if (!overwritten) {
    JAMUL_RETURN_IF_ERROR(overwriteFile(env, path, false));
    JAMUL_RETURN_IF_ERROR(step(id, Step::kOverwritten));
  }
  if (exists(env, path)) {
    JAMUL_RETURN_IF_ERROR(env.rename(path, random_name));
    JAMUL_RETURN_IF_ERROR(env.syncFolderOf(random_name));
  }
  JAMUL_RETURN_IF_ERROR(step(id, Step::kRenamed));
  if (auto file = openRegular(env, random_name, OpenMode::kWrite)) {
    JAMUL_RETURN_IF_ERROR(env.truncate(file->fd.get(), 0, random_name));
  } else if (file.error().code() != ErrorCode::kNotFound) {
    return file.error();
  }
  if (Status s = env.remove(random_name); !s && s.error().code() != ErrorCode::kNotFound) return s;
  JAMUL_RETURN_IF_ERROR(env.syncFolderOf(random_name));
  JAMUL_RETURN_IF_ERROR(journal.forgetFile(path));
  return step(id, Step::kDone);
}

Status FileProtector::shred(const std::string& given) {
  Impl& d = *impl_;
  Env& env = d.env;
  const std::string path = absolute(given);
  JAMUL_ASSIGN_OR_RETURN(OpenedFile file, openRegular(env, path, OpenMode::kRead));
  JAMUL_RETURN_IF_ERROR(refuseReadOnlyMedia(env, path));
  JAMUL_RETURN_IF_ERROR(refuseHardLinked(file.info, path));
  JAMUL_RETURN_IF_ERROR(refuseLocked(env, file.fd.get(), path));
  // A file open for writing elsewhere is in use: its program would go on writing to a file that
  // is gone. Refused, like a locked one (nothing is held: the user asked for it to go).
  JAMUL_RETURN_IF_ERROR(env.excludeWriters(file.fd.get(), path));
  file.fd = Fd();
  const std::string random_name = randomNameBeside(env, path, "");
  JAMUL_ASSIGN_OR_RETURN(std::int64_t id,
                         d.begin(ActionKind::kShred, path, random_name, "", file.info));
  if (Status s = d.finishShred(id, path, random_name, false); !s) {
    (void)d.step(id, Step::kFailed, s.error().message());
    return s;
  }
  return okStatus();
}

Result<RecoveredAction> FileProtector::Impl::recoverEncrypt(const Entry& e, Sealer& sealer) {
  RecoveredAction r{ActionKind::kEncrypt, e.path, false, {}};
  const bool renamed_step =
      e.step == Step::kRenamed || e.step == Step::kWiping || e.step == Step::kUnlinking;
  // "renaming": the rename happened if the temporary file is gone and the target is there.
  const bool renamed = renamed_step || (e.step == Step::kRenaming && !exists(env, e.temp_path) &&
                                        exists(env, e.target_path));
  if (!renamed) {
    // The original was never touched: roll back.
    discard(e.temp_path, Holds::kCiphertext);
    r.detail = "rolled back: interrupted before the encrypted copy was in place";
    JAMUL_RETURN_IF_ERROR(step(e.id, Step::kRolledBack, r.detail));
    return r;
  }
  const bool wiping_started = e.step == Step::kWiping || e.step == Step::kUnlinking;
  if (!wiping_started && exists(env, e.path)) {
    // The original is whole: remove it only if it is still the file we encrypted, and the copy
    // in place decrypts to exactly it.
    auto original = openRegular(env, e.path, OpenMode::kRead);
    if (!original || original->info.signature != e.signature) {
      r.detail = "kept both: the original changed after it was encrypted";
      JAMUL_RETURN_IF_ERROR(step(e.id, Step::kFailed, r.detail));
      return r;
    }
    auto copy = openRegular(env, e.target_path, OpenMode::kRead);
    auto want = sealer.hash(original->fd.get());
    auto got = copy ? sealer.verify(copy->fd.get()) : Result<ContentHash>(copy.error());
    if (!want || !got || *want != *got) {
      r.detail = "kept both: the encrypted copy could not be verified against the original";
      JAMUL_RETURN_IF_ERROR(step(e.id, Step::kFailed, r.detail));
      return r;
    }
  } else if (e.step == Step::kWiping && exists(env, e.path)) {
    // Part of the original may be overwritten already: it is only removed if the copy is whole.
    auto copy = openRegular(env, e.target_path, OpenMode::kRead);
    auto got = copy ? sealer.verify(copy->fd.get()) : Result<ContentHash>(copy.error());
    if (!got) {
      r.detail = "kept both: the encrypted copy does not decrypt (" + got.error().message() + ")";
      JAMUL_RETURN_IF_ERROR(step(e.id, Step::kFailed, r.detail));
      return r;
    }
  }
  JAMUL_RETURN_IF_ERROR(env.syncFolderOf(e.target_path));
  JAMUL_RETURN_IF_ERROR(removeOriginal(e.id, e.path));
  r.finished = true;
  r.detail = "finished: encrypted to " + e.target_path;
  return r;
}

Result<RecoveredAction> FileProtector::Impl::recoverDecrypt(const Entry& e) {
  RecoveredAction r{ActionKind::kDecrypt, e.path, false, {}};
  const bool renamed =
      e.step == Step::kRenamed || (e.step == Step::kRenaming && !exists(env, e.temp_path) &&
                                   exists(env, e.target_path));
  if (!renamed) {
    discard(e.temp_path, Holds::kPlaintext);  // the plaintext read so far
    r.detail = "rolled back: the encrypted file is kept";
    JAMUL_RETURN_IF_ERROR(step(e.id, Step::kRolledBack, r.detail));
    return r;
  }
  JAMUL_RETURN_IF_ERROR(env.syncFolderOf(e.target_path));
  if (Status s = env.remove(e.path); !s && s.error().code() != ErrorCode::kNotFound)
    return s.error();
  JAMUL_RETURN_IF_ERROR(env.syncFolderOf(e.path));
  JAMUL_RETURN_IF_ERROR(step(e.id, Step::kDone));
  r.finished = true;
  r.detail = "finished: decrypted to " + e.target_path;
  return r;
}

Result<RecoveredAction> FileProtector::Impl::recoverShred(const Entry& e) {
  RecoveredAction r{ActionKind::kShred, e.path, true, "finished: shredded"};
  if (Status s = finishShred(e.id, e.path, e.temp_path, e.step != Step::kStarted); !s) {
    if (s.error().code() != ErrorCode::kNotFound) return s.error();
    JAMUL_RETURN_IF_ERROR(step(e.id, Step::kDone));  // already gone
  }
  return r;
}

Result<std::vector<RecoveredAction>> FileProtector::recover(Sealer& sealer) {
  std::vector<RecoveredAction> out;
  JAMUL_ASSIGN_OR_RETURN(std::vector<Entry> entries, impl_->journal.unfinished());
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
