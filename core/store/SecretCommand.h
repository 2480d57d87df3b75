#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace herald {

// A secret kept by a tool the user already trusts (pass, gopass, op, secret-tool, a script): Herald runs the command
// the user named, without a shell, and takes the first line it prints. Nothing of the secret is logged; a command
// that fails, prints nothing or hangs is reported with what to do.
class SecretCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretCommand)

public:
    struct Result
    {
        QString secret;
        QString error; // empty on success
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr int kDefaultTimeoutMs = 30 * 1000; // long enough to type a passphrase into a pinentry
    static constexpr qint64 kMaxOutput = 64 * 1024;
    static constexpr qsizetype kMaxComplaint = 400; // of what it prints on stderr, for the error message

    // Runs command and calls done once, on this thread, from the event loop. context ends the run early when it is
    // destroyed (done is then not called).
    static void run(const QString &command, QObject *context, Callback done, int timeoutMs = kDefaultTimeoutMs);

    // command's words as a POSIX shell splits them, quotes and backslashes read as it reads them, nothing
    // expanded (no shell runs); nullopt with error set when a quote is never closed.
    static std::optional<QStringList> splitWords(const QString &command, QString *error);

    ~SecretCommand() override;

private:
    SecretCommand(const QString &command, Callback done, QObject *context);
    void start(int timeoutMs);
    void killAll();
    void finish(const Result &result);

    QString m_command;
    Callback m_done;
    QPointer<QProcess> m_process;
    QByteArray m_complaint; // the start of its stderr
    bool m_finished = false;
};

} // namespace herald
