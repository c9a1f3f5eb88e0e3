// SPDX-License-Identifier: Apache-2.0
// extractOle(): opens the compound file and picks the format by the streams present ([MS-CFB]
// says nothing of the application; each format names its own streams).
#include "extract/extractors.h"
#include "extract/ole/compound_file.h"
#include "extract/ole/doc_extractor.h"
#include "extract/ole/hwp_extractor.h"
#include "extract/ole/msg_extractor.h"
#include "extract/ole/ppt_extractor.h"
#include "extract/ole/xls_extractor.h"

namespace jamul::scanner::extract {

ExtractStatus extractOle(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  // HWP 3.x is not a compound file but shares the signature's first words; it reaches us when a
  // caller routes by name.
  if (doc.bytes.substr(0, 20) == "HWP Document File V3")
    return ExtractStatus::unsupported("HWP 3 format");
  Result<ole::CompoundFile> file = ole::CompoundFile::open(doc.bytes);
  if (!file) {
    if (file.error().code() == ErrorCode::kUnsupportedFormat)
      return ExtractStatus::unsupported(file.error().message());
    return ExtractStatus::corrupt(file.error().message());
  }
  if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
  if (file->find({"FileHeader"})) {
    ctx.setFormat("hwp");
    return ole::extractHwp(*file, sink, ctx);
  }
  // [MS-OFFCRYPTO] §2.3.4: an encrypted OOXML package is a compound file holding these streams.
  if (file->find({"EncryptionInfo"}) && file->find({"EncryptedPackage"}))
    return ExtractStatus::protectedDoc("encrypted OOXML document");
  if (file->find({"WordDocument"})) return ole::extractDoc(*file, sink, ctx);
  if (file->find({"Workbook"}) || file->find({"Book"})) return ole::extractXls(*file, sink, ctx);
  if (file->find({"PowerPoint Document"})) return ole::extractPpt(*file, sink, ctx);
  if (ole::isMsg(*file)) return ole::extractMsg(*file, sink, ctx);
  return ExtractStatus::unsupported("ole2 file of unknown kind");
}

}  // namespace jamul::scanner::extract
