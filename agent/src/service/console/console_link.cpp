// SPDX-License-Identifier: Apache-2.0
#include "service/console/console_link.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "service/reporter.h"

namespace jamul::agent {
namespace {

namespace cs = console_state;
using protocol::JsonValue;

JsonValue str(std::string s) { return JsonValue::string(std::move(s)); }
JsonValue num(std::int64_t n) { return JsonValue::integer(n); }

std::int64_t toInt(const std::string& s) { return s.empty() ? 0 : std::strtoll(s.c_str(), nullptr, 10); }

// Writes `text` to `path` (mode 0600) through a temporary name, so a crash leaves the old file or
// the new one.
Status writeFileAtomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return errorFromErrno(errno, "cannot write", temp);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      return errorFromErrno(e, "cannot write", temp);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return errorFromErrno(errno, "cannot write", temp);
  if (::rename(temp.c_str(), path.c_str()) != 0) return errorFromErrno(errno, "cannot write", path);
  return okStatus();
}

bool isRevoked(const HttpReply& reply) {
  if (reply.status != 403) return false;
  const Error e = protocol::parseConsoleError(reply.body, reply.status);
  return e.message().find("revoked") != std::string::npos ||
         reply.body.find("revoked") != std::string::npos;
}

Error replyError(const std::string& what, const HttpReply& reply) {
  const Error e = protocol::parseConsoleError(reply.body, reply.status);
  return Error(e.code(), what + ": HTTP " + std::to_string(reply.status) + ": " + e.message());
}

// The console refuses what it was sent (400: an event it holds invalid; 413: too large), as
// opposed to being unable to take it now.
bool isRefusal(const HttpReply& reply) { return reply.status == 400 || reply.status == 413; }

// Sent in place of an event the console refused, under its seq: a removal of a path no agent
// reports (agents report absolute paths), which every console version accepts and which changes
// nothing there but the acknowledged sequence (docs/console-api.md). A new no-op kind would be
// refused by the older consoles that refuse a newer agent's events in the first place.
constexpr std::string_view kPlaceholderPath = "jamul:refused";

std::string refusedSentence(std::int64_t n) {
  return std::to_string(n) + " event(s) refused by the console and dropped";
}

}  // namespace

struct ConsoleLink::Settings {
  std::string url;
  std::int64_t agent_id = 0;
  std::string token, previous_token;
  std::string policy_key;
  ConsolePin pin;
  std::string state;  // enrolled | revoked | "" (not enrolled)
  int heartbeat_seconds = 60;
};

ConsoleLink::ConsoleLink(Options options, Hooks hooks, Inventory inventory)
    : options_(std::move(options)),
      hooks_(std::move(hooks)),
      inventory_(std::move(inventory)),
      backoff_(options_.first_backoff, options_.max_backoff) {}

Result<std::unique_ptr<ConsoleLink>> ConsoleLink::start(Options options, Hooks hooks) {
  JAMUL_ASSIGN_OR_RETURN(Inventory inventory, Inventory::open(options.inventory_path));
  std::unique_ptr<ConsoleLink> link(
      new ConsoleLink(std::move(options), std::move(hooks), std::move(inventory)));
  {
    std::lock_guard turn(link->cycle_mutex_);
    (void)link->load();
  }
  if (link->options_.run_thread)
    link->thread_ = std::thread([raw = link.get()] {
      raw->loop();
      raw->ended_.set_value();
    });
  return link;
}

ConsoleLink::~ConsoleLink() { stop(); }

bool ConsoleLink::stop(std::chrono::milliseconds grace) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_all();
  }
  if (!thread_.joinable()) return true;
  if (ended_.get_future().wait_for(grace) != std::future_status::ready) {
    options_.log.notice("console: an exchange is still under way; it is cut short");
    thread_.detach();
    return false;
  }
  thread_.join();
  return true;
}

std::int64_t ConsoleLink::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void ConsoleLink::set(std::string_view key, const std::string& value) {
  if (const Status s = inventory_.setAgentState(key, value); !s)
    options_.log.warning("console: cannot keep " + std::string(key) + ": " + s.error().toString());
}

std::string ConsoleLink::get(std::string_view key) {
  auto v = inventory_.agentState(key);
  return v && *v ? **v : std::string();
}

