// The windows' behaviour under QT_QPA_PLATFORM=offscreen, against real parts: a SQLite history in a temporary
// folder, a config file, and the demo server on 127.0.0.1 for the chat and the feed editor's test connection.
#include "AppConfig.h"
#include "FormFields.h"
#include "MosquittoBroker.h"
#include "NodePeer.h"
#include "TestHttpServer.h"
#include "chat/ChatBubbleDelegate.h"
#include "chat/ChatModel.h"
#include "chat/ChatWindow.h"
#include "demo/DemoServer.h"
#include "feed/FeedManager.h"
#include "feeds/FeedEditor.h"
#include "feeds/FeedStateText.h"
#include "feeds/FeedsWindow.h"
#include "feeds/ProtocolFields.h"
#include "feeds/ServiceFields.h"
#include "history/HistoryWindow.h"
#include "history/MessageView.h"
#include "net/ImageCache.h"
#include "notify/NotificationPresenter.h"
#include "notify/Notifier.h"
#include "rules/StormControl.h"
#include "settings/SettingsDialog.h"
#include "store/HistoryStore.h"
#include "tray/TrayController.h"
#include "welcome/WelcomeWindow.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTextEdit>
#include <QTimeEdit>
#include <QTreeView>
#include <QTreeWidget>

#include <cmath>

using namespace herald;
using namespace herald::ui;
using herald::test::TestHttpServer;

namespace {

// Records popups instead of showing them: the presenter's side of the contract.
class RecordingNotifier final : public Notifier
{
public:
    QList<Popup> shown;
    QStringList closedKeys;
    void show(const Popup &popup) override { shown.append(popup); }
    void close(const QString &key) override { closedKeys.append(key); }
    QString backendName() const override { return QStringLiteral("recording"); }
    void click(const QString &key, const QString &action) { Q_EMIT activated(key, action); }
};

Message message(const QString &feed, const QString &id, const QString &title, const QString &body)
{
    Message m;
    m.feed = feed;
    m.id = id;
    m.title = title;
    m.body = body;
    m.raw = QStringLiteral("{\"title\":\"%1\"}").arg(title);
    m.time = QDateTime::currentDateTimeUtc();
    return m;
}

// The server answers path with picture, as a PNG file.
void servePicture(TestHttpServer &server, const QByteArray &path, const QImage &picture)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    picture.save(&buffer, "PNG");
    server.route(path, [png](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, png, {}, "image/png");
    });
}

QPushButton *buttonNamed(const QWidget *window, const QString &text)
{
    for (auto *candidate : window->findChildren<QPushButton *>()) {
        if (candidate->text() == text) {
            return candidate;
        }
    }
    return nullptr;
}

const QString kHostile =
    QStringLiteral("<img src=\"http://evil.example/x.png\"> <a href=\"http://evil.example\">win</a>");

} // namespace

class TestWindows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void history_searchFilterAndMarkRead();
    void history_hostilePayloadIsPlainText();
    void history_markdownAndPictureShowAsTheirAppsShowThem();
    void history_readingOpeningAndDeleting();
    void feeds_addAFeedThroughTheEditor();
    void feeds_ntfyAndGotifyAskWhatTheirUsersKnow();
    void feedEditor_testConnectionShowsRawEventsAndPreview();
    void feedEditor_editingKeepsWhatTheFormDoesNotShow();
    void feedEditor_testConnectionRunsTheSecretCommand();
    void chat_roundTripThroughTheDemoRoom();
    void chat_onSocketIoAndMqtt();
    void feedEditor_offersEachProtocolWithItsFields();
    void chat_pendingWhileDisconnectedThenSent();
    void presenter_popupsAndActions();
    void presenter_picturesFollowThePopupNeverHoldItBack();
    void presenter_markdownIsPlainTextInAPopup();
    void presenter_demoStartedSaysHowToPublish();
    void presenter_serverTextCannotDisguiseOrFloodAPopup();
    void presenter_feedThatStopsIsReportedOnce();
    void presenter_httpActionIsSentAndReported();
    void tray_overallState();
    void settings_burstsAndQuietHours();
    void feeds_retryNowAndDemoFeedsExplained();
    void chat_wrapsAtWordsAndOpensLinks();
    void chat_roomListAndNoPopupForTheRoomInView();
    void chat_keepsLineBreaks();
    void chat_burstKeepsTheNewestAndAllHistoryReachable();
    void chat_entriesMadeInARowEachHaveTheirOwnDayAndTime();
    void chat_oneLargeBatchIntoAnEmptyRoomKeepsTheRestReachable();
    void chat_aFollowedRoomMakesRowsOfABurstsNewestOnly();
    void chat_messageDeletedInHistoryLeavesTheRoom();
    void chat_markdownAndPicturesInBubbles();
    void chat_openingARoomMarksItRead();
    void chat_narrowWindowGivesTheConversationTheRoom();
    void feedEditor_proxyIsAChoiceWithAnAddress();
    void errors_readOnLightAndDarkPalettes();
    void accessibility_everyControlHasAName();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_history;
};

void TestWindows::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qRegisterMetaType<QList<StoredMessage>>();
}

void TestWindows::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_history = std::make_unique<HistoryStore>();
    QVERIFY(m_history->open(m_dir->filePath(QStringLiteral("history.sqlite"))));
}

void TestWindows::cleanup()
{
    m_history.reset();
    m_dir.reset();
}

void TestWindows::history_searchFilterAndMarkRead()
{
    m_history->append(message(QStringLiteral("CI"), QStringLiteral("1"), QStringLiteral("Deploy failed"),
                              QStringLiteral("prod-2 is down")));
    m_history->append(message(QStringLiteral("CI"), QStringLiteral("2"), QStringLiteral("Deploy done"),
                              QStringLiteral("prod-3 is up")));
    m_history->append(message(QStringLiteral("Home"), QStringLiteral("3"), QStringLiteral("Door"),
                              QStringLiteral("front door opened")));
    QVERIFY(m_history->flush());
    HistoryWindow window(m_history.get());
    window.setFeedNames({QStringLiteral("CI"), QStringLiteral("Home")});
    window.show();
    QCOMPARE(window.visibleCount(), 3);

    QTest::keyClicks(window.searchBox(), QStringLiteral("deploy"));
    QTRY_COMPARE(window.visibleCount(), 2);
    QTest::keyClicks(window.searchBox(), QStringLiteral(" fail"));
    QTRY_COMPARE(window.visibleCount(), 1);
    // Esc in the search box clears the search first; the next Esc closes the window.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.searchBox()->setFocus();
    QTest::keyClick(window.searchBox(), Qt::Key_Escape);
    QCOMPARE(window.searchBox()->text(), QString());
    QVERIFY(window.isVisible());
    QTRY_COMPARE(window.visibleCount(), 3);
    QTest::keyClick(window.searchBox(), Qt::Key_Escape);
    QVERIFY(!window.isVisible());
    window.show();

    auto *feed = window.findChild<QComboBox *>();
    feed->setCurrentIndex(feed->findData(QStringLiteral("Home")));
    QCOMPARE(window.visibleCount(), 1);
    feed->setCurrentIndex(0);

    // Live: a new message shows up without asking.
    m_history->append(message(QStringLiteral("Home"), QStringLiteral("4"), QStringLiteral("Door"),
                              QStringLiteral("back door opened")));
    QVERIFY(m_history->flush());
    QTRY_COMPARE(window.visibleCount(), 4);

    window.view()->selectionModel()->select(window.view()->model()->index(0, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const auto button = [&](const QString &text) { return buttonNamed(&window, text); };
    // Selecting it is reading it: it is read, and Mark read has nothing left to do.
    auto *markRead = button(HistoryWindow::tr("&Mark read"));
    QVERIFY(markRead && !markRead->isEnabled());
    QCOMPARE(m_history->unreadCount(), 3);
    auto *unreadOnly = window.findChild<QCheckBox *>();
    unreadOnly->setChecked(true);
    QTRY_COMPARE(window.visibleCount(), 3);

    // "Mark all read" marks what the search and the filters show, and nothing else.
    QTest::keyClicks(window.searchBox(), QStringLiteral("door"));
    QTRY_COMPARE(window.visibleCount(), 1); // the front door; the back door was read above
    feed->setCurrentIndex(feed->findData(QStringLiteral("Home")));
    QTRY_COMPARE(window.visibleCount(), 1);
    button(HistoryWindow::tr("Mark &all read"))->click();
    QCOMPARE(m_history->unreadCount(), 2); // the CI ones the filters hid are still unread
    QCOMPARE(m_history->unreadCount(QStringLiteral("CI")), 2);
    QTRY_COMPARE(window.visibleCount(), 0);

    // Mark unread: back in the unread view.
    unreadOnly->setChecked(false);
    QTRY_COMPARE(window.visibleCount(), 2);
    window.view()->selectionModel()->select(window.view()->model()->index(0, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    auto *markUnread = button(HistoryWindow::tr("Mark u&nread"));
    QVERIFY(markUnread && markUnread->isEnabled());
    markUnread->click();
    QCOMPARE(m_history->unreadCount(QStringLiteral("Home")), 1);
}

void TestWindows::history_hostilePayloadIsPlainText()
{
    m_history->append(message(QStringLiteral("evil"), QStringLiteral("1"), QStringLiteral("<b>bold?</b>"), kHostile));
    QVERIFY(m_history->flush());
    HistoryWindow window(m_history.get());
    window.show();
    QCOMPARE(window.visibleCount(), 1);
    const QAbstractItemModel *model = window.view()->model();
    QCOMPARE(model->index(0, 2).data().toString(), QStringLiteral("<b>bold?</b>"));
    QCOMPARE(model->index(0, 3).data().toString(), kHostile);
    window.view()->selectionModel()->select(model->index(0, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    // The reading pane shows a message that is not Markdown as written: characters and all, no markup taken.
    MessageView *detail = window.messageView();
    QVERIFY(detail->toPlainText().contains(kHostile));
    QVERIFY(!detail->toHtml().contains(QStringLiteral("<img")));
    QVERIFY(!detail->toHtml().contains(QStringLiteral("href=\"http://evil")));
    for (const QLabel *label : window.findChildren<QLabel *>()) {
        QVERIFY2(label->textFormat() != Qt::RichText, qPrintable(label->objectName()));
    }
}

void TestWindows::history_markdownAndPictureShowAsTheirAppsShowThem()
{
    TestHttpServer server;
    QImage chart(600, 300, QImage::Format_RGB32);
    chart.fill(Qt::darkCyan);
    servePicture(server, "/chart.png", chart);
    Message m = message(QStringLiteral("deploys"), QStringLiteral("1"), QStringLiteral("prod"),
                        QStringLiteral("**Deploy** finished\n\n- api\n- web\n\n[logs](javascript:alert(1)) "
                                       "[ok](https://deploy.example/1) ![x](file:///etc/passwd) <b>raw</b>"));
    m.markdown = true;
    m.imageUrl = server.url(QStringLiteral("/chart.png"));
    m_history->append(m);
    QVERIFY(m_history->flush());
    ImageCache images(m_dir->filePath(QStringLiteral("images")));
    HistoryWindow window(m_history.get());
    window.setImageCache(&images);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.view()->selectionModel()->select(window.view()->model()->index(0, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows);
    MessageView *detail = window.messageView();
    const QString shown = detail->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("Deploy finished")) && !shown.contains(QStringLiteral("**")),
             qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("<b>")) || shown.contains(QStringLiteral("raw")), qPrintable(shown));
    QVERIFY(detail->toHtml().contains(QStringLiteral("font-weight"))); // bold, a list, links: formatted
    // Markdown's own image is never read from the disk (nor fetched); the message's picture comes from the cache.
    QVERIFY(!detail->document()
                 ->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("file:///etc/passwd")))
                 .isValid());
    QTRY_VERIFY(detail->showsPicture());
    QVERIFY(detail->toHtml().contains(QStringLiteral("width=\"480\""))); // scaled to the pane
    // Links go to the window, http(s) only.
    QSignalSpy open(&window, &HistoryWindow::openUrlRequested);
    Q_EMIT detail->anchorClicked(QUrl(QStringLiteral("javascript:alert(1)")));
    Q_EMIT detail->anchorClicked(QUrl(QStringLiteral("https://deploy.example/1")));
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://deploy.example/1")));
}

void TestWindows::history_readingOpeningAndDeleting()
{
    Message linked =
        message(QStringLiteral("CI"), QStringLiteral("1"), QStringLiteral("Build 7"), QStringLiteral("ok"));
    linked.clickUrl = QUrl(QStringLiteral("https://ci.example.org/7"));
    m_history->append(linked);
    m_history->append(
        message(QStringLiteral("CI"), QStringLiteral("2"), QStringLiteral("Build 8"), QStringLiteral("ok")));
    QVERIFY(m_history->flush());
    HistoryWindow window(m_history.get());
    window.show();
    QCOMPARE(window.visibleCount(), 2);
    QSignalSpy opened(&window, &HistoryWindow::openUrlRequested);
    const auto button = [&](const QString &text) { return buttonNamed(&window, text); };
    QPushButton *markRead = button(HistoryWindow::tr("&Mark read"));
    QPushButton *markUnread = button(HistoryWindow::tr("Mark u&nread"));
    const auto select = [&](int row) {
        window.view()->selectionModel()->select(window.view()->model()->index(row, 0),
                                                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    };
    QVERIFY(!markRead->isEnabled() && !markUnread->isEnabled()); // nothing selected

    // Reading a message (selecting it alone) marks it read; the buttons follow what the selection is.
    select(0); // the newest: Build 8
    QCOMPARE(m_history->unreadCount(), 1);
    QTRY_VERIFY(!markRead->isEnabled() && markUnread->isEnabled());
    markUnread->click();
    QCOMPARE(m_history->unreadCount(), 2);
    QTRY_VERIFY(markRead->isEnabled() && !markUnread->isEnabled()); // and the refresh did not read it again
    QCOMPARE(m_history->unreadCount(), 2);

    // Opening a link marks its message read too.
    window.view()->selectionModel()->select(window.view()->model()->index(1, 0),
                                            QItemSelectionModel::Select | QItemSelectionModel::Rows); // two selected
    QCOMPARE(m_history->unreadCount(), 2);
    QMetaObject::invokeMethod(window.view(), "activated", Q_ARG(QModelIndex, window.view()->model()->index(1, 0)));
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toUrl(), linked.clickUrl);
    QCOMPARE(m_history->unreadCount(), 1);

    // The context menu on a row: its actions, and Delete deletes for good.
    select(0);
    QStringList actions;
    QTimer::singleShot(0, &window, [&] {
        QMenu *menu = window.contextMenu();
        QVERIFY(menu);
        for (QAction *action : menu->actions()) {
            if (!action->isSeparator()) {
                actions.append(action->text());
            }
            if (action->text() == HistoryWindow::tr("&Delete")) {
                action->trigger();
            }
        }
        menu->close();
    });
    Q_EMIT window.view()->customContextMenuRequested(
        window.view()->visualRect(window.view()->model()->index(0, 0)).center());
    QCOMPARE(actions, (QStringList{HistoryWindow::tr("&Copy text"), HistoryWindow::tr("&Open link"),
                                   HistoryWindow::tr("&Mark read"), HistoryWindow::tr("Mark u&nread"),
                                   HistoryWindow::tr("&Delete")}));
    QCOMPARE(m_history->count(), 1);
    QTRY_COMPARE(window.visibleCount(), 1);
    HistoryStore::Query search;
    search.search = QStringLiteral("Build 8");
    QCOMPARE(m_history->query(search).size(), 0);
}

void TestWindows::feeds_ntfyAndGotifyAskWhatTheirUsersKnow()
{
    // ntfy: the server (ntfy.sh unless changed) and topics; the address is built from them.
    FeedEditor ntfy(std::nullopt);
    ntfy.setUpFor(PayloadMapper::Preset::Ntfy);
    ntfy.show();
    QVERIFY(QTest::qWaitForWindowExposed(&ntfy));
    ServiceFields *fields = ntfy.serviceFields();
    QVERIFY(fields->serverEdit()->isVisible());
    QVERIFY(fields->topicsEdit()->isVisible());
    QCOMPARE(fields->serverEdit()->text(), QStringLiteral("https://ntfy.sh"));
    QCOMPARE(QApplication::focusWidget(), fields->topicsEdit());
    QTest::keyClicks(fields->topicsEdit(), QStringLiteral("alerts, backups"));
    QCOMPARE(ntfy.urlEdit()->text(), QStringLiteral("https://ntfy.sh/alerts,backups/sse"));
    QString problem;
    auto config = ntfy.feedConfig(&problem);
    QVERIFY2(config, qPrintable(problem));
    QCOMPARE(config->url, QUrl(QStringLiteral("https://ntfy.sh/alerts,backups/sse")));
    QCOMPARE(config->name, QStringLiteral("alerts,backups"));
    // A topic ntfy would refuse is said before anything connects.
    QTest::keyClicks(fields->topicsEdit(), QStringLiteral(", dev/ops"));
    QVERIFY(!ntfy.feedConfig(&problem));
    QVERIFY2(problem.contains(QStringLiteral("“dev/ops” cannot be a ntfy topic")), qPrintable(problem));
    // Their own server, under a path; and the address typed by hand fills the fields in.
    fields->topicsEdit()->clear();
    QTest::keyClicks(fields->topicsEdit(), QStringLiteral("home"));
    fields->serverEdit()->clear();
    QTest::keyClicks(fields->serverEdit(), QStringLiteral("https://example.org/ntfy"));
    QCOMPARE(ntfy.urlEdit()->text(), QStringLiteral("https://example.org/ntfy/home/sse"));
    ntfy.urlEdit()->clear();
    QTest::keyClicks(ntfy.urlEdit(), QStringLiteral("https://push.example.net/door,garage/json"));
    QCOMPARE(fields->serverEdit()->text(), QStringLiteral("https://push.example.net"));
    QCOMPARE(fields->topicsEdit()->text(), QStringLiteral("door, garage"));

    // gotify: the server, and the client token where the secret goes, sent as ?token=.
    FeedEditor gotify(std::nullopt);
    gotify.setUpFor(PayloadMapper::Preset::Gotify);
    gotify.show();
    QVERIFY(QTest::qWaitForWindowExposed(&gotify));
    QVERIFY(gotify.serviceFields()->serverEdit()->isVisible());
    QVERIFY(!gotify.serviceFields()->topicsEdit()->isVisible());
    QTest::keyClicks(gotify.serviceFields()->serverEdit(), QStringLiteral("https://gotify.example.org"));
    QCOMPARE(gotify.urlEdit()->text(), QStringLiteral("wss://gotify.example.org/stream"));
    QCOMPARE(gotify.authBox()->currentData().toString(), QStringLiteral("query"));
    const auto labels = gotify.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
        return label->buddy() == gotify.secretEdit() && label->text() == QStringLiteral("Client to&ken:");
    }));
    QTest::keyClicks(gotify.secretEdit(), QStringLiteral("CxYz.secret"));
    config = gotify.feedConfig(&problem);
    QVERIFY2(config, qPrintable(problem));
    QCOMPARE(config->auth, FeedConfig::Auth::QueryToken);
    QCOMPARE(config->queryParameter, QStringLiteral("token"));
    QCOMPARE(gotify.secret(), QStringLiteral("CxYz.secret"));

    // Another format hides the questions; an existing ntfy feed shows its server and topics.
    gotify.presetBox()->setCurrentIndex(gotify.presetBox()->findData(QStringLiteral("json")));
    QVERIFY(!gotify.serviceFields()->serverEdit()->isVisible());
    FeedConfig existing;
    existing.name = QStringLiteral("home");
    existing.url = QUrl(QStringLiteral("https://ntfy.example.org/home/sse"));
    existing.preset = PayloadMapper::Preset::Ntfy;
    FeedEditor edit(existing);
    QCOMPARE(edit.serviceFields()->serverEdit()->text(), QStringLiteral("https://ntfy.example.org"));
    QCOMPARE(edit.serviceFields()->topicsEdit()->text(), QStringLiteral("home"));
}

