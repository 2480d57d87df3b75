#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

namespace herald::cli {

// Buffered writing to stdout and stderr. Output goes out at most kFlushDelayMs after it was written (or at once past
// kFlushThreshold): a burst of events costs a few writes, and a quiet stream still shows each event at once.
class ConsoleOutput final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleOutput)

public:
    static constexpr int kFlushDelayMs = 5;
    static constexpr qsizetype kFlushThreshold = 256 * 1024;

    explicit ConsoleOutput(QObject *parent = nullptr);
    ~ConsoleOutput() override;

    void write(const QByteArray &bytes);
    void flush();
    // stderr is not buffered: what goes there matters now.
    static void error(const QString &message);

private:
    QByteArray m_buffer;
    QTimer m_flushTimer;
};

} // namespace herald::cli
