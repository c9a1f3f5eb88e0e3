// SPDX-License-Identifier: Apache-2.0
// The local API's transport (issue 15): lines both ways, the peer's identity, and the limits a
// hostile client meets — a line too long, a line too slow — on a socket in a temporary folder.
#include "platform/local_socket.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kMax = 64;

// A listener on a fresh socket, and one client connected to it, with both ends of the connection.
struct Connected {
  test::TempDir dir;
  std::string path = (dir.path() / "agent.sock").string();
  LocalListener listener = listenOrFail(path);
  std::unique_ptr<LocalConnection> client = connectOrFail(path);
  std::unique_ptr<LocalConnection> server = acceptOrFail(listener);

  static LocalListener listenOrFail(const std::string& path) {
    auto listener = LocalListener::listen(path);
    BOOST_TEST_REQUIRE(listener.ok(), (listener.ok() ? "" : listener.error().message()));
    return std::move(*listener);
  }
  static std::unique_ptr<LocalConnection> connectOrFail(const std::string& path) {
    auto client = connectLocal(path);
    BOOST_TEST_REQUIRE(client.ok(), (client.ok() ? "" : client.error().message()));
    return std::move(*client);
  }
  // A connect completes once the kernel queues it, so accepting after it does not block.
  static std::unique_ptr<LocalConnection> acceptOrFail(LocalListener& listener) {
    auto server = listener.accept();
    BOOST_TEST_REQUIRE(server.ok(), (server.ok() ? "" : server.error().message()));
    return std::move(*server);
  }
};

// What a read gave, in a form Boost.Test prints: the line, or the error code's name in <>.
std::string got(const Result<std::string>& line) {
  return line.ok() ? *line : "<" + std::string(errorCodeName(line.error().code())) + ">";
}

// The socket folder's mode as mkdir(0755) makes it under this process's umask.
unsigned modeUnderUmask(unsigned mode) {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mode & ~static_cast<unsigned>(mask);
}

// Whether `future` is ready within 5 s (a loaded CI machine; never the expected wait).
template <typename T>
bool readySoon(std::future<T>& future) {
  return future.wait_for(5s) == std::future_status::ready;
}

BOOST_AUTO_TEST_SUITE(local_socket)

BOOST_FIXTURE_TEST_CASE(lines_go_both_ways, Connected) {
  BOOST_TEST_REQUIRE(client->send("{\"op\":\"status\"}\n", 1s).ok());
  auto request = server->readLine(kMax, 1s, false);
  BOOST_TEST_REQUIRE(request.ok(), (request.ok() ? "" : request.error().message()));
  BOOST_TEST(*request == "{\"op\":\"status\"}");
  BOOST_TEST_REQUIRE(server->send("{\"ok\":true}\n", 1s).ok());
  auto reply = client->readLine(kMax, 1s, false);
  BOOST_TEST_REQUIRE(reply.ok(), (reply.ok() ? "" : reply.error().message()));
  BOOST_TEST(*reply == "{\"ok\":true}");
  // Several lines in one write come out one by one, an empty one too.
  BOOST_TEST_REQUIRE(client->send("a\n\nb\n", 1s).ok());
  BOOST_TEST(got(server->readLine(kMax, 1s, false)) == "a");
  BOOST_TEST(got(server->readLine(kMax, 1s, false)) == "");
  BOOST_TEST(got(server->readLine(kMax, 1s, false)) == "b");
}

BOOST_FIXTURE_TEST_CASE(each_end_knows_who_is_at_the_other, Connected) {
  BOOST_TEST(server->peer().uid == ::getuid());
  BOOST_TEST(server->peer().gid == ::getgid());
  BOOST_TEST(server->peer().pid == ::getpid());
  BOOST_TEST(server->peer().isRoot() == (::getuid() == 0));
  BOOST_TEST(client->peer().uid == ::getuid());
  BOOST_TEST(client->peer().pid == ::getpid());
}

BOOST_FIXTURE_TEST_CASE(the_socket_is_open_to_every_local_user, Connected) {
  struct stat st {};
  BOOST_TEST_REQUIRE(::lstat(path.c_str(), &st) == 0);
  BOOST_TEST(S_ISSOCK(st.st_mode));
  BOOST_TEST((st.st_mode & 0777) == 0666u);
  BOOST_TEST(listener.path() == path);
}

