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
    const QLocale locale =
        language.isEmpty() || language == QLatin1String("system") ? QLocale::system() : QLocale(language);
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