void TestWindows::feeds_addAFeedThroughTheEditor()
{
    AppConfig config(ConfigStore(m_dir->filePath(QStringLiteral("herald.json"))));
    config.load();
    FeedsWindow window(&config, nullptr, nullptr);
    window.show();
    QCOMPARE(window.list()->topLevelItemCount(), 0);
    FeedEditor *editor = window.openEditor();
    QTest::keyClicks(editor->nameEdit(), QStringLiteral("Builds"));
    QTest::keyClicks(editor->urlEdit(), QStringLiteral("not a url"));
    editor->accept();
    QVERIFY(editor->isVisible()); // refused, with the reason shown
    const auto labels = editor->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
        return l->isVisible() && l->text().contains(QStringLiteral("is not an http, https, ws or wss URL"));
    }));
    editor->urlEdit()->setText(QStringLiteral("https://ntfy.sh/builds/sse"));
    editor->presetBox()->setCurrentIndex(editor->presetBox()->findData(QStringLiteral("ntfy")));
    editor->accept();
    QTRY_COMPARE(window.list()->topLevelItemCount(), 1);
    QCOMPARE(window.list()->topLevelItem(0)->text(0), QStringLiteral("Builds"));
    // On disk, in the file the command line uses too.
    const auto saved = ConfigStore(config.path()).load();
    QCOMPARE(saved.feeds.size(), 1);
    QCOMPARE(saved.feeds.first().preset, PayloadMapper::Preset::Ntfy);
    QCOMPARE(saved.feeds.first().url, QUrl(QStringLiteral("https://ntfy.sh/builds/sse")));

    // A name left empty is the one the address suggests, shown in the empty field, and never one that is taken.
    FeedEditor *second = window.openEditor();
    QTest::keyClicks(second->urlEdit(), QStringLiteral("https://ntfy.sh/deploys/sse"));
    QCOMPARE(second->suggestedName(), QStringLiteral("deploys"));
    QCOMPARE(second->nameEdit()->placeholderText(), QStringLiteral("deploys"));
    second->urlEdit()->setText(QStringLiteral("https://ntfy.sh/builds/sse"));
    QCOMPARE(second->suggestedName(), QStringLiteral("builds 2"));
    second->accept();
    QTRY_COMPARE(window.list()->topLevelItemCount(), 2);
    QCOMPARE(ConfigStore(config.path()).load().feeds.last().name, QStringLiteral("builds 2"));
}

void TestWindows::feedEditor_testConnectionShowsRawEventsAndPreview()
{
    DemoServer demo;
    demo.setSampleInterval(0);
    QVERIFY(demo.start());
    FeedConfig existing;
    existing.name = QStringLiteral("demo");
    existing.url = demo.eventsUrl();
    FeedEditor editor(existing);
    editor.show();
    editor.testConnection();
    QTRY_COMPARE(demo.subscriberCount(), 1);
    demo.publish("message", "{\"title\":\"Build 42\",\"message\":\"<i>green</i>\",\"priority\":4}");
    QTRY_VERIFY(editor.inspector()->toPlainText().contains(QStringLiteral("{\"title\":\"Build 42\"")));
    QTRY_COMPARE(editor.preview()->topLevelItemCount(), 1);
    // Automatic, the default: read as JSON, and the preview says so.
    QCOMPARE(editor.presetBox()->currentData().toString(), QStringLiteral("auto"));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(0), QStringLiteral("Build 42"));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(1), QStringLiteral("<i>green</i>"));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(3), FeedEditor::tr("JSON"));
    // Raw: the payload is the body; changing the payload format re-maps what was received.
    editor.presetBox()->setCurrentIndex(editor.presetBox()->findData(QStringLiteral("raw")));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(1),
             QStringLiteral("{\"title\":\"Build 42\",\"message\":\"<i>green</i>\",\"priority\":4}"));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(3), FeedEditor::tr("text"));
    editor.presetBox()->setCurrentIndex(editor.presetBox()->findData(QStringLiteral("json")));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(0), QStringLiteral("Build 42"));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(1), QStringLiteral("<i>green</i>"));
    QCOMPARE(editor.preview()->topLevelItem(0)->text(2), QStringLiteral("4"));
    QCOMPARE(m_history->count(), 0); // a test stores nothing
    // The log starts with connecting, not "reconnecting".
    QVERIFY2(editor.inspector()->toPlainText().startsWith(QStringLiteral("— %1 —").arg(FeedEditor::tr("connecting"))),
             qPrintable(editor.inspector()->toPlainText()));

    // A new test replaces the one before: one subscriber, and the old one writes nothing more.
    editor.testConnection();
    QTRY_COMPARE(demo.subscriberCount(), 1);
    QTRY_VERIFY(
        editor.inspector()->toPlainText().contains(QStringLiteral("— %1 —").arg(feedStateText(Feed::State::Open))));
    const QString afterRestart = editor.inspector()->toPlainText();
    QVERIFY(!afterRestart.contains(QStringLiteral("Build 42"))); // cleared for the new test
    // Stop: the connection closes and the button greys.
    QVERIFY(editor.stopButton()->isEnabled());
    editor.stopButton()->click();
    QVERIFY(!editor.stopButton()->isEnabled());
    QTRY_COMPARE(demo.subscriberCount(), 0); // closed on the server's side too: nothing more can arrive
    QVERIFY(editor.inspector()->toPlainText().endsWith(FeedEditor::tr("— stopped —")));

    // Test, then an address that cannot be tested, test again, Cancel: no test outlives what it tested.
    editor.testConnection();
    QTRY_COMPARE(demo.subscriberCount(), 1);
    editor.urlEdit()->setText(QStringLiteral("notaurl"));
    editor.testConnection();
    QTRY_COMPARE(demo.subscriberCount(), 0);
    editor.urlEdit()->setText(demo.eventsUrl().toString());
    editor.testConnection();
    QTRY_COMPARE(demo.subscriberCount(), 1);
    editor.reject(); // Cancel, with the dialog kept (as FeedsWindow keeps it)
    QTRY_COMPARE(demo.subscriberCount(), 0);
}

