#include "TestCertificate.h"

#include "PeerLauncher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

namespace herald::test {

bool runOpenssl(const QStringList &arguments, QString *error)
{
    if (!PeerLauncher::address().isEmpty()) {
        PeerLauncher process;
        QStringList said;
        const QJsonObject request{{QStringLiteral("program"), QStringLiteral("openssl")},
                                  {QStringLiteral("arguments"), QJsonArray::fromStringList(arguments)},
                                  {QStringLiteral("wait"), true}};
        if (!process.start(request, [&said](const QString &line) { said.append(line); }) ||
            process.waitForExit(30000) != 0) {
            *error = QStringLiteral("openssl failed: %1 %2").arg(process.error(), said.join(QLatin1Char(' ')));
            return false;
        }
        return true;
    }
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        *error = QStringLiteral("openssl is not installed; scripts/install-deps.sh --test installs it");
        return false;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(openssl, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0) {
        *error = QStringLiteral("openssl failed: %1").arg(QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

std::optional<TestCertificate> makeSelfSignedCertificate(const QTemporaryDir &dir, const QString &subjectAltName,
                                                         QString *error)
{
    static int serial = 0;
    const QString name = QStringLiteral("cert%1").arg(++serial);
    TestCertificate made;
    made.certificatePath = dir.filePath(name + QStringLiteral(".pem"));
    made.keyPath = dir.filePath(name + QStringLiteral(".key"));
    const QStringList arguments{QStringLiteral("req"),
                                QStringLiteral("-x509"),
                                QStringLiteral("-newkey"),
                                QStringLiteral("ec"),
                                QStringLiteral("-pkeyopt"),
                                QStringLiteral("ec_paramgen_curve:prime256v1"),
                                QStringLiteral("-nodes"),
                                QStringLiteral("-days"),
                                QStringLiteral("1"),
                                QStringLiteral("-subj"),
                                QStringLiteral("/CN=herald-test"),
                                QStringLiteral("-addext"),
                                QStringLiteral("subjectAltName=") + subjectAltName,
                                QStringLiteral("-keyout"),
                                made.keyPath,
                                QStringLiteral("-out"),
                                made.certificatePath};
    if (!runOpenssl(arguments, error)) {
        return std::nullopt;
    }
    QFile certificate(made.certificatePath);
    QFile key(made.keyPath);
    if (!certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("could not read what openssl wrote");
        return std::nullopt;
    }
    made.certificate = QSslCertificate(certificate.readAll());
    made.key = QSslKey(key.readAll(), QSsl::Ec);
    return made;
}

QSslConfiguration TestCertificate::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    return configuration;
}

} // namespace herald::test
