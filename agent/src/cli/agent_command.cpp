// SPDX-License-Identifier: Apache-2.0
// `jamul agent VERB`: the CLI as a client of jamul-agent's local API (docs/local-api.md), as
// `tailscale status` is of tailscaled. The agent decides what the caller may see and do (by the
// identity the OS gives for the socket): a user sees and acts on their own files only.
//
//   jamul agent status [--json]      state, scan progress, last scan, governor, volumes, policy
//   jamul agent scan [--wait]        scan the policy's folders now (--wait: until it is done)
//   jamul agent pause | resume
//   jamul agent findings [--json] [--min-confidence L] [--encrypted]   my files with personal data
//   jamul agent encrypt|decrypt|shred FILE...
//   jamul agent history [--json] [--since-ms MS]   what was encrypted, decrypted, shredded
//   jamul agent exceptions [--json]                my exception requests
//   jamul agent enroll URL --secret S [--ca FILE] [--department D]   (root) join a console
//   jamul agent sync                               (root) heartbeat, policy, reports now
// Every verb takes --socket PATH (or $JAMUL_AGENT_SOCKET; default /run/jamul/agent.sock).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/arg_parser.h"
#include "cli/commands.h"
#include "cli/messages.h"
#include "cli/terminal_text.h"
#include "jamul/agent/agent_client.h"
#include "jamul/scanner/rule.h"