void TestWindows::feedEditor_editingKeepsWhatTheFormDoesNotShow()
{
    FeedConfig existing;
    existing.name = QStringLiteral("ops");
    existing.url = QUrl(QStringLiteral("https://hub.example/events"));
    existing.headers = {{"X-Team", "ops"}};
    existing.auth = FeedConfig::Auth::Basic;
    existing.username = QStringLiteral("ann");
    existing.secretCommand = QStringLiteral("pass show herald/ops");
    existing.reconnect = false;
    existing.reconnectDelaySeconds = 20;
    existing.maxReconnectDelaySeconds = 300;
    existing.idleTimeoutSeconds = 0;
    existing.tls.clientCertificateFile = QStringLiteral("/home/ann/ops.p12");
    existing.rules.fieldPointer = QStringLiteral("/status");
    existing.rules.fieldPattern = QRegularExpression(QStringLiteral("^fail"));
    existing.rules.mutedUntil = QDateTime(QDate(2030, 1, 1), QTime(8, 0), Qt::UTC);
    FeedEditor editor(existing, true);
    QString problem;
    auto unchanged = editor.feedConfig(&problem);
    QVERIFY2(unchanged, qPrintable(problem));
    QCOMPARE(*unchanged, existing); // opening and saving changes nothing
    editor.nameEdit()->setText(QStringLiteral("ops team"));
    auto renamed = editor.feedConfig(&problem);
    QVERIFY2(renamed, qPrintable(problem));
    QCOMPARE(renamed->name, QStringLiteral("ops team"));
    QCOMPARE(renamed->headers, existing.headers);
    QCOMPARE(renamed->rules.fieldPointer, QStringLiteral("/status"));
    QCOMPARE(renamed->rules.mutedUntil, existing.rules.mutedUntil);
    QCOMPARE(renamed->tls.clientCertificateFile, existing.tls.clientCertificateFile);
    QCOMPARE(renamed->secretCommand, existing.secretCommand);
    QVERIFY(!renamed->reconnect);
    QCOMPARE(renamed->reconnectDelaySeconds, 20);
    // The rules tab edits the JSON-field rule: a pointer that is not one is refused, none removes the rule.
    auto *rulesTab = editor.tabs()->widget(3);
    QLineEdit *pointer = nullptr;
    for (QLineEdit *edit : rulesTab->findChildren<QLineEdit *>()) {
        pointer = edit->text() == QStringLiteral("/status") ? edit : pointer;
    }
    QVERIFY(pointer);
    pointer->setText(QStringLiteral("status"));
    QVERIFY(!editor.feedConfig(&problem));
    QVERIFY2(problem.contains(QStringLiteral("JSON pointer")), qPrintable(problem));
    pointer->clear();
    QVERIFY2(editor.feedConfig(&problem), qPrintable(problem));
    QCOMPARE(editor.feedConfig(&problem)->rules.fieldPointer, QString());
    // Priorities read with their names; typing the number is enough.
    auto *minimum = rulesTab->findChildren<PrioritySpinBox *>().first();
    QCOMPARE(minimum->text(), QStringLiteral("1 (min)"));
    minimum->selectAll();
    QTest::keyClicks(minimum, QStringLiteral("4"));
    minimum->interpretText();
    QCOMPARE(minimum->value(), 4);
    QCOMPARE(minimum->text(), QStringLiteral("4 (high)"));
    QCOMPARE(editor.feedConfig(&problem)->rules.minPriority, 4);
    // The network tab edits the reconnect settings; impossible ones are refused with the reason.
    auto *network = editor.tabs()->widget(2);
    QCOMPARE(editor.tabs()->tabText(2), FeedEditor::tr("Net&work"));
    auto spins = network->findChildren<QSpinBox *>();
    QCOMPARE(spins.size(), 3); // first wait, cap, idle timeout
    spins.at(1)->setValue(5);  // a cap below the first wait
    QVERIFY(!editor.feedConfig(&problem));
    QVERIFY2(problem.contains(QStringLiteral("reconnect.maxDelaySeconds")), qPrintable(problem));
}

void TestWindows::feedEditor_testConnectionRunsTheSecretCommand()
{
#ifdef Q_OS_WIN
    QSKIP("the secret commands here are POSIX shell");
#endif
    DemoServer demo;
    demo.setSampleInterval(0);
    QVERIFY(demo.start());
    FeedConfig existing;
    existing.name = QStringLiteral("demo");
    QUrl url = demo.eventsUrl();
    url.setQuery(QStringLiteral("x=1"));
    existing.url = url;
    existing.auth = FeedConfig::Auth::Bearer;
    existing.secretCommand = QStringLiteral("sh -c \"echo 'no such entry' >&2; exit 1\"");
    FeedEditor editor(existing, false);
    editor.show();
    editor.testConnection();
    // A failing command is shown where the user looks, and nothing connects.
    QTRY_VERIFY(editor.inspector()->toPlainText().contains(QStringLiteral("no such entry")));
    QCOMPARE(demo.subscriberCount(), 0);
    QCOMPARE(editor.secretCommandEdit()->text(), existing.secretCommand);
    editor.secretCommandEdit()->setText(QStringLiteral("echo demo-token"));
    editor.testConnection();
    QTRY_COMPARE(demo.subscriberCount(), 1);
}

void TestWindows::chat_roundTripThroughTheDemoRoom()
{
    DemoServer demo;
    demo.setSampleInterval(0);
    demo.setBotDelay(0);
    QVERIFY(demo.start());
    FeedConfig chat;
    chat.name = QStringLiteral("room");
    chat.url = demo.chatUrl();
    chat.preset = PayloadMapper::Preset::Json;
    FeedManager feeds(m_history.get(), nullptr);
    feeds.setFeeds({chat});
    feeds.startAll();
    ChatWindow window(&feeds, m_history.get());
    window.setSenderName(QStringLiteral("tester"));
    window.setChatFeeds({QStringLiteral("room")});
    window.show();
    QCOMPARE(window.currentFeed(), QStringLiteral("room"));
    QTRY_COMPARE(window.connectionText(), ChatWindow::tr("Connected"));
    QTRY_VERIFY(window.model()->rowCount() >= 1); // the bot's welcome
    const int before = window.model()->rowCount();

    QTest::keyClicks(window.sendBox(), QStringLiteral("hello <b>bot</b>"));
    QTest::keyClick(window.sendBox(), Qt::Key_Return, Qt::ShiftModifier); // a new line, not a send
    QTest::keyClicks(window.sendBox(), QStringLiteral("second line"));
    QCOMPARE(window.model()->rowCount(), before);
    QTest::keyClick(window.sendBox(), Qt::Key_Return);
    QCOMPARE(window.sendBox()->toPlainText(), QString());
    QCOMPARE(window.model()->rowCount(), before + 1);
    const QModelIndex own = window.model()->index(before);
    QCOMPARE(own.data().toString(), QStringLiteral("hello <b>bot</b>\nsecond line"));
    QVERIFY(own.data(ChatModel::OutgoingRole).toBool());
    QTRY_COMPARE(ChatModel::Delivery(own.data(ChatModel::StateRole).toInt()), ChatModel::Delivery::Sent);
    // The room echoes it (recognised, not shown twice) and the bot answers.
    QTRY_VERIFY(window.model()->rowCount() >= before + 2);
    const QModelIndex answer = window.model()->index(window.model()->rowCount() - 1);
    QVERIFY(!answer.data(ChatModel::OutgoingRole).toBool());
    QCOMPARE(answer.data(ChatModel::SenderRole).toString(), QStringLiteral("herald-bot"));
    QCOMPARE(window.model()->rowCount(), before + 2);
    // Both are in the history: reopening the conversation shows them again.
    QVERIFY(m_history->flush());
    ChatModel reloaded;
    reloaded.load(m_history.get(), QStringLiteral("room"));
    QCOMPARE(reloaded.rowCount(), window.model()->rowCount());
    QVERIFY(reloaded.index(before).data(ChatModel::OutgoingRole).toBool());
    QCOMPARE(reloaded.index(before).data().toString(), QStringLiteral("hello <b>bot</b>\nsecond line"));
}

void TestWindows::chat_onSocketIoAndMqtt()
{
#ifdef Q_OS_WIN
    QSKIP("the Node and mosquitto peers are Linux programs: under Wine they get no working pipe (see "
          "scripts/windows/test.sh)");
#endif
    herald::test::NodePeer socketIo; // the socket.io package from npm
    QVERIFY2(socketIo.start(QStringLiteral("socketio-server.js")), qPrintable(socketIo.error()));
    herald::test::MosquittoBroker broker; // Debian's mosquitto
    QVERIFY2(broker.start(), qPrintable(broker.error()));
    FeedConfig sio;
    sio.name = QStringLiteral("sio");
    sio.url = QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(socketIo.port()));
    sio.protocol.name = QStringLiteral("socketio");
    FeedConfig mqtt;
    mqtt.name = QStringLiteral("ops");
    mqtt.url = QUrl(broker.url());
    mqtt.protocol.name = QStringLiteral("mqtt");
    mqtt.protocol.topics = {QStringLiteral("chat/ops")};
    FeedManager feeds(m_history.get(), nullptr);
    feeds.setFeeds({sio, mqtt});
    feeds.startAll();
    ChatWindow window(&feeds, m_history.get());
    window.setSenderName(QStringLiteral("tester"));
    window.setChatFeeds({QStringLiteral("sio"), QStringLiteral("ops")});
    window.show();

    // Socket.IO: what is typed is emitted as a "message" event; the server's events are the conversation.
    window.openFeed(QStringLiteral("sio"));
    QTRY_COMPARE(window.connectionText(), ChatWindow::tr("Connected"));
    QTRY_VERIFY(window.model()->rowCount() >= 1);
    QTest::keyClicks(window.sendBox(), QStringLiteral("hi from the chat window"));
    QTest::keyClick(window.sendBox(), Qt::Key_Return);
    const QModelIndex own = window.model()->index(window.model()->rowCount() - 1);
    QVERIFY(own.data(ChatModel::OutgoingRole).toBool());
    QTRY_COMPARE(ChatModel::Delivery(own.data(ChatModel::StateRole).toInt()), ChatModel::Delivery::Sent);
    QTRY_VERIFY(socketIo.output().contains(QStringLiteral(R"(GOT message ["hi from the chat window"])")));

    // MQTT: published to the room's topic, shown once (the broker's copy back is not a second bubble); what
    // another client publishes arrives as theirs.
    window.openFeed(QStringLiteral("ops"));
    QCOMPARE(window.currentFeed(), QStringLiteral("ops"));
    QTRY_COMPARE(window.connectionText(), ChatWindow::tr("Connected"));
    QTest::keyClicks(window.sendBox(), QStringLiteral("deploying now"));
    QTest::keyClick(window.sendBox(), Qt::Key_Return);
    QCOMPARE(window.model()->rowCount(), 1);
    const QModelIndex published = window.model()->index(0);
    QTRY_COMPARE(ChatModel::Delivery(published.data(ChatModel::StateRole).toInt()), ChatModel::Delivery::Sent);
    QTRY_VERIFY(broker.log().contains(QStringLiteral("'chat/ops', ... (13 bytes)")));
    FeedConfig colleague = mqtt;
    colleague.name = QStringLiteral("colleague");
    Feed other(colleague, nullptr);
    other.start();
    other.send(QStringLiteral("thanks!"));
    QTRY_COMPARE(window.model()->rowCount(), 2);
    const QModelIndex reply = window.model()->index(1);
    QVERIFY(!reply.data(ChatModel::OutgoingRole).toBool());
    QCOMPARE(reply.data().toString(), QStringLiteral("thanks!"));
    other.stop();
}

