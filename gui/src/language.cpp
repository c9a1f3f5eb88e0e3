// SPDX-License-Identifier: Apache-2.0
#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>

namespace jamul::gui {

namespace {
QString g_current = QStringLiteral("en");
}

QString currentLanguage() { return g_current; }

Language::Language(QObject* parent) : QObject(parent) {
  choice_ = QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
  if (choice_ != QLatin1String("ko") && choice_ != QLatin1String("en"))
    choice_ = QStringLiteral("system");
}

QString Language::choice() const { return choice_; }

QString Language::systemLanguage() {
  // LANGUAGE/LC_ALL/LANG as Qt reads them; any Korean locale (ko_KR.UTF-8, ko) means Korean.
  return QLocale::system().language() == QLocale::Korean ? QStringLiteral("ko")
                                                         : QStringLiteral("en");
}

void Language::apply(const QString& choice, bool remember) {
  choice_ = (choice == QLatin1String("ko") || choice == QLatin1String("en")) ? choice
                                                                              : QStringLiteral("system");
  if (remember) QSettings().setValue(QStringLiteral("language"), choice_);
  const QString language = choice_ == QLatin1String("system") ? systemLanguage() : choice_;
  g_current = language;
  // Dates and numbers in the same language as the words around them.
  QLocale::setDefault(language == QLatin1String("ko") ? QLocale(QLocale::Korean, QLocale::SouthKorea)
                                                      : QLocale(QLocale::English, QLocale::UnitedStates));
  QCoreApplication::removeTranslator(&ours_);
  QCoreApplication::removeTranslator(&qt_);
  // Our catalogue is compiled into the binary (gui/CMakeLists.txt), so it cannot go missing.
  if (ours_.load(QStringLiteral(":/i18n/jamul_%1.qm").arg(language)))
    QCoreApplication::installTranslator(&ours_);
  if (qt_.load(QStringLiteral("qtbase_%1").arg(language),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(&qt_);
  emit changed(language);
}

}  // namespace jamul::gui
