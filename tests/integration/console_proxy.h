// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleProxy: a TCP forwarder on 127.0.0.1 between the agents and the console, so that the fleet
// test can time a console crash exactly where it matters. The agents enroll with the proxy's URL
// (TLS passes through untouched: they pin the console's own certificate, issued for 127.0.0.1).
//
// The test arms it with a byte count: once the agents have sent that many more bytes towards the
// console (a report upload is under way: a heartbeat or a policy fetch is a few kilobytes), the
// proxy stops passing the console's replies back. The console goes on, commits the batch it is
// reading and answers into the void; the test then kills it. The agent never saw the
// acknowledgement of a batch the console committed, and must send it again: the console must
// count it once.
//
// Thread-safety: arm()/release()/tripped() from the test's thread; one thread per connection.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace jamul::test {

class ConsoleProxy {
 public:
  explicit ConsoleProxy(int console_port) : console_port_(console_port) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(listener_ >= 0);
    const int on = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in addr = loopback(0);
    BOOST_REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    BOOST_REQUIRE(::listen(listener_, 64) == 0);
    socklen_t len = sizeof addr;
    BOOST_REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { acceptLoop(); });
  }
  ~ConsoleProxy() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    acceptor_.join();
    ::close(listener_);
    std::lock_guard lock(mutex_);
    for (auto& t : pipes_) t.join();
  }
  ConsoleProxy(const ConsoleProxy&) = delete;
  ConsoleProxy& operator=(const ConsoleProxy&) = delete;

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

  // After `bytes` more towards the console, drop its replies (until release()).
  void arm(std::uint64_t bytes) {
    trip_at_ = upstream_bytes_.load() + bytes;
    tripped_ = false;
    armed_ = true;
  }
  bool tripped() const { return tripped_.load(); }
  // Everything sent towards the console so far.
  std::uint64_t upstreamBytes() const { return upstream_bytes_.load(); }
  void release() {
    armed_ = false;
    tripped_ = false;
  }

 private:
  static sockaddr_in loopback(int port) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    return addr;
  }

  void acceptLoop() {
    while (!stopping_) {
      const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) {
        if (stopping_) return;
        continue;
      }
      std::lock_guard lock(mutex_);
      pipes_.emplace_back([this, client] { pipe(client); });
    }
  }

  // Both directions of one connection until either side closes.
  void pipe(int client) {
    const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr = loopback(console_port_);
    if (server < 0 || ::connect(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      if (server >= 0) ::close(server);
      ::close(client);
      return;
    }
    char buf[65536];
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    while (!stopping_) {
      if (::poll(fds, 2, 200) <= 0) continue;
      bool closed = false;
      for (int i = 0; i < 2 && !closed; ++i) {
        if (fds[i].revents == 0) continue;
        const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
        if (n <= 0) {
          closed = true;
          break;
        }
        if (i == 0) {
          upstream_bytes_ += static_cast<std::uint64_t>(n);
          if (armed_ && upstream_bytes_.load() >= trip_at_.load()) tripped_ = true;
        } else if (tripped_) {
          continue;  // the console's reply goes nowhere
        }
        const int to = i == 0 ? server : client;
        for (ssize_t sent = 0; sent < n;) {
          const ssize_t w =
              ::send(to, buf + sent, static_cast<std::size_t>(n - sent), MSG_NOSIGNAL);
          if (w <= 0) {
            closed = true;
            break;
          }
          sent += w;
        }
      }
      if (closed) break;
    }
    ::close(server);
    ::close(client);
  }

  int console_port_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> armed_{false};
  std::atomic<bool> tripped_{false};
  std::atomic<std::uint64_t> upstream_bytes_{0};
  std::atomic<std::uint64_t> trip_at_{0};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> pipes_;
};

}  // namespace jamul::test