void TestWindows::feedEditor_offersEachProtocolWithItsFields()
{
    FeedEditor editor(std::nullopt);
    editor.show();
    ProtocolFields *fields = editor.protocolFields();
    QComboBox *speaks = fields->protocolBox();
    QTest::keyClicks(editor.nameEdit(), QStringLiteral("sensors"));
    const auto choose = [&](const char *name) {
        speaks->setCurrentIndex(speaks->findData(QLatin1String(name)));
        QCOMPARE(speaks->currentData().toString(), QLatin1String(name));
    };
    const auto fill = [&](const char *objectLabel, const QString &text) {
        // A field found by its label, as a person finds it.
        for (auto *label : fields->findChildren<QLabel *>()) {
            if (label->isVisibleTo(fields) && label->text() == QLatin1String(objectLabel) && label->buddy()) {
                if (auto *line = qobject_cast<QLineEdit *>(label->buddy())) {
                    line->setText(text);
                } else if (auto *box = qobject_cast<QPlainTextEdit *>(label->buddy())) {
                    box->setPlainText(text);
                }
                return true;
            }
        }
        return false;
    };
    QString problem;

    // An http:// address: an SSE stream with its request, or Socket.IO's / SockJS's address.
    editor.urlEdit()->setText(QStringLiteral("https://api.example.org/v1/stream"));
    QVERIFY(speaks->isVisibleTo(fields));
    QVERIFY(fill("Request &body:", QStringLiteral("{\"stream\":true}")));
    auto feed = editor.feedConfig(&problem);
    QVERIFY2(feed, qPrintable(problem));
    QCOMPARE(feed->method, QByteArray("POST"));
    QCOMPARE(feed->body, QByteArray(R"({"stream":true})"));
    choose("socketio");
    QVERIFY(!fill("Request &body:", QString())); // a WebSocket now: no request body
    QVERIFY(fill("Na&mespace:", QStringLiteral("/ops")));
    QVERIFY(fill("Auth pa&yload:", QStringLiteral("{\"token\":\"${secret}\"}")));
    feed = editor.feedConfig(&problem);
    QVERIFY2(feed, qPrintable(problem));
    QCOMPARE(feed->effectiveTransport(), FeedConfig::Transport::WebSocket);
    QCOMPARE(feed->protocol.name, QStringLiteral("socketio"));
    QCOMPARE(feed->protocol.socketIoNamespace, QStringLiteral("/ops"));
    QCOMPARE(feed->body, QByteArray());
    QVERIFY(fill("Auth pa&yload:", QStringLiteral("[1]")));
    QVERIFY(!editor.feedConfig(&problem));
    QVERIFY2(problem.contains(QStringLiteral("JSON object")), qPrintable(problem));

    // MQTT on a ws:// address: topics, QoS, where the chat publishes.
    editor.urlEdit()->setText(QStringLiteral("wss://broker.example.org/mqtt"));
    choose("mqtt5");
    QVERIFY(fill("Topic &filters:", QStringLiteral("home/+/temperature, alerts/#")));
    QVERIFY(fill("Publish t&o:", QStringLiteral("home/commands")));
    feed = editor.feedConfig(&problem);
    QVERIFY2(feed, qPrintable(problem));
    QCOMPARE(feed->protocol.name, QStringLiteral("mqtt5"));
    QCOMPARE(feed->protocol.topics, (QStringList{QStringLiteral("home/+/temperature"), QStringLiteral("alerts/#")}));
    QCOMPARE(feed->protocol.qos, 1);
    QCOMPARE(feed->protocol.publishTopic, QStringLiteral("home/commands"));
    QVERIFY(fill("Topic &filters:", QStringLiteral("home/#/x")));
    QVERIFY(!editor.feedConfig(&problem));
    QVERIFY2(problem.contains(QStringLiteral("home/#/x")), qPrintable(problem));
    QVERIFY(fill("Topic &filters:", QStringLiteral("home/#")));

    // Saved and opened again: the fields come back as they were.
    feed = editor.feedConfig(&problem);
    QVERIFY(feed);
    FeedEditor reopened(*feed);
    QCOMPARE(reopened.protocolFields()->protocolBox()->currentData().toString(), QStringLiteral("mqtt5"));
    QCOMPARE(reopened.protocolFields()->topicsEdit()->text(), QStringLiteral("home/#"));
    QCOMPARE(reopened.feedConfig(&problem)->protocol.publishTopic, QStringLiteral("home/commands"));

    // GraphQL needs its subscription; plain messages take on-open messages, a keepalive and answers.
    choose("graphql-ws");
    QVERIFY(!editor.feedConfig(&problem));
    QVERIFY2(problem.contains(QStringLiteral("subscription")), qPrintable(problem));
    QVERIFY(fill("Su&bscription:", QStringLiteral("subscription { builds { status } }")));
    feed = editor.feedConfig(&problem);
    QVERIFY2(feed, qPrintable(problem));
    QCOMPARE(feed->protocol.query, QStringLiteral("subscription { builds { status } }"));
    choose("plain");
    QVERIFY(fill("&On open, send:", QStringLiteral("{\"type\":\"subscribe\"}\n{\"type\":\"hello\"}")));
    QVERIFY(fill("&Answer pings:", QStringLiteral("ping (\\d+)=>pong ${1}")));
    QVERIFY(fill("&Keepalive:", QStringLiteral("ka")));
    feed = editor.feedConfig(&problem);
    QVERIFY2(feed, qPrintable(problem));
    QCOMPARE(feed->protocol.onOpen.size(), 2);
    QCOMPARE(feed->protocol.answers.value(0).reply, QStringLiteral("pong ${1}"));
    QCOMPARE(feed->protocol.keepaliveText, QStringLiteral("ka"));
}

