#include "SearchText.h"

#include <QChar>

#include <algorithm>

namespace herald::searchtext {

namespace {

bool isWordCharacter(char32_t c)
{
    return QChar::isLetterOrNumber(c);
}

void appendCodePoint(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

QString quoted(const QString &phrase)
{
    // Runs hold only letters and digits, so no quote can be inside; quoting keeps FTS5 from reading AND, OR, NEAR.
    return QLatin1Char('"') + phrase + QLatin1Char('"');
}

} // namespace

QString fold(const QString &text)
{
    bool plain = true;
    for (const QChar c : text) {
        if (c.unicode() >= 0x80) {
            plain = false;
            break;
        }
    }
    if (plain) {
        return text.toLower();
    }
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString bare;
    bare.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const QChar::Category category = c.category();
        if (category != QChar::Mark_NonSpacing && category != QChar::Mark_SpacingCombining &&
            category != QChar::Mark_Enclosing) {
            bare.append(c);
        }
    }
    return bare.normalized(QString::NormalizationForm_C).toCaseFolded();
}

QStringList runs(const QString &foldedText)
{
    QStringList out;
    QString run;
    const auto flush = [&] {
        if (!run.isEmpty()) {
            out.append(run);
            run.clear();
        }
    };
    for (const char32_t c : QStringView(foldedText).toUcs4()) {
        if (isWordCharacter(c)) {
            appendCodePoint(run, c);
        } else {
            flush();
        }
    }
    flush();
    return out;
}

namespace {

// The run's pairs, then its last character, each followed by a space.
void appendTokens(QString &out, const QString &run)
{
    const QList<uint> codePoints = run.toUcs4();
    for (qsizetype i = 0; i + 1 < codePoints.size(); ++i) {
        appendCodePoint(out, codePoints[i]);
        appendCodePoint(out, codePoints[i + 1]);
        out.append(QLatin1Char(' '));
    }
    appendCodePoint(out, codePoints.last());
    out.append(QLatin1Char(' '));
}

QString pairsPhrase(const QString &run)
{
    const QList<uint> codePoints = run.toUcs4();
    QString phrase;
    for (qsizetype i = 0; i + 1 < codePoints.size(); ++i) {
        if (i > 0) {
            phrase.append(QLatin1Char(' '));
        }
        appendCodePoint(phrase, codePoints[i]);
        appendCodePoint(phrase, codePoints[i + 1]);
    }
    return phrase;
}

} // namespace

QString grams(const QString &title, const QString &body)
{
    QString out;
    out.reserve((title.size() + body.size()) * 3);
    for (const QString *text : {&title, &body}) {
        for (const QString &run : runs(fold(*text))) {
            appendTokens(out, run);
        }
    }
    return out;
}

QStringList searchRuns(const QString &search)
{
    return runs(fold(search));
}

QString matchQuery(const QString &search)
{
    QStringList terms;
    for (const QString &run : searchRuns(search)) {
        if (run.toUcs4().size() == 1) {
            terms.append(quoted(run) + QLatin1Char('*')); // a pair that begins with it, or a run's last character
        } else {
            terms.append(quoted(pairsPhrase(run)));
        }
    }
    terms.removeDuplicates();
    return terms.join(QLatin1String(" AND "));
}

bool containsAll(const QString &title, const QString &body, const QStringList &foldedRuns)
{
    // As the index sees it: within one run of title or body, never across a space or from title into body.
    const QStringList textRuns = runs(fold(title)) + runs(fold(body));
    for (const QString &wanted : foldedRuns) {
        const bool found =
            std::any_of(textRuns.cbegin(), textRuns.cend(), [&](const QString &run) { return run.contains(wanted); });
        if (!found) {
            return false;
        }
    }
    return true;
}

} // namespace herald::searchtext
