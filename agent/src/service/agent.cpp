// SPDX-License-Identifier: Apache-2.0
#include "service/agent.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include "jamul/agent/report_json.h"
#include "jamul/agent/root_set.h"
#include "jamul/agent/scan_job.h"
#include "jamul/common/json_writer.h"
#include "jamul/crypto/credentials.h"
#include "platform/process_control.h"
#include "service/console/https_transport.h"
#include "service/console/policy_verifier.h"
#include "service/content_digest.h"
#include "service/schedule.h"

namespace jamul::agent {
namespace {

using protocol::JsonValue;
using scanner::Confidence;
using scanner::FileReport;

constexpr std::string_view kScanInProgress = "scan_in_progress";
constexpr std::string_view kLastPolicyScanStart = "last_policy_scan_start_s";
constexpr std::string_view kLastGoodPolicy = "policy";
constexpr auto kStopGrace = std::chrono::milliseconds(3500);

JsonValue str(std::string s) { return JsonValue::string(std::move(s)); }
JsonValue num(std::int64_t n) { return JsonValue::integer(n); }
JsonValue u64(std::uint64_t n) { return JsonValue::integer(static_cast<std::int64_t>(n)); }

std::string normalised(const std::string& path) {
  std::string out = std::filesystem::path(path).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool isFolder(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// The home folders of the people who use this PC: accounts with a uid from 1000 (Debian's
// first ordinary user) whose home exists, nobody (65534) and "/" left out.
std::vector<std::string> homeFolders() {
  static std::mutex passwd_mutex;  // getpwent() walks one static cursor
  std::lock_guard lock(passwd_mutex);
  std::vector<std::string> homes;
  ::setpwent();
  while (const passwd* pw = ::getpwent()) {
    if (pw->pw_uid < 1000 || pw->pw_uid == 65534 || pw->pw_dir == nullptr) continue;
    const std::string home = normalised(pw->pw_dir);
    if (home != "/" && isFolder(home)) homes.push_back(home);
  }
  ::endpwent();
  return homes;
}

// `roots` without those at or below another one (each file is scanned once).
std::vector<std::string> outermost(std::vector<std::string> roots) {
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  const RootSet set(roots);
  std::vector<std::string> kept;
  for (const std::string& r : roots)
    if (!set.rootAbove(r)) kept.push_back(r);
  return kept;
}

protocol::Level levelOf(Confidence c) {
  switch (c) {
    case Confidence::kLow: return protocol::Level::kLow;
    case Confidence::kMedium: return protocol::Level::kMedium;
    case Confidence::kHigh: return protocol::Level::kHigh;
  }
  return protocol::Level::kLow;
}

// Per rule, the highest confidence at which the report has an occurrence.
std::vector<protocol::RuleLevel> ruleLevels(const FileReport& report) {
  std::vector<protocol::RuleLevel> out;
  for (scanner::RuleId rule : scanner::kAllRules) {
    const auto& by_level = report.counts[static_cast<std::size_t>(rule)];
    for (std::size_t c = scanner::kConfidenceCount; c-- > 0;) {
      if (by_level[c] == 0) continue;
      out.push_back({scanner::ruleName(rule), levelOf(scanner::confidenceFromIndex(c))});
      break;
    }
  }
  return out;
}

// The rules with occurrences at medium or above, as names (for "found" events).
JsonValue rulesFound(const FileReport& report) {
  std::vector<JsonValue::Member> counts;
  for (scanner::RuleId rule : scanner::kAllRules) {
    const std::uint64_t n = report.count(rule, Confidence::kMedium);
    if (n > 0) counts.emplace_back(std::string(scanner::ruleName(rule)), u64(n));
  }
  return JsonValue::object(std::move(counts));
}

JsonValue stringArray(const std::vector<std::string>& items) {
  std::vector<JsonValue> out;
  for (const std::string& s : items) out.push_back(str(s));
  return JsonValue::array(std::move(out));
}

// The identity actions for `uid` run with: the user database's, or (a uid without an account,
// such as a container's) that uid with `gid` and no supplementary groups.
UserIdentity identityFor(std::uint32_t uid, std::uint32_t gid) {
  if (auto who = identityOf(uid)) return *who;
  return UserIdentity{uid, gid, {}};
}

JsonValue totalsJson(const Inventory::RuleTotals& totals) {
  std::vector<JsonValue::Member> out;
  for (const auto& [rule, n] : totals) out.emplace_back(rule, u64(n));
  return JsonValue::object(std::move(out));
}

// `object` with one more member (JsonValue objects are built whole).
JsonValue withMember(const JsonValue& object, std::string key, JsonValue value) {
  std::vector<JsonValue::Member> members = object.members();
  members.emplace_back(std::move(key), std::move(value));
  return JsonValue::object(std::move(members));
}

std::string_view actionName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kEncrypt:
      return "encrypt";
    case ActionKind::kDecrypt:
      return "decrypt";
    case ActionKind::kShred:
      return "shred";
  }
  return "encrypt";
}

std::optional<std::uint32_t> ownerFilter(std::uint32_t uid) {
  return uid == 0 ? std::nullopt : std::optional<std::uint32_t>(uid);
}

bool underPrefix(const std::string& mount_point, const std::vector<std::string>& prefixes) {
  for (const std::string& given : prefixes) {
    const std::string p = normalised(given);
    if (mount_point.size() > p.size() && mount_point.starts_with(p) &&
        (p == "/" || mount_point[p.size()] == '/'))
      return true;
  }
  return false;
}

}  // namespace

// Records what the policy asks for each report while the scan runs: `found` and `question`
// events to the file's owner, questions in the inventory, and the files to encrypt (handed to the
// action thread once the walk is over, so that the walk does not meet its own temporary files).
class Agent::Listener final : public ScanJobListener {
 public:
  Listener(Agent& agent, protocol::Policy policy) : agent_(agent), policy_(std::move(policy)) {}

  void onStarted(std::int64_t scan_id) override {
    agent_.log_.info("scan " + std::to_string(scan_id) + " started");
  }
  void onQuarantined(const UnfinishedParse& parse) override {
    agent_.log_.warning("a document that stopped an earlier scan is skipped from now on: " +
                        parse.path);
  }
  void onHang(const UnfinishedParse& parse, std::chrono::milliseconds elapsed) override {
    agent_.log_.error("a parser hung for " + std::to_string(elapsed.count() / 1000) +
                      " s on " + parse.path +
                      "; the agent ends and skips that document when it starts again");
  }