ConsoleLink::Settings ConsoleLink::load() {
  Settings s;
  s.url = get(cs::kUrl);
  s.agent_id = toInt(get(cs::kAgentId));
  s.token = get(cs::kToken);
  s.previous_token = get(cs::kPreviousToken);
  s.policy_key = get(cs::kPolicyKey);
  const std::string mode = get(cs::kPinMode);
  s.pin.mode = mode == "ca" ? ConsolePin::Mode::kCa : ConsolePin::Mode::kCertificate;
  s.pin.certificate_sha256 = get(cs::kCertificateSha256);
  s.pin.ca_file = get(cs::kCaFile);
  s.state = s.agent_id > 0 ? get(cs::kState) : std::string();
  const std::int64_t hb = toInt(get(cs::kHeartbeatSeconds));
  s.heartbeat_seconds = hb >= 1 ? static_cast<int>(hb) : options_.default_heartbeat_seconds;
  enrolled_.store(s.state == "enrolled");
  return s;
}

void ConsoleLink::wake() {
  std::lock_guard lock(mutex_);
  woken_ = true;
  wake_.notify_all();
}

Result<std::unique_ptr<ConsoleTransport>> ConsoleLink::transportFor(const Settings& s,
                                                                    const std::string& url) {
  return options_.transport(url, s.pin, nullptr);
}

void ConsoleLink::loop() {
  auto next = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next, [&] { return stopping_ || woken_; });
      if (stopping_) return;
      // A wake (new events) only brings the next cycle forward when the console answered last.
      if (woken_ && offline_ && std::chrono::steady_clock::now() < next) {
        woken_ = false;
        continue;
      }
      woken_ = false;
    }
    int heartbeat = options_.default_heartbeat_seconds;
    bool active = false;
    Status result = okStatus();
    {
      std::lock_guard turn(cycle_mutex_);
      Settings s = load();
      heartbeat = s.heartbeat_seconds;
      active = s.state == "enrolled";
      if (active) {
        auto transport = transportFor(s, s.url);
        result = transport ? cycleLocked(s, **transport) : Status(transport.error());
        heartbeat = s.heartbeat_seconds;  // a policy applied in the cycle may have changed it
      }
    }
    if (!active) {
      next = std::chrono::steady_clock::now() + std::chrono::seconds(heartbeat);
      continue;
    }
    std::lock_guard lock(mutex_);
    offline_ = !result.ok();
    if (result) {
      backoff_.reset();
      next = std::chrono::steady_clock::now() + std::chrono::seconds(heartbeat);
    } else {
      const auto delay = backoff_.next();
      options_.log.info("console: " + result.error().toString() + "; trying again in " +
                        std::to_string(delay.count() / 1000) + " s");
      next = std::chrono::steady_clock::now() + delay;
    }
  }
}

Status ConsoleLink::sync() {
  Status result = okStatus();
  {
    std::lock_guard turn(cycle_mutex_);
    Settings s = load();
    if (s.state.empty())
      return Error(ErrorCode::kInvalidArgument,
                   "not enrolled with a console (jamul agent enroll URL --secret S)");
    if (s.state == "revoked")
      return Error(ErrorCode::kPermissionDenied, "the console revoked this agent (enroll again)");
    auto transport = transportFor(s, s.url);
    result = transport ? cycleLocked(s, **transport) : Status(transport.error());
  }
  {
    std::lock_guard lock(mutex_);
    offline_ = !result.ok();
    if (result) backoff_.reset();
  }
  return result;
}

