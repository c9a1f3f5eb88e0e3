// SPDX-License-Identifier: Apache-2.0
// jamul-console-load: a bounded load generator of simulated agents against a jamul-console on
// loopback (bench/README.md, bench/console_bench.sh).
//
//   jamul-console-load --url https://127.0.0.1:PORT --secret S [--agents 10000] [--threads 8]
//                      [--seconds 30] [--reports N] [--files-per-batch 5]
//                      [--admin-user U --admin-password P] [--label sqlite]
//
// 1. Enrolls N agents (POST /api/v1/enroll, a machine id each) from T threads.
// 2. First upload: every agent once, as after its first scan: a heartbeat, then one report batch
//    with its whole inventory (10 to 60 files with findings, 35 on average: counts per rule and
//    masked excerpts, as an agent's inventory holds them) and the scan's totals.
// 3. Steady state, for a fixed time (or N reports): T threads cycle through their share of the
//    agents: a heartbeat, then a batch that continues the agent's sequence with a rescan's changed
//    files (F, updating the agent's bounded set of files) and, every fifth batch, a scan event.
//    One keep-alive HTTPS connection per thread throughout.
// 4. With admin credentials, the dashboard's pages at that size: the admin API requests each page
//    makes (summary; agents, page 1; findings by department and by rule; history; top files),
//    timed; the one-time password is replaced first, as the console asks.
//
// Prints reports/s, events/s and p50/p99 latencies, then one `RESULT key=value ...` line for
// scripts. Only masked, synthetic excerpts are sent: no value in them is a real or a whole one.
// Exit status 0, or 1 when a phase could not run (enrollment refused, the console unreachable).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "integration/console_https.h"
#include "jamul/protocol/console_api.h"
#include "jamul/protocol/json_value.h"

namespace {

using jamul::protocol::JsonValue;
using jamul::test::ConsoleConnection;
using jamul::test::Headers;
using jamul::test::HttpReply;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string secret;
  int agents = 10000;
  int threads = 8;
  double seconds = 30;
  long reports = 0;         // 0: run for `seconds`
  int files_per_batch = 5;  // steady state: the files a rescan found changed
  std::string admin_user;
  std::string admin_password;
  std::string label = "console";
  int page_repeats = 5;
};

struct SimAgent {
  std::int64_t id = 0;
  std::string token;
  std::int64_t seq = 0;  // the last sequence number sent and acknowledged
  int files = 0;         // its bounded set of files with findings
  int cursor = 0;        // which of them the next batch updates
  long batches = 0;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "jamul-console-load: %s\nusage: jamul-console-load --url https://127.0.0.1:PORT "
               "--secret S [--agents N] [--threads T] [--seconds S | --reports N] "
               "[--files-per-batch F] [--admin-user U --admin-password P] [--label L]\n",
               why);
  std::exit(2);
}

Options parseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(("missing value for " + a).c_str());
      return argv[++i];
    };
    if (a == "--url") {
      const std::string url = value();
      const std::string prefix = "https://";
      if (url.rfind(prefix, 0) != 0) usage("the URL must be https://HOST:PORT");
      const std::string rest = url.substr(prefix.size());
      const auto colon = rest.rfind(':');
      if (colon == std::string::npos) usage("the URL needs a port");
      o.host = rest.substr(0, colon);
      o.port = std::atoi(rest.substr(colon + 1).c_str());
    } else if (a == "--secret") {
      o.secret = value();
    } else if (a == "--agents") {
      o.agents = std::atoi(value().c_str());
    } else if (a == "--threads") {
      o.threads = std::atoi(value().c_str());
    } else if (a == "--seconds") {
      o.seconds = std::atof(value().c_str());
    } else if (a == "--reports") {
      o.reports = std::atol(value().c_str());
    } else if (a == "--files-per-batch") {
      o.files_per_batch = std::atoi(value().c_str());
    } else if (a == "--admin-user") {
      o.admin_user = value();
    } else if (a == "--admin-password") {
      o.admin_password = value();
    } else if (a == "--label") {
      o.label = value();
    } else if (a == "--page-repeats") {
      o.page_repeats = std::atoi(value().c_str());
    } else {
      usage(("unknown option " + a).c_str());
    }
  }
  if (o.port <= 0 || o.secret.empty()) usage("--url and --secret are required");
  // Bounded: the generator never grows past these, whatever it is asked.
  if (o.agents < 1 || o.agents > 200000) usage("--agents: 1 to 200000");
  if (o.threads < 1 || o.threads > 64) usage("--threads: 1 to 64");
  if (o.seconds <= 0 || o.seconds > 3600) usage("--seconds: up to 3600");
  if (o.files_per_batch < 1 ||
      o.files_per_batch >= static_cast<int>(jamul::protocol::kMaxEventsPerBatch))
    usage("--files-per-batch: 1 to 999");
  return o;
}

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

