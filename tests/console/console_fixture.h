// SPDX-License-Identifier: Apache-2.0
#pragma once

// Fixtures of the console's tests: a store on SQLite in a temporary folder, or on PostgreSQL when
// JAMUL_TEST_POSTGRES_URL_FILE names a file holding a postgresql:// URL (the CTest fixture
// `postgres` writes one; each fixture then gets a schema of its own in that database); and the
// real HTTPS server on 127.0.0.1 (a free port) with an HTTPS client that speaks to it.

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "http/console_server.h"
#include "jamul/crypto/credentials.h"
#include "jamul/crypto/signing_key.h"
#include "jamul/protocol/console_api.h"
#include "service/console_context.h"
#include "setup/tls_certificate.h"
#include "store/store.h"
#include "support/temp_dir.h"

namespace jamul::console::test {

// The database URL for a new store: "" (SQLite) or the PostgreSQL URL with a fresh schema.
inline std::string testDatabaseUrl() {
  const char* file = std::getenv("JAMUL_TEST_POSTGRES_URL_FILE");
  if (file == nullptr || *file == '\0') return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  BOOST_TEST_REQUIRE(!url.empty(), "JAMUL_TEST_POSTGRES_URL_FILE names no URL: " << file);
  static std::mt19937_64 rng{std::random_device{}()};
  return url + "?schema=t" + std::to_string(rng() % 1'000'000'000'000ULL);
}

inline std::unique_ptr<Store> openTestStore(const jamul::test::TempDir& dir,
                                            const std::string& url) {
  auto store = Store::open(DbConfig{url, (dir.path() / "console.db").string(), 8});
  BOOST_TEST_REQUIRE(store.ok(), (store.ok() ? "" : store.error().toString()));
  return std::move(store).value();
}

// A store with its own clock.
struct StoreFixture {
  jamul::test::TempDir dir;
  std::string url = testDatabaseUrl();
  std::unique_ptr<Store> store = openTestStore(dir, url);
};

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // as sent (first value of each name)
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// One request over HTTPS to 127.0.0.1:port (any certificate: the tests check the pin elsewhere).
inline HttpResult httpsRequest(std::uint16_t port, const std::string& method, const std::string& path,
                               const std::string& body = "",
                               const std::map<std::string, std::string>& headers = {}) {
  Poco::Net::Context::Ptr tls = new Poco::Net::Context(Poco::Net::Context::CLIENT_USE, "", "", "",
                                                       Poco::Net::Context::VERIFY_NONE);
  Poco::Net::HTTPSClientSession session("127.0.0.1", port, tls);
  session.setTimeout(Poco::Timespan(20, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) req.set(name, value);
  if (method != "GET") {
    req.setContentType("application/json");
    req.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  std::ostream& out = session.sendRequest(req);
  if (method != "GET") out << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = response.getStatus();
  Poco::StreamCopier::copyToString(in, result.body);
  for (const auto& [name, value] : response) {
    if (result.headers.count(name) == 0) result.headers[name] = value;
  }
  return result;
}

// The console on 127.0.0.1 with a fresh data folder, self-signed certificate and signing key.
class ServerFixture {
 public:
  ServerFixture() {
    BOOST_TEST_REQUIRE(createSelfSignedCertificate(cert(), keyFile()).ok());
    auto key = crypto::SigningKey::loadOrCreate((dir.path() / "policy-signing.key").string());
    BOOST_TEST_REQUIRE(key.ok());
    signing_key = std::make_unique<crypto::SigningKey>(std::move(key).value());
    context = std::make_unique<ConsoleContext>(ConsoleContext{
        *store, *signing_key, "jes_test-secret", ConsoleSettings{}, [this] { return now.load(); }});
    settings().request_timeout_ms = 5000;
  }
  ~ServerFixture() {
    if (server) server->stop();
  }

  ConsoleSettings& settings() { return context->settings; }

  void start() {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.cert_file = cert();
    options.key_file = keyFile();
    options.max_threads = 16;
    auto started = ConsoleServer::start(*context, options, [this](const std::string& line) {
      std::lock_guard lock(log_mutex);
      log += line + "\n";
    });
    BOOST_TEST_REQUIRE(started.ok(), (started.ok() ? "" : started.error().toString()));
    server = std::move(started).value();
  }

  HttpResult request(const std::string& method, const std::string& path, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {}) {
    return httpsRequest(server->port(), method, path, body, headers);
  }

  // Enrolls a machine: {agent_id, token}.
  std::pair<std::int64_t, std::string> enroll(const std::string& machine, const std::string& dept = "") {
    const std::string body = R"({"secret":"jes_test-secret","machine_id":")" + machine +
                             R"(","host":"pc-)" + machine + R"(","user":"kim","department":")" + dept +
                             R"(","version":"0.1.0","os":"Debian"})";
    HttpResult r = request("POST", "/api/v1/enroll", body);
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    auto doc = protocol::parseEnrollResponse(r.body);
    BOOST_TEST_REQUIRE(doc.ok());
    return {doc->agent_id, doc->token};
  }

  std::map<std::string, std::string> agentHeaders(std::int64_t id, const std::string& token) {
    return {{"X-Jamul-Agent", std::to_string(id)}, {"Authorization", "Bearer " + token}};
  }

  std::string cert() const { return (dir.path() / "console.crt").string(); }
  std::string keyFile() const { return (dir.path() / "console.key").string(); }

  jamul::test::TempDir dir;
  std::string url = testDatabaseUrl();
  std::unique_ptr<Store> store = openTestStore(dir, url);
  std::unique_ptr<crypto::SigningKey> signing_key;
  std::atomic<std::int64_t> now{1'796'620'400'000};
  std::unique_ptr<ConsoleContext> context;
  std::unique_ptr<ConsoleServer> server;
  std::mutex log_mutex;
  std::string log;
};

}  // namespace jamul::console::test
