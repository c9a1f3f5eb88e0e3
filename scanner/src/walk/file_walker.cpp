// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/file_walker.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "platform/directory_reader.h"
#include "walk/glob_matcher.h"

namespace jamul::scanner {

using platform::DirectoryListing;
using platform::DirectoryReader;
using platform::EntryInfo;
using platform::EntryType;

namespace {

// The compiled options (FileWalker::State is private, and the walk needs them).
struct Rules {
  GlobMatcher include;
  GlobMatcher exclude;
  bool one_file_system = false;
  bool report_skipped = false;
  std::function<bool(std::string_view)> own_file;
};

std::string_view skippedWhat(EntryType type) {
  return type == EntryType::kSymlink ? "symbolic link: not followed"
                                     : "not a regular file (FIFO, socket or device): not read";
}

// Descriptors held by one walk(), the root's included. Several walks may run at once inside a
// process whose limit is often 1024, so this stays small; trees deeper than this reopen evicted
// directories from an ancestor (see Walk::ensureOpen). Must be at least 3, see Walk::evictIfFull.
constexpr std::size_t kMaxOpenDirectories = 32;

// One directory on the walk's explicit stack (no recursion on the C++ stack).
struct Frame {
  DirectoryReader dir;          // closed when evicted to bound the number of open descriptors
  platform::FileId id;          // to recognise the directory when reopening it, and to spot loops
  DirectoryListing listing;     // sorted by name
  std::size_t next = 0;         // the next entry of `listing` to visit
  std::size_t path_length = 0;  // this directory's path is path_.substr(0, path_length)
};

// The state of one walk() call: walks stay independent, so a FileWalker can be shared by threads.
class Walk {
 public:
  Walk(const Rules& rules, WalkVisitor& visitor) : rules_(rules), visitor_(visitor) {}

  // Returns false if the walk was cancelled.
  bool walkRoot(const std::string& root);
  // From the next walkRoot() on: only the root's top-level entries from `first` to `last`
  // (walkTopLevelRange()).
  void restrictTopLevel(std::string first, std::string last) {
    only_ = std::make_pair(std::move(first), std::move(last));
  }

 private:
  void visitEntry(std::size_t depth_index, const DirectoryListing::Entry& entry);
  void enter(std::size_t depth_index, const char* name);
  void push(DirectoryReader dir, std::size_t path_length);
  void pop();
  bool ensureOpen(std::size_t depth_index);
  void evictIfFull();

  bool wantFile(std::string_view relative) const {
    return (rules_.include.empty() || rules_.include.matches(relative, false)) &&
           !rules_.exclude.matches(relative, false);
  }
  bool excludedDirectory(std::string_view relative) const {
    return rules_.exclude.matches(relative, true);
  }
  void report(const Error& error, std::string_view path) {
    visitor_.onError(Error(error.code(), error.message(), std::string(path)));
  }
  // A link or special file inside the tree: passed over, and told only when asked (and when the
  // globs would have kept a file of that name).
  void skipped(std::string_view relative, EntryType type) {
    if (rules_.report_skipped && wantFile(relative)) visitor_.onSkipped(path_, skippedWhat(type));
  }
  // Errors of the root itself: not reported by a walk restricted to one top-level entry.
  void reportRoot(const Error& error, std::string_view path) {
    if (!only_) report(error, path);
  }

