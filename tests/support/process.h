// SPDX-License-Identifier: Apache-2.0
#pragma once

// runProcess(): runs a program with arguments, captures standard output and error, and returns its
// exit status. For integration tests that drive the real binaries. Optionally drops privileges to
// another uid/gid in the child first (tests run as root, which ignores file permissions).

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace jamul::test {

struct ProcessResult {
  int exit_code = -1;  // -1 if it did not exit normally
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::vector<std::string> env;       // extra VAR=value entries
  std::optional<uid_t> uid;           // setuid to this user in the child
  std::optional<gid_t> gid;
  std::string stdin_data;
};

ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

// $JAMUL_BINARY_DIR/agent/jamul, the CLI under test.
std::string jamulBinary();

}  // namespace jamul::test
