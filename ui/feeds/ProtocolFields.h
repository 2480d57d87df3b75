#pragma once

#include "feed/FeedConfig.h"

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;

namespace herald::ui {

// The feed editor's Protocol tab: what a WebSocket endpoint speaks on its socket (messages as they are, with
// on-open messages, a keepalive and answers to its pings; Socket.IO; GraphQL over graphql-transport-ws; MQTT 3.1.1
// or 5; SockJS), each with its own fields, and the request of an SSE stream (method and body). It reads a feed and
// writes its part of the feed's JSON, so that the file's rules check what it says.
class ProtocolFields final : public QWidget
{
    Q_OBJECT

public:
    explicit ProtocolFields(QWidget *parent = nullptr);

    void load(const FeedConfig &feed);
    // Replaces "protocol", "subprotocols", "method" and "body" in json with what the fields say; false with problem
    // set when a field cannot be used (a payload that is not a JSON object).
    bool writeTo(QJsonObject &json, QString *problem) const;
    // Which fields make sense: the request for SSE, the protocol and its fields for WebSocket. chosenByAddress: the
    // transport follows the address, so that an http:// one may still be Socket.IO's or SockJS's.
    void setTransport(FeedConfig::Transport transport, bool chosenByAddress);

    QComboBox *protocolBox() const { return m_protocol; }
    QLineEdit *topicsEdit() const { return m_topics; }

Q_SIGNALS:
    // The protocol chosen changed: Socket.IO and SockJS make an http:// address a WebSocket one.
    void protocolChanged();

private:
    QWidget *buildPlainPage();
    QWidget *buildSocketIoPage();
    QWidget *buildGraphqlPage();
    QWidget *buildMqttPage();
    QWidget *buildSockJsPage();
    void showPage();

    QComboBox *m_protocol;
    QStackedWidget *m_pages;
    QLabel *m_sseHint;
    QWidget *m_webSocketPart;
    QWidget *m_ssePart;
    // plain
    QLineEdit *m_subprotocols;
    QPlainTextEdit *m_onOpen;
    QLineEdit *m_keepaliveText;
    QSpinBox *m_keepaliveSeconds;
    QPlainTextEdit *m_answers;
    // Socket.IO
    QLineEdit *m_namespace;
    QLineEdit *m_socketIoAuth;
    // GraphQL
    QPlainTextEdit *m_query;
    QLineEdit *m_variables;
    QLineEdit *m_graphqlInit;
    // MQTT
    QLineEdit *m_topics;
    QComboBox *m_qos;
    QLineEdit *m_publishTopic;
    QLineEdit *m_clientId;
    QCheckBox *m_retain;
    // SSE
    QComboBox *m_method;
    QPlainTextEdit *m_body;
};

} // namespace herald::ui
