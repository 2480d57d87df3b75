#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

namespace herald::ui {

// One Herald per user: the first becomes the primary and listens on a local socket; a later one hands its request
// ("show history", …) to the primary and exits.
class SingleInstance final : public QObject
{
    Q_OBJECT

public:
    explicit SingleInstance(const QString &key, QObject *parent = nullptr);

    // true: this process is the primary now. false: another one is, and has been sent message.
    bool claimOrForward(const QString &message);
    QString serverName() const { return m_name; }

Q_SIGNALS:
    void messageReceived(const QString &message);

private:
    QString m_name;
    QLocalServer m_server;
};

} // namespace herald::ui
