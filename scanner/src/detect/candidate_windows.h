// SPDX-License-Identifier: Apache-2.0
#pragma once

// Candidate windows: the prefilter in front of RE2 (DESIGN.md §4 "Speed"). Every rule's match
// contains a trigger: an ASCII digit (all numeric rules, IPv4, most IPv6), '@' (e-mail), or ':'/'='
// (IPv6 without digits, password labels). One vectorised pass finds the triggers; each becomes a
// small window of text around it, wide enough to hold any match through it plus the leading guard
// character, and overlapping windows are merged. RE2 then runs only inside the windows. Korean
// prose has few digits, so most of a document is never seen by a regex engine.
//
// Contract: every match of a catalogue pattern that passes its rule's validation
// (RuleLogic::inspect) lies entirely inside one window. tests/scanner/candidate_windows_test.cpp
// checks this property against a full-text RE2 scan.
//
// Pure function over its input; thread-safe.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace jamul::scanner::detect {

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Appends the merged, sorted windows of `text` (normalised) to `out` (which is cleared first).
// Window edges fall on UTF-8 character boundaries.
void findCandidateWindows(std::string_view text, std::vector<Span>& out);
// Scratch space of findCandidateWindows(): one bit per byte of text.
struct TriggerBitmaps {
  std::vector<std::uint64_t> digits;     // ASCII digits
  std::vector<std::uint64_t> continues;  // bytes that may continue a digit run: joiners, letters
  std::vector<std::uint64_t> others;     // ':', '=', '@'
};

// How the trigger bitmaps are computed: all give the same bits. bestTriggerScan() is what this CPU
// does fastest (AVX2 where there is one, else SSE2); the others exist for tests that compare.
enum class TriggerScan { kPortable, kSse2, kAvx2 };
TriggerScan bestTriggerScan();
// Fills `bits` for `text` (one word more than the text needs, so that the bit just past its end
// exists). Returns false, filling nothing, if this CPU or build cannot do `how`.
bool fillTriggerBitmaps(std::string_view text, TriggerBitmaps& bits, TriggerScan how);

// The same, with caller-owned scratch buffers reused across calls (the detector's hot path).
void findCandidateWindows(std::string_view text, std::vector<Span>& out, TriggerBitmaps& scratch);

// Margin before a digit cluster: covers "+82 (0)", a passport letter, a two-syllable region name
// before a licence number, and the guard character. After it, only the trailing guard is needed
// (checked on the whole text), so the margin is small.
inline constexpr std::size_t kDigitMargin = 24;
inline constexpr std::size_t kDigitTrailingMargin = 8;
// Windows closer than this are merged: RE2 costs about a microsecond per call, far more than
// scanning this many extra bytes (measured on digit-dense logs and tables).
#ifndef JAMUL_WINDOW_MERGE_GAP
#define JAMUL_WINDOW_MERGE_GAP 0
#endif
inline constexpr std::size_t kWindowMergeGap = JAMUL_WINDOW_MERGE_GAP;
// A digit cluster opens a window only with this many digits, in a passport shape, or with three
// dots (IPv4).
inline constexpr int kMinClusterDigits = 9;

}  // namespace jamul::scanner::detect
