#pragma once

#include "message/PayloadMapper.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace herald::service {

// The addresses of ntfy's and gotify's streams, from what their users know: a server and topics (ntfy), a server
// (gotify, whose client token goes in the query as "token"). Both may be served under a path
// (https://example.org/ntfy/).

// Whether ntfy takes this as a topic: 1 to 64 of A-Z, a-z, 0-9, - and _.
bool isNtfyTopic(const QString &topic);
// "alerts, backups" or "alerts backups": the topics in it, as written.
QStringList splitTopics(const QString &text);
// https://ntfy.sh and {alerts, backups} -> https://ntfy.sh/alerts,backups/sse
QUrl ntfyStreamUrl(const QUrl &server, const QStringList &topics);
// The server and topics a ntfy address names (…/TOPICS/sse, /json, /ws or /raw, or …/TOPIC alone); false when it
// names none.
bool parseNtfyUrl(const QUrl &url, QUrl *server, QStringList *topics);
// https://gotify.example.org -> wss://gotify.example.org/stream (http: ws:)
QUrl gotifyStreamUrl(const QUrl &server);
// The server a gotify stream address names; false when it names none.
bool parseGotifyUrl(const QUrl &url, QUrl *server);
// A feed of this format was answered "not found" at url: the address its server serves streams at, in a sentence
// ("ntfy serves a topic at …/TOPIC/sse: try https://ntfy.sh/alerts/sse"); empty for other formats.
QString notFoundAdvice(PayloadMapper::Preset preset, const QUrl &url);
// error, with notFoundAdvice() after it when httpStatus says "not found" (404, 410).
QString withNotFoundAdvice(const QString &error, int httpStatus, PayloadMapper::Preset preset, const QUrl &url);

} // namespace herald::service
