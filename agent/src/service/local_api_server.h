// SPDX-License-Identifier: Apache-2.0
#pragma once

// LocalApiServer: the agent's end of the local API (docs/local-api.md): accepts connections on
// the socket, reads requests line by line, authorises each by the peer's identity as the OS gives
// it (never by anything the client says), and answers through the Agent. A connection that sent
// "subscribe" also receives events.
//
// Authorisation: root (uid 0) may do everything and sees every file; any other user sees only the
// files the inventory records as theirs, and acts only on files they own (the Agent's actions run
// with the user's rights and check the owner of the opened file). Pause and resume are open to
// every user (a user's pause ends after an hour; root's pause holds until root resumes).
//
// Hostile clients: a line over the size limit, a line that does not complete within the line
// timeout, or a connection idle too long (unless subscribed) is closed; malformed requests get an
// error reply, and a connection that keeps sending them is closed. At most `max_connections` at
// once, `max_per_user` for one uid: the next is told so and closed. One connection's thread never
// holds up another's.
//
// Thread-safety: start() and stop() from one thread; each connection has its own thread.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jamul/common/result.h"
#include "platform/local_socket.h"
#include "service/agent.h"
#include "service/service_log.h"

namespace jamul::agent {

class LocalApiServer {
 public:
  struct Limits {
    std::size_t max_connections = 64;
    std::size_t max_per_user = 16;
    // A request line must arrive whole within this, once begun.
    std::chrono::milliseconds line_timeout = std::chrono::seconds(10);
    // A connection without a subscription is closed after this long without a request.
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
    // Error replies to malformed requests before the connection is closed.
    int max_bad_requests = 8;
    // Bytes of findings per reply page.
    std::size_t findings_page_bytes = std::size_t{256} << 10;
  };

  static Result<std::unique_ptr<LocalApiServer>> start(const std::string& socket_path,
                                                       Agent& agent, ServiceLog log,
                                                       Limits limits);
  static Result<std::unique_ptr<LocalApiServer>> start(const std::string& socket_path,
                                                       Agent& agent, ServiceLog log) {
    return start(socket_path, agent, std::move(log), Limits{});
  }
  ~LocalApiServer();
  LocalApiServer(const LocalApiServer&) = delete;
  LocalApiServer& operator=(const LocalApiServer&) = delete;

  // Stops accepting, closes every connection, and waits up to `grace` for their threads. true:
  // all ended (false: one is still waiting for an action; the process should end now).
  bool stop(std::chrono::milliseconds grace);

 private:
  struct Client;
  LocalApiServer(LocalListener listener, Agent& agent, ServiceLog log, Limits limits);
  void acceptLoop();
  void serve(const std::shared_ptr<Client>& client);
  // The reply line to `line` (a request), for the connection's peer.
  std::string handle(Client& client, const std::string& line);
  void reap(bool all);

  LocalListener listener_;
  Agent& agent_;
  ServiceLog log_;
  Limits limits_;
  std::thread accept_thread_;

  std::mutex mutex_;  // guards what follows
  std::vector<std::shared_ptr<Client>> clients_;
  std::map<std::uint32_t, std::size_t> per_user_;
  bool stopping_ = false;
};

}  // namespace jamul::agent
