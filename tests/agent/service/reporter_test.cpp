// SPDX-License-Identifier: Apache-2.0
// Reporter (issue 17): report events are deltas of the inventory against what was reported —
// a new file, changed counts, a file encrypted, a file gone — each reported once, nothing sent
// again when nothing changed, and never a raw value (counts at medium or above, masked excerpts).
#include "service/reporter.h"

#include <boost/test/unit_test.hpp>
#include <map>
#include <string>
#include <vector>

#include "jamul/agent/age_sealer.h"
#include "jamul/agent/file_protector.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

using protocol::JsonValue;
using scanner::Confidence;
using scanner::FileReport;
using scanner::RuleId;

// A report of `path` with `rrn` resident numbers (high) and `phones` phone numbers at low.
FileReport fileOf(const std::string& path, std::uint64_t rrn, std::uint64_t phones_low) {
  FileReport r;
  r.entry.path = path;
  r.entry.owner = 0;
  r.entry.size = 64;
  r.entry.inode = std::hash<std::string>{}(path)&0xffffff;
  r.entry.device = 42;
  r.entry.mtime_ns = 1'700'000'000'000'000'000 + static_cast<std::int64_t>(rrn);
  r.entry.ctime_ns = r.entry.mtime_ns;
  r.format = "text/utf-8";
  if (rrn > 0) {
    scanner::FindingSummary& f = r.findings.emplace_back();
    f.rule = RuleId::kKrRrn;
    f.confidence = Confidence::kHigh;
    f.count = rrn;
    f.location = "line 1";
    f.masked = "900101-1******";
    f.digest.fill(1);
    r.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(f.confidence)] = rrn;
  }
  if (phones_low > 0) {
    scanner::FindingSummary& f = r.findings.emplace_back();
    f.rule = RuleId::kKrPhone;
    f.confidence = Confidence::kLow;
    f.count = phones_low;
    f.location = "line 2";
    f.masked = "010-****-5678";
    f.digest.fill(2);
    r.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(f.confidence)] = phones_low;
  }
  return r;
}

struct Fixture {
  jamul::test::TempDir dir;
  std::string db = (dir.path() / "inventory.db").string();
  std::string home = (dir.path() / "home").string();
  Inventory inv = open();

  Inventory open() {
    auto i = Inventory::open(db);
    BOOST_TEST_REQUIRE(i.ok());
    return std::move(*i);
  }

  // A complete scan of home that saw exactly `reports`.
  void scan(const std::vector<FileReport>& reports) {
    auto id = inv.beginScan(std::vector<std::string>{home}, scanner::kRulesetVersion);
    BOOST_TEST_REQUIRE(id.ok());
    for (const FileReport& r : reports) BOOST_TEST_REQUIRE(inv.record(*id, r).ok());
    ScanTotals totals;
    totals.completed = true;
    BOOST_TEST_REQUIRE(inv.finishScan(*id, totals).ok());
  }

  // Runs the reporter, then takes (and acknowledges) what it appended.
  std::vector<Inventory::OutboxEvent> report(bool with_scan = false) {
    std::optional<ScanFacts> facts;
    if (with_scan) facts = ScanFacts{"manual", 1, 2};
    auto n = Reporter::reportChanges(inv, 1000, facts);
    BOOST_TEST_REQUIRE(n.ok(), (n.ok() ? "" : n.error().message()));
    auto events = inv.outboxAfter(0, 1000, 1 << 22);
    BOOST_TEST_REQUIRE(events.ok());
    BOOST_TEST(events->size() == *n);
    if (!events->empty()) BOOST_TEST_REQUIRE(inv.deleteOutboxThrough(events->back().seq).ok());
    return *events;
  }
};

JsonValue dataOf(const Inventory::OutboxEvent& e) {
  auto v = JsonValue::parse(e.data);
  BOOST_TEST_REQUIRE(v.ok());
  return *v;
}

std::map<std::string, std::int64_t> countsOf(const JsonValue& data) {
  std::map<std::string, std::int64_t> out;
  for (const auto& [rule, n] : data.find("counts")->members()) out[rule] = n.asInteger();
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reporter)

