// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/report_json.h"

#include "jamul/common/base64.h"

namespace jamul::agent {

using scanner::RuleId;

namespace {

// "basis":["checksum","label"], names in kAllBases order. Left out when unknown (0, a row from
// before the basis) or when it holds only bits this version has no name for.
void writeBasis(JsonWriter& w, scanner::BasisSet basis) {
  bool open = false;
  for (scanner::Basis b : scanner::kAllBases) {
    if (!scanner::hasBasis(basis, b)) continue;
    if (!open) w.key("basis").beginArray();
    open = true;
    w.value(scanner::basisName(b));
  }
  if (open) w.endArray();
}

}  // namespace

void writeReportJson(JsonWriter& w, const scanner::FileReport& report, std::string_view path,
                     scanner::Confidence min) {
  w.beginObject().key("path").value(path);
  if (!w.lastStringValid()) w.key("path_base64").value(base64::encode(path));
  w.key("status").value(scanner::fileStatusName(report.status));
  if (!report.detail.empty()) w.key("detail").value(report.detail);
  if (report.error_code) w.key("error").value(errorCodeName(*report.error_code));
  if (!report.format.empty()) w.key("format").value(report.format);
  w.key("size").value(report.entry.size);
  if (report.from_cache) w.key("cached").value(true);
  w.key("counts").beginObject();
  for (RuleId rule : scanner::kAllRules)
    if (const std::uint64_t n = report.count(rule, min); n > 0)
      w.key(scanner::ruleName(rule)).value(n);
  w.endObject();
  w.key("findings").beginArray();
  for (const scanner::FindingSummary& f : report.findings) {
    if (f.confidence < min) continue;
    w.beginObject()
        .key("rule")
        .value(scanner::ruleName(f.rule))
        .key("confidence")
        .value(scanner::confidenceName(f.confidence))
        .key("location")
        .value(f.location)
        .key("offset")
        .value(f.offset)
        .key("masked")
        .value(f.masked)
        .key("count")
        .value(f.count);
    writeBasis(w, f.basis);
    w.endObject();
  }
  w.endArray();
  if (report.findings_truncated) w.key("findings_truncated").value(true);
  w.endObject();
}

}  // namespace jamul::agent
