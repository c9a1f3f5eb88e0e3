// SPDX-License-Identifier: Apache-2.0
// The local API's transport on Linux: a Unix stream socket; the peer's identity from SO_PEERCRED.
#include "platform/local_socket.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace jamul::agent {
namespace {

Result<sockaddr_un> addressOf(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path)
    return Error(ErrorCode::kInvalidArgument, "socket path too long (at most 107 bytes)", path);
  std::memcpy(addr.sun_path, path.data(), path.size());
  return addr;
}

std::string folderOfPath(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
}

// Milliseconds left until `deadline` (at least 0).
int msLeft(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

}  // namespace

Result<std::string> LocalConnection::readLine(std::size_t max_bytes,
                                              std::chrono::milliseconds timeout, bool idle_ok) {
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (!buffered_.empty() || !idle_ok) deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const auto nl = buffered_.find('\n'); nl != std::string::npos) {
      if (nl > max_bytes)
        return Error(ErrorCode::kTooLarge, "a message longer than " + std::to_string(max_bytes));
      std::string line = buffered_.substr(0, nl);
      buffered_.erase(0, nl + 1);
      return line;
    }
    if (buffered_.size() > max_bytes)
      return Error(ErrorCode::kTooLarge, "a message longer than " + std::to_string(max_bytes));
    if (!fd_) return Error(ErrorCode::kNotFound, "connection closed");
    pollfd p{fd_.get(), POLLIN, 0};
    const int wait = deadline ? msLeft(*deadline) : -1;
    const int ready = ::poll(&p, 1, wait);
    if (ready < 0) {
      if (errno == EINTR) continue;
      return errorFromErrno(errno, "poll");
    }
    if (ready == 0) return Error(ErrorCode::kUnavailable, "no complete message in time");
    char buf[16384];
    const ssize_t n = ::recv(fd_.get(), buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return errorFromErrno(errno, "read");
    }
    if (n == 0) return Error(ErrorCode::kNotFound, "connection closed");
    if (!deadline) deadline = std::chrono::steady_clock::now() + timeout;  // a line has begun
    buffered_.append(buf, static_cast<std::size_t>(n));
  }
}

Status LocalConnection::send(std::string_view bytes, std::chrono::milliseconds timeout) {
  std::lock_guard lock(send_mutex_);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!bytes.empty()) {
    if (!fd_) return Error(ErrorCode::kNotFound, "connection closed");
    const ssize_t n = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      return errorFromErrno(errno, "write");
    pollfd p{fd_.get(), POLLOUT, 0};
    const int left = msLeft(deadline);
    if (left == 0 || ::poll(&p, 1, left) == 0)
      return Error(ErrorCode::kUnavailable, "the peer does not read");
  }
  return okStatus();
}

void LocalConnection::close() {
  // shutdown() wakes a reader blocked in poll() on another thread; the descriptor itself is closed
  // by the destructor, once nobody uses it.
  if (fd_) ::shutdown(fd_.get(), SHUT_RDWR);
}

Result<LocalListener> LocalListener::listen(const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(sockaddr_un addr, addressOf(path));
  const std::string folder = folderOfPath(path);
  if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST)
    return errorFromErrno(errno, "create socket folder", folder);
  // A socket file left by a dead agent is replaced; one a live agent answers on is not.
  if (auto live = connectLocal(path); live.ok())
    return Error(ErrorCode::kUnavailable, "another agent already listens on this socket", path);
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode))
      return Error(ErrorCode::kInvalidArgument, "not a socket; refusing to replace it", path);
    ::unlink(path.c_str());
  }
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return errorFromErrno(errno, "socket");
  // Created 0666 whatever the umask (bind applies it to 0777): every local user may connect, and
  // each request is authorised by the peer's identity.
  const mode_t old = ::umask(0111);
  const int bound = ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  const int err = errno;
  ::umask(old);
  if (bound != 0) return errorFromErrno(err, "bind", path);
  if (::listen(fd.get(), 64) != 0) return errorFromErrno(errno, "listen", path);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) return errorFromErrno(errno, "pipe");
  return LocalListener(std::move(fd), Fd(pipe_fds[0]), Fd(pipe_fds[1]), path);
}

LocalListener::~LocalListener() {
  if (fd_) ::unlink(path_.c_str());
}

Result<std::unique_ptr<LocalConnection>> LocalListener::accept() {
  for (;;) {
    pollfd p[2] = {{fd_.get(), POLLIN, 0}, {wake_read_.get(), POLLIN, 0}};
    if (::poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return errorFromErrno(errno, "poll");
    }
    if (p[1].revents != 0) return Error(ErrorCode::kCancelled, "the agent is stopping");
    Fd client(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!client) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN) continue;
      if (errno == EMFILE || errno == ENFILE) {
        // Out of descriptors: not fatal; a connection will close and free one.
        ::usleep(100'000);
        continue;
      }
      return errorFromErrno(errno, "accept");
    }
    ucred cred{};
    socklen_t length = sizeof cred;
    if (::getsockopt(client.get(), SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0) continue;
    PeerCredentials peer{cred.uid, cred.gid, cred.pid};
    return std::make_unique<LocalConnection>(std::move(client), peer);
  }
}

void LocalListener::stop() {
  if (wake_write_) (void)!::write(wake_write_.get(), "x", 1);
}

Result<std::unique_ptr<LocalConnection>> connectLocal(const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(sockaddr_un addr, addressOf(path));
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return errorFromErrno(errno, "socket");
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    if (errno == ENOENT) return Error(ErrorCode::kNotFound, "no agent socket here", path);
    if (errno == ECONNREFUSED)
      return Error(ErrorCode::kUnavailable, "no agent is listening on this socket", path);
    return errorFromErrno(errno, "connect", path);
  }
  ucred cred{};
  socklen_t length = sizeof cred;
  PeerCredentials peer;
  if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &length) == 0)
    peer = {cred.uid, cred.gid, cred.pid};
  return std::make_unique<LocalConnection>(std::move(fd), peer);
}

}  // namespace jamul::agent