BOOST_FIXTURE_TEST_CASE(a_line_longer_than_the_limit_is_refused_not_cut, Connected) {
  // Exactly the limit is a line.
  BOOST_TEST_REQUIRE(client->send(std::string(kMax, 'x') + "\n", 1s).ok());
  BOOST_TEST(got(server->readLine(kMax, 1s, false)) == std::string(kMax, 'x'));
  // One byte more, whole: refused, and no part of it is handed over as a line.
  BOOST_TEST_REQUIRE(client->send(std::string(kMax + 1, 'y') + "\nnext\n", 1s).ok());
  auto too_long = server->readLine(kMax, 1s, false);
  BOOST_TEST(got(too_long) == "<too_large>");
}

BOOST_FIXTURE_TEST_CASE(a_long_line_still_arriving_is_refused_without_waiting_for_its_end,
                        Connected) {
  // No newline ever comes: the limit, not the timeout, ends it.
  BOOST_TEST_REQUIRE(client->send(std::string(4 * kMax, 'z'), 1s).ok());
  const auto start = std::chrono::steady_clock::now();
  auto too_long = server->readLine(kMax, 60s, false);
  BOOST_TEST(got(too_long) == "<too_large>");
  BOOST_TEST((std::chrono::steady_clock::now() - start < 30s));
}

BOOST_FIXTURE_TEST_CASE(a_line_that_does_not_arrive_in_time_is_an_error, Connected) {
  // Nothing at all, and idle is not allowed.
  BOOST_TEST(got(server->readLine(kMax, 50ms, false)) == "<unavailable>");
  // Idle is allowed, but a line has begun and does not end (slow loris).
  BOOST_TEST_REQUIRE(client->send("{\"op\":", 1s).ok());
  BOOST_TEST(got(server->readLine(kMax, 50ms, true)) == "<unavailable>");
}

BOOST_FIXTURE_TEST_CASE(idle_ok_waits_for_a_first_byte_without_limit, Connected) {
  auto line = std::async(std::launch::async, [&] { return server->readLine(kMax, 50ms, true); });
  // Far past the 50 ms timeout: still waiting.
  BOOST_TEST((line.wait_for(300ms) == std::future_status::timeout));
  BOOST_TEST_REQUIRE(client->send("late\n", 1s).ok());
  BOOST_TEST_REQUIRE(readySoon(line));
  BOOST_TEST(got(line.get()) == "late");
}

BOOST_FIXTURE_TEST_CASE(the_end_of_the_stream_and_close_end_a_read, Connected) {
  // close() from another thread ends a read that waits without limit.
  auto line = std::async(std::launch::async, [&] { return server->readLine(kMax, 50ms, true); });
  BOOST_TEST((line.wait_for(100ms) == std::future_status::timeout));
  server->close();
  BOOST_TEST_REQUIRE(readySoon(line));
  BOOST_TEST(got(line.get()) == "<not_found>");
  // The client sees the end of the stream, after what was sent before it.
  BOOST_TEST(got(client->readLine(kMax, 1s, true)) == "<not_found>");
}

BOOST_FIXTURE_TEST_CASE(a_peer_that_closes_ends_the_stream_after_its_lines, Connected) {
  BOOST_TEST_REQUIRE(client->send("last words\n", 1s).ok());
  client.reset();
  BOOST_TEST(got(server->readLine(kMax, 1s, false)) == "last words");
  BOOST_TEST(got(server->readLine(kMax, 1s, false)) == "<not_found>");
  // Writing to it fails, and does not kill the process with SIGPIPE.
  Status sent = okStatus();
  for (int i = 0; i < 3 && sent.ok(); ++i) sent = server->send("anyone?\n", 1s);
  BOOST_TEST(!sent.ok());
}

BOOST_FIXTURE_TEST_CASE(a_peer_that_does_not_read_makes_send_time_out, Connected) {
  const std::string big(8 << 20, 'q');  // far beyond the socket's buffers
  const Status sent = server->send(big, 100ms);
  BOOST_TEST_REQUIRE(!sent.ok());
  BOOST_TEST((sent.error().code() == ErrorCode::kUnavailable));
}

