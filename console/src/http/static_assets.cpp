// SPDX-License-Identifier: Apache-2.0
#include "http/static_assets.h"

#include <string_view>

namespace jamul::console {
namespace {

constexpr std::string_view kBuiltInPage =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>jamul-console</title>"
    "</head><body><h1>jamul-console</h1><p>This build carries no dashboard. Use "
    "<code>jamul-console admin</code> or the admin API (docs/console-api.md).</p></body></html>";

bool endsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

const StaticAsset* findAsset(const std::string& name) {
  for (const StaticAsset& asset : embeddedWebAssets()) {
    if (asset.name != nullptr && name == asset.name) return &asset;
  }
  return nullptr;
}

}  // namespace

std::string contentTypeFor(const std::string& name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (endsWith(name, extension)) return std::string(type);
  }
  return "application/octet-stream";
}

HttpReply staticReply(const ApiRequest& request) {
  std::string name = request.path == "/" ? "index.html" : request.path.substr(1);
  const StaticAsset* asset = name.find("..") == std::string::npos ? findAsset(name) : nullptr;
  HttpReply reply;
  if (asset == nullptr) {
    if (name == "index.html") {
      reply.body = std::string(kBuiltInPage);
      reply.content_type = "text/html; charset=utf-8";
      return reply;
    }
    return errorReply(Error(ErrorCode::kNotFound, "no such page"), 404);
  }
  reply.headers.emplace_back("ETag", asset->etag);
  reply.headers.emplace_back("Cache-Control", "no-cache");
  if (request.header("if-none-match") == asset->etag) {
    reply.status = 304;
    return reply;
  }
  reply.content_type = contentTypeFor(name);
  reply.body.assign(reinterpret_cast<const char*>(asset->data), asset->size);
  return reply;
}

}  // namespace jamul::console
