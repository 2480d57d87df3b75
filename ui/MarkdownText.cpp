#include "MarkdownText.h"

#include <QFontDatabase>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextList>

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

Formatted formatted(const QString &text)
{
    SealedDocument document;
    read(document, text);
    Formatted out;
    const QString fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block != document.begin()) {
            out.text += u'\n';
        }
        if (block.textList()) {
            out.text += QStringLiteral("• ");
        }
        const bool heading = block.blockFormat().headingLevel() > 0;
        const bool codeBlock = block.blockFormat().nonBreakableLines();
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QTextCharFormat format = fragment.charFormat();
            if (!fragment.isValid() || format.isImageFormat()) {
                continue;
            }
            const int start = int(out.text.size());
            const int length = int(fragment.text().size());
            out.text += fragment.text();
            QTextCharFormat kept;
            if (heading || format.fontWeight() >= QFont::DemiBold) {
                kept.setFontWeight(QFont::Bold);
            }
            if (format.fontItalic()) {
                kept.setFontItalic(true);
            }
            if (format.fontStrikeOut()) {
                kept.setFontStrikeOut(true);
            }
            if (codeBlock || format.fontFixedPitch()) {
                kept.setFontFamilies({fixed});
            }
            if (format.isAnchor() && !format.anchorHref().isEmpty()) {
                out.anchors.append({start, length, QUrl(format.anchorHref())});
            }
            if (kept.propertyCount() > 0) {
                out.formats.append({start, length, kept});
            }
        }
    }
    return out;
}

} // namespace herald::ui::markdown
