#pragma once

#include "feed/FeedConfig.h"
#include "message/PayloadMapper.h"

#include <QDialog>
#include <QList>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimeEdit;
class QTreeWidget;

namespace herald {
class Feed;
}

namespace herald::ui {

class ProtocolFields;
class ServiceFields;

// Adds or edits one feed: address and protocol, headers, authentication (the secret goes to the keychain, never to
// the file), payload preset with a live preview of the mapping on what the test connection received, rules and
// quiet hours, TLS and proxy. "Test connection" connects with the settings as they stand and shows every raw event
// or frame as it arrives, like a developer's inspector.
class FeedEditor final : public QDialog
{
    Q_OBJECT

public:
    // existing: the feed being edited, or nothing for a new one. hasSecret: the keychain holds one already.
    explicit FeedEditor(const std::optional<FeedConfig> &existing, bool hasSecret = false, QWidget *parent = nullptr);
    ~FeedEditor() override;

    // A new feed for this kind of server: its payload format chosen, and an example address to fill in.
    void setUpFor(PayloadMapper::Preset preset);

    // What the form says, or nothing with problem set.
    std::optional<FeedConfig> feedConfig(QString *problem) const;
    // The secret typed in; empty when unchanged.
    QString secret() const;
    // The password of the client certificate typed in; empty when unchanged.
    QString clientCertificatePassword() const;
    QString originalName() const { return m_originalName; }
    // The other feeds' names: a name suggested from the address avoids them.
    void setTakenNames(const QStringList &names);
    // The name Test and Save use while the name field is empty (from the address); empty when there is none.
    QString suggestedName() const { return m_suggestedName; }

    // For tests and keyboard users alike.
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *urlEdit() const { return m_url; }
    QComboBox *proxyModeBox() const { return m_proxyMode; }
    QLineEdit *proxyEdit() const { return m_proxy; }
    QLabel *proxyProblem() const { return m_proxyProblem; }
    QComboBox *presetBox() const { return m_preset; }
    QLineEdit *secretCommandEdit() const { return m_secretCommand; }
    QPlainTextEdit *inspector() const { return m_inspector; }
    QTreeWidget *preview() const { return m_preview; }
    QTabWidget *tabs() const { return m_tabs; }
    ProtocolFields *protocolFields() const { return m_protocolFields; }
    ServiceFields *serviceFields() const { return m_serviceFields; }
    QComboBox *authBox() const { return m_auth; }
    QLineEdit *secretEdit() const { return m_secret; }
    QPushButton *stopButton() const { return m_stopButton; }

public Q_SLOTS:
    void testConnection();
    void accept() override;
    // Cancel, Esc or the window's close button: a test still running ends with the editor, not later.
    void done(int result) override;

private:
    // What a payload was read as, in the user's words.
    static QString formatName(const QString &format);
    QWidget *buildConnectionTab();
    QWidget *buildNetworkTab();
    // A file name field with its Browse… button.
    QLayout *fileRow(QLineEdit *edit, const QString &dialogTitle, const QString &filter);
    QWidget *buildRulesTab();
    QWidget *buildTestTab();
    void load(const FeedConfig &feed);
    void updateAuthFields();
    // ntfy and gotify: their own questions (server, topics) appear, and gotify's token goes in the query.
    void updateService();
    void updateNameSuggestion();
    void updatePreview();
    void stopTest();
    void startTest(const FeedConfig &feed, const QString &secret);

    QString m_originalName;
    QStringList m_takenNames;
    QString m_suggestedName;
    QString m_nameExample; // the name field's hint while the address suggests none
    FeedConfig m_base;     // the feed as it was: what the form does not show is kept as it was
    QTabWidget *m_tabs;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_transport;
    ProtocolFields *m_protocolFields;
    ServiceFields *m_serviceFields;
    QLabel *m_secretLabel;
    QSpinBox *m_pollInterval;
    QComboBox *m_preset;
    QPlainTextEdit *m_headers;
    QComboBox *m_auth;
    QLineEdit *m_username;
    QLineEdit *m_queryParameter;
    QLineEdit *m_secret;
    QLineEdit *m_secretCommand;
    QLineEdit *m_publishUrl;
    QComboBox *m_proxyMode; // system, none, or the address in m_proxy
    QLineEdit *m_proxy;
    QLabel *m_proxyProblem;
    QLineEdit *m_caFile;
    QLineEdit *m_pin;
    QCheckBox *m_acceptInvalid;
    QLineEdit *m_clientCertificate;
    QLineEdit *m_clientCertificatePassword;
    QCheckBox *m_reconnect;
    QSpinBox *m_reconnectDelay;
    QSpinBox *m_maxReconnectDelay;
    QSpinBox *m_idleTimeout;
    QLineEdit *m_includeTypes;
    QLineEdit *m_excludeTypes;
    QLineEdit *m_includePattern;
    QLineEdit *m_excludePattern;
    QLineEdit *m_fieldPointer;
    QLineEdit *m_fieldPattern;
    QSpinBox *m_minPriority;
    QCheckBox *m_quiet;
    QTimeEdit *m_quietFrom;
    QTimeEdit *m_quietUntil;
    QSpinBox *m_quietMinPriority;
    QPushButton *m_stopButton = nullptr;
    bool m_testOpened = false; // the test connection has been open: later connecting is reconnecting
    QPushButton *m_testButton;
    QLabel *m_testState;
    QPlainTextEdit *m_inspector;
    QTreeWidget *m_preview;
    QLabel *m_problem;
    std::unique_ptr<Feed> m_testFeed;
    QObject *m_testSecretRun = nullptr; // a secret command running for the test; deleting it drops its answer
    QList<RawPayload> m_received;       // the newest, for the preview
    bool m_keepsSecret = false;
};

} // namespace herald::ui