namespace jamul::cli {
namespace {

using protocol::JsonValue;
using protocol::LocalOp;

constexpr OptionSpec kAgentOptions[] = {
    {"socket", "PATH", "the agent's socket (default: $JAMUL_AGENT_SOCKET or /run/jamul/agent.sock)"},
    {"json", "", "status, findings, history, exceptions: print JSON (one line per item)"},
    {"wait", "", "scan: wait until the scan is done, showing progress"},
    {"min-confidence", "LEVEL", "findings: low, medium (default) or high"},
    {"encrypted", "", "findings: also the files Jamul encrypted (still encrypted)"},
    {"since-ms", "MS", "history: only actions that ended at or after MS (Unix milliseconds)"},
    {"secret", "S", "enroll: the console's enrollment secret"},
    {"ca", "FILE", "enroll: verify the console against this CA certificate (PEM)"},
    {"department", "D", "enroll: the agent's department (its policy group)"},
    {"help", "", "show this help"},
};

constexpr const char* kUsage =
    "Usage: jamul agent VERB [options]\n\n"
    "Talks to jamul-agent, the background service. You see and act on your own files only.\n\n"
    "Verbs:\n"
    "  status                 what the agent is doing, its last scan, limits and volumes\n"
    "  scan [--wait]          scan now (the policy's folders)\n"
    "  pause | resume         pause scanning (a user's pause ends after an hour)\n"
    "  findings               your files with personal data\n"
    "  encrypt FILE...        encrypt in place (to this PC's key and the recovery keys)\n"
    "  decrypt FILE.age...    decrypt back\n"
    "  shred FILE...          overwrite and delete\n"
    "  history                what was encrypted, decrypted and shredded, newest first\n"
    "  exceptions             your requests to keep files in plaintext\n"
    "  enroll URL --secret S  (root) enroll with the console at URL [--ca FILE] [--department D]\n"
    "  sync                   (root) contact the console now: heartbeat, policy, reports\n\n"
    "Options:\n";

const JsonValue* member(const JsonValue& v, std::string_view key) { return v.find(key); }

std::string textOf(const JsonValue& v, std::string_view key) {
  const JsonValue* m = v.find(key);
  return m != nullptr && m->isString() ? m->asString() : std::string();
}

std::int64_t intOf(const JsonValue& v, std::string_view key) {
  const JsonValue* m = v.find(key);
  return m != nullptr && m->isInteger() ? m->asInteger() : 0;
}

bool boolOf(const JsonValue& v, std::string_view key) {
  const JsonValue* m = v.find(key);
  return m != nullptr && m->isBool() && m->asBool();
}

std::string localTime(std::int64_t seconds) {
  if (seconds <= 0) return "never";
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  ::localtime_r(&t, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%d %H:%M", &tm);
  return out;
}

std::string bytesText(std::int64_t n) {
  char out[32];
  if (n >= (std::int64_t{1} << 30))
    std::snprintf(out, sizeof out, "%.1f GiB", static_cast<double>(n) / (1 << 30));
  else if (n >= (1 << 20))
    std::snprintf(out, sizeof out, "%.1f MiB", static_cast<double>(n) / (1 << 20));
  else
    std::snprintf(out, sizeof out, "%lld B", static_cast<long long>(n));
  return out;
}

void row(const char* label, const std::string& value) {
  std::printf("%-26s%s\n", label, printableText(value).c_str());
}

int printStatus(const JsonValue& s) {
  row("State", textOf(s, "state"));
  if (const JsonValue* scan = member(s, "scan")) {
    const std::int64_t found = intOf(*scan, "files_found");
    const std::int64_t done = intOf(*scan, "files_done");
    row("Scan", textOf(*scan, "reason") + ": " + std::to_string(done) + " of " +
                    std::to_string(found) + (boolOf(*scan, "walk_done") ? "" : "+") + " files, " +
                    bytesText(intOf(*scan, "bytes_done")));
  }
  row("Last complete scan", localTime(intOf(s, "last_scan_ms") / 1000));
  if (member(s, "next_scheduled_s") != nullptr)
    row("Next scheduled scan", localTime(intOf(s, "next_scheduled_s")));
  if (member(s, "last_scan_error") != nullptr) row("Last scan failed", textOf(s, "last_scan_error"));
  // The agent counts what the socket's owner may see: everyone's for root.
  row("Files with personal data", std::to_string(intOf(s, "files_with_findings")) +
                                      (::geteuid() == 0 ? " (all users)" : " (yours)"));
  if (member(s, "encrypted") != nullptr) row("Files encrypted", std::to_string(intOf(s, "encrypted")));
  if (const JsonValue* g = member(s, "governor")) {
    const JsonValue* now = member(*g, "cpu_percent_now");
    char cpu[96];
    std::snprintf(cpu, sizeof cpu, "%lld%% of one core (now %.0f%%), nice %lld, I/O %s",
                  static_cast<long long>(intOf(*g, "cpu_percent")),
                  now != nullptr && now->isNumber() ? now->asNumber() : 0.0,
                  static_cast<long long>(intOf(*g, "nice")), textOf(*g, "io_class").c_str());
    row("CPU budget", cpu);
    if (intOf(*g, "read_mb_per_s") > 0)
      row("Read budget", std::to_string(intOf(*g, "read_mb_per_s")) + " MB/s");
    if (boolOf(*g, "paused"))
      row("Paused", boolOf(*g, "paused_by_root") ? "by the administrator" : "yes");
    if (boolOf(*g, "on_battery"))
      row("Power", boolOf(*g, "pause_on_battery") ? "on battery: paused" : "on battery");
  }
  if (const JsonValue* p = member(s, "policy")) {
    row("Policy", "version " + std::to_string(intOf(*p, "version")) + " (" +
                      textOf(*p, "source") + ")");
    if (member(*p, "refused") != nullptr) row("Policy refused", textOf(*p, "refused"));
  }
  if (const JsonValue* c = member(s, "console")) {
    const std::string state = textOf(*c, "state");
    if (state == "not_enrolled") {
      row("Console", "not enrolled");
    } else {
      std::string text = state + ", " + textOf(*c, "url") + " as agent " +
                         std::to_string(intOf(*c, "agent_id")) + ", " +
                         std::to_string(intOf(*c, "outbox_depth")) + " event(s) to send, last contact " +
                         localTime(intOf(*c, "last_contact_ms") / 1000);
      row("Console", text);
      if (member(*c, "last_error") != nullptr) row("Console error", textOf(*c, "last_error"));
      if (member(*c, "policy_refused") != nullptr)
        row("Console policy refused", textOf(*c, "policy_refused"));
    }
  }
  if (const JsonValue* vs = member(s, "volumes"); vs != nullptr && vs->isArray())
    for (const JsonValue& v : vs->asArray()) {
      const std::string label = textOf(v, "label");
      row("Removable volume", (label.empty() ? textOf(v, "key") : label) + " at " +
                                  textOf(v, "mount_point") + ", last seen " +
                                  localTime(intOf(v, "last_seen_ms") / 1000));
    }
  return 0;
}

std::string countsText(const JsonValue& item) {
  std::string out;
  if (const JsonValue* c = member(item, "counts"); c != nullptr && c->isObject())
    for (const auto& [rule, n] : c->members()) {
      if (!out.empty()) out += ", ";
      out += rule + " " + std::to_string(n.isInteger() ? n.asInteger() : 0);
    }
  return out;
}

// One table line per file: its path, counts by rule, one masked example.
void printFinding(const JsonValue& file) {
  const std::string counts = countsText(file);
  std::string example;
  if (const JsonValue* f = member(file, "findings"); f != nullptr && f->isArray() &&
                                                     !f->asArray().empty())
    example = textOf(f->asArray().front(), "masked");
  std::printf("%s\n    %s%s%s\n", printableText(textOf(file, "path")).c_str(), counts.c_str(),
              example.empty() ? "" : "   e.g. ", printableText(example).c_str());
}

int findings(agent::AgentClient& client, const ArgParser& parser) {
  std::string min = parser.value("min-confidence").value_or("medium");
  std::int64_t offset = 0, files = 0;
  const bool json = parser.has("json");
  for (;;) {
    std::vector<JsonValue::Member> args = {{"min_confidence", JsonValue::string(min)},
                                           {"offset", JsonValue::integer(offset)}};
    if (parser.has("encrypted")) args.emplace_back("encrypted", JsonValue::boolean(true));
    auto page = client.call(LocalOp::kFindings, JsonValue::object(std::move(args)));
    if (!page) return fail("agent findings", page.error());
    if (const JsonValue* list = member(*page, "files"); list != nullptr && list->isArray())
      for (const JsonValue& file : list->asArray()) {
        ++files;
        if (json)
          std::printf("%s\n", file.toJson().c_str());
        else
          printFinding(file);
      }
    const JsonValue* next = member(*page, "next");
    if (next == nullptr || !next->isInteger()) break;
    offset = next->asInteger();
  }
  if (!json)
    std::printf("%lld file(s) with personal data at %s confidence or above\n",
                static_cast<long long>(files), min.c_str());
  return 0;
}

int history(agent::AgentClient& client, const ArgParser& parser) {
  std::int64_t since = 0;
  if (const auto given = parser.value("since-ms")) {
    char* end = nullptr;
    since = std::strtoll(given->c_str(), &end, 10);
    if (given->empty() || *end != '\0' || since < 0)
      return fail("agent history", Error(ErrorCode::kInvalidArgument,
                                         "--since-ms must be a whole number of milliseconds"));
  }
  const bool json = parser.has("json");
  std::int64_t before = 0, actions = 0;
  for (;;) {
    std::vector<JsonValue::Member> args = {{"since_ms", JsonValue::integer(since)}};
    if (before > 0) args.emplace_back("before", JsonValue::integer(before));
    auto page = client.call(LocalOp::kHistory, JsonValue::object(std::move(args)));
    if (!page) return fail("agent history", page.error());
    if (const JsonValue* list = member(*page, "actions"); list != nullptr && list->isArray())
      for (const JsonValue& a : list->asArray()) {
        ++actions;
        if (json) {
          std::printf("%s\n", a.toJson().c_str());
          continue;
        }
        const std::string path = textOf(a, "path");
        const std::string counts = countsText(a);
        std::printf("%s  %-7s %-11s %s%s%s%s\n", localTime(intOf(a, "at_ms") / 1000).c_str(),
                    textOf(a, "action").c_str(), textOf(a, "state").c_str(),
                    printableText(textOf(a, "file")).c_str(), path.empty() ? "" : " -> ",
                    printableText(path).c_str(), counts.empty() ? "" : ("   " + counts).c_str());
      }
    const JsonValue* next = member(*page, "next");
    if (next == nullptr || !next->isInteger()) break;
    before = next->asInteger();
  }
  if (!json) std::printf("%lld action(s)\n", static_cast<long long>(actions));
  return 0;
}

int exceptions(agent::AgentClient& client, bool json) {
  auto reply = client.call(LocalOp::kExceptions, JsonValue::object({}));
  if (!reply) return fail("agent exceptions", reply.error());
  std::int64_t n = 0;
  if (const JsonValue* list = member(*reply, "exceptions"); list != nullptr && list->isArray())
    for (const JsonValue& e : list->asArray()) {
      ++n;
      if (json) {
        std::printf("%s\n", e.toJson().c_str());
        continue;
      }
      std::string until;
      if (member(e, "expires_at_ms") != nullptr)
        until = ", until " + localTime(intOf(e, "expires_at_ms") / 1000);
      std::printf("#%lld %s  %s (%lld days%s)\n    %s\n", static_cast<long long>(intOf(e, "id")),
                  textOf(e, "state").c_str(), printableText(textOf(e, "file")).c_str(),
                  static_cast<long long>(intOf(e, "days")), until.c_str(),
                  printableText(textOf(e, "reason")).c_str());
    }
  if (!json) std::printf("%lld exception request(s)\n", static_cast<long long>(n));
  return 0;
}

int act(agent::AgentClient& client, LocalOp op, const char* verb, const char* done_verb,
        const std::vector<std::string>& given) {
  if (given.empty())
    return fail(std::string("agent ") + verb,
                Error(ErrorCode::kInvalidArgument, "name the files (see --help)"));
  // The agent takes absolute paths; links are not resolved here (the agent acts on what the
  // path names, and refuses what is not the caller's).
  std::vector<JsonValue> files;
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  for (const std::string& f : given) {
    std::filesystem::path p(f);
    if (p.is_relative()) p = cwd / p;
    files.push_back(JsonValue::string(p.lexically_normal().string()));
  }
  auto reply = client.call(op, JsonValue::object({{"files", JsonValue::array(std::move(files))}}),
                           {}, std::chrono::hours(24));
  const std::string command = std::string("agent ") + verb;
  if (!reply) return fail(command, reply.error());
  int done = 0, failed = 0;
  const JsonValue* results = member(*reply, "results");
  if (results != nullptr && results->isArray())
    for (const JsonValue& r : results->asArray()) {
      if (boolOf(r, "ok")) {
        ++done;
        std::printf("%-10s %s\n", done_verb, printableText(textOf(r, "path")).c_str());
        continue;
      }
      ++failed;
      const JsonValue* e = member(r, "error");
      fileFailed(command, textOf(r, "file"),
                 Error(errorCodeFromName(e ? textOf(*e, "code") : "").value_or(ErrorCode::kIo),
                       e ? textOf(*e, "message") : "failed"));
    }
  std::printf("%d %s, %d failed\n", done, done_verb, failed);
  return failed == 0 ? 0 : 2;
}

int scan(agent::AgentClient& client, bool wait) {
  const bool tty = ::isatty(STDERR_FILENO) == 1;
  if (wait) {
    auto subscribed = client.call(LocalOp::kSubscribe, JsonValue::object({}));
    if (!subscribed) return fail("agent scan", subscribed.error());
  }
  const auto on_event = [tty](const std::string& event, const JsonValue& data) {
    if (event != "progress" || !tty) return;
    std::fprintf(stderr, "\r%lld of %lld%s files, %s   ",
                 static_cast<long long>(intOf(data, "files_done")),
                 static_cast<long long>(intOf(data, "files_found")),
                 boolOf(data, "walk_done") ? "" : "+", bytesText(intOf(data, "bytes_done")).c_str());
  };
  auto reply = client.call(LocalOp::kScan, JsonValue::object({{"wait", JsonValue::boolean(wait)}}),
                           on_event, std::chrono::hours(24 * 7));
  if (tty && wait) std::fprintf(stderr, "\r\033[K");
  if (!reply) return fail("agent scan", reply.error());
  const std::string state = textOf(*reply, "scan");
  std::printf("%s\n", state == "done"      ? "scan done"
                      : state == "running" ? "a scan is already running"
                                           : "scan started");
  return 0;
}

int run(std::span<const std::string> args) {
  ArgParser parser(kAgentOptions);
  if (const Status s = parser.parse(args); !s) return fail("agent", s.error());
  const auto& positional = parser.positional();
  if (parser.has("help") || positional.empty()) {
    std::printf("%s%s", kUsage, parser.optionsHelp().c_str());
    return positional.empty() && !parser.has("help") ? 2 : 0;
  }
  const std::string verb = positional.front();
  const std::vector<std::string> operands(positional.begin() + 1, positional.end());
  struct Action {
    const char* name;
    LocalOp op;
    const char* done;
  };
  static constexpr Action kActions[] = {{"encrypt", LocalOp::kEncrypt, "encrypted"},
                                        {"decrypt", LocalOp::kDecrypt, "decrypted"},
                                        {"shred", LocalOp::kShred, "shredded"}};
  const bool known = verb == "status" || verb == "scan" || verb == "pause" || verb == "resume" ||
                     verb == "findings" || verb == "encrypt" || verb == "decrypt" ||
                     verb == "shred" || verb == "history" || verb == "exceptions" ||
                     verb == "enroll" || verb == "sync";
  if (!known)
    return fail("agent", Error(ErrorCode::kInvalidArgument,
                               "unknown verb \"" + verb + "\" (see jamul agent --help)"));
  if (parser.has("min-confidence") &&
      !scanner::confidenceFromName(*parser.value("min-confidence")))
    return fail("agent", Error(ErrorCode::kInvalidArgument,
                               "--min-confidence must be low, medium or high"));
  const std::string socket = parser.value("socket").value_or(agent::AgentClient::defaultSocketPath());
  auto client = agent::AgentClient::connect(socket);
  if (!client) return fail("agent", client.error());

  if (verb == "status") {
    auto status = client->call(LocalOp::kStatus, JsonValue::object({}));
    if (!status) return fail("agent status", status.error());
    if (parser.has("json")) {
      std::printf("%s\n", status->toJson().c_str());
      return 0;
    }
    return printStatus(*status);
  }
  if (verb == "scan") return scan(*client, parser.has("wait"));
  if (verb == "pause" || verb == "resume") {
    auto reply = client->call(verb == "pause" ? LocalOp::kPause : LocalOp::kResume,
                              JsonValue::object({}));
    if (!reply) return fail("agent " + verb, reply.error());
    std::printf("%s\n", textOf(*reply, "state").c_str());
    return 0;
  }
  if (verb == "enroll") {
    if (operands.size() != 1 || !parser.has("secret"))
      return fail("agent enroll", Error(ErrorCode::kInvalidArgument,
                                        "usage: jamul agent enroll URL --secret S [--ca FILE] "
                                        "[--department D]"));
    std::vector<JsonValue::Member> enroll_args = {{"url", JsonValue::string(operands.front())},
                                           {"secret", JsonValue::string(*parser.value("secret"))}};
    if (parser.has("ca")) {
      std::ifstream in(*parser.value("ca"));
      std::stringstream pem;
      pem << in.rdbuf();
      if (!in)
        return fail("agent enroll", Error(ErrorCode::kNotFound, "cannot read the CA file",
                                          *parser.value("ca")));
      enroll_args.emplace_back("ca_pem", JsonValue::string(pem.str()));
    }
    if (parser.has("department"))
      enroll_args.emplace_back("department", JsonValue::string(*parser.value("department")));
    auto reply = client->call(LocalOp::kEnroll, JsonValue::object(std::move(enroll_args)), {},
                              std::chrono::seconds(90));
    if (!reply) return fail("agent enroll", reply.error());
    std::printf("enrolled as agent %lld\nconsole certificate SHA-256: %s\n",
                static_cast<long long>(intOf(*reply, "agent_id")),
                textOf(*reply, "certificate_sha256").c_str());
    return 0;
  }
  if (verb == "sync") {
    auto reply = client->call(LocalOp::kSync, JsonValue::object({}), {}, std::chrono::minutes(10));
    if (!reply) return fail("agent sync", reply.error());
    if (parser.has("json")) {
      std::printf("%s\n", reply->toJson().c_str());
      return 0;
    }
    std::printf("console %s: policy version %lld, %lld event(s) still to send\n",
                textOf(*reply, "state").c_str(),
                static_cast<long long>(intOf(*reply, "policy_version")),
                static_cast<long long>(intOf(*reply, "outbox_depth")));
    return 0;
  }
  if (verb == "findings") return findings(*client, parser);
  if (verb == "history") return history(*client, parser);
  if (verb == "exceptions") return exceptions(*client, parser.has("json"));
  for (const Action& a : kActions)
    if (verb == a.name) return act(*client, a.op, a.name, a.done, operands);
  return 2;
}

}  // namespace

int agentCommand(std::span<const std::string> args) { return run(args); }

}  // namespace jamul::cli
