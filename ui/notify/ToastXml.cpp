#include "ToastXml.h"

#include "util/SafeText.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>
#include <QXmlStreamWriter>

namespace herald::ui::toast {

namespace {

constexpr qsizetype kMaxTitle = 256;
constexpr qsizetype kMaxBody = 2048;
constexpr qsizetype kMaxLabel = 64;

// displaySafe drops control and hidden characters; XML 1.0 also refuses lone surrogates and U+FFFE, U+FFFF.
QString xmlSafe(const QString &text, qsizetype maxLength)
{
    const QString safe = displaySafe(text, maxLength);
    QString out;
    out.reserve(safe.size());
    for (qsizetype i = 0; i < safe.size(); ++i) {
        const QChar c = safe.at(i);
        if (c.isHighSurrogate() && i + 1 < safe.size() && safe.at(i + 1).isLowSurrogate()) {
            out += c;
            out += safe.at(++i);
        } else if (!c.isSurrogate() && c.unicode() != 0xFFFE && c.unicode() != 0xFFFF) {
            out += c;
        }
    }
    return out;
}

QString fileUrl(const QString &path)
{
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded);
}

} // namespace

QString arguments(const QString &key, const QString &actionId)
{
    QUrlQuery query;
    const auto encoded = [](const QString &value) { return QString::fromLatin1(QUrl::toPercentEncoding(value)); };
    query.addQueryItem(QStringLiteral("key"), encoded(key));
    query.addQueryItem(QStringLiteral("action"), encoded(actionId));
    return query.toString(QUrl::FullyEncoded);
}

Activation parseArguments(const QString &arguments)
{
    const QUrlQuery query(arguments);
    if (!query.hasQueryItem(QStringLiteral("key")) || !query.hasQueryItem(QStringLiteral("action"))) {
        return {};
    }
    return {query.queryItemValue(QStringLiteral("key"), QUrl::FullyDecoded),
            query.queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded)};
}

QString xml(const Popup &popup)
{
    QString out;
    QXmlStreamWriter writer(&out);
    writer.writeStartElement(QStringLiteral("toast"));
    writer.writeAttribute(QStringLiteral("launch"), arguments(popup.key, QStringLiteral("default")));
    if (popup.priority >= 4) {
        writer.writeAttribute(QStringLiteral("duration"), QStringLiteral("long"));
    }

    writer.writeStartElement(QStringLiteral("visual"));
    writer.writeStartElement(QStringLiteral("binding"));
    writer.writeAttribute(QStringLiteral("template"), QStringLiteral("ToastGeneric"));
    writer.writeTextElement(QStringLiteral("text"), xmlSafe(popup.title, kMaxTitle));
    if (!popup.body.isEmpty()) {
        writer.writeTextElement(QStringLiteral("text"), xmlSafe(popup.body, kMaxBody));
    }
    if (!popup.iconFile.isEmpty()) {
        writer.writeEmptyElement(QStringLiteral("image"));
        writer.writeAttribute(QStringLiteral("placement"), QStringLiteral("appLogoOverride"));
        writer.writeAttribute(QStringLiteral("hint-crop"), QStringLiteral("circle"));
        writer.writeAttribute(QStringLiteral("src"), fileUrl(popup.iconFile));
    }
    if (!popup.imageFile.isEmpty()) {
        writer.writeEmptyElement(QStringLiteral("image"));
        writer.writeAttribute(QStringLiteral("src"), fileUrl(popup.imageFile));
    }
    writer.writeEndElement(); // binding
    writer.writeEndElement(); // visual

    int buttons = 0;
    const bool hasActions = popup.offerReply || !popup.actions.isEmpty();
    if (hasActions) {
        writer.writeStartElement(QStringLiteral("actions"));
    }
    if (popup.offerReply) {
        writer.writeEmptyElement(QStringLiteral("input"));
        writer.writeAttribute(QStringLiteral("id"), QLatin1String(kReplyInputId));
        writer.writeAttribute(QStringLiteral("type"), QStringLiteral("text"));
        writer.writeAttribute(QStringLiteral("placeHolderContent"),
                              QCoreApplication::translate("herald::ui::Toast", "Reply"));
        writer.writeEmptyElement(QStringLiteral("action"));
        writer.writeAttribute(QStringLiteral("content"), QCoreApplication::translate("herald::ui::Toast", "Send"));
        writer.writeAttribute(QStringLiteral("arguments"), arguments(popup.key, QLatin1String(kReplyInputId)));
        writer.writeAttribute(QStringLiteral("hint-inputId"), QLatin1String(kReplyInputId));
        ++buttons;
    }
    for (const PopupAction &action : popup.actions) {
        if (buttons == kMaxButtons) {
            break;
        }
        if (action.id == QLatin1String("default")) {
            continue; // the toast itself is that
        }
        writer.writeEmptyElement(QStringLiteral("action"));
        writer.writeAttribute(QStringLiteral("content"), xmlSafe(action.label, kMaxLabel));
        writer.writeAttribute(QStringLiteral("arguments"), arguments(popup.key, action.id));
        ++buttons;
    }
    if (hasActions) {
        writer.writeEndElement(); // actions
    }
    if (!popup.sound) {
        writer.writeEmptyElement(QStringLiteral("audio"));
        writer.writeAttribute(QStringLiteral("silent"), QStringLiteral("true"));
    }
    writer.writeEndElement(); // toast
    return out;
}

} // namespace herald::ui::toast
