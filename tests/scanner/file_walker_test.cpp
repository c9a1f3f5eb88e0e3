// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/file_walker.h"

#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "support/scanner_printers.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::scanner {
namespace {

namespace fs = std::filesystem;

// Records what a walk reports, in order.
class Recorder final : public WalkVisitor {
 public:
  void onFile(FileEntry entry) override {
    entries.push_back(entry);
    events.push_back("F " + entry.path);
    if (on_file) on_file(entries.back());
  }
  void onError(Error error) override {
    events.push_back("E " + error.subject());
    errors.push_back(std::move(error));
  }
  void onSkipped(std::string path, std::string_view what) override {
    events.push_back("S " + path + " (" + std::string(what) + ")");
    skipped.push_back(std::move(path));
  }
  bool cancelled() const override { return entries.size() >= cancel_after; }

  std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const FileEntry& e : entries) out.push_back(e.path);
    return out;
  }

  std::function<void(const FileEntry&)> on_file;
  std::size_t cancel_after = std::numeric_limits<std::size_t>::max();
  std::vector<FileEntry> entries;
  std::vector<Error> errors;
  std::vector<std::string> skipped;
  std::vector<std::string> events;
};

// (Designated initializers would trip GCC 12's -Wmissing-field-initializers.)
WalkOptions makeOptions(std::vector<std::string> include, std::vector<std::string> exclude = {},
                        bool one_file_system = false) {
  WalkOptions options;
  options.include = std::move(include);
  options.exclude = std::move(exclude);
  options.one_file_system = one_file_system;
  return options;
}

FileWalker makeWalker(WalkOptions options = {}) {
  Result<FileWalker> walker = FileWalker::create(std::move(options));
  BOOST_REQUIRE_MESSAGE(walker.ok(), (walker.ok() ? "" : walker.error().toString()));
  return std::move(walker).value();
}

void walk(const FileWalker& walker, const std::vector<std::string>& roots, Recorder& recorder) {
  walker.walk(roots, recorder);
}

// The paths of `recorder`'s files below `root`, without the "root/" prefix.
std::vector<std::string> relativePaths(const Recorder& recorder, const std::string& root) {
  std::vector<std::string> out;
  for (const FileEntry& e : recorder.entries) {
    BOOST_REQUIRE_MESSAGE(e.path.starts_with(root + "/"), e.path);
    out.push_back(e.path.substr(root.size() + 1));
  }
  return out;
}

std::vector<std::string> walkRelative(const std::string& root, WalkOptions options = {}) {
  Recorder recorder;
  walk(makeWalker(std::move(options)), {root}, recorder);
  for (const Error& e : recorder.errors) BOOST_ERROR("unexpected error: " << e.toString());
  return relativePaths(recorder, root);
}

std::int64_t nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

int openDirectory(int dir, const std::string& name) {
  const int fd = ::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  BOOST_REQUIRE_MESSAGE(fd >= 0, "open " << name << ": " << std::strerror(errno));
  return fd;
}

void writeAt(int dir, const std::string& name, const std::string& bytes) {
  const int fd = ::openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  ::close(fd);
}

