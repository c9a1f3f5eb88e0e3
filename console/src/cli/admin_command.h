// SPDX-License-Identifier: Apache-2.0
#pragma once

// `jamul-console admin --data-dir DIR VERB`: the scriptable admin interface. It opens the data
// directory and database the server uses (console.conf says which), so it works while the server
// runs; every change is audited as "cli:<login name>".
//
//   enroll-secret                 the secret agents enroll with
//   agents [--json]               a line per agent
//   findings --json               {"agent":ID,"counts":{rule:n}} per enrolled agent: its files'
//                                 findings that are not encrypted
//   policy set FILE [--group G]   validates, signs and assigns; prints the new version
//   revoke ID
//   exceptions [--json] [--state pending|approved|denied]
//   approve ID [--days N] | deny ID
//   export --csv                  the figures agencies submit (UTF-8 with BOM)
//   fingerprint                   the certificate's SHA-256
//   passwd USER                   a new one-time password (creates the user)
//
// Returns the exit code: 0 done, 1 failed (one line on `err`), 2 usage.
//
// Thread-safety: a command runs once per process.

#include <iosfwd>
#include <string>
#include <vector>

namespace jamul::console {

int runAdminCommand(const std::string& data_dir, const std::vector<std::string>& args,
                    std::ostream& out, std::ostream& err);

}  // namespace jamul::console
