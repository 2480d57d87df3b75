#include "StdinLines.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#include <cstdio>
#include <string>

namespace herald::cli {

void StdinLines::start()
{
    // The reader may sit in a read on a terminal until the process ends: it is never waited for, and it reaches this
    // object only through a guarded pointer, so that it outlives it harmlessly.
    QPointer<StdinLines> self(this);
    QThread *reader = QThread::create([self] {
        std::string line;
        char buffer[4096];
        const auto deliver = [&self](std::string text) {
            if (!text.empty() && text.back() == '\r') {
                text.pop_back();
            }
            const QString decoded = QString::fromStdString(text);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, decoded] {
                    if (self) {
                        Q_EMIT self->lineRead(decoded);
                    }
                },
                Qt::QueuedConnection);
        };
        while (std::fgets(buffer, sizeof buffer, stdin)) {
            line += buffer;
            if (!line.empty() && line.back() == '\n') {
                line.pop_back();
                deliver(line);
                line.clear();
            }
        }
        if (!line.empty()) {
            deliver(line);
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self] {
                if (self) {
                    Q_EMIT self->finished();
                }
            },
            Qt::QueuedConnection);
    });
    connect(reader, &QThread::finished, reader, &QObject::deleteLater);
    reader->start();
}

} // namespace herald::cli

#include "moc_StdinLines.cpp"