std::size_t openDescriptorCount() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// A chain of `levels` directories of 20-character names below `root`, with "aa.txt" (level + 1
// bytes) and "zz.txt" (1000 + level bytes) in the root and in each directory. Built and removed
// with *at calls only, since the deeper paths exceed PATH_MAX (TempDir cannot remove them).
class DeepChain {
 public:
  DeepChain(std::string root, int levels) : root_(std::move(root)), levels_(levels) {
    int fd = openDirectory(AT_FDCWD, root_);
    for (int level = 0;; ++level) {
      writeAt(fd, "aa.txt", std::string(static_cast<std::size_t>(level) + 1, 'a'));
      writeAt(fd, "zz.txt", std::string(1000 + static_cast<std::size_t>(level), 'z'));
      if (level == levels_) break;
      BOOST_REQUIRE(::mkdirat(fd, name(level + 1).c_str(), 0755) == 0);
      const int child = openDirectory(fd, name(level + 1));
      ::close(fd);
      fd = child;
    }
    ::close(fd);
  }
  ~DeepChain() {
    std::vector<int> fds{::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    for (int level = 1; level <= levels_ && fds.back() >= 0; ++level) {
      fds.push_back(::openat(fds.back(), name(level).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    }
    for (std::size_t i = fds.size(); i-- > 0;) {
      if (fds[i] < 0) continue;
      ::unlinkat(fds[i], "aa.txt", 0);
      ::unlinkat(fds[i], "zz.txt", 0);
      ::close(fds[i]);
      if (i > 0) ::unlinkat(fds[i - 1], name(static_cast<int>(i)).c_str(), AT_REMOVEDIR);
    }
  }

  static std::string name(int level) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "dir-%016d", level);
    return buffer;
  }
  // The path of the directory at `level` (0 is the root).
  std::string path(int level) const {
    std::string out = root_;
    for (int i = 1; i <= level; ++i) out += "/" + name(i);
    return out;
  }

 private:
  std::string root_;
  int levels_;
};

// Runs `body` in a forked child (which may drop privileges or unshare its mounts) and returns its
// exit status and what it wrote into `out`. Exit status 77 means "cannot run here".
struct ChildResult {
  int exit_status = -1;
  std::string output;
};

ChildResult runInChild(const std::function<int(std::string& out)>& body) {
  int fds[2];
  BOOST_REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    std::string out;
    const int status = body(out);
    for (std::size_t done = 0; done < out.size();) {
      const ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
      if (n <= 0) ::_exit(99);
      done += static_cast<std::size_t>(n);
    }
    ::_exit(status);
  }
  ::close(fds[1]);
  ChildResult result;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
  return result;
}

// One line per event, paths relative to `root`: "F path" or "E <error code> path".
std::string describe(const Recorder& recorder, const std::string& root) {
  auto relative = [&root](const std::string& path) {
    return path.starts_with(root + "/") ? path.substr(root.size() + 1) : "<" + path + ">";
  };
  std::string out;
  std::size_t file = 0;
  std::size_t error = 0;
  for (const std::string& event : recorder.events) {
    if (event[0] == 'F') {
      out += "F " + relative(recorder.entries[file++].path) + "\n";
    } else {
      const Error& e = recorder.errors[error++];
      out += "E " + std::string(errorCodeName(e.code())) + " " + relative(e.subject()) + "\n";
    }
  }
  return out;
}

BOOST_AUTO_TEST_SUITE(file_walker)