BOOST_FIXTURE_TEST_CASE(stop_wakes_a_blocked_accept, Connected) {
  auto accepted = std::async(std::launch::async, [&] { return listener.accept(); });
  BOOST_TEST((accepted.wait_for(100ms) == std::future_status::timeout));
  listener.stop();
  BOOST_TEST_REQUIRE(readySoon(accepted));
  auto result = accepted.get();
  BOOST_TEST_REQUIRE(!result.ok());
  BOOST_TEST((result.error().code() == ErrorCode::kCancelled));
  // And from then on, even with a client waiting.
  auto late = connectLocal(path);
  BOOST_TEST_REQUIRE(late.ok());
  auto again = listener.accept();
  BOOST_TEST_REQUIRE(!again.ok());
  BOOST_TEST((again.error().code() == ErrorCode::kCancelled));
}

BOOST_AUTO_TEST_CASE(a_second_listener_on_a_live_socket_is_refused) {
  test::TempDir dir;
  const std::string path = (dir.path() / "agent.sock").string();
  auto first = LocalListener::listen(path);
  BOOST_TEST_REQUIRE(first.ok());
  auto second = LocalListener::listen(path);
  BOOST_TEST_REQUIRE(!second.ok());
  BOOST_TEST((second.error().code() == ErrorCode::kUnavailable));
  // The first still works.
  auto client = connectLocal(path);
  BOOST_TEST_REQUIRE(client.ok());
  BOOST_TEST(first->accept().ok());
}

BOOST_AUTO_TEST_CASE(a_stale_socket_is_replaced_and_the_listener_removes_its_own) {
  test::TempDir dir;
  const std::string path = (dir.path() / "run/agent.sock").string();  // run/ is created
  {
    // A dead agent's socket: bound, then closed without unlinking.
    std::filesystem::create_directory(dir.path() / "run");
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size());
    BOOST_TEST_REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    ::close(fd);
  }
  auto dead = connectLocal(path);
  BOOST_TEST_REQUIRE(!dead.ok());
  BOOST_TEST((dead.error().code() == ErrorCode::kUnavailable));
  {
    auto listener = LocalListener::listen(path);
    BOOST_TEST_REQUIRE(listener.ok(), (listener.ok() ? "" : listener.error().message()));
    BOOST_TEST(connectLocal(path).ok());
  }
  BOOST_TEST(!std::filesystem::exists(std::filesystem::symlink_status(path)));
  auto gone = connectLocal(path);
  BOOST_TEST_REQUIRE(!gone.ok());
  BOOST_TEST((gone.error().code() == ErrorCode::kNotFound));
}

BOOST_AUTO_TEST_CASE(the_socket_folder_is_created) {
  test::TempDir dir;
  const std::filesystem::path folder = dir.path() / "run";
  auto listener = LocalListener::listen((folder / "agent.sock").string());
  BOOST_TEST_REQUIRE(listener.ok(), (listener.ok() ? "" : listener.error().message()));
  BOOST_TEST(std::filesystem::is_directory(folder));
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(folder.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == modeUnderUmask(0755));
}

BOOST_AUTO_TEST_CASE(what_is_not_a_socket_is_left_alone) {
  test::TempDir dir;
  const std::filesystem::path file = dir.write("agent.sock", "keep me");
  auto listener = LocalListener::listen(file.string());
  BOOST_TEST_REQUIRE(!listener.ok());
  BOOST_TEST((listener.error().code() == ErrorCode::kInvalidArgument));
  BOOST_TEST(test::readFile(file) == "keep me");
  const std::string too_long = (dir.path() / std::string(120, 'n')).string();
  auto long_path = LocalListener::listen(too_long);
  BOOST_TEST_REQUIRE(!long_path.ok());
  BOOST_TEST((long_path.error().code() == ErrorCode::kInvalidArgument));
  auto long_connect = connectLocal(too_long);
  BOOST_TEST_REQUIRE(!long_connect.ok());
  BOOST_TEST((long_connect.error().code() == ErrorCode::kInvalidArgument));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
