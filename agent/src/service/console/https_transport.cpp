// SPDX-License-Identifier: Apache-2.0
#include "service/console/https_transport.h"

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/X509Certificate.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <mutex>
#include <sstream>

namespace jamul::agent {
namespace {

const Poco::Timespan kConnectTimeout(10, 0);
const Poco::Timespan kReadTimeout(30, 0);
constexpr std::size_t kMaxReplyBytes = std::size_t{8} << 20;

// Poco's SSLManager consults its invalid-certificate handler when a verification fails; without
// one it would look for an application configuration. Reject, never ask.
void initialiseSsl() {
  static std::once_flag once;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::TLS_CLIENT_USE, "", "", "", Poco::Net::Context::VERIFY_RELAXED, 9,
        false, "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH");
    Poco::Net::SSLManager::InvalidCertificateHandlerPtr reject(
        new Poco::Net::RejectCertificateHandler(false));
    Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
  });
}

// HTTPSClientSession with its connection opened on demand: Poco 1.11 refuses a session over a
// socket already connected, and only the protected connect() opens it without a request.
class PinnedSession final : public Poco::Net::HTTPSClientSession {
 public:
  using HTTPSClientSession::HTTPSClientSession;
  void open() { connect(Poco::Net::SocketAddress(getHost(), getPort())); }
};

class HttpsTransport final : public ConsoleTransport {
 public:
  HttpsTransport(std::string host, Poco::UInt16 port, ConsolePin pin,
                 std::shared_ptr<PeerCertificate> presented)
      : host_(std::move(host)), port_(port), pin_(std::move(pin)),
        presented_(std::move(presented)) {}

  Result<HttpReply> send(const HttpCall& call) override {
    try {
      return exchange(call);
    } catch (const Poco::Net::SSLException& e) {
      return Error(ErrorCode::kPermissionDenied,
                   "TLS with the console failed: " + e.displayText());
    } catch (const Poco::TimeoutException& e) {
      return Error(ErrorCode::kUnavailable, "the console did not answer in time");
    } catch (const Poco::Exception& e) {
      return Error(ErrorCode::kUnavailable, "cannot reach the console: " + e.displayText());
    } catch (const std::exception& e) {
      return Error(ErrorCode::kUnavailable, std::string("cannot reach the console: ") + e.what());
    }
  }

 private:
  Result<HttpReply> exchange(const HttpCall& call) {
    Poco::Net::Context::Ptr context;
    if (pin_.mode == ConsolePin::Mode::kCa) {
      context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", pin_.ca_file,
                                       Poco::Net::Context::VERIFY_RELAXED, 9, false,
                                       "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH");
    } else {
      // The pin is checked by hand below, against the exact certificate.
      context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                       Poco::Net::Context::VERIFY_NONE, 9, false,
                                       "ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH");
    }
    context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                              Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    // Connected (and the TLS handshake done) before the request is written, so that the pin is
    // checked before the console sees a byte of it.
    PinnedSession session(host_, port_, context);
    session.setTimeout(kConnectTimeout, kReadTimeout, kReadTimeout);
    session.setKeepAlive(false);
    session.open();
    const Poco::Net::X509Certificate peer = session.serverCertificate();
    const std::string sha256 = Poco::DigestEngine::digestToHex(peer.fingerprint("SHA256"));
    // With a CA, OpenSSL verified the chain in the handshake (a failure ends it); the host name
    // is checked here.
    if (pin_.mode == ConsolePin::Mode::kCa && !peer.verify(host_))
      return Error(ErrorCode::kPermissionDenied,
                   "the console's certificate is not for " + host_);
    if (pin_.mode == ConsolePin::Mode::kCertificate && sha256 != pin_.certificate_sha256)
      return Error(ErrorCode::kPermissionDenied,
                   "the console presented another certificate than the one pinned at enrollment "
                   "(SHA-256 " + sha256 + ")");
    if (presented_) {
      std::ostringstream pem;
      peer.save(pem);
      presented_->pem = pem.str();
      presented_->sha256 = sha256;
    }

    Poco::Net::HTTPRequest request(call.method, call.path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setHost(host_, port_);
    for (const auto& [name, value] : call.headers) request.set(name, value);
    if (call.method == Poco::Net::HTTPRequest::HTTP_POST) {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(call.body.size()));
      session.sendRequest(request) << call.body;
    } else {
      session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpReply reply;
    reply.status = static_cast<int>(response.getStatus());
    reply.etag = response.get("ETag", "");
    char buffer[16384];
    while (in) {
      in.read(buffer, sizeof buffer);
      reply.body.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (reply.body.size() > kMaxReplyBytes)
        return Error(ErrorCode::kTooLarge, "the console's reply is too large");
    }
    return reply;
  }

  std::string host_;
  Poco::UInt16 port_;
  ConsolePin pin_;
  std::shared_ptr<PeerCertificate> presented_;
};

}  // namespace

Result<std::unique_ptr<ConsoleTransport>> makeHttpsTransport(
    const std::string& url, const ConsolePin& pin, std::shared_ptr<PeerCertificate> presented) {
  initialiseSsl();
  std::string host;
  Poco::UInt16 port = 443;
  try {
    const Poco::URI uri(url);
    if (uri.getScheme() != "https" || uri.getHost().empty())
      return Error(ErrorCode::kInvalidArgument, "the console URL must be https://host[:port]",
                   url);
    host = uri.getHost();
    port = uri.getPort();
  } catch (const Poco::Exception& e) {
    return Error(ErrorCode::kInvalidArgument, "not a console URL: " + e.displayText(), url);
  }
  return std::unique_ptr<ConsoleTransport>(
      new HttpsTransport(std::move(host), port, pin, std::move(presented)));
}

}  // namespace jamul::agent
