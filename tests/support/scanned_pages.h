// SPDX-License-Identifier: Apache-2.0
#pragma once

// Scanned test pages for the OCR measurements (issue 13): synthetic forms, ID-card and driver's
// licence copies, passport data pages with their machine-readable zone, card statements and contact
// lists, drawn with ImageMagick in a Nanum font (Debian fonts-nanum) and then degraded as a scanner
// and a photocopier would: rotated a little, blurred, noisy, resampled to 100-300 dpi, saved as
// JPEG at quality 35 and up (or as a grey PNG).
//
// The page content is generated here (values from synth's generators, every one labelled as such
// documents label it), and renderPage() runs `convert`; the values planted on a page are returned
// with it, without a location (OCR text lines cannot be predicted), for AccuracyTally.
//
// Thread-safety: pure functions apart from the files renderPage() writes.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "jamul/common/result.h"
#include "support/accuracy_tally.h"

namespace jamul::test {

enum class PageLayout : std::uint8_t { kForm, kIdCard, kLicence, kPassport, kStatement, kContacts };
std::string_view pageLayoutName(PageLayout layout);

struct TextLine {
  std::string text;
  int x = 0, y = 0;         // baseline position at 300 dpi
  int points = 11;          // type size at 300 dpi (1 pt = 300/72 px)
  bool monospace = false;   // the MRZ
  bool bold = false;
};

// Degradations applied after drawing (at 300 dpi).
struct ScanParameters {
  int dpi = 300;            // resampled to this
  double rotate = 0;        // degrees
  double blur = 0;          // Gaussian sigma in pixels at 300 dpi
  double noise = 0;         // ImageMagick -attenuate for +noise Gaussian; 0: none
  int jpeg_quality = 0;     // 0: grey PNG
};

struct ScannedPage {
  std::string name;  // file name with extension
  PageLayout layout = PageLayout::kForm;
  int width = 2480, height = 3508;  // A4 at 300 dpi
  std::vector<TextLine> lines;
  // Rectangles (x, y, w, h at 300 dpi) drawn in light grey with a border: ID cards, photos.
  std::vector<std::array<int, 4>> boxes;
  ScanParameters scan;
  std::vector<ExpectedValue> expected;
};

// Page `index` of the set for `seed`: the layout cycles, the rest is drawn from (seed, index).
ScannedPage scannedPage(std::uint64_t seed, std::uint64_t index);

// Draws `page` with ImageMagick (`convert`, which must be ImageMagick's) and `font_dir`'s Nanum
// fonts into `path`. Fails with kUnavailable when convert or the fonts are missing, kInternal when
// convert fails.
Status renderPage(const ScannedPage& page, const std::string& path, const std::string& convert,
                  const std::string& font_dir);

// The first ImageMagick `convert` found: $JAMUL_CONVERT, /usr/bin/convert, then `convert` on PATH
// if it reports an ImageMagick version; empty when there is none.
std::string findImageMagick();
// "/usr/share/fonts/truetype/nanum" when NanumGothic.ttf is there; empty otherwise.
std::string findNanumFonts();

}  // namespace jamul::test
