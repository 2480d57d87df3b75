#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <utility>

// Pieces of a JSON text as the server wrote them. A protocol that carries the application's payload inside its own
// JSON (Socket.IO's event arrays, graphql-ws's next, SockJS's frames) hands the payload on as it came: parsed and
// written again, keys would be sorted and numbers past 2^53 rounded. Call these on text that QJsonDocument has
// accepted; on anything else they return what they can without reading out of bounds.
namespace herald::protocol::json {

// Each element of an array, in order.
QList<QByteArrayView> arrayElements(QByteArrayView array);
// Each member of an object, in order: the key as written between its quotes (escapes left in), and the value.
QList<std::pair<QByteArrayView, QByteArrayView>> objectMembers(QByteArrayView object);
// A member's value, or an empty view when the object has no such key.
QByteArrayView memberValue(QByteArrayView object, QByteArrayView key);
// A key as written between its quotes, unescaped.
QString keyText(QByteArrayView key);
// The text a payload value stands for: a string's contents, anything else as written.
QString payloadText(QByteArrayView written, const QJsonValue &value);
// A value written as compact JSON, for a value that was built here and so has no text of its own.
QByteArray compact(const QJsonValue &value);

} // namespace herald::protocol::json