Headers agentHeaders(const SimAgent& a) {
  return {{"X-Jamul-Agent", std::to_string(a.id)}, {"Authorization", "Bearer " + a.token}};
}

// --- what a simulated PC reports ---------------------------------------------------------------

struct RuleShape {
  const char* rule;
  const char* masked;  // an excerpt as the agent masks it: no whole value
};
constexpr RuleShape kShapes[] = {{"kr_rrn", "주민등록번호 ******-1******"},
                                 {"kr_phone", "휴대전화 010-****-5678"},
                                 {"email", "메일 k***@example.go.kr"},
                                 {"kr_passport", "여권번호 M1234****"},
                                 {"kr_driver_license", "면허번호 11-**-******-11"},
                                 {"card_number", "카드 4***-****-****-1234"},
                                 {"kr_bank_account", "계좌 110-***-******"},
                                 {"kr_frn", "외국인등록번호 ******-5******"}};
constexpr const char* kFormats[] = {"xlsx", "hwp", "pdf", "docx", "txt", "csv", "hwpx", "pptx"};
constexpr const char* kFolders[] = {"문서", "바탕화면", "다운로드", "문서/민원", "문서/2026 예산"};

JsonValue fileEvent(std::int64_t agent, int file, long round) {
  const std::size_t n_shapes = sizeof kShapes / sizeof kShapes[0];
  const auto h =
      static_cast<std::size_t>(agent * 2654435761u + static_cast<std::uint64_t>(file) * 40503u);
  const std::size_t rules = 1 + h % 3;  // most files hold one to three kinds
  std::vector<JsonValue::Member> counts;
  std::vector<JsonValue> findings;
  for (std::size_t r = 0; r < rules; ++r) {
    const RuleShape& s = kShapes[(h / 7 + r * 3) % n_shapes];
    const std::int64_t count = 1 + static_cast<std::int64_t>((h / 13 + r) % 40);
    counts.emplace_back(s.rule, JsonValue::integer(count));
    // Up to three excerpts a rule (the agent sends at most 20 a file).
    for (std::int64_t k = 0; k < std::min<std::int64_t>(count, 3); ++k) {
      findings.push_back(
          JsonValue::object({{"rule", JsonValue::string(s.rule)},
                             {"confidence", JsonValue::string(k == 0 ? "high" : "medium")},
                             {"location", JsonValue::string("line " + std::to_string(3 + k * 11))},
                             {"masked", JsonValue::string(s.masked)},
                             {"count", JsonValue::integer(1)}}));
    }
  }
  // A rescan's view: now and then a file got encrypted since.
  const bool encrypted = (h + static_cast<std::size_t>(round)) % 5 == 0;
  const std::string name =
      std::string(kFolders[h % 5]) + "/명단_" + std::to_string(file) + "." + kFormats[(h / 5) % 8];
  const std::string path = "/home/user" + std::to_string(agent % 1000) + "/" + name;
  return JsonValue::object(
      {{"path", JsonValue::string(encrypted ? path + ".age" : path)},
       {"owner", JsonValue::string("user" + std::to_string(agent % 1000))},
       {"volume", JsonValue::string("")},
       {"status", JsonValue::string("ok")},
       {"format", JsonValue::string(encrypted ? "age" : kFormats[(h / 5) % 8])},
       {"size", JsonValue::integer(static_cast<std::int64_t>(4096 + h % 900000))},
       {"counts", JsonValue::object(std::move(counts))},
       {"findings", JsonValue::array(encrypted ? std::vector<JsonValue>{} : std::move(findings))},
       {"encrypted", JsonValue::boolean(encrypted)},
       {"original", JsonValue::string(encrypted ? path : "")}});
}

JsonValue scanEvent(const SimAgent& a, long round) {
  const std::int64_t finished = nowMs();
  const std::int64_t files = 2000 + a.id % 30000;
  return JsonValue::object({{"reason", JsonValue::string(round == 0 ? "first" : "scheduled")},
                            {"started_ms", JsonValue::integer(finished - 600000)},
                            {"finished_ms", JsonValue::integer(finished)},
                            {"files", JsonValue::integer(files)},
                            {"files_with_findings", JsonValue::integer(a.files)},
                            {"files_encrypted", JsonValue::integer(a.files / 5)},
                            {"items", JsonValue::integer(a.files * 12)},
                            {"items_encrypted", JsonValue::integer(a.files * 12 / 5)}});
}