  const Rules& rules_;
  WalkVisitor& visitor_;
  // frames_[0, depth_) is the stack; frames beyond are kept only to reuse their buffers.
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  std::size_t open_ = 0;  // frames on the stack whose directory is open
  // The path of the entry being visited, built in place: root + '/' + relative path.
  std::string path_;
  std::size_t relative_start_ = 0;
  std::uint64_t root_device_ = 0;
  std::optional<std::pair<std::string, std::string>> only_;  // see restrictTopLevel()
};

// The order of a walk: the entries of a directory in byte order of their names.
void sortByName(DirectoryListing& listing) {
  const char* names = listing.names.data();
  std::sort(listing.entries.begin(), listing.entries.end(),
            [names](const DirectoryListing::Entry& a, const DirectoryListing::Entry& b) {
              // Byte order: char_traits<char>::compare compares as unsigned char.
              return std::string_view(names + a.offset, a.length) <
                     std::string_view(names + b.offset, b.length);
            });
}

FileEntry entryOf(std::string path, const EntryInfo& info) {
  FileEntry entry;
  entry.path = std::move(path);
  entry.size = info.size;
  entry.mtime_ns = info.mtime_ns;
  entry.ctime_ns = info.ctime_ns;
  entry.inode = info.id.inode;
  entry.device = info.id.device;
  entry.owner = info.owner;
  return entry;
}

bool Walk::walkRoot(const std::string& root) {
  if (visitor_.cancelled()) return false;
  // Roots are what the user named: a link is followed, and globs do not filter them (ripgrep does
  // the same with paths given on its command line).
  Result<EntryInfo> info = DirectoryReader::examinePath(root);
  if (!info) {
    reportRoot(info.error(), root);
    return true;
  }
  if (info->type == EntryType::kRegular) {
    if (only_) return true;
    // A link to a file is read as the file it names: the reader never follows a link, and the
    // inventory keys the file itself (what encrypt acts on).
    Result<std::optional<std::string>> target = DirectoryReader::resolveIfLink(root);
    if (!target) {
      reportRoot(target.error(), root);
      return true;
    }
    visitor_.onFile(entryOf(target->value_or(root), *info));
    return true;
  }
  if (info->type != EntryType::kDirectory) {
    // Named on purpose, so never skipped without a word: a FIFO would block a reader, a device
    // never ends, and the user should hear that nothing was read.
    reportRoot(Error(ErrorCode::kUnsupportedFormat,
                     "not a regular file or folder (a FIFO, socket or device): not read"),
               root);
    return true;
  }
  Result<DirectoryReader> dir = DirectoryReader::openPath(root);
  if (!dir) {
    reportRoot(dir.error(), root);
    return true;
  }
  path_ = root;
  relative_start_ = root.ends_with('/') ? root.size() : root.size() + 1;
  root_device_ = dir->id().device;
  push(std::move(*dir), root.size());
  if (only_) {
    // Keep the top-level entries of the range (the listing is sorted by name).
    DirectoryListing& top = frames_[0].listing;
    const char* names = top.names.data();
    const auto name_of = [&](const DirectoryListing::Entry& e) {
      return std::string_view(names + e.offset, e.length);
    };
    const auto first =
        std::partition_point(top.entries.begin(), top.entries.end(),
                             [&](const auto& e) { return name_of(e) < only_->first; });
    const auto last = std::partition_point(
        first, top.entries.end(), [&](const auto& e) { return name_of(e) <= only_->second; });
    top.entries.erase(last, top.entries.end());
    top.entries.erase(top.entries.begin(), first);
  }

  while (depth_ > 0) {
    if (visitor_.cancelled()) {
      while (depth_ > 0) pop();
      return false;
    }
    Frame& top = frames_[depth_ - 1];
    if (top.next == top.listing.entries.size()) {
      pop();
      continue;
    }
    const DirectoryListing::Entry entry = top.listing.entries[top.next++];
    visitEntry(depth_ - 1, entry);
  }
  return true;
}

void Walk::visitEntry(std::size_t depth_index, const DirectoryListing::Entry& entry) {
  const char* name = frames_[depth_index].listing.name(entry);
  path_.resize(frames_[depth_index].path_length);
  if (path_.back() != '/') path_.push_back('/');
  path_.append(name, entry.length);
  const std::string_view relative = std::string_view(path_).substr(relative_start_);

  // The listing's type saves a stat for every directory and link, and lets globs drop files
  // before they cost a system call; a file still needs one stat for its signature.
  EntryType type = entry.type;
  if (type == EntryType::kSymlink || type == EntryType::kOther) {
    skipped(relative, type);
    return;
  }
  if (type == EntryType::kRegular && !wantFile(relative)) return;
  if (type == EntryType::kDirectory && excludedDirectory(relative)) return;

  std::optional<EntryInfo> info;
  if (type != EntryType::kDirectory || rules_.one_file_system) {
    if (!ensureOpen(depth_index)) return;
    Result<EntryInfo> examined = frames_[depth_index].dir.examine(name);
    if (!examined) {
      report(examined.error(), path_);
      return;
    }
    info = *examined;
    if (info->type != type) {  // the listing did not say, or the entry changed since
      type = info->type;
      if (type == EntryType::kRegular && !wantFile(relative)) return;
      if (type == EntryType::kDirectory && excludedDirectory(relative)) return;
      if (type == EntryType::kSymlink || type == EntryType::kOther) {
        skipped(relative, type);
        return;
      }
    }
  }
  if (type == EntryType::kRegular) {
    if (rules_.own_file && rules_.own_file(path_)) return;
    visitor_.onFile(entryOf(path_, *info));
  } else if (type == EntryType::kDirectory) {
    // Compared before opening: merely opening an automount point would mount it.
    if (rules_.one_file_system && info->id.device != root_device_) return;
    enter(depth_index, name);
  }
}

void Walk::enter(std::size_t depth_index, const char* name) {
  if (!ensureOpen(depth_index)) return;
  evictIfFull();
  Result<DirectoryReader> child = frames_[depth_index].dir.openChild(name);
  if (!child) {
    // Replaced by a link or a file since it was listed: the walk reports the tree as listed, and a
    // link is never followed.
    if (child.error().code() != ErrorCode::kUnsupportedFormat) report(child.error(), path_);
    return;
  }
  if (rules_.one_file_system && child->id().device != root_device_) return;
  // Without links a tree has no cycles, except through a bind mount of an ancestor inside itself.
  const platform::FileId id = child->id();
  for (std::size_t i = 0; i <= depth_index; ++i) {
    if (frames_[i].id == id && id.inode != 0) {
      visitor_.onError(Error(ErrorCode::kUnsupportedFormat,
                             "file system loop: the directory is one of its own ancestors", path_));
      return;
    }
  }
  push(std::move(*child), path_.size());
}

void Walk::push(DirectoryReader dir, std::size_t path_length) {
  if (depth_ == frames_.size()) frames_.emplace_back();
  Frame& frame = frames_[depth_++];
  frame.id = dir.id();
  frame.dir = std::move(dir);
  ++open_;
  frame.next = 0;
  frame.path_length = path_length;
  frame.listing.clear();
  // Listed in full at once: the order must be sorted, and the descriptor can then be evicted.
  const Status listed = frame.dir.list(frame.listing);
  sortByName(frame.listing);
  // What could be listed is still walked; the error says the listing is incomplete.
  if (!listed) {
    const std::string_view path = std::string_view(path_).substr(0, path_length);
    if (depth_ == 1)
      reportRoot(listed.error(), path);
    else
      report(listed.error(), path);
  }
}

void Walk::pop() {
  Frame& frame = frames_[--depth_];
  if (frame.dir.isOpen()) {
    frame.dir.close();
    --open_;
  }
}

// Evicts the shallowest open directory below the root. The open frames are then always the root
// plus a run of the deepest ones, so the directory being worked in stays open: with at least 3
// slots, a full set holds two frames besides the root, and the shallower one goes.
void Walk::evictIfFull() {
  if (open_ < kMaxOpenDirectories) return;
  for (std::size_t i = 1; i < depth_; ++i) {
    if (frames_[i].dir.isOpen()) {
      frames_[i].dir.close();
      --open_;
      return;
    }
  }
}

// Reopens an evicted directory by walking down from its nearest open ancestor (the root is never
// evicted), by name and without following links, and checks it is still the same directory. The
// directories on the way stay open while slots allow, so climbing further up is mostly free: a
// chain of depth D costs O(D^2 / kMaxOpenDirectories) opens in all.
bool Walk::ensureOpen(std::size_t depth_index) {
  if (frames_[depth_index].dir.isOpen()) return true;
  std::size_t ancestor = depth_index;
  while (!frames_[ancestor].dir.isOpen()) --ancestor;
  for (std::size_t i = ancestor + 1; i <= depth_index; ++i) {
    Frame& parent = frames_[i - 1];
    const char* name = parent.listing.name(parent.listing.entries[parent.next - 1]);
    evictIfFull();
    Result<DirectoryReader> reopened = parent.dir.openChild(name);
    std::optional<Error> failure;
    if (!reopened) {
      failure = reopened.error().code() == ErrorCode::kUnsupportedFormat
                    ? Error(ErrorCode::kNotFound, "directory replaced during the walk")
                    : reopened.error();
    } else if (reopened->id() != frames_[i].id) {
      failure = Error(ErrorCode::kNotFound, "directory replaced during the walk");
    }
    if (failure) {
      // One error for the directory stands for what was left to visit below it.
      report(*failure, std::string_view(path_).substr(0, frames_[i].path_length));
      for (std::size_t j = i; j < depth_; ++j) frames_[j].next = frames_[j].listing.entries.size();
      return false;
    }
    frames_[i].dir = std::move(*reopened);
    ++open_;
  }
  return true;
}

}  // namespace

struct FileWalker::State {
  Rules rules;
};

Result<FileWalker> FileWalker::create(WalkOptions options) {
  for (const std::string& pattern : options.include) {
    // Includes filter files only, so a directory-only include would silently select nothing.
    if (pattern.ends_with('/')) {
      return Error(ErrorCode::kInvalidArgument,
                   "an include pattern ending in '/' matches no file; use 'dir/**'", pattern);
    }
  }
  auto state = std::make_unique<State>();
  JAMUL_ASSIGN_OR_RETURN(state->rules.include, GlobMatcher::compile(options.include));
  JAMUL_ASSIGN_OR_RETURN(state->rules.exclude, GlobMatcher::compile(options.exclude));
  state->rules.one_file_system = options.one_file_system;
  state->rules.report_skipped = options.report_skipped;
  state->rules.own_file = options.own_file;
  return FileWalker(std::move(state));
}

FileWalker::FileWalker(std::unique_ptr<State> state) : state_(std::move(state)) {}
FileWalker::FileWalker(FileWalker&&) noexcept = default;
FileWalker& FileWalker::operator=(FileWalker&&) noexcept = default;
FileWalker::~FileWalker() = default;

void FileWalker::walk(std::span<const std::string> roots, WalkVisitor& visitor) const {
  Walk run(state_->rules, visitor);
  for (const std::string& root : roots) {
    if (!run.walkRoot(root)) return;
  }
}

std::optional<std::vector<std::string>> FileWalker::topLevelNames(const std::string& root) const {
  Result<DirectoryReader> dir = DirectoryReader::openPath(root);
  if (!dir) return std::nullopt;
  DirectoryListing listing;
  if (!dir->list(listing)) return std::nullopt;
  std::vector<std::string> names;
  sortByName(listing);
  names.reserve(listing.entries.size());
  for (const DirectoryListing::Entry& e : listing.entries)
    names.emplace_back(listing.name(e), e.length);
  return names;
}

void FileWalker::walkTopLevelRange(const std::string& root, const std::string& first,
                                   const std::string& last, WalkVisitor& visitor) const {
  Walk run(state_->rules, visitor);
  run.restrictTopLevel(first, last);
  run.walkRoot(root);
}

}  // namespace jamul::scanner
