// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/agent_client.h"

#include <cstdlib>
#include <utility>

#include "platform/local_socket.h"

namespace jamul::agent {

std::string AgentClient::defaultSocketPath() {
  if (const char* env = std::getenv("JAMUL_AGENT_SOCKET"); env != nullptr && *env != '\0')
    return env;
  return "/run/jamul/agent.sock";
}

Result<AgentClient> AgentClient::connect(const std::string& socket_path) {
  auto connection = connectLocal(socket_path);
  if (!connection) {
    const ErrorCode code = connection.error().code();
    if (code == ErrorCode::kNotFound || code == ErrorCode::kUnavailable)
      return Error(ErrorCode::kUnavailable,
                   "no Jamul agent is running (nothing listens on " + socket_path + ")");
    return connection.error();
  }
  return AgentClient(std::move(*connection));
}

AgentClient::AgentClient(std::unique_ptr<LocalConnection> connection)
    : connection_(std::move(connection)) {}
AgentClient::AgentClient(AgentClient&&) noexcept = default;
AgentClient& AgentClient::operator=(AgentClient&&) noexcept = default;
AgentClient::~AgentClient() = default;

Result<protocol::JsonValue> AgentClient::call(protocol::LocalOp op, protocol::JsonValue args,
                                              const EventHandler& on_event,
                                              std::chrono::milliseconds timeout) {
  protocol::LocalRequest request;
  request.id = next_id_++;
  request.op = op;
  request.args = std::move(args);
  const auto lost = [](const Error& e) {
    return Error(ErrorCode::kUnavailable, "the connection to the agent was lost: " + e.message());
  };
  if (Status s = connection_->send(protocol::encodeLocalRequest(request), timeout); !s)
    return lost(s.error());
  for (;;) {
    // The wait for a reply may be long (an action on many files), with events meanwhile; each
    // line, once it starts, arrives within `timeout`.
    auto line = connection_->readLine(protocol::kMaxLocalMessageBytes, timeout, false);
    if (!line) return lost(line.error());
    JAMUL_ASSIGN_OR_RETURN(protocol::LocalMessage message, protocol::parseLocalMessage(*line));
    if (message.kind == protocol::LocalMessage::Kind::kEvent) {
      if (on_event) on_event(message.event, message.data);
      continue;
    }
    if (message.id != request.id && message.id != 0) continue;  // not ours (cannot happen)
    if (!message.ok) return protocol::errorOf(message);
    return std::move(message.result);
  }
}

}  // namespace jamul::agent