void TestWindows::chat_pendingWhileDisconnectedThenSent()
{
    // A port nobody listens on yet.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    FeedConfig chat;
    chat.name = QStringLiteral("later");
    chat.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/chat").arg(port));
    chat.preset = PayloadMapper::Preset::Json;
    {
        FeedManager feeds(m_history.get(), nullptr);
        feeds.setFeeds({chat});
        feeds.startAll();
        ChatWindow window(&feeds, m_history.get());
        window.setSenderName(QStringLiteral("tester"));
        window.setChatFeeds({QStringLiteral("later")});
        window.show();
        QTRY_VERIFY(window.connectionText().startsWith(ChatWindow::tr("Reconnecting in %n s", nullptr, 3).left(12)));
        QTest::keyClicks(window.sendBox(), QStringLiteral("are you there?"));
        QTest::keyClick(window.sendBox(), Qt::Key_Enter);
        QCOMPARE(window.model()->rowCount(), 1);
        const QModelIndex pending = window.model()->index(0);
        QCOMPARE(ChatModel::Delivery(pending.data(ChatModel::StateRole).toInt()), ChatModel::Delivery::Pending);
    } // Herald quits with the message still unsent.

    QCOMPARE(m_history->pendingOutgoing(QStringLiteral("later")).size(), 1);
    FeedManager feeds(m_history.get(), nullptr);
    feeds.setFeeds({chat});
    feeds.startAll();
    ChatWindow window(&feeds, m_history.get());
    window.setChatFeeds({QStringLiteral("later")});
    window.show();
    QCOMPARE(window.model()->rowCount(), 1);
    const QModelIndex pending = window.model()->index(0);
    QCOMPARE(ChatModel::Delivery(pending.data(ChatModel::StateRole).toInt()), ChatModel::Delivery::Pending);

    DemoServer demo;
    demo.setSampleInterval(0);
    demo.setBotDelay(0);
    QVERIFY(demo.start(port));
    feeds.feed(QStringLiteral("later"))->reconnectNow();
    QTRY_COMPARE(ChatModel::Delivery(pending.data(ChatModel::StateRole).toInt()), ChatModel::Delivery::Sent);
    QTRY_COMPARE(window.connectionText(), ChatWindow::tr("Connected"));
    QVERIFY(m_history->pendingOutgoing(QStringLiteral("later")).isEmpty());
    // The room got it: the bot answers the sender by name.
    const auto answered = [&] {
        for (int row = 0; row < window.model()->rowCount(); ++row) {
            const QModelIndex index = window.model()->index(row);
            if (!index.data(ChatModel::OutgoingRole).toBool() &&
                index.data().toString().contains(QStringLiteral("tester"))) {
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY(answered());
    // Sent exactly once: the echo is recognised, and nothing is pending to resend.
    int own = 0;
    for (int row = 0; row < window.model()->rowCount(); ++row) {
        own += window.model()->index(row).data(ChatModel::OutgoingRole).toBool() ? 1 : 0;
    }
    QCOMPARE(own, 1);
}

void TestWindows::presenter_feedThatStopsIsReportedOnce()
{
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    QSignalSpy feedsRequested(&presenter, &NotificationPresenter::feedsRequested);
    const QString why = QStringLiteral("HTTP 404 Not Found: the server has no event stream at this URL");
    presenter.feedStateChanged(QStringLiteral("ci"), Feed::State::Connecting, QStringLiteral("timed out"));
    QCOMPARE(notifier.shown.size(), 0); // still trying: not worth a popup
    presenter.feedStateChanged(QStringLiteral("ci"), Feed::State::Failed, why);
    QCOMPARE(notifier.shown.size(), 1);
    QCOMPARE(notifier.shown.first().title, NotificationPresenter::tr("“%1” stopped").arg(QStringLiteral("ci")));
    QCOMPARE(notifier.shown.first().body, why);
    presenter.feedStateChanged(QStringLiteral("ci"), Feed::State::Failed, why);
    QCOMPARE(notifier.shown.size(), 1); // once, until it works again
    notifier.click(notifier.shown.first().key, QStringLiteral("feeds"));
    QCOMPARE(feedsRequested.size(), 1);
    presenter.feedStateChanged(QStringLiteral("ci"), Feed::State::Open, {});
    presenter.feedStateChanged(QStringLiteral("ci"), Feed::State::Failed, why);
    QCOMPARE(notifier.shown.size(), 2);
    // Do not disturb holds it back (the tray icon still turns red).
    presenter.setDoNotDisturbUntil(QDateTime::currentDateTimeUtc().addSecs(600));
    presenter.feedStateChanged(QStringLiteral("other"), Feed::State::Failed, why);
    QCOMPARE(notifier.shown.size(), 2);
    // A history that cannot be written is said once, not with each of the store's retries.
    presenter.historyFailed(QStringLiteral("could not write to the history: database or disk is full"));
    presenter.historyFailed(QStringLiteral("could not write to the history: database or disk is full"));
    QCOMPARE(notifier.shown.size(), 3);
    QCOMPARE(notifier.shown.last().title, NotificationPresenter::tr("Herald cannot save messages"));
    QVERIFY(notifier.shown.last().body.contains(QStringLiteral("disk is full")));
}

void TestWindows::presenter_picturesFollowThePopupNeverHoldItBack()
{
    TestHttpServer server;
    const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(64, 'p');
    const QByteArray jpeg = QByteArray("\xff\xd8\xff\xe0", 4) + QByteArray(64, 'j');
    server.route("/icon.png", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, png, {}, "image/png");
    });
    server.route("/cam.jpg", [&](const HttpRequest &, QTcpSocket *socket) {
        TestHttpServer::respond(socket, 200, jpeg, {}, "image/jpeg");
    });
    ImageCache images(m_dir->filePath(QStringLiteral("images")));
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    presenter.setImageCache(&images);
    presenter.setSoundsEnabled(true);
    Message m = message(QStringLiteral("door"), QStringLiteral("1"), QStringLiteral("Front door"),
                        QStringLiteral("Someone rang"));
    m.iconUrl = server.url(QStringLiteral("/icon.png"));
    m.imageUrl = server.url(QStringLiteral("/cam.jpg"));
    m.historyRowId = 7;
    presenter.present(Notification(m));
    // At once, without pictures; then once more, the same popup (its key) with both, and without a second sound.
    QCOMPARE(notifier.shown.size(), 1);
    QVERIFY(notifier.shown.at(0).imageFile.isEmpty());
    QVERIFY(notifier.shown.at(0).sound);
    QTRY_VERIFY(!notifier.shown.last().imageFile.isEmpty() && !notifier.shown.last().iconFile.isEmpty());
    const Popup withPictures = notifier.shown.last();
    QCOMPARE(withPictures.key, notifier.shown.at(0).key);
    QVERIFY(!withPictures.sound);
    QCOMPARE(QFileInfo(withPictures.imageFile).suffix(), QStringLiteral("jpg"));
    QCOMPARE(QFileInfo(withPictures.iconFile).suffix(), QStringLiteral("png"));
    QTest::qWait(50);
    const qsizetype shownSoFar = notifier.shown.size();
    QVERIFY(shownSoFar <= 3); // once, and once per picture at most

    // Pictures already here come with the first popup.
    Message again = m;
    again.id = QStringLiteral("2");
    again.historyRowId = 8;
    presenter.present(Notification(again));
    QCOMPARE(notifier.shown.size(), shownSoFar + 1);
    QCOMPARE(notifier.shown.last().imageFile, withPictures.imageFile);

    // A popup closed before its picture came is not brought back; one that fails shows as it was.
    Message closedFirst = m;
    closedFirst.id = QStringLiteral("3");
    closedFirst.historyRowId = 9;
    closedFirst.imageUrl = server.url(QStringLiteral("/slow.jpg"));
    server.route("/slow.jpg", [&](const HttpRequest &, QTcpSocket *socket) {
        QTimer::singleShot(200, socket,
                           [socket, jpeg] { TestHttpServer::respond(socket, 200, jpeg, {}, "image/jpeg"); });
    });
    Message broken = m;
    broken.id = QStringLiteral("4");
    broken.historyRowId = 10;
    broken.imageUrl = server.url(QStringLiteral("/missing.jpg"));
    QSignalSpy failed(&images, &ImageCache::failed);
    QSignalSpy ready(&images, &ImageCache::ready);
    presenter.present(Notification(closedFirst));
    const QString closedKey = notifier.shown.last().key;
    Q_EMIT notifier.closed(closedKey);
    presenter.present(Notification(broken));
    const qsizetype before = notifier.shown.size();
    QVERIFY(failed.wait());
    QTRY_COMPARE(ready.size(), 1);
    QTest::qWait(50);
    QCOMPARE(notifier.shown.size(), before);
}

void TestWindows::presenter_demoStartedSaysHowToPublish()
{
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    presenter.noticeDemoStarted(QUrl(QStringLiteral("http://127.0.0.1:8765/publish")));
    QCOMPARE(notifier.shown.size(), 1);
    QVERIFY2(notifier.shown.at(0).body.contains(QStringLiteral("curl -d 'hello' http://127.0.0.1:8765/publish")),
             qPrintable(notifier.shown.at(0).body));
}

void TestWindows::presenter_markdownIsPlainTextInAPopup()
{
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    Message m = message(QStringLiteral("deploys"), QStringLiteral("1"), QStringLiteral("prod"),
                        QStringLiteral("**Deploy** finished: [logs](https://deploy.example/1) <b>x</b>"));
    m.markdown = true;
    m.historyRowId = 3;
    presenter.present(Notification(m));
    QCOMPARE(notifier.shown.size(), 1);
    QCOMPARE(notifier.shown.at(0).body, QStringLiteral("Deploy finished: logs <b>x</b>"));
    m.markdown = false; // as written when it is no Markdown
    m.historyRowId = 4;
    presenter.present(Notification(m));
    QCOMPARE(notifier.shown.at(1).body, m.body);
}

void TestWindows::presenter_popupsAndActions()
{
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    {
        // Started paused: said once, with a button that resumes.
        QSignalSpy resume(&presenter, &NotificationPresenter::resumeRequested);
        presenter.noticeStartedPaused();
        QCOMPARE(notifier.shown.size(), 1);
        QCOMPARE(notifier.shown.at(0).key, QStringLiteral("started-paused"));
        QCOMPARE(notifier.shown.at(0).actions.size(), 1);
        notifier.click(QStringLiteral("started-paused"), notifier.shown.at(0).actions.at(0).id);
        QCOMPARE(resume.count(), 1);
        QVERIFY(notifier.closedKeys.contains(QStringLiteral("started-paused")));
        notifier.shown.clear();
        notifier.closedKeys.clear();
    }
    QList<QUrl> opened;
    presenter.setUrlOpener([&](const QUrl &url) {
        opened.append(url);
        return true;
    });
    Message m = message(QStringLiteral("CI"), QStringLiteral("1"), QStringLiteral("Deploy"), kHostile);
    m.clickUrl = QUrl(QStringLiteral("https://ci.example/42"));
    m.priority = 5;
    MessageAction view;
    view.kind = MessageAction::Kind::View;
    view.label = QStringLiteral("Logs");
    view.url = QUrl(QStringLiteral("javascript:alert(1)"));
    m.actions = {view};
    m_history->append(m);
    QVERIFY(m_history->flush());
    m.historyRowId = m_history->query({}).first().rowId;
    presenter.present(Notification(m));
    QCOMPARE(notifier.shown.size(), 1);
    const Popup popup = notifier.shown.first();
    QCOMPARE(popup.body, kHostile); // plain text; the backend escapes where the server renders markup
    QCOMPARE(popup.priority, 5);
    QStringList actionIds;
    for (const PopupAction &action : popup.actions) {
        actionIds.append(action.id);
    }
    QCOMPARE(actionIds,
             (QStringList{QStringLiteral("default"), QStringLiteral("action-0"), QStringLiteral("mark-read")}));

    QSignalSpy finished(&presenter, &NotificationPresenter::actionFinished);
    notifier.click(popup.key, QStringLiteral("action-0")); // a javascript: link never opens
    QCOMPARE(opened.size(), 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    notifier.click(popup.key, QStringLiteral("default"));
    QCOMPARE(opened, QList<QUrl>{m.clickUrl});
    QCOMPARE(m_history->unreadCount(), 0); // opening it read it

    // "Mark read" closes the popup: a critical one would stay on screen otherwise.
    m_history->markRead({m.historyRowId}, false);
    notifier.click(popup.key, QStringLiteral("mark-read"));
    QCOMPARE(m_history->unreadCount(), 0);
    QCOMPARE(notifier.closedKeys, QStringList{popup.key});

    // Do not disturb: nothing pops up; its end says how many came meanwhile, and from where.
    presenter.setDoNotDisturbUntil(QDateTime::currentDateTimeUtc().addSecs(3600));
    const int shownBefore = int(notifier.shown.size());
    presenter.present(Notification(m));
    Message other = m;
    other.feed = QStringLiteral("Chat");
    presenter.present(Notification(other));
    presenter.present(Notification(Summary{QStringLiteral("CI"), 4, m, m, 3}));
    QCOMPARE(int(notifier.shown.size()), shownBefore);
    QCOMPARE(presenter.heldBack(), (QMap<QString, int>{{QStringLiteral("CI"), 5}, {QStringLiteral("Chat"), 1}}));
    presenter.setDoNotDisturbUntil(QDateTime());
    QCOMPARE(int(notifier.shown.size()), shownBefore + 1);
    QCOMPARE(notifier.shown.last().key, QStringLiteral("dnd-ended"));
    QCOMPARE(notifier.shown.last().title,
             NotificationPresenter::tr("Do not disturb is over: %n message(s) arrived meanwhile", nullptr, 6));
    QCOMPARE(notifier.shown.last().body, QStringLiteral("CI: 5, Chat: 1"));
    QVERIFY(presenter.heldBack().isEmpty());
    // It also ends on time, by itself, with the same news.
    presenter.setDoNotDisturbUntil(QDateTime::currentDateTimeUtc().addMSecs(200));
    presenter.present(Notification(m));
    QTRY_COMPARE(notifier.shown.size(), shownBefore + 2);
    QCOMPARE(notifier.shown.last().key, QStringLiteral("dnd-ended"));
    QCOMPARE(notifier.shown.last().body, QStringLiteral("CI: 1"));
    QVERIFY(!presenter.doNotDisturb());
    // A message deleted from the history takes its popup with it.
    presenter.present(Notification(m));
    notifier.closedKeys.clear();
    QVERIFY(m_history->remove({m.historyRowId}));
    QTRY_COMPARE(notifier.closedKeys, QStringList{popup.key});
    Message failure = m;
    failure.title = QStringLiteral("deploy failed");
    failure.body = QStringLiteral("web-2");
    failure.priority = 5;
    Message latest = m;
    latest.priority = 3;
    Summary summary{QStringLiteral("CI"), 37, latest, failure, 5};
    presenter.present(Notification(summary));
    QCOMPARE(notifier.shown.last().key, QStringLiteral("summary:CI"));
    QCOMPARE(notifier.shown.last().title,
             NotificationPresenter::tr("%n new messages from %1", nullptr, 37).arg(QStringLiteral("CI")));
    // The most urgent of a summary is named in it, above the latest; the popup is high priority but never critical
    // (a critical popup never expires, and a summary is replaced in place while its burst goes on).
    QVERIFY2(notifier.shown.last().body.startsWith(
                 NotificationPresenter::tr("Most urgent: %1").arg(QStringLiteral("deploy failed: web-2"))),
             qPrintable(notifier.shown.last().body));
    QCOMPARE(notifier.shown.last().priority, 4);
    // A later summary of the feed takes the same key: the notifier replaces the one on screen.
    summary.count = 40;
    presenter.present(Notification(summary));
    QCOMPARE(notifier.shown.last().key, QStringLiteral("summary:CI"));
}

void TestWindows::presenter_serverTextCannotDisguiseOrFloodAPopup()
{
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    // A title that pretends to be Herald, reversed and hidden text, a terminal's bell, 1 MiB of body, 300 actions.
    Message m = message(QStringLiteral("CI"), QStringLiteral("1"),
                        QStringLiteral(u"\u201Cbank\u201D stopped\u202Egnp.exe\u200B\x07"),
                        QString(1024 * 1024, QLatin1Char('x')));
    for (int i = 0; i < 300; ++i) {
        MessageAction action;
        action.kind = MessageAction::Kind::View;
        action.label = QStringLiteral("Button %1 ").arg(i) + QString(500, QLatin1Char('y'));
        action.url = QUrl(QStringLiteral("https://ci.example/%1").arg(i));
        m.actions.append(action);
    }
    presenter.present(Notification(m));
    QCOMPARE(notifier.shown.size(), 1);
    const Popup popup = notifier.shown.first();
    QCOMPARE(popup.title, QStringLiteral(u"CI: \u201Cbank\u201D stoppedgnp.exe")); // the feed's name first, always
    QVERIFY(popup.body.size() <= NotificationPresenter::kMaxBody);
    QVERIFY(popup.body.endsWith(QChar(0x2026)));
    // "default" and "Mark read" are Herald's; of the server's, three.
    QCOMPARE(popup.actions.size(), 1 + NotificationPresenter::kMaxServerActions);
    for (const PopupAction &action : popup.actions) {
        QVERIFY(action.label.size() <= NotificationPresenter::kMaxActionLabel);
    }

    // A button that sends a request names the method and the host it goes to.
    Message dismiss = message(QStringLiteral("CI"), QStringLiteral("2"), QStringLiteral("t"), QStringLiteral("b"));
    MessageAction http;
    http.kind = MessageAction::Kind::Http;
    http.label = QStringLiteral("Dismiss");
    http.method = "DELETE";
    http.url = QUrl(QStringLiteral("http://127.0.0.1:9/admin/delete-everything"));
    dismiss.actions = {http};
    presenter.present(Notification(dismiss));
    QCOMPARE(notifier.shown.last().actions.value(1).label, QStringLiteral("Dismiss (DELETE 127.0.0.1:9)"));
}

void TestWindows::presenter_httpActionIsSentAndReported()
{
    herald::test::TestHttpServer server;
    server.route("/restart", [](const HttpRequest &, QTcpSocket *socket) {
        herald::test::TestHttpServer::respond(socket, 200, "restarting");
    });
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    Message m =
        message(QStringLiteral("ntfy"), QStringLiteral("a1"), QStringLiteral("Server down"), QStringLiteral("web-1"));
    MessageAction restart;
    restart.kind = MessageAction::Kind::Http;
    restart.label = QStringLiteral("Restart");
    restart.url = server.url(QStringLiteral("/restart"));
    restart.method = "PUT";
    restart.headers = {{"Authorization", "Bearer act"}};
    restart.body = "{\"host\":\"web-1\"}";
    m.actions = {restart};
    presenter.present(Notification(m));
    QSignalSpy finished(&presenter, &NotificationPresenter::actionFinished);
    QSignalSpy trusted(&presenter, &NotificationPresenter::actionHostTrusted);

    // Nobody confirmed it: nothing is sent.
    notifier.click(notifier.shown.first().key, QStringLiteral("action-0"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(server.requests("/restart").isEmpty());

    // The person is asked once for this feed and host, with what will be sent and where.
    QStringList asked;
    bool allow = false;
    presenter.setActionConfirmer([&](const QString &feed, const MessageAction &action) {
        asked.append(feed + u' ' + QString::fromLatin1(action.method) + u' ' + action.url.host());
        return allow;
    });
    notifier.click(notifier.shown.first().key, QStringLiteral("action-0"));
    QCOMPARE(asked, QStringList{QStringLiteral("ntfy PUT 127.0.0.1")});
    QCOMPARE(finished.count(), 2);
    QVERIFY(server.requests("/restart").isEmpty()); // refused
    allow = true;
    finished.clear();
    notifier.click(notifier.shown.first().key, QStringLiteral("action-0"));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(trusted.count(), 1);
    QCOMPARE(trusted.at(0).at(0).toString(), NotificationPresenter::actionHostKey(QStringLiteral("ntfy"), restart.url));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("Restart: the server answered HTTP 200"));
    const auto requests = server.requests("/restart");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("PUT"));
    QCOMPARE(requests.first().header("Authorization"), QByteArray("Bearer act"));
    QCOMPARE(requests.first().body, QByteArray("{\"host\":\"web-1\"}"));
    // The result is itself shown, as a small popup.
    QCOMPARE(notifier.shown.last().title, NotificationPresenter::tr("Action done"));
    // Allowed once: not asked again for this feed and host.
    notifier.click(notifier.shown.first().key, QStringLiteral("action-0"));
    QTRY_COMPARE(server.requests("/restart").size(), 2);
    QCOMPARE(asked.size(), 2);
}

void TestWindows::tray_overallState()
{
    using S = Feed::State;
    QCOMPARE(TrayController::overallState({}), HeraldIcon::State::Idle);
    QCOMPARE(TrayController::overallState({S::Paused, S::Stopped}), HeraldIcon::State::Idle);
    QCOMPARE(TrayController::overallState({S::Open, S::Open}), HeraldIcon::State::Connected);
    QCOMPARE(TrayController::overallState({S::Open, S::Connecting}), HeraldIcon::State::Reconnecting);
    QCOMPARE(TrayController::overallState({S::Connecting, S::Failed}), HeraldIcon::State::Failed);
    // The icon carries the count, as a number at every size, the tray's 16-24 px included.
    for (const int size : {16, 22, 32, 64}) {
        const QImage three = HeraldIcon::pixmap(size, HeraldIcon::State::Connected, 3).toImage();
        QVERIFY(three != HeraldIcon::pixmap(size, HeraldIcon::State::Connected, 0).toImage());
        QVERIFY2(three != HeraldIcon::pixmap(size, HeraldIcon::State::Connected, 7).toImage(), "no digits drawn");
        QVERIFY(three != HeraldIcon::pixmap(size, HeraldIcon::State::Connected, 120).toImage());
    }
    QCOMPARE(HeraldIcon::unreadText(7), QStringLiteral("7"));
    QCOMPARE(HeraldIcon::unreadText(120), QStringLiteral("99+"));
    // The badge leaves the bell's lower half and its clapper to see.
    const QImage small = HeraldIcon::pixmap(22, HeraldIcon::State::Connected, 120).toImage();
    QVERIFY2(qGray(small.pixel(11, 16)) > 235, qPrintable(small.pixelColor(11, 16).name())); // white, not badge red
    // Quiet (do not disturb, quiet hours) is a slash across the bell and never hides a feed's state.
    auto hasColour = [](const QImage &image, QColor wanted) {
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (std::abs(c.red() - wanted.red()) + std::abs(c.green() - wanted.green()) +
                            std::abs(c.blue() - wanted.blue()) <
                        12 &&
                    c.alpha() == 255) {
                    return true;
                }
            }
        }
        return false;
    };
    const QImage quietReconnecting = HeraldIcon::pixmap(22, HeraldIcon::State::Reconnecting, 0, true).toImage();
    QVERIFY(hasColour(quietReconnecting, QColor(0xe0, 0x9b, 0x14)));
    QVERIFY(quietReconnecting != HeraldIcon::pixmap(22, HeraldIcon::State::Reconnecting, 0, false).toImage());
    if (qEnvironmentVariableIsSet("HERALD_ICON_DUMP")) {
        QImage sheet(8 * 70, 70, QImage::Format_ARGB32);
        sheet.fill(QColor(0x2b, 0x2b, 0x2b));
        QPainter p(&sheet);
        int x = 0;
        for (const auto &[size, state, unread, quiet] : std::vector<std::tuple<int, HeraldIcon::State, int, bool>>{
                 {16, HeraldIcon::State::Connected, 3, false},
                 {16, HeraldIcon::State::Connected, 42, false},
                 {16, HeraldIcon::State::Reconnecting, 120, true},
                 {22, HeraldIcon::State::Connected, 7, false},
                 {22, HeraldIcon::State::Failed, 120, false},
                 {22, HeraldIcon::State::Reconnecting, 0, true},
                 {24, HeraldIcon::State::Connected, 42, true},
                 {64, HeraldIcon::State::Connected, 42, true}}) {
            p.drawPixmap(QRect(x + 3, 3, 64, 64), HeraldIcon::pixmap(size, state, unread, quiet));
            x += 70;
        }
        p.end();
        sheet.save(qEnvironmentVariable("HERALD_ICON_DUMP"));
    }
}

