// Test helper: appends messages to a history as fast as it can and prints "committed N" after each write, until it
// is killed. tst_historystore kills it with SIGKILL in the middle and checks what survived.
#include "store/HistoryStore.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: history_writer PATH\n");
        return 2;
    }
    herald::HistoryStore store;
    if (!store.open(QString::fromLocal8Bit(argv[1]))) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
        return 1;
    }
    qint64 committed = 0;
    QObject::connect(&store, &herald::HistoryStore::stored, [&](const QList<herald::StoredMessage> &added) {
        committed += added.size();
        std::printf("committed %lld\n", committed);
        std::fflush(stdout);
    });
    qint64 next = 0;
    QTimer burst;
    QObject::connect(&burst, &QTimer::timeout, [&] {
        for (int i = 0; i < 250; ++i, ++next) {
            herald::Message message;
            message.feed = QStringLiteral("burst");
            message.id = QString::number(next);
            message.title = QStringLiteral("Event %1").arg(next);
            message.body = QStringLiteral("payload of event %1, 빌드 %1").arg(next);
            store.append(message);
        }
    });
    burst.start(0);
    return app.exec();
}