Result<HttpReply> ConsoleLink::call(Settings& s, ConsoleTransport& transport, HttpCall c) {
  const auto withToken = [&](const std::string& token) {
    HttpCall out = c;
    out.headers.emplace_back("X-Jamul-Agent", std::to_string(s.agent_id));
    out.headers.emplace_back("Authorization", "Bearer " + token);
    return out;
  };
  JAMUL_ASSIGN_OR_RETURN(HttpReply reply, transport.send(withToken(s.token)));
  if (reply.status == 401 && !s.previous_token.empty()) {
    // The rotated token was not taken (the console's reply was its last word on it): the old one
    // still works until the new one has been used once.
    JAMUL_ASSIGN_OR_RETURN(HttpReply again, transport.send(withToken(s.previous_token)));
    if (again.status != 401) {
      options_.log.notice("console: the rotated token was refused; the previous one is used");
      s.token = s.previous_token;
      set(cs::kToken, s.token);
      s.previous_token.clear();
      set(cs::kPreviousToken, "");
      reply = std::move(again);
    }
  } else if ((reply.status == 200 || reply.status == 304 || reply.status == 409) &&
             !s.previous_token.empty()) {
    // The new token worked: the console has dropped the old one.
    s.previous_token.clear();
    set(cs::kPreviousToken, "");
  }
  if (isRevoked(reply)) {
    s.state = "revoked";
    set(cs::kState, "revoked");
    enrolled_.store(false);
    options_.log.error("console: this agent was revoked; it no longer contacts the console");
    return Error(ErrorCode::kPermissionDenied, "the console revoked this agent");
  }
  return reply;
}

Status ConsoleLink::cycleLocked(Settings& s, ConsoleTransport& transport) {
  Status outcome = [&]() -> Status {
    protocol::Heartbeat hb;
    if (hooks_.facts) hb = hooks_.facts();
    JAMUL_ASSIGN_OR_RETURN(hb.outbox_depth, inventory_.outboxDepth());
    JAMUL_ASSIGN_OR_RETURN(hb.decisions_applied, inventory_.unconfirmedDecisions());
    JAMUL_ASSIGN_OR_RETURN(HttpReply reply,
                           call(s, transport, {"POST", "/api/v1/heartbeat",
                                               protocol::encodeHeartbeat(hb), {}}));
    if (reply.status != 200) return replyError("heartbeat", reply);
    JAMUL_ASSIGN_OR_RETURN(protocol::HeartbeatResponse r,
                           protocol::parseHeartbeatResponse(reply.body));
    set(cs::kLastContactMs, std::to_string(nowMs()));
    JAMUL_RETURN_IF_ERROR(inventory_.confirmDecisions(hb.decisions_applied));
    if (!r.token.empty() && r.token != s.token) {
      // Kept before it is used: a crash now still finds a token the console accepts.
      set(cs::kPreviousToken, s.token);
      set(cs::kToken, r.token);
      s.previous_token = s.token;
      s.token = r.token;
    }
    for (const protocol::ExceptionDecision& d : r.decisions) {
      const Status applied = inventory_.applyDecision(d.request_id, d.state, d.decided_at_ms,
                                                      d.expires_at_ms, d.content_digest);
      if (!applied)
        options_.log.warning("console: decision on request " + std::to_string(d.request_id) +
                             " not applied: " + applied.error().toString());
      else
        options_.log.notice("console: exception request " + std::to_string(d.request_id) + " " +
                            d.state);
    }
    // Fetched when the console assigns another version, or when none of this console's is kept
    // (just enrolled: a policy in force from before is not this console's to compare with).
    const bool have_signed = !get(cs::kSignedPolicy).empty();
    if (r.policy_version > 0 && (r.policy_version != hb.policy_version || !have_signed))
      JAMUL_RETURN_IF_ERROR(fetchPolicy(s, transport, have_signed ? hb.policy_version : 0));
    return flushOutbox(s, transport);
  }();
  set(cs::kLastError, outcome ? std::string() : outcome.error().toString());
  return outcome;
}