std::string reportBatch(SimAgent& a, int files, bool with_scan, long round) {
  jamul::protocol::ReportBatch batch;
  const std::int64_t at = nowMs();
  for (int i = 0; i < files; ++i) {
    jamul::protocol::ReportEvent e;
    e.seq = a.seq + 1 + i;
    e.at_ms = at;
    e.kind = jamul::protocol::EventKind::kFile;
    e.data = fileEvent(a.id, a.cursor, round);
    a.cursor = (a.cursor + 1) % a.files;
    batch.events.push_back(std::move(e));
  }
  if (with_scan) {
    jamul::protocol::ReportEvent e;
    e.seq = a.seq + 1 + files;
    e.at_ms = at;
    e.kind = jamul::protocol::EventKind::kScan;
    e.data = scanEvent(a, round);
    batch.events.push_back(std::move(e));
  }
  return jamul::protocol::encodeReportBatch(batch);
}

// --- the phases
// ------------------------------------------------------------------------------------

struct Stats {
  std::mutex mu;
  std::vector<double> report_ms, heartbeat_ms, enroll_ms;
  long reports = 0, events = 0, heartbeats = 0, errors = 0;
  std::string first_error;

  void error(const std::string& what) {
    std::lock_guard lock(mu);
    if (errors++ == 0) first_error = what;
  }
};

std::string describe(const HttpReply& r) {
  return r.status == 0 ? "transport: " + r.error
                       : "HTTP " + std::to_string(r.status) + ": " + r.body.substr(0, 300);
}

bool enrollAll(const Options& o, std::vector<SimAgent>& agents, Stats& stats) {
  std::atomic<int> next{0};
  const long run = nowMs();
  std::vector<std::thread> pool;
  for (int t = 0; t < o.threads; ++t) {
    pool.emplace_back([&, t] {
      (void)t;
      ConsoleConnection c(o.host, o.port);
      std::vector<double> times;
      for (int i = next++; i < o.agents; i = next++) {
        jamul::protocol::EnrollRequest req;
        req.secret = o.secret;
        char mid[40];
        std::snprintf(mid, sizeof mid, "%012lx%020d", run, i);
        req.machine_id = mid;
        req.host = "pc-" + std::to_string(i);
        req.user = "user" + std::to_string(i % 1000);
        req.department = "부서" + std::to_string(i % 40);
        req.version = "0.1.0";
        req.os = "Debian GNU/Linux 12";
        const auto start = Clock::now();
        HttpReply r =
            c.request("POST", "/api/v1/enroll", jamul::protocol::encodeEnrollRequest(req));
        times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (r.status != 200) {
          stats.error("enroll: " + describe(r));
          continue;
        }
        auto reply = jamul::protocol::parseEnrollResponse(r.body);
        if (!reply.ok()) {
          stats.error("enroll reply: " + reply.error().message());
          continue;
        }
        SimAgent& a = agents[static_cast<std::size_t>(i)];
        a.id = reply->agent_id;
        a.token = reply->token;
        // 10 to 60 files with findings a PC (35 on average): its first upload reports them all.
        a.files = 10 + static_cast<int>((static_cast<std::uint64_t>(i) * 37u) % 51u);
      }
      std::lock_guard lock(stats.mu);
      stats.enroll_ms.insert(stats.enroll_ms.end(), times.begin(), times.end());
    });
  }
  for (auto& th : pool) th.join();
  return std::all_of(agents.begin(), agents.end(), [](const SimAgent& a) { return a.id > 0; });
}

// One phase of load. `initial`: every agent once, reporting its whole inventory (its first
// upload after enrollment) and a scan; else, for o.seconds (or o.reports reports), agent after
// agent: a rescan's few changed files, and every fifth batch a scan.
struct PhaseResult {
  long reports = 0, events = 0, heartbeats = 0, errors = 0;
  double seconds = 0, p50 = 0, p99 = 0, hb50 = 0, hb99 = 0;
  std::string first_error;
};

