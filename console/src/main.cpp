// SPDX-License-Identifier: Apache-2.0
// jamul-console: the composition root. Parses the command line and runs the server or an admin
// verb (cli/). SIGTERM and SIGINT are blocked before any thread starts, so that the server's
// main thread alone receives them (sigwait) and stops cleanly.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "cli/admin_command.h"
#include "cli/options.h"
#include "cli/serve_command.h"

#ifndef JAMUL_VERSION
#define JAMUL_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::vector<std::string> args(argv + 1, argv + argc);
  auto cl = jamul::console::parseCommandLine(args);
  if (!cl) {
    std::cerr << "jamul-console: " << cl.error().message() << "\n" << jamul::console::usageText();
    return 2;
  }
  using Mode = jamul::console::CommandLine::Mode;
  switch (cl->mode) {
    case Mode::kHelp:
      std::cout << jamul::console::usageText();
      return 0;
    case Mode::kVersion:
      std::cout << "jamul-console " << JAMUL_VERSION << "\n";
      return 0;
    case Mode::kAdmin:
      // The admin CLI must be stoppable with ^C.
      pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
      return jamul::console::runAdminCommand(cl->data_dir, cl->admin_args, std::cout, std::cerr);
    case Mode::kServe:
      return jamul::console::runServer(*cl, std::cout, std::cerr);
  }
  return 2;
}
