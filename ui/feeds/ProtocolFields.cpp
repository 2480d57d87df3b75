#include "feeds/ProtocolFields.h"

#include "FormFields.h"
#include "protocol/MessageProtocol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace herald::ui {

namespace {

enum Page { PlainPage, SocketIoPage, GraphqlPage, MqttPage, SockJsPage };

QStringList lines(const QPlainTextEdit *edit)
{
    QStringList out;
    for (const QString &line : edit->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.trimmed().isEmpty()) {
            out.append(line.trimmed());
        }
    }
    return out;
}

QPlainTextEdit *textBox(QWidget *parent, int rows, const QString &placeholder)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * rows + 12);
    return edit;
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

// A JSON object typed into a field: empty is fine; anything else must parse as an object.
bool jsonObjectField(const QLineEdit *edit, const QString &what, QByteArray *out, QString *problem)
{
    const QByteArray text = edit->text().trimmed().toUtf8();
    if (!text.isEmpty() && !QJsonDocument::fromJson(text).isObject()) {
        *problem = ProtocolFields::tr("%1 must be a JSON object, like {\"token\":\"${secret}\"}.").arg(what);
        return false;
    }
    *out = text;
    return true;
}

} // namespace

ProtocolFields::ProtocolFields(QWidget *parent)
    : QWidget(parent)
    , m_protocol(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
{
    m_protocol->addItem(tr("Messages as they are"), QStringLiteral("plain"));
    m_protocol->addItem(tr("Socket.IO 4"), QStringLiteral("socketio"));
    m_protocol->addItem(tr("GraphQL subscription (graphql-transport-ws)"), QStringLiteral("graphql-ws"));
    m_protocol->addItem(tr("MQTT 3.1.1"), QStringLiteral("mqtt"));
    m_protocol->addItem(tr("MQTT 5"), QStringLiteral("mqtt5"));
    m_protocol->addItem(tr("SockJS"), QStringLiteral("sockjs"));
    m_pages->addWidget(buildPlainPage());
    m_pages->addWidget(buildSocketIoPage());
    m_pages->addWidget(buildGraphqlPage());
    m_pages->addWidget(buildMqttPage());
    m_pages->addWidget(buildSockJsPage());

    m_webSocketPart = new QWidget(this);
    auto *webSocketForm = new QFormLayout(m_webSocketPart);
    webSocketForm->setContentsMargins(0, 0, 0, 0);
    webSocketForm->addRow(tr("&Endpoint speaks:"), m_protocol);

    m_ssePart = new QWidget(this);
    m_method = new QComboBox(m_ssePart);
    m_method->addItem(tr("Automatic: GET, or POST with a body"), QString());
    for (const char *method : {"GET", "POST", "PUT", "PATCH"}) {
        m_method->addItem(QLatin1String(method), QLatin1String(method));
    }
    m_body = textBox(m_ssePart, 4, tr("optional: sent with every (re)connect, e.g. {\"stream\":true}"));
    auto *sseForm = new QFormLayout(m_ssePart);
    sseForm->setContentsMargins(0, 0, 0, 0);
    sseForm->addRow(tr("Request &method:"), m_method);
    sseForm->addRow(tr("Request &body:"), m_body);
    sseForm->addRow(QString(), hint(tr("Streams served as the answer to a POST (LLM streaming APIs, MCP) need the "
                                       "method and body; JSON goes as application/json unless a header says "
                                       "otherwise. Every reconnect sends them again, with Last-Event-ID."),
                                    m_ssePart));
    m_sseHint = hint(tr("A polled address is fetched as it is: it speaks no protocol of its own."), this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_webSocketPart);
    layout->addWidget(m_pages);
    layout->addWidget(m_ssePart);
    layout->addWidget(m_sseHint);
    layout->addStretch(1);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, [this] {
        showPage();
        Q_EMIT protocolChanged();
    });
    showPage();
    setTransport(FeedConfig::Transport::Sse, true);
}

