// FreedesktopNotifier against a fake org.freedesktop.Notifications on a private bus (a dbus-daemon of the test's
// own): the exact Notify arguments, markup escaping, urgency as a byte, replaces_id, actions, ActionInvoked,
// NotificationClosed and KDE's NotificationReplied.
#include "notify/FreedesktopNotifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using herald::ui::FreedesktopNotifier;
using herald::ui::Popup;

class FakeNotificationServer final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString appName;
        uint replacesId;
        QString appIcon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int expireTimeout;
    };

    explicit FakeNotificationServer(QStringList capabilities)
        : m_capabilities(std::move(capabilities))
    {}

    QList<Call> calls;
    QList<uint> closedIds;

public Q_SLOTS:
    QStringList GetCapabilities() { return m_capabilities; }
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int expireTimeout)
    {
        calls.append({appName, replacesId, appIcon, summary, body, actions, hints, expireTimeout});
        return replacesId != 0 ? replacesId : ++m_nextId;
    }
    void CloseNotification(uint id) { closedIds.append(id); }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = QStringLiteral("Herald tests");
        version = QStringLiteral("1");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("fake");
    }

private:
    QStringList m_capabilities;
    uint m_nextId = 0;
};

class TestFreedesktopNotifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void notify_sendsTheSpecifiedArguments();
    void markup_isEscapedOnlyWhereRendered();
    void sameKey_replacesThePopup();
    void anotherServer_isAskedWhatItRenders();
    void actionsAndClosing_comeBackAsSignals();
    void inlineReply_whereTheServerHasIt();
    void noServer_isReportedSoThePopupCanGoElsewhere();

private:
    bool startServer(const QStringList &capabilities, const QString &connectionName);
    void emitSignal(const QString &name, const QVariantList &arguments);

    QProcess m_daemon;
    QString m_address;
    std::unique_ptr<FakeNotificationServer> m_server;
    QString m_serverConnection;
};

void TestFreedesktopNotifier::initTestCase()
{
    m_daemon.start(QStringLiteral("dbus-daemon"),
                   {QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
    QVERIFY2(m_daemon.waitForStarted(5000), "dbus-daemon is needed (package dbus)");
    QVERIFY(QTest::qWaitFor([&] { return m_daemon.canReadLine(); }, 5000));
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
}

void TestFreedesktopNotifier::cleanupTestCase()
{
    m_daemon.kill();
    m_daemon.waitForFinished();
}

bool TestFreedesktopNotifier::startServer(const QStringList &capabilities, const QString &connectionName)
{
    if (m_server) {
        QDBusConnection old(m_serverConnection);
        old.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        old.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        QDBusConnection::disconnectFromBus(m_serverConnection);
    }
    m_server = std::make_unique<FakeNotificationServer>(capabilities);
    m_serverConnection = connectionName;
    QDBusConnection bus = QDBusConnection::connectToBus(m_address, connectionName);
    return bus.isConnected() &&
           bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_server.get(),
                              QDBusConnection::ExportAllSlots) &&
           bus.registerService(QStringLiteral("org.freedesktop.Notifications"));
}

void TestFreedesktopNotifier::emitSignal(const QString &name, const QVariantList &arguments)
{
    QDBusMessage message = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/Notifications"),
                                                      QStringLiteral("org.freedesktop.Notifications"), name);
    message.setArguments(arguments);
    QVERIFY(QDBusConnection(m_serverConnection).send(message));
}

void TestFreedesktopNotifier::notify_sendsTheSpecifiedArguments()
{
    QVERIFY(startServer({QStringLiteral("actions"), QStringLiteral("body"), QStringLiteral("sound")},
                        QStringLiteral("server-1")));
    QDBusConnection client = QDBusConnection::connectToBus(m_address, QStringLiteral("client-1"));
    QVERIFY(FreedesktopNotifier::isAvailable(client));
    FreedesktopNotifier notifier(client);
    notifier.setAppIcon(QStringLiteral("/tmp/herald.png"));
    Popup popup;
    popup.key = QStringLiteral("message:ci:7");
    popup.title = QStringLiteral("Deploy failed");
    popup.body = QStringLiteral("prod-2 & prod-3 <b>down</b>");
    popup.priority = 5;
    popup.actions = {{QStringLiteral("default"), QStringLiteral("Open")},
                     {QStringLiteral("mark-read"), QStringLiteral("Mark read")}};
    popup.sound = true;
    notifier.show(popup); // before the capabilities are known: it waits for them
    QTRY_COMPARE(m_server->calls.size(), 1);
    QVERIFY(notifier.capabilitiesKnown());
    const auto &call = m_server->calls.first();
    QCOMPARE(call.appName, QStringLiteral("Herald"));
    QCOMPARE(call.replacesId, 0u);
    QCOMPARE(call.appIcon, QStringLiteral("/tmp/herald.png"));
    QCOMPARE(call.summary, QStringLiteral("Deploy failed"));
    QCOMPARE(call.body, QStringLiteral("prod-2 & prod-3 <b>down</b>")); // no body-markup: sent as it is
    QCOMPARE(call.actions, (QStringList{QStringLiteral("default"), QStringLiteral("Open"), QStringLiteral("mark-read"),
                                        QStringLiteral("Mark read")}));
    const QVariant urgency = call.hints.value(QStringLiteral("urgency"));
    QCOMPARE(urgency.metaType(), QMetaType::fromType<uchar>()); // a byte, as the specification says
    QCOMPARE(urgency.value<uchar>(), uchar(2));
    QCOMPARE(call.hints.value(QStringLiteral("sound-name")).toString(), QStringLiteral("dialog-warning"));
    QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(), QStringLiteral("herald"));
    QCOMPARE(call.expireTimeout, 0); // critical stays until dismissed

    popup.key = QStringLiteral("message:ci:8");
    popup.priority = 1;
    popup.sound = false;
    notifier.show(popup);
    QTRY_COMPARE(m_server->calls.size(), 2);
    QCOMPARE(m_server->calls.last().hints.value(QStringLiteral("urgency")).value<uchar>(), uchar(0));
    QCOMPARE(m_server->calls.last().expireTimeout, -1);
    QVERIFY(!m_server->calls.last().hints.contains(QStringLiteral("sound-name")));
}

