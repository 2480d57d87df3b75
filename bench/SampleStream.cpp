#include "SampleStream.h"

namespace herald::bench {

QByteArray sampleEvent(qint64 index)
{
    static const char *const titles[] = {"Build #%1 passed", "Deploy %1 done", "PR %1 approved", "Alert %1 cleared"};
    const QByteArray title = QByteArray(titles[index % 4]).replace("%1", QByteArray::number(index % 10000));
    return "id: " + QByteArray::number(index) + "\nevent: notification\ndata: {\"title\":\"" + title +
           "\",\"body\":\"main at 3f2a9c1 by alice\",\"priority\":" + QByteArray::number(index % 5 + 1) +
           ",\"ts\":" + QByteArray::number(1732460000 + index) + "}\n\n";
}

QByteArray sampleStream(qint64 eventCount)
{
    QByteArray stream;
    stream.reserve(eventCount * 140);
    for (qint64 i = 0; i < eventCount; ++i) {
        stream += sampleEvent(i);
    }
    return stream;
}

} // namespace herald::bench
