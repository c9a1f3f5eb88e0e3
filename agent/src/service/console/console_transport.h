// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleTransport: one HTTP exchange with the console, the seam between the console link's logic
// (console_link.h) and the network (https_transport.h, Poco NetSSL), so that the logic is tested
// without sockets. A transport is bound to one console URL and one way of trusting it.
//
// Thread-safety: one thread uses a transport.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::agent {

struct HttpCall {
  std::string method;  // GET | POST
  std::string path;    // /api/v1/...
  std::string body;    // JSON (POST)
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpReply {
  int status = 0;
  std::string body;
  std::string etag;
};

class ConsoleTransport {
 public:
  virtual ~ConsoleTransport() = default;
  // The console's reply, whatever its status. Fails with kUnavailable (no connection, a timeout),
  // kPermissionDenied (the console's certificate is not the pinned one, or does not verify against
  // the pinned CA).
  virtual Result<HttpReply> send(const HttpCall& call) = 0;
};

// How the agent trusts its console (docs/console-api.md "Transport").
struct ConsolePin {
  enum class Mode { kCapture, kCertificate, kCa };
  // kCapture: at enrollment, trust on first use: accept the certificate presented and record it.
  // kCertificate: accept only the certificate whose SHA-256 (of its DER, lower-case hex) is this.
  // kCa: verify the chain against the CA certificate(s) in `ca_file`, and the host name.
  Mode mode = Mode::kCertificate;
  std::string certificate_sha256;
  std::string ca_file;
};

// What the console presented (kCapture, and for the enroll reply's certificate_sha256).
struct PeerCertificate {
  std::string pem;
  std::string sha256;
};

// Makes the transport for `url` (https://host[:port]). The factory is the console link's seam.
using TransportFactory = std::function<Result<std::unique_ptr<ConsoleTransport>>(
    const std::string& url, const ConsolePin& pin, std::shared_ptr<PeerCertificate> presented)>;

}  // namespace jamul::agent
