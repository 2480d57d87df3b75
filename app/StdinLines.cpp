#include "StdinLines.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>
#include <utility>

namespace herald::cli {

// Shared by the reader thread and the object: the reader may sit in a read on a terminal until the process ends, so
// it outlives the object harmlessly, holding only this.
struct StdinLines::HandOver
{
    struct Entry
    {
        QString line;
        qint64 tooLongBytes = 0; // > 0: a line that was dropped for its length
        qint64 lineNumber = 0;
    };
    mutable std::mutex lock;
    std::condition_variable roomFreed;
    std::deque<Entry> waiting;
    bool ended = false;          // the reader reached the end of the input
    bool endDelivered = false;   // finished() was emitted
    bool deliveryPosted = false; // a deliver() is on its way to the object's thread
    bool closed = false;         // the object is gone: the reader stops at its next line
};

StdinLines::StdinLines(QObject *parent)
    : QObject(parent)
    , m_handOver(std::make_shared<HandOver>())
{}

StdinLines::~StdinLines()
{
    {
        const std::lock_guard<std::mutex> locked(m_handOver->lock);
        m_handOver->closed = true;
    }
    m_handOver->roomFreed.notify_all();
}

void StdinLines::start()
{
    QPointer<StdinLines> self(this);
    QThread *reader = QThread::create([self, handOver = m_handOver] {
        const auto postDelivery = [&self] {
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self] {
                    if (self) {
                        self->deliver();
                    }
                },
                Qt::QueuedConnection);
        };
        // False once nobody takes lines any more.
        const auto handOverEntry = [&](HandOver::Entry entry) {
            std::unique_lock<std::mutex> locked(handOver->lock);
            handOver->roomFreed.wait(
                locked, [&] { return handOver->closed || handOver->waiting.size() < size_t(kMaxWaitingLines); });
            if (handOver->closed) {
                return false;
            }
            handOver->waiting.push_back(std::move(entry));
            const bool post = !std::exchange(handOver->deliveryPosted, true);
            locked.unlock();
            if (post) {
                postDelivery();
            }
            return true;
        };
        std::string line;
        qint64 lineNumber = 0;
        qint64 droppedBytes = 0; // of a line past kMaxLineBytes, which is skipped to its end
        char buffer[4096];
        const auto endOfLine = [&] {
            ++lineNumber;
            HandOver::Entry entry;
            entry.lineNumber = lineNumber;
            if (droppedBytes > 0 || qsizetype(line.size()) > kMaxLineBytes) {
                entry.tooLongBytes = droppedBytes + qint64(line.size());
            } else {
                if (!line.empty() && line.back() == '\r') {
                    line.pop_back();
                }
                entry.line = QString::fromStdString(line);
            }
            line.clear();
            droppedBytes = 0;
            return handOverEntry(std::move(entry));
        };
        bool open = true;
        while (open && std::fgets(buffer, sizeof buffer, stdin)) {
            line += buffer;
            const bool complete = !line.empty() && line.back() == '\n';
            if (complete) {
                line.pop_back();
                open = endOfLine();
            } else if (qsizetype(line.size()) > kMaxLineBytes) {
                droppedBytes += qint64(line.size());
                line.clear();
            }
        }
        if (open && (!line.empty() || droppedBytes > 0)) {
            open = endOfLine();
        }
        if (open) {
            std::unique_lock<std::mutex> locked(handOver->lock);
            handOver->ended = true;
            const bool post = !std::exchange(handOver->deliveryPosted, true);
            locked.unlock();
            if (post) {
                postDelivery();
            }
        }
    });
    connect(reader, &QThread::finished, reader, &QObject::deleteLater);
    reader->start();
}

void StdinLines::setPaused(bool paused)
{
    if (m_paused == paused) {
        return;
    }
    m_paused = paused;
    if (!paused) {
        // Later, not inside whatever handler resumed: lineRead() may start another send.
        QMetaObject::invokeMethod(this, &StdinLines::deliver, Qt::QueuedConnection);
    }
}

qsizetype StdinLines::waitingLines() const
{
    const std::lock_guard<std::mutex> locked(m_handOver->lock);
    return qsizetype(m_handOver->waiting.size());
}

bool StdinLines::reachedEnd() const
{
    const std::lock_guard<std::mutex> locked(m_handOver->lock);
    return m_handOver->ended;
}

void StdinLines::deliver()
{
    if (m_delivering) {
        return; // the loop below goes on with what arrived
    }
    m_delivering = true;
    const QPointer<StdinLines> alive(this);
    while (!m_paused) {
        HandOver::Entry entry;
        bool end = false;
        {
            const std::lock_guard<std::mutex> locked(m_handOver->lock);
            if (m_handOver->waiting.empty()) {
                m_handOver->deliveryPosted = false;
                end = m_handOver->ended && !std::exchange(m_handOver->endDelivered, true);
                if (!end) {
                    break;
                }
            } else {
                entry = std::move(m_handOver->waiting.front());
                m_handOver->waiting.pop_front();
            }
        }
        if (end) {
            m_delivering = false;
            Q_EMIT finished(); // which may end the command and this object with it
            return;
        }
        m_handOver->roomFreed.notify_one();
        if (entry.tooLongBytes > 0) {
            Q_EMIT lineTooLong(entry.lineNumber, entry.tooLongBytes);
        } else {
            Q_EMIT lineRead(entry.line);
        }
        if (!alive) {
            return;
        }
    }
    m_delivering = false;
}

} // namespace herald::cli

#include "moc_StdinLines.cpp"
