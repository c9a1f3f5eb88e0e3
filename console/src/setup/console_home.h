// SPDX-License-Identifier: Apache-2.0
#pragma once

// ConsoleHome: the console's data directory (mode 0700) and what its first start puts there.
//
//   DIR/console.conf          what the command line chose and later runs reuse: database=URL,
//                             cert=FILE, key=FILE (one key=value a line)
//   DIR/console.db            the SQLite database (when no --database)
//   DIR/tls/console.crt|key   the self-signed certificate (when no --cert/--key)
//   DIR/policy-signing.key    the Ed25519 policy-signing key (crypto::SigningKey)
//   DIR/enrollment.secret     the secret agents enroll with (mode 0600)
//
// prepareHome() is the server's: it creates what is missing and says whether this was the first
// start (the caller then creates the first admin and prints the secret). openHome() is the admin
// CLI's: it reads an existing directory and creates nothing.
//
// Thread-safety: functions over files; call at start.

#include <string>

#include "jamul/common/result.h"

namespace jamul::console {

struct HomeOptions {
  std::string data_dir;
  std::string cert_file;     // empty: console.conf's, else the self-signed one
  std::string key_file;
  std::string database_url;  // empty: console.conf's, else SQLite
};

struct ConsoleHome {
  std::string data_dir;
  std::string cert_file;
  std::string key_file;
  std::string database_url;  // empty: SQLite in sqlite_path
  std::string sqlite_path;
  std::string signing_key_path;
  std::string enrollment_secret;
  std::string certificate_sha256;
  bool first_start = false;
};

// kInvalidArgument (a --cert without --key, a data dir that is a file), kIo, OpenSSL failures.
Result<ConsoleHome> prepareHome(const HomeOptions& options);
// kNotFound when DIR holds no console (no enrollment secret).
Result<ConsoleHome> openHome(const std::string& data_dir);

}  // namespace jamul::console
