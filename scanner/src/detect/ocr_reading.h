// SPDX-License-Identifier: Apache-2.0
#pragma once

// OcrReading: a second reading of text that OCR produced (TextWindow::ocr), for the confusions
// Tesseract makes in identifiers (issue 13). Only text marked as OCR output is read this way, and
// only inside candidate-like tokens; whatever a repair that changed a character produces must then
// be confirmed by a check digit or by a label of its rule (RuleLogic::score, flag kRepaired), so a
// repair cannot invent an identifier on its own.
//
// Repairs, on the normalised text:
//   - digit runs (groups joined by '-' or '.', mostly digits): letters OCR takes for digits become
//     them: O o D Q -> 0, I l | ! -> 1, Z z -> 2, S s $ -> 5, G -> 6, B -> 8, g q -> 9;
//   - passport shapes (a type letter and eight characters, DETECTION.md §3.3): '$' or '5' in front
//     becomes 'S' (a doubled "S$" one 'S'), lower case type letters upper case, and the digit
//     places get the digit mapping above;
//   - stray spaces inside digit groups: "01 0-6983-3282", "010-47 57-9890", "1 10-436-387740",
//     "010-4121 -6820" (a space next to a group of one or two digits that a hyphen joins to the
//     rest, or next to the hyphen); no character changes, so such a value needs no confirmation;
//   - e-mail addresses: '©' '®' "(a)" "(at)" become '@'; in the domain ',' becomes '.', and a space
//     before a top-level domain ("naver com", "seoul.go. kr", "daegu .go.kr") a '.'.
// Passport machine-readable zones (ICAO 9303 TD3 line 2: number, check digit, "KOR") are read
// as well: a document number whose check digit verifies, after the same repairs, is returned in
// mrzNumbers() for the detector to report.
//
// Offsets: read() returns the repaired text and keeps a map from its offsets back to the input's
// (toInput()), so findings point at the characters OCR produced.
//
// Thread-safety: none; one per Detector (the buffers are reused).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jamul::scanner::detect {

class OcrReading {
 public:
  // The repaired text: `text` itself when nothing needed repair, otherwise a view of an internal
  // buffer valid until the next call.
  std::string_view read(std::string_view text);

  // Maps an offset of the last repaired text to the input's. REQUIRES: offset <= repaired size.
  std::size_t toInput(std::size_t offset) const;
  // True if some character of repaired[begin, end) was changed, or a character other than a space
  // taken out of it.
  bool repairedWithin(std::size_t begin, std::size_t end) const;
  // True if spaces OCR put inside repaired[begin, end) were taken out (nothing else changed there).
  bool rejoinedWithin(std::size_t begin, std::size_t end) const;

  // A passport number from a machine-readable zone whose check digit verifies.
  struct MrzNumber {
    std::size_t begin = 0, end = 0;  // its characters in the repaired text (spaces between kept)
    std::string number;              // the nine characters, repaired ("M123A4567")
  };
  const std::vector<MrzNumber>& mrzNumbers() const { return mrz_; }

 private:
  struct Shift {
    std::size_t out;  // from this repaired offset on ...
    std::size_t in;   // ... the input offset is in + (offset - out)
  };
  void copyUpTo(std::string_view text, std::size_t to);
  void replace(std::string_view text, std::size_t from, std::size_t to, std::string_view with);
  void findMrz();

  std::string out_;
  std::size_t copied_ = 0;  // input bytes consumed
  std::vector<Shift> shifts_;
  std::vector<std::size_t> repaired_;  // sorted offsets in out_ of changed characters (and of the
                                       // two around a deletion)
  std::vector<std::size_t> rejoined_;  // ... the two around a space taken out
  std::vector<MrzNumber> mrz_;
  bool identity_ = true;
};

// ICAO Doc 9303 Part 3 §4.9 check digit of an MRZ field: weights 7, 3, 1 repeating; '0'-'9' count
// as 0-9, 'A'-'Z' as 10-35, '<' as 0. Returns '0'..'9'.
char mrzCheckDigit(std::string_view field);

}  // namespace jamul::scanner::detect
