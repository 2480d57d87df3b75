#pragma once

#include <QByteArray>
#include <QObject>

namespace herald::cli {

// Buffered writing to stdout and stderr. Lines written during one turn of the event loop go out together at the end
// of it: a burst of events costs one write, and a quiet stream still shows each event at once.
class ConsoleOutput final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleOutput)

public:
    explicit ConsoleOutput(QObject *parent = nullptr);
    ~ConsoleOutput() override;

    void write(const QByteArray &bytes);
    void flush();
    // stderr is not buffered: what goes there matters now.
    static void error(const QString &message);

private:
    QByteArray m_buffer;
    bool m_flushScheduled = false;
};

} // namespace herald::cli
