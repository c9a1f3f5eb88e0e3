// SPDX-License-Identifier: Apache-2.0
#pragma once

// The jamul-console command line:
//
//   jamul-console --data-dir DIR [--listen HOST:PORT] [--cert FILE --key FILE]
//                 [--database postgresql://USER[:PASS]@HOST[:PORT]/DB] [--threads N]
//                 [--token-max-age SECONDS]
//   jamul-console admin --data-dir DIR VERB [ARGS]
//   jamul-console --help | --version
//
// parseCommandLine() only reads; it checks forms (a port is 1-65535, a number is a number) and
// leaves meaning to the commands. Errors are kInvalidArgument with a one-line message for stderr
// (exit 2).
//
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::console {

struct CommandLine {
  enum class Mode { kServe, kAdmin, kHelp, kVersion } mode = Mode::kServe;
  std::string data_dir;
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8443;
  std::string cert_file;
  std::string key_file;
  std::string database_url;
  int threads = 512;  // HTTP worker threads: each holds a connection while it is kept alive
  std::int64_t token_max_age_seconds = 24 * 3600;
  std::vector<std::string> admin_args;  // the verb and its arguments
};

Result<CommandLine> parseCommandLine(const std::vector<std::string>& args);

// "HOST:PORT" or "[V6]:PORT".
Status parseListen(const std::string& text, std::string& host, std::uint16_t& port);

std::string usageText();

}  // namespace jamul::console
