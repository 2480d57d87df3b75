#include "history/MessageView.h"

#include "MarkdownText.h"

#include <QImage>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextDocumentFragment>
#include <QTextImageFormat>

#include <memory>

namespace herald::ui {

namespace {

const QUrl kPictureName(QStringLiteral("herald-picture:message"));

} // namespace

MessageView::MessageView(QWidget *parent)
    : QTextBrowser(parent)
{
    setDocument(markdown::createSealedDocument(this));
    setOpenLinks(false); // the window decides (http and https only)
    setOpenExternalLinks(false);
}

QVariant MessageView::loadResource(int type, const QUrl &name)
{
    Q_UNUSED(type);
    Q_UNUSED(name);
    return {}; // the one picture shown was added to the document; nothing else is read, from the disk or the net
}

void MessageView::clearMessage()
{
    document()->clear();
    m_showsPicture = false;
}

void MessageView::showMessage(const QString &title, const QString &body, bool markdown, const QString &after,
                              const QString &pictureFile)
{
    clearMessage();
    QTextCursor cursor(document());
    if (!title.isEmpty()) {
        QTextCharFormat bold;
        bold.setFontWeight(QFont::Bold);
        cursor.insertText(title, bold);
        cursor.insertBlock();
        cursor.insertBlock();
        cursor.setCharFormat({});
    }
    if (markdown) {
        const std::unique_ptr<QTextDocument> formatted(markdown::createSealedDocument(nullptr));
        markdown::read(*formatted, body);
        cursor.insertFragment(QTextDocumentFragment(formatted.get()));
    } else {
        cursor.insertText(body);
    }
    if (!pictureFile.isEmpty()) {
        QImage picture(pictureFile);
        if (!picture.isNull()) {
            if (picture.width() > kMaxPictureWidth) {
                picture = picture.scaledToWidth(kMaxPictureWidth, Qt::SmoothTransformation);
            }
            document()->addResource(QTextDocument::ImageResource, kPictureName, picture);
            QTextImageFormat image;
            image.setName(kPictureName.toString());
            image.setWidth(picture.width());
            image.setHeight(picture.height());
            cursor.insertBlock();
            cursor.insertImage(image);
            m_showsPicture = true;
        }
    }
    if (!after.isEmpty()) {
        cursor.insertBlock();
        cursor.insertBlock();
        cursor.insertText(after);
    }
    moveCursor(QTextCursor::Start);
}

} // namespace herald::ui