void TestFreedesktopNotifier::markup_isEscapedOnlyWhereRendered()
{
    QVERIFY(startServer({QStringLiteral("body"), QStringLiteral("body-markup")}, QStringLiteral("server-2")));
    FreedesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-2")));
    Popup popup;
    popup.key = QStringLiteral("hostile");
    popup.title = QStringLiteral("<b>not bold</b>");
    popup.body =
        QStringLiteral("<img src=\"http://evil.example/x.png\"> <a href=\"http://evil.example\">click</a> & more");
    popup.actions = {{QStringLiteral("default"), QStringLiteral("Open")}};
    notifier.show(popup);
    QTRY_COMPARE(m_server->calls.size(), 1);
    QCOMPARE(m_server->calls.first().body,
             QStringLiteral(
                 "&lt;img src=\"http://evil.example/x.png\"&gt; &lt;a href=\"http://evil.example\"&gt;click&lt;/a&gt; "
                 "&amp; more"));
    QCOMPARE(m_server->calls.first().summary, popup.title); // summaries are plain text by the specification
    QVERIFY(m_server->calls.first().actions.isEmpty());     // no "actions" capability: no buttons offered
}

void TestFreedesktopNotifier::anotherServer_isAskedWhatItRenders()
{
    // A server without markup first; then one that renders it takes the name (a restart, another desktop's).
    QVERIFY(startServer({QStringLiteral("body")}, QStringLiteral("server-plain")));
    FreedesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-restart")));
    QSignalSpy read(&notifier, &FreedesktopNotifier::capabilitiesRead);
    Popup popup;
    popup.key = QStringLiteral("hostile");
    popup.title = QStringLiteral("t");
    popup.body = QStringLiteral("<a href=\"http://evil.example\">click</a>");
    notifier.show(popup);
    QTRY_COMPARE(m_server->calls.size(), 1);
    QCOMPARE(m_server->calls.first().body, popup.body); // rendered as text there
    QVERIFY(startServer({QStringLiteral("body"), QStringLiteral("body-markup")}, QStringLiteral("server-markup")));
    QTRY_COMPARE(read.size(), 2);
    QVERIFY(notifier.capabilities().contains(QStringLiteral("body-markup")));
    popup.key = QStringLiteral("hostile-2");
    notifier.show(popup);
    QTRY_COMPARE(m_server->calls.size(), 1); // the new server's first
    QCOMPARE(m_server->calls.first().body, QStringLiteral("&lt;a href=\"http://evil.example\"&gt;click&lt;/a&gt;"));
    QCOMPARE(m_server->calls.first().replacesId, 0u); // no id of the old server's is sent to the new one
}

void TestFreedesktopNotifier::sameKey_replacesThePopup()
{
    QVERIFY(startServer({QStringLiteral("actions"), QStringLiteral("body")}, QStringLiteral("server-3")));
    FreedesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-3")));
    QSignalSpy shown(&notifier, &FreedesktopNotifier::shown);
    Popup summary;
    summary.key = QStringLiteral("summary:CI");
    summary.title = QStringLiteral("3 new messages from CI");
    notifier.show(summary);
    QTRY_COMPARE(shown.count(), 1); // the id comes back asynchronously
    summary.title = QStringLiteral("7 new messages from CI");
    notifier.show(summary);
    QTRY_COMPARE(m_server->calls.size(), 2);
    QCOMPARE(m_server->calls.at(1).replacesId, 1u);
    notifier.close(QStringLiteral("summary:CI"));
    QTRY_COMPARE(m_server->closedIds, QList<uint>{1u});
}

