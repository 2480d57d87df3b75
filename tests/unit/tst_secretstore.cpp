// SecretStore against a real Secret Service: gnome-keyring-daemon on the private D-Bus session that
// scripts/run-tests.sh creates (with a throwaway home, so no real keychain is ever touched).
#include "store/SecretStore.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using herald::SecretStore;

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void writeReadRemove();
    void missingEntry_isNotFoundWithoutLeakingAnything();
    void secrets_areKeptPerService();

private:
    // Runs one store call to its answer.
    static SecretStore::Result wait(const std::function<void(SecretStore::Callback)> &call)
    {
        std::optional<SecretStore::Result> result;
        call([&](const SecretStore::Result &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000)) {
            return {SecretStore::Error::Other, {}, QStringLiteral("no answer in 10 s")};
        }
        return *result;
    }

    QTemporaryDir m_home;
    QString m_service;
};

void TestSecretStore::initTestCase()
{
    if (qEnvironmentVariable("HERALD_PRIVATE_SESSION_BUS") != QLatin1String("1")) {
        QSKIP("needs the private D-Bus session of scripts/run-tests.sh (make test), so that no real keychain is used");
    }
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    QVERIFY2(!daemon.isEmpty(), "gnome-keyring is not installed; scripts/install-deps.sh --test installs it");
    QProcess start;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_home.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    start.setProcessEnvironment(environment);
    start.start(daemon, {QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    QVERIFY(start.waitForStarted(10000));
    start.write("test-password");
    start.closeWriteChannel();
    QVERIFY(start.waitForFinished(10000));
    m_service = QStringLiteral("Herald-test-%1").arg(QCoreApplication::applicationPid());
}

void TestSecretStore::writeReadRemove()
{
    SecretStore store(m_service);
    const QString key = QStringLiteral("feed/CI 빌드");
    SecretStore::Result result = wait([&](auto done) { store.write(key, QStringLiteral("tk_비밀_123"), done); });
    QVERIFY2(result.error == SecretStore::Error::NoError, qPrintable(result.message));
    result = wait([&](auto done) { store.read(key, done); });
    QVERIFY2(result.error == SecretStore::Error::NoError, qPrintable(result.message));
    QCOMPARE(result.secret, QStringLiteral("tk_비밀_123"));

    result = wait([&](auto done) { store.write(key, QStringLiteral("rotated"), done); });
    QCOMPARE(result.error, SecretStore::Error::NoError);
    QCOMPARE(wait([&](auto done) { store.read(key, done); }).secret, QStringLiteral("rotated"));

    result = wait([&](auto done) { store.remove(key, done); });
    QCOMPARE(result.error, SecretStore::Error::NoError);
    QCOMPARE(wait([&](auto done) { store.read(key, done); }).error, SecretStore::Error::NotFound);
}

void TestSecretStore::missingEntry_isNotFoundWithoutLeakingAnything()
{
    SecretStore store(m_service);
    const auto result = wait([&](auto done) { store.read(QStringLiteral("feed/never-written"), done); });
    QCOMPARE(result.error, SecretStore::Error::NotFound);
    QVERIFY(result.secret.isEmpty());
    QCOMPARE(result.message, QStringLiteral("the keychain holds no secret for \"feed/never-written\""));
}

void TestSecretStore::secrets_areKeptPerService()
{
    SecretStore herald(m_service);
    SecretStore other(m_service + QStringLiteral("-other"));
    QCOMPARE(wait([&](auto done) { herald.write(QStringLiteral("k"), QStringLiteral("mine"), done); }).error,
             SecretStore::Error::NoError);
    QCOMPARE(wait([&](auto done) { other.read(QStringLiteral("k"), done); }).error, SecretStore::Error::NotFound);
    QCOMPARE(wait([&](auto done) { herald.remove(QStringLiteral("k"), done); }).error, SecretStore::Error::NoError);
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