  void onReport(const FileReport& report) override {
    const auto levels = ruleLevels(report);
    if (levels.empty()) return;
    const std::uint32_t owner = report.entry.owner;
    const std::string& path = report.entry.path;
    if (!report.from_cache && report.total(Confidence::kMedium) > 0)
      agent_.events_.publishTo(owner, "found",
                               JsonValue::object({{"path", str(path)},
                                                  {"counts", rulesFound(report)}}));
    if (report.status != scanner::FileStatus::kOk) return;
    const protocol::PolicyAction action = protocol::actionFor(policy_, levels);
    // An approved exception (unexpired, for this path and this content) keeps the file as it is.
    if (action != protocol::PolicyAction::kReport &&
        agent_.exceptionCovers(*agent_.scan_inventory_, path)) {
      agent_.log_.info("an approved exception keeps " + path + " in plaintext");
      return;
    }
    switch (action) {
      case protocol::PolicyAction::kReport: break;
      case protocol::PolicyAction::kEncrypt: to_encrypt_[owner].push_back(path); break;
      case protocol::PolicyAction::kNotify: {
        if (report.from_cache) break;  // asked when it was new or changed, not at every scan
        auto id = agent_.scan_inventory_->askQuestion(path, owner, agent_.nowMs());
        if (!id) {
          agent_.log_.warning("could not record a question: " + id.error().toString());
          break;
        }
        agent_.events_.publishTo(owner, "question",
                                 JsonValue::object({{"id", num(*id)},
                                                    {"path", str(path)},
                                                    {"counts", rulesFound(report)}}));
        break;
      }
    }
  }

  void onProgress(const scanner::ScanProgress& progress) override {
    {
      std::lock_guard lock(agent_.mutex_);
      agent_.progress_ = progress;
    }
    const auto now = std::chrono::steady_clock::now();
    if (!progress.walk_done && now - last_event_ < std::chrono::milliseconds(500)) return;
    last_event_ = now;
    agent_.events_.publish("progress", JsonValue::object({
                                           {"files_done", u64(progress.files_done)},
                                           {"files_found", u64(progress.files_found)},
                                           {"bytes_done", u64(progress.bytes_done)},
                                           {"bytes_found", u64(progress.bytes_found)},
                                           {"walk_done", JsonValue::boolean(progress.walk_done)},
                                       }));
  }

  const std::map<std::uint32_t, std::vector<std::string>>& toEncrypt() const {
    return to_encrypt_;
  }

