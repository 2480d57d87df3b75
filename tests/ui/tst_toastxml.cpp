// The Windows toast's XML and the arguments its clicks carry, built and checked on every platform: what a server
// sends stays text, the toast always loads, and every button routes back to its popup and action.
#include "notify/ToastXml.h"

#include <QTest>
#include <QXmlStreamReader>

using namespace herald::ui;

namespace {

struct Element
{
    QString name;
    QXmlStreamAttributes attributes;
    QString text;
};

// Every element of a well-formed document, in order; fails the test when it is not well formed.
QList<Element> elements(const QString &xml)
{
    QList<Element> found;
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            found.append({reader.name().toString(), reader.attributes(), {}});
        } else if (reader.isCharacters() && !found.isEmpty()) {
            found.last().text += reader.text();
        }
    }
    if (reader.hasError()) {
        qWarning().noquote() << reader.errorString() << xml;
        return {};
    }
    return found;
}

QList<Element> named(const QList<Element> &all, const QString &name)
{
    QList<Element> out;
    for (const Element &element : all) {
        if (element.name == name) {
            out.append(element);
        }
    }
    return out;
}

} // namespace

class TestToastXml : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainPopup_titleBodyAndTheClickBack();
    void serverText_staysTextAndLoads();
    void actions_routeBackAndStopAtFive();
    void pictures_areFileUrls();
    void arguments_roundTrip_data();
    void arguments_roundTrip();
    void arguments_ofOthers_routeNowhere();
};

void TestToastXml::plainPopup_titleBodyAndTheClickBack()
{
    Popup popup;
    popup.key = QStringLiteral("msg:42");
    popup.title = QStringLiteral("Build #1200 passed");
    popup.body = QStringLiteral("herald/main\n412 tests");
    const QList<Element> all = elements(toast::xml(popup));
    QVERIFY(!all.isEmpty());
    QCOMPARE(all.first().name, QStringLiteral("toast"));
    const toast::Activation click =
        toast::parseArguments(all.first().attributes.value(QLatin1String("launch")).toString());
    QCOMPARE(click.key, popup.key);
    QCOMPARE(click.actionId, QStringLiteral("default"));
    QVERIFY(!all.first().attributes.hasAttribute(QLatin1String("duration")));
    const QList<Element> texts = named(all, QStringLiteral("text"));
    QCOMPARE(texts.size(), 2);
    QCOMPARE(texts.at(0).text, popup.title);
    QCOMPARE(texts.at(1).text, popup.body);
    QCOMPARE(named(all, QStringLiteral("binding")).value(0).attributes.value(QLatin1String("template")).toString(),
             QStringLiteral("ToastGeneric"));
    QCOMPARE(named(all, QStringLiteral("audio")).value(0).attributes.value(QLatin1String("silent")).toString(),
             QStringLiteral("true"));
    QVERIFY(named(all, QStringLiteral("actions")).isEmpty());

    popup.priority = 5;
    popup.sound = true;
    const QList<Element> urgent = elements(toast::xml(popup));
    QCOMPARE(urgent.first().attributes.value(QLatin1String("duration")).toString(),
             QStringLiteral("long"));                          // stays until the person looks
    QVERIFY(named(urgent, QStringLiteral("audio")).isEmpty()); // Windows' default sound
}

void TestToastXml::serverText_staysTextAndLoads()
{
    Popup popup;
    popup.key = QStringLiteral("k");
    popup.title = QStringLiteral("</text><action content=\"Pwn\" arguments=\"x\"/><text>");
    popup.body =
        QStringLiteral("a\u0001b\u0008c\uFFFEd") + QChar(0xD800) + QStringLiteral("e \u202Eexe.txt ok \U0001F600");
    popup.actions = {{QStringLiteral("open"), QStringLiteral("Open & <see>")}};
    const QList<Element> all = elements(toast::xml(popup));
    QVERIFY2(!all.isEmpty(), "the toast's XML is well formed");
    const QList<Element> texts = named(all, QStringLiteral("text"));
    QCOMPARE(texts.size(), 2);
    QCOMPARE(texts.at(0).text, popup.title);                                   // text, not markup
    QCOMPARE(texts.at(1).text, QStringLiteral("abcde exe.txt ok \U0001F600")); // what XML 1.0 cannot hold is gone
    const QList<Element> actions = named(all, QStringLiteral("action"));
    QCOMPARE(actions.size(), 1);
    QCOMPARE(actions.at(0).attributes.value(QLatin1String("content")).toString(), QStringLiteral("Open & <see>"));
}

