#include "MarkdownText.h"

#include <QTextDocument>

namespace herald::ui::markdown {

namespace {

class SealedDocument final : public QTextDocument
{
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &name) override
    {
        Q_UNUSED(type);
        Q_UNUSED(name);
        return {};
    }
};

} // namespace

QTextDocument *createSealedDocument(QObject *parent)
{
    return new SealedDocument(parent);
}

void read(QTextDocument &document, const QString &text)
{
    document.setMarkdown(
        text, QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub | QTextDocument::MarkdownNoHTML));
}

QString plainText(const QString &text)
{
    SealedDocument document;
    read(document, text);
    return document.toPlainText().trimmed();
}

} // namespace herald::ui::markdown
