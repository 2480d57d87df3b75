#include "ImageCache.h"

#include "net/HttpFetcher.h"
#include "net/UrlText.h"
#include "store/PrivateFiles.h"
#include "store/StoragePaths.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcImages, "herald.images", QtInfoMsg)

namespace herald {

namespace {

const QStringList &knownTypes()
{
    static const QStringList types{QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("gif"),
                                   QStringLiteral("webp")};
    return types;
}

QString keyOf(const QUrl &url)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(url.toEncoded(QUrl::FullyEncoded), QCryptographicHash::Sha256).toHex());
}

} // namespace

ImageCache::ImageCache(QString folder, QObject *parent)
    : QObject(parent)
    , m_folder(std::move(folder))
    , m_fetcher(std::make_unique<HttpFetcher>())
{
    m_fetcher->setMaxBodySize(kMaxImageBytes);
    m_fetcher->setTimeout(kTimeoutMs);
}

ImageCache::~ImageCache() = default;

QString ImageCache::defaultFolder()
{
    return paths::dataFolder() + QStringLiteral("/images");
}

QString ImageCache::imageType(const QByteArray &head)
{
    if (head.startsWith("\x89PNG\r\n\x1a\n")) {
        return QStringLiteral("png");
    }
    if (head.startsWith("\xff\xd8\xff")) {
        return QStringLiteral("jpg");
    }
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a")) {
        return QStringLiteral("gif");
    }
    if (head.size() >= 12 && head.startsWith("RIFF") && head.mid(8, 4) == "WEBP") {
        return QStringLiteral("webp");
    }
    return {};
}

QString ImageCache::fileFor(const QUrl &url, const QString &type) const
{
    return m_folder + u'/' + keyOf(url) + u'.' + type;
}

QString ImageCache::cachedFile(const QUrl &url) const
{
    if (const auto known = m_files.constFind(url); known != m_files.cend()) {
        return *known;
    }
    for (const QString &type : knownTypes()) {
        const QString file = fileFor(url, type);
        if (QFileInfo::exists(file)) {
            if (m_files.size() >= 4096) {
                m_files.clear(); // a bound; the disk answers again
            }
            m_files.insert(url, file);
            return file;
        }
    }
    return {};
}

void ImageCache::fetch(const QUrl &url)
{
    if (m_underWay.contains(url)) {
        return;
    }
    QString problem;
    if (const QString scheme = url.scheme().toLower();
        scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        problem = QStringLiteral("%1 is no http or https address; only those are fetched")
                      .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery).left(200));
    } else if (m_failed.contains(url)) {
        problem = m_failed.value(url);
    }
    m_underWay.insert(url, true);
    if (!problem.isEmpty()) {
        QTimer::singleShot(0, this, [this, url, problem] { finished(url, {}, problem); });
        return;
    }
    if (const QString file = cachedFile(url); !file.isEmpty()) {
        QFile used(file);
        if (used.open(QIODevice::ReadOnly)) { // the cap keeps the least recently used
            used.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
        }
        QTimer::singleShot(0, this, [this, url, file] {
            m_underWay.remove(url);
            Q_EMIT ready(url, file);
        });
        return;
    }
    m_waiting.append(url);
    startNext();
}

void ImageCache::startNext()
{
    while (m_fetching < kMaxFetching && !m_waiting.isEmpty()) {
        const QUrl url = m_waiting.takeFirst();
        ++m_fetching;
        m_fetcher->get(url, [this, url](const HttpFetcher::Result &result) {
            --m_fetching;
            finished(url, result.body, result.error);
            startNext();
        });
    }
}

void ImageCache::finished(const QUrl &url, const QByteArray &body, const QString &error)
{
    m_underWay.remove(url);
    QString problem = error;
    const QString type = problem.isEmpty() ? imageType(body.first(std::min<qsizetype>(body.size(), 16))) : QString();
    if (problem.isEmpty() && type.isEmpty()) {
        problem = QStringLiteral("what %1 sent is no PNG, JPEG, GIF or WebP picture")
                      .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery).left(200));
    }
    QString file;
    if (problem.isEmpty()) {
        file = fileFor(url, type);
        // Written whole under another name (0600 from its creation), then renamed: never seen half-written.
        const QString part = file + QStringLiteral(".part");
        QFile out(part);
        const bool written = privatefiles::makeFolder(m_folder) && privatefiles::create(part) &&
                             out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(body) == body.size();
        out.close();
        if (written) {
            QFile::remove(file); // rename() does not replace
        }
        if (!written || !QFile::rename(part, file)) {
            QFile::remove(part);
            problem = QStringLiteral("could not keep the picture in %1").arg(m_folder);
        } else {
            keepUnderCap();
        }
    }
    if (!problem.isEmpty()) {
        if (!m_failed.contains(url)) {
            qCInfo(lcImages).noquote() << "picture not shown:" << problem;
            if (m_failed.size() > 1000) {
                m_failed.clear();
            }
            m_failed.insert(url, problem);
        }
        Q_EMIT failed(url, problem);
        return;
    }
    Q_EMIT ready(url, file);
}

void ImageCache::keepUnderCap()
{
    QFileInfoList files = QDir(m_folder).entryInfoList(QDir::Files, QDir::Time); // newest first
    qint64 total = 0;
    for (const QFileInfo &info : std::as_const(files)) {
        total += info.size();
    }
    while (total > m_maxCacheBytes && files.size() > 1) {
        const QFileInfo oldest = files.takeLast();
        total -= oldest.size();
        QFile::remove(oldest.filePath());
        m_files.clear(); // which URL that file held is not kept: look on the disk again
    }
}

} // namespace herald

#include "moc_ImageCache.cpp"
