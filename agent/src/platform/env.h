// SPDX-License-Identifier: Apache-2.0
#pragma once

// Env: the agent's one seam over the operating system (LevelDB's Env is the model): files, names,
// durability, locks between processes, the clock and randomness. The code above it (the in-place
// protocol, the key files, the parse journal, the inventory's own files) never calls the OS
// itself, so that
//   - a port implements this interface and nothing else (platform/posix/ now, platform/windows/
//     later), and
//   - tests wrap it (EnvWrapper) to inject faults — a full disk, an I/O error, a crash at the Nth
//     operation, a clock they set (tests/support/fault_env.h) — instead of production classes
//     carrying test hooks.
//
// Conventions:
//   - Paths are bytes as the OS takes them. A file is never opened through a symbolic link in its
//     last component: that fails with kInvalidArgument ("is a symbolic link").
//   - Failures are Error values naming the path, errno mapped by errorFromErrno (kNotFound,
//     kPermissionDenied, kIo for a full disk or a failing device, ...). Nothing throws.
//   - Descriptors are Fd (platform/fd.h), closed on destruction.
//
// Thread-safety: Env::system() keeps no state; every call may come from any thread. Wrappers say
// what they add.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/agent/turn_wait.h"
#include "jamul/common/file_signature.h"
#include "jamul/common/result.h"
#include "platform/fd.h"
#include "platform/file_lock.h"
#include "platform/writer_exclusion.h"

namespace jamul::agent {

// What stat says of a file, as the agent needs it.
struct FileInfo {
  enum class Type { kRegular, kDirectory, kSymlink, kOther };
  Type type = Type::kOther;
  FileSignature signature;
  std::uint32_t mode = 0;  // permission bits (07777)
  std::uint32_t uid = 0;   // owner (SID on Windows: a later change of type)
  std::uint32_t gid = 0;
  std::uint64_t links = 0;
  std::int64_t atime_ns = 0;

  bool regular() const { return type == Type::kRegular; }
};

// The file system a folder lives on.
struct VolumeInfo {
  bool read_only = false;       // mounted read-only (a locked USB stick, a CD)
  bool writable = false;        // this process may create and remove names in the folder
  std::uint64_t name_max = 0;   // longest file name, in bytes (0: not known)
};

enum class OpenMode {
  kRead,       // read-only, existing file
  kWrite,      // write-only, existing file
  kCreateNew,  // read-write, a new file (kInvalidArgument "already exists" if one is there)
  kAppend,     // write-only at the end, created if missing
};

class Env {
 public:
  virtual ~Env() = default;

  // The operating system itself.
  static Env& system();

  // --- Files --------------------------------------------------------------------------------
  // Opens `path` as `mode` says; a created file gets `create_mode` (0600 unless said). Regular
  // files only where the caller checks statFile(): a FIFO does not block the open (O_NONBLOCK,
  // cleared once open).
  virtual Result<Fd> openFile(const std::string& path, OpenMode mode,
                              std::uint32_t create_mode = 0600) = 0;
  virtual Result<FileInfo> statFile(int fd, const std::string& path) = 0;
  // The entry `path` itself (a link is a kSymlink, not its target).
  virtual Result<FileInfo> statPath(const std::string& path) = 0;
  // Up to out.size() bytes from the current offset; 0 at the end of the file.
  virtual Result<std::size_t> read(int fd, std::span<std::uint8_t> out,
                                   const std::string& path) = 0;
  // Up to out.size() bytes from `offset`, without moving the current offset.
  virtual Result<std::size_t> readAt(int fd, std::span<std::uint8_t> out,
                                     std::uint64_t offset, const std::string& path) = 0;
  virtual Status writeAll(int fd, std::span<const std::uint8_t> bytes,
                          const std::string& path) = 0;
  virtual Status seekToStart(int fd, const std::string& path) = 0;
  virtual Status truncate(int fd, std::uint64_t size, const std::string& path) = 0;
  // The file's data and metadata on disk (fsync).
  virtual Status sync(int fd, const std::string& path) = 0;
  // Owner (where permitted), permission bits and access/modification times of `from`.
  virtual Status copyMetadata(int fd, const FileInfo& from, const std::string& path) = 0;
  virtual Status setMode(int fd, std::uint32_t mode, const std::string& path) = 0;
  // Asks the OS to forget the file's cached pages (clean ones go at once on Linux), so that the
  // next read comes from the disk. A hint: never fails.
  virtual void dropCachedPages(int fd) = 0;

  // --- Names ----------------------------------------------------------------------------------
  // Renames, never over an existing name (kInvalidArgument "already exists").
  virtual Status rename(const std::string& from, const std::string& to) = 0;
  // A second name for `from` (kInvalidArgument "already exists" if `to` is taken).
  virtual Status link(const std::string& from, const std::string& to) = 0;
  // Removes the name (kNotFound if it is not there).
  virtual Status remove(const std::string& path) = 0;
  // A rename or remove in the folder holding `path` made durable (fsync of the folder).
  virtual Status syncFolderOf(const std::string& path) = 0;
  // The names in a folder (no "." or ".."), in no particular order.
  virtual Result<std::vector<std::string>> listFolder(const std::string& path) = 0;
  virtual Result<VolumeInfo> volumeOf(const std::string& folder) = 0;

