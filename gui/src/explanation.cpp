// SPDX-License-Identifier: Apache-2.0
#include "explanation.h"

#include <QDateTime>
#include <QDir>
#include <QLocale>

#include "findings_model.h"
#include "location_text.h"

namespace jamul::gui {

QString Explanation::basisText(const QString& basis, const QString& rule) {
  // The agent's "checksum" is the rule's own check: a check digit for numbers, a real top-level
  // domain for an e-mail address.
  if (basis == QLatin1String("checksum"))
    return rule == QLatin1String("email") ? tr("its domain exists") : tr("its check digit is valid");
  if (basis == QLatin1String("keyword")) return tr("a word naming this kind of data is nearby");
  if (basis == QLatin1String("label")) return tr("it is labelled as such (its own label or column header)");
  if (basis == QLatin1String("format")) return tr("its format alone (separators, valid date or prefix)");
  if (basis == QLatin1String("repaired")) return tr("read by text recognition and confirmed");
  return basis.toHtmlEscaped();
}

QString Explanation::html(const FileRecord& file, const RuleNames& names) {
  QString out;
  out += QStringLiteral("<h3>%1</h3>").arg(file.fileName().toHtmlEscaped());
  out += QStringLiteral("<p>%1<br>").arg(QDir::toNativeSeparators(file.path).toHtmlEscaped());
  out += tr("State: %1").arg(FindingsModel::stateText(file).toHtmlEscaped());
  if (file.state == FileState::kEncrypted && file.encrypted_at_ms > 0)
    out += QStringLiteral("<br>") +
           tr("Encrypted on %1").arg(QLocale().toString(
               QDateTime::fromMSecsSinceEpoch(file.encrypted_at_ms), QLocale::ShortFormat));
  if (file.state == FileState::kException && file.exception_expires_ms > 0)
    out += QStringLiteral("<br>") +
           tr("Exception until %1").arg(QLocale().toString(
               QDateTime::fromMSecsSinceEpoch(file.exception_expires_ms).date(), QLocale::ShortFormat));
  if (!file.volume.isEmpty())
    out += QStringLiteral("<br>") + tr("On removable disk %1").arg(file.volume.toHtmlEscaped());
  out += QStringLiteral("</p>");

  if (file.findings.isEmpty()) {
    if (file.state == FileState::kEncrypted) {
      out += QStringLiteral("<p>") + tr("Before it was encrypted it held:") + QStringLiteral("</p><ul>");
      for (auto it = file.counts.begin(); it != file.counts.end(); ++it)
        out += QStringLiteral("<li>%1</li>")
                   .arg(tr("%1: %n occurrence(s)", nullptr, static_cast<int>(it.value()))
                            .arg(names.title(it.key()).toHtmlEscaped()));
      out += QStringLiteral("</ul>");
    }
    return out;
  }
  out += QStringLiteral("<p><b>%1</b></p><ol>").arg(tr("Why it was reported"));
  for (const FindingItem& f : file.findings) {
    out += QStringLiteral("<li><b>%1</b> &nbsp;<tt>%2</tt>").arg(names.title(f.rule).toHtmlEscaped(),
                                                               f.masked.toHtmlEscaped());
    out += QStringLiteral("<br>") + tr("Where: %1").arg(LocationText::of(f.location).toHtmlEscaped());
    if (f.count > 1) out += QStringLiteral(" ") + tr("(%n time(s))", nullptr, static_cast<int>(f.count));
    out += QStringLiteral("<br>") + tr("Confidence: %1").arg(FindingsModel::levelText(f.level));
    QStringList reasons;
    reasons << tr("it matches the rule for %1 (%2)").arg(names.title(f.rule).toHtmlEscaped(), f.rule);
    for (const QString& b : f.basis) reasons << basisText(b, f.rule);
    out += QStringLiteral("<br>") + tr("Because: %1").arg(reasons.join(QStringLiteral("; ")));
    out += QStringLiteral("</li>");
  }
  out += QStringLiteral("</ol>");
  out += QStringLiteral("<p><small>%1</small></p>")
             .arg(tr("Values are shown masked; Jamul never stores or shows them whole."));
  return out;
}

}  // namespace jamul::gui
