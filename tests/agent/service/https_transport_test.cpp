// SPDX-License-Identifier: Apache-2.0
// The console link's HTTPS transport (issue 17) against a real TLS server on 127.0.0.1 (Poco's
// HTTPServer over a SecureServerSocket, certificates made here with OpenSSL): trust on first use
// records the certificate presented; a pinned certificate is the only one accepted, and a wrong
// one is refused before the request is sent; with a CA the chain and the host name are verified;
// a console that is not there is kUnavailable.
#include "service/console/https_transport.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/StreamCopier.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

// --- Certificates --------------------------------------------------------------------------------

struct KeyAndCert {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  ~KeyAndCert() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
};

void addExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  BOOST_TEST_REQUIRE(ext != nullptr);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A P-256 key and a certificate for 127.0.0.1 and localhost, signed by `issuer` (self-signed when
// null); `ca` makes it a CA.
std::unique_ptr<KeyAndCert> makeCertificate(const char* cn, const KeyAndCert* issuer, bool ca,
                                            const char* names = "IP:127.0.0.1,DNS:localhost") {
  auto out = std::make_unique<KeyAndCert>();
  out->key = EVP_EC_gen("P-256");
  BOOST_TEST_REQUIRE(out->key != nullptr);
  X509* cert = X509_new();
  out->cert = cert;
  X509_set_version(cert, 2);
  static long serial = 1;
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial++);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
  X509_set_pubkey(cert, out->key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn),
                             -1, -1, 0);
  X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer->cert) : name);
  X509* issuer_cert = issuer ? issuer->cert : cert;
  if (ca) {
    addExtension(cert, issuer_cert, NID_basic_constraints, "critical,CA:TRUE");
    addExtension(cert, issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    addExtension(cert, issuer_cert, NID_subject_alt_name, names);
  }
  BOOST_TEST_REQUIRE(X509_sign(cert, issuer ? issuer->key : out->key, EVP_sha256()) > 0);
  return out;
}

void writePem(const std::string& path, const KeyAndCert& kc, bool with_key) {
  FILE* f = std::fopen(path.c_str(), "w");
  BOOST_TEST_REQUIRE(f != nullptr);
  PEM_write_X509(f, kc.cert);
  if (with_key) PEM_write_PrivateKey(f, kc.key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
}

std::string sha256Of(const KeyAndCert& kc) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  X509_digest(kc.cert, EVP_sha256(), md, &n);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

// --- A console on 127.0.0.1 ----------------------------------------------------------------------

class Echo final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Echo(std::atomic<int>& requests) : requests_(requests) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    ++requests_;
    std::string body;
    Poco::StreamCopier::copyToString(request.stream(), body);
    response.setContentType("application/json");
    response.set("ETag", "\"7\"");
    response.send() << R"({"method":")" << request.getMethod() << R"(","bytes":)" << body.size()
                    << R"(,"auth":")" << request.get("Authorization", "") << "\"}";
  }

 private:
  std::atomic<int>& requests_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(std::atomic<int>& requests) : requests_(requests) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Echo(requests_);
  }

 private:
  std::atomic<int>& requests_;
};

struct Server {
  std::atomic<int> requests{0};
  std::unique_ptr<Poco::Net::HTTPServer> server;
  std::string url;

  Server(const std::string& key_and_cert_pem) {
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, key_and_cert_pem, key_and_cert_pem, "",
        Poco::Net::Context::VERIFY_NONE);
    Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
    url = "https://127.0.0.1:" + std::to_string(socket.address().port());
    server = std::make_unique<Poco::Net::HTTPServer>(new Factory(requests), socket,
                                                     new Poco::Net::HTTPServerParams);
    server->start();
  }
  ~Server() { server->stopAll(true); }
};

struct Pki {
  jamul::test::TempDir dir;
  std::unique_ptr<KeyAndCert> ca = makeCertificate("Test CA", nullptr, true);
  std::unique_ptr<KeyAndCert> other_ca = makeCertificate("Other CA", nullptr, true);
  std::unique_ptr<KeyAndCert> server = makeCertificate("127.0.0.1", ca.get(), false);
  // Signed by the same CA, for another host.
  std::unique_ptr<KeyAndCert> elsewhere =
      makeCertificate("other.example", ca.get(), false, "DNS:other.example");
  std::string elsewhere_pem = (dir.path() / "elsewhere.pem").string();
  std::string server_pem = (dir.path() / "server.pem").string();
  std::string ca_pem = (dir.path() / "ca.pem").string();
  std::string other_ca_pem = (dir.path() / "other-ca.pem").string();
  Pki() {
    writePem(server_pem, *server, true);
    writePem(ca_pem, *ca, false);
    writePem(other_ca_pem, *other_ca, false);
    writePem(elsewhere_pem, *elsewhere, true);
  }
};

