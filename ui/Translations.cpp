#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace herald::ui {

Translations::Translations(QString directory)
    : m_directory(std::move(directory))
{}

Translations::~Translations()
{
    removeInstalled();
}

void Translations::removeInstalled()
{
    for (auto *translator : {m_herald.get(), m_qt.get()}) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
        }
    }
    m_herald.reset();
    m_qt.reset();
}

void Translations::apply(const QString &language)
{
    removeInstalled();
    m_language = language;
    const QLocale system = QLocale::system();
    const QLocale chosen = language.isEmpty() || language == QLatin1String("system") ? system : QLocale(language);
    // Times and dates follow the system's formats while the language is the system's own (English on a C or
    // POSIX system too): choosing English must not turn 07:41:40 into 7:41 AM.
    const bool systemLanguage = chosen.language() == system.language() ||
                                (chosen.language() == QLocale::English && system.language() == QLocale::C);
    const QLocale locale = systemLanguage ? system : chosen;
    QLocale::setDefault(locale);
    auto herald = std::make_unique<QTranslator>();
    // A language Herald has no translation for reads English, with English plurals (not the sources' "(s)").
    if (herald->load(locale, QStringLiteral("herald"), QStringLiteral("_"), m_directory) ||
        herald->load(QStringLiteral("herald_en"), m_directory)) {
        QCoreApplication::installTranslator(herald.get());
        m_herald = std::move(herald);
    }
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_qt = std::move(qt);
    }
}

} // namespace herald::ui
