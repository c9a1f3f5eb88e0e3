// SPDX-License-Identifier: Apache-2.0
#include "http/http_io.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>

#include <algorithm>
#include <chrono>

#include "jamul/protocol/console_api.h"

namespace jamul::console {
namespace {

int statusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument: return 400;
    case ErrorCode::kPermissionDenied: return 401;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kCorrupt: return 409;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kUnavailable: return 503;
    default: return 500;
  }
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::map<std::string, std::string> parseQuery(const std::string& text) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    const std::string pair = text.substr(start, end - start);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      out[urlDecode(pair.substr(0, eq))] =
          eq == std::string::npos ? std::string() : urlDecode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return out;
}

// A body announced too large is refused before a byte of it is kept. A moderate one is read and
// dropped first, so that a client still sending it gets the 413 rather than a reset connection.
void drainBody(std::istream& in, std::int64_t length,
               std::chrono::steady_clock::time_point deadline) {
  char buf[16384];
  while (length > 0 && in && std::chrono::steady_clock::now() < deadline) {
    in.read(buf, static_cast<std::streamsize>(std::min<std::int64_t>(length, sizeof buf)));
    if (in.gcount() <= 0) break;
    length -= in.gcount();
  }
}

Result<std::string> readBody(Poco::Net::HTTPServerRequest& request, std::size_t max_body,
                             std::int64_t timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  if (request.hasContentLength() && request.getContentLength64() > static_cast<std::int64_t>(max_body)) {
    const std::int64_t length = request.getContentLength64();
    if (length <= static_cast<std::int64_t>(2 * max_body + (std::size_t{1} << 20))) {
      drainBody(request.stream(), length, deadline);
    }
    return Error(ErrorCode::kTooLarge, "the body is larger than " + std::to_string(max_body) + " bytes");
  }
  std::string body;
  std::istream& in = request.stream();
  // The socket's timeout surfaces as Poco::TimeoutException (408) rather than a short body.
  in.exceptions(std::ios::badbit);
  char buf[16384];
  while (in) {
    in.read(buf, sizeof buf);
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    if (body.size() + n > max_body) {
      return Error(ErrorCode::kTooLarge,
                   "the body is larger than " + std::to_string(max_body) + " bytes");
    }
    body.append(buf, n);
    if (std::chrono::steady_clock::now() > deadline) {
      return Error(ErrorCode::kUnavailable, "the request did not arrive within the time limit");
    }
  }
  if (request.hasContentLength() &&
      static_cast<std::int64_t>(body.size()) != request.getContentLength64()) {
    return Error(ErrorCode::kInvalidArgument, "the body is shorter than its Content-Length");
  }
  return body;
}

}  // namespace

std::string ApiRequest::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string ApiRequest::cookie(const std::string& name) const {
  const std::string all = header("cookie");
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t end = all.find(';', start);
    if (end == std::string::npos) end = all.size();
    std::string part = all.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    const auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    start = end + 1;
  }
  return {};
}

Result<std::int64_t> ApiRequest::queryInt(const std::string& name, std::int64_t fallback,
                                          std::int64_t min, std::int64_t max) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return fallback;
  const std::string& t = it->second;
  std::int64_t v = 0;
  for (char c : t) {
    if (c < '0' || c > '9' || v > 1'000'000'000'000LL) {
      return Error(ErrorCode::kInvalidArgument, name + ": must be an integer");
    }
    v = v * 10 + (c - '0');
  }
  if (v < min || v > max) {
    return Error(ErrorCode::kInvalidArgument, name + ": must be between " + std::to_string(min) +
                                                  " and " + std::to_string(max));
  }
  return v;
}

std::string urlDecode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hexValue(text[i + 1]) >= 0 &&
               hexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(hexValue(text[i + 1]) * 16 + hexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

HttpReply jsonReply(std::string body, int status) {
  HttpReply reply;
  reply.status = status;
  reply.body = std::move(body);
  return reply;
}

HttpReply errorReply(const Error& error, int status) {
  return jsonReply(protocol::encodeConsoleError(error), status != 0 ? status : statusFor(error.code()));
}

const std::vector<std::pair<std::string, std::string>>& securityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'"},
      {"X-Frame-Options", "DENY"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Strict-Transport-Security", "max-age=31536000"},
  };
  return kHeaders;
}

Result<ApiRequest> readRequest(Poco::Net::HTTPServerRequest& request, std::size_t max_body,
                               std::int64_t timeout_ms) {
  try {
    ApiRequest out;
    out.method = request.getMethod();
    const std::string& uri = request.getURI();
    const auto q = uri.find('?');
    out.path = uri.substr(0, q);
    if (q != std::string::npos) out.query = parseQuery(uri.substr(q + 1));
    for (const auto& [name, value] : request) out.headers[lower(name)] = value;
    out.client_address = request.clientAddress().host().toString();
    JAMUL_ASSIGN_OR_RETURN(out.body, readBody(request, max_body, timeout_ms));
    return out;
  } catch (const Poco::TimeoutException&) {
    return Error(ErrorCode::kUnavailable, "the request did not arrive within the time limit");
  } catch (const Poco::Exception& e) {
    return Error(ErrorCode::kInvalidArgument, "cannot read the request: " + e.displayText());
  }
}

void sendReply(Poco::Net::HTTPServerResponse& response, const HttpReply& reply, bool close) {
  try {
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    for (const auto& [name, value] : securityHeaders()) response.set(name, value);
    for (const auto& [name, value] : reply.headers) response.add(name, value);
    if (close) response.setKeepAlive(false);
    if (reply.status == 304) {
      response.send();
      return;
    }
    response.setContentType(reply.content_type);
    response.setContentLength64(static_cast<Poco::Int64>(reply.body.size()));
    response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size()));
  } catch (const Poco::Exception&) {
    // The peer went away; nothing to tell it.
  }
}

}  // namespace jamul::console
