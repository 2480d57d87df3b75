#pragma once

#include <QString>

#include <memory>

class QTranslator;

namespace herald::ui {

// The app's language: Herald's own strings and Qt's (dialog buttons), for "system" or a language code ("en",
// "ko"). Applying another one replaces the translators this installed; what is made afterwards speaks it.
class Translations final
{
public:
    // directory: where herald_<lang>.qm are (the resources the executable carries, by default).
    explicit Translations(QString directory = QStringLiteral(":/i18n"));
    ~Translations();
    Translations(const Translations &) = delete;
    Translations &operator=(const Translations &) = delete;

    void apply(const QString &language);
    // What apply() was last given; empty before the first.
    QString language() const { return m_language; }

private:
    void removeInstalled();

    QString m_directory;
    QString m_language;
    std::unique_ptr<QTranslator> m_herald;
    std::unique_ptr<QTranslator> m_qt;
};

} // namespace herald::ui
