// SPDX-License-Identifier: Apache-2.0
// jamul-agent: the unattended service (issue 15). A Poco ServerApplication: a daemon on Linux
// (systemd runs it with --foreground, Type=simple), a Windows service later.
//
//   jamul-agent [--foreground] [--config FILE] [--pidfile FILE]
//
// Order of start: lowest CPU and I/O priority (before any thread exists: Linux priorities are per
// thread and inherited), signals blocked in every thread (one thread takes them with sigwait), the
// log, the config, the Agent (inventory, journal recovery, policy, threads), then the local API
// socket. SIGTERM/SIGINT stop within about 5 s; SIGHUP reads the policy again.

#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/SyslogChannel.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include "platform/process_control.h"
#include "service/agent.h"
#include "service/agent_config.h"
#include "service/local_api_server.h"
#include "service/service_log.h"

#ifndef JAMUL_VERSION
#define JAMUL_VERSION "0.0.0"
#endif

namespace jamul::agent {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

constexpr int kExitConfig = 78;  // EX_CONFIG: systemd does not restart in a loop on a bad config

Poco::Message::Priority priorityOf(ServiceLog::Level level) {
  switch (level) {
    case ServiceLog::Level::kError: return Poco::Message::PRIO_ERROR;
    case ServiceLog::Level::kWarning: return Poco::Message::PRIO_WARNING;
    case ServiceLog::Level::kNotice: return Poco::Message::PRIO_NOTICE;
    case ServiceLog::Level::kInformation: return Poco::Message::PRIO_INFORMATION;
    case ServiceLog::Level::kDebug: return Poco::Message::PRIO_DEBUG;
  }
  return Poco::Message::PRIO_INFORMATION;
}

class AgentApplication final : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "show this help and exit"));
    options.addOption(Option("version", "", "print the version and exit"));
    options.addOption(Option("foreground", "", "run in the terminal (no daemon); logs to the "
                                               "terminal when standard error is one"));
    options.addOption(Option("config", "c", "the agent's config file (default " +
                                                std::string(kDefaultConfigPath) + ")")
                          .argument("FILE"));
  }

  void handleOption(const std::string& name, const std::string& value) override {
    ServerApplication::handleOption(name, value);
    if (name == "help") {
      Poco::Util::HelpFormatter help(options());
      help.setCommand("jamul-agent");
      help.setUsage("[--foreground] [--config FILE]");
      help.setHeader("Jamul's background service: scans on a schedule and when removable media "
                     "are plugged in, applies the policy, and serves the local API.");
      help.format(std::cout);
      exit_now_ = true;
      stopOptionsProcessing();
    } else if (name == "version") {
      std::printf("jamul-agent %s\n", JAMUL_VERSION);
      exit_now_ = true;
      stopOptionsProcessing();
    } else if (name == "foreground") {
      foreground_ = true;
    } else if (name == "config") {
      config_path_ = value;
      config_named_ = true;
    }
  }

  int main(const std::vector<std::string>& /*args*/) override {
    if (exit_now_) return EXIT_OK;
    // Everything below, threads included, inherits these.
    const Status priority = lowerPriority();
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGTERM, SIGINT, SIGHUP, SIGQUIT}) sigaddset(&signals, s);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    auto config = loadAgentConfig(config_path_, config_named_);
    if (!config) {
      std::fprintf(stderr, "jamul-agent: %s\n", config.error().toString().c_str());
      return kExitConfig;
    }
    Poco::Logger& logger =
        makeLogger(config->log == AgentConfig::Log::kConsole || (foreground_ && isatty(2) == 1));
    const ServiceLog log([&logger](ServiceLog::Level level, const std::string& text) {
      logger.log(Poco::Message("jamul-agent", text, priorityOf(level)));
    });
    if (!priority) log.warning("running at normal priority: " + priority.error().toString());

    Agent::Options options;
    options.config = *config;
    options.config_path = config_named_ || ::access(config_path_.c_str(), R_OK) == 0
                              ? config_path_
                              : std::string();
    options.log = log;
    options.version = JAMUL_VERSION;
    auto agent = Agent::start(std::move(options));
    if (!agent) {
      log.error("cannot start: " + agent.error().toString());
      return EXIT_SOFTWARE;
    }
    auto server = LocalApiServer::start(config->socket, **agent, log);
    if (!server) {
      log.error("cannot listen on " + config->socket + ": " + server.error().toString());
      const bool clean = (*agent)->stop();
      if (!clean) std::_Exit(EXIT_SOFTWARE);
      return EXIT_SOFTWARE;
    }
    log.notice("jamul-agent " + std::string(JAMUL_VERSION) + " started; data in " +
               config->data_dir + ", local API on " + config->socket);

    for (;;) {
      int sig = 0;
      if (sigwait(&signals, &sig) != 0) continue;
      if (sig == SIGHUP) {
        log.notice("SIGHUP: reading the policy again");
        (void)(*agent)->reloadPolicy();
        continue;
      }
      log.notice(std::string("stopping (") + (sig == SIGTERM ? "SIGTERM" : "signal") + ")");
      break;
    }
    // The socket first (no new requests; open connections closed), then the agent's threads
    // (which also answers requests still waiting for an action), then the connections' threads;
    // within about 5 s in all.
    (void)(*server)->stop(std::chrono::milliseconds(100));
    bool clean = (*agent)->stop();
    clean = (*server)->stop(std::chrono::milliseconds(500)) && clean;
    if (!clean) {
      // A thread is still in the middle of a file: the journal finishes or rolls it back at the
      // next start. Ending here (rather than waiting) keeps the stop within systemd's patience.
      log.notice("exiting with work cut short; it is picked up at the next start");
      std::fflush(nullptr);
      std::_Exit(EXIT_OK);
    }
    server->reset();
    agent->reset();
    return EXIT_OK;
  }

 private:
  Poco::Logger& makeLogger(bool console) {
    Poco::AutoPtr<Poco::Channel> channel;
    if (console) {
      Poco::AutoPtr<Poco::PatternFormatter> format(
          new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S %p: %t"));
      channel = new Poco::FormattingChannel(format, new Poco::ConsoleChannel(std::cerr));
    } else {
      Poco::AutoPtr<Poco::SyslogChannel> syslog(new Poco::SyslogChannel(
          "jamul-agent", Poco::SyslogChannel::SYSLOG_PID, Poco::SyslogChannel::SYSLOG_DAEMON));
      channel = syslog;
    }
    Poco::Logger& logger = Poco::Logger::get("jamul-agent");
    logger.setChannel(channel);
    logger.setLevel(Poco::Message::PRIO_INFORMATION);
    return logger;
  }

  std::string config_path_{kDefaultConfigPath};
  bool config_named_ = false;
  bool foreground_ = false;
  bool exit_now_ = false;
};

}  // namespace
}  // namespace jamul::agent

int main(int argc, char** argv) {
  // Without --foreground the agent becomes a daemon: Poco's ServerApplication does that when it
  // sees --daemon.
  std::vector<std::string> args(argv, argv + argc);
  bool foreground = false, info_only = false;
  for (const std::string& a : args) {
    foreground |= a == "--foreground";
    info_only |= a == "--help" || a == "-h" || a == "--version";
  }
  if (!foreground && !info_only) args.emplace_back("--daemon");
  std::vector<char*> argv2;
  for (std::string& a : args) argv2.push_back(a.data());
  argv2.push_back(nullptr);
  jamul::agent::AgentApplication app;
  return app.run(static_cast<int>(args.size()), argv2.data());
}
