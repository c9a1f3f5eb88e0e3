// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleConnection: one keep-alive HTTPS connection to a jamul-console on loopback, for the fleet
// test (the admin API: what the dashboard sees) and the load bench (the agent API, thousands of
// simulated agents). It trusts whatever certificate the console presents: both run against a
// console they started themselves on 127.0.0.1, and what is measured or checked is the console,
// not certificate pinning (the real agents' pinning is exercised by the fleet test through
// `jamul agent enroll`). AdminSession adds the admin API's login, session cookie and CSRF token.
//
// Errors are values: a request that fails at the transport (refused, reset, timed out) returns
// status 0 with the reason in `error`, and the next request opens a new connection.
//
// Thread-safety: a ConsoleConnection is used by one thread at a time; initialise() once first.

#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace jamul::test {

struct HttpReply {
  int status = 0;  // 0: the request did not complete (see error)
  std::string body;
  std::string error;
  std::vector<std::pair<std::string, std::string>> headers;

  std::string header(const std::string& name) const {
    for (const auto& [k, v] : headers)
      if (Poco::icompare(k, name) == 0) return v;
    return {};
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class ConsoleConnection {
 public:
  ConsoleConnection(std::string host, int port) : host_(std::move(host)), port_(port) {}

  // Once per process, before any connection (OpenSSL's and Poco's globals).
  static Poco::Net::Context::Ptr context() {
    static Poco::Net::Context::Ptr ctx = [] {
      Poco::Net::initializeSSL();
      Poco::Net::Context::Ptr c(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "",
                                                       Poco::Net::Context::VERIFY_NONE));
      c->enableExtendedCertificateVerification(false);
      c->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
      return c;
    }();
    return ctx;
  }

  // A request on a kept-alive connection that the console closed meanwhile (it keeps idle ones
  // for 2 s) never reached it: that one is sent again, once, on a new connection — what browsers
  // do. The client also drops its connection after 1 s idle, so this is rare.
  HttpReply request(const std::string& method, const std::string& path,
                    const std::string& body = {}, const Headers& headers = {}) {
    const bool reused = session_ != nullptr;
    HttpReply reply = requestOnce(method, path, body, headers);
    if (reply.status == 0 && reused) reply = requestOnce(method, path, body, headers);
    return reply;
  }

  void close() { session_.reset(); }

 private:
  HttpReply requestOnce(const std::string& method, const std::string& path,
                        const std::string& body, const Headers& headers) {
    HttpReply reply;
    try {
      if (!session_) {
        session_ = std::make_unique<Poco::Net::HTTPSClientSession>(host_, port_, context());
        session_->setKeepAlive(true);
        session_->setKeepAliveTimeout(Poco::Timespan(1, 0));
        session_->setTimeout(Poco::Timespan(60, 0));
      }
      Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
      req.setKeepAlive(true);
      for (const auto& [k, v] : headers) req.set(k, v);
      if (!body.empty() || method == "POST") {
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
      }
      std::ostream& out = session_->sendRequest(req);
      out << body;
      Poco::Net::HTTPResponse res;
      std::istream& in = session_->receiveResponse(res);
      std::ostringstream text;
      Poco::StreamCopier::copyStream(in, text);
      reply.status = static_cast<int>(res.getStatus());
      reply.body = text.str();
      for (const auto& [k, v] : res) reply.headers.emplace_back(k, v);
      if (!res.getKeepAlive()) session_.reset();
    } catch (const Poco::Exception& e) {
      reply.status = 0;
      reply.error = e.displayText();
      session_.reset();
    } catch (const std::exception& e) {
      reply.status = 0;
      reply.error = e.what();
      session_.reset();
    }
    return reply;
  }

  std::string host_;
  int port_;
  std::unique_ptr<Poco::Net::HTTPSClientSession> session_;
};

// The admin API as the dashboard uses it: log in, keep the session cookie, send the CSRF token
// with every POST.
class AdminSession {
 public:
  AdminSession(std::string host, int port) : connection_(std::move(host), port) {}

  // POST /api/admin/login; the reply's status (200 on success).
  HttpReply login(const std::string& user, const std::string& password) {
    const std::string body = R"({"user":")" + user + R"(","password":")" + password + R"("})";
    HttpReply r = connection_.request("POST", "/api/admin/login", body);
    if (r.status == 200) {
      const std::string cookie = r.header("Set-Cookie");
      cookie_ = cookie.substr(0, cookie.find(';'));
      const auto at = r.body.find("\"csrf\"");
      if (at != std::string::npos) {
        const auto open = r.body.find('"', r.body.find(':', at) + 1);
        const auto end = r.body.find('"', open + 1);
        csrf_ = r.body.substr(open + 1, end - open - 1);
      }
    }
    return r;
  }
  // Logs in; when the password is a one-time one (must_change_password), changes it to
  // `replacement` (POST /api/admin/password) and logs in again. The password now in force, or
  // empty when either step failed (`failure` then says why).
  std::string loginReady(const std::string& user, const std::string& password,
                         const std::string& replacement, std::string* failure = nullptr) {
    HttpReply r = login(user, password);
    if (r.status != 200) {
      if (failure != nullptr)
        *failure = "login: " + std::to_string(r.status) + " " + r.body + r.error;
      return {};
    }
    if (r.body.find("\"must_change_password\":true") == std::string::npos) return password;
    r = post("/api/admin/password",
             R"({"old":")" + password + R"(","new":")" + replacement + R"("})");
    if (r.status != 200) {
      if (failure != nullptr)
        *failure = "password: " + std::to_string(r.status) + " " + r.body + r.error;
      return {};
    }
    r = login(user, replacement);
    if (r.status != 200) {
      if (failure != nullptr) *failure = "login again: " + std::to_string(r.status) + " " + r.body;
      return {};
    }
    return replacement;
  }
  HttpReply get(const std::string& path) {
    return connection_.request("GET", path, {}, {{"Cookie", cookie_}});
  }
  HttpReply post(const std::string& path, const std::string& body) {
    return connection_.request("POST", path, body, {{"Cookie", cookie_}, {"X-CSRF-Token", csrf_}});
  }
  const std::string& csrf() const { return csrf_; }

 private:
  ConsoleConnection connection_;
  std::string cookie_;
  std::string csrf_;
};

}  // namespace jamul::test
