#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace herald {

// A button on a notification: open a URL, or have Herald send an HTTP request (ntfy's "view" and "http" actions).
struct MessageAction
{
    enum class Kind { View, Http };
    Kind kind = Kind::View;
    QString label;
    QUrl url;
    QByteArray method = "POST"; // Http only
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool clear = false; // dismiss the notification once done

    friend bool operator==(const MessageAction &a, const MessageAction &b)
    {
        return a.kind == b.kind && a.label == b.label && a.url == b.url && a.method == b.method &&
               a.headers == b.headers && a.body == b.body && a.clear == b.clear;
    }
};

} // namespace herald

// Every member is a scalar or one of Qt's implicitly shared types, which Qt moves as bytes: a list of them that grows
// (a burst waiting for the history) is reallocated in place instead of being built again, item by item, in fresh
// pages.
Q_DECLARE_TYPEINFO(herald::MessageAction, Q_RELOCATABLE_TYPE);

namespace herald {

// One thing a feed said, mapped into what a notification, the history and the chat window show.
struct Message
{
    static constexpr int kDefaultPriority = 3;

    QString feed;
    QString id;         // the server's id when it gives one; deduplication keys on (feed, id)
    QDateTime time;     // "sent": the server's time when it gives one, else when it arrived; shown, never trusted
    QDateTime received; // when Herald got it (set when it is stored): order, retention and popups go by this
    QString title;
    QString body;
    int priority = kDefaultPriority; // 1 (min) to 5 (max)
    QStringList tags;
    QUrl clickUrl;
    QUrl iconUrl;  // a small picture for the popup (ntfy's icon)
    QUrl imageUrl; // a picture the message carries (ntfy's image attachment, gotify's client::notification bigImageUrl)
    QList<MessageAction> actions;
    bool markdown = false;   // the body is Markdown (ntfy's markdown, gotify's client::display contentType)
    QString eventType;       // the SSE event type, when there is one
    QString raw;             // the payload as it arrived (binary payloads as base64)
    QString note;            // why the mapping fell back, for a person to read; empty when it did not
    QString format;          // what the payload was read as: "ntfy", "gotify", "mercure", "json" or "text"
    bool outgoing = false;   // the user sent it (chat), rather than the feed
    bool pending = false;    // outgoing and not yet handed to the server: sent when the feed next connects
    qint64 historyRowId = 0; // its row in the history once stored; 0 before
};

} // namespace herald

Q_DECLARE_TYPEINFO(herald::Message, Q_RELOCATABLE_TYPE); // as MessageAction