Status ConsoleLink::fetchPolicy(Settings& s, ConsoleTransport& transport, std::int64_t running) {
  JAMUL_ASSIGN_OR_RETURN(
      HttpReply reply,
      call(s, transport,
           {"GET", "/api/v1/policy", "", {{"If-None-Match", "\"" + std::to_string(running) + "\""}}}));
  if (reply.status == 304) return okStatus();
  if (reply.status != 200) return replyError("policy", reply);
  const auto refuse = [&](const std::string& why) {
    options_.log.error("console policy refused, the last good one stays: " + why);
    set(cs::kPolicyRefused, why);
    if (hooks_.policy_refused) hooks_.policy_refused(why);
    return okStatus();  // the console answered: not a reason to back off
  };
  auto signed_policy = protocol::parseSignedPolicy(reply.body);
  if (!signed_policy) return refuse(signed_policy.error().message());
  auto verified = verifyPolicy(*signed_policy, s.policy_key, running, options_.vocabulary);
  if (!verified) return refuse(verified.error().message());
  const std::string& url = verified->policy.console.url;
  if (!url.empty() && url != s.url) {
    // The way back must stay open: the new console must answer with the pinned certificate.
    auto other = transportFor(s, url);
    Status answered = other ? okStatus() : Status(other.error());
    if (answered) {
      protocol::Heartbeat hb;
      if (hooks_.facts) hb = hooks_.facts();
      auto probe = call(s, **other, {"POST", "/api/v1/heartbeat", protocol::encodeHeartbeat(hb), {}});
      if (!probe)
        answered = probe.error();
      else if (probe->status != 200)
        answered = replyError("heartbeat", *probe);
    }
    if (!answered)
      return refuse("console.url: " + url +
                    " does not answer with the pinned certificate (the policy would cut the way "
                    "back to the console): " +
                    answered.error().message());
    s.url = url;
    set(cs::kUrl, url);
  }
  if (hooks_.apply_policy) hooks_.apply_policy(*verified);
  set(cs::kSignedPolicy, protocol::encodeSignedPolicy(*signed_policy));
  set(cs::kPolicyRefused, "");
  s.heartbeat_seconds = verified->policy.console.heartbeat_seconds;
  set(cs::kHeartbeatSeconds, std::to_string(s.heartbeat_seconds));
  options_.log.notice("console policy " + std::to_string(verified->body.version) + " applied");
  return okStatus();
}

Status ConsoleLink::flushOutbox(Settings& s, ConsoleTransport& transport) {
  // After a refusal, batches of half the refused one's size, until the refused event is alone:
  // about 2·log2(n) requests find it among n, where one at a time would cost up to n.
  std::size_t max_events = protocol::kMaxEventsPerBatch;
  // Bounded: a console that keeps acknowledging less than it is sent cannot hold the link here.
  for (int round = 0; round < 1000; ++round) {
    JAMUL_ASSIGN_OR_RETURN(
        auto rows, inventory_.outboxAfter(0, max_events,
                                          protocol::kMaxReportBodyBytes - (std::size_t{64} << 10)));
    if (rows.empty()) return okStatus();
    protocol::ReportBatch batch;
    for (const Inventory::OutboxEvent& row : rows) {
      auto kind = protocol::eventKindFromName(row.kind);
      auto data = JsonValue::parse(row.data);
      if (!kind || !data)
        return Error(ErrorCode::kCorrupt, "outbox event " + std::to_string(row.seq) +
                                              " cannot be read");
      batch.events.push_back({row.seq, row.at_ms, *kind, std::move(*data)});
    }
    JAMUL_ASSIGN_OR_RETURN(HttpReply reply,
                           call(s, transport, {"POST", "/api/v1/reports",
                                               protocol::encodeReportBatch(batch), {}}));
    if (!isRefusal(reply)) {
      JAMUL_RETURN_IF_ERROR(acknowledged(reply));
      continue;
    }
    if (rows.size() > 1) {
      if (max_events == protocol::kMaxEventsPerBatch)
        options_.log.info("console: a batch of " + std::to_string(rows.size()) +
                          " events was refused (" + replyError("reports", reply).message() +
                          "); finding the refused event");
      max_events = rows.size() / 2;
      continue;
    }
    JAMUL_RETURN_IF_ERROR(dropRefused(s, transport, rows.front(), reply));
    max_events = protocol::kMaxEventsPerBatch;
  }
  return okStatus();
}

