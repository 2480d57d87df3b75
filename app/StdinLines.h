#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace herald::cli {

// Standard input, line by line, without blocking the event loop: a thread of its own reads (the one way that works
// for terminals, pipes and files on every platform) and lineRead() arrives in the caller's thread. The two meet in a
// bounded hand-over: while kMaxWaitingLines lines wait, or while the caller has paused, the reader stops reading,
// so a file piped in faster than it can be sent waits in the pipe, not in memory.
class StdinLines final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StdinLines)

public:
    static constexpr int kMaxWaitingLines = 256;
    // A longer line is not delivered: lineTooLong() says so and reading goes on at the next line.
    static constexpr qsizetype kMaxLineBytes = 16 * 1024 * 1024;

    explicit StdinLines(QObject *parent = nullptr);
    ~StdinLines() override;

    void start();
    // While paused, neither lineRead() nor finished() arrives; what was read waits, in order.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Lines read and not delivered yet.
    qsizetype waitingLines() const;
    // Whether the end of the input was reached (it may not have been delivered yet).
    bool reachedEnd() const;

Q_SIGNALS:
    void lineRead(const QString &line);
    void lineTooLong(qint64 lineNumber, qint64 bytes);
    void finished(); // end of input, after its last line

private:
    struct HandOver;
    void deliver();

    std::shared_ptr<HandOver> m_handOver;
    bool m_paused = false;
    bool m_delivering = false;
};

} // namespace herald::cli
