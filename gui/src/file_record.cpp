// SPDX-License-Identifier: Apache-2.0
#include "file_record.h"

#include <QFileInfo>
#include <algorithm>

namespace jamul::gui {

using protocol::JsonValue;

namespace {

QString stringOf(const JsonValue& object, std::string_view key) {
  const JsonValue* v = object.find(key);
  return v && v->isString() ? QString::fromStdString(v->asString()) : QString();
}

qint64 integerOf(const JsonValue& object, std::string_view key, qint64 otherwise = 0) {
  const JsonValue* v = object.find(key);
  return v && v->isInteger() ? v->asInteger() : otherwise;
}

Result<FileRecord> parseFile(const JsonValue& file) {
  if (!file.isObject()) return Error(ErrorCode::kInvalidArgument, "a file is not an object");
  FileRecord record;
  record.path = stringOf(file, "path");
  if (record.path.isEmpty()) return Error(ErrorCode::kInvalidArgument, "a file has no path");
  record.status = stringOf(file, "status");
  record.format = stringOf(file, "format");
  record.size = integerOf(file, "size");
  if (const JsonValue* counts = file.find("counts"); counts && counts->isObject()) {
    for (const auto& [rule, n] : counts->members())
      if (n.isInteger()) record.counts.insert(QString::fromStdString(rule), n.asInteger());
  }
  if (const JsonValue* findings = file.find("findings"); findings && findings->isArray()) {
    for (const JsonValue& f : findings->asArray()) {
      if (!f.isObject()) return Error(ErrorCode::kInvalidArgument, "a finding is not an object");
      FindingItem item;
      item.rule = stringOf(f, "rule");
      item.level = levelFromName(stringOf(f, "confidence")).value_or(Level::kMedium);
      item.location = stringOf(f, "location");
      item.masked = stringOf(f, "masked");
      item.count = integerOf(f, "count", 1);
      if (const JsonValue* basis = f.find("basis"); basis && basis->isArray())
        for (const JsonValue& b : basis->asArray())
          if (b.isString()) item.basis << QString::fromStdString(b.asString());
      record.findings << item;
    }
  }
  if (record.status == QLatin1String("encrypted")) {
    record.state = FileState::kEncrypted;
    record.original = stringOf(file, "original");
    record.encrypted_at_ms = integerOf(file, "encrypted_at_ms");
  }
  if (const JsonValue* exception = file.find("exception"); exception && exception->isObject()) {
    record.exception_id = integerOf(*exception, "id");
    record.exception_state = stringOf(*exception, "state");
    record.exception_expires_ms = integerOf(*exception, "expires_at_ms");
    if (record.state == FileState::kUnprotected) record.state = FileState::kException;
  }
  return record;
}

}  // namespace

std::optional<Level> levelFromName(const QString& name) {
  if (name == QLatin1String("low")) return Level::kLow;
  if (name == QLatin1String("medium")) return Level::kMedium;
  if (name == QLatin1String("high")) return Level::kHigh;
  return std::nullopt;
}

QString levelName(Level level) {
  switch (level) {
    case Level::kLow: return QStringLiteral("low");
    case Level::kMedium: return QStringLiteral("medium");
    case Level::kHigh: return QStringLiteral("high");
  }
  return QStringLiteral("medium");
}

Level FileRecord::highestLevel() const {
  if (findings.isEmpty()) return Level::kMedium;
  Level best = Level::kLow;
  for (const FindingItem& f : findings) best = std::max(best, f.level);
  return best;
}

qint64 FileRecord::totalCount() const {
  qint64 total = 0;
  for (qint64 n : counts) total += n;
  return total;
}

QString FileRecord::fileName() const { return QFileInfo(path).fileName(); }

QString FileRecord::folder() const { return QFileInfo(path).path(); }

Result<FindingsPage> parseFindingsPage(const JsonValue& result) {
  const JsonValue* files = result.find("files");
  if (!files || !files->isArray())
    return Error(ErrorCode::kInvalidArgument, "the findings reply has no files");
  FindingsPage page;
  for (const JsonValue& f : files->asArray()) {
    auto record = parseFile(f);
    if (!record) return record.error();
    page.files << std::move(*record);
  }
  page.total = integerOf(result, "total", page.files.size());
  if (const JsonValue* next = result.find("next"); next && next->isInteger())
    page.next = next->asInteger();
  return page;
}

}  // namespace jamul::gui
