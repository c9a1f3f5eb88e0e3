// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileWalker: lists the regular files under a set of roots (DESIGN.md §4 "Walker", ripgrep's
// `ignore` crate as the model).
//
// Behaviour:
//   - Depth-first; the entries of each directory are visited in byte order of their names, so the
//     order of onFile() calls is deterministic for a given tree.
//   - Symbolic links are never followed (a link can neither escape a root nor loop); FIFOs, sockets
//     and devices are skipped; only regular files reach onFile(). With report_skipped, each
//     skipped link and special file (that the globs would keep) reaches onSkipped().
//   - A root may be a directory or a regular file; a root that is anything else (a FIFO, socket
//     or device) gets one onError(kUnsupportedFormat): it was named, so it is never passed over in
//     silence. A root that is a symbolic link is followed (the user named it), but links below it
//     are not; a root link to a file is reported under the path it resolves to (the file itself,
//     which is what the reader opens and the inventory keys).
//   - Exclude globs prune directories and drop files; include globs (if any) keep only matching files.
//     Glob syntax (gitignore-like): `*` and `?` do not cross '/', `**` matches any number of path
//     segments, `[abc]`/`[a-z]`/`[!a]` classes; a pattern without '/' matches the name at any depth,
//     a pattern with '/' matches the path relative to its root; a trailing '/' matches directories
//     only. Matching is byte-wise and case-sensitive.
//   - Every entry that cannot be listed or examined (permission denied, vanished mid-walk, name too
//     long, I/O error) produces exactly one onError() with the path as the error's subject; the walk
//     goes on. Nothing aborts a walk but cancellation.
//   - Arbitrarily deep trees and paths longer than PATH_MAX are walked (directories are opened
//     relative to their parent, no recursion on the C++ stack, a bounded number of descriptors).
//   - With one_file_system, directories on another device than their root are not entered.
//   - Roots themselves are never filtered by the globs (as with paths given to ripgrep). An include
//     pattern ending in '/' is rejected (includes select files only); `\x` escapes and `[^a]` are
//     accepted as in gitignore. A directory swapped for a link or a file between listing and
//     opening is skipped: the walk reports the tree as it was listed. A bind mount of an ancestor
//     inside the tree (a loop) gets one kUnsupportedFormat error instead of being entered.
//
// Thread-safety: a FileWalker is immutable; walk() may run on several threads at once with different
// visitors. The visitor is called on the thread that runs walk().

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/scanner/file_entry.h"

namespace jamul::scanner {

struct WalkOptions {
  std::vector<std::string> include;  // keep only files matching one of these (empty: all files)
  std::vector<std::string> exclude;  // skip files and directories matching one of these
  bool one_file_system = false;      // do not descend into other mounted file systems
  bool report_skipped = false;       // tell onSkipped() of links and special files passed over
  // Files that belong to the caller and are never reported (the inventory's own database, its
  // journals and keys, should the user scan the folder that holds them), by full path as the walk
  // builds it. Empty: none.
  std::function<bool(std::string_view path)> own_file;
};

class WalkVisitor {
 public:
  virtual ~WalkVisitor() = default;
  virtual void onFile(FileEntry entry) = 0;
  // An entry that could not be listed or examined; error.subject() is its path.
  virtual void onError(Error error) = 0;
  // A link or special file passed over (WalkOptions::report_skipped only); `what` says which, in
  // English ("symbolic link: not followed"), and is static text (it outlives the walk).
  virtual void onSkipped(std::string path, std::string_view what) {
    static_cast<void>(path);
    static_cast<void>(what);
  }
  // Polled between entries; when it returns true the walk stops early.
  virtual bool cancelled() const { return false; }
};

class FileWalker {
 public:
  // Fails with kInvalidArgument if a glob is malformed (e.g. an unclosed '[').
  static Result<FileWalker> create(WalkOptions options);

  FileWalker(FileWalker&&) noexcept;
  FileWalker& operator=(FileWalker&&) noexcept;
  ~FileWalker();

  // Walks every root in the order given.
  void walk(std::span<const std::string> roots, WalkVisitor& visitor) const;

  // For walks of one directory root shared by threads, one top-level entry at a time: the names
  // of the entries directly in `root`, in the order walk() visits them; nullopt when root is not
  // a directory or cannot be listed in full (walk() it then, and see its errors).
  std::optional<std::vector<std::string>> topLevelNames(const std::string& root) const;
  // What walk() of `root` visits at and below its top-level entries from `first` to `last` (by
  // name, both included), in the same order, its globs still relative to root. Walked over
  // consecutive ranges of topLevelNames(), in order, these visit what walk() does. The root's own
  // errors are not reported (topLevelNames() saw it whole); an entry gone since is skipped, as
  // walk() would.
  void walkTopLevelRange(const std::string& root, const std::string& first, const std::string& last,
                         WalkVisitor& visitor) const;

 private:
  struct State;
  explicit FileWalker(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace jamul::scanner
