#pragma once

#include <QTextBrowser>

namespace herald::ui {

// History's reading pane: one message whole, its body formatted when it is Markdown (gotify's client::display,
// ntfy's "markdown": true), and its picture under it. It loads nothing by itself: a server chose every address in
// the text, so Markdown's own images and every other resource stay unloaded (only the picture handed in, from
// Herald's image cache, is shown), and links go to the window, which opens only http(s) ones.
class MessageView final : public QTextBrowser
{
    Q_OBJECT

public:
    static constexpr int kMaxPictureWidth = 480;

    explicit MessageView(QWidget *parent = nullptr);

    // title in bold, body (Markdown when markdown, else as written), then after (the link, notes, dates) as written,
    // and the picture in pictureFile when there is one.
    void showMessage(const QString &title, const QString &body, bool markdown, const QString &after,
                     const QString &pictureFile);
    void clearMessage();
    bool showsPicture() const { return m_showsPicture; }

    QVariant loadResource(int type, const QUrl &name) override;

private:
    bool m_showsPicture = false;
};

} // namespace herald::ui
