// SPDX-License-Identifier: Apache-2.0
#pragma once

// The packed findings of one file row (files.report_cache, schema v2), so that an unchanged rescan
// fills a cached report from memory instead of one findings query per file. Derived data: the
// findings and file_counts tables stay the source of truth that people and the console query; a
// row whose cache is NULL, or that this code cannot decode, is read from those tables instead.
//
// Layout (docs/inventory.md): a version byte (2), then a varint count of findings, each as
// rule name (varint length + bytes), confidence index and basis bits (one byte each), count,
// offset (varints), location and masked excerpt (varint length + bytes) and the 16-byte digest;
// then a varint count of exact per-rule counts (only when the findings were truncated), each as
// rule name, confidence index and occurrences. Rules are stored by name, the stable API id, so a
// renumbered enum never misreads an old cache. Like the findings table it holds masked excerpts
// and keyed digests only.

#include <string>
#include <string_view>

#include "jamul/scanner/file_report.h"

namespace jamul::agent {

// The cache of `report`'s findings (and of its counts when findings_truncated).
std::string encodeReportCache(const scanner::FileReport& report);

// Fills `report.findings` and `report.counts` from `cache`. Returns false, leaving both empty, for
// a cache it cannot read (another version, damage): the caller then reads the tables. Findings of
// a rule this version does not know are skipped, as the table path does.
bool decodeReportCache(std::string_view cache, bool truncated, scanner::FileReport& report);

}  // namespace jamul::agent
