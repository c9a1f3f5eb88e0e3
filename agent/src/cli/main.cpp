// SPDX-License-Identifier: Apache-2.0
// `jamul`: the command-line tool (DESIGN.md §2). The composition root: it picks the subcommand and
// hands it the arguments; each command builds the objects it needs.

#include <clocale>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/terminal_text.h"
#include "jamul/scanner/rule.h"

namespace {

constexpr const char* kHelp =
    "Usage: jamul COMMAND [options]\n\n"
    "Finds personal data on this computer and keeps an inventory of it.\n\n"
    "Commands:\n"
    "  scan PATH...   find personal data in the files under PATH (see jamul scan --help)\n"
    "  extract FILE   print the text the scanner sees in FILE\n"
    "  rules          list the detection rules (--markdown: the full reference)\n"
    "  encrypt FILE...  encrypt files in place to FILE.age (--findings: what the scan found)\n"
    "  decrypt FILE.age...  decrypt back to the original names\n"
    "  recover PATH...  for IT: decrypt with the organisation recovery key\n"
    "  shred FILE...  delete files for good (완전삭제)\n"
    "  status         files with personal data, encrypted files, 암호화율\n"
    "  keys           this device's and the recovery public keys\n"
    "  agent VERB     talk to jamul-agent, the background service (see jamul agent --help)\n\n"
    "Options:\n"
    "  --help         show this help\n"
    "  --version      show the version\n";

}  // namespace

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args.front() == "--help" || args.front() == "-h" || args.front() == "help") {
    std::fputs(kHelp, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  if (args.front() == "--version") {
    std::printf("jamul %s (rules %s)\n", JAMUL_VERSION,
                std::string(jamul::scanner::kRulesetVersion).c_str());
    return 0;
  }
  const std::string command = args.front();
  const std::span<const std::string> rest(args.data() + 1, args.size() - 1);
  if (command == "scan") return jamul::cli::scanCommand(rest);
  if (command == "extract") return jamul::cli::extractCommand(rest);
  if (command == "rules") return jamul::cli::rulesCommand(rest);
  if (command == "encrypt") return jamul::cli::encryptCommand(rest);
  if (command == "decrypt") return jamul::cli::decryptCommand(rest);
  if (command == "recover") return jamul::cli::recoverCommand(rest);
  if (command == "shred") return jamul::cli::shredCommand(rest);
  if (command == "status") return jamul::cli::statusCommand(rest);
  if (command == "keys") return jamul::cli::keysCommand(rest);
  if (command == "agent") return jamul::cli::agentCommand(rest);
  const std::string shown = jamul::cli::printableText(command);
  std::fprintf(stderr, "jamul: unknown command '%s' (see jamul --help)\n", shown.c_str());
  return 2;
}
