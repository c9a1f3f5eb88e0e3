// SPDX-License-Identifier: Apache-2.0
#pragma once

// One file's report as the JSON object of `jamul scan --json` (docs/json-output.md), which the
// agent's local API also sends (findings, "found" events): path (path_base64 too when the name is
// not UTF-8), status, detail, error, format, size, cached, counts and findings at `min` or above
// (masked excerpts only: a report holds no raw value), each with the basis it was reported on
// when known.
//
// Thread-safety: a pure function.

#include <string_view>

#include "jamul/common/json_writer.h"
#include "jamul/scanner/file_report.h"

namespace jamul::agent {

void writeReportJson(JsonWriter& writer, const scanner::FileReport& report, std::string_view path,
                     scanner::Confidence min);

}  // namespace jamul::agent