 private:
  Agent& agent_;
  protocol::Policy policy_;
  std::map<std::uint32_t, std::vector<std::string>> to_encrypt_;
  std::chrono::steady_clock::time_point last_event_{};
};

Agent::Agent(Options options)
    : options_(std::move(options)),
      log_(options_.log),
      inventory_path_(options_.config.data_dir + "/inventory.db"),
      governor_(GovernorLimits{}) {}

Result<std::unique_ptr<Agent>> Agent::start(Options options) {
  std::unique_ptr<Agent> agent(new Agent(std::move(options)));
  JAMUL_RETURN_IF_ERROR(agent->open());
  return agent;
}

Agent::~Agent() { stop(); }

Status Agent::open() {
  const std::string& dir = options_.config.data_dir;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return errorFromErrno(errno, "cannot create the data folder", dir);
  JAMUL_ASSIGN_OR_RETURN(Inventory scan_inventory, Inventory::open(inventory_path_));
  JAMUL_ASSIGN_OR_RETURN(Inventory read_inventory, Inventory::open(inventory_path_));
  const auto to_log = [this](const Error& e) { log_.error("inventory: " + e.toString()); };
  scan_inventory.setErrorLog(to_log);
  read_inventory.setErrorLog(to_log);
  scan_inventory_.emplace(std::move(scan_inventory));
  read_inventory_.emplace(std::move(read_inventory));

  actions_ = std::make_unique<ActionRunner>(
      ActionRunner::Paths{inventory_path_, inventory_path_ + ".device-key",
                          inventory_path_ + ".recovery-recipients"},
      log_);
  JAMUL_RETURN_IF_ERROR(actions_->start());
  actions_->onFinished([this](const std::vector<std::string>& paths) { onFinishedActions(paths); });
  JAMUL_ASSIGN_OR_RETURN(crypto::KeyedHasher hasher,
                         crypto::KeyedHasher::loadOrCreate(inventory_path_ + ".key"));
  hasher_.emplace(std::move(hasher));

  // The policy: the console's when it pushed one (it takes precedence), else the config's if it
  // is valid, else the last good one, else the built-in default.
  std::optional<VerifiedPolicy> from_console;
  {
    const auto stored = [&](std::string_view key) {
      auto v = read_inventory_->agentState(key);
      return v && *v ? **v : std::string();
    };
    const std::string signed_text = stored(console_state::kSignedPolicy);
    if (!signed_text.empty()) {
      auto signed_policy = protocol::parseSignedPolicy(signed_text);
      Result<VerifiedPolicy> verified =
          signed_policy ? verifyPolicy(*signed_policy, stored(console_state::kPolicyKey), 0,
                                       policyVocabulary())
                        : Result<VerifiedPolicy>(signed_policy.error());
      if (verified)
        from_console.emplace(std::move(*verified));
      else
        log_.error("the kept console policy does not verify: " + verified.error().toString());
    }
  }
  auto configured = policyOf(options_.config);
  if (from_console) {
    applyPolicy(std::move(from_console->policy), "console");
  } else if (configured) {
    const AgentConfig& c = options_.config;
    applyPolicy(std::move(*configured), !c.policy_file.empty()   ? c.policy_file
                                        : !c.policy_json.empty() ? std::string("agent config")
                                                                 : std::string("built-in default"));
  } else {
    policy_error_ = configured.error().toString();
    log_.error("policy refused: " + policy_error_);
    auto stored = read_inventory_->agentState(kLastGoodPolicy);
    std::optional<protocol::Policy> last;
    if (stored && *stored)
      if (auto p = protocol::parsePolicy(**stored, policyVocabulary())) last = std::move(*p);
    if (last) {
      log_.notice("the last good policy stays in force");
      applyPolicy(std::move(*last), "last good policy");
    } else {
      applyPolicy(protocol::defaultPolicy(), "built-in default");
    }
  }

  ConsoleLink::Options link;
  link.inventory_path = inventory_path_;
  link.data_dir = dir;
  link.transport = options_.console_transport ? options_.console_transport : makeHttpsTransport;
  link.vocabulary = policyVocabulary();
  link.log = log_;
  link.first_backoff = options_.console_first_backoff;
  ConsoleLink::Hooks hooks;
  hooks.facts = [this] { return heartbeatFacts(); };
  hooks.apply_policy = [this](const VerifiedPolicy& v) {
    applyPolicy(v.policy, "console");
    // A new policy can change what is scanned and what is done with what is found: it reaches
    // the files now, not at the next window (an incremental scan reads only what changed, and
    // the actions run after its walk).
    enqueueScan({"policy", {}, {}});
  };
  hooks.enrolled = [this](bool /*fresh: `reported` was reset, so all is new*/) {
    std::int64_t last_scan = 0;
    {
      std::lock_guard read_lock(read_mutex_);
      if (auto summary = read_inventory_->summary()) last_scan = summary->last_completed_scan_ms;
    }
    // What the agent knows, at once: the files, pending exception requests and the last scan's
    // totals (after a fresh start of the stream, all of it; else what changed).
    reportToConsole(ScanFacts{"enroll", last_scan, last_scan});
  };
  JAMUL_ASSIGN_OR_RETURN(link_, ConsoleLink::start(std::move(link), std::move(hooks)));

  // A scan that a kill or power cut interrupted is taken up first.
  if (auto state = read_inventory_->agentState(kScanInProgress); state && *state) {
    if (auto doc = JsonValue::parse(**state); doc && doc->isObject()) {
      ScanRequest resume{"resume", {}, {}};
      const JsonValue* policy_scan = doc->find("policy");
      const JsonValue* roots = doc->find("roots");
      if (!(policy_scan && policy_scan->isBool() && policy_scan->asBool()) && roots &&
          roots->isArray())
        for (const JsonValue& r : roots->asArray())
          if (r.isString()) resume.roots.push_back(r.asString());
      log_.notice("an interrupted scan is resumed");
      queue_.push_back(std::move(resume));
    }
  }

  scan_thread_ = std::thread([this] {
    scanLoop();
    scan_ended_.set_value();
  });
  monitor_thread_ = std::thread([this] {
    monitorLoop();
    monitor_ended_.set_value();
  });
  return okStatus();
}

void Agent::applyPolicy(protocol::Policy policy, std::string source) {
  GovernorLimits limits;
  limits.cpu_percent = policy.governor.cpu_percent;
  limits.read_mb_per_s = policy.governor.read_mb_per_s;
  limits.pause_on_battery = policy.governor.pause_on_battery;
  governor_.setLimits(limits);
  std::vector<crypto::age::X25519Recipient> recipients;
  for (const std::string& text : policy.recovery_recipients)
    if (auto r = crypto::age::X25519Recipient::parse(text)) recipients.push_back(*r);
  if (actions_) actions_->setPolicyRecipients(std::move(recipients));
  {
    std::lock_guard read_lock(read_mutex_);
    if (read_inventory_) {
      const Status s = read_inventory_->setAgentState(kLastGoodPolicy, protocol::policyToJson(policy));
      if (!s) log_.warning("could not keep the policy: " + s.error().toString());
    }
  }
  log_.notice("policy " + std::to_string(policy.version) + " in force (" + source + ")");
  if (actions_ && actions_->recoveryRecipients() == 0)
    log_.warning("no organisation recovery key is set (jamul keys set-recovery, or the policy's "
                 "recovery_recipients): only this PC's device key opens what the agent encrypts");
  std::lock_guard lock(mutex_);
  policy_ = std::move(policy);
  policy_source_ = std::move(source);
  changed_.notify_all();
}

Status Agent::reloadPolicy() {
  if (options_.config_path.empty()) return okStatus();
  {
    std::lock_guard lock(mutex_);
    if (policy_source_ == "console") {
      log_.notice("the console's policy is in force; it takes precedence over the config's");
      return okStatus();
    }
  }
  auto config = loadAgentConfig(options_.config_path, true);
  Result<protocol::Policy> policy =
      config ? policyOf(*config) : Result<protocol::Policy>(config.error());
  if (!policy) {
    {
      std::lock_guard lock(mutex_);
      policy_error_ = policy.error().toString();
    }
    log_.error("policy refused, the one in force stays: " + policy.error().toString());
    return policy.error();
  }
  {
    std::lock_guard lock(mutex_);
    policy_error_.clear();
  }
  applyPolicy(std::move(*policy),
              config->policy_file.empty() ? std::string("agent config") : config->policy_file);
  return okStatus();
}

bool Agent::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return true;
    stopping_ = true;
    changed_.notify_all();
  }
  // The console link first: an exchange under way gets a part of the grace time.
  const bool link_clean = link_ ? link_->stop(std::chrono::seconds(1)) : true;
  cancel_scan_.store(true);
  governor_.interrupt();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(4500);
  bool clean = (actions_ ? actions_->stop(kStopGrace) : true) && link_clean;
  const auto join = [&](std::thread& t, std::promise<void>& ended) {
    if (!t.joinable()) return;
    if (ended.get_future().wait_until(deadline) == std::future_status::ready) {
      t.join();
    } else {
      clean = false;
      t.detach();
    }
  };
  join(scan_thread_, scan_ended_);
  join(monitor_thread_, monitor_ended_);
  // The inventories stay open until the destructor: a local API thread may still be answering.
  log_.notice(clean ? "stopped" : "stopped; work cut short is picked up at the next start");
  return clean;
}

