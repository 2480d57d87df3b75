// SecretStore on QtKeychain: Secret Service or KWallet on Linux, the Keychain on macOS.
#include "SecretStore.h"

#include <qt6keychain/keychain.h>

namespace herald {

namespace {

SecretStore::Result resultOf(const QKeychain::Job *job, const QString &key)
{
    SecretStore::Result result;
    switch (job->error()) {
    case QKeychain::NoError:
        return result;
    case QKeychain::EntryNotFound:
        result.error = SecretStore::Error::NotFound;
        result.message = QStringLiteral("the keychain holds no secret for \"%1\"").arg(key);
        break;
    case QKeychain::NoBackendAvailable:
        result.error = SecretStore::Error::NoKeychain;
        result.message = QStringLiteral(
            "no keychain is available (on Linux: a Secret Service such as GNOME Keyring or KWallet must run). "
            "Herald can keep the secret in its config file instead, where anyone who can read the file can read it");
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.error = SecretStore::Error::AccessDenied;
        result.message = QStringLiteral("the keychain refused access to \"%1\"; it may be locked").arg(key);
        break;
    case QKeychain::OtherError:
        // Without a session bus at all, QtKeychain reports a generic error; for a person it means the same thing.
        if (job->errorString().contains(QLatin1String("D-Bus")) || job->errorString().contains(QLatin1String("DBus"))) {
            result.error = SecretStore::Error::NoKeychain;
            result.message = QStringLiteral("no keychain is available (%1). Herald can keep the secret in its config "
                                            "file instead, where anyone who can read the file can read it")
                                 .arg(job->errorString());
            break;
        }
        Q_FALLTHROUGH();
    default:
        result.error = SecretStore::Error::Other;
        result.message = QStringLiteral("the keychain failed for \"%1\": %2").arg(key, job->errorString());
        break;
    }
    return result;
}

template<typename JobType>
JobType *makeJob(const QString &service, const QString &key, QObject *parent)
{
    auto *job = new JobType(service, parent);
    job->setAutoDelete(true);
    job->setKey(key);
    // Never fall back to a plain file behind the user's back: ConfigStore does that only when asked, with a warning.
    job->setInsecureFallback(false);
    return job;
}

} // namespace

void SecretStore::read(const QString &key, Callback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this, [job, key, done = std::move(done)] {
        Result result = resultOf(job, key);
        if (result.error == Error::NoError) {
            result.secret = job->textData();
        }
        done(result);
    });
    job->start();
}

void SecretStore::write(const QString &key, const QString &secret, Callback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key, this);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [job, key, done = std::move(done)] { done(resultOf(job, key)); });
    job->start();
}

void SecretStore::remove(const QString &key, Callback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this, [job, key, done = std::move(done)] { done(resultOf(job, key)); });
    job->start();
}

} // namespace herald
