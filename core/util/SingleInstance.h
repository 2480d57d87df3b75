#pragma once

#include <QLocalServer>
#include <QObject>
#include <QString>

namespace herald {

// One Herald per user: the first becomes the primary and listens on a local socket; a later one hands its request
// ("show history", …) to the primary and exits. On Unix the socket lives in a folder only this user can enter
// ($XDG_RUNTIME_DIR, else a 0700 folder of its own in the temporary folder), so that another user can neither
// answer in the primary's place nor keep it from starting; on Windows a named pipe open to this user alone.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    enum class Claim {
        Primary,   // this process listens now
        Forwarded, // another one does, and has been sent the message
        Failed,    // neither: see errorString(); the caller may run without a single-instance guard
    };

    explicit SingleInstance(const QString &key, QObject *parent = nullptr);
    ~SingleInstance() override;

    Claim claimOrForward(const QString &message);
    // Hands the message to the primary without ever becoming one; false when none answers.
    bool forward(const QString &message);
    // Whether a primary answers, without telling it anything.
    bool isClaimed() const;
    // Waits up to timeoutMs for the primary to stop answering (after it was asked to quit); true once it has.
    bool waitUntilGone(int timeoutMs);
    QString serverName() const { return m_name; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void messageReceived(const QString &message);

private:
    QString m_name;
    QString m_error;
    QLocalServer m_server;
};

} // namespace herald