std::int64_t Agent::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::vector<std::string> Agent::policyRoots() const {
  std::vector<std::string> given;
  {
    std::lock_guard lock(mutex_);
    given = policy_.roots;
  }
  std::vector<std::string> roots;
  for (const std::string& r : given) {
    if (r == "~") {
      for (std::string& home : homeFolders()) roots.push_back(std::move(home));
    } else {
      roots.push_back(normalised(r));
    }
  }
  return outermost(std::move(roots));
}

void Agent::enqueueScan(ScanRequest request) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  for (ScanRequest& queued : queue_) {
    // One queued scan per kind of work: a second "scan now" adds nothing, refreshes merge.
    if (queued.reason == "refresh" && request.reason == "refresh") {
      queued.roots.insert(queued.roots.end(), request.roots.begin(), request.roots.end());
      queued.roots = outermost(std::move(queued.roots));
      return;
    }
    if (queued.roots.empty() && request.roots.empty()) return;
    if (!request.roots.empty() && queued.roots == request.roots) return;
  }
  queue_.push_back(std::move(request));
  changed_.notify_all();
}

std::string Agent::requestScan(std::uint32_t uid) {
  {
    std::lock_guard lock(mutex_);
    if (running_ && running_->roots.empty()) return "running";
  }
  log_.info("scan requested by uid " + std::to_string(uid));
  enqueueScan({"manual", {}, {}});
  return "started";
}

bool Agent::waitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout,
                           [this] { return stopping_ || (!running_ && queue_.empty()); });
}

void Agent::scanLoop() {
  for (;;) {
    std::optional<ScanRequest> next;
    {
      std::unique_lock lock(mutex_);
      if (stopping_) return;
      if (!queue_.empty()) {
        next = std::move(queue_.front());
        queue_.pop_front();
      } else {
        std::int64_t last = 0;
        {
          std::lock_guard read_lock(read_mutex_);
          if (auto s = read_inventory_->agentState(kLastPolicyScanStart); s && *s)
            last = std::strtoll((*s)->c_str(), nullptr, 10);
        }
        const std::int64_t now_s = nowMs() / 1000;
        if (scheduledScanDue(policy_.schedule, now_s, last)) {
          next = ScanRequest{"schedule", {}, {}};
        } else {
          changed_.wait_for(lock, options_.tick);
          continue;
        }
      }
      running_ = *next;
      scan_started_ms_ = nowMs();
      progress_ = {};
    }
    publishState();
    runScan(*next);
    {
      std::lock_guard lock(mutex_);
      running_.reset();
      changed_.notify_all();
    }
    publishState();
  }
}

void Agent::runScan(const ScanRequest& request) {
  const bool policy_scan = request.roots.empty();
  std::vector<std::string> roots;
  if (policy_scan) {
    roots = policyRoots();
  } else {
    for (const std::string& r : request.roots)
      if (struct stat st{}; ::lstat(r.c_str(), &st) == 0) roots.push_back(normalised(r));
    roots = outermost(std::move(roots));
  }
  protocol::Policy policy;
  {
    std::lock_guard lock(mutex_);
    policy = policy_;
  }
  Inventory& inventory = *scan_inventory_;
  const std::int64_t started_s = nowMs() / 1000;
  if (roots.empty()) {
    log_.warning("nothing to scan (" + request.reason + "): no root folder exists");
    (void)inventory.setAgentState(kScanInProgress, "");
    if (policy_scan)
      (void)inventory.setAgentState(kLastPolicyScanStart, std::to_string(started_s));
    return;
  }

  ScanJobOptions job;
  job.roots = roots;
  job.walk.exclude = policy.exclude;
  job.scan.extract.ocr = policy.ocr;
  job.scan.pacer = &governor_;
  job.pipeline.threads = options_.config.threads != 0 ? options_.config.threads : 1;
  job.turn.cancel = &cancel_scan_;
  job.turn.waiting = [this] { log_.info("waiting for another scan of the inventory to finish"); };

  std::string state;
  {
    JsonWriter w(state);
    w.beginObject();
    w.key("reason").value(request.reason);
    w.key("policy").value(policy_scan);
    w.key("roots").beginArray();
    for (const std::string& r : roots) w.value(r);
    w.endArray();
    if (!request.volume.empty()) w.key("volume").value(request.volume);
    w.key("started_s").value(started_s);
    w.endObject();
  }
  if (const Status s = inventory.setAgentState(kScanInProgress, state); !s)
    log_.warning("could not note the scan in progress: " + s.error().toString());
  log_.info("scan (" + request.reason + ") of " + std::to_string(roots.size()) + " folder(s)");

  Listener listener(*this, policy);
  auto outcome = runScanJob(inventory, inventory_path_, std::move(job), listener, &cancel_scan_);
  std::string error;
  bool completed = false;
  if (!outcome) {
    error = outcome.error().toString();
  } else if (!outcome->run) {
    error = outcome->run.error().toString();
  } else {
    completed = outcome->totals.completed;
    if (!outcome->recording) error = "recording: " + outcome->recording.error().toString();
  }
  const bool cancelled = cancel_scan_.load();
  if (completed) {
    (void)inventory.setAgentState(kScanInProgress, "");
    if (policy_scan)
      (void)inventory.setAgentState(kLastPolicyScanStart, std::to_string(started_s));
    reportToConsole(ScanFacts{request.reason, started_s * 1000, nowMs()});
    log_.info("scan (" + request.reason + ") completed: " +
              std::to_string(outcome->totals.files_seen) + " files, " +
              std::to_string(outcome->totals.files_read) + " read, " +
              std::to_string(outcome->totals.files_with_findings) + " with personal data");
  } else if (cancelled) {
    log_.notice("scan stopped; it is resumed at the next start");
  } else {
    // A scan that failed outright is not retried in a loop: the schedule asks again.
    (void)inventory.setAgentState(kScanInProgress, "");
    if (policy_scan)
      (void)inventory.setAgentState(kLastPolicyScanStart, std::to_string(started_s));
    log_.error("scan (" + request.reason + ") failed: " + error);
  }
  {
    std::lock_guard lock(mutex_);
    last_scan_error_ = completed ? std::string() : error;
  }
  if (cancelled) return;
  for (const auto& [owner, files] : listener.toEncrypt()) {
    ActionRequest action{ActionKind::kEncrypt, std::nullopt, files, "policy"};
    // As the file's owner, with the owner's rights (a uid without an account gets no group's:
    // nogroup; the encrypted copy takes the original's group anyway).
    if (owner != 0) action.user = identityFor(owner, 65534);
    log_.info("policy: encrypting " + std::to_string(files.size()) + " file(s)");
    (void)actions_->submit(std::move(action));  // results are logged by the action thread
  }
}

