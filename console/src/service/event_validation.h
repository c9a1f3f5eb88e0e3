// SPDX-License-Identifier: Apache-2.0
#pragma once

// Checks the data of report events per kind (docs/console-api.md "Event kinds") and keeps only the
// documented fields: whatever else an agent sends is dropped, so nothing undocumented (least of
// all a raw value) reaches the database. A field of the wrong type, out of range or longer than
// its bound fails the batch with kInvalidArgument naming it ("events[3].data.counts.kr_rrn:
// must be a non-negative integer"). A file's masked findings are cut to the first 20.
//
// Bounds: paths 4,096 bytes; owners, volumes, labels, statuses, formats, rule ids 256 (rule ids
// [a-z0-9_], 64); reasons 1,024; excerpts' masked text and location 512; at most 256 rules per
// file.
//
// Thread-safety: pure functions.

#include <vector>

#include "jamul/common/result.h"
#include "jamul/protocol/console_api.h"
#include "store/records.h"

namespace jamul::console {

Result<std::vector<IngestEvent>> validateEvents(const protocol::ReportBatch& batch);

}  // namespace jamul::console