void TestWindows::settings_burstsAndQuietHours()
{
    AppConfig config(ConfigStore(m_dir->filePath(QStringLiteral("herald.json"))));
    config.load();
    SettingsDialog dialog(&config);
    // The fields are found by their place in the form: the labels are translated.
    QList<QDoubleSpinBox *> seconds = dialog.findChildren<QDoubleSpinBox *>();
    QCOMPARE(seconds.size(), 3);
    QList<QSpinBox *> spins;
    for (QSpinBox *spin : dialog.findChildren<QSpinBox *>()) {
        if (spin->specialValueText() == SettingsDialog::tr("never summarise")) {
            spins.prepend(spin);
        }
    }
    QCOMPARE(spins.size(), 1);
    // The number fields line up: one width, whatever their suffixes.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSet<int> widths;
    for (const QAbstractSpinBox *number : dialog.findChildren<QAbstractSpinBox *>()) {
        if (qobject_cast<const QSpinBox *>(number) || qobject_cast<const QDoubleSpinBox *>(number)) {
            widths.insert(number->width());
        }
    }
    QCOMPARE(widths.size(), 1);
    QSpinBox *burstSize = spins.first();
    QCOMPARE(burstSize->value(), StormSettings().burstSize);
    burstSize->setValue(5);
    seconds.at(1)->setValue(4.0); // quiet
    QCOMPARE(StormSettings::fromJson(dialog.settings()).burstSize, 5);
    QCOMPARE(StormSettings::fromJson(dialog.settings()).quietMs, 4000);
    burstSize->setValue(0);
    QVERIFY(!seconds.at(1)->isEnabled()); // nothing to time when nothing is summarised

    // Quiet hours: their fields follow the box.
    QCheckBox *quiet = nullptr;
    for (QCheckBox *box : dialog.findChildren<QCheckBox *>()) {
        if (box->text() == SettingsDialog::tr("&Quiet hours every day")) {
            quiet = box;
        }
    }
    QVERIFY(quiet);
    quiet->setChecked(false);
    for (QTimeEdit *time : dialog.findChildren<QTimeEdit *>()) {
        QVERIFY(!time->isEnabled());
    }
    quiet->setChecked(true);
    for (QTimeEdit *time : dialog.findChildren<QTimeEdit *>()) {
        QVERIFY(time->isEnabled());
    }

    burstSize->setValue(4);
    dialog.accept();
    AppConfig reread(ConfigStore(m_dir->filePath(QStringLiteral("herald.json"))));
    reread.load();
    QCOMPARE(StormSettings::fromJson(reread.settings()).burstSize, 4);
    QCOMPARE(StormSettings::fromJson(reread.settings()).quietMs, 4000);
}

void TestWindows::feeds_retryNowAndDemoFeedsExplained()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close(); // nobody listens there now: the feed fails and waits to reconnect
    AppConfig config(ConfigStore(m_dir->filePath(QStringLiteral("herald.json"))));
    config.load();
    FeedManager manager(m_history.get(), nullptr);
    FeedsWindow window(&config, &manager, nullptr);
    FeedConfig demo;
    demo.name = QStringLiteral("Demo events");
    demo.url = QUrl(QStringLiteral("http://127.0.0.1:1/events"));
    window.setBuiltInFeeds({demo});
    auto *message = window.findChild<QLabel *>();
    QVERIFY2(message->text().contains(QStringLiteral("--demo")), qPrintable(message->text()));

    FeedConfig down;
    down.name = QStringLiteral("down");
    down.url = QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
    QString error;
    QVERIFY2(config.replaceFeed(QString(), down, &error), qPrintable(error));
    manager.applyFeeds(config.feeds());
    auto *list = window.findChild<QTreeWidget *>();
    QTRY_COMPARE(list->topLevelItemCount(), 2);
    list->setCurrentItem(list->topLevelItem(0));
    QPushButton *retry = nullptr;
    for (auto *button : window.findChildren<QPushButton *>()) {
        retry = button->text() == FeedsWindow::tr("Re&try now") ? button : retry;
    }
    QVERIFY(retry);
    QTRY_VERIFY(!list->topLevelItem(0)->text(4).isEmpty()); // the last error, while it matters
    QTRY_VERIFY(retry->isEnabled());
    Feed *before = manager.feed(QStringLiteral("down"));
    QSignalSpy attempts(&manager, &FeedManager::feedStateChanged);
    retry->click();
    QVERIFY(manager.feed(QStringLiteral("down")) != before || attempts.count() > 0);
    QTRY_VERIFY(attempts.count() > 0);

    // A disabled feed's row is greyed; an enabled one is not.
    const QColor normal = list->topLevelItem(0)->foreground(0).color();
    down.enabled = false;
    QVERIFY2(config.replaceFeed(QStringLiteral("down"), down, &error), qPrintable(error));
    QTRY_COMPARE(list->topLevelItem(0)->text(3), FeedsWindow::tr("disabled"));
    QCOMPARE(list->topLevelItem(0)->foreground(0).color(), window.palette().color(QPalette::Disabled, QPalette::Text));
    QVERIFY(list->topLevelItem(0)->foreground(0).color() != normal);
    QVERIFY(list->topLevelItem(1)->foreground(0).color() != list->topLevelItem(0)->foreground(0).color());

    // The demo's feed explains why its buttons are greyed.
    list->setCurrentItem(list->topLevelItem(1));
    for (auto *button : window.findChildren<QPushButton *>()) {
        if (button->text() == FeedsWindow::tr("&Edit…")) {
            QVERIFY(!button->isEnabled());
            QVERIFY(!button->toolTip().isEmpty());
        }
    }
}

void TestWindows::chat_wrapsAtWordsAndOpensLinks()
{
    // Words stay whole: a line ends only where a word does, unless one word is longer than the bubble.
    const QFont font = QApplication::font();
    const QString text = QStringLiteral("a desktop notification arrived from the build pipeline about the deployment");
    const QStringList lines = ChatBubbleDelegate::wrappedLines(text, font, 120);
    QVERIFY(lines.size() > 2);
    const QStringList words = text.split(u' ');
    for (const QString &line : lines) {
        for (const QString &word : line.split(u' ', Qt::SkipEmptyParts)) {
            QVERIFY2(words.contains(word), qPrintable(QStringLiteral("broken word: ") + word));
        }
    }
    const QString token(60, u'x');
    QVERIFY(ChatBubbleDelegate::wrappedLines(token, font, 120).size() > 1); // only a token too long is broken

    const auto links =
        ChatBubbleDelegate::findLinks(QStringLiteral("see https://ci.example/run/7, and (www.example.org)."));
    QCOMPARE(links.size(), 2);
    QCOMPARE(links.at(0).url, QUrl(QStringLiteral("https://ci.example/run/7")));
    QCOMPARE(links.at(1).url.host(), QStringLiteral("www.example.org"));
    QCOMPARE(ChatBubbleDelegate::initials(QStringLiteral("mina park")), QStringLiteral("MP"));
    QCOMPARE(ChatBubbleDelegate::initials(QStringLiteral("herald-bot")), QStringLiteral("HB"));

    // A click on the link in a bubble asks for it to be opened.
    Message m = message(QStringLiteral("room"), QStringLiteral("1"), QStringLiteral("mina"),
                        QStringLiteral("the build is at https://ci.example/run/7 now"));
    m_history->append(m);
    QVERIFY(m_history->flush());
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("room")});
    window.resize(720, 520);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.model()->rowCount(), 1);
    QSignalSpy opened(&window, &ChatWindow::openUrlRequested);
    QListView *view = window.messageView();
    const QModelIndex index = window.model()->index(0);
    auto *bubbles = static_cast<ChatBubbleDelegate *>(view->itemDelegate());
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.rect = view->visualRect(index);
    option.font = view->font();
    QPoint onLink;
    for (int y = option.rect.top(); y < option.rect.bottom() && onLink.isNull(); y += 2) {
        for (int x = option.rect.left(); x < option.rect.right(); x += 2) {
            if (bubbles->linkAt(option, index, QPoint(x, y)).isValid()) {
                onLink = QPoint(x, y);
                break;
            }
        }
    }
    QVERIFY(!onLink.isNull());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onLink);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.at(0).at(0).toUrl(), QUrl(QStringLiteral("https://ci.example/run/7")));
}

