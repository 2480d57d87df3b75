#include "feeds/ServiceFields.h"

#include "FormFields.h"
#include "feed/ServiceAddress.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace herald::ui {

ServiceFields::ServiceFields(QFormLayout *form, int before, QWidget *page)
    : QObject(page)
    , m_form(form)
    , m_server(new QLineEdit(page))
    , m_topics(new QLineEdit(page))
    , m_problem(new QLabel(page))
    , m_hint(new QLabel(page))
{
    m_server->setAccessibleName(tr("Server"));
    m_topics->setAccessibleName(tr("Topics"));
    m_topics->setPlaceholderText(tr("e.g. alerts, backups"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    showAsError(m_problem);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    form->insertRow(before, tr("Ser&ver:"), m_server);
    form->insertRow(before + 1, tr("T&opics:"), m_topics);
    form->insertRow(before + 2, QString(), m_problem);
    form->insertRow(before + 3, QString(), m_hint);
    connect(m_server, &QLineEdit::textEdited, this, &ServiceFields::fieldsEdited);
    connect(m_topics, &QLineEdit::textEdited, this, &ServiceFields::fieldsEdited);
    setService(PayloadMapper::Preset::Auto);
}

void ServiceFields::setService(PayloadMapper::Preset preset)
{
    const bool ntfy = preset == PayloadMapper::Preset::Ntfy;
    const bool gotify = preset == PayloadMapper::Preset::Gotify;
    if (preset != m_service && (ntfy || gotify)) {
        m_server->setPlaceholderText(ntfy ? QStringLiteral("https://ntfy.sh")
                                          : QStringLiteral("https://gotify.example.org"));
        m_hint->setText(ntfy ? tr("Several topics: separate them with commas. A protected topic: choose User name "
                                  "and password, or Bearer token for an access token (tk_…), under Authentication.")
                             : tr("The client token: in gotify's web app, Clients → Create client, then copy its "
                                  "token into Client token below."));
    }
    m_service = preset;
    m_form->setRowVisible(m_server, ntfy || gotify);
    m_form->setRowVisible(m_topics, ntfy);
    m_form->setRowVisible(m_hint, ntfy || gotify);
    showProblem();
}

void ServiceFields::followAddress(const QUrl &url)
{
    QUrl server;
    QStringList topics;
    if (m_service == PayloadMapper::Preset::Ntfy && service::parseNtfyUrl(url, &server, &topics)) {
        m_server->setText(server.toString(QUrl::StripTrailingSlash));
        m_topics->setText(topics.join(QStringLiteral(", ")));
    } else if (m_service == PayloadMapper::Preset::Gotify && service::parseGotifyUrl(url, &server)) {
        m_server->setText(server.toString(QUrl::StripTrailingSlash));
    }
    showProblem();
}

QString ServiceFields::problem() const
{
    if (m_service != PayloadMapper::Preset::Ntfy) {
        return {};
    }
    for (const QString &topic : service::splitTopics(m_topics->text())) {
        if (!service::isNtfyTopic(topic)) {
            return tr("“%1” cannot be a ntfy topic: use 1 to 64 letters A-Z, digits, - and _.").arg(topic.left(70));
        }
    }
    return {};
}

void ServiceFields::showProblem()
{
    m_problem->setText(problem());
    m_form->setRowVisible(m_problem, !m_problem->text().isEmpty());
}

void ServiceFields::fieldsEdited()
{
    showProblem();
    QString serverText = m_server->text().trimmed();
    if (serverText.isEmpty()) {
        serverText = m_server->placeholderText();
    }
    QUrl server = QUrl::fromUserInput(serverText);
    if (!server.isValid() || server.host().isEmpty()) {
        return;
    }
    if (m_service == PayloadMapper::Preset::Ntfy) {
        const QStringList topics = service::splitTopics(m_topics->text());
        if (!topics.isEmpty() && problem().isEmpty()) {
            Q_EMIT addressBuilt(service::ntfyStreamUrl(server, topics));
        }
    } else if (m_service == PayloadMapper::Preset::Gotify) {
        Q_EMIT addressBuilt(service::gotifyStreamUrl(server));
    }
}

} // namespace herald::ui
