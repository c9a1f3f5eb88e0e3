// SPDX-License-Identifier: Apache-2.0
// extractPdf() and extractImage() (extractors.h) for the program: they load libjamul-pdf-ocr.so
// once, on first use, and call into it (pdf_ocr_module.h).
#include <dlfcn.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "extract/extractors.h"
#include "extract/pdf_ocr/pdf_ocr_module.h"

namespace jamul::scanner::extract {
namespace {

// The module, or why there is none. Loaded once per process and never unloaded: its threads'
// Tesseract engines (thread_local) are destroyed at thread exit, which needs the code in place.
struct LoadedModule {
  const PdfOcrEntryPoints* entry = nullptr;
  std::string problem;  // when entry is null: for the report's detail
};

std::string executableDirectory() {
  std::vector<char> buffer(4096);
  const ssize_t n = ::readlink("/proc/self/exe", buffer.data(), buffer.size());
  if (n <= 0 || static_cast<std::size_t>(n) >= buffer.size()) return {};
  std::string path(buffer.data(), static_cast<std::size_t>(n));
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::vector<std::string> candidatePaths() {
  std::vector<std::string> paths;
  if (const std::string dir = executableDirectory(); !dir.empty())
    paths.push_back(dir + "/../lib/jamul/" + kPdfOcrModuleName);
  paths.push_back(std::string(JAMUL_INSTALL_PREFIX "/lib/jamul/") + kPdfOcrModuleName);
  return paths;
}

LoadedModule load() {
  LoadedModule loaded;
  std::string tried;
  for (const std::string& path : candidatePaths()) {
    if (::access(path.c_str(), F_OK) != 0) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    // RTLD_LOCAL: the module's libraries (poppler's own copies of libjpeg, say) stay out of the
    // program's symbol scope. RTLD_NODELETE: see LoadedModule.
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      loaded.problem = "PDF and OCR support could not be loaded: " +
                       std::string(why != nullptr ? why : path.c_str());
      return loaded;
    }
    using EntryFunction = const PdfOcrEntryPoints* (*)();
    void* symbol = ::dlsym(handle, kPdfOcrEntrySymbol);
    const PdfOcrEntryPoints* entry =
        symbol != nullptr ? reinterpret_cast<EntryFunction>(symbol)() : nullptr;
    if (entry == nullptr || entry->abi != kPdfOcrAbi || entry->layout != pdfOcrLayout()) {
      loaded.problem = "PDF and OCR support at " + path + " is from another build of Jamul";
      return loaded;
    }
    loaded.entry = entry;
    return loaded;
  }
  loaded.problem = "PDF and OCR support is not installed (" + std::string(kPdfOcrModuleName) +
                   " not found at " + tried + ")";
  return loaded;
}

const LoadedModule& module() {
  static const LoadedModule loaded = load();  // thread-safe, once
  return loaded;
}

}  // namespace

ExtractStatus extractPdf(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  const LoadedModule& m = module();
  if (m.entry == nullptr) {
    ctx.setFormat("pdf");
    return ExtractStatus{FileStatus::kError, m.problem};
  }
  return m.entry->extract_pdf(doc, sink, ctx);
}

ExtractStatus extractImage(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  // Without OCR an image is unsupported whether or not the module is there: no need to load it.
  if (!ctx.limits().ocr) return ExtractStatus::unsupported("image: OCR is off");
  const LoadedModule& m = module();
  if (m.entry == nullptr) return ExtractStatus{FileStatus::kError, m.problem};
  return m.entry->extract_image(doc, sink, ctx);
}

}  // namespace jamul::scanner::extract
