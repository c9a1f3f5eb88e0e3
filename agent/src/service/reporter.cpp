// SPDX-License-Identifier: Apache-2.0
#include "service/reporter.h"

#include <pwd.h>

#include <algorithm>
#include <map>
#include <vector>

#include "jamul/crypto/credentials.h"
#include "jamul/protocol/console_api.h"
#include "jamul/scanner/rule.h"

namespace jamul::agent {
namespace {

using protocol::JsonValue;
using scanner::Confidence;

JsonValue str(std::string s) { return JsonValue::string(std::move(s)); }
JsonValue num(std::int64_t n) { return JsonValue::integer(n); }
JsonValue u64(std::uint64_t n) { return JsonValue::integer(static_cast<std::int64_t>(n)); }

std::string fingerprintOf(const std::string& data) { return crypto::tokenDigest(data); }

// The longest path the console takes (a longer one would have it refuse the whole batch, and the
// outbox would be stuck behind it): such files are left out of the reports.
constexpr std::size_t kMaxReportedPathBytes = 4096;

std::string_view actionName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kEncrypt: return "encrypt";
    case ActionKind::kDecrypt: return "decrypt";
    case ActionKind::kShred: return "shred";
  }
  return "encrypt";
}

// The key of the removable volume `path` lies on (the longest mount point above it), or "".
std::string volumeOf(const std::string& path, const std::vector<Inventory::Volume>& volumes) {
  std::string key;
  std::size_t best = 0;
  for (const Inventory::Volume& v : volumes) {
    if (!v.removable || v.mount_point.empty()) continue;
    const std::string& m = v.mount_point;
    if (path.size() > m.size() && path.starts_with(m) && path[m.size()] == '/' &&
        m.size() > best) {
      best = m.size();
      key = v.key;
    }
  }
  return key;
}

struct FileTotals {
  std::uint64_t files = 0, items = 0;
};

}  // namespace