void TestFreedesktopNotifier::actionsAndClosing_comeBackAsSignals()
{
    QVERIFY(startServer({QStringLiteral("actions"), QStringLiteral("body")}, QStringLiteral("server-4")));
    FreedesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-4")));
    QSignalSpy activated(&notifier, &FreedesktopNotifier::activated);
    QSignalSpy closed(&notifier, &FreedesktopNotifier::closed);
    QSignalSpy shown(&notifier, &FreedesktopNotifier::shown);
    Popup popup;
    popup.key = QStringLiteral("message:ci:9");
    popup.title = QStringLiteral("t");
    popup.actions = {{QStringLiteral("default"), QStringLiteral("Open")},
                     {QStringLiteral("action-0"), QStringLiteral("Retry")}};
    notifier.show(popup);
    QTRY_COMPARE(shown.count(), 1);
    emitSignal(QStringLiteral("ActionInvoked"), {99u, QStringLiteral("default")}); // another application's
    emitSignal(QStringLiteral("ActionInvoked"), {1u, QStringLiteral("action-0")});
    QTRY_COMPARE(activated.count(), 1); // signals arrive in order: the first was ignored
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("message:ci:9"));
    QCOMPARE(activated.at(0).at(1).toString(), QStringLiteral("action-0"));
    emitSignal(QStringLiteral("NotificationClosed"), {1u, 2u});
    QTRY_COMPARE(closed.count(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), QStringLiteral("message:ci:9"));
    emitSignal(QStringLiteral("ActionInvoked"), {1u, QStringLiteral("default")}); // closed: no longer ours
    notifier.show(popup);
    QTRY_COMPARE(shown.count(), 2); // a round trip after the stale signal: it has been handled by now
    QCOMPARE(activated.count(), 1);
}

void TestFreedesktopNotifier::inlineReply_whereTheServerHasIt()
{
    QVERIFY(startServer({QStringLiteral("actions"), QStringLiteral("body"), QStringLiteral("inline-reply")},
                        QStringLiteral("server-5")));
    FreedesktopNotifier notifier(QDBusConnection::connectToBus(m_address, QStringLiteral("client-5")));
    QSignalSpy replied(&notifier, &FreedesktopNotifier::replied);
    QSignalSpy shown(&notifier, &FreedesktopNotifier::shown);
    Popup popup;
    popup.key = QStringLiteral("message:chat:1");
    popup.title = QStringLiteral("mina");
    popup.body = QStringLiteral("lunch?");
    popup.offerReply = true;
    notifier.show(popup);
    QTRY_COMPARE(m_server->calls.size(), 1);
    QVERIFY(notifier.supportsInlineReply());
    QVERIFY(m_server->calls.first().actions.contains(QStringLiteral("inline-reply")));
    QCOMPARE(m_server->calls.first().hints.value(QStringLiteral("category")).toString(), QStringLiteral("im.received"));
    QTRY_COMPARE(shown.count(), 1);
    emitSignal(QStringLiteral("NotificationReplied"), {1u, QStringLiteral("yes, 12:30")});
    QTRY_COMPARE(replied.count(), 1);
    QCOMPARE(replied.at(0).at(1).toString(), QStringLiteral("yes, 12:30"));
}

void TestFreedesktopNotifier::noServer_isReportedSoThePopupCanGoElsewhere()
{
    // A bus where nobody owns org.freedesktop.Notifications and nothing can be started for it (the server died,
    // or none is installed): a bus of its own, without the session's activatable services.
    QTemporaryDir dir;
    // The system's session configuration without its service directories (a hand-written minimal one hangs in
    // authentication with dbus 1.14).
    QFile session(QStringLiteral("/usr/share/dbus-1/session.conf"));
    if (!session.open(QIODevice::ReadOnly)) {
        QSKIP("needs /usr/share/dbus-1/session.conf (package dbus)");
    }
    QByteArray text = session.readAll();
    text.replace("<standard_session_servicedirs />", "");
    QFile config(dir.filePath(QStringLiteral("bus.conf")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(text);
    config.close();
    QProcess daemon;
    daemon.start(QStringLiteral("dbus-daemon"), {QStringLiteral("--config-file=") + config.fileName(),
                                                 QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
    QVERIFY(daemon.waitForStarted(5000));
    QVERIFY(QTest::qWaitFor([&] { return daemon.canReadLine(); }, 5000));
    const QString address = QString::fromUtf8(daemon.readLine()).trimmed();
    QDBusConnection client = QDBusConnection::connectToBus(address, QStringLiteral("client-alone"));
    QVERIFY(client.isConnected());
    QVERIFY(!FreedesktopNotifier::isAvailable(client));
    FreedesktopNotifier notifier(client);
    QSignalSpy unavailable(&notifier, &herald::ui::Notifier::unavailable);
    Popup popup;
    popup.key = QStringLiteral("message:ci:9");
    popup.title = QStringLiteral("Still worth seeing");
    notifier.show(popup);
    QVERIFY(unavailable.wait(5000));
    QCOMPARE(unavailable.at(0).at(0).value<Popup>().key, popup.key);
    QVERIFY(!unavailable.at(0).at(1).toString().isEmpty());
    QDBusConnection::disconnectFromBus(QStringLiteral("client-alone"));
    daemon.kill();
    daemon.waitForFinished();
}

QTEST_GUILESS_MAIN(TestFreedesktopNotifier)
#include "tst_freedesktopnotifier.moc"
