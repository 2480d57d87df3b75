#pragma once

#include "message/PayloadMapper.h"

#include <QObject>
#include <QUrl>

class QFormLayout;
class QLabel;
class QLineEdit;
class QWidget;

namespace herald::ui {

// The feed editor's questions for ntfy and gotify, in their users' words: the server and the topics (ntfy); the
// server (gotify, whose client token is the feed's secret). They build the feed's address, and follow it when the
// person edits the address instead. Rows in the editor's own form, shown only for those two formats.
class ServiceFields final : public QObject
{
    Q_OBJECT

public:
    // Adds its rows to form, before the row at index before.
    ServiceFields(QFormLayout *form, int before, QWidget *page);

    // Which questions to ask: ntfy's, gotify's, or none (the rows hide).
    void setService(PayloadMapper::Preset preset);
    PayloadMapper::Preset service() const { return m_service; }
    // The address as it stands: the fields follow it when it names this service's server (and topics).
    void followAddress(const QUrl &url);
    // Empty when the fields can be used; else what is wrong, in a sentence.
    QString problem() const;

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *topicsEdit() const { return m_topics; }

Q_SIGNALS:
    // The person edited the fields: the feed's address is now this.
    void addressBuilt(const QUrl &url);

private:
    void fieldsEdited();
    void showProblem();

    QFormLayout *m_form;
    PayloadMapper::Preset m_service = PayloadMapper::Preset::Auto;
    QLineEdit *m_server;
    QLineEdit *m_topics;
    QLabel *m_problem;
    QLabel *m_hint;
};

} // namespace herald::ui
