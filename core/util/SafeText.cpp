#include "SafeText.h"

namespace herald {

namespace {

// The code point at i, stepping i past it; a lone surrogate stands for itself.
char32_t nextCodePoint(QStringView text, qsizetype &i)
{
    const QChar c = text[i++];
    if (c.isHighSurrogate() && i < text.size() && text[i].isLowSurrogate()) {
        return QChar::surrogateToUcs4(c, text[i++]);
    }
    return c.unicode();
}

void appendCodePoint(QString &to, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        to += QChar(QChar::highSurrogate(c));
        to += QChar(QChar::lowSurrogate(c));
    } else {
        to += QChar(char16_t(c));
    }
}

} // namespace

bool isHiddenCharacter(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return true;
    }
    return (c >= 0x200b && c <= 0x200f)    // zero-width space, non-joiner, joiner; LRM, RLM
           || (c >= 0x202a && c <= 0x202e) // embeddings and overrides
           || (c >= 0x2060 && c <= 0x2064) // word joiner, invisible operators
           || (c >= 0x2066 && c <= 0x2069) // isolates
           || c == 0x061c                  // Arabic letter mark
           || c == 0xfeff;                 // BOM, zero-width no-break space
}

QString terminalSafe(QStringView text, bool keepLineBreaks)
{
    QString safe;
    safe.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        const char32_t c = nextCodePoint(text, i);
        if (c == u'\t' || (keepLineBreaks && c == u'\n') || !isHiddenCharacter(c)) {
            appendCodePoint(safe, c);
            continue;
        }
        switch (c) {
        case 0x1b:
            safe += QLatin1String("\\e");
            break;
        case u'\r':
            safe += QLatin1String("\\r");
            break;
        case u'\n':
            safe += QLatin1String("\\n");
            break;
        default:
            safe += (c < 0x100 ? QLatin1String("\\x") : QLatin1String("\\u")) +
                    QString::number(uint(c), 16).toUpper().rightJustified(c < 0x100 ? 2 : 4, QLatin1Char('0'));
        }
    }
    return safe;
}

QString displaySafe(QStringView text, qsizetype maxLength)
{
    QString safe;
    safe.reserve(std::min(text.size(), maxLength + 1));
    for (qsizetype i = 0; i < text.size();) {
        const char32_t c = nextCodePoint(text, i);
        if (c == u'\r') {
            continue; // CRLF becomes LF; a lone CR would overwrite nothing in a popup anyway
        }
        if (c != u'\n' && c != u'\t' && isHiddenCharacter(c)) {
            continue;
        }
        if (safe.size() + (QChar::requiresSurrogates(c) ? 2 : 1) > maxLength) {
            // No room: the last characters that fit give way to the ellipsis, never half a surrogate pair.
            while (!safe.isEmpty() && safe.size() > maxLength - 1) {
                const bool pair =
                    safe.size() >= 2 && safe.back().isLowSurrogate() && safe.at(safe.size() - 2).isHighSurrogate();
                safe.chop(pair ? 2 : 1);
            }
            safe += QChar(0x2026);
            break;
        }
        appendCodePoint(safe, c);
    }
    return safe;
}

} // namespace herald
