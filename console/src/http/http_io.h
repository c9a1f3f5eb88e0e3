// SPDX-License-Identifier: Apache-2.0
#pragma once

// The console's HTTP plumbing shared by its handlers: a request read whole (within a byte limit
// and a deadline) into ApiRequest, a reply as a value (HttpReply), error bodies
// ({"error":{"code","message"}}, docs/console-api.md "Transport"), and the security headers every
// response carries. Handlers are functions ApiRequest -> HttpReply, so tests can call them
// without sockets; only this unit and console_server.cpp touch Poco's request objects.
//
// Thread-safety: pure functions; one request per thread.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "jamul/common/result.h"

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace jamul::console {

struct ApiRequest {
  std::string method;  // GET, POST, …
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string client_address;  // the peer's IP, for rate limits

  // The header's value, or "".
  std::string header(const std::string& lower_name) const;
  // The cookie's value, or "".
  std::string cookie(const std::string& name) const;
  // The query parameter as an integer in [min, max], `fallback` when absent; kInvalidArgument.
  Result<std::int64_t> queryInt(const std::string& name, std::int64_t fallback, std::int64_t min,
                                std::int64_t max) const;
};

struct HttpReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

// 200 with a JSON body.
HttpReply jsonReply(std::string body, int status = 200);
// The error body with the status its code maps to (kInvalidArgument 400, kPermissionDenied 401,
// kNotFound 404, kCorrupt 409, kTooLarge 413, kUnavailable 503, else 500), or `status`.
HttpReply errorReply(const Error& error, int status = 0);

// Reads the request into an ApiRequest: 413 (kTooLarge) when Content-Length or the bytes read
// exceed `max_body`, before reading them; kUnavailable (408) when the body does not arrive within
// `timeout_ms`; kInvalidArgument for a broken transfer.
Result<ApiRequest> readRequest(Poco::Net::HTTPServerRequest& request, std::size_t max_body,
                               std::int64_t timeout_ms);

// Sends `reply` with the security headers. `close`: the connection is not kept alive (after a
// refused body that was not read).
void sendReply(Poco::Net::HTTPServerResponse& response, const HttpReply& reply, bool close = false);

// The headers every response carries (CSP default-src 'self', frame DENY, nosniff, no referrer,
// HSTS).
const std::vector<std::pair<std::string, std::string>>& securityHeaders();

// %XX and + decoded.
std::string urlDecode(const std::string& text);

}  // namespace jamul::console