void Agent::onFinishedActions(const std::vector<std::string>& paths) {
  // The inventory learns what the actions changed from a scan of their folders (incremental: the
  // files that did not change are not read again).
  std::vector<std::string> folders;
  for (const std::string& p : paths) {
    const std::string::size_type slash = p.rfind('/');
    if (slash == std::string::npos) continue;
    folders.push_back(slash == 0 ? std::string("/") : p.substr(0, slash));
  }
  if (!folders.empty()) enqueueScan({"refresh", outermost(std::move(folders)), {}});
  reportToConsole(std::nullopt);  // the actions and the files they encrypted
}

void Agent::pause(std::uint32_t uid) {
  {
    std::lock_guard lock(mutex_);
    if (uid == 0) {
      root_paused_ = true;
    } else {
      user_pause_until_ms_ =
          nowMs() + std::chrono::duration_cast<std::chrono::milliseconds>(options_.user_pause)
                        .count();
    }
  }
  governor_.pause();
  log_.notice("paused by uid " + std::to_string(uid));
  publishState();
}

void Agent::resume(std::uint32_t uid) {
  bool still_paused = false;
  {
    std::lock_guard lock(mutex_);
    user_pause_until_ms_.reset();
    if (uid == 0) root_paused_ = false;
    still_paused = root_paused_;
  }
  // A user cannot lift a pause that root (IT) set.
  if (!still_paused) governor_.resume();
  log_.notice("resumed by uid " + std::to_string(uid) +
              (still_paused ? " (still paused by root)" : ""));
  publishState();
}

void Agent::publishState() {
  const auto g = governor_.snapshot();
  bool scanning = false;
  {
    std::lock_guard lock(mutex_);
    scanning = running_.has_value();
  }
  events_.publish("state", JsonValue::object({
                               {"scanning", JsonValue::boolean(scanning)},
                               {"paused", JsonValue::boolean(g.paused)},
                               {"on_battery", JsonValue::boolean(g.on_battery)},
                           }));
}

void Agent::monitorLoop() {
  auto watcher = MountWatcher::open(options_.mountinfo);
  if (!watcher) log_.warning("removable media are not watched: " + watcher.error().toString());
  if (watcher) checkMounts(*watcher, true);
  auto last_tick = std::chrono::steady_clock::now() - options_.tick;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    if (watcher) {
      watcher->waitForChange(std::chrono::milliseconds(1000));
      checkMounts(*watcher, false);
    } else {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::milliseconds(1000));
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - last_tick < options_.tick) continue;
    last_tick = now;
    const auto battery = onBatteryPower(options_.power_supply);
    const bool was = governor_.snapshot().on_battery;
    governor_.setOnBattery(battery.value_or(false));
    if (battery.value_or(false) != was) publishState();
    bool expired = false;
    {
      std::lock_guard lock(mutex_);
      if (user_pause_until_ms_ && nowMs() >= *user_pause_until_ms_) {
        user_pause_until_ms_.reset();
        expired = !root_paused_;
      }
      changed_.notify_all();  // the scan thread looks at the schedule again
    }
    if (expired) {
      governor_.resume();
      log_.notice("a user's pause ended after its hour");
      publishState();
    }
  }
}

void Agent::checkMounts(MountWatcher& watcher, bool baseline) {
  std::set<std::uint64_t>& known = known_mounts_;
  auto table = watcher.read();
  if (!table) return;
  std::set<std::uint64_t> now;
  protocol::MediaPolicy media;
  {
    std::lock_guard lock(mutex_);
    media = policy_.media;
  }
  std::set<std::string> recorded;  // at start: the volumes the inventory already knows
  if (baseline) {
    std::lock_guard read_lock(read_mutex_);
    if (auto vs = read_inventory_->volumes())
      for (const Inventory::Volume& v : *vs) recorded.insert(v.key);
  }
  for (const MountEntry& m : *table) {
    now.insert(m.id);
    if (known.count(m.id) != 0 || isPseudoFileSystem(m.fs_type)) continue;
    const bool under = underPrefix(m.mount_point, media.mount_prefixes);
    const VolumeFacts facts = describeVolume(m, options_.devices);
    if (!under && !facts.removable) continue;
    // Mounted before the agent started: scanned if the inventory has never seen it (a stick
    // plugged in while the agent was stopped), only recorded as seen otherwise.
    const bool scan = !baseline || recorded.count(facts.key) == 0;
    Inventory::Volume volume;
    volume.key = facts.key;
    volume.label = facts.label;
    volume.mount_point = m.mount_point;
    volume.size_bytes = facts.size_bytes;
    volume.removable = facts.removable;
    volume.first_seen_ms = volume.last_seen_ms = nowMs();
    {
      std::lock_guard read_lock(read_mutex_);
      if (const Status s = read_inventory_->recordVolume(volume); !s)
        log_.warning("could not record a volume: " + s.error().toString());
      else if (link_ && link_->enrolled())
        if (auto r = Reporter::reportVolume(*read_inventory_, volume, nowMs()); !r)
          log_.warning("could not report a volume: " + r.error().toString());
    }
    log_.notice(std::string(baseline ? "volume present at start at " : "volume mounted at ") +
                m.mount_point + " (" + facts.key + ")" + (scan ? "" : ", known: not scanned again"));
    events_.publish("volume", JsonValue::object({{"mount_point", str(m.mount_point)},
                                                 {"label", str(facts.label)}}));
    if (media.scan_on_mount && scan) enqueueScan({"mount", {m.mount_point}, facts.key});
  }
  known = std::move(now);
}