BOOST_AUTO_TEST_CASE(new_changed_and_removed_files_are_reported_once) {
  Fixture fx;
  const std::string a = fx.home + "/a.txt", b = fx.home + "/b.txt", low = fx.home + "/low.txt";
  fx.scan({fileOf(a, 2, 3), fileOf(b, 1, 0), fileOf(low, 0, 4)});
  auto first = fx.report(true);
  // a and b (low.txt has findings at low only), then the scan's totals.
  BOOST_TEST_REQUIRE(first.size() == 3u);
  BOOST_TEST(first[0].kind == "file");
  const JsonValue a_data = dataOf(first[0]);
  BOOST_TEST(a_data.find("path")->asString() == a);
  // Counts at medium or above only: the low phone numbers are not there.
  BOOST_TEST((countsOf(a_data) == std::map<std::string, std::int64_t>{{"kr_rrn", 2}}));
  BOOST_TEST(a_data.find("findings")->asArray().size() == 1u);
  BOOST_TEST(a_data.find("findings")->asArray()[0].find("masked")->asString() == "900101-1******");
  BOOST_TEST(a_data.find("encrypted")->asBool() == false);
  BOOST_TEST(a_data.find("owner")->asString() == "root");
  BOOST_TEST(first[2].kind == "scan");
  const JsonValue totals = dataOf(first[2]);
  BOOST_TEST(totals.find("files")->asInteger() == 3);
  BOOST_TEST(totals.find("files_with_findings")->asInteger() == 2);
  BOOST_TEST(totals.find("items")->asInteger() == 3);
  BOOST_TEST(totals.find("files_encrypted")->asInteger() == 0);

  // Nothing changed: nothing is sent again.
  BOOST_TEST(fx.report().empty());
  fx.scan({fileOf(a, 2, 3), fileOf(b, 1, 0), fileOf(low, 0, 4)});
  BOOST_TEST(fx.report().empty());

  // a's count changes, b goes away.
  fx.scan({fileOf(a, 5, 3), fileOf(low, 0, 4)});
  auto second = fx.report();
  BOOST_TEST_REQUIRE(second.size() == 2u);
  BOOST_TEST(second[0].kind == "file");
  BOOST_TEST((countsOf(dataOf(second[0])) == std::map<std::string, std::int64_t>{{"kr_rrn", 5}}));
  BOOST_TEST(second[1].kind == "file_removed");
  BOOST_TEST(dataOf(second[1]).find("path")->asString() == b);
  BOOST_TEST(fx.report().empty());
}

BOOST_AUTO_TEST_CASE(an_encrypted_file_and_its_action_are_reported_with_its_counts) {
  Fixture fx;
  const std::string a = fx.dir.write("home/a.txt", "a list\n").string();
  fx.scan({fileOf(a, 3, 0)});
  BOOST_TEST(fx.report().size() == 1u);
  auto device = crypto::age::X25519Identity::generate();
  BOOST_TEST_REQUIRE(device.ok());
  std::vector<crypto::age::Identity> ids{&*device};
  AgeSealer sealer({device->recipient()}, ids);
  {
    auto protector = FileProtector::open(fx.db);
    BOOST_TEST_REQUIRE(protector.ok());
    BOOST_TEST_REQUIRE(protector->encrypt(a, sealer).ok());
  }
  // The refresh scan sees the .age file (no findings) and not a.txt any more.
  FileReport sealed = fileOf(a + ".age", 0, 0);
  sealed.status = scanner::FileStatus::kEncrypted;
  fx.scan({sealed});
  auto events = fx.report();
  std::map<std::string, int> kinds;
  for (const auto& e : events) ++kinds[e.kind];
  BOOST_TEST(kinds["file"] == 1);
  BOOST_TEST(kinds["file_removed"] == 1);
  BOOST_TEST(kinds["action"] == 1);
  for (const auto& e : events) {
    const JsonValue d = dataOf(e);
    if (e.kind == "file") {
      BOOST_TEST(d.find("path")->asString() == a + ".age");
      BOOST_TEST(d.find("encrypted")->asBool());
      BOOST_TEST(d.find("original")->asString() == a);
      BOOST_TEST((countsOf(d) == std::map<std::string, std::int64_t>{{"kr_rrn", 3}}));
    } else if (e.kind == "action") {
      BOOST_TEST(d.find("action")->asString() == "encrypt");
      BOOST_TEST(d.find("ok")->asBool());
      BOOST_TEST(d.find("path")->asString() == a);
    } else {
      BOOST_TEST(d.find("path")->asString() == a);
    }
  }
  // The action is reported once.
  BOOST_TEST(fx.report().empty());
}