QWidget *ProtocolFields::buildPlainPage()
{
    auto *page = new QWidget(this);
    m_subprotocols = new QLineEdit(page);
    m_subprotocols->setPlaceholderText(tr("optional, comma-separated, e.g. v2.chat"));
    m_onOpen = textBox(page, 3,
                       tr("optional, one per line, sent after every (re)connect; ${secret} is the feed's secret, "
                          "e.g. {\"type\":\"subscribe\",\"channel\":\"BTC\"}"));
    m_keepaliveText = new QLineEdit(page);
    m_keepaliveText->setPlaceholderText(tr("optional text sent every so often, e.g. {\"op\":\"ping\"}"));
    m_keepaliveSeconds = new QSpinBox(page);
    m_keepaliveSeconds->setRange(1, 3600);
    m_keepaliveSeconds->setValue(30);
    m_keepaliveSeconds->setSuffix(tr(" s"));
    m_keepaliveSeconds->setAccessibleName(tr("Keepalive every"));
    auto *keepaliveRow = new QHBoxLayout;
    keepaliveRow->addWidget(m_keepaliveText, 1);
    keepaliveRow->addWidget(new QLabel(tr("every"), page));
    keepaliveRow->addWidget(m_keepaliveSeconds);
    m_answers = textBox(page, 2,
                        tr("optional, one per line: MATCH=>REPLY, e.g. \\{\"op\":\"ping\",\"n\":(\\d+)\\}=>"
                           "{\"op\":\"pong\",\"n\":${1}}"));
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("S&ubprotocols:"), m_subprotocols);
    form->addRow(tr("&On open, send:"), m_onOpen);
    auto *keepaliveLabel = new QLabel(tr("&Keepalive:"), page);
    keepaliveLabel->setBuddy(m_keepaliveText); // a row of two fields: the label names the text
    form->addRow(keepaliveLabel, keepaliveRow);
    form->addRow(tr("&Answer pings:"), m_answers);
    form->addRow(QString(), hint(tr("A message that wholly matches MATCH (a regular expression) is answered with "
                                    "REPLY and not shown; ${1}… are its groups."),
                                 page));
    return page;
}

QWidget *ProtocolFields::buildSocketIoPage()
{
    auto *page = new QWidget(this);
    m_namespace = new QLineEdit(QStringLiteral("/"), page);
    m_socketIoAuth = new QLineEdit(page);
    m_socketIoAuth->setPlaceholderText(tr("optional JSON object, e.g. {\"token\":\"${secret}\"}"));
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Na&mespace:"), m_namespace);
    form->addRow(tr("Auth pa&yload:"), m_socketIoAuth);
    form->addRow(QString(), hint(tr("http://host:port/ is enough: Herald adds /socket.io/. Each event becomes a "
                                    "message named by the event; the chat window emits \"message\"."),
                                 page));
    return page;
}

QWidget *ProtocolFields::buildGraphqlPage()
{
    auto *page = new QWidget(this);
    m_query = textBox(page, 3, tr("subscription { … }"));
    m_variables = new QLineEdit(page);
    m_variables->setPlaceholderText(tr("optional JSON object"));
    m_graphqlInit = new QLineEdit(page);
    m_graphqlInit->setPlaceholderText(tr("optional JSON object, e.g. {\"token\":\"${secret}\"}"));
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Su&bscription:"), m_query);
    form->addRow(tr("&Variables:"), m_variables);
    form->addRow(tr("connection_&init payload:"), m_graphqlInit);
    return page;
}

