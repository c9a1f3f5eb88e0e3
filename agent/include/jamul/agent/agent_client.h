// SPDX-License-Identifier: Apache-2.0
#pragma once

// AgentClient: a connection to jamul-agent's local API (docs/local-api.md), for `jamul agent ...`
// (and any C++ client; the tray speaks the same protocol through Qt's socket). One request at a
// time: call() sends it and returns its reply's result, handing the events that arrive meanwhile
// (after subscribe) to `on_event`.
//
// Thread-safety: one thread per client.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"
#include "jamul/protocol/local_api.h"

namespace jamul::agent {

class LocalConnection;

class AgentClient {
 public:
  // Where the agent listens: $JAMUL_AGENT_SOCKET, else /run/jamul/agent.sock.
  static std::string defaultSocketPath();
  // Connects. kUnavailable with "no Jamul agent is running (nothing listens on PATH)" when none
  // does; kPermissionDenied when the socket may not be opened.
  static Result<AgentClient> connect(const std::string& socket_path);

  AgentClient(AgentClient&&) noexcept;
  AgentClient& operator=(AgentClient&&) noexcept;
  ~AgentClient();

  using EventHandler = std::function<void(const std::string& event, const protocol::JsonValue&)>;
  // Sends `op` with `args` and waits up to `timeout` for its reply (actions and `scan --wait` may
  // take long: pass more). Returns the result, or the agent's error as an Error.
  Result<protocol::JsonValue> call(protocol::LocalOp op, protocol::JsonValue args,
                                   const EventHandler& on_event = {},
                                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  explicit AgentClient(std::unique_ptr<LocalConnection> connection);
  std::unique_ptr<LocalConnection> connection_;
  std::int64_t next_id_ = 1;
};

}  // namespace jamul::agent
