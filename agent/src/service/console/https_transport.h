// SPDX-License-Identifier: Apache-2.0
#pragma once

// The console link's HTTPS transport: Poco NetSSL's HTTPSClientSession over a socket whose TLS
// handshake is completed, and the peer's certificate checked against the pin, BEFORE a byte of the
// request is sent (a wrong console never sees the agent's token). TLS 1.2 or later; connect and
// read time out (10 s, 30 s).
//
// Thread-safety: one thread uses a transport; makeHttpsTransport may be called from any thread.

#include <memory>
#include <string>

#include "service/console/console_transport.h"

namespace jamul::agent {

// kInvalidArgument for a URL that is not https://host[:port].
Result<std::unique_ptr<ConsoleTransport>> makeHttpsTransport(
    const std::string& url, const ConsolePin& pin, std::shared_ptr<PeerCertificate> presented);

}  // namespace jamul::agent
