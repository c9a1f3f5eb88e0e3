// SPDX-License-Identifier: Apache-2.0
#pragma once

// AdminApi: the dashboard's API (docs/console-api.md "The admin API"), /api/admin/*.
//
// Sessions: login checks the Argon2id hash (crypto::verifyPassword) and sets the cookie
// `jamul_session` (HttpOnly; Secure; SameSite=Strict; Path=/); the store keeps only the session
// id's digest, for at most 8 hours and 30 idle minutes. Every POST but the login needs
// X-CSRF-Token equal to the session's token (403 otherwise). Login failures are limited per user
// name (5) and per address (20) in 15 minutes (429, the attempt not even checked). An account
// whose password is a one-time one can only change it (or log out) until it does: 403.
//
// Every change is audited with the admin's name (Store does it in the same transaction).
//
// Thread-safety: thread-safe.

#include <string>

#include "http/agent_api.h"
#include "http/http_io.h"
#include "http/rate_limiter.h"
#include "service/console_context.h"

namespace jamul::console {

class AdminApi {
 public:
  AdminApi(ConsoleContext& context, LogFn log);

  // REQUIRES: request.path starts with /api/admin/.
  HttpReply handle(const ApiRequest& request);

 private:
  struct Caller {
    std::string admin;
    std::string session_digest;
    bool must_change_password = false;
  };
  HttpReply login(const ApiRequest& request);
  HttpReply logout(const Caller& caller);
  HttpReply changePassword(const ApiRequest& request, const Caller& caller);
  HttpReply route(const ApiRequest& request, const Caller& caller);
  HttpReply routePost(const ApiRequest& request, const Caller& caller);
  // The session's admin, or the reply refusing the request (401, 403 CSRF).
  Result<Caller> authenticate(const ApiRequest& request, HttpReply& refusal);
  // A new session for `admin`: the reply body and its cookie.
  HttpReply startSession(const std::string& admin, bool must_change_password);

  // When each group's agents count as offline, from the policies (a handful of rows).
  Result<OfflineThresholds> offlineThresholds();
  HttpReply summary();
  HttpReply agents(const ApiRequest& request);
  HttpReply findings(const ApiRequest& request);
  HttpReply history(const ApiRequest& request);
  HttpReply topFiles(const ApiRequest& request);
  HttpReply exceptions(const ApiRequest& request);
  HttpReply decide(const ApiRequest& request, const Caller& caller, std::int64_t id, bool approve);
  HttpReply policies();
  HttpReply setPolicy(const ApiRequest& request, const Caller& caller);
  HttpReply revoke(const Caller& caller, std::int64_t id);
  HttpReply auditLog(const ApiRequest& request);
  HttpReply exportCsvReply();

  ConsoleContext& context_;
  LogFn log_;
  RateLimiter user_limiter_;
  RateLimiter address_limiter_;
  std::string dummy_hash_;  // checked for unknown users, so that timing does not tell them apart
};

}  // namespace jamul::console
