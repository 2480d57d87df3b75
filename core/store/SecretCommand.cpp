#include "SecretCommand.h"

#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <csignal>
#include <unistd.h>
#endif

namespace herald {

namespace {

QString firstLine(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    const qsizetype end = text.indexOf(u'\n');
    QString line = end < 0 ? text : text.left(end);
    while (line.endsWith(u'\r') || line.endsWith(u' ') || line.endsWith(u'\t')) {
        line.chop(1);
    }
    return line;
}

} // namespace

std::optional<QStringList> SecretCommand::splitWords(const QString &command, QString *error)
{
    // As a POSIX shell reads words, with nothing expanded: 'single quotes' keep everything, "double quotes" keep
    // all but \" \\ \$ \` escapes, a backslash outside quotes keeps the next character.
    QStringList words;
    QString word;
    bool inWord = false;
    enum class Quote { None, Single, Double } quote = Quote::None;
    for (qsizetype i = 0; i < command.size(); ++i) {
        const QChar c = command.at(i);
        switch (quote) {
        case Quote::Single:
            if (c == u'\'') {
                quote = Quote::None;
            } else {
                word += c;
            }
            continue;
        case Quote::Double:
            if (c == u'"') {
                quote = Quote::None;
            } else if (c == u'\\' && i + 1 < command.size() && QStringView(u"\"\\$`").contains(command.at(i + 1))) {
                word += command.at(++i);
            } else {
                word += c;
            }
            continue;
        case Quote::None:
            break;
        }
        if (c == u' ' || c == u'\t' || c == u'\n') {
            if (inWord) {
                words.append(std::exchange(word, {}));
                inWord = false;
            }
            continue;
        }
        inWord = true;
        if (c == u'\'') {
            quote = Quote::Single;
        } else if (c == u'"') {
            quote = Quote::Double;
        } else if (c == u'\\' && i + 1 < command.size()) {
            word += command.at(++i);
        } else {
            word += c;
        }
    }
    if (quote != Quote::None) {
        *error = QStringLiteral("the secret command has a %1 quote that is never closed")
                     .arg(quote == Quote::Single ? QStringLiteral("single") : QStringLiteral("double"));
        return std::nullopt;
    }
    if (inWord) {
        words.append(word);
    }
    return words;
}

void SecretCommand::run(const QString &command, QObject *context, Callback done, int timeoutMs)
{
    auto *run = new SecretCommand(command, std::move(done), context);
    run->start(timeoutMs);
}

SecretCommand::SecretCommand(const QString &command, Callback done, QObject *context)
    : QObject(context)
    , m_command(command)
    , m_done(std::move(done))
{}

void SecretCommand::start(int timeoutMs)
{
    QString splitError;
    const std::optional<QStringList> words = splitWords(m_command, &splitError);
    if (!words) {
        QTimer::singleShot(0, this, [this, splitError] { finish({{}, splitError}); });
        return;
    }
    QStringList arguments = *words;
    if (arguments.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            finish({{},
                    QStringLiteral("the secret command is empty: name a command that prints the secret, e.g. "
                                   "\"pass show herald/ntfy\"")});
        });
        return;
    }
    const QString program = arguments.takeFirst();
    auto *process = new QProcess(this);
    m_process = process;
#ifdef Q_OS_UNIX
    // A group of its own, so that a timeout ends what it started too (sh -c "sleep 300; …" leaves no sleep behind).
    process->setChildProcessModifier([] { ::setpgid(0, 0); });
#endif
    process->setProgram(program);
    process->setArguments(arguments);
    // The terminal, if any, stays the user's: a command that asks for a passphrase uses its own prompt (pinentry).
    process->setInputChannelMode(QProcess::ForwardedInputChannel);
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, timeoutMs] {
        killAll();
        finish({{},
                QStringLiteral("the secret command \"%1\" printed nothing within %2 s; check that it runs on its "
                               "own in a terminal")
                    .arg(m_command)
                    .arg(timeoutMs / 1000.0)});
    });
    connect(process, &QProcess::readyReadStandardOutput, this, [this, process] {
        if (process->bytesAvailable() > kMaxOutput) {
            killAll();
            finish(
                {{},
                 QStringLiteral("the secret command \"%1\" printed more than %2 KiB; it should print only the secret")
                     .arg(m_command)
                     .arg(kMaxOutput / 1024)});
        }
    });
    // Only the start of what it says on stderr is shown; the rest is read and dropped so that memory stays bounded.
    auto keepComplaint = [this, process] {
        const QByteArray said = process->readAllStandardError();
        m_complaint.append(said.left(std::max<qsizetype>(0, kMaxComplaint - m_complaint.size())));
    };
    connect(process, &QProcess::readyReadStandardError, this, keepComplaint);
    connect(process, &QProcess::errorOccurred, this, [this, process, program](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            finish({{},
                    QStringLiteral(
                        "the secret command \"%1\" could not be started (%2); check that \"%3\" is installed and "
                        "on the PATH")
                        .arg(m_command, process->errorString(), program)});
        }
    });
    connect(
        process, &QProcess::finished, this, [this, process, keepComplaint](int exitCode, QProcess::ExitStatus status) {
            if (m_finished) {
                return;
            }
            const QString secret = firstLine(process->readAllStandardOutput());
            // stderr is the command's own explanation ("password store is empty", "not signed in"): worth showing.
            keepComplaint();
            const QString complaint = firstLine(m_complaint);
            if (status != QProcess::NormalExit || exitCode != 0) {
                finish({{},
                        complaint.isEmpty() ? QStringLiteral("the secret command \"%1\" failed (exit code %2)")
                                                  .arg(m_command)
                                                  .arg(exitCode)
                                            : QStringLiteral("the secret command \"%1\" failed (exit code %2): %3")
                                                  .arg(m_command)
                                                  .arg(exitCode)
                                                  .arg(complaint)});
                return;
            }
            if (secret.isEmpty()) {
                finish({{},
                        QStringLiteral(
                            "the secret command \"%1\" printed nothing; it should print the secret on its first line")
                            .arg(m_command)});
                return;
            }
            finish({secret, {}});
        });
    timer->start(timeoutMs);
    process->start();
}

SecretCommand::~SecretCommand()
{
    killAll(); // the context went first: nothing it started keeps running
}

void SecretCommand::killAll()
{
    if (!m_process || m_process->state() == QProcess::NotRunning) {
        return;
    }
#ifdef Q_OS_UNIX
    if (const qint64 pid = m_process->processId(); pid > 0) {
        ::kill(-pid_t(pid), SIGKILL);
    }
#endif
    m_process->kill();
}

void SecretCommand::finish(const Result &result)
{
    if (m_finished) {
        return;
    }
    m_finished = true; // the caller reports an error where its user looks (a log line, the feed editor)
    // The callback may start a feed that outlives this run: hand the result over, then go.
    const Callback done = std::move(m_done);
    deleteLater();
    done(result);
}

} // namespace herald

#include "moc_SecretCommand.cpp"