JsonValue Agent::status(std::uint32_t uid) {
  const auto g = governor_.snapshot();
  std::vector<JsonValue::Member> out;
  out.emplace_back("agent", str(options_.version));
  std::optional<ScanRequest> running;
  scanner::ScanProgress progress;
  protocol::Policy policy;
  std::string policy_source, policy_error, scan_error;
  std::size_t queued = 0;
  std::int64_t started_ms = 0;
  bool root_paused = false;
  std::optional<std::int64_t> user_pause_until;
  {
    std::lock_guard lock(mutex_);
    running = running_;
    progress = progress_;
    policy = policy_;
    policy_source = policy_source_;
    policy_error = policy_error_;
    scan_error = last_scan_error_;
    queued = queue_.size();
    started_ms = scan_started_ms_;
    root_paused = root_paused_;
    user_pause_until = user_pause_until_ms_;
  }
  std::string state = "idle";
  if (g.paused || (g.on_battery && g.limits.pause_on_battery))
    state = "paused";
  else if (running)
    state = "scanning";
  out.emplace_back("state", str(state));
  if (running) {
    std::vector<JsonValue::Member> scan = {
        {"reason", str(running->reason)},
        {"started_ms", num(started_ms)},
        {"files_done", u64(progress.files_done)},
        {"files_found", u64(progress.files_found)},
        {"bytes_done", u64(progress.bytes_done)},
        {"bytes_found", u64(progress.bytes_found)},
        {"walk_done", JsonValue::boolean(progress.walk_done)}};
    if (uid == 0) scan.emplace_back("roots", stringArray(running->roots));
    out.emplace_back("scan", JsonValue::object(std::move(scan)));
  }
  out.emplace_back("queued_scans", u64(queued));
  if (!scan_error.empty()) out.emplace_back("last_scan_error", str(scan_error));
  {
    std::lock_guard read_lock(read_mutex_);
    Inventory& inv = *read_inventory_;
    if (auto summary = inv.summary()) {
      out.emplace_back("last_scan_ms", num(summary->last_completed_scan_ms));
      if (uid == 0) {
        out.emplace_back("files", u64(summary->files));
        out.emplace_back("files_with_findings", u64(summary->files_with_findings));
      }
    }
    if (uid != 0) {
      if (auto files = inv.fileCount(uid)) out.emplace_back("files", u64(*files));
      if (auto mine = inv.reportsWithFindings(Confidence::kMedium, uid))
        out.emplace_back("files_with_findings", u64(mine->size()));
      if (auto sealed = inv.encryptedFiles(uid)) out.emplace_back("encrypted", u64(sealed->size()));
    }
    if (auto p = inv.protectionSummary(); p && uid == 0) {
      out.emplace_back("encrypted", u64(p->encrypted));
    }
    std::vector<JsonValue> volumes;
    if (auto vs = inv.volumes()) {
      for (const Inventory::Volume& v : *vs)
        volumes.push_back(JsonValue::object({{"key", str(v.key)},
                                             {"label", str(v.label)},
                                             {"mount_point", str(v.mount_point)},
                                             {"size_bytes", u64(v.size_bytes)},
                                             {"removable", JsonValue::boolean(v.removable)},
                                             {"first_seen_ms", num(v.first_seen_ms)},
                                             {"last_seen_ms", num(v.last_seen_ms)}}));
    }
    out.emplace_back("volumes", JsonValue::array(std::move(volumes)));
  }
  if (const auto next = nextWindowOpening(policy.schedule, nowMs() / 1000))
    out.emplace_back("next_scheduled_s", num(*next));
  std::vector<JsonValue::Member> governor = {
      {"cpu_percent", num(g.limits.cpu_percent)},
      {"read_mb_per_s", num(g.limits.read_mb_per_s)},
      {"pause_on_battery", JsonValue::boolean(g.limits.pause_on_battery)},
      {"paused", JsonValue::boolean(g.paused)},
      {"paused_by_root", JsonValue::boolean(root_paused)},
      {"on_battery", JsonValue::boolean(g.on_battery)},
      {"held", JsonValue::boolean(g.held)},
      {"cpu_percent_now", JsonValue::number(g.cpu_percent_now)},
      {"waited_ms", num(g.waited_ms)}};
  if (user_pause_until) governor.emplace_back("pause_until_ms", num(*user_pause_until));
  const PriorityInfo priority = currentPriority();
  governor.emplace_back("nice", num(priority.nice));
  governor.emplace_back("io_class", str(priority.io_class));
  out.emplace_back("governor", JsonValue::object(std::move(governor)));
  std::vector<JsonValue::Member> pol = {{"version", num(policy.version)},
                                        {"source", str(policy_source)}};
  if (!policy_error.empty()) pol.emplace_back("refused", str(policy_error));
  out.emplace_back("policy", JsonValue::object(std::move(pol)));
  if (link_) {
    std::lock_guard read_lock(read_mutex_);
    out.emplace_back("console", link_->status(*read_inventory_,
                                              policy_source == "console" ? policy.version : 0));
  }
  return JsonValue::object(std::move(out));
}

