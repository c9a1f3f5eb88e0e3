// SPDX-License-Identifier: Apache-2.0
#include "cli/serve_command.h"

#include <sys/stat.h>

#include <csignal>
#include <ctime>
#include <iostream>
#include <mutex>

#include "http/console_server.h"
#include "jamul/crypto/credentials.h"
#include "jamul/crypto/signing_key.h"
#include "service/console_context.h"
#include "setup/console_home.h"

namespace jamul::console {
namespace {

LogFn stderrLog(std::ostream& err) {
  auto mutex = std::make_shared<std::mutex>();
  return [&err, mutex](const std::string& message) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::lock_guard lock(*mutex);
    err << stamp << " jamul-console: " << message << std::endl;
  };
}

// The first admin, when there is none: `admin` with a one-time password, printed once.
Result<std::string> ensureFirstAdmin(Store& store) {
  JAMUL_ASSIGN_OR_RETURN(bool has_admins, store.hasAdmins());
  if (has_admins) return std::string();
  const std::string password = crypto::randomToken(12);
  JAMUL_ASSIGN_OR_RETURN(std::string hash, crypto::hashPassword(password));
  JAMUL_RETURN_IF_ERROR(store.setPassword("admin", hash, true, systemNowMs(), "console:first-start"));
  return password;
}

std::string urlHost(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

int failed(std::ostream& err, const std::string& what, const Error& error) {
  err << "jamul-console: " << what << ": " << error.toString() << std::endl;
  return 1;
}

}  // namespace

int runServer(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  LogFn log = stderrLog(err);
  // Everything the console writes (database, WAL, keys) is its own alone.
  ::umask(077);
  auto home = prepareHome({cl.data_dir, cl.cert_file, cl.key_file, cl.database_url});
  if (!home) return failed(err, "data directory", home.error());
  // Most requests hold a connection briefly; PostgreSQL's default allows 100 connections in all.
  auto store = Store::open(DbConfig{home->database_url, home->sqlite_path, 32});
  if (!store) return failed(err, "database", store.error());
  auto key = crypto::SigningKey::loadOrCreate(home->signing_key_path);
  if (!key) return failed(err, "policy-signing key", key.error());
  auto first_password = ensureFirstAdmin(**store);
  if (!first_password) return failed(err, "first admin", first_password.error());

  ConsoleContext context{**store, *key, home->enrollment_secret, ConsoleSettings{}, systemNowMs};
  context.settings.token_max_age_ms = cl.token_max_age_seconds * 1000;
  ServerOptions options;
  options.host = cl.listen_host;
  options.port = cl.listen_port;
  options.cert_file = home->cert_file;
  options.key_file = home->key_file;
  options.max_threads = cl.threads;
  auto server = ConsoleServer::start(context, options, log);
  if (!server) return failed(err, "server", server.error());

  out << "jamul-console: listening on https://" << urlHost(cl.listen_host) << ":" << (*server)->port()
      << "\n";
  out << "jamul-console: certificate sha256 " << home->certificate_sha256 << "\n";
  if (home->first_start) out << "jamul-console: enrollment secret: " << home->enrollment_secret << "\n";
  if (!first_password->empty()) {
    out << "jamul-console: admin user admin, one-time password: " << *first_password << "\n";
  }
  out.flush();
  log(std::string("serving on ") + ((*store)->dialect() == Dialect::kSqlite ? "SQLite" : "PostgreSQL"));

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  int received = 0;
  sigwait(&signals, &received);
  log(std::string("stopping on ") + (received == SIGINT ? "SIGINT" : "SIGTERM"));
  (*server)->stop();
  log("stopped");
  return 0;
}

}  // namespace jamul::console
