// SecretCommand runs real processes: the secret is the first line printed, and every way a command can go wrong
// (non-zero exit, nothing printed, not installed, hanging, printing far too much) is reported in words that say
// what to do, without repeating anything it printed on standard output.
#include "store/SecretCommand.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <unistd.h>
#endif

#include <optional>

using herald::SecretCommand;

class TestSecretCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstLineIsTheSecret();
    void failureSaysWhatTheCommandSaid();
    void printingNothingIsAnError();
    void missingProgramNamesIt();
    void hangingCommandTimesOut();
    void timeoutEndsEverythingTheCommandStarted();
    void singleQuotesAreReadAsAShellReadsThem();
    void floodIsCutShort();
    void stderrFloodIsBounded();
    void emptyCommand();
    void contextGoneMeansNoCallback();

private:
    static SecretCommand::Result runToEnd(const QString &command, int timeoutMs = SecretCommand::kDefaultTimeoutMs);
};

void TestSecretCommand::initTestCase()
{
#ifdef Q_OS_WIN
    QSKIP("the commands here are POSIX shell");
#endif
}

SecretCommand::Result TestSecretCommand::runToEnd(const QString &command, int timeoutMs)
{
    std::optional<SecretCommand::Result> result;
    QObject context;
    SecretCommand::run(
        command, &context, [&result](const SecretCommand::Result &r) { result = r; }, timeoutMs);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000); }();
    return result.value_or(SecretCommand::Result{{}, QStringLiteral("no result")});
}

void TestSecretCommand::firstLineIsTheSecret()
{
    // pass(1) prints the password, then other lines of the entry.
    const auto result = runToEnd(QStringLiteral("sh -c \"printf 'tok en-123 \\r\\nuser: ann\\n'\""));
    QCOMPARE(result.error, QString());
    QCOMPARE(result.secret, QStringLiteral("tok en-123"));
}

void TestSecretCommand::failureSaysWhatTheCommandSaid()
{
    const auto result =
        runToEnd(QStringLiteral("sh -c \"printf 'half-%s\\n' secret; echo 'store is locked' >&2; exit 3\""));
    QCOMPARE(result.secret, QString());
    QVERIFY2(result.error.contains(QStringLiteral("exit code 3")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("store is locked")), qPrintable(result.error));
    QVERIFY2(!result.error.contains(QStringLiteral("half-secret")), qPrintable(result.error));
}

void TestSecretCommand::printingNothingIsAnError()
{
    const auto result = runToEnd(QStringLiteral("true"));
    QVERIFY2(result.error.contains(QStringLiteral("printed nothing")), qPrintable(result.error));
}

void TestSecretCommand::missingProgramNamesIt()
{
    const auto result = runToEnd(QStringLiteral("herald-no-such-password-tool show x"));
    QVERIFY2(result.error.contains(QStringLiteral("could not be started")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("\"herald-no-such-password-tool\" is installed")),
             qPrintable(result.error));
}

void TestSecretCommand::hangingCommandTimesOut()
{
    const auto result = runToEnd(QStringLiteral("sleep 60"), 300);
    QVERIFY2(result.error.contains(QStringLiteral("printed nothing within 0.3 s")), qPrintable(result.error));
}

void TestSecretCommand::timeoutEndsEverythingTheCommandStarted()
{
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    const QString pidFile = dir.filePath(QStringLiteral("pid"));
    const auto result = runToEnd(QStringLiteral("sh -c 'sleep 300 & echo $! > \"%1\"; wait'").arg(pidFile), 500);
    QVERIFY2(result.error.contains(QStringLiteral("printed nothing within")), qPrintable(result.error));
    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t sleeper = pid_t(file.readAll().trimmed().toLongLong());
    QVERIFY(sleeper > 0);
    // Gone, not left behind (or a zombie that nothing runs in, until init reaps it).
    const auto gone = [sleeper] {
        QFile status(QStringLiteral("/proc/%1/status").arg(sleeper));
        return ::kill(sleeper, 0) != 0 || (status.open(QIODevice::ReadOnly) && status.readAll().contains("State:\tZ"));
    };
    QTRY_VERIFY_WITH_TIMEOUT(gone(), 5000);
#endif
}

void TestSecretCommand::singleQuotesAreReadAsAShellReadsThem()
{
    QCOMPARE(runToEnd(QStringLiteral("printf '%s\\n' 'two words'")).secret, QStringLiteral("two words"));
    const auto unclosed = runToEnd(QStringLiteral("printf 'oops"));
    QVERIFY2(unclosed.error.contains(QStringLiteral("single quote that is never closed")), qPrintable(unclosed.error));
}

void TestSecretCommand::floodIsCutShort()
{
    const auto result = runToEnd(QStringLiteral("sh -c \"yes | head -c 1000000\""));
    QCOMPARE(result.secret, QString());
    QVERIFY2(result.error.contains(QStringLiteral("more than 64 KiB")), qPrintable(result.error));
}

void TestSecretCommand::stderrFloodIsBounded()
{
    // 8 MB of complaint: only its start reaches the message, and memory does not hold the rest.
    const auto result = runToEnd(QStringLiteral("sh -c \"yes eeee | head -c 8000000 >&2; exit 4\""));
    QVERIFY2(result.error.contains(QStringLiteral("exit code 4")), qPrintable(result.error.left(200)));
    QVERIFY2(result.error.size() < 1000, qPrintable(QString::number(result.error.size())));
    QVERIFY(result.error.contains(QStringLiteral("eeee")));
}

void TestSecretCommand::emptyCommand()
{
    const auto result = runToEnd(QStringLiteral("   "));
    QVERIFY2(result.error.contains(QStringLiteral("is empty")), qPrintable(result.error));
}

void TestSecretCommand::contextGoneMeansNoCallback()
{
    bool called = false;
    auto context = std::make_unique<QObject>();
    SecretCommand::run(QStringLiteral("echo late"), context.get(),
                       [&called](const SecretCommand::Result &) { called = true; });
    context.reset(); // e.g. the feeds were replaced before the command finished
    // Whatever was queued for the run has nothing left to deliver to.
    QCoreApplication::processEvents();
    QTest::qWait(0);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestSecretCommand)
#include "tst_secretcommand.moc"
