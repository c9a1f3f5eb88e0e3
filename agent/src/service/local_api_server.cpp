// SPDX-License-Identifier: Apache-2.0
#include "service/local_api_server.h"

#include <pwd.h>

#include <atomic>
#include <cstdint>
#include <future>
#include <utility>

#include "jamul/protocol/local_api.h"
#include "jamul/protocol/versions.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::agent {
namespace {

using protocol::JsonValue;
using protocol::LocalOp;

constexpr std::size_t kMaxFilesPerRequest = 10'000;
// A `history` reply's most actions (also its default): a day's work with room to spare; older ones
// are a next page away.
constexpr std::int64_t kMaxHistoryActions = 1000;
constexpr auto kEventSendTimeout = std::chrono::milliseconds(250);
constexpr auto kReplySendTimeout = std::chrono::seconds(10);

Error badArgs(std::string what) {
  return Error(ErrorCode::kInvalidArgument, "local API: " + std::move(what));
}

// Refuses keys of `args` that the op does not take: a typo must not mean "default".
Status onlyArgs(const JsonValue& args, std::initializer_list<std::string_view> keys) {
  for (const auto& [name, value] : args.members()) {
    bool known = false;
    for (std::string_view k : keys) known |= name == k;
    if (!known) return badArgs("unknown argument \"" + name + "\"");
  }
  return okStatus();
}

std::string userName(std::uint32_t uid) {
  passwd pw{};
  passwd* found = nullptr;
  std::string buffer(16384, '\0');
  if (::getpwuid_r(uid, &pw, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
    return pw.pw_name;
  return std::to_string(uid);
}

Result<std::vector<std::string>> fileList(const JsonValue& args) {
  JAMUL_RETURN_IF_ERROR(onlyArgs(args, {"files"}));
  const JsonValue* files = args.find("files");
  if (files == nullptr || !files->isArray() || files->asArray().empty())
    return badArgs("\"files\" must be a non-empty array of absolute paths");
  if (files->asArray().size() > kMaxFilesPerRequest)
    return badArgs("at most " + std::to_string(kMaxFilesPerRequest) + " files per request");
  std::vector<std::string> out;
  for (const JsonValue& f : files->asArray()) {
    if (!f.isString() || f.asString().empty() || f.asString().front() != '/')
      return badArgs("\"files\" must hold absolute paths");
    out.push_back(f.asString());
  }
  return out;
}

JsonValue resultsJson(const std::vector<ActionResult>& results) {
  std::vector<JsonValue> out;
  for (const ActionResult& r : results) {
    std::vector<JsonValue::Member> m = {{"file", JsonValue::string(r.file)},
                                        {"ok", JsonValue::boolean(r.outcome.ok())}};
    if (r.outcome) {
      m.emplace_back("path", JsonValue::string(*r.outcome));
    } else {
      const Error& e = r.outcome.error();
      m.emplace_back("error",
                     JsonValue::object({{"code", JsonValue::string(
                                                     std::string(errorCodeName(e.code())))},
                                        {"message", JsonValue::string(e.message())}}));
    }
    out.push_back(JsonValue::object(std::move(m)));
  }
  return JsonValue::object({{"results", JsonValue::array(std::move(out))}});
}

// The rule catalogue, for clients that do not link the scanner (the tray): names in both
// languages and what each rule checks, in catalogue order.
JsonValue rulesJson() {
  std::vector<JsonValue> rules;
  for (const scanner::RuleInfo& rule : scanner::ruleCatalog())
    rules.push_back(
        JsonValue::object({{"id", JsonValue::string(std::string(scanner::ruleName(rule.id)))},
                           {"title", JsonValue::string(std::string(rule.title))},
                           {"title_ko", JsonValue::string(std::string(rule.title_ko))},
                           {"validation", JsonValue::string(std::string(rule.validation))}}));
  return JsonValue::object({{"rules", JsonValue::array(std::move(rules))}});
}

}  // namespace

struct LocalApiServer::Client {
  std::unique_ptr<LocalConnection> connection;
  std::thread thread;
  std::promise<void> ended;
  std::future<void> ended_future = ended.get_future();
  std::atomic<bool> finished{false};
  std::int64_t subscription = 0;
  int bad_requests = 0;
};

LocalApiServer::LocalApiServer(LocalListener listener, Agent& agent, ServiceLog log, Limits limits)
    : listener_(std::move(listener)), agent_(agent), log_(std::move(log)), limits_(limits) {}

Result<std::unique_ptr<LocalApiServer>> LocalApiServer::start(const std::string& socket_path,
                                                              Agent& agent, ServiceLog log,
                                                              Limits limits) {
  JAMUL_ASSIGN_OR_RETURN(LocalListener listener, LocalListener::listen(socket_path));
  std::unique_ptr<LocalApiServer> server(
      new LocalApiServer(std::move(listener), agent, std::move(log), limits));
  server->accept_thread_ = std::thread([s = server.get()] { s->acceptLoop(); });
  return server;
}

LocalApiServer::~LocalApiServer() {
  if (!stop(std::chrono::milliseconds(1000))) {
    // Threads still blocked on an action: the process is ending (see stop()).
    std::lock_guard lock(mutex_);
    for (auto& c : clients_)
      if (c->thread.joinable()) c->thread.detach();
  }
}

bool LocalApiServer::stop(std::chrono::milliseconds grace) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !accept_thread_.joinable() && clients_.empty()) return true;
    stopping_ = true;
    for (auto& c : clients_) c->connection->close();
  }
  listener_.stop();
  if (accept_thread_.joinable()) accept_thread_.join();
  const auto deadline = std::chrono::steady_clock::now() + grace;
  // Waited for without the lock: a connection's thread takes it on its way out.
  std::vector<std::shared_ptr<Client>> clients;
  {
    std::lock_guard lock(mutex_);
    clients = clients_;
  }
  bool clean = true;
  for (auto& c : clients) {
    if (!c->thread.joinable()) continue;
    if (c->ended_future.wait_until(deadline) == std::future_status::ready)
      c->thread.join();
    else
      clean = false;
  }
  std::lock_guard lock(mutex_);
  if (clean) clients_.clear();
  return clean;
}