void TestWindows::chat_roomListAndNoPopupForTheRoomInView()
{
    m_history->append(message(QStringLiteral("ops"), QStringLiteral("1"), QStringLiteral("mina"),
                              QStringLiteral("disk is fine now")));
    m_history->append(
        message(QStringLiteral("ops"), QStringLiteral("2"), QStringLiteral("jun"), QStringLiteral("thanks")));
    QVERIFY(m_history->flush());
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("room"), QStringLiteral("ops")});
    QListWidgetItem *ops = window.roomList()->item(1);
    QVERIFY2(ops->text().startsWith(ChatWindow::tr("%1 (%2)").arg(QStringLiteral("ops")).arg(2)),
             qPrintable(ops->text()));
    QVERIFY2(ops->text().endsWith(QStringLiteral("jun: thanks")), qPrintable(ops->text()));
    QVERIFY(ops->font().bold());

    // The presenter skips a message of the room being read, and names the room in a chat popup.
    RecordingNotifier notifier;
    NotificationPresenter presenter(&notifier, m_history.get());
    presenter.setFeedCanSend([](const QString &) { return true; });
    QString reading = QStringLiteral("ops");
    presenter.setFeedIsBeingRead([&](const QString &feed) { return feed == reading; });
    presenter.present(Notification(message(QStringLiteral("ops"), QStringLiteral("3"), QStringLiteral("mina"),
                                           QStringLiteral("seen as it comes"))));
    QCOMPARE(notifier.shown.size(), 0);
    reading.clear();
    presenter.present(Notification(
        message(QStringLiteral("ops"), QStringLiteral("4"), QStringLiteral("mina"), QStringLiteral("a popup now"))));
    QCOMPARE(notifier.shown.size(), 1);
    QCOMPARE(notifier.shown.at(0).title, NotificationPresenter::tr("%1 in %2", "a chat message: sender in room")
                                             .arg(QStringLiteral("mina"), QStringLiteral("ops")));
}

void TestWindows::chat_keepsLineBreaks()
{
    const QFont font = QApplication::font();
    const auto lines = [&](const QString &text) {
        QStringList out;
        for (const QString &line : ChatBubbleDelegate::wrappedLines(text, font, 400)) {
            out.append(line.trimmed());
        }
        return out;
    };
    QCOMPARE(lines(QStringLiteral("line one\nline two")),
             (QStringList{QStringLiteral("line one"), QStringLiteral("line two")}));
    QCOMPARE(lines(QStringLiteral("line one\r\nline two")),
             (QStringList{QStringLiteral("line one"), QStringLiteral("line two")}));
    QCOMPARE(lines(QStringLiteral("a\n\nb")).size(), 3); // a blank line stays
    QCOMPARE(lines(QStringLiteral("Traceback:\n  File \"x.py\"\nValueError")).size(), 3);

    // In a real window: in one group, a two-line message stands a line taller than a one-line one.
    m_history->append(message(QStringLiteral("room"), QStringLiteral("1"), QStringLiteral("mina"),
                              QStringLiteral("opens the group")));
    m_history->append(
        message(QStringLiteral("room"), QStringLiteral("2"), QStringLiteral("mina"), QStringLiteral("one line")));
    m_history->append(message(QStringLiteral("room"), QStringLiteral("3"), QStringLiteral("mina"),
                              QStringLiteral("first line\nsecond line")));
    m_history->append(message(QStringLiteral("room"), QStringLiteral("4"), QStringLiteral("mina"),
                              QStringLiteral("first line\nsecond line\nthird line")));
    QVERIFY(m_history->flush());
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("room")});
    window.resize(720, 520);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.model()->rowCount(), 4);
    QListView *view = window.messageView();
    const int oneLine = view->visualRect(window.model()->index(1)).height();
    const int twoLines = view->visualRect(window.model()->index(2)).height();
    const int threeLines = view->visualRect(window.model()->index(3)).height();
    // Every line adds a line's height: ascent and descent, as QTextLayout stacks lines (a font's leading, which
    // lineSpacing() adds, is 0 for DejaVu on Linux but not for every font).
    const int lineHeight = view->fontMetrics().height();
    QVERIFY2(
        twoLines - oneLine >= lineHeight - 1 && threeLines - twoLines >= lineHeight - 1,
        qPrintable(
            QStringLiteral("%1, %2, %3 with lines of %4").arg(oneLine).arg(twoLines).arg(threeLines).arg(lineHeight)));
}

void TestWindows::chat_entriesMadeInARowEachHaveTheirOwnDayAndTime()
{
    // The model remembers the local day and time of the last second it made an entry for (a burst shares a few
    // seconds): around a local midnight, two messages in one second, the midnight itself and a minute later must
    // each still show their own.
    const QDateTime midnight(QDate(2026, 3, 2), QTime(0, 0), Qt::LocalTime);
    const QDateTime times[] = {midnight.addSecs(-1), midnight.addMSecs(-600), midnight, midnight.addSecs(61)};
    QList<StoredMessage> stored;
    for (const QDateTime &time : times) {
        StoredMessage one;
        one.rowId = stored.size() + 1;
        one.message.feed = QStringLiteral("room");
        one.message.title = QStringLiteral("bot");
        one.message.body = QStringLiteral("tick");
        one.message.received = time.toUTC();
        stored.append(one);
    }
    ChatModel model;
    model.load(nullptr, QStringLiteral("room"));
    model.addStored(stored);
    QCOMPARE(model.rowCount(), int(std::size(times)));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        QCOMPARE(index.data(ChatModel::DayRole).toDate(), times[row].date());
        QCOMPARE(index.data(ChatModel::TimeTextRole).toString(),
                 QLocale().toString(times[row].time(), QLocale::ShortFormat));
    }
    QCOMPARE(model.index(1).data(ChatModel::DayRole).toDate(), QDate(2026, 3, 1));
    QCOMPARE(model.index(2).data(ChatModel::DayRole).toDate(), QDate(2026, 3, 2));
}

void TestWindows::chat_burstKeepsTheNewestAndAllHistoryReachable()
{
    for (int i = 0; i < 500; ++i) {
        m_history->append(message(QStringLiteral("room"), QStringLiteral("old%1").arg(i), QStringLiteral("mina"),
                                  QStringLiteral("before %1").arg(i)));
    }
    QVERIFY(m_history->flush());
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("room")});
    window.resize(600, 400);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.model()->rowCount(), ChatModel::kLoadLimit);
    QScrollBar *scroll = window.messageView()->verticalScrollBar();
    QTRY_COMPARE(scroll->value(), scroll->maximum());

    // 3,000 messages arrive in batches, as from a socket: the view follows the newest, and keeps a bounded number of
    // rows to lay out however long the burst.
    for (int i = 0; i < 3000; ++i) {
        m_history->append(message(QStringLiteral("room"), QStringLiteral("b%1").arg(i), QStringLiteral("bot"),
                                  QStringLiteral("burst %1").arg(i)));
        if (i % 250 == 249) {
            QVERIFY(m_history->flush());
            QCoreApplication::processEvents();
        }
    }
    QTRY_COMPARE(window.model()->entry(window.model()->rowCount() - 1).text, QStringLiteral("burst 2999"));
    QTRY_VERIFY(window.model()->rowCount() <= ChatModel::kKeepWhileFollowing);
    QTRY_COMPARE(scroll->value(), scroll->maximum());
    const QModelIndex newest = window.model()->index(window.model()->rowCount() - 1);
    QTRY_VERIFY(window.messageView()->viewport()->rect().intersects(window.messageView()->visualRect(newest)));

    // Resizing keeps the newest in view.
    window.resize(500, 300);
    QTRY_COMPARE(scroll->value(), scroll->maximum());
    window.resize(700, 600);
    QTRY_COMPARE(scroll->value(), scroll->maximum());

    // Scrolling up brings back every older message, down to the first the room ever had.
    for (int step = 0; step < 20 && window.model()->entry(0).text != QStringLiteral("before 0"); ++step) {
        const int before = window.model()->rowCount();
        scroll->setValue(scroll->minimum());
        QTRY_VERIFY(window.model()->rowCount() > before || !window.model()->hasOlder());
    }
    QCOMPARE(window.model()->entry(0).text, QStringLiteral("before 0"));
    const int all = window.model()->rowCount();
    scroll->setValue(scroll->minimum()); // one more look finds nothing older
    QTRY_VERIFY(!window.model()->hasOlder());
    QCOMPARE(window.model()->rowCount(), all);
    QCOMPARE(all, 3500); // scrolled up, nothing is trimmed: every message of the room is in the view
    window.messageView()->scrollTo(window.model()->index(all / 2), QAbstractItemView::PositionAtTop);
    QVERIFY(scroll->value() > scroll->minimum()); // the message that was at the top is still there, not the oldest
}

void TestWindows::chat_oneLargeBatchIntoAnEmptyRoomKeepsTheRestReachable()
{
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("quiet")});
    window.resize(600, 400);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.model()->rowCount(), 0);
    QVERIFY(!window.model()->hasOlder());
    // The writer's thread hands over what arrived during its last write in one batch: 1,200 at once.
    for (int i = 0; i < 1200; ++i) {
        m_history->append(message(QStringLiteral("quiet"), QStringLiteral("q%1").arg(i), QStringLiteral("bot"),
                                  QStringLiteral("line %1").arg(i)));
    }
    QVERIFY(m_history->flush());
    QTRY_COMPARE(window.model()->entry(window.model()->rowCount() - 1).text, QStringLiteral("line 1199"));
    QCOMPARE(window.model()->rowCount(), ChatModel::kNewestOfABurst);
    QCOMPARE(window.model()->entry(0).text, QStringLiteral("line %1").arg(1200 - ChatModel::kNewestOfABurst));
    QVERIFY(window.model()->hasOlder()); // those not made into rows are reachable
    QScrollBar *scroll = window.messageView()->verticalScrollBar();
    for (int step = 0; step < 10 && window.model()->entry(0).text != QStringLiteral("line 0"); ++step) {
        scroll->setValue(scroll->minimum());
        QTRY_VERIFY(window.model()->entry(0).text == QStringLiteral("line 0") || scroll->value() > scroll->minimum());
    }
    QCOMPARE(window.model()->entry(0).text, QStringLiteral("line 0"));
}

void TestWindows::chat_aFollowedRoomMakesRowsOfABurstsNewestOnly()
{
    int nextRow = 1;
    const auto batch = [&](int count) {
        QList<StoredMessage> stored;
        for (int i = 0; i < count; ++i) {
            StoredMessage one;
            one.rowId = nextRow++;
            one.message.feed = i % 3 == 2 ? QStringLiteral("elsewhere") : QStringLiteral("room");
            one.message.title = QStringLiteral("bot");
            one.message.body = QStringLiteral("line %1").arg(one.rowId);
            one.message.received = QDateTime::currentDateTimeUtc();
            stored.append(one);
        }
        return stored;
    };
    ChatModel model;
    model.load(nullptr, QStringLiteral("room"));
    model.addStored(batch(30)); // 20 of the room's: all become rows
    QCOMPARE(model.rowCount(), 20);
    QVERIFY(!model.hasOlder());

    // A batch with more of the room's than a view should lay out at once: its newest only, and nothing before them,
    // so that scrolling up goes on from the history without a hole.
    const QList<StoredMessage> burst = batch(3 * ChatModel::kNewestOfABurst);
    model.addStored(burst);
    QCOMPARE(model.rowCount(), ChatModel::kNewestOfABurst);
    QVERIFY(model.hasOlder());
    QList<qint64> roomRows;
    for (const StoredMessage &one : burst) {
        if (one.message.feed == QStringLiteral("room")) {
            roomRows.append(one.rowId);
        }
    }
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.entry(row).rowId, roomRows.at(roomRows.size() - ChatModel::kNewestOfABurst + row));
    }

    // A smaller one is added to what is there, up to kKeepWhileFollowing rows.
    model.addStored(batch(60));
    QCOMPARE(model.rowCount(), ChatModel::kNewestOfABurst + 40);

    // Scrolled up, the person's place is kept: every message of a batch becomes a row.
    model.setFollowing(false);
    model.addStored(batch(3 * ChatModel::kNewestOfABurst));
    QCOMPARE(model.rowCount(), 3 * ChatModel::kNewestOfABurst + 40);
}

void TestWindows::chat_messageDeletedInHistoryLeavesTheRoom()
{
    for (int i = 0; i < 3; ++i) {
        m_history->append(message(QStringLiteral("room"), QStringLiteral("d%1").arg(i), QStringLiteral("mina"),
                                  QStringLiteral("say %1").arg(i)));
    }
    QVERIFY(m_history->flush());
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("room")});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.model()->rowCount(), 3);
    const qint64 middle = window.model()->entry(1).rowId;
    QVERIFY(m_history->remove({middle})); // as History's Delete does
    QCOMPARE(window.model()->rowCount(), 2);
    QCOMPARE(window.model()->entry(0).text, QStringLiteral("say 0"));
    QCOMPARE(window.model()->entry(1).text, QStringLiteral("say 2"));
}