QWidget *ProtocolFields::buildMqttPage()
{
    auto *page = new QWidget(this);
    m_topics = new QLineEdit(page);
    m_topics->setPlaceholderText(tr("comma-separated filters, e.g. home/+/temperature, alerts/#"));
    m_qos = new QComboBox(page);
    m_qos->addItem(tr("1: acknowledged, kept by the broker while Herald is away"), 1);
    m_qos->addItem(tr("0: at most once"), 0);
    m_publishTopic = new QLineEdit(page);
    m_publishTopic->setPlaceholderText(tr("where the chat window publishes (default: the only topic)"));
    m_clientId = new QLineEdit(page);
    m_clientId->setPlaceholderText(tr("default: one of this computer's own for this feed"));
    m_retain = new QCheckBox(tr("As&k the broker to retain what the chat window publishes"), page);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Topic &filters:"), m_topics);
    form->addRow(tr("&Quality of service:"), m_qos);
    form->addRow(tr("Publish t&o:"), m_publishTopic);
    form->addRow(tr("Client &id:"), m_clientId);
    form->addRow(QString(), m_retain);
    form->addRow(QString(), hint(tr("The topic is each message's type. A user name and password go under "
                                    "Authentication (User name and password) on the Connection tab."),
                                 page));
    return page;
}

QWidget *ProtocolFields::buildSockJsPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint(tr("http://host:port/prefix is enough: Herald uses SockJS's WebSocket transport and "
                              "unwraps its frames."),
                           page));
    return page;
}

void ProtocolFields::showPage()
{
    const QString name = m_protocol->currentData().toString();
    Page page = PlainPage;
    if (name == QLatin1String("socketio")) {
        page = SocketIoPage;
    } else if (name == QLatin1String("graphql-ws")) {
        page = GraphqlPage;
    } else if (protocol::isMqtt(name)) {
        page = MqttPage;
    } else if (name == QLatin1String("sockjs")) {
        page = SockJsPage;
    }
    m_pages->setCurrentIndex(page);
}

void ProtocolFields::setTransport(FeedConfig::Transport transport, bool chosenByAddress)
{
    const bool webSocket = transport == FeedConfig::Transport::WebSocket;
    const bool stream = transport == FeedConfig::Transport::Sse || transport == FeedConfig::Transport::JsonLines;
    // An http:// address with the transport left to it may still be Socket.IO's or SockJS's: the choice stays.
    m_webSocketPart->setVisible(webSocket || (stream && chosenByAddress));
    m_pages->setVisible(webSocket);
    m_ssePart->setVisible(stream);
    m_sseHint->setVisible(!webSocket && !stream);
}

void ProtocolFields::load(const FeedConfig &feed)
{
    const protocol::ProtocolOptions &options = feed.protocol;
    const QString name = options.name.isEmpty() ? QStringLiteral("plain") : options.name.toLower();
    m_protocol->setCurrentIndex(
        std::max(0, m_protocol->findData(name == QLatin1String("socket.io")              ? QStringLiteral("socketio")
                                         : name == QLatin1String("graphql-transport-ws") ? QStringLiteral("graphql-ws")
                                                                                         : name)));
    m_subprotocols->setText(feed.subprotocols.join(QStringLiteral(", ")));
    m_onOpen->setPlainText(options.onOpen.join(u'\n'));
    m_keepaliveText->setText(options.keepaliveText);
    m_keepaliveSeconds->setValue(options.keepaliveSeconds);
    QStringList answers;
    for (const protocol::AutoAnswer &answer : options.answers) {
        answers.append(answer.match + QStringLiteral("=>") + answer.reply);
    }
    m_answers->setPlainText(answers.join(u'\n'));
    m_namespace->setText(options.socketIoNamespace);
    const bool graphql = m_pages->currentIndex() == GraphqlPage;
    (graphql ? m_graphqlInit : m_socketIoAuth)->setText(QString::fromUtf8(options.socketIoAuth));
    m_query->setPlainText(options.query);
    m_variables->setText(QString::fromUtf8(options.variables));
    m_topics->setText(options.topics.join(QStringLiteral(", ")));
    m_qos->setCurrentIndex(options.qos == 0 ? 1 : 0);
    m_publishTopic->setText(options.publishTopic);
    m_clientId->setText(options.clientId);
    m_retain->setChecked(options.retain);
    const QString method = QString::fromLatin1(feed.method);
    const bool automatic = method == (feed.body.isEmpty() ? QLatin1String("GET") : QLatin1String("POST"));
    if (!automatic && m_method->findData(method) < 0) {
        m_method->addItem(method, method); // one the file names (a server's own verb)
    }
    m_method->setCurrentIndex(automatic ? 0 : m_method->findData(method));
    m_body->setPlainText(QString::fromUtf8(feed.body));
    setTransport(feed.effectiveTransport(), feed.transport == FeedConfig::Transport::Auto);
}