void LocalApiServer::reap(bool all) {
  std::lock_guard lock(mutex_);
  std::erase_if(clients_, [all](const std::shared_ptr<Client>& c) {
    if (!all && !c->finished.load()) return false;
    if (c->thread.joinable()) c->thread.join();
    return true;
  });
}

void LocalApiServer::acceptLoop() {
  for (;;) {
    auto accepted = listener_.accept();
    if (!accepted) {
      if (accepted.error().code() == ErrorCode::kCancelled) return;
      log_.warning("local API: " + accepted.error().toString());
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    reap(false);
    auto client = std::make_shared<Client>();
    client->connection = std::move(*accepted);
    const std::uint32_t uid = client->connection->peer().uid;
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    if (clients_.size() >= limits_.max_connections || per_user_[uid] >= limits_.max_per_user) {
      (void)client->connection->send(
          protocol::encodeErrorReply(
              0, Error(ErrorCode::kUnavailable, "too many connections to the agent; try again")),
          std::chrono::milliseconds(100));
      log_.warning("local API: refused a connection of uid " + std::to_string(uid) +
                   " (too many open)");
      continue;  // the connection closes as `client` goes
    }
    ++per_user_[uid];
    clients_.push_back(client);
    client->thread = std::thread([this, client] { serve(client); });
  }
}

void LocalApiServer::serve(const std::shared_ptr<Client>& client) {
  LocalConnection& connection = *client->connection;
  const std::uint32_t uid = connection.peer().uid;
  for (;;) {
    const bool subscribed = client->subscription != 0;
    auto line = connection.readLine(protocol::kMaxLocalMessageBytes,
                                    subscribed ? limits_.line_timeout : limits_.idle_timeout,
                                    subscribed);
    if (!line) {
      const ErrorCode code = line.error().code();
      if (code == ErrorCode::kTooLarge)
        (void)connection.send(protocol::encodeErrorReply(0, line.error()),
                              std::chrono::milliseconds(100));
      if (code != ErrorCode::kNotFound && code != ErrorCode::kUnavailable)
        log_.info("local API: closed a connection of uid " + std::to_string(uid) + ": " +
                  line.error().message());
      break;
    }
    const std::string reply = handle(*client, *line);
    if (!connection.send(reply, kReplySendTimeout)) break;
    if (client->bad_requests > limits_.max_bad_requests) {
      log_.info("local API: closed a connection of uid " + std::to_string(uid) +
                " after repeated malformed requests");
      break;
    }
  }
  if (client->subscription != 0) agent_.events().unsubscribe(client->subscription);
  connection.close();
  {
    std::lock_guard lock(mutex_);
    if (auto it = per_user_.find(uid); it != per_user_.end() && --it->second == 0)
      per_user_.erase(it);
  }
  client->finished.store(true);
  client->ended.set_value();
}

std::string LocalApiServer::handle(Client& client, const std::string& line) {
  auto request = protocol::parseLocalRequest(line);
  if (!request) {
    ++client.bad_requests;
    return protocol::encodeErrorReply(0, request.error());
  }
  const std::int64_t id = request->id;
  const JsonValue& args = request->args;
  const std::uint32_t uid = client.connection->peer().uid;
  const Agent::Caller caller{uid, client.connection->peer().gid};
  const auto fail = [&](const Error& e) { return protocol::encodeErrorReply(id, e); };
  const auto reply = [&](JsonValue result) { return protocol::encodeReply(id, result); };
  const auto noArgs = [&]() -> Status { return onlyArgs(args, {}); };

  switch (request->op) {
    case LocalOp::kHello: {
      if (Status s = noArgs(); !s) return fail(s.error());
      return reply(JsonValue::object({{"agent", JsonValue::string(agent_.version())},
                                      {"api", JsonValue::integer(protocol::kLocalApiVersion)},
                                      {"uid", JsonValue::integer(uid)},
                                      {"user", JsonValue::string(userName(uid))}}));
    }
    case LocalOp::kStatus:
      if (Status s = noArgs(); !s) return fail(s.error());
      return reply(agent_.status(uid));
    case LocalOp::kScan: {
      if (Status s = onlyArgs(args, {"wait"}); !s) return fail(s.error());
      const JsonValue* wait = args.find("wait");
      if (wait != nullptr && !wait->isBool()) return fail(badArgs("\"wait\" must be true or false"));
      const std::string started = agent_.requestScan(uid);
      if (wait == nullptr || !wait->asBool())
        return reply(JsonValue::object({{"scan", JsonValue::string(started)}}));
      while (!agent_.waitIdle(std::chrono::seconds(1))) {
        std::lock_guard lock(mutex_);
        if (stopping_) return fail(Error(ErrorCode::kCancelled, "the agent is stopping"));
      }
      return reply(JsonValue::object({{"scan", JsonValue::string("done")}}));
    }
    case LocalOp::kPause:
    case LocalOp::kResume:
      if (Status s = noArgs(); !s) return fail(s.error());
      if (request->op == LocalOp::kPause)
        agent_.pause(uid);
      else
        agent_.resume(uid);
      return reply(JsonValue::object({{"state", *agent_.status(uid).find("state")}}));
    case LocalOp::kFindings: {
      if (Status s = onlyArgs(args, {"min_confidence", "offset", "encrypted"}); !s)
        return fail(s.error());
      scanner::Confidence min = scanner::Confidence::kMedium;
      if (const JsonValue* m = args.find("min_confidence")) {
        const auto level = m->isString() ? scanner::confidenceFromName(m->asString())
                                         : std::nullopt;
        if (!level) return fail(badArgs("\"min_confidence\" must be low, medium or high"));
        min = *level;
      }
      std::size_t offset = 0;
      if (const JsonValue* o = args.find("offset")) {
        if (!o->isInteger() || o->asInteger() < 0)
          return fail(badArgs("\"offset\" must be a whole number from 0"));
        offset = static_cast<std::size_t>(o->asInteger());
      }
      const JsonValue* encrypted = args.find("encrypted");
      if (encrypted != nullptr && !encrypted->isBool())
        return fail(badArgs("\"encrypted\" must be true or false"));
      auto page = agent_.findings(uid, min, offset, limits_.findings_page_bytes,
                                  encrypted != nullptr && encrypted->asBool());
      if (!page) return fail(page.error());
      std::vector<JsonValue::Member> out = {
          {"files", JsonValue::array(std::move(page->files))},
          {"total", JsonValue::integer(static_cast<std::int64_t>(page->total))}};
      if (page->next)
        out.emplace_back("next", JsonValue::integer(static_cast<std::int64_t>(*page->next)));
      return reply(JsonValue::object(std::move(out)));
    }
    case LocalOp::kEncrypt:
    case LocalOp::kDecrypt:
    case LocalOp::kShred: {
      auto files = fileList(args);
      if (!files) return fail(files.error());
      const ActionKind kind = request->op == LocalOp::kEncrypt   ? ActionKind::kEncrypt
                              : request->op == LocalOp::kDecrypt ? ActionKind::kDecrypt
                                                                 : ActionKind::kShred;
      auto future = agent_.act(kind, caller, std::move(*files));
      if (!future) return fail(future.error());
      return reply(resultsJson(future->get()));
    }
    case LocalOp::kException: {
      if (Status s = onlyArgs(args, {"file", "reason", "days"}); !s) return fail(s.error());
      const JsonValue* file = args.find("file");
      const JsonValue* reason = args.find("reason");
      const JsonValue* days = args.find("days");
      if (file == nullptr || !file->isString() || reason == nullptr || !reason->isString() ||
          days == nullptr || !days->isInteger())
        return fail(badArgs("\"file\" and \"reason\" (strings) and \"days\" (a number) are needed"));
      const std::int64_t d = days->asInteger();
      auto added = agent_.requestException(caller, file->asString(), reason->asString(),
                                           d < 0 || d > 10'000 ? -1 : static_cast<int>(d));
      if (!added) return fail(added.error());
      return reply(JsonValue::object({{"id", JsonValue::integer(*added)}}));
    }
    case LocalOp::kAnswer: {
      if (Status s = onlyArgs(args, {"question", "decision"}); !s) return fail(s.error());
      const JsonValue* question = args.find("question");
      const JsonValue* decision = args.find("decision");
      if (question == nullptr || !question->isInteger() || decision == nullptr ||
          !decision->isString())
        return fail(badArgs("\"question\" (a number) and \"decision\" (a string) are needed"));
      auto results = agent_.answer(caller, question->asInteger(), decision->asString());
      if (!results) return fail(results.error());
      return reply(resultsJson(*results));
    }
    case LocalOp::kHistory: {
      if (Status s = onlyArgs(args, {"since_ms", "limit", "before"}); !s) return fail(s.error());
      const auto whole = [&](std::string_view key, std::int64_t low, std::int64_t high,
                             std::int64_t fallback) -> Result<std::int64_t> {
        const JsonValue* v = args.find(key);
        if (v == nullptr) return fallback;
        if (!v->isInteger() || v->asInteger() < low || v->asInteger() > high)
          return badArgs("\"" + std::string(key) + "\" must be a whole number from " +
                         std::to_string(low) + " to " + std::to_string(high));
        return v->asInteger();
      };
      auto since = whole("since_ms", 0, INT64_MAX, 0);
      if (!since) return fail(since.error());
      auto limit = whole("limit", 1, kMaxHistoryActions, kMaxHistoryActions);
      if (!limit) return fail(limit.error());
      auto before = whole("before", 1, INT64_MAX, 0);
      if (!before) return fail(before.error());
      auto page = agent_.history(uid, *since, *before, static_cast<std::size_t>(*limit),
                                 limits_.findings_page_bytes);
      if (!page) return fail(page.error());
      std::vector<JsonValue::Member> out = {
          {"actions", JsonValue::array(std::move(page->actions))}};
      if (page->next) out.emplace_back("next", JsonValue::integer(*page->next));
      return reply(JsonValue::object(std::move(out)));
    }
    case LocalOp::kExceptions: {
      if (Status s = noArgs(); !s) return fail(s.error());
      auto list = agent_.exceptions(uid);
      if (!list) return fail(list.error());
      return reply(JsonValue::object({{"exceptions", JsonValue::array(std::move(*list))}}));
    }
    case LocalOp::kRules:
      if (Status s = noArgs(); !s) return fail(s.error());
      return reply(rulesJson());
    case LocalOp::kEnroll: {
      if (uid != 0)
        return fail(Error(ErrorCode::kPermissionDenied, "only root may enroll the agent"));
      if (Status s = onlyArgs(args, {"url", "secret", "ca_pem", "department"}); !s)
        return fail(s.error());
      const auto text = [&](std::string_view key, bool required) -> Result<std::string> {
        const JsonValue* v = args.find(key);
        if (v == nullptr) {
          if (required) return badArgs("\"" + std::string(key) + "\" is needed");
          return std::string();
        }
        if (!v->isString()) return badArgs("\"" + std::string(key) + "\" must be a string");
        return v->asString();
      };
      auto url = text("url", true);
      if (!url) return fail(url.error());
      auto secret = text("secret", true);
      if (!secret) return fail(secret.error());
      auto ca = text("ca_pem", false);
      if (!ca) return fail(ca.error());
      auto department = text("department", false);
      if (!department) return fail(department.error());
      auto enrolled = agent_.enroll(*url, *secret, *ca, *department);
      if (!enrolled) return fail(enrolled.error());
      return reply(std::move(*enrolled));
    }
    case LocalOp::kSync: {
      if (uid != 0) return fail(Error(ErrorCode::kPermissionDenied, "only root may sync"));
      if (Status s = noArgs(); !s) return fail(s.error());
      auto synced = agent_.syncConsole();
      if (!synced) return fail(synced.error());
      return reply(std::move(*synced));
    }
    case LocalOp::kSubscribe: {
      if (Status s = noArgs(); !s) return fail(s.error());
      // Afresh each time: a subscriber too slow for an event was dropped from the stream.
      if (client.subscription != 0) agent_.events().unsubscribe(client.subscription);
      LocalConnection* connection = client.connection.get();
      client.subscription = agent_.events().subscribe(uid, [connection](const std::string& l) {
        return connection->send(l, kEventSendTimeout).ok();
      });
      return reply(JsonValue::object({{"subscribed", JsonValue::boolean(true)}}));
    }
  }
  return fail(Error(ErrorCode::kUnsupportedFormat, "local API: an op this agent does not serve"));
}

}  // namespace jamul::agent