Status ConsoleLink::acknowledged(const HttpReply& reply) {
  if (reply.status != 200 && reply.status != 409) return replyError("reports", reply);
  JAMUL_ASSIGN_OR_RETURN(protocol::ReportAck ack, protocol::parseReportAck(reply.body));
  // Only now, after the console's reply, may acknowledged events leave the outbox.
  JAMUL_RETURN_IF_ERROR(inventory_.deleteOutboxThrough(ack.acked_seq));
  set(cs::kAckedSeq, std::to_string(ack.acked_seq));
  if (reply.status == 409) {
    // The console has everything up to acked_seq: send again from acked_seq + 1, which the
    // outbox must still hold.
    JAMUL_ASSIGN_OR_RETURN(auto first, inventory_.outboxAfter(0, 1, 1 << 20));
    if (!first.empty() && first.front().seq > ack.acked_seq + 1)
      return Error(ErrorCode::kCorrupt,
                   "the console lacks events " + std::to_string(ack.acked_seq + 1) + " to " +
                       std::to_string(first.front().seq - 1) +
                       ", which it had acknowledged (was its database restored?)");
    options_.log.info("console: sending again from event " + std::to_string(ack.acked_seq + 1));
  }
  return okStatus();
}

Status ConsoleLink::dropRefused(Settings& s, ConsoleTransport& transport,
                                const Inventory::OutboxEvent& event, const HttpReply& refusal) {
  protocol::ReportBatch placeholder;
  placeholder.events.push_back({event.seq, event.at_ms, protocol::EventKind::kFileRemoved,
                                JsonValue::object({{"path", str(std::string(kPlaceholderPath))}})});
  JAMUL_ASSIGN_OR_RETURN(
      HttpReply reply,
      call(s, transport,
           {"POST", "/api/v1/reports", protocol::encodeReportBatch(placeholder), {}}));
  // Refused too: the refusal is not about the event (a request the console cannot read at all,
  // the agent's own bug), and dropping events would lose them for nothing. They stay; the cycle
  // fails and is retried with backoff.
  if (isRefusal(reply)) {
    const Error e = replyError("reports", refusal);
    return Error(e.code(), e.message() + " (event " + std::to_string(event.seq) +
                               "; the console refuses even a placeholder in its place, so it is "
                               "kept)");
  }
  if (reply.status != 200) return acknowledged(reply);
  JAMUL_ASSIGN_OR_RETURN(protocol::ReportAck ack, protocol::parseReportAck(reply.body));
  if (ack.acked_seq < event.seq) return acknowledged(reply);
  // The console holds the placeholder (or already held this seq): the event leaves the outbox,
  // then is counted. A crash in between counts it once too few, never twice; nothing is resent.
  JAMUL_RETURN_IF_ERROR(acknowledged(reply));
  const std::int64_t refused = toInt(get(cs::kRefusedEvents)) + 1;
  set(cs::kRefusedEvents, std::to_string(refused));
  // The console's message names the field, never a value; the event's data is not logged.
  std::string why = protocol::parseConsoleError(refusal.body, refusal.status).message();
  if (why.size() > 300) why = why.substr(0, 300) + "…";
  options_.log.warning("console: event " + std::to_string(event.seq) + " (" + event.kind +
                       ") was refused by the console and dropped: HTTP " +
                       std::to_string(refusal.status) + ": " + why + " (" +
                       refusedSentence(refused) + " so far)");
  return okStatus();
}

