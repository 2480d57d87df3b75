#pragma once

#include <QByteArrayView>
#include <QString>

namespace herald {

// Decodes UTF-8 exactly as the WHATWG Encoding Standard does: one U+FFFD for each maximal ill-formed
// subsequence, and a BOM is kept as U+FEFF (stripping it is the caller's business). QString::fromUtf8
// differs on truncated sequences and strips BOMs, which the SSE specification does not allow.
QString decodeUtf8(QByteArrayView bytes);

// The same, written into out; reuses out's buffer when nobody else shares it, which saves an allocation per call.
void decodeUtf8Into(QByteArrayView bytes, QString &out);

} // namespace herald
