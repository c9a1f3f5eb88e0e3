// SPDX-License-Identifier: Apache-2.0
#pragma once

// AgentApi: the agent API's handlers (docs/console-api.md "The agent API"): enroll, heartbeat,
// policy, reports. Each takes a request read whole and returns the reply; the server routes
// /api/v1/* here.
//
// Authentication: X-Jamul-Agent (the id) and Authorization: Bearer (the token), checked against
// the stored digests (Store::authenticate); 401 for a missing, wrong or other agent's token, 403
// "revoked" for a revoked agent. Enrollment: the secret compared in constant time, 10 wrong
// secrets per address per 10 minutes, then 429.
//
// Logs (stderr, through `log`) say what happened to which agent id; never a token, a secret or
// anything from a report.
//
// Thread-safety: thread-safe (one instance serves every connection).

#include <functional>
#include <string>

#include "http/http_io.h"
#include "http/rate_limiter.h"
#include "service/console_context.h"

namespace jamul::console {

using LogFn = std::function<void(const std::string&)>;

class AgentApi {
 public:
  AgentApi(ConsoleContext& context, LogFn log);

  // REQUIRES: request.path starts with /api/v1/.
  HttpReply handle(const ApiRequest& request);

  // The body limit of a path: 4 MiB for reports, 64 KiB otherwise.
  static std::size_t maxBody(const std::string& path);

 private:
  HttpReply enroll(const ApiRequest& request);
  HttpReply heartbeat(const ApiRequest& request, const AgentAuth& auth);
  HttpReply policy(const ApiRequest& request, const AgentAuth& auth);
  HttpReply reports(const ApiRequest& request, const AgentAuth& auth);
  // The caller's identity, or the reply refusing it.
  Result<AgentAuth> authenticate(const ApiRequest& request, HttpReply& refusal);
  Result<std::int64_t> assignedVersion(const std::string& department);

  ConsoleContext& context_;
  LogFn log_;
  RateLimiter enroll_limiter_;
};

}  // namespace jamul::console