HttpCall post() { return {"POST", "/api/v1/heartbeat", "{\"x\":1}", {{"Authorization", "Bearer t"}}}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(https_transport)

BOOST_AUTO_TEST_CASE(trust_on_first_use_then_only_that_certificate) {
  Pki pki;
  Server server(pki.server_pem);
  // Enrollment: whatever the console presents is recorded.
  auto presented = std::make_shared<PeerCertificate>();
  ConsolePin capture;
  capture.mode = ConsolePin::Mode::kCapture;
  auto t = makeHttpsTransport(server.url, capture, presented);
  BOOST_TEST_REQUIRE(t.ok());
  auto reply = (*t)->send(post());
  BOOST_TEST_REQUIRE(reply.ok(), (reply.ok() ? "" : reply.error().message()));
  BOOST_TEST(reply->status == 200);
  BOOST_TEST(reply->etag == "\"7\"");
  BOOST_TEST(reply->body == R"({"method":"POST","bytes":7,"auth":"Bearer t"})");
  BOOST_TEST(presented->sha256 == sha256Of(*pki.server));
  BOOST_TEST(presented->pem.find("BEGIN CERTIFICATE") != std::string::npos);

  // From then on: that certificate...
  ConsolePin pinned;
  pinned.mode = ConsolePin::Mode::kCertificate;
  pinned.certificate_sha256 = presented->sha256;
  auto again = makeHttpsTransport(server.url, pinned, nullptr);
  BOOST_TEST_REQUIRE(again.ok());
  auto get = (*again)->send({"GET", "/api/v1/policy", "", {}});
  BOOST_TEST_REQUIRE(get.ok());
  BOOST_TEST(get->status == 200);
  // ... and no other: refused before the request (and its token) is sent.
  const int before = server.requests.load();
  pinned.certificate_sha256 = std::string(64, '0');
  auto wrong = makeHttpsTransport(server.url, pinned, nullptr);
  BOOST_TEST_REQUIRE(wrong.ok());
  auto refused = (*wrong)->send(post());
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.error().code() == ErrorCode::kPermissionDenied));
  BOOST_TEST(server.requests.load() == before);
}

BOOST_AUTO_TEST_CASE(with_a_ca_the_chain_is_verified) {
  Pki pki;
  Server server(pki.server_pem);
  ConsolePin ca;
  ca.mode = ConsolePin::Mode::kCa;
  ca.ca_file = pki.ca_pem;
  auto presented = std::make_shared<PeerCertificate>();
  auto t = makeHttpsTransport(server.url, ca, presented);
  BOOST_TEST_REQUIRE(t.ok());
  auto reply = (*t)->send(post());
  BOOST_TEST_REQUIRE(reply.ok(), (reply.ok() ? "" : reply.error().message()));
  BOOST_TEST(reply->status == 200);
  BOOST_TEST(presented->sha256 == sha256Of(*pki.server));

  const int before = server.requests.load();
  ca.ca_file = pki.other_ca_pem;
  auto other = makeHttpsTransport(server.url, ca, nullptr);
  BOOST_TEST_REQUIRE(other.ok());
  auto refused = (*other)->send(post());
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST((refused.error().code() == ErrorCode::kPermissionDenied), refused.error().message());
  BOOST_TEST(server.requests.load() == before);

  // The right CA, but a certificate for another host name.
  Server impostor(pki.elsewhere_pem);
  ca.ca_file = pki.ca_pem;
  auto wrong_host = makeHttpsTransport(impostor.url, ca, nullptr);
  BOOST_TEST_REQUIRE(wrong_host.ok());
  auto refused_host = (*wrong_host)->send(post());
  BOOST_TEST_REQUIRE(!refused_host.ok());
  BOOST_TEST((refused_host.error().code() == ErrorCode::kPermissionDenied),
             refused_host.error().message());
  BOOST_TEST(impostor.requests.load() == 0);
}

BOOST_AUTO_TEST_CASE(no_console_and_bad_urls) {
  ConsolePin capture;
  capture.mode = ConsolePin::Mode::kCapture;
  BOOST_TEST(!makeHttpsTransport("http://127.0.0.1:1", capture, nullptr).ok());
  BOOST_TEST(!makeHttpsTransport("not a url", capture, nullptr).ok());
  // A port nobody listens on (a server started and stopped).
  std::string url;
  {
    Pki pki;
    Server server(pki.server_pem);
    url = server.url;
  }
  auto t = makeHttpsTransport(url, capture, nullptr);
  BOOST_TEST_REQUIRE(t.ok());
  auto reply = (*t)->send(post());
  BOOST_TEST_REQUIRE(!reply.ok());
  BOOST_TEST((reply.error().code() == ErrorCode::kUnavailable));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
