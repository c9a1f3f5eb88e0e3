// SPDX-License-Identifier: Apache-2.0
// WriterExclusion (issue 12, item 1): a file another process holds open for writing is refused,
// and one opened for writing during the run is seen; both with the read lease and with the look
// through /proc that stands in where leases are not allowed.
#include "platform/writer_exclusion.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

using Method = WriterExclusion::Method;

// A child process that opens `path` with `flags`, tells the parent through a pipe that it has,
// and keeps it open until killed.
struct Holder {
  pid_t pid = -1;

  Holder(const std::string& path, int flags) {
    int ready[2];
    BOOST_REQUIRE(::pipe(ready) == 0);
    pid = ::fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(ready[0]);
      const int fd = ::open(path.c_str(), flags);
      const char ok = fd >= 0 ? '1' : '0';
      (void)!::write(ready[1], &ok, 1);
      for (;;) ::pause();
    }
    ::close(ready[1]);
    char ok = 0;
    BOOST_REQUIRE(::read(ready[0], &ok, 1) == 1);
    ::close(ready[0]);
    BOOST_REQUIRE(ok == '1');
  }
  ~Holder() {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
};

int openReadOnly(const std::string& path) { return ::open(path.c_str(), O_RDONLY | O_CLOEXEC); }

BOOST_AUTO_TEST_SUITE(writer_exclusion)

BOOST_AUTO_TEST_CASE(issue_12_1_a_file_open_for_writing_is_refused) {
  test::TempDir dir;
  const std::string file = dir.write("w.txt", "900101-1234568\n").string();
  for (Method method : {Method::kLease, Method::kProcScan, Method::kBest}) {
    const int fd = openReadOnly(file);
    {
      Holder writer(file, O_WRONLY | O_APPEND);
      auto excluded = WriterExclusion::exclude(fd, file, method);
      BOOST_TEST_REQUIRE(!excluded.ok());
      BOOST_TEST((excluded.error().code() == ErrorCode::kUnavailable));
      BOOST_TEST(excluded.error().message().find("open for writing") != std::string::npos);
    }
    {
      // Readers are no reason to refuse (a viewer, an indexer, a backup).
      Holder reader(file, O_RDONLY);
      auto excluded = WriterExclusion::exclude(fd, file, method);
      BOOST_TEST_REQUIRE(excluded.ok(), (excluded.ok() ? "" : excluded.error().message()));
      BOOST_TEST((*excluded)->stillExclusive().ok());
    }
    ::close(fd);
  }
}

BOOST_AUTO_TEST_CASE(issue_12_1_a_writer_that_opens_during_the_run_is_seen) {
  test::TempDir dir;
  const std::string file = dir.write("w.txt", "900101-1234568\n").string();
  // With the lease, the writer's open waits for us: in a thread here, it returns once we release.
  {
    const int fd = openReadOnly(file);
    auto excluded = WriterExclusion::exclude(fd, file, Method::kLease);
    BOOST_TEST_REQUIRE(excluded.ok(), (excluded.ok() ? "" : excluded.error().message()));
    BOOST_TEST(((*excluded)->method() == Method::kLease));
    const pid_t writer = ::fork();
    BOOST_REQUIRE(writer >= 0);
    if (writer == 0) {
      const int w = ::open(file.c_str(), O_WRONLY | O_APPEND);  // blocks on the lease
      ::_exit(w >= 0 && ::write(w, "LATER\n", 6) == 6 ? 0 : 1);
    }
    // The break shows as soon as the writer's open reaches the kernel.
    Status still = okStatus();
    for (int i = 0; i < 400 && still.ok(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      still = (*excluded)->stillExclusive();
    }
    BOOST_TEST_REQUIRE(!still.ok());
    BOOST_TEST((still.error().code() == ErrorCode::kCancelled));
    // The writer is still waiting: nothing was written while we held the lease.
    BOOST_TEST(test::readFile(file) == "900101-1234568\n");
    (*excluded)->release();
    int status = 0;
    BOOST_REQUIRE(::waitpid(writer, &status, 0) == writer);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    BOOST_TEST(test::readFile(file) == "900101-1234568\nLATER\n");
    ::close(fd);
  }
  // The look through /proc sees a writer that is there when it looks again.
  {
    const int fd = openReadOnly(file);
    auto excluded = WriterExclusion::exclude(fd, file, Method::kProcScan);
    BOOST_TEST_REQUIRE(excluded.ok(), (excluded.ok() ? "" : excluded.error().message()));
    BOOST_TEST((*excluded)->stillExclusive().ok());
    Holder writer(file, O_RDWR);
    const Status still = (*excluded)->stillExclusive();
    BOOST_TEST_REQUIRE(!still.ok());
    BOOST_TEST((still.error().code() == ErrorCode::kCancelled));
    ::close(fd);
  }
}

// A lease break is announced with SIGIO, whose default action would end the process.
BOOST_AUTO_TEST_CASE(issue_12_1_a_lease_break_does_not_kill_the_holder) {
  test::TempDir dir;
  const std::string file = dir.write("w.txt", "x").string();
  const int fd = openReadOnly(file);
  auto excluded = WriterExclusion::exclude(fd, file, Method::kLease);
  BOOST_TEST_REQUIRE(excluded.ok(), (excluded.ok() ? "" : excluded.error().message()));
  const int w = ::open(file.c_str(), O_WRONLY | O_NONBLOCK);  // fails at once, breaks the lease
  BOOST_TEST(w < 0);
  BOOST_TEST(errno == EWOULDBLOCK);
  BOOST_TEST(!(*excluded)->stillExclusive().ok());  // and we are still here to see it
  ::close(fd);
}

BOOST_AUTO_TEST_CASE(a_writer_that_may_not_be_looked_at_is_not_assumed_absent) {
  // Without a lease, a process whose open files this one may not see, and which could write the
  // file, makes the answer unknown: refused ("cannot tell"), never taken for "no writer". (The
  // agent under systemd without CAP_SYS_PTRACE, on a file system without leases.)
  if (::geteuid() != 0) {
    BOOST_TEST_MESSAGE("JAMUL-SKIPPED: needs root to run processes as two other users");
    return;
  }
  test::TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  const std::string file = dir.write("shared.txt", "text\n").string();
  BOOST_REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
  BOOST_REQUIRE(::chmod(file.c_str(), 0666) == 0);  // another user could write it
  // Another user's process, holding nothing: the checker cannot know that.
  const pid_t other = ::fork();
  BOOST_REQUIRE(other >= 0);
  if (other == 0) {
    if (::setgid(65533) != 0 || ::setuid(65533) != 0) ::_exit(1);
    for (;;) ::pause();
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const pid_t checker = ::fork();
  BOOST_REQUIRE(checker >= 0);
  if (checker == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(10);
    const int fd = openReadOnly(file);
    auto excluded = WriterExclusion::exclude(fd, file, Method::kProcScan);
    if (excluded) ::_exit(11);
    if (excluded.error().code() != ErrorCode::kUnavailable) ::_exit(12);
    if (excluded.error().message().find("cannot tell") == std::string::npos) ::_exit(13);
    // A file only its owner may write: the other user's process cannot be writing it.
    ::fchmod(fd, 0644);
    ::close(fd);
    const int again = openReadOnly(file);
    if (!WriterExclusion::exclude(again, file, Method::kProcScan)) ::_exit(14);
    ::_exit(0);
  }
  int status = -1;
  ::waitpid(checker, &status, 0);
  ::kill(other, SIGKILL);
  ::waitpid(other, nullptr, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
