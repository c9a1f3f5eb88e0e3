// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleServer: the console's HTTPS server — Poco::Net::HTTPServer over a SecureServerSocket
// (TLS 1.2 or later, the console's certificate and key), routing /api/v1/* to AgentApi,
// /api/admin/* to AdminApi and everything else (GET) to the embedded dashboard.
//
// Requests are read whole before a handler runs: bodies beyond the route's limit get 413 before
// they are read (Content-Length) or as soon as they pass it (chunked); a request must arrive
// within 30 s (the socket timeout and a deadline while reading). Connections are kept alive
// briefly (agents reconnect each heartbeat), and the thread pool is sized by `max_threads`.
//
//   auto server = ConsoleServer::start(context, {.host = "127.0.0.1", .port = 0, ...}, log);
//   (*server)->port();  // the port chosen when 0 was asked
//   (*server)->stop();  // waits for requests in flight
//
// Thread-safety: start/stop from one thread; handlers run on the pool's threads.

#include <cstdint>
#include <memory>
#include <string>

#include "http/agent_api.h"
#include "jamul/common/result.h"
#include "service/console_context.h"

namespace Poco {
class ThreadPool;
}
namespace Poco::Net {
class HTTPServer;
}

namespace jamul::console {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8443;  // 0: any free port
  std::string cert_file;
  std::string key_file;
  // Poco serves a connection on one thread until it closes: agents reconnect each heartbeat, so
  // a short keep-alive frees threads for the next agents, and a deep queue absorbs bursts.
  int max_threads = 512;
  int max_queued = 10'000;
  int keep_alive_seconds = 2;
};

class ConsoleServer {
 public:
  // Listens and serves. kInvalidArgument (bad address), kUnavailable (port in use),
  // kCorrupt (an unusable certificate or key).
  static Result<std::unique_ptr<ConsoleServer>> start(ConsoleContext& context,
                                                      const ServerOptions& options, LogFn log);
  ~ConsoleServer();
  ConsoleServer(const ConsoleServer&) = delete;
  ConsoleServer& operator=(const ConsoleServer&) = delete;

  std::uint16_t port() const { return port_; }
  // Stops accepting, lets requests in flight finish. Idempotent.
  void stop();

 private:
  struct Impl;
  explicit ConsoleServer(std::unique_ptr<Impl> impl, std::uint16_t port);
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_;
};

}  // namespace jamul::console
