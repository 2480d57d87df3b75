#pragma once

#include <QObject>
#include <QString>

class QThread;

namespace herald::cli {

// Standard input, line by line, without blocking the event loop: a thread of its own reads (the one way that works
// for terminals, pipes and files on every platform) and lineRead() arrives in the caller's thread.
class StdinLines final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StdinLines)

public:
    using QObject::QObject;
    void start();

Q_SIGNALS:
    void lineRead(const QString &line);
    void finished(); // end of input
};

} // namespace herald::cli
