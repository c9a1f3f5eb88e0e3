// SPDX-License-Identifier: Apache-2.0
#pragma once

// The dashboard's files (console/web/), embedded in the binary at build time
// (cmake/embed_web.cmake writes web_assets.cpp), and their replies: `/` is index.html, `/<name>`
// the file of that name, with its Content-Type, an ETag (its SHA-256; If-None-Match gives 304)
// and Cache-Control: no-cache (the browser revalidates, so a new console never serves a stale
// dashboard). Without any embedded file, `/` is a minimal built-in page.
//
// Thread-safety: read-only data.

#include <cstddef>
#include <span>
#include <string>

#include "http/http_io.h"

namespace jamul::console {

struct StaticAsset {
  const char* name;  // relative to console/web/, e.g. "app.js", "i18n/ko.json"
  const unsigned char* data;
  std::size_t size;
  const char* etag;  // quoted
};

// Defined by the generated web_assets.cpp.
std::span<const StaticAsset> embeddedWebAssets();

// The reply for GET `request.path` (404 for an unknown name).
HttpReply staticReply(const ApiRequest& request);

// "text/javascript; charset=utf-8" and so on, by the name's extension.
std::string contentTypeFor(const std::string& name);

}  // namespace jamul::console
