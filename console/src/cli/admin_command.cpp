// SPDX-License-Identifier: Apache-2.0
#include "cli/admin_command.h"

#include <pwd.h>
#include <unistd.h>

#include <iostream>
#include <limits>
#include <optional>

#include "jamul/crypto/credentials.h"
#include "jamul/crypto/signing_key.h"
#include "service/console_context.h"
#include "service/policy_service.h"
#include "service/record_json.h"
#include "setup/console_home.h"
#include "setup/files.h"

namespace jamul::console {
namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

struct Env {
  ConsoleHome home;
  std::unique_ptr<Store> store;
  std::string actor;
  std::ostream& out;
  std::ostream& err;
};

std::string loginName() {
  if (const passwd* pw = getpwuid(getuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  return std::to_string(getuid());
}

int fail(Env& env, const Error& error) {
  env.err << "jamul-console admin: " << error.toString() << "\n";
  return kFailed;
}

int usage(std::ostream& err, const std::string& message) {
  err << "jamul-console admin: " << message << "\n";
  return kUsage;
}

std::optional<std::int64_t> parseId(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v == 0 ? std::nullopt : std::optional<std::int64_t>(v);
}

// The value after `flag` in args, if any.
std::optional<std::string> flagValue(const std::vector<std::string>& args, const std::string& flag) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == flag) return args[i + 1];
  }
  return std::nullopt;
}

bool hasFlag(const std::vector<std::string>& args, const std::string& flag) {
  for (const auto& a : args) {
    if (a == flag) return true;
  }
  return false;
}

int agentsVerb(Env& env, const std::vector<std::string>& args) {
  const bool json = hasFlag(args, "--json");
  AgentQuery query;
  query.limit = 1000;
  for (;;) {
    auto page = env.store->agents(query);
    if (!page) return fail(env, page.error());
    for (const AgentRecord& a : page->first) {
      if (json) {
        env.out << agentLineJson(a) << "\n";
      } else {
        env.out << a.id << "\t" << a.state << "\t" << a.host << "\t" << a.user << "\t"
                << a.department << "\t" << a.version << "\tpolicy " << a.policy_version << "\n";
      }
    }
    if (page->first.size() < static_cast<std::size_t>(query.limit)) break;
    query.offset += query.limit;
  }
  return kOk;
}

int findingsVerb(Env& env) {
  auto findings = env.store->agentFindings();
  if (!findings) return fail(env, findings.error());
  for (const AgentFindings& f : *findings) env.out << agentFindingsJson(f) << "\n";
  return kOk;
}

int policyVerb(Env& env, const std::vector<std::string>& args) {
  if (args.size() < 3 || args[1] != "set") return usage(env.err, "usage: policy set FILE [--group G]");
  const std::string group = flagValue(args, "--group").value_or("default");
  auto text = readWholeFile(args[2]);
  if (!text) return fail(env, text.error());
  auto key = crypto::SigningKey::loadOrCreate(env.home.signing_key_path);
  if (!key) return fail(env, key.error());
  auto version = setGroupPolicy(*env.store, *key, group, *text, systemNowMs(), env.actor);
  if (!version) return fail(env, version.error());
  env.out << *version << "\n";
  return kOk;
}

int exceptionsVerb(Env& env, const std::vector<std::string>& args) {
  // All of them, in one read (one snapshot: a decision made meanwhile neither hides nor repeats
  // a line, as paging would); scripts rely on the whole queue.
  ExceptionQuery query{flagValue(args, "--state").value_or(""), 0,
                       std::numeric_limits<std::int64_t>::max()};
  auto page = env.store->exceptions(query);
  if (!page) return fail(env, page.error());
  const bool json = hasFlag(args, "--json");
  for (const ExceptionRecord& e : page->first) {
    if (json) {
      env.out << exceptionJson(e) << "\n";
    } else {
      env.out << e.id << "\t" << e.state << "\tagent " << e.agent << "\t" << e.host << "\t"
              << e.path << "\t" << e.days << " days\n";
    }
  }
  return kOk;
}

int decideVerb(Env& env, const std::vector<std::string>& args, bool approve) {
  auto id = args.size() >= 2 ? parseId(args[1]) : std::nullopt;
  if (!id) return usage(env.err, approve ? "usage: approve ID [--days N]" : "usage: deny ID");
  std::optional<std::int64_t> days;
  if (auto d = flagValue(args, "--days")) {
    days = parseId(*d);
    if (!days || *days > 3650) return usage(env.err, "--days: 1 to 3650");
  }
  auto record = env.store->decide(*id, approve, days, systemNowMs(), env.actor);
  if (!record) return fail(env, record.error());
  env.out << exceptionJson(*record) << "\n";
  return kOk;
}

int revokeVerb(Env& env, const std::vector<std::string>& args) {
  auto id = args.size() >= 2 ? parseId(args[1]) : std::nullopt;
  if (!id) return usage(env.err, "usage: revoke ID");
  if (auto s = env.store->revoke(*id, systemNowMs(), env.actor); !s) return fail(env, s.error());
  env.out << "agent " << *id << " revoked\n";
  return kOk;
}

int passwdVerb(Env& env, const std::vector<std::string>& args) {
  if (args.size() < 2 || args[1].empty() || args[1].size() > 128) {
    return usage(env.err, "usage: passwd USER");
  }
  const std::string password = crypto::randomToken(12);
  auto hash = crypto::hashPassword(password);
  if (!hash) return fail(env, hash.error());
  if (auto s = env.store->setPassword(args[1], *hash, true, systemNowMs(), env.actor); !s) {
    return fail(env, s.error());
  }
  env.out << "jamul-console: admin user " << args[1] << ", one-time password: " << password << "\n";
  return kOk;
}

int exportVerb(Env& env) {
  auto rows = env.store->exportRows();
  if (!rows) return fail(env, rows.error());
  env.out << exportCsv(*rows);
  return kOk;
}

int dispatch(Env& env, const std::vector<std::string>& args) {
  const std::string& verb = args[0];
  if (verb == "agents") return agentsVerb(env, args);
  if (verb == "findings") return findingsVerb(env);
  if (verb == "policy") return policyVerb(env, args);
  if (verb == "revoke") return revokeVerb(env, args);
  if (verb == "exceptions") return exceptionsVerb(env, args);
  if (verb == "approve") return decideVerb(env, args, true);
  if (verb == "deny") return decideVerb(env, args, false);
  if (verb == "passwd") return passwdVerb(env, args);
  if (verb == "export") return exportVerb(env);
  return usage(env.err, "unknown verb: " + verb);
}

}  // namespace

int runAdminCommand(const std::string& data_dir, const std::vector<std::string>& args,
                    std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage(err, "which verb?");
  auto home = openHome(data_dir);
  if (!home) {
    err << "jamul-console admin: " << home.error().toString() << "\n";
    return kFailed;
  }
  // Verbs that need no database.
  if (args[0] == "enroll-secret") {
    out << home->enrollment_secret << "\n";
    return kOk;
  }
  if (args[0] == "fingerprint") {
    if (home->certificate_sha256.empty()) {
      err << "jamul-console admin: cannot read the certificate " << home->cert_file << "\n";
      return kFailed;
    }
    out << home->certificate_sha256 << "\n";
    return kOk;
  }
  auto store = Store::open(DbConfig{home->database_url, home->sqlite_path, 2});
  if (!store) {
    err << "jamul-console admin: " << store.error().toString() << "\n";
    return kFailed;
  }
  Env env{*home, std::move(*store), "cli:" + loginName(), out, err};
  return dispatch(env, args);
}

}  // namespace jamul::console