Result<Agent::FindingsPage> Agent::findings(std::uint32_t uid, Confidence min, std::size_t offset,
                                            std::size_t max_bytes, bool with_encrypted) {
  const std::optional<std::uint32_t> owner = ownerFilter(uid);
  std::vector<FileReport> reports;
  std::vector<Inventory::EncryptedFile> sealed;
  std::vector<Inventory::ExceptionRequest> requests;
  {
    std::lock_guard read_lock(read_mutex_);
    JAMUL_ASSIGN_OR_RETURN(reports, read_inventory_->reportsWithFindings(min, owner));
    if (with_encrypted) {
      JAMUL_ASSIGN_OR_RETURN(sealed, read_inventory_->encryptedFiles(owner));
    }
    JAMUL_ASSIGN_OR_RETURN(requests, read_inventory_->exceptions(owner, nowMs()));
  }
  // The request that stands for each path: the newest pending or approved one (the list is
  // newest first).
  std::map<std::string, const Inventory::ExceptionRequest*> standing;
  for (const Inventory::ExceptionRequest& e : requests)
    if (e.state == "pending" || e.state == "approved") standing.try_emplace(e.path, &e);
  const auto annotated = [&](JsonValue file, const std::string& path) {
    const auto it = standing.find(path);
    if (it == standing.end()) return file;
    std::vector<JsonValue::Member> e = {{"id", num(it->second->id)},
                                        {"state", str(it->second->state)}};
    if (it->second->expires_at_ms) e.emplace_back("expires_at_ms", num(*it->second->expires_at_ms));
    return withMember(file, "exception", JsonValue::object(std::move(e)));
  };

  FindingsPage page;
  page.total = reports.size() + sealed.size();
  std::size_t bytes = 0;
  std::string json;
  // Both lists are in path order (byte order, as the inventory sorts BLOBs; std::string compares
  // bytes as unsigned char too): merged, they page as one list.
  std::size_t r = 0, e = 0;
  for (std::size_t i = 0; i < page.total; ++i) {
    const bool report =
        e == sealed.size() || (r < reports.size() && reports[r].entry.path < sealed[e].path);
    if (i < offset) {
      ++(report ? r : e);
      continue;
    }
    if (!page.files.empty() && bytes >= max_bytes) {
      page.next = i;
      break;
    }
    if (!report) {
      const Inventory::EncryptedFile& f = sealed[e++];
      JsonValue value = JsonValue::object({{"path", str(f.path)},
                                           {"status", str("encrypted")},
                                           {"original", str(f.original)},
                                           {"encrypted_at_ms", num(f.encrypted_at_ms)},
                                           {"counts", totalsJson(f.counts)},
                                           {"findings", JsonValue::array({})}});
      value = annotated(std::move(value), f.path);
      bytes += value.toJson().size();
      page.files.push_back(std::move(value));
      continue;
    }
    const FileReport& report_of = reports[r++];
    json.clear();
    JsonWriter writer(json);
    writeReportJson(writer, report_of, report_of.entry.path, min);
    auto value = JsonValue::parse(json);
    if (!value) return Error(ErrorCode::kInternal, "a report did not encode: " +
                                                       value.error().message());
    bytes += json.size();
    page.files.push_back(annotated(std::move(*value), report_of.entry.path));
  }
  return page;
}

Result<Agent::HistoryPage> Agent::history(std::uint32_t uid, std::int64_t since_ms,
                                          std::int64_t before, std::size_t limit,
                                          std::size_t max_bytes) {
  std::vector<Inventory::FinishedAction> actions;
  {
    std::lock_guard read_lock(read_mutex_);
    // One more than asked: whether there is a next page.
    JAMUL_ASSIGN_OR_RETURN(
        actions, read_inventory_->finishedActions(ownerFilter(uid), since_ms, before, limit + 1));
  }
  HistoryPage page;
  std::size_t bytes = 0;
  std::int64_t last_id = 0;
  for (const Inventory::FinishedAction& a : actions) {
    if (page.actions.size() == limit || (!page.actions.empty() && bytes >= max_bytes)) {
      page.next = last_id;  // the next page: ids below the last one given
      break;
    }
    last_id = a.id;
    JsonValue value = JsonValue::object(
        {{"id", num(a.id)},
         {"action", str(std::string(actionName(a.kind)))},
         {"file", str(a.path)},
         // Only a finished action gave a file; one rolled back or failed left `file` as it was.
         {"path", str(a.state == "done" ? a.target_path : std::string())},
         {"at_ms", num(a.finished_at_ms)},
         {"state", str(a.state)},
         {"counts", totalsJson(a.counts)}});
    bytes += value.toJson().size();
    page.actions.push_back(std::move(value));
  }
  return page;
}

Result<std::vector<JsonValue>> Agent::exceptions(std::uint32_t uid) {
  std::vector<Inventory::ExceptionRequest> requests;
  {
    std::lock_guard read_lock(read_mutex_);
    JAMUL_ASSIGN_OR_RETURN(requests, read_inventory_->exceptions(ownerFilter(uid), nowMs()));
  }
  std::vector<JsonValue> out;
  for (const Inventory::ExceptionRequest& e : requests) {
    std::vector<JsonValue::Member> m = {{"id", num(e.id)},
                                        {"file", str(e.path)},
                                        {"reason", str(e.reason)},
                                        {"days", num(e.days)},
                                        {"requested_at_ms", num(e.requested_at_ms)},
                                        {"state", str(e.state)}};
    if (e.decided_at_ms) m.emplace_back("decided_at_ms", num(*e.decided_at_ms));
    if (e.expires_at_ms) m.emplace_back("expires_at_ms", num(*e.expires_at_ms));
    out.push_back(JsonValue::object(std::move(m)));
  }
  return out;
}

Result<std::future<std::vector<ActionResult>>> Agent::act(ActionKind kind, Caller caller,
                                                          std::vector<std::string> files) {
  ActionRequest request{kind, std::nullopt, std::move(files),
                        caller.uid == 0 ? std::string("root") : "uid " + std::to_string(caller.uid)};
  if (caller.uid != 0) request.user = identityFor(caller.uid, caller.gid);
  return actions_->submit(std::move(request));
}

Result<std::int64_t> Agent::requestException(Caller caller, const std::string& path,
                                             const std::string& reason, int days) {
  const std::uint32_t uid = caller.uid;
  if (path.empty() || path.front() != '/')
    return Error(ErrorCode::kInvalidArgument, "the file must be an absolute path", path);
  if (reason.empty() || reason.size() > 1000)
    return Error(ErrorCode::kInvalidArgument, "give a reason (at most 1000 bytes)");
  if (days < 1 || days > 366)
    return Error(ErrorCode::kInvalidArgument, "the period must be 1 to 366 days");
  // The file must be the caller's, looked at with the caller's rights (a user learns nothing of
  // files they cannot reach).
  std::uint32_t owner = 0;
  std::string digest;
  {
    std::optional<Impersonation> as_user;
    if (uid != 0) {
      JAMUL_ASSIGN_OR_RETURN(Impersonation imp,
                             Impersonation::begin(identityFor(uid, caller.gid)));
      as_user.emplace(std::move(imp));
    }
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0) return errorFromErrno(errno, "cannot look at the file", path);
    if (!S_ISREG(st.st_mode)) return Error(ErrorCode::kInvalidArgument, "not a regular file", path);
    owner = st.st_uid;
    // The approval binds to this content: read with the caller's rights.
    JAMUL_ASSIGN_OR_RETURN(digest, contentDigest(*hasher_, path));
  }
  if (uid != 0 && owner != uid)
    return Error(ErrorCode::kPermissionDenied, "not your file", path);
  std::lock_guard read_lock(read_mutex_);
  const std::int64_t now = nowMs();
  JAMUL_ASSIGN_OR_RETURN(std::int64_t id,
                         read_inventory_->addException(path, owner, reason, days, now, digest));
  if (link_ && link_->enrolled()) {
    Inventory::ExceptionRequest e;
    e.id = id;
    e.path = path;
    e.owner = owner;
    e.reason = reason;
    e.days = days;
    e.requested_at_ms = now;
    e.content_digest = digest;
    if (const Status s = Reporter::reportExceptionRequest(*read_inventory_, e, now); !s)
      log_.warning("could not report an exception request: " + s.error().toString());
    else
      link_->wake();
  }
  log_.notice("exception requested by uid " + std::to_string(uid) + " for " + path + " (" +
              std::to_string(days) + " days)");
  return id;
}