BOOST_AUTO_TEST_CASE(order_is_depth_first_by_name_bytes_and_deterministic) {
  test::TempDir tmp;
  // Created out of order; readdir() order on most file systems is neither creation nor name order.
  for (const char* name : {"b.txt", "\xc3\xa9.txt", "a/x.txt", "Z/1", "a.b/z.txt", "9.txt",
                           "a/b/y.txt", "_x", "B.txt", "a.txt", "10.txt"}) {
    tmp.write(name, name);
  }
  const std::vector<std::string> expected{"10.txt", "9.txt",     "B.txt",       "Z/1",
                                          "_x",     "a/b/y.txt", "a/x.txt",     "a.b/z.txt",
                                          "a.txt",  "b.txt",     "\xc3\xa9.txt"};
  const std::vector<std::string> first = walkRelative(tmp.path().string());
  BOOST_TEST(first == expected, boost::test_tools::per_element());
  BOOST_TEST(walkRelative(tmp.path().string()) == first, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(entries_carry_the_stat_signature) {
  test::TempDir tmp;
  const fs::path file = tmp.write("dir/hello.txt", "hello");
  const struct timespec times[2] = {{1'600'000'000, 5}, {1'600'000'000, 123'456'789}};
  BOOST_REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
  struct stat st {};
  BOOST_REQUIRE(::stat(file.c_str(), &st) == 0);

  Recorder recorder;
  walk(makeWalker(), {tmp.path().string()}, recorder);
  BOOST_REQUIRE_EQUAL(recorder.entries.size(), 1u);
  const FileEntry& e = recorder.entries[0];
  BOOST_TEST(e.path == file.string());
  BOOST_TEST(e.size == 5u);
  BOOST_TEST(e.mtime_ns == 1'600'000'000'123'456'789);
  BOOST_TEST(e.ctime_ns == nanoseconds(st.st_ctim));
  BOOST_TEST(e.inode == static_cast<std::uint64_t>(st.st_ino));
  BOOST_TEST(e.device == static_cast<std::uint64_t>(st.st_dev));
  BOOST_TEST(recorder.errors.empty());
}

BOOST_AUTO_TEST_CASE(paths_join_the_root_as_given) {
  test::TempDir tmp;
  tmp.write("d/a.txt", "a");
  const std::string root = (tmp.path() / "d").string();
  Recorder plain;
  Recorder slash;
  Recorder dotted;
  walk(makeWalker(), {root}, plain);
  walk(makeWalker(), {root + "/"}, slash);
  walk(makeWalker(), {tmp.path().string() + "/./d"}, dotted);
  BOOST_TEST(plain.paths() == std::vector<std::string>{root + "/a.txt"},
             boost::test_tools::per_element());
  BOOST_TEST(slash.paths() == std::vector<std::string>{root + "/a.txt"},
             boost::test_tools::per_element());
  BOOST_TEST(dotted.paths() == std::vector<std::string>{tmp.path().string() + "/./d/a.txt"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_root_that_is_a_file_is_reported_as_given) {
  test::TempDir tmp;
  const fs::path file = tmp.write("one.tmp", "12345678");
  Recorder recorder;
  // Globs filter what is found below a root, not the roots themselves.
  walk(makeWalker(makeOptions({"*.txt"}, {"*.tmp"})), {file.string()}, recorder);
  BOOST_REQUIRE_EQUAL(recorder.entries.size(), 1u);
  BOOST_TEST(recorder.entries[0].path == file.string());
  BOOST_TEST(recorder.entries[0].size == 8u);
  BOOST_TEST(recorder.errors.empty());
}

BOOST_AUTO_TEST_CASE(a_missing_root_is_one_not_found_error_and_the_walk_goes_on) {
  test::TempDir tmp;
  tmp.write("there/a.txt", "a");
  const std::string missing = (tmp.path() / "missing").string();
  const std::string there = (tmp.path() / "there").string();
  Recorder recorder;
  walk(makeWalker(), {missing, there}, recorder);
  BOOST_REQUIRE_EQUAL(recorder.errors.size(), 1u);
  BOOST_TEST(recorder.errors[0].code() == ErrorCode::kNotFound);
  BOOST_TEST(recorder.errors[0].subject() == missing);
  BOOST_TEST(recorder.paths() == std::vector<std::string>{there + "/a.txt"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(roots_are_walked_in_the_order_given) {
  test::TempDir tmp;
  tmp.write("a/1.txt", "1");
  tmp.write("b/2.txt", "2");
  const std::string a = (tmp.path() / "a").string();
  const std::string b = (tmp.path() / "b").string();
  Recorder recorder;
  walk(makeWalker(), {b, a}, recorder);
  BOOST_TEST(recorder.paths() == (std::vector<std::string>{b + "/2.txt", a + "/1.txt"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(symbolic_links_below_a_root_are_not_followed) {
  test::TempDir tmp;
  tmp.write("outside/secret.txt", "s");
  tmp.write("outside/sub/deeper.txt", "s");
  tmp.write("root/real.txt", "r");
  const fs::path root = tmp.path() / "root";
  fs::create_symlink(tmp.path() / "outside/secret.txt", root / "link_to_file");
  fs::create_directory_symlink(tmp.path() / "outside", root / "link_to_dir");
  fs::create_directory_symlink("../outside", root / "relative_link_to_dir");
  fs::create_directory_symlink(".", root / "loop");
  fs::create_symlink("self", root / "self");
  fs::create_symlink("nowhere", root / "dangling");
  BOOST_TEST(walkRelative(root.string()) == std::vector<std::string>{"real.txt"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_root_that_is_a_symbolic_link_is_followed_once) {
  test::TempDir tmp;
  tmp.write("outside/secret.txt", "s");
  tmp.write("real/a.txt", "a");
  tmp.write("real/sub/b.txt", "b");
  fs::create_directory_symlink(tmp.path() / "outside", tmp.path() / "real/link_to_dir");
  const fs::path link = tmp.path() / "link";
  fs::create_directory_symlink(tmp.path() / "real", link);
  BOOST_TEST(walkRelative(link.string()) == (std::vector<std::string>{"a.txt", "sub/b.txt"}),
             boost::test_tools::per_element());
  // Issue 12: a link to a file as a root is the file, reported under the path it resolves to
  // (the reader never opens a link, and the inventory keys the file itself).
  const fs::path file_link = tmp.path() / "file_link";
  fs::create_symlink("real/a.txt", file_link);
  Recorder recorder;
  walk(makeWalker(), {file_link.string()}, recorder);
  BOOST_TEST(recorder.paths() ==
                 std::vector<std::string>{fs::canonical(tmp.path() / "real/a.txt").string()},
             boost::test_tools::per_element());
  BOOST_TEST(recorder.errors.empty());
}

BOOST_AUTO_TEST_CASE(fifos_sockets_and_devices_are_skipped_without_blocking) {
  test::TempDir tmp;
  tmp.write("a.txt", "a");
  tmp.write("z.txt", "z");
  const std::string fifo = (tmp.path() / "pipe").string();
  BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const std::string socket = (tmp.path() / "socket").string();
  BOOST_REQUIRE(::mknod(socket.c_str(), S_IFSOCK | 0644, 0) == 0);
  // A character device like /dev/null, where this process may create one.
  const bool have_device =
      ::mknod((tmp.path() / "null").c_str(), S_IFCHR | 0644, makedev(1, 3)) == 0;
  BOOST_TEST_MESSAGE("character device in the tree: " << (have_device ? "yes" : "no"));

  ::alarm(30);  // opening the FIFO would block forever: fail loudly instead
  BOOST_TEST(walkRelative(tmp.path().string()) == (std::vector<std::string>{"a.txt", "z.txt"}),
             boost::test_tools::per_element());
  ::alarm(0);
}

// Issue 12, item 10: a special file named as a root is never passed over in silence; inside a
// tree, links and special files are passed over, and told of when asked (scan --all).
BOOST_AUTO_TEST_CASE(issue_12_10_special_files_named_as_roots_are_errors) {
  test::TempDir tmp;
  const std::string fifo = (tmp.path() / "fifo1").string();
  BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  const std::string socket = (tmp.path() / "socket").string();
  BOOST_REQUIRE(::mknod(socket.c_str(), S_IFSOCK | 0644, 0) == 0);
  const fs::path zero = tmp.path() / "zero";
  fs::create_symlink("/dev/zero", zero);
  tmp.write("after.txt", "a");
  ::alarm(30);  // opening the FIFO would block forever: fail loudly instead
  Recorder recorder;
  walk(makeWalker(), {fifo, socket, zero.string(), (tmp.path() / "after.txt").string()},
       recorder);
  ::alarm(0);
  BOOST_TEST_REQUIRE(recorder.errors.size() == 3u);
  for (const Error& e : recorder.errors) {
    BOOST_TEST((e.code() == ErrorCode::kUnsupportedFormat));
    BOOST_TEST(e.message().find("not a regular file") != std::string::npos);
  }
  BOOST_TEST(recorder.errors[0].subject() == fifo);
  BOOST_TEST(recorder.errors[2].subject() == zero.string());
  BOOST_TEST(recorder.paths() == std::vector<std::string>{(tmp.path() / "after.txt").string()},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(issue_12_10_links_and_special_files_in_a_tree_are_listed_when_asked) {
  test::TempDir tmp;
  tmp.write("a.txt", "a");
  tmp.write("sub/b.txt", "b");
  BOOST_REQUIRE(::mkfifo((tmp.path() / "sub/fifo").c_str(), 0644) == 0);
  fs::create_symlink("a.txt", tmp.path() / "link.txt");
  fs::create_symlink("a.txt", tmp.path() / "excluded.log");
  const std::string root = tmp.path().string();
  WalkOptions options = makeOptions({}, {"*.log"});
  {
    Recorder quiet;
    walk(makeWalker(options), {root}, quiet);
    BOOST_TEST(quiet.skipped.empty());  // not asked: passed over without a word
    BOOST_TEST(quiet.entries.size() == 2u);
  }
  options.report_skipped = true;
  Recorder recorder;
  walk(makeWalker(options), {root}, recorder);
  BOOST_TEST(recorder.events == (std::vector<std::string>{
                                    "F " + root + "/a.txt",
                                    "S " + root + "/link.txt (symbolic link: not followed)",
                                    "F " + root + "/sub/b.txt",
                                    "S " + root +
                                        "/sub/fifo (not a regular file (FIFO, socket or device): "
                                        "not read)"}),
             boost::test_tools::per_element());
}

// The caller's own files (an inventory kept inside the scanned folder) are never reported.
BOOST_AUTO_TEST_CASE(issue_12_the_callers_own_files_are_passed_over) {
  test::TempDir tmp;
  tmp.write("a.txt", "a");
  tmp.write("inv.db", "sqlite");
  tmp.write("inv.db-wal", "wal");
  const std::string root = tmp.path().string();
  WalkOptions options;
  options.own_file = [&](std::string_view path) { return path.starts_with(root + "/inv.db"); };
  Recorder recorder;
  walk(makeWalker(options), {root}, recorder);
  BOOST_TEST(recorder.paths() == std::vector<std::string>{root + "/a.txt"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(exclude_prunes_directories_and_drops_files) {
  test::TempDir tmp;
  for (const char* name : {"keep.txt", "skip.tmp", "node_modules/x.txt", "deep/node_modules/y.txt",
                           "deep/keep.txt", "build/out.txt", "src/build/out.txt", "a/b/c/d.txt",
                           "a/d.txt", "cache/z/q.txt", "cache.txt"}) {
    tmp.write(name, "x");
  }
  // "node_modules/" and "/build/" match directories only: the files below them do not match
  // those patterns, so their absence shows the directories were not entered.
  const std::vector<std::string> found = walkRelative(
      tmp.path().string(),
      makeOptions({}, {"*.tmp", "node_modules/", "/build/", "a/**/d.txt", "**/cache/**"}));
  const std::vector<std::string> expected{"cache.txt", "deep/keep.txt", "keep.txt",
                                          "src/build/out.txt"};
  BOOST_TEST(found == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(include_filters_files_but_every_directory_is_entered) {
  test::TempDir tmp;
  for (const char* name : {"top.txt", "top.doc", "docs/a.txt", "docs/b.doc", "docs/x/y/c.txt",
                           "other/docs/d.txt", "other/e.txt", "other/private/f.txt"}) {
    tmp.write(name, "x");
  }
  BOOST_TEST(walkRelative(tmp.path().string(), makeOptions({"docs/**/*.txt"})) ==
                 (std::vector<std::string>{"docs/a.txt", "docs/x/y/c.txt"}),
             boost::test_tools::per_element());
  BOOST_TEST(walkRelative(tmp.path().string(), makeOptions({"*.txt"}, {"private/"})) ==
                 (std::vector<std::string>{"docs/a.txt", "docs/x/y/c.txt", "other/docs/d.txt",
                                           "other/e.txt", "top.txt"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(malformed_globs_fail_create_with_invalid_argument) {
  for (const WalkOptions& options :
       {makeOptions({}, {"*.tmp", "[abc"}), makeOptions({"a//b"}), makeOptions({"docs/"})}) {
    Result<FileWalker> walker = FileWalker::create(options);
    BOOST_REQUIRE(!walker.ok());
    BOOST_TEST(walker.error().code() == ErrorCode::kInvalidArgument);
    BOOST_TEST(!walker.error().subject().empty());
  }
  BOOST_TEST(FileWalker::create(makeOptions({"*.txt"}, {"cache/", "/a/**"})).ok());
}

BOOST_AUTO_TEST_CASE(non_utf8_names_are_reported_as_raw_bytes) {
  test::TempDir tmp;
  const std::string name = "\xff\xfe.txt";
  const std::string dir = "\xc0\xaf-dir";
  tmp.write(name, "x");
  tmp.write(dir + "/" + name, "y");
  const std::string root = tmp.path().string();
  Recorder recorder;
  walk(makeWalker(), {root}, recorder);
  BOOST_TEST(recorder.errors.empty());
  BOOST_TEST(recorder.paths() ==
                 (std::vector<std::string>{root + "/" + dir + "/" + name, root + "/" + name}),
             boost::test_tools::per_element());
  // The reported path opens the very file.
  for (const FileEntry& e : recorder.entries) BOOST_TEST(fs::exists(fs::path(e.path)));
  BOOST_TEST(walkRelative(root, makeOptions({}, {"\xc0*/"})) == std::vector<std::string>{name},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(trees_deeper_than_path_max_are_walked_with_bounded_descriptors) {
  test::TempDir tmp;
  constexpr int kLevels = 300;
  const std::string root = (tmp.path() / "deep").string();
  fs::create_directory(root);
  const DeepChain chain(root, kLevels);

  const bool can_count = fs::exists("/proc/self/fd");
  const std::size_t baseline = can_count ? openDescriptorCount() : 0;
  std::size_t most_open = 0;
  Recorder recorder;
  recorder.on_file = [&](const FileEntry&) {
    if (can_count) most_open = std::max(most_open, openDescriptorCount());
  };
  walk(makeWalker(), {root}, recorder);

  BOOST_TEST(recorder.errors.empty());
  // "aa.txt" sorts before the subdirectory and "zz.txt" after it: going down, then coming back up
  // through directories whose descriptors were given up on the way down.
  std::vector<std::string> expected;
  std::vector<std::uint64_t> expected_sizes;
  for (int level = 0; level <= kLevels; ++level) {
    expected.push_back(chain.path(level) + "/aa.txt");
    expected_sizes.push_back(static_cast<std::uint64_t>(level) + 1);
  }
  for (int level = kLevels; level >= 0; --level) {
    expected.push_back(chain.path(level) + "/zz.txt");
    expected_sizes.push_back(1000 + static_cast<std::uint64_t>(level));
  }
  BOOST_REQUIRE_EQUAL(recorder.entries.size(), expected.size());
  std::size_t longest = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    BOOST_TEST_CONTEXT("entry " << i) {
      BOOST_TEST(recorder.entries[i].path == expected[i]);
      // Each file was examined in the right directory, also after a reopen.
      BOOST_TEST(recorder.entries[i].size == expected_sizes[i]);
    }
    longest = std::max(longest, recorder.entries[i].path.size());
  }
  BOOST_TEST(longest > static_cast<std::size_t>(PATH_MAX));
  if (can_count) {
    BOOST_TEST_MESSAGE("descriptors: " << baseline << " before, at most " << most_open);
    // Bounded by a small constant, not one per level (300).
    BOOST_TEST(most_open <= baseline + 40);
    BOOST_TEST(openDescriptorCount() == baseline);  // nothing leaked
  }
}

BOOST_AUTO_TEST_CASE(a_file_vanishing_mid_walk_is_at_most_one_not_found_error) {
  test::TempDir tmp;
  for (const char* name : {"a.txt", "b.txt", "c.txt", "d/x.txt", "e.txt"}) tmp.write(name, "x");
  const std::string root = tmp.path().string();
  Recorder recorder;
  recorder.on_file = [&](const FileEntry& e) {
    if (e.path == root + "/a.txt") {
      fs::remove(tmp.path() / "b.txt");
      fs::remove_all(tmp.path() / "d");
    }
  };
  walk(makeWalker(), {root}, recorder);
  const std::vector<std::string> found = relativePaths(recorder, root);
  BOOST_TEST(found == (std::vector<std::string>{"a.txt", "c.txt", "e.txt"}),
             boost::test_tools::per_element());
  // Each vanished entry: either not mentioned, or exactly one kNotFound error naming it.
  std::vector<std::string> subjects;
  for (const Error& e : recorder.errors) {
    BOOST_TEST(e.code() == ErrorCode::kNotFound);
    subjects.push_back(e.subject());
  }
  for (const std::string& gone : {root + "/b.txt", root + "/d"}) {
    BOOST_TEST(std::count(subjects.begin(), subjects.end(), gone) <= 1);
  }
  for (const std::string& subject : subjects) {
    BOOST_TEST((subject == root + "/b.txt" || subject == root + "/d"), subject);
  }
}

BOOST_AUTO_TEST_CASE(cancellation_stops_the_walk_between_entries) {
  test::TempDir tmp;
  for (int i = 0; i < 10; ++i) tmp.write("a/" + std::to_string(i) + ".txt", "x");
  tmp.write("b/later.txt", "x");
  Recorder recorder;
  recorder.cancel_after = 3;
  walk(makeWalker(), {(tmp.path() / "a").string(), (tmp.path() / "b").string()}, recorder);
  BOOST_TEST(recorder.entries.size() == 3u);
  BOOST_TEST(recorder.errors.empty());
}

BOOST_AUTO_TEST_CASE(permission_denied_is_one_error_per_entry) {
  test::TempDir tmp;
  const std::string root = tmp.path().string();
  for (const char* name :
       {"a.txt", "open/b.txt", "locked/secret.txt", "listable/f1", "listable/f2", "z.txt"}) {
    tmp.write(name, "x");
  }
  // World-traversable, except "locked" (no access at all) and "listable" (names readable, but
  // nothing in it can be examined: no search permission).
  fs::permissions(tmp.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  BOOST_REQUIRE(::chmod((tmp.path() / "locked").c_str(), 0) == 0);
  BOOST_REQUIRE(::chmod((tmp.path() / "listable").c_str(), 0644) == 0);

  const ChildResult child = runInChild([&root](std::string& out) {
    // Root ignores permission bits: walk as "nobody".
    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) return 77;
    if (::access(root.c_str(), R_OK | X_OK) != 0) return 78;
    Result<FileWalker> walker = FileWalker::create({});
    if (!walker) return 1;
    Recorder recorder;
    walker->walk(std::vector<std::string>{root}, recorder);
    out = describe(recorder, root);
    return 0;
  });
  if (child.exit_status == 77 || child.exit_status == 78) {
    JAMUL_SKIP("cannot walk the tree as an unprivileged user (status " +
               std::to_string(child.exit_status) + ")");
  }
  BOOST_REQUIRE_EQUAL(child.exit_status, 0);
  BOOST_TEST(child.output ==
             "F a.txt\n"
             "E permission_denied listable/f1\n"
             "E permission_denied listable/f2\n"
             "E permission_denied locked\n"
             "F open/b.txt\n"
             "F z.txt\n");
}

BOOST_AUTO_TEST_CASE(one_file_system_and_bind_mount_loops) {
  test::TempDir tmp;
  const std::string root = tmp.path().string();
  tmp.write("outer.txt", "x");
  tmp.write("sub/s.txt", "x");
  fs::create_directories(tmp.path() / "mnt");
  fs::create_directories(tmp.path() / "sub/loop");

  const ChildResult child = runInChild([&root](std::string& out) {
    // A private mount namespace: the mounts vanish with the child.
    if (::unshare(CLONE_NEWNS) != 0) return 77;
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 77;
    if (::mount("tmpfs", (root + "/mnt").c_str(), "tmpfs", 0, "size=1m") != 0) return 77;
    if (::mount(root.c_str(), (root + "/sub/loop").c_str(), nullptr, MS_BIND, nullptr) != 0) {
      return 77;
    }
    const int fd = ::open((root + "/mnt/inner.txt").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return 1;
    ::close(fd);
    for (const bool one_file_system : {true, false}) {
      Result<FileWalker> walker = FileWalker::create(makeOptions({}, {}, one_file_system));
      if (!walker) return 1;
      Recorder recorder;
      walker->walk(std::vector<std::string>{root}, recorder);
      out += describe(recorder, root) + "--\n";
    }
    return 0;
  });
  if (child.exit_status == 77) {
    JAMUL_SKIP("cannot mount in a private mount namespace here");
  }
  BOOST_REQUIRE_EQUAL(child.exit_status, 0);
  BOOST_TEST(child.output ==
             "F outer.txt\n"
             "E unsupported_format sub/loop\n"
             "F sub/s.txt\n"
             "--\n"
             "F mnt/inner.txt\n"
             "F outer.txt\n"
             "E unsupported_format sub/loop\n"
             "F sub/s.txt\n"
             "--\n");
}

// walkTopLevelRange() over consecutive ranges of topLevelNames(), in order, is walk() exactly: same events, same order,
// globs still relative to the root; entries gone since are skipped; the root's own errors are
// walk()'s alone.
BOOST_AUTO_TEST_CASE(a_root_walked_one_top_level_entry_at_a_time_is_the_whole_walk) {
  test::TempDir tmp;
  const std::string root = tmp.path().string();
  for (const char* name : {"a.txt", "b/x.txt", "b/c/y.txt", "b/c/skip.log", "d.txt", "e/z.txt",
                           "f/g/h.txt", "f.txt", "skip/q.txt", "zz/last.txt", "\xed\x95\x9c.txt"})
    tmp.write(name, "x");
  const FileWalker walker = makeWalker(makeOptions({}, {"*.log", "/skip/"}));
  Recorder whole;
  walk(walker, {root}, whole);
  BOOST_REQUIRE(whole.events.size() >= 8u);

  const std::optional<std::vector<std::string>> names = walker.topLevelNames(root);
  BOOST_REQUIRE(names.has_value());
  BOOST_TEST(names->size() == 9u);  // a.txt b d.txt e f f.txt skip zz 한.txt
  for (std::size_t per_range : {1u, 2u, 3u, 10u}) {
    Recorder pieces;
    for (std::size_t first = 0; first < names->size(); first += per_range) {
      const std::size_t last = std::min(names->size(), first + per_range) - 1;
      walker.walkTopLevelRange(root, (*names)[first], (*names)[last], pieces);
    }
    BOOST_TEST(pieces.events == whole.events, "ranges of " << per_range);
  }

  Recorder gone;
  walker.walkTopLevelRange(root, "no-such-entry", "no-such-entry", gone);
  walker.walkTopLevelRange(root + "/missing", "a.txt", "z", gone);  // nor the root: nothing
  BOOST_TEST(gone.events.empty());
  BOOST_TEST(!walker.topLevelNames(root + "/missing").has_value());
  BOOST_TEST(!walker.topLevelNames(root + "/a.txt").has_value());  // a file has no entries
}

BOOST_AUTO_TEST_CASE(a_walker_is_shared_by_concurrent_walks) {
  test::TempDir tmp;
  for (int i = 0; i < 50; ++i)
    tmp.write("d" + std::to_string(i % 5) + "/" + std::to_string(i), "x");
  const FileWalker walker = makeWalker(makeOptions({}, {"d3/"}));
  Recorder first;
  Recorder second;
  std::thread other([&] { walk(walker, {tmp.path().string()}, second); });
  walk(walker, {tmp.path().string()}, first);
  other.join();
  BOOST_TEST(first.entries.size() == 40u);
  BOOST_TEST(first.paths() == second.paths(), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