Result<JsonValue> ConsoleLink::enroll(const EnrollArgs& args) {
  if (!args.url.starts_with("https://"))
    return Error(ErrorCode::kInvalidArgument, "the console URL must start with https://", args.url);
  if (args.secret.empty())
    return Error(ErrorCode::kInvalidArgument, "the enrollment secret is missing");
  std::lock_guard turn(cycle_mutex_);
  Settings old = load();
  Settings s;
  s.url = args.url;
  std::string ca_file;
  if (!args.ca_pem.empty()) {
    if (args.ca_pem.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
      return Error(ErrorCode::kInvalidArgument, "the CA file holds no PEM certificate");
    ca_file = options_.data_dir + "/console-ca.pem";
    JAMUL_RETURN_IF_ERROR(writeFileAtomically(ca_file, args.ca_pem));
    s.pin.mode = ConsolePin::Mode::kCa;
    s.pin.ca_file = ca_file;
  } else {
    s.pin.mode = ConsolePin::Mode::kCapture;
  }
  auto presented = std::make_shared<PeerCertificate>();
  JAMUL_ASSIGN_OR_RETURN(auto transport, options_.transport(s.url, s.pin, presented));
  protocol::EnrollRequest request{args.secret, args.machine_id, args.host, args.user,
                                  args.department, args.version, args.os};
  JAMUL_ASSIGN_OR_RETURN(HttpReply reply,
                         transport->send({"POST", "/api/v1/enroll",
                                          protocol::encodeEnrollRequest(request), {}}));
  if (reply.status != 200) return replyError("enrollment", reply);
  JAMUL_ASSIGN_OR_RETURN(protocol::EnrollResponse r, protocol::parseEnrollResponse(reply.body));
  if (r.agent_id <= 0 || r.token.empty() || r.policy_key.empty())
    return Error(ErrorCode::kInvalidArgument, "the console's enrollment reply is incomplete");

  // Another console or another id: that console knows nothing of this agent's events.
  const bool fresh = old.agent_id != r.agent_id || old.url != s.url;
  if (fresh) {
    JAMUL_RETURN_IF_ERROR(inventory_.resetReporting());
    set(cs::kAckedSeq, "0");
    set(cs::kRefusedEvents, "0");
    set(cs::kSignedPolicy, "");
    set(kReportedActionKey, "0");
  }
  set(cs::kUrl, s.url);
  set(cs::kAgentId, std::to_string(r.agent_id));
  set(cs::kToken, r.token);
  set(cs::kPreviousToken, "");
  set(cs::kPolicyKey, r.policy_key);
  set(cs::kPinMode, ca_file.empty() ? "certificate" : "ca");
  set(cs::kCertificateSha256, presented->sha256);
  set(cs::kCertificatePem, presented->pem);
  set(cs::kCaFile, ca_file);
  set(cs::kHeartbeatSeconds, std::to_string(std::max(1, r.heartbeat_seconds)));
  set(cs::kLastContactMs, std::to_string(nowMs()));
  set(cs::kLastError, "");
  set(cs::kPolicyRefused, "");
  set(cs::kState, "enrolled");
  enrolled_.store(true);
  options_.log.notice("enrolled with the console at " + s.url + " as agent " +
                      std::to_string(r.agent_id) + " (certificate SHA-256 " + presented->sha256 +
                      ")");
  if (hooks_.enrolled) hooks_.enrolled(fresh);
  {
    std::lock_guard lock(mutex_);
    offline_ = false;
    backoff_.reset();
    woken_ = true;
    wake_.notify_all();
  }
  return JsonValue::object({{"agent_id", num(r.agent_id)},
                            {"certificate_sha256", str(presented->sha256)}});
}

JsonValue ConsoleLink::status(Inventory& reader, std::int64_t policy_version) {
  const auto read = [&](std::string_view key) {
    auto v = reader.agentState(key);
    return v && *v ? **v : std::string();
  };
  const std::int64_t agent_id = toInt(read(cs::kAgentId));
  const std::string url = read(cs::kUrl);
  const std::string stored_state = agent_id > 0 ? read(cs::kState) : std::string();
  const auto depth_read = reader.outboxDepth();
  const std::int64_t depth = depth_read ? *depth_read : 0;
  const std::string last_contact = read(cs::kLastContactMs);
  std::string last_error = read(cs::kLastError);
  // Dropped events stay worth saying after the console is reachable again, and after a restart.
  if (const std::int64_t dropped = toInt(read(cs::kRefusedEvents)); dropped > 0)
    last_error += (last_error.empty() ? "" : "; ") + refusedSentence(dropped);
  const std::string refused = read(cs::kPolicyRefused);
  bool offline = false;
  {
    std::lock_guard lock(mutex_);
    offline = offline_;
  }
  std::string state = "not_enrolled";
  if (stored_state == "revoked")
    state = "revoked";
  else if (stored_state == "enrolled")
    state = offline ? "offline" : "enrolled";
  std::vector<JsonValue::Member> out = {{"url", str(url)},
                                        {"agent_id", num(agent_id)},
                                        {"state", str(state)},
                                        {"policy_version", num(policy_version)},
                                        {"outbox_depth", num(depth)},
                                        {"last_contact_ms", num(toInt(last_contact))}};
  if (!last_error.empty()) out.emplace_back("last_error", str(last_error));
  if (!refused.empty()) out.emplace_back("policy_refused", str(refused));
  return JsonValue::object(std::move(out));
}

}  // namespace jamul::agent