void TestWindows::chat_markdownAndPicturesInBubbles()
{
    TestHttpServer server;
    QImage chart(600, 300, QImage::Format_RGB32);
    chart.fill(QColor(0x26, 0x46, 0x53));
    QPainter paint(&chart);
    paint.fillRect(60, 180, 80, 100, QColor(0xf4, 0xa2, 0x61));
    paint.fillRect(200, 100, 80, 180, QColor(0xe9, 0xc4, 0x6a));
    paint.fillRect(340, 40, 80, 240, QColor(0x2a, 0x9d, 0x8f));
    paint.end();
    servePicture(server, "/chart.png", chart);
    QImage bot(64, 64, QImage::Format_RGB32);
    bot.fill(QColor(0xff, 0x8c, 0x00));
    servePicture(server, "/bot.png", bot);
    m_history->append(message(QStringLiteral("ops"), QStringLiteral("0"), QStringLiteral("mina"),
                              QStringLiteral("how did the release go?\nthe dashboard is slow for me")));
    Message m =
        message(QStringLiteral("ops"), QStringLiteral("1"), QStringLiteral("deploy-bot"),
                QStringLiteral("**Release 2.4** is out: [changelog](https://example.org/2.4)\n\n- arm64 is back\n"
                               "- search finds parts of words\n\n`p95 latency` after the release:"));
    m.markdown = true;
    m.imageUrl = server.url(QStringLiteral("/chart.png"));
    m.iconUrl = server.url(QStringLiteral("/bot.png"));
    m_history->append(m);
    QVERIFY(m_history->flush());
    ImageCache images(m_dir->filePath(QStringLiteral("images")));
    ChatWindow window(nullptr, m_history.get());
    window.setImageCache(&images);
    window.setChatFeeds({QStringLiteral("ops")});
    window.resize(720, 560);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ChatModel *model = window.model();
    QCOMPARE(model->rowCount(), 2);
    const ChatModel::Entry &entry = model->entry(1);
    // Markdown is formatted, not shown as marks: bold, a link, a list, code.
    QVERIFY2(entry.text.startsWith(QStringLiteral("Release 2.4 is out: changelog\n")), qPrintable(entry.text));
    QVERIFY(entry.text.contains(QStringLiteral("• arm64 is back")));
    QVERIFY(!entry.text.contains(u'*') && !entry.text.contains(u'`'));
    QVERIFY(std::any_of(entry.formats.cbegin(), entry.formats.cend(), [](const QTextLayout::FormatRange &range) {
        return range.start == 0 && range.length == 11 && range.format.fontWeight() == QFont::Bold;
    }));
    QCOMPARE(entry.anchors.size(), 1);
    QCOMPARE(entry.anchors.at(0).url, QUrl(QStringLiteral("https://example.org/2.4")));
    QCOMPARE(entry.text.mid(entry.anchors.at(0).start, entry.anchors.at(0).length), QStringLiteral("changelog"));
    // The picture is fetched and the bubble grows to show it, the newest still in view.
    const QModelIndex newest = model->index(1);
    const int before = window.messageView()->visualRect(newest).height();
    QTRY_VERIFY(window.messageView()->visualRect(newest).height() > before + 100);
    QTRY_VERIFY(
        window.messageView()->viewport()->rect().contains(window.messageView()->visualRect(newest).bottomLeft()));
    QVERIFY2(window.roomList()->item(0)->text().contains(QStringLiteral("deploy-bot: Release 2.4 is out")),
             qPrintable(window.roomList()->item(0)->text()));
    // The sender's icon is its avatar, in place of its initials.
    const auto avatarIsTheIcon = [&] {
        const QRect row = window.messageView()->visualRect(newest);
        const QImage shot = window.messageView()->viewport()->grab(QRect(row.left(), row.top(), 48, 80)).toImage();
        for (int y = 0; y < shot.height(); ++y) {
            for (int x = 0; x < shot.width(); ++x) {
                if (shot.pixelColor(x, y) == QColor(0xff, 0x8c, 0x00)) {
                    return true;
                }
            }
        }
        return false;
    };
    QTRY_VERIFY(avatarIsTheIcon());
    if (qEnvironmentVariableIsSet("HERALD_CHAT_DUMP")) {
        QTest::qWait(100);
        window.grab().save(qEnvironmentVariable("HERALD_CHAT_DUMP"));
    }
}

void TestWindows::chat_openingARoomMarksItRead()
{
    m_history->append(
        message(QStringLiteral("plainws"), QStringLiteral("1"), QStringLiteral("bot"), QStringLiteral("hi")));
    for (int i = 0; i < 700; ++i) {
        m_history->append(message(QStringLiteral("myws"), QString::number(i), QStringLiteral("bot"),
                                  QStringLiteral("burst %1").arg(i)));
    }
    QVERIFY(m_history->flush());
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("myws"), QStringLiteral("plainws")});
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    // The room shown is read, all 700 of it, though the view holds the newest 300.
    QTRY_COMPARE(m_history->unreadCount(QStringLiteral("myws")), 0);
    QCOMPARE(m_history->unreadCount(QStringLiteral("plainws")), 1);
    window.openFeed(QStringLiteral("plainws"));
    QTRY_COMPARE(m_history->unreadCount(QStringLiteral("plainws")), 0);
    QTRY_VERIFY(!window.roomList()->item(1)->text().contains(QStringLiteral("(1)")));
}

void TestWindows::chat_narrowWindowGivesTheConversationTheRoom()
{
    ChatWindow window(nullptr, m_history.get());
    window.setChatFeeds({QStringLiteral("myws"), QStringLiteral("plainws")});
    window.resize(720, 520);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *input = window.findChild<QPlainTextEdit *>();
    QVERIFY(input);
    const QString full = input->placeholderText();
    QVERIFY2(full.contains(QStringLiteral("Shift+Enter")),
             qPrintable(QStringLiteral("%1 in %2 px").arg(full).arg(input->viewport()->width())));
    QVERIFY(window.roomList()->width() >= 150);

    window.resize(380, 520);
    // The list keeps a sliver, the conversation the rest; the hint is one that fits.
    QTRY_VERIFY(window.roomList()->width() <= 110);
    QVERIFY(window.messageView()->width() >= 220);
    QVERIFY(input->placeholderText() != full);
    QVERIFY(input->fontMetrics().horizontalAdvance(input->placeholderText()) < input->viewport()->width());

    window.resize(720, 520); // wide again: as it was
    QTRY_VERIFY(window.roomList()->width() >= 150);
    QCOMPARE(input->placeholderText(), full);
}

void TestWindows::feedEditor_proxyIsAChoiceWithAnAddress()
{
    FeedConfig existing;
    existing.name = QStringLiteral("ops");
    existing.url = QUrl(QStringLiteral("https://hub.example/events"));
    {
        FeedEditor editor(existing);
        QCOMPARE(editor.proxyModeBox()->currentData().toString(), QStringLiteral("system"));
        QVERIFY(!editor.proxyEdit()->isEnabled());
        QString problem;
        QCOMPARE(editor.feedConfig(&problem)->proxy, QStringLiteral("system"));

        editor.proxyModeBox()->setCurrentIndex(editor.proxyModeBox()->findData(QStringLiteral("url")));
        QVERIFY(editor.proxyEdit()->isEnabled());
        QVERIFY(!editor.proxyProblem()->text().isEmpty()); // no address yet
        QVERIFY(!editor.feedConfig(&problem));
        QVERIFY2(problem.contains(QStringLiteral("proxy")), qPrintable(problem));

        editor.proxyEdit()->setText(QStringLiteral("ftp://proxy.example:21"));
        QVERIFY2(editor.proxyProblem()->text().contains(QStringLiteral("socks5://")),
                 qPrintable(editor.proxyProblem()->text()));
        QVERIFY(!editor.feedConfig(&problem));

        editor.proxyEdit()->setText(QStringLiteral("socks5://127.0.0.1:1080"));
        QVERIFY(editor.proxyProblem()->text().isEmpty());
        QCOMPARE(editor.feedConfig(&problem)->proxy, QStringLiteral("socks5://127.0.0.1:1080"));

        editor.proxyModeBox()->setCurrentIndex(editor.proxyModeBox()->findData(QStringLiteral("none")));
        QVERIFY(!editor.proxyEdit()->isEnabled());
        QCOMPARE(editor.feedConfig(&problem)->proxy, QStringLiteral("none"));
    }
    // A feed with its own proxy opens with it chosen and written.
    existing.proxy = QStringLiteral("http://ann:secret@proxy.example:3128");
    FeedEditor editor(existing);
    QCOMPARE(editor.proxyModeBox()->currentData().toString(), QStringLiteral("url"));
    QCOMPARE(editor.proxyEdit()->text(), existing.proxy);
    QString problem;
    QCOMPARE(editor.feedConfig(&problem)->proxy, existing.proxy);
}

void TestWindows::accessibility_everyControlHasAName()
{
    // What a screen reader says for each control, through Qt's accessibility API: every button, field, list and box
    // in every window has a name (its text, its label, or one of its own), on every tab, shown or not.
    AppConfig config(ConfigStore(m_dir->filePath(QStringLiteral("herald.json"))));
    config.load();
    FeedEditor editor(std::nullopt);
    editor.setUpFor(PayloadMapper::Preset::Ntfy);
    SettingsDialog settings(&config);
    HistoryWindow history(m_history.get());
    ChatWindow chat(nullptr, m_history.get());
    chat.setChatFeeds({QStringLiteral("room")});
    FeedsWindow feeds(&config, nullptr, nullptr);
    WelcomeWindow welcome;
    QStringList unnamed;
    for (QWidget *window : std::initializer_list<QWidget *>{&editor, &settings, &history, &chat, &feeds, &welcome}) {
        window->show();
        for (QWidget *control : window->findChildren<QWidget *>()) {
            const bool interactive = qobject_cast<QAbstractButton *>(control) || qobject_cast<QLineEdit *>(control) ||
                                     qobject_cast<QComboBox *>(control) || qobject_cast<QAbstractSpinBox *>(control) ||
                                     qobject_cast<QAbstractItemView *>(control) ||
                                     qobject_cast<QPlainTextEdit *>(control) || qobject_cast<QTextEdit *>(control);
            // The parts Qt builds inside a control (a spin box's or a combo box's editor, a tab bar's arrows) are
            // named by the control around them.
            const QWidget *parent = control->parentWidget();
            const bool part = qobject_cast<const QAbstractSpinBox *>(parent) ||
                              qobject_cast<const QComboBox *>(parent) || qobject_cast<const QTabBar *>(parent) ||
                              qobject_cast<const QLineEdit *>(parent) || qobject_cast<const QHeaderView *>(control) ||
                              control->objectName().startsWith(QLatin1String("qt_"));
            if (!interactive || part) {
                continue;
            }
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(control);
            const QString name = accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
            if (name.isEmpty()) {
                unnamed.append(QStringLiteral("%1: %2 (%3)")
                                   .arg(window->windowTitle(), QString::fromLatin1(control->metaObject()->className()),
                                        control->property("placeholderText").toString() + control->toolTip()));
            }
        }
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));
}

void TestWindows::errors_readOnLightAndDarkPalettes()
{
    // WCAG's contrast ratio of two colours.
    const auto luminance = [](const QColor &colour) {
        const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
    };
    const auto contrast = [&](const QColor &a, const QColor &b) {
        const double la = luminance(a), lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    };
    const QPalette light(QColor(0xef, 0xef, 0xef), QColor(0xf6, 0xf6, 0xf6));
    const QPalette dark(QColor(0x3c, 0x3c, 0x3c), QColor(0x2b, 0x2b, 0x2b));
    for (const QPalette &palette : {light, dark, QApplication::palette()}) {
        const double ratio = contrast(errorColour(palette), palette.color(QPalette::Window));
        QVERIFY2(ratio >= 4.5, qPrintable(QString::number(ratio)));
    }

    // In a window under a dark palette set through Qt, an error is drawn in the dark palette's red.
    const QPalette before = QApplication::palette();
    const auto restore = qScopeGuard([&] { QApplication::setPalette(before); });
    QApplication::setPalette(dark);
    AppConfig config(ConfigStore(m_dir->filePath(QStringLiteral("broken.json"))));
    QFile broken(m_dir->filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ not json");
    broken.close();
    config.load();
    FeedsWindow window(&config, nullptr, nullptr);
    window.show();
    auto *message = window.findChild<QLabel *>();
    QVERIFY(!message->text().isEmpty());
    QCOMPARE(message->palette().color(QPalette::WindowText), errorColour(dark));
    QVERIFY(contrast(message->palette().color(QPalette::WindowText), window.palette().color(QPalette::Window)) >= 4.5);
}

QTEST_MAIN(TestWindows)
#include "tst_windows.moc"
