// SPDX-License-Identifier: Apache-2.0
#pragma once

// Language: which language the tray speaks — the system locale's (Korean or English) unless the
// user chose one in the menu (kept in QSettings) — and the translators that make it so (ours from
// the resources, Qt's own for standard buttons and dialogs).
//
// Changing it sends every widget a LanguageChange event; widgets re-read their texts then
// (retranslate()), models emit headerDataChanged/dataChanged.
//
// Thread-safety: GUI thread only.

#include <QObject>
#include <QString>
#include <QTranslator>

namespace jamul::gui {

// "ko" or "en": the language in force now.
QString currentLanguage();

class Language : public QObject {
  Q_OBJECT
 public:
  explicit Language(QObject* parent = nullptr);

  // "system", "ko" or "en": the user's choice (QSettings), "system" when they made none.
  QString choice() const;
  // Applies `choice` ("system", "ko", "en"), remembers it unless `remember` is false (a command
  // line override), and installs the translators.
  void apply(const QString& choice, bool remember = true);

  // The language the system locale asks for: "ko" for Korean, else "en".
  static QString systemLanguage();

 signals:
  void changed(const QString& language);

 private:
  QTranslator ours_;
  QTranslator qt_;
  QString choice_;
};

}  // namespace jamul::gui
