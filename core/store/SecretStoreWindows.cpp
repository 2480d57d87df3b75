// SecretStore on Windows: the Credential Manager, directly (generic credentials named "<service>/<key>", as
// QtKeychain names them, kept for this user on this machine). QtKeychain's source is not in reach of the cross
// build here, and these three calls are all it would do.
#include "SecretStore.h"

#include <QMetaObject>
#include <qt_windows.h>

#include <wincred.h>

namespace herald {

namespace {

QString targetName(const QString &service, const QString &key)
{
    return service + QLatin1Char('/') + key;
}

SecretStore::Result failure(DWORD code, const QString &key)
{
    SecretStore::Result result;
    switch (code) {
    case ERROR_NOT_FOUND:
        result.error = SecretStore::Error::NotFound;
        result.message = QStringLiteral("the Credential Manager holds no secret for \"%1\"").arg(key);
        break;
    case ERROR_NO_SUCH_LOGON_SESSION:
        result.error = SecretStore::Error::NoKeychain;
        result.message = QStringLiteral(
            "the Credential Manager is not available in this logon session. Herald can keep the secret in its "
            "config file instead, where anyone who can read the file can read it");
        break;
    case ERROR_ACCESS_DENIED:
        result.error = SecretStore::Error::AccessDenied;
        result.message = QStringLiteral("the Credential Manager refused access to \"%1\"").arg(key);
        break;
    default:
        result.error = SecretStore::Error::Other;
        result.message =
            QStringLiteral("the Credential Manager failed for \"%1\": Windows error %2").arg(key).arg(code);
        break;
    }
    return result;
}

} // namespace

// Each call answers later, as QtKeychain's jobs do: callers may rely on the callback not running inside the call.
void SecretStore::read(const QString &key, Callback done)
{
    Result result;
    PCREDENTIALW credential = nullptr;
    const std::wstring target = targetName(m_service, key).toStdWString();
    if (CredReadW(target.c_str(), CRED_TYPE_GENERIC, 0, &credential)) {
        result.secret = QString::fromUtf8(reinterpret_cast<const char *>(credential->CredentialBlob),
                                          qsizetype(credential->CredentialBlobSize));
        CredFree(credential);
    } else {
        result = failure(GetLastError(), key);
    }
    QMetaObject::invokeMethod(
        this, [result, done = std::move(done)] { done(result); }, Qt::QueuedConnection);
}

void SecretStore::write(const QString &key, const QString &secret, Callback done)
{
    Result result;
    QByteArray blob = secret.toUtf8();
    if (blob.size() > CRED_MAX_CREDENTIAL_BLOB_SIZE) {
        result.error = Error::Other;
        result.message = QStringLiteral("the secret for \"%1\" is %2 bytes; the Credential Manager keeps at most %3")
                             .arg(key)
                             .arg(blob.size())
                             .arg(CRED_MAX_CREDENTIAL_BLOB_SIZE);
    } else {
        std::wstring target = targetName(m_service, key).toStdWString();
        std::wstring user = key.toStdWString();
        CREDENTIALW credential = {};
        credential.Type = CRED_TYPE_GENERIC;
        credential.TargetName = target.data();
        credential.UserName = user.data();
        credential.CredentialBlobSize = DWORD(blob.size());
        credential.CredentialBlob = reinterpret_cast<LPBYTE>(blob.data());
        credential.Persist = CRED_PERSIST_LOCAL_MACHINE;
        if (!CredWriteW(&credential, 0)) {
            result = failure(GetLastError(), key);
        }
    }
    blob.fill('\0'); // the copy of a secret does not linger in freed memory
    QMetaObject::invokeMethod(
        this, [result, done = std::move(done)] { done(result); }, Qt::QueuedConnection);
}

void SecretStore::remove(const QString &key, Callback done)
{
    Result result;
    const std::wstring target = targetName(m_service, key).toStdWString();
    if (!CredDeleteW(target.c_str(), CRED_TYPE_GENERIC, 0)) {
        result = failure(GetLastError(), key);
    }
    QMetaObject::invokeMethod(
        this, [result, done = std::move(done)] { done(result); }, Qt::QueuedConnection);
}

} // namespace herald
