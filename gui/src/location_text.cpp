// SPDX-License-Identifier: Apache-2.0
#include "location_text.h"

#include <QRegularExpression>

namespace jamul::gui {

QString LocationText::of(const QString& location) {
  static const QRegularExpression place(
      QStringLiteral("\\b(line|paragraph|page|row|column|section|slide|sheet) (\\d+)\\b"));
  QString out;
  qsizetype last = 0;
  auto it = place.globalMatch(location);
  while (it.hasNext()) {
    const QRegularExpressionMatch m = it.next();
    out += location.mid(last, m.capturedStart() - last);
    const QString word = m.captured(1);
    const QString n = m.captured(2);
    if (word == QLatin1String("line")) out += tr("line %1").arg(n);
    else if (word == QLatin1String("paragraph")) out += tr("paragraph %1").arg(n);
    else if (word == QLatin1String("page")) out += tr("page %1").arg(n);
    else if (word == QLatin1String("row")) out += tr("row %1").arg(n);
    else if (word == QLatin1String("column")) out += tr("column %1").arg(n);
    else if (word == QLatin1String("section")) out += tr("section %1").arg(n);
    else if (word == QLatin1String("slide")) out += tr("slide %1").arg(n);
    else out += tr("sheet %1").arg(n);
    last = m.capturedEnd();
  }
  out += location.mid(last);
  out.replace(QStringLiteral("attachment:"), tr("attachment:"));
  // "!" joins a container and a place inside it: a reader sees a path.
  out.replace(QLatin1Char('!'), QStringLiteral(" › "));
  return out;
}

}  // namespace jamul::gui
