// SPDX-License-Identifier: Apache-2.0
#pragma once

// The local API's transport (issue 15): a stream socket on this machine that any local user may
// connect to, whose every connection says who is at the other end as the OS knows it — a Unix
// socket and SO_PEERCRED on Linux, a named pipe and the client's token on Windows (later, behind
// this same interface). Messages are lines (protocol/local_api.h).
//
// What a hostile client can do is bounded here: a line longer than the limit, or one that does not
// arrive within the read timeout (slow loris), ends that connection and only that one; the server
// accepts at most `max_connections` at once.
//
// Thread-safety: a LocalListener is used by one thread (the accept loop); each LocalConnection by
// one thread at a time, except that send() may be called from another thread than the reader
// (events), and close() from any.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "platform/fd.h"

namespace jamul::agent {

// Who is at the other end of a connection.
struct PeerCredentials {
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::int64_t pid = 0;
  bool isRoot() const { return uid == 0; }
};

class LocalConnection {
 public:
  LocalConnection(Fd fd, PeerCredentials peer) : fd_(std::move(fd)), peer_(peer) {}
  LocalConnection(const LocalConnection&) = delete;
  LocalConnection& operator=(const LocalConnection&) = delete;

  const PeerCredentials& peer() const { return peer_; }

  // The next line (without its '\n'). kNotFound at the end of the stream (the peer closed),
  // kTooLarge past `max_bytes`, kUnavailable when the line does not arrive within `timeout`
  // (counted from the first byte of the line, or from the call when none is buffered and
  // `idle_ok` is false; with `idle_ok`, waiting for a first byte has no limit), kIo.
  Result<std::string> readLine(std::size_t max_bytes, std::chrono::milliseconds timeout,
                               bool idle_ok);
  // Writes `bytes` whole (a line with its '\n'), waiting at most `timeout` for a slow reader.
  Status send(std::string_view bytes, std::chrono::milliseconds timeout);
  // Ends the connection (a blocked readLine() returns); safe from any thread.
  void close();

 private:
  Fd fd_;
  PeerCredentials peer_;
  std::string buffered_;
  std::mutex send_mutex_;  // lines from the reply and event senders never interleave
};

class LocalListener {
 public:
  // Listens at `path` (a stale socket file left there is replaced; its folder is created 0755 if
  // missing), the socket readable and writable by every local user (0666: authorisation is per
  // request, by the peer's identity). Fails with kPermissionDenied, kIo, kUnavailable (another
  // live agent already listens there).
  static Result<LocalListener> listen(const std::string& path);
  LocalListener(LocalListener&&) noexcept = default;
  LocalListener& operator=(LocalListener&&) noexcept = default;
  ~LocalListener();

  // The next connection, or kCancelled once stop() was called, kIo. Waits.
  Result<std::unique_ptr<LocalConnection>> accept();
  // Wakes a blocked accept() (from any thread): it returns kCancelled from then on.
  void stop();
  const std::string& path() const { return path_; }

 private:
  LocalListener(Fd fd, Fd wake_read, Fd wake_write, std::string path)
      : fd_(std::move(fd)),
        wake_read_(std::move(wake_read)),
        wake_write_(std::move(wake_write)),
        path_(std::move(path)) {}
  Fd fd_;
  Fd wake_read_, wake_write_;  // a pipe: stop() writes to it
  std::string path_;
};

// The client side: connects to the agent's socket at `path`. kNotFound or kUnavailable when no
// agent listens there.
Result<std::unique_ptr<LocalConnection>> connectLocal(const std::string& path);

}  // namespace jamul::agent