std::string userNameOf(std::uint32_t uid) {
  passwd pw{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (::getpwuid_r(uid, &pw, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
    return found->pw_name;
  return std::to_string(uid);
}

JsonValue Reporter::fileData(const scanner::FileReport& report, const std::string& owner,
                             const std::string& volume) {
  std::vector<JsonValue::Member> counts;
  for (scanner::RuleId rule : scanner::kAllRules) {
    const std::uint64_t n = report.count(rule, Confidence::kMedium);
    if (n > 0) counts.emplace_back(std::string(scanner::ruleName(rule)), u64(n));
  }
  std::vector<JsonValue> findings;
  for (const scanner::FindingSummary& f : report.findings) {
    if (findings.size() == protocol::kMaxExcerptsPerFileEvent) break;
    if (scanner::confidenceIndex(f.confidence) < scanner::confidenceIndex(Confidence::kMedium))
      continue;
    findings.push_back(JsonValue::object(
        {{"rule", str(std::string(scanner::ruleName(f.rule)))},
         {"confidence", str(std::string(scanner::confidenceName(f.confidence)))},
         {"location", str(f.location)},
         {"masked", str(f.masked)},
         {"count", u64(f.count)}}));
  }
  return JsonValue::object({{"path", str(report.entry.path)},
                            {"owner", str(owner)},
                            {"volume", str(volume)},
                            {"status", str(std::string(scanner::fileStatusName(report.status)))},
                            {"format", str(report.format)},
                            {"size", u64(report.entry.size)},
                            {"counts", JsonValue::object(std::move(counts))},
                            {"findings", JsonValue::array(std::move(findings))},
                            {"encrypted", JsonValue::boolean(false)},
                            {"original", str("")}});
}

namespace {

// The event of an exception request, and the mark that it was reported (kind "exception", key
// its id), for one write.
void addExceptionRequest(Inventory::OutboxWrite& write, const Inventory::ExceptionRequest& e,
                         std::int64_t now_ms) {
  write.events.push_back({"exception_request", now_ms,
                          JsonValue::object({{"request_id", num(e.id)},
                                             {"path", str(e.path)},
                                             {"owner", str(userNameOf(e.owner))},
                                             {"content_digest", str(e.content_digest)},
                                             {"reason", str(e.reason)},
                                             {"days", num(e.days)},
                                             {"requested_at_ms", num(e.requested_at_ms)}})
                              .toJson()});
  write.reported.push_back({"exception", std::to_string(e.id), std::string("1")});
}

}  // namespace

Result<std::size_t> Reporter::reportChanges(Inventory& inventory, std::int64_t now_ms,
                                            const std::optional<ScanFacts>& scan) {
  JAMUL_ASSIGN_OR_RETURN(std::vector<scanner::FileReport> reports,
                         inventory.reportsWithFindings(Confidence::kMedium));
  JAMUL_ASSIGN_OR_RETURN(std::vector<Inventory::EncryptedFile> sealed,
                         inventory.encryptedFiles(std::nullopt));
  JAMUL_ASSIGN_OR_RETURN(std::vector<Inventory::Volume> volumes, inventory.volumes());
  JAMUL_ASSIGN_OR_RETURN(auto reported_list, inventory.reportedFingerprints("file"));
  std::map<std::string, std::string> reported(reported_list.begin(), reported_list.end());

  std::map<std::uint32_t, std::string> names;
  const auto nameOf = [&](std::uint32_t uid) -> const std::string& {
    auto it = names.find(uid);
    if (it == names.end()) it = names.emplace(uid, userNameOf(uid)).first;
    return it->second;
  };

  // path -> the event data now.
  std::map<std::string, std::string> current;
  FileTotals plain, encrypted;
  for (const scanner::FileReport& r : reports) {
    if (r.entry.path.size() > kMaxReportedPathBytes) continue;
    const JsonValue data = fileData(r, nameOf(r.entry.owner), volumeOf(r.entry.path, volumes));
    current[r.entry.path] = data.toJson();
    ++plain.files;
    plain.items += r.total(Confidence::kMedium);
  }
  for (const Inventory::EncryptedFile& f : sealed) {
    if (f.path.size() > kMaxReportedPathBytes || f.original.size() > kMaxReportedPathBytes) continue;
    std::vector<JsonValue::Member> counts;
    std::uint64_t items = 0;
    for (const auto& [rule, n] : f.counts) {
      counts.emplace_back(rule, u64(n));
      items += n;
    }
    const JsonValue data = JsonValue::object(
        {{"path", str(f.path)},
         {"owner", str(f.owner ? nameOf(*f.owner) : std::string())},
         {"volume", str(volumeOf(f.path, volumes))},
         {"status", str("encrypted")},
         {"format", str("age")},
         {"size", num(0)},
         {"counts", JsonValue::object(std::move(counts))},
         {"findings", JsonValue::array({})},
         {"encrypted", JsonValue::boolean(true)},
         {"original", str(f.original)}});
    current[f.path] = data.toJson();
    ++encrypted.files;
    encrypted.items += items;
  }

  Inventory::OutboxWrite write;
  for (const auto& [path, data] : current) {
    std::string fp = fingerprintOf(data);
    const auto it = reported.find(path);
    if (it != reported.end() && it->second == fp) continue;
    write.events.push_back({"file", now_ms, data});
    write.reported.push_back({"file", path, std::move(fp)});
  }
  for (const auto& [path, fp] : reported) {
    if (current.count(path) != 0) continue;
    write.events.push_back(
        {"file_removed", now_ms, JsonValue::object({{"path", str(path)}}).toJson()});
    write.reported.push_back({"file", path, std::nullopt});
  }

  // Actions that ended since the last report, oldest first.
  std::int64_t cursor = 0;
  JAMUL_ASSIGN_OR_RETURN(auto cursor_text, inventory.agentState(kReportedActionKey));
  if (cursor_text) cursor = std::strtoll(cursor_text->c_str(), nullptr, 10);
  JAMUL_ASSIGN_OR_RETURN(auto actions, inventory.finishedActions(std::nullopt, 0, 0, 100000));
  std::int64_t newest = cursor;
  for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
    if (it->id <= cursor) continue;
    newest = std::max(newest, it->id);
    if (it->path.size() > kMaxReportedPathBytes) continue;
    write.events.push_back(
        {"action", it->finished_at_ms,
         JsonValue::object({{"path", str(it->path)},
                            {"action", str(std::string(actionName(it->kind)))},
                            {"ok", JsonValue::boolean(it->state == "done")},
                            {"owner", str(it->owner ? nameOf(*it->owner) : std::string())},
                            {"at_ms", num(it->finished_at_ms)}})
             .toJson()});
  }
  if (newest != cursor) write.state.emplace_back(std::string(kReportedActionKey), std::to_string(newest));

  // Exception requests still pending that the console has not been sent (one whose report failed,
  // or made before enrollment).
  JAMUL_ASSIGN_OR_RETURN(auto requests, inventory.exceptions(std::nullopt, now_ms));
  JAMUL_ASSIGN_OR_RETURN(auto sent_list, inventory.reportedFingerprints("exception"));
  std::map<std::string, std::string> sent(sent_list.begin(), sent_list.end());
  for (auto it = requests.rbegin(); it != requests.rend(); ++it)  // oldest first
    if (it->state == "pending" && sent.count(std::to_string(it->id)) == 0 &&
        it->path.size() <= kMaxReportedPathBytes)
      addExceptionRequest(write, *it, now_ms);

  if (scan) {
    JAMUL_ASSIGN_OR_RETURN(std::uint64_t files, inventory.fileCount(std::nullopt));
    // files_with_findings and items count every file with personal data, encrypted or not (the
    // console's "files with personal data" and the before/after totals); *_encrypted the share
    // Jamul encrypted.
    write.events.push_back(
        {"scan", now_ms,
         JsonValue::object({{"reason", str(scan->reason)},
                            {"started_ms", num(scan->started_ms)},
                            {"finished_ms", num(scan->finished_ms)},
                            {"files", u64(files)},
                            {"files_with_findings", u64(plain.files + encrypted.files)},
                            {"files_encrypted", u64(encrypted.files)},
                            {"items", u64(plain.items + encrypted.items)},
                            {"items_encrypted", u64(encrypted.items)}})
             .toJson()});
  }
  if (write.events.empty() && write.state.empty()) return std::size_t{0};
  JAMUL_RETURN_IF_ERROR(inventory.appendToOutbox(write));
  return write.events.size();
}

Result<std::size_t> Reporter::reportVolume(Inventory& inventory, const Inventory::Volume& v,
                                           std::int64_t now_ms) {
  const std::string data = JsonValue::object({{"key", str(v.key)},
                                              {"label", str(v.label)},
                                              {"size_bytes", u64(v.size_bytes)},
                                              {"removable", JsonValue::boolean(v.removable)},
                                              {"first_seen_ms", num(v.first_seen_ms)},
                                              {"last_seen_ms", num(v.last_seen_ms)}})
                               .toJson();
  // The fingerprint leaves out last_seen: a volume plugged in again is reported again only when
  // something else about it changed, or once a day.
  const std::string fp = fingerprintOf(
      JsonValue::object({{"key", str(v.key)},
                         {"label", str(v.label)},
                         {"size_bytes", u64(v.size_bytes)},
                         {"removable", JsonValue::boolean(v.removable)},
                         {"day", num(v.last_seen_ms / 86'400'000)}})
          .toJson());
  JAMUL_ASSIGN_OR_RETURN(auto reported, inventory.reportedFingerprints("volume"));
  for (const auto& [key, f] : reported)
    if (key == v.key && f == fp) return std::size_t{0};
  Inventory::OutboxWrite write;
  write.events.push_back({"volume", now_ms, data});
  write.reported.push_back({"volume", v.key, fp});
  JAMUL_RETURN_IF_ERROR(inventory.appendToOutbox(write));
  return std::size_t{1};
}

Status Reporter::reportExceptionRequest(Inventory& inventory,
                                        const Inventory::ExceptionRequest& e,
                                        std::int64_t now_ms) {
  if (e.path.size() > kMaxReportedPathBytes) return okStatus();
  Inventory::OutboxWrite write;
  addExceptionRequest(write, e, now_ms);
  return inventory.appendToOutbox(write);
}

}  // namespace jamul::agent
