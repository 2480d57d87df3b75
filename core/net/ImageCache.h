#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace herald {

class HttpFetcher;

// The pictures messages point at (ntfy's icon and image attachments, gotify's big image), fetched once and kept on
// disk for popups, History and Chat. A server chooses these addresses, so fetching is bounded: http(s) only, at most
// kMaxImageBytes within kTimeoutMs, and only PNG, JPEG, GIF or WebP by their first bytes (never SVG, which can carry
// scripts and fetch more). Files are 0600 in a 0700 folder, as the history they belong to, and the folder is kept
// under kMaxCacheBytes, the least recently used going first. A picture that fails is said once and never holds back
// its message.
class ImageCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImageCache)

public:
    static constexpr qsizetype kMaxImageBytes = 4 * 1024 * 1024;
    static constexpr int kTimeoutMs = 10000;
    static constexpr qint64 kMaxCacheBytes = 64 * 1024 * 1024;
    static constexpr int kMaxFetching = 8; // at once; more wait

    // folder: where the pictures go, e.g. the data folder's "images".
    explicit ImageCache(QString folder, QObject *parent = nullptr);
    ~ImageCache() override;

    // The platform's place: beside the history.
    static QString defaultFolder();
    // kMaxCacheBytes unless set (tests).
    void setMaxCacheBytes(qint64 bytes) { m_maxCacheBytes = bytes; }

    // The file holding url's picture when it is here already; empty otherwise. Asked at every paint of a chat
    // bubble: after the first look on the disk, an answer comes from memory.
    QString cachedFile(const QUrl &url) const;
    // Whether url failed while Herald runs (it is not asked again; fetch() says so again at once).
    bool hasFailed(const QUrl &url) const { return m_failed.contains(url); }
    // Fetches url unless it is here or on its way; ready() or failed() follow, never before this returns.
    void fetch(const QUrl &url);
    // What a file's first bytes say it is: "png", "jpg", "gif", "webp", or empty for anything else.
    static QString imageType(const QByteArray &head);

Q_SIGNALS:
    void ready(const QUrl &url, const QString &file);
    void failed(const QUrl &url, const QString &reason);

private:
    QString fileFor(const QUrl &url, const QString &type) const;
    void startNext();
    void finished(const QUrl &url, const QByteArray &body, const QString &error);
    void keepUnderCap();

    QString m_folder;
    std::unique_ptr<HttpFetcher> m_fetcher;
    QList<QUrl> m_waiting;
    QHash<QUrl, bool> m_underWay; // fetching or waiting
    int m_fetching = 0;
    qint64 m_maxCacheBytes = kMaxCacheBytes;
    QHash<QUrl, QString> m_failed;        // said once; not asked again while this runs
    mutable QHash<QUrl, QString> m_files; // what cachedFile() found, until keepUnderCap() removes files
};

} // namespace herald