void TestToastXml::actions_routeBackAndStopAtFive()
{
    Popup popup;
    popup.key = QStringLiteral("chat:room&1");
    popup.title = QStringLiteral("ana");
    popup.offerReply = true;
    popup.actions = {{QStringLiteral("default"), QStringLiteral("Show")}};
    for (int i = 1; i <= 6; ++i) {
        popup.actions.append({QStringLiteral("action-%1").arg(i), QStringLiteral("Button %1").arg(i)});
    }
    const QList<Element> all = elements(toast::xml(popup));
    const QList<Element> inputs = named(all, QStringLiteral("input"));
    QCOMPARE(inputs.size(), 1);
    QCOMPARE(inputs.at(0).attributes.value(QLatin1String("id")).toString(), QLatin1String(toast::kReplyInputId));
    QCOMPARE(inputs.at(0).attributes.value(QLatin1String("type")).toString(), QStringLiteral("text"));
    const QList<Element> actions = named(all, QStringLiteral("action"));
    QCOMPARE(actions.size(), toast::kMaxButtons);
    QCOMPARE(actions.at(0).attributes.value(QLatin1String("hint-inputId")).toString(),
             QLatin1String(toast::kReplyInputId));
    QStringList routed;
    for (const Element &action : actions) {
        const toast::Activation activation =
            toast::parseArguments(action.attributes.value(QLatin1String("arguments")).toString());
        QCOMPARE(activation.key, popup.key);
        routed.append(activation.actionId);
    }
    // "default" is the toast itself, not a button; the sixth button does not fit.
    QCOMPARE(routed, (QStringList{QStringLiteral("reply"), QStringLiteral("action-1"), QStringLiteral("action-2"),
                                  QStringLiteral("action-3"), QStringLiteral("action-4")}));
}

void TestToastXml::pictures_areFileUrls()
{
    Popup popup;
    popup.key = QStringLiteral("k");
    popup.title = QStringLiteral("t");
    popup.iconFile = QStringLiteral("/home/u/.cache/Herald/images/a b.png");
    popup.imageFile = QStringLiteral("/home/u/.cache/Herald/images/사진.jpg");
    const QList<Element> images = named(elements(toast::xml(popup)), QStringLiteral("image"));
    QCOMPARE(images.size(), 2);
    QCOMPARE(images.at(0).attributes.value(QLatin1String("placement")).toString(), QStringLiteral("appLogoOverride"));
    QCOMPARE(QUrl(images.at(0).attributes.value(QLatin1String("src")).toString()).toLocalFile(), popup.iconFile);
    QVERIFY(!images.at(1).attributes.hasAttribute(QLatin1String("placement"))); // inline, under the text
    QCOMPARE(QUrl(images.at(1).attributes.value(QLatin1String("src")).toString()).toLocalFile(), popup.imageFile);
}

void TestToastXml::arguments_roundTrip_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("action");
    QTest::newRow("plain") << QStringLiteral("msg:1") << QStringLiteral("default");
    QTest::newRow("query characters") << QStringLiteral("a&key=b%20c+d") << QStringLiteral("x=y&z");
    QTest::newRow("korean and spaces") << QStringLiteral("채팅 방") << QStringLiteral("열기");
    QTest::newRow("empty key") << QString() << QStringLiteral("mark-read");
}

void TestToastXml::arguments_roundTrip()
{
    QFETCH(QString, key);
    QFETCH(QString, action);
    const toast::Activation activation = toast::parseArguments(toast::arguments(key, action));
    QCOMPARE(activation.key, key);
    QCOMPARE(activation.actionId, action);
}

void TestToastXml::arguments_ofOthers_routeNowhere()
{
    QVERIFY(toast::parseArguments(QString()).actionId.isEmpty());
    QVERIFY(toast::parseArguments(QStringLiteral("action=open")).actionId.isEmpty());
    QVERIFY(toast::parseArguments(QStringLiteral("\u0000%%%&&==")).actionId.isEmpty());
}

QTEST_GUILESS_MAIN(TestToastXml)
#include "tst_toastxml.moc"
