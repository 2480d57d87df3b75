#pragma once

#include <QString>
#include <QStringList>

namespace herald::searchtext {

// History's search finds a piece of a word in any language: "ploy" finds "deploy", the two-syllable Korean "오류"
// finds "빌드오류가". A word index (unicode61) finds only whole words or their starts, and a trigram index nothing
// shorter than three characters, so the index holds character pairs instead: every run of letters and digits,
// folded (case, accents), becomes the run's overlapping pairs and then its last character alone. A search piece of
// two or more characters is the phrase of its pairs (consecutive, so exactly the piece); a single character is any
// token that begins with it. Nothing a person types can make the query malformed.

// Case-folded, accents removed (NFD without marks, recomposed so that Hangul stays in syllables).
QString fold(const QString &text);

// The runs of letters and digits in folded text: what both the index and a search are made of.
QStringList runs(const QString &foldedText);

// The index's tokens for title and body, separated by spaces.
QString grams(const QString &title, const QString &body);

// An FTS5 query for what a person typed (every piece must appear); empty when it holds no letter or digit.
QString matchQuery(const QString &search);

// The runs a search asks for, for messages not yet in the index: each must be in fold(title + body).
QStringList searchRuns(const QString &search);
bool containsAll(const QString &title, const QString &body, const QStringList &foldedRuns);

} // namespace herald::searchtext
