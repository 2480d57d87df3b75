// SecretStore against a real Secret Service: gnome-keyring-daemon on the private D-Bus session that
// scripts/run-tests.sh creates (with a throwaway home, so no real keychain is ever touched).
#include "PrivateKeyring.h"
#include "store/SecretStore.h"

#include <QCoreApplication>
#include <QSignalSpy>
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

    herald::test::PrivateKeyring m_keyring;
    QString m_service;
};

void TestSecretStore::initTestCase()
{
    if (!m_keyring.available()) {
        if (m_keyring.notOnPrivateBus()) {
            QSKIP(qPrintable(m_keyring.error()));
        }
        QFAIL(qPrintable(m_keyring.error()));
    }
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
