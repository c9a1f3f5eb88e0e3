// SPDX-License-Identifier: Apache-2.0
#pragma once

// TempDir: a fresh directory under $TMPDIR (or /tmp) removed with its contents on destruction.
// Helpers write files into it. Test-only; aborts on I/O errors.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jamul::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `bytes` to path()/relative (creating parent directories) and returns the full path.
  std::filesystem::path write(std::string_view relative, std::string_view bytes) const;

 private:
  std::filesystem::path path_;
};

// The temporary files that Jamul's in-place actions leave in `dir` while they run, or after a
// crash until recovery (`.jamul-<random>.tmp`).
std::vector<std::filesystem::path> actionTemporaryFiles(const std::filesystem::path& dir);

// Reads a whole file; aborts if it cannot.
std::string readFile(const std::filesystem::path& path);

// The ../shared directory beside the checkout (JAMUL_SHARED_DIR), or empty if unknown.
std::filesystem::path sharedDir();

// ../shared/corpus/<sub> (the whole corpus when `sub` is empty) if it is a directory; nullopt when
// JAMUL_SHARED_DIR is unset or the folder is missing, so that corpus suites can skip themselves.
std::optional<std::filesystem::path> corpusDir(std::string_view sub = {});

}  // namespace jamul::test