bool ProtocolFields::writeTo(QJsonObject &json, QString *problem) const
{
    json.remove(QStringLiteral("protocol"));
    json.remove(QStringLiteral("subprotocols"));
    json.remove(QStringLiteral("method"));
    json.remove(QStringLiteral("body"));
    if (m_ssePart->isVisibleTo(this)) {
        const QString method = m_method->currentData().toString();
        const QString body = m_body->toPlainText();
        if (!body.isEmpty()) {
            json.insert(QStringLiteral("body"), body);
        }
        if (!method.isEmpty()) {
            json.insert(QStringLiteral("method"), method);
        }
    }
    if (!m_pages->isVisibleTo(this)) {
        // Polling, or an http:// stream: a protocol chosen for it is written as it is, so that the file's rules
        // refuse it with the reason (MQTT needs a ws:// address) rather than it being dropped.
        const QString name = m_protocol->currentData().toString();
        if (m_webSocketPart->isVisibleTo(this) && name != QLatin1String("plain")) {
            json.insert(QStringLiteral("protocol"), QJsonObject{{QStringLiteral("name"), name}});
        }
        return true;
    }
    protocol::ProtocolOptions options;
    options.name = m_protocol->currentData().toString();
    switch (m_pages->currentIndex()) {
    case PlainPage: {
        options.name.clear(); // plain needs no protocol entry unless a field asks for one
        const QStringList subprotocols = commaSeparated(m_subprotocols->text());
        if (!subprotocols.isEmpty()) {
            json.insert(QStringLiteral("subprotocols"), QJsonArray::fromStringList(subprotocols));
        }
        options.onOpen = lines(m_onOpen);
        options.keepaliveText = m_keepaliveText->text().trimmed();
        options.keepaliveSeconds = m_keepaliveSeconds->value();
        for (const QString &line : lines(m_answers)) {
            const qsizetype arrow = line.indexOf(QLatin1String("=>"));
            if (arrow <= 0) {
                *problem = tr("The answer “%1” needs the form MATCH=>REPLY.").arg(line);
                return false;
            }
            options.answers.append({line.left(arrow), line.mid(arrow + 2)});
        }
        break;
    }
    case SocketIoPage:
        options.socketIoNamespace =
            m_namespace->text().trimmed().isEmpty() ? QStringLiteral("/") : m_namespace->text().trimmed();
        if (!jsonObjectField(m_socketIoAuth, tr("The Socket.IO auth payload"), &options.socketIoAuth, problem)) {
            return false;
        }
        break;
    case GraphqlPage:
        options.query = m_query->toPlainText().trimmed();
        if (!jsonObjectField(m_variables, tr("The GraphQL variables"), &options.variables, problem) ||
            !jsonObjectField(m_graphqlInit, tr("The connection_init payload"), &options.socketIoAuth, problem)) {
            return false;
        }
        break;
    case MqttPage:
        options.topics = commaSeparated(m_topics->text());
        options.qos = m_qos->currentData().toInt();
        options.publishTopic = m_publishTopic->text().trimmed();
        options.clientId = m_clientId->text().trimmed();
        options.retain = m_retain->isChecked();
        break;
    default:
        break;
    }
    if (options.isSet()) {
        json.insert(QStringLiteral("protocol"), FeedConfig::protocolToJson(options));
    }
    return true;
}

} // namespace herald::ui