PhaseResult runPhase(const Options& o, std::vector<SimAgent>& agents, bool initial) {
  Stats stats;
  std::atomic<long> budget{o.reports > 0 ? o.reports : -1};
  std::atomic<std::size_t> next{0};
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration<double>(o.seconds);
  std::vector<std::thread> pool;
  for (int t = 0; t < o.threads; ++t) {
    pool.emplace_back([&, t] {
      ConsoleConnection c(o.host, o.port);
      std::vector<double> rep, hb;
      long reports = 0, events = 0, heartbeats = 0;
      long round = initial ? 0 : 1;
      std::size_t i = static_cast<std::size_t>(t);
      for (;;) {
        if (initial) {
          i = next++;
          if (i >= agents.size()) break;
        } else {
          if (o.reports == 0 && Clock::now() >= deadline) break;
          if (o.reports > 0 && budget.fetch_sub(1) <= 0) break;
        }
        SimAgent& a = agents[i];
        jamul::protocol::Heartbeat beat;
        beat.outbox_depth = initial ? a.files + 1 : o.files_per_batch;
        beat.version = "0.1.0";
        beat.state = "idle";
        beat.last_scan_ms = nowMs() - 60000;
        auto t0 = Clock::now();
        HttpReply r = c.request("POST", "/api/v1/heartbeat", jamul::protocol::encodeHeartbeat(beat),
                                agentHeaders(a));
        hb.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (r.status != 200) {
          stats.error("heartbeat: " + describe(r));
        } else {
          ++heartbeats;
          auto reply = jamul::protocol::parseHeartbeatResponse(r.body);
          if (reply.ok() && !reply->token.empty()) a.token = reply->token;
        }
        const int files = initial ? a.files : o.files_per_batch;
        const bool with_scan = initial || a.batches % 5 == 0;
        const std::string body = reportBatch(a, files, with_scan, round);
        t0 = Clock::now();
        r = c.request("POST", "/api/v1/reports", body, agentHeaders(a));
        rep.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        const bool answered = r.status == 200 || r.status == 409;
        auto ack = jamul::protocol::parseReportAck(answered ? r.body : std::string("{}"));
        if (r.status == 200 && ack.ok()) {
          a.seq = ack->acked_seq;
          ++a.batches;
          ++reports;
          events += files + (with_scan ? 1 : 0);
        } else {
          stats.error("reports: " + describe(r));
          if (answered && ack.ok()) a.seq = ack->acked_seq;  // 409: continue from the console's
        }
        if (!initial) {
          i += static_cast<std::size_t>(o.threads);
          if (i >= agents.size()) {
            i = static_cast<std::size_t>(t);
            ++round;
          }
        }
      }
      std::lock_guard lock(stats.mu);
      stats.report_ms.insert(stats.report_ms.end(), rep.begin(), rep.end());
      stats.heartbeat_ms.insert(stats.heartbeat_ms.end(), hb.begin(), hb.end());
      stats.reports += reports;
      stats.events += events;
      stats.heartbeats += heartbeats;
    });
  }
  for (auto& th : pool) th.join();
  PhaseResult result;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.reports = stats.reports;
  result.events = stats.events;
  result.heartbeats = stats.heartbeats;
  result.errors = stats.errors;
  result.first_error = stats.first_error;
  result.p50 = percentile(stats.report_ms, 0.5);
  result.p99 = percentile(stats.report_ms, 0.99);
  result.hb50 = percentile(stats.heartbeat_ms, 0.5);
  result.hb99 = percentile(stats.heartbeat_ms, 0.99);
  return result;
}

void printPhase(const char* name, const PhaseResult& r) {
  std::printf("  %s: %ld reports (%ld events) in %.1f s\n", name, r.reports, r.events, r.seconds);
  std::printf("    reports    %8.1f /s  %9.1f events/s   p50 %7.1f ms   p99 %7.1f ms\n",
              static_cast<double>(r.reports) / r.seconds, static_cast<double>(r.events) / r.seconds,
              r.p50, r.p99);
  std::printf("    heartbeats %8.1f /s                      p50 %7.1f ms   p99 %7.1f ms\n",
              static_cast<double>(r.heartbeats) / r.seconds, r.hb50, r.hb99);
  std::printf("    errors %ld%s%s\n", r.errors, r.errors ? "; first: " : "", r.first_error.c_str());
  std::fflush(stdout);
}

struct PageTime {
  const char* name;
  std::vector<const char*> requests;
  double p50 = 0, max = 0;
  bool ok = true;
};