Result<std::vector<ActionResult>> Agent::answer(Caller caller, std::int64_t question,
                                                const std::string& decision) {
  const std::uint32_t uid = caller.uid;
  std::optional<ActionKind> kind;
  if (decision == "encrypt")
    kind = ActionKind::kEncrypt;
  else if (decision == "shred")
    kind = ActionKind::kShred;
  else if (decision != "keep")
    return Error(ErrorCode::kInvalidArgument, "the decision must be encrypt, keep or shred");
  std::string path;
  {
    std::lock_guard read_lock(read_mutex_);
    JAMUL_ASSIGN_OR_RETURN(auto q, read_inventory_->question(question));
    // Another user's question is as unknown to the caller as one that does not exist.
    if (!q || (uid != 0 && q->owner != uid))
      return Error(ErrorCode::kNotFound, "no such question");
    if (!q->answer.empty())
      return Error(ErrorCode::kInvalidArgument, "the question was answered already");
    JAMUL_RETURN_IF_ERROR(read_inventory_->answerQuestion(question, decision, nowMs()));
    path = q->path;
  }
  if (!kind) return std::vector<ActionResult>{};
  JAMUL_ASSIGN_OR_RETURN(auto future, act(*kind, caller, {path}));
  return future.get();
}

}  // namespace jamul::agent

namespace jamul::agent {
namespace {

std::string firstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// PRETTY_NAME of os-release(5), else "Linux".
std::string osName() {
  std::ifstream in("/etc/os-release");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("PRETTY_NAME=")) continue;
    std::string v = line.substr(12);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return v;
  }
  return "Linux";
}

}  // namespace

protocol::Heartbeat Agent::heartbeatFacts() {
  protocol::Heartbeat hb;
  hb.version = options_.version;
  const auto g = governor_.snapshot();
  {
    std::lock_guard lock(mutex_);
    // The console's version, when its policy is in force: a local policy's own `version` says
    // nothing to the console (and must not hold back its first policy).
    hb.policy_version = policy_source_ == "console" ? policy_.version : 0;
    hb.state = g.paused || (g.on_battery && g.limits.pause_on_battery) ? "paused"
               : running_                                              ? "scanning"
                                                                       : "idle";
  }
  std::lock_guard read_lock(read_mutex_);
  if (auto summary = read_inventory_->summary()) hb.last_scan_ms = summary->last_completed_scan_ms;
  return hb;
}

bool Agent::exceptionCovers(Inventory& inventory, const std::string& path) {
  auto digests = inventory.approvedDigests(path, nowMs());
  if (!digests || digests->empty()) return false;
  auto now = contentDigest(*hasher_, path);
  if (!now) return false;
  return std::find(digests->begin(), digests->end(), *now) != digests->end();
}

void Agent::reportToConsole(const std::optional<ScanFacts>& scan) {
  if (!link_ || !link_->enrolled()) return;
  Result<std::size_t> added = std::size_t{0};
  {
    std::lock_guard read_lock(read_mutex_);
    added = Reporter::reportChanges(*read_inventory_, nowMs(), scan);
  }
  if (!added) {
    log_.warning("could not report to the console: " + added.error().toString());
    return;
  }
  if (*added > 0) link_->wake();
}

Result<JsonValue> Agent::enroll(const std::string& url, const std::string& secret,
                                const std::string& ca_pem, const std::string& department) {
  ConsoleLink::EnrollArgs args;
  args.url = url;
  args.secret = secret;
  args.ca_pem = ca_pem;
  args.department = department;
  args.version = options_.version;
  args.os = osName();
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0) args.host = host;
  std::optional<std::uint32_t> user;
  {
    std::lock_guard read_lock(read_mutex_);
    // The machine's id for the console is /etc/machine-id joined with an id of this
    // installation, kept in the inventory: the same PC enrolling again keeps its console id,
    // while PCs cloned from one image (VDI pools, where /etc/machine-id is often the image's)
    // before their first enrollment are told apart, rather than taking each other's token.
    // Only the digest leaves the PC.
    std::string install_id;
    auto kept = read_inventory_->agentState(console_state::kMachineId);
    if (kept && *kept && !(**kept).empty()) {
      install_id = **kept;
    } else {
      install_id = crypto::randomToken(16);
      (void)read_inventory_->setAgentState(console_state::kMachineId, install_id);
    }
    args.machine_id = crypto::tokenDigest(firstLine("/etc/machine-id") + ":" + install_id);
    // The PC's user: whoever owns the most files the agent knows (a PC has one user, as a rule).
    if (auto owner = read_inventory_->mostCommonOwner(1000); owner && *owner) user = **owner;
  }
  if (!user) {
    for (const std::string& home : homeFolders()) {
      struct stat st{};
      if (::stat(home.c_str(), &st) == 0 && st.st_uid >= 1000) {
        user = st.st_uid;
        break;
      }
    }
  }
  if (user) args.user = userNameOf(*user);
  return link_->enroll(args);
}

Result<JsonValue> Agent::syncConsole() {
  // What changed and was not reported yet goes with this sync.
  reportToConsole(std::nullopt);
  JAMUL_RETURN_IF_ERROR(link_->sync());
  const std::int64_t version = heartbeatFacts().policy_version;
  std::lock_guard read_lock(read_mutex_);
  return link_->status(*read_inventory_, version);
}

}  // namespace jamul::agent
