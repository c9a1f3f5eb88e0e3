// SPDX-License-Identifier: Apache-2.0
#include "support/skip.h"
#include "support/temp_dir.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace jamul::test {

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base != nullptr ? base : "/tmp") + "/jamul-test-XXXXXX";
  if (::mkdtemp(templ.data()) == nullptr) std::abort();
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ec;
  // Tests may have removed permissions to provoke errors; give them back before deleting.
  for (auto it = std::filesystem::recursive_directory_iterator(
           path_, std::filesystem::directory_options::skip_permission_denied, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code ignored;
    if (it->is_directory(ignored) && !it->is_symlink(ignored))
      std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ignored);
  }
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TempDir::write(std::string_view relative, std::string_view bytes) const {
  const std::filesystem::path full = path_ / std::filesystem::path(std::string(relative));
  std::filesystem::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) std::abort();
  return full;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) std::abort();
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path sharedDir() {
  const char* dir = std::getenv("JAMUL_SHARED_DIR");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path();
}

std::optional<std::filesystem::path> corpusDir(std::string_view sub) {
  const std::filesystem::path shared = sharedDir();
  if (shared.empty()) return std::nullopt;
  std::filesystem::path dir = shared / "corpus";
  if (!sub.empty()) dir /= sub;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  return dir;
}

std::vector<std::filesystem::path> actionTemporaryFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> found;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(".jamul-") && name.ends_with(".tmp")) found.push_back(e.path());
  }
  return found;
}

bool testDataRequired() {
  const char* required = std::getenv("JAMUL_REQUIRE_TEST_DATA");
  return required != nullptr && std::string_view(required) == "1";
}

}  // namespace jamul::test
