// SPDX-License-Identifier: Apache-2.0
#pragma once

// `jamul-console --data-dir DIR --listen HOST:PORT …`: prepares the data directory (first start:
// certificate, signing key, enrollment secret, the first admin), opens the database, serves until
// SIGTERM or SIGINT, then stops cleanly (requests in flight finish; every acknowledged report is
// already committed).
//
// stdout, one line each (scripts and tests parse these prefixes):
//   jamul-console: listening on https://HOST:PORT
//   jamul-console: certificate sha256 HEX
//   jamul-console: enrollment secret: S                          (first start only)
//   jamul-console: admin user admin, one-time password: P        (first start only)
// Logs go to stderr and never hold a token, a password or a reported value.
//
// REQUIRES: SIGTERM and SIGINT blocked in every thread (main() blocks them before any thread
// starts), so that this thread can wait for them.
//
// Thread-safety: runs once per process.

#include <iosfwd>

#include "cli/options.h"

namespace jamul::console {

int runServer(const CommandLine& command_line, std::ostream& out, std::ostream& err);

}  // namespace jamul::console
