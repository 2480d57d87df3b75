#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace herald {

// Tokens and passwords in the operating system's keychain (Secret Service on Linux, Windows Credential Manager,
// macOS Keychain) through QtKeychain. Never in the config file, never in a log, never in an error message.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    enum class Error { NoError, NotFound, NoKeychain, AccessDenied, Other };
    Q_ENUM(Error)

    struct Result
    {
        Error error = Error::NoError;
        QString secret;  // read only
        QString message; // for a person, when error is set
    };
    using Callback = std::function<void(const Result &result)>;

    explicit SecretStore(QString service = QStringLiteral("Herald"), QObject *parent = nullptr);

    // Each call answers once, later, through done (on this object's thread).
    void read(const QString &key, Callback done);
    void write(const QString &key, const QString &secret, Callback done);
    void remove(const QString &key, Callback done);

private:
    QString m_service;
};

} // namespace herald
