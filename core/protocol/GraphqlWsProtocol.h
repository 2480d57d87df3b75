#pragma once

#include "protocol/MessageProtocol.h"

#include <QJsonObject>

namespace herald::protocol {

// graphql-transport-ws (the graphql-ws library's protocol, subprotocol "graphql-transport-ws"): connection_init with
// a payload, one subscription with its variables once the server acks, next messages out as AppMessages (the
// subscription's field as their type, its data as the text), pings answered. An error for the subscription says
// what the server said and is not retried; a malformed message (bad JSON, a next without the subscription's id)
// fails the connection, which is retried. send() runs one more operation, a mutation for instance.
class GraphqlWsProtocol final : public MessageProtocol
{
public:
    GraphqlWsProtocol(QString query, QJsonObject variables, QJsonObject initPayload);
    QString name() const override { return QStringLiteral("graphql-ws"); }
    QStringList subprotocols() const override { return {QStringLiteral("graphql-transport-ws")}; }
    void opened(ProtocolLink &link) override;
    void textReceived(QByteArrayView utf8, ProtocolLink &link, QList<AppMessage> &out) override;
    void binaryReceived(const QByteArray &bytes, ProtocolLink &link, QList<AppMessage> &out) override;
    bool ready() const override { return m_acknowledged; }
    void send(const QString &text, const QString &type, ProtocolLink &link) override;
    QString readyDescription() const override { return QStringLiteral("GraphQL subscription started"); }
    void leaving(ProtocolLink &link) override;
    int leaveGraceMs() const override { return 250; } // operations sent just before run to their end
    QString refusal(int closeCode, const QString &reason) const override;

    static constexpr char kSubscriptionId[] = "1";

private:
    void subscribe(const QString &id, const QString &query, const QJsonObject &variables, ProtocolLink &link);

    QString m_query;
    QJsonObject m_variables;
    QJsonObject m_initPayload;
    bool m_acknowledged = false;
    int m_nextOperation = 2;
};

} // namespace herald::protocol