BOOST_AUTO_TEST_CASE(at_most_twenty_excerpts_and_no_raw_value) {
  FileReport r = fileOf("/home/x.csv", 0, 0);
  for (int i = 0; i < 30; ++i) {
    scanner::FindingSummary& f = r.findings.emplace_back();
    f.rule = RuleId::kKrRrn;
    f.confidence = Confidence::kHigh;
    f.count = 1;
    f.masked = "900101-1******";
    r.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(f.confidence)] += 1;
  }
  const JsonValue d = Reporter::fileData(r, "kim", "USB-1");
  BOOST_TEST(d.find("findings")->asArray().size() == 20u);
  BOOST_TEST(d.find("counts")->find("kr_rrn")->asInteger() == 30);
  BOOST_TEST(d.find("volume")->asString() == "USB-1");
  // The inventory holds no value: the excerpt is all a finding carries.
  BOOST_TEST(d.toJson().find("digest") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(pending_exception_requests_are_reported_once) {
  Fixture fx;
  auto first = fx.inv.addException("/home/kim/a.xlsx", 0, "needed", 30, 10, "d1");
  auto second = fx.inv.addException("/home/kim/b.xlsx", 0, "also", 7, 20, "d2");
  BOOST_TEST_REQUIRE((first.ok() && second.ok()));
  // The first was reported when it was made.
  auto list = fx.inv.exceptions(std::nullopt, 30);
  BOOST_TEST_REQUIRE(list.ok());
  BOOST_TEST_REQUIRE(Reporter::reportExceptionRequest(fx.inv, list->back(), 30).ok());
  BOOST_TEST_REQUIRE(fx.inv.deleteOutboxThrough(*fx.inv.lastOutboxSeq()).ok());
  // The second's report was lost (say): the next run catches it up, once.
  auto events = fx.report();
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0].kind == "exception_request");
  const JsonValue d = dataOf(events[0]);
  BOOST_TEST(d.find("request_id")->asInteger() == *second);
  BOOST_TEST(d.find("content_digest")->asString() == "d2");
  BOOST_TEST(d.find("days")->asInteger() == 7);
  BOOST_TEST(fx.report().empty());
  // A decided request is not sent again after a reset of the stream; a pending one is.
  BOOST_TEST_REQUIRE(fx.inv.applyDecision(*first, "denied", 40, 0, "").ok());
  BOOST_TEST_REQUIRE(fx.inv.resetReporting().ok());
  auto again = fx.report();
  BOOST_TEST_REQUIRE(again.size() == 1u);
  BOOST_TEST(dataOf(again[0]).find("request_id")->asInteger() == *second);
}

BOOST_AUTO_TEST_CASE(volumes_are_reported_when_they_change) {
  Fixture fx;
  Inventory::Volume v;
  v.key = "1234-ABCD";
  v.label = "USB";
  v.mount_point = "/media/kim/USB";
  v.size_bytes = 1000;
  v.first_seen_ms = v.last_seen_ms = 86'400'000;
  BOOST_TEST(*Reporter::reportVolume(fx.inv, v, 1) == 1u);
  BOOST_TEST(*Reporter::reportVolume(fx.inv, v, 2) == 0u);
  v.label = "RENAMED";
  BOOST_TEST(*Reporter::reportVolume(fx.inv, v, 3) == 1u);
  BOOST_TEST(*fx.inv.outboxDepth() == 2);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