  // --- Other processes ------------------------------------------------------------------------
  // An exclusive lock on a lock file between processes (file_lock.h).
  virtual Result<FileLock> lockFile(const std::string& path, const TurnWait* wait) = 0;
  // Whether another process holds a lock (flock, or a POSIX record lock) on the open file.
  virtual Result<bool> lockedByAnother(int fd, const std::string& path) = 0;
  // Keeps writers out of the file open read-only as `fd` (writer_exclusion.h).
  virtual Result<std::unique_ptr<WriterExclusion>> excludeWriters(int fd,
                                                                  const std::string& path) = 0;
  // The user this process acts as (its effective uid).
  virtual std::uint32_t currentUser() = 0;
  // This process's id (names the parse journal of each process).
  virtual std::int64_t processId() = 0;

  // --- Time and chance ------------------------------------------------------------------------
  // Wall-clock time, Unix milliseconds (journal timestamps; the scheduler later).
  virtual std::int64_t nowMs() = 0;
  // Cryptographically strong random bytes.
  virtual void random(std::span<std::uint8_t> out) = 0;
};

// Forwards every call to a target Env; tests derive from it and override what they change.
class EnvWrapper : public Env {
 public:
  explicit EnvWrapper(Env& target) : target_(target) {}
  Env& target() const { return target_; }

  Result<Fd> openFile(const std::string& path, OpenMode mode,
                      std::uint32_t create_mode = 0600) override {
    return target_.openFile(path, mode, create_mode);
  }
  Result<FileInfo> statFile(int fd, const std::string& path) override {
    return target_.statFile(fd, path);
  }
  Result<FileInfo> statPath(const std::string& path) override { return target_.statPath(path); }
  Result<std::size_t> read(int fd, std::span<std::uint8_t> out,
                           const std::string& path) override {
    return target_.read(fd, out, path);
  }
  Result<std::size_t> readAt(int fd, std::span<std::uint8_t> out, std::uint64_t offset,
                             const std::string& path) override {
    return target_.readAt(fd, out, offset, path);
  }
  Status writeAll(int fd, std::span<const std::uint8_t> bytes,
                  const std::string& path) override {
    return target_.writeAll(fd, bytes, path);
  }
  Status seekToStart(int fd, const std::string& path) override {
    return target_.seekToStart(fd, path);
  }
  Status truncate(int fd, std::uint64_t size, const std::string& path) override {
    return target_.truncate(fd, size, path);
  }
  Status sync(int fd, const std::string& path) override { return target_.sync(fd, path); }
  Status copyMetadata(int fd, const FileInfo& from, const std::string& path) override {
    return target_.copyMetadata(fd, from, path);
  }
  Status setMode(int fd, std::uint32_t mode, const std::string& path) override {
    return target_.setMode(fd, mode, path);
  }
  void dropCachedPages(int fd) override { target_.dropCachedPages(fd); }
  Status rename(const std::string& from, const std::string& to) override {
    return target_.rename(from, to);
  }
  Status link(const std::string& from, const std::string& to) override {
    return target_.link(from, to);
  }
  Status remove(const std::string& path) override { return target_.remove(path); }
  Status syncFolderOf(const std::string& path) override { return target_.syncFolderOf(path); }
  Result<std::vector<std::string>> listFolder(const std::string& path) override {
    return target_.listFolder(path);
  }
  Result<VolumeInfo> volumeOf(const std::string& folder) override {
    return target_.volumeOf(folder);
  }
  Result<FileLock> lockFile(const std::string& path, const TurnWait* wait) override {
    return target_.lockFile(path, wait);
  }
  Result<bool> lockedByAnother(int fd, const std::string& path) override {
    return target_.lockedByAnother(fd, path);
  }
  Result<std::unique_ptr<WriterExclusion>> excludeWriters(int fd,
                                                          const std::string& path) override {
    return target_.excludeWriters(fd, path);
  }
  std::uint32_t currentUser() override { return target_.currentUser(); }
  std::int64_t processId() override { return target_.processId(); }
  std::int64_t nowMs() override { return target_.nowMs(); }
  void random(std::span<std::uint8_t> out) override { target_.random(out); }

 private:
  Env& target_;
};

// Helpers built on an Env (the same on every platform).

// Reads the whole file from the current offset; kTooLarge beyond `max_bytes`.
Result<std::string> readAll(Env& env, int fd, const std::string& path,
                            std::uint64_t max_bytes);
Status writeAll(Env& env, int fd, std::string_view text, const std::string& path);
bool exists(Env& env, const std::string& path);

// The folder part of `path` ("." when it has none) and its last component.
std::string folderOf(const std::string& path);
std::string nameOf(const std::string& path);

}  // namespace jamul::agent
