// SPDX-License-Identifier: Apache-2.0
#pragma once

// The `jamul` subcommands. Each takes its arguments (after the subcommand name) and returns the
// process exit status; each prints its own help for --help. main.cpp dispatches.

#include <span>
#include <string>
#include <string_view>

namespace jamul::cli {

// `jamul scan PATH... [--json] [--db FILE] [--min-confidence L] [--exclude GLOB] [--threads N] ...`
int scanCommand(std::span<const std::string> args);
// `jamul extract FILE`: the text the scanner sees.
int extractCommand(std::span<const std::string> args);
// `jamul rules [--markdown]`: the detection rules (docs/detection-rules.md is this command's
// output).
int rulesCommand(std::span<const std::string> args);
// In-place protection (DESIGN.md §5), one file each: `jamul encrypt FILE... | --findings`,
// `decrypt FILE.age...`, `recover --identity KEY PATH...`, `shred FILE...`, `status`, `keys`.
int encryptCommand(std::span<const std::string> args);
int decryptCommand(std::span<const std::string> args);
int recoverCommand(std::span<const std::string> args);
int shredCommand(std::span<const std::string> args);
int statusCommand(std::span<const std::string> args);
int keysCommand(std::span<const std::string> args);
// `jamul agent status|scan|pause|resume|findings|encrypt|decrypt|shred`: a client of jamul-agent's
// local API (agent_client.h).
int agentCommand(std::span<const std::string> args);

}  // namespace jamul::cli
