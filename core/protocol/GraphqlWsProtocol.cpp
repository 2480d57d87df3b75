#include "GraphqlWsProtocol.h"

#include "protocol/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace herald::protocol {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// What the server said in an error payload: [{"message": …}, …] (or one object).
QString errorText(const QJsonValue &payload)
{
    QStringList messages;
    const QJsonArray errors = payload.isArray() ? payload.toArray() : QJsonArray{payload};
    for (const QJsonValue &error : errors) {
        const QString message = error.toObject().value(QStringLiteral("message")).toString();
        if (!message.isEmpty()) {
            messages << message;
        }
    }
    return messages.isEmpty() ? QString::fromUtf8(json::compact(errors)) : messages.join(QStringLiteral("; "));
}

} // namespace

GraphqlWsProtocol::GraphqlWsProtocol(QString query, QJsonObject variables, QJsonObject initPayload)
    : m_query(std::move(query))
    , m_variables(std::move(variables))
    , m_initPayload(std::move(initPayload))
{}

void GraphqlWsProtocol::opened(ProtocolLink &link)
{
    m_acknowledged = false;
    QJsonObject init{{QStringLiteral("type"), QStringLiteral("connection_init")}};
    if (!m_initPayload.isEmpty()) {
        init.insert(QStringLiteral("payload"), m_initPayload);
    }
    link.sendText(compact(init));
}

void GraphqlWsProtocol::subscribe(const QString &id, const QString &query, const QJsonObject &variables,
                                  ProtocolLink &link)
{
    QJsonObject payload{{QStringLiteral("query"), query}};
    if (!variables.isEmpty()) {
        payload.insert(QStringLiteral("variables"), variables);
    }
    link.sendText(compact({{QStringLiteral("id"), id},
                           {QStringLiteral("type"), QStringLiteral("subscribe")},
                           {QStringLiteral("payload"), payload}}));
}

void GraphqlWsProtocol::textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray(), &parseError);
    const QJsonObject message = document.object();
    const QString type = message.value(QStringLiteral("type")).toString();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || type.isEmpty()) {
        link.protocolFailed(QStringLiteral("the server sent something that is not a graphql-transport-ws message: %1")
                                .arg(QString::fromUtf8(utf8.first(std::min<qsizetype>(utf8.size(), 60)))),
                            true);
        return;
    }
    const QString id = message.value(QStringLiteral("id")).toString();
    if (type == QLatin1String("connection_ack")) {
        m_acknowledged = true;
        subscribe(QString::fromLatin1(kSubscriptionId), m_query, m_variables, link);
    } else if (type == QLatin1String("ping")) {
        link.sendText(compact({{QStringLiteral("type"), QStringLiteral("pong")}}));
    } else if (type == QLatin1String("pong")) {
        return;
    } else if (type == QLatin1String("next")) {
        if (id.isEmpty()) {
            link.protocolFailed(QStringLiteral("the server sent a \"next\" without an id"), true);
            return;
        }
        const QJsonObject payload = message.value(QStringLiteral("payload")).toObject();
        const QJsonObject data = payload.value(QStringLiteral("data")).toObject();
        if (payload.contains(QStringLiteral("errors"))) {
            out.append(
                AppMessage{QStringLiteral("error"), errorText(payload.value(QStringLiteral("errors"))), false, {}});
            return;
        }
        // { "greetings": "Hi" }: the field is the type, its value the text (a string as it is, the rest as written).
        const QByteArrayView dataText = json::memberValue(json::memberValue(utf8, "payload"), "data");
        const auto members = json::objectMembers(dataText);
        const QString field = members.isEmpty() ? data.keys().value(0) : json::keyText(members.first().first);
        const QJsonValue value = data.value(field);
        const QString text = members.isEmpty() ? QString::fromUtf8(json::compact(value))
                                               : json::payloadText(members.first().second, value);
        out.append(AppMessage{field, text, false, {}});
    } else if (type == QLatin1String("error")) {
        const QString said = errorText(message.value(QStringLiteral("payload")));
        if (id == QLatin1String(kSubscriptionId)) {
            link.protocolFailed(QStringLiteral("the GraphQL server refused the subscription: %1").arg(said), false);
        } else {
            out.append(AppMessage{QStringLiteral("error"), said, false, {}});
        }
    } else if (type == QLatin1String("complete")) {
        if (id == QLatin1String(kSubscriptionId)) {
            link.protocolCompleted(QStringLiteral("the GraphQL server completed the subscription"));
        }
    } else {
        link.protocolFailed(
            QStringLiteral("the server sent a graphql-transport-ws message of unknown type \"%1\"").arg(type), true);
    }
}

void GraphqlWsProtocol::binaryReceived(const QByteArray &, ProtocolLink &link, QList<AppMessage> &)
{
    link.protocolFailed(QStringLiteral("the server sent a binary frame, which graphql-transport-ws does not use"),
                        true);
}

void GraphqlWsProtocol::leaving(ProtocolLink &link)
{
    if (m_acknowledged) {
        link.sendText(compact({{QStringLiteral("id"), QString::fromLatin1(kSubscriptionId)},
                               {QStringLiteral("type"), QStringLiteral("complete")}}));
    }
}

void GraphqlWsProtocol::send(const QString &text, const QString &, ProtocolLink &link)
{
    subscribe(QString::number(m_nextOperation++), text, {}, link);
}

QString GraphqlWsProtocol::refusal(int closeCode, const QString &) const
{
    // graphql-transport-ws's own close codes: these four refuse the connection for good; 4408 (no connection_init
    // in time), 4429 (too many) and 4500 are worth another try.
    switch (closeCode) {
    case 4400:
        return QStringLiteral("the GraphQL server could not read what Herald sent");
    case 4401:
        return QStringLiteral("the GraphQL server wants credentials: give them in the connection_init payload "
                              "(--auth for listen, --auth-payload for a feed)");
    case 4403:
        return QStringLiteral("the GraphQL server refused the connection_init payload; check the token in it "
                              "(--auth for listen, --auth-payload for a feed)");
    case 4406:
        return QStringLiteral("the server does not speak graphql-transport-ws (the protocol of the graphql-ws "
                              "library); an Apollo server of the old subscriptions-transport-ws is not supported");
    default:
        return {};
    }
}

} // namespace herald::protocol
