#pragma once

#include <QList>
#include <QString>
#include <QTextLayout>
#include <QUrl>

class QObject;
class QTextDocument;

namespace herald::ui::markdown {

// Markdown as Herald shows a server's text: GitHub's dialect, raw HTML left as text, in documents that load nothing
// by themselves. (A QTextDocument reads a local file for any resource its view does not load, so Markdown's own
// ![x](file:///…) would show a file of the server's choosing.)

// A document for a view of a server's text: it loads no resource; what it shows is added to it beforehand.
QTextDocument *createSealedDocument(QObject *parent);
// Reads text's Markdown into document.
void read(QTextDocument &document, const QString &text);
// What text's Markdown says, as plain text: for popups, which show no formatting.
QString plainText(const QString &text);

// A link in formatted text: [start, start + length) goes to url (as written; the view decides what it opens).
struct Anchor
{
    int start = 0;
    int length = 0;
    QUrl url;
};
// Markdown as text with formats for a QTextLayout (a chat bubble): bold, italic, struck out, code, headings in bold,
// list items with a bullet, links underlined and listed; blocks end with a line break, images are left out.
struct Formatted
{
    QString text;
    QList<QTextLayout::FormatRange> formats;
    QList<Anchor> anchors;
};
Formatted formatted(const QString &text);

} // namespace herald::ui::markdown
