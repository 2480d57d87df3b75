#pragma once

#include <QByteArray>

namespace herald::http {

// Pieces of HTTP/1.1 responses for the servers Herald runs itself (demo and tests).
QByteArray reasonPhrase(int status);
QByteArray statusLine(int status);         // "HTTP/1.1 404 Not Found\r\n"
QByteArray chunk(const QByteArray &bytes); // one chunk of a chunked body; empty input gives nothing
inline constexpr char kLastChunk[] = "0\r\n\r\n";

} // namespace herald::http