bool timeDashboard(const Options& o, std::vector<PageTime>& pages) {
  jamul::test::AdminSession admin(o.host, o.port);
  std::string failure;
  if (admin.loginReady(o.admin_user, o.admin_password, o.admin_password + "-bench-2026", &failure)
          .empty()) {
    std::fprintf(stderr, "jamul-console-load: admin login failed: %s\n", failure.c_str());
    return false;
  }
  for (PageTime& page : pages) {
    std::vector<double> times;
    for (int k = 0; k < o.page_repeats + 1; ++k) {
      const auto t0 = Clock::now();
      for (const char* path : page.requests) {
        const HttpReply r = admin.get(path);
        if (r.status != 200) {
          if (page.ok)
            std::fprintf(stderr, "jamul-console-load: %s: %s\n", path, describe(r).c_str());
          page.ok = false;
        }
      }
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      if (k > 0) times.push_back(ms);  // the first is a warm-up
    }
    page.max = *std::max_element(times.begin(), times.end());
    page.p50 = percentile(times, 0.5);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parseOptions(argc, argv);
  ConsoleConnection::context();
  Stats stats;
  std::vector<SimAgent> agents(static_cast<std::size_t>(o.agents));

  std::printf(
      "console load (%s): %d agents, %d threads; steady state %s, %d changed files a batch\n",
      o.label.c_str(), o.agents, o.threads,
      o.reports > 0 ? (std::to_string(o.reports) + " reports").c_str()
                    : (std::to_string(static_cast<long>(o.seconds)) + " s").c_str(),
      o.files_per_batch);
  std::fflush(stdout);
  const auto enroll_start = Clock::now();
  const bool enrolled = enrollAll(o, agents, stats);
  const double enroll_s = std::chrono::duration<double>(Clock::now() - enroll_start).count();
  std::printf("  enrolled %d agents in %.1f s (%.0f/s), p50 %.1f ms, p99 %.1f ms\n", o.agents,
              enroll_s, o.agents / enroll_s, percentile(stats.enroll_ms, 0.5),
              percentile(stats.enroll_ms, 0.99));
  if (!enrolled) {
    std::fprintf(stderr, "jamul-console-load: enrollment failed (%ld errors; first: %s)\n",
                 stats.errors, stats.first_error.c_str());
    return 1;
  }
  std::fflush(stdout);

  const PhaseResult first = runPhase(o, agents, true);
  printPhase("first upload (every agent its whole inventory, once)", first);
  const PhaseResult steady = runPhase(o, agents, false);
  printPhase("steady state (heartbeat + a rescan's changed files)", steady);

  std::vector<PageTime> pages = {
      {"overview (summary)", {"/api/admin/summary"}},
      {"agents, page 1", {"/api/admin/agents?offset=0&limit=50"}},
      {"findings by department", {"/api/admin/findings?by=department"}},
      {"findings by rule", {"/api/admin/findings?by=rule"}},
      {"history (90 days)", {"/api/admin/history?days=90"}},
      {"top files", {"/api/admin/top-files?limit=50"}},
  };
  std::string page_result;
  if (!o.admin_user.empty()) {
    std::printf("  dashboard at %d agents (admin API per page, %d runs after a warm-up):\n",
                o.agents, o.page_repeats);
    if (timeDashboard(o, pages)) {
      const char* keys[] = {"summary_ms", "agents_ms",  "by_department_ms",
                            "by_rule_ms", "history_ms", "top_files_ms"};
      for (std::size_t i = 0; i < pages.size(); ++i) {
        std::printf("    %-24s p50 %8.1f ms  max %8.1f ms%s\n", pages[i].name, pages[i].p50,
                    pages[i].max, pages[i].ok ? "" : "  (FAILED)");
        char kv[64];
        std::snprintf(kv, sizeof kv, " %s=%.1f", keys[i], pages[i].ok ? pages[i].p50 : -1.0);
        page_result += kv;
      }
    }
  }
  const auto rate = [](long n, double seconds) { return static_cast<double>(n) / seconds; };
  std::printf(
      "RESULT db=%s agents=%d threads=%d first_reports_per_s=%.1f first_events_per_s=%.1f "
      "first_p50_ms=%.1f first_p99_ms=%.1f reports_per_s=%.1f events_per_s=%.1f "
      "p50_ms=%.1f p99_ms=%.1f heartbeat_p99_ms=%.1f errors=%ld%s\n",
      o.label.c_str(), o.agents, o.threads, rate(first.reports, first.seconds),
      rate(first.events, first.seconds), first.p50, first.p99, rate(steady.reports, steady.seconds),
      rate(steady.events, steady.seconds), steady.p50, steady.p99, steady.hb99,
      first.errors + steady.errors, page_result.c_str());
  return 0;
}
