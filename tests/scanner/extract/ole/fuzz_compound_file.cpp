// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the [MS-CFB] reader: open, walk every storage, read every stream.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/ole/compound_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jamul::scanner::extract::ole::CompoundFile;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  jamul::Result<CompoundFile> file = CompoundFile::open(bytes);
  if (!file) return 0;
  for (std::uint32_t id = 0; id < file->entries().size(); ++id) {
    (void)file->children(id);
    jamul::Result<std::string> stream = file->readStream(id);
    if (stream && stream->size() > bytes.size())
      __builtin_trap();  // streams never outgrow the file
  }
  (void)file->find({"BodyText", "Section0"});
  return 0;
}
