#include "feeds/FeedEditor.h"

#include "FormFields.h"
#include "WindowMemory.h"
#include "feed/Feed.h"
#include "feeds/FeedStateText.h"
#include "feeds/ProtocolFields.h"
#include "feeds/ServiceFields.h"
#include "rules/RulesJson.h"
#include "store/SecretCommand.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTime>
#include <QTimeEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace herald::ui {

namespace {

constexpr int kPreviewSize = 20;

} // namespace

FeedEditor::FeedEditor(const std::optional<FeedConfig> &existing, bool hasSecret, QWidget *parent)
    : QDialog(parent)
    , m_originalName(existing ? existing->name : QString())
    , m_base(existing.value_or(FeedConfig()))
    , m_tabs(new QTabWidget(this))
    , m_problem(new QLabel(this))
    , m_keepsSecret(hasSecret)
{
    setWindowTitle(existing ? tr("Edit feed “%1”").arg(existing->name) : tr("Add a feed"));
    m_tabs->addTab(buildConnectionTab(), tr("&Connection"));
    m_protocolFields = new ProtocolFields(this);
    m_tabs->addTab(m_protocolFields, tr("&Protocol"));
    m_tabs->addTab(buildNetworkTab(), tr("Net&work"));
    m_tabs->addTab(buildRulesTab(), tr("&Rules"));
    m_tabs->addTab(buildTestTab(), tr("&Test and preview"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    showAsError(m_problem);
    m_problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &FeedEditor::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FeedEditor::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    connect(m_protocolFields, &ProtocolFields::protocolChanged, this, &FeedEditor::updateAuthFields);
    tidyFormFields(this);
    WindowMemory::track(this, QStringLiteral("feed-editor"), QSize(620, 560));
    if (existing) {
        load(*existing);
    }
    updateAuthFields();
    // A mistake shown in red goes once the user edits what was wrong (it comes back at the next Save if it remains).
    for (auto *field : findChildren<QLineEdit *>()) {
        connect(field, &QLineEdit::textEdited, m_problem, &QWidget::hide);
    }
}

FeedEditor::~FeedEditor()
{
    stopTest();
}

void FeedEditor::done(int result)
{
    stopTest();
    QDialog::done(result);
}

QWidget *FeedEditor::buildConnectionTab()
{
    auto *page = new QWidget(this);
    m_name = new QLineEdit(page);
    m_nameExample = tr("e.g. CI builds");
    m_name->setPlaceholderText(m_nameExample);
    m_url = new QLineEdit(page);
    m_url->setPlaceholderText(tr("https://ntfy.sh/mytopic/sse or wss://example.org/socket"));
    m_transport = new QComboBox(page);
    m_transport->addItem(tr("From the address (ws: WebSocket, http: SSE)"), QStringLiteral("auto"));
    m_transport->addItem(tr("Server-Sent Events"), QStringLiteral("sse"));
    m_transport->addItem(tr("WebSocket"), QStringLiteral("websocket"));
    m_transport->addItem(tr("JSON lines over HTTP"), QStringLiteral("jsonlines"));
    m_transport->addItem(tr("HTTP polling"), QStringLiteral("polling"));
    m_pollInterval = new QSpinBox(page);
    m_pollInterval->setRange(1, 24 * 3600);
    m_pollInterval->setValue(60);
    m_pollInterval->setSuffix(tr(" s"));
    m_preset = new QComboBox(page);
    m_preset->addItem(tr("Automatic (ntfy, gotify, Mercure, JSON or text)"), QStringLiteral("auto"));
    m_preset->addItem(tr("Raw text"), QStringLiteral("raw"));
    m_preset->addItem(tr("JSON (title, message, priority…)"), QStringLiteral("json"));
    m_preset->addItem(tr("ntfy"), QStringLiteral("ntfy"));
    m_preset->addItem(tr("gotify"), QStringLiteral("gotify"));
    m_preset->addItem(tr("Mercure"), QStringLiteral("mercure"));
    m_headers = new QPlainTextEdit(page);
    m_headers->setPlaceholderText(tr("One per line: Name: value"));
    m_headers->setTabChangesFocus(true);
    m_headers->setFixedHeight(m_headers->fontMetrics().lineSpacing() * 3 + 12);
    m_auth = new QComboBox(page);
    m_auth->addItem(tr("None"), QStringLiteral("none"));
    m_auth->addItem(tr("Bearer token"), QStringLiteral("bearer"));
    m_auth->addItem(tr("User name and password"), QStringLiteral("basic"));
    m_auth->addItem(tr("Token in the address"), QStringLiteral("query"));
    m_username = new QLineEdit(page);
    m_queryParameter = new QLineEdit(QStringLiteral("auth"), page);
    m_secret = new QLineEdit(page);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secretCommand = new QLineEdit(page);
    m_secretCommand->setPlaceholderText(tr("optional, instead: a command that prints it, e.g. pass show herald/ntfy"));
    m_publishUrl = new QLineEdit(page);
    m_publishUrl->setPlaceholderText(tr("optional: where chat messages are POSTed (SSE feeds)"));
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Address:"), m_url);
    form->addRow(tr("Transport:"), m_transport);
    form->addRow(tr("Poll &every:"), m_pollInterval);
    form->addRow(tr("Pa&yload format:"), m_preset);
    form->addRow(tr("&Headers:"), m_headers);
    form->addRow(tr("A&uthentication:"), m_auth);
    form->addRow(tr("User name:"), m_username);
    form->addRow(tr("Parameter:"), m_queryParameter);
    form->addRow(tr("&Secret:"), m_secret);
    form->addRow(tr("Secret co&mmand:"), m_secretCommand);
    form->addRow(tr("Pu&blish address:"), m_publishUrl);
    m_secretLabel = qobject_cast<QLabel *>(form->labelForField(m_secret));
    m_serviceFields = new ServiceFields(form, 1, page); // under the name, above the address it builds
    connect(m_serviceFields, &ServiceFields::addressBuilt, this,
            [this](const QUrl &url) { m_url->setText(url.toString()); });
    connect(m_url, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_serviceFields->followAddress(QUrl::fromUserInput(text.trimmed())); });
    connect(m_preset, &QComboBox::currentIndexChanged, this, &FeedEditor::updateService);
    connect(m_queryParameter, &QLineEdit::textChanged, this, &FeedEditor::updateAuthFields);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &FeedEditor::updateAuthFields);
    connect(m_transport, &QComboBox::currentIndexChanged, this, &FeedEditor::updateAuthFields);
    connect(m_url, &QLineEdit::textChanged, this, &FeedEditor::updateAuthFields);
    connect(m_url, &QLineEdit::textChanged, this, &FeedEditor::updateNameSuggestion);
    return page;
}

QLayout *FeedEditor::fileRow(QLineEdit *edit, const QString &dialogTitle, const QString &filter)
{
    auto *browse = new QPushButton(tr("Browse…"), edit->parentWidget());
    connect(browse, &QPushButton::clicked, this, [this, edit, dialogTitle, filter] {
        const QString file = QFileDialog::getOpenFileName(this, dialogTitle, edit->text(), filter);
        if (!file.isEmpty()) {
            edit->setText(file);
        }
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return row;
}

QWidget *FeedEditor::buildNetworkTab()
{
    auto *page = new QWidget(this);
    m_proxyMode = new QComboBox(page);
    m_proxyMode->addItem(tr("The system's proxy settings"), QStringLiteral("system"));
    m_proxyMode->addItem(tr("No proxy"), QStringLiteral("none"));
    m_proxyMode->addItem(tr("This proxy:"), QStringLiteral("url"));
    m_proxyMode->setAccessibleName(tr("Proxy"));
    m_proxy = new QLineEdit(page);
    m_proxy->setPlaceholderText(QStringLiteral("http://127.0.0.1:3128"));
    m_proxy->setToolTip(tr("http://host:port or socks5://host:port, with user:password@ if the proxy asks"));
    m_proxy->setAccessibleName(tr("Proxy address"));
    m_proxyProblem = new QLabel(page);
    m_proxyProblem->setTextFormat(Qt::PlainText);
    m_proxyProblem->setWordWrap(true);
    showAsError(m_proxyProblem);
    const auto proxyChanged = [this] {
        const bool own = m_proxyMode->currentData().toString() == QLatin1String("url");
        m_proxy->setEnabled(own);
        const QString address = m_proxy->text().trimmed();
        m_proxyProblem->setText(!own                ? QString()
                                : address.isEmpty() ? tr("Write the proxy's address.")
                                                    : FeedConfig::checkProxy(address));
        m_proxyProblem->setVisible(!m_proxyProblem->text().isEmpty());
    };
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, proxyChanged);
    connect(m_proxy, &QLineEdit::textChanged, this, proxyChanged);
    proxyChanged();
    m_caFile = new QLineEdit(page);
    m_caFile->setPlaceholderText(tr("optional PEM file of certificates to trust"));
    m_caFile->setAccessibleName(tr("CA certificates"));
    QLayout *caRow = fileRow(m_caFile, tr("CA certificate"), tr("Certificates (*.pem *.crt);;All files (*)"));
    m_pin = new QLineEdit(page);
    m_pin->setPlaceholderText(tr("optional SHA-256 of the server certificate"));
    m_acceptInvalid = new QCheckBox(tr("Accept invalid certificates (unsafe)"), page);
    connect(m_acceptInvalid, &QCheckBox::toggled, this, [this](bool on) {
        showAsError(m_acceptInvalid, on);
        m_acceptInvalid->setText(on ? tr("Accept invalid certificates — anyone on the way can read and change "
                                         "this feed")
                                    : tr("Accept invalid certificates (unsafe)"));
    });

    m_clientCertificate = new QLineEdit(page);
    m_clientCertificate->setPlaceholderText(tr("optional PKCS#12 file (.p12, .pfx) to prove who you are"));
    m_clientCertificate->setAccessibleName(tr("Client certificate"));
    QLayout *certificateRow =
        fileRow(m_clientCertificate, tr("Client certificate"), tr("PKCS#12 files (*.p12 *.pfx);;All files (*)"));
    m_clientCertificatePassword = new QLineEdit(page);
    m_clientCertificatePassword->setEchoMode(QLineEdit::Password);
    m_clientCertificatePassword->setPlaceholderText(tr("its password, if it has one (kept in the keychain)"));
    m_reconnect = new QCheckBox(tr("Reconnect after a &drop"), page);
    m_reconnect->setChecked(true);
    m_reconnectDelay = new QSpinBox(page);
    m_reconnectDelay->setRange(1, 24 * 3600);
    m_reconnectDelay->setValue(FeedConfig().reconnectDelaySeconds);
    m_reconnectDelay->setSuffix(tr(" s"));
    m_reconnectDelay->setAccessibleName(tr("First reconnect after"));
    m_maxReconnectDelay = new QSpinBox(page);
    m_maxReconnectDelay->setRange(1, 24 * 3600);
    m_maxReconnectDelay->setValue(FeedConfig().maxReconnectDelaySeconds);
    m_maxReconnectDelay->setSuffix(tr(" s"));
    m_maxReconnectDelay->setAccessibleName(tr("Longest wait between reconnects"));
    auto *delays = new QHBoxLayout;
    delays->addWidget(new QLabel(tr("first after"), page));
    delays->addWidget(m_reconnectDelay);
    delays->addWidget(new QLabel(tr("then doubling up to"), page));
    delays->addWidget(m_maxReconnectDelay);
    delays->addStretch(1);
    connect(m_reconnect, &QCheckBox::toggled, m_reconnectDelay, &QWidget::setEnabled);
    connect(m_reconnect, &QCheckBox::toggled, m_maxReconnectDelay, &QWidget::setEnabled);
    m_idleTimeout = new QSpinBox(page);
    m_idleTimeout->setRange(0, 24 * 3600);
    m_idleTimeout->setValue(FeedConfig().idleTimeoutSeconds);
    m_idleTimeout->setSuffix(tr(" s"));
    m_idleTimeout->setSpecialValueText(tr("never"));
    m_idleTimeout->setAccessibleName(tr("Silence that counts as a dead stream"));
    m_idleTimeout->setToolTip(tr("A stream silent for this long is taken as dead and reconnected (SSE and JSON "
                                 "lines; WebSocket feeds ping instead)."));

    auto *form = new QFormLayout(page);
    auto *proxyRow = new QHBoxLayout;
    proxyRow->addWidget(m_proxyMode);
    proxyRow->addWidget(m_proxy, 1);
    form->addRow(tr("Pro&xy:"), proxyRow);
    form->addRow(QString(), m_proxyProblem);
    static_cast<QLabel *>(form->labelForField(proxyRow))->setBuddy(m_proxyMode);
    form->addRow(tr("CA certificates:"), caRow);
    form->addRow(tr("Certificate pin:"), m_pin);
    form->addRow(tr("Client certificate:"), certificateRow);
    form->addRow(tr("Certificate password:"), m_clientCertificatePassword);
    form->addRow(QString(), m_acceptInvalid);
    form->addRow(m_reconnect);
    form->addRow(QString(), delays);
    auto *idleRow = new QHBoxLayout;
    idleRow->addWidget(m_idleTimeout);
    auto *idleHint = new QLabel(tr("of silence and a stream counts as dead (SSE, JSON lines)"), page);
    idleHint->setTextFormat(Qt::PlainText);
    idleRow->addWidget(idleHint);
    idleRow->addStretch(1);
    auto *idleLabel = new QLabel(tr("&Idle timeout:"), page);
    idleLabel->setBuddy(m_idleTimeout);
    form->addRow(idleLabel, idleRow);
    return page;
}

QWidget *FeedEditor::buildRulesTab()
{
    auto *page = new QWidget(this);
    m_includeTypes = new QLineEdit(page);
    m_includeTypes->setPlaceholderText(tr("all; or e.g. message, deploy"));
    m_excludeTypes = new QLineEdit(page);
    m_includePattern = new QLineEdit(page);
    m_includePattern->setPlaceholderText(tr("a regular expression on title and body"));
    m_excludePattern = new QLineEdit(page);
    m_fieldPointer = new QLineEdit(page);
    m_fieldPointer->setPlaceholderText(tr("a JSON pointer, e.g. /status"));
    m_fieldPattern = new QLineEdit(page);
    m_fieldPattern->setPlaceholderText(tr("matches, e.g. fail|error"));
    m_fieldPattern->setAccessibleName(tr("JSON field matches"));
    auto *fieldRow = new QHBoxLayout;
    fieldRow->addWidget(m_fieldPointer, 1);
    fieldRow->addWidget(m_fieldPattern, 1);
    m_minPriority = new PrioritySpinBox(page);
    m_minPriority->setValue(1);
    m_quiet = new QCheckBox(tr("&Quiet hours"), page);
    m_quietFrom = new QTimeEdit(QTime(22, 0), page);
    m_quietUntil = new QTimeEdit(QTime(7, 0), page);
    m_quietFrom->setAccessibleName(tr("Quiet from"));
    m_quietUntil->setAccessibleName(tr("Quiet until"));
    m_quietMinPriority = new PrioritySpinBox(page);
    m_quietMinPriority->setValue(5);
    auto *quietRow = new QHBoxLayout;
    quietRow->addWidget(m_quiet);
    quietRow->addWidget(new QLabel(tr("from"), page));
    quietRow->addWidget(m_quietFrom);
    quietRow->addWidget(new QLabel(tr("until"), page));
    quietRow->addWidget(m_quietUntil);
    quietRow->addStretch(1);
    auto *form = new QFormLayout(page);
    auto *intro = new QLabel(tr("Messages that do not pass still go to the history; they only do not pop up."), page);
    intro->setWordWrap(true);
    form->addRow(intro);
    form->addRow(tr("Only &event types:"), m_includeTypes);
    form->addRow(tr("&Never event types:"), m_excludeTypes);
    form->addRow(tr("Only &matching:"), m_includePattern);
    form->addRow(tr("Never matc&hing:"), m_excludePattern);
    auto *fieldLabel = new QLabel(tr("Only when the &field:"), page);
    fieldLabel->setBuddy(m_fieldPointer);
    form->addRow(fieldLabel, fieldRow);
    form->addRow(tr("Minimum &priority:"), m_minPriority);
    form->addRow(quietRow);
    form->addRow(tr("During quiet hours, at least:"), m_quietMinPriority);
    return page;
}

QWidget *FeedEditor::buildTestTab()
{
    auto *page = new QWidget(this);
    m_testButton = new QPushButton(tr("Test co&nnection"), page);
    m_stopButton = new QPushButton(tr("St&op"), page);
    m_stopButton->setEnabled(false);
    m_testState = new QLabel(tr("Connects with the settings as they stand, without saving."), page);
    m_testState->setTextFormat(Qt::PlainText);
    m_testState->setWordWrap(true);
    m_inspector = new QPlainTextEdit(page);
    m_inspector->setAccessibleName(tr("Raw events and frames"));
    m_inspector->setReadOnly(true);
    m_inspector->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_inspector->setMaximumBlockCount(2000);
    m_inspector->setPlaceholderText(tr("Raw events and frames appear here as they arrive."));
    m_preview = new QTreeWidget(page);
    m_preview->setAccessibleName(tr("How the events map"));
    m_preview->setHeaderLabels({tr("Title"), tr("Message"), tr("Priority"), tr("Read as")});
    m_preview->setRootIsDecorated(false);
    m_preview->header()->setStretchLastSection(false);
    m_preview->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    auto *top = new QHBoxLayout;
    top->addWidget(m_testButton);
    top->addWidget(m_stopButton);
    top->addWidget(m_testState, 1);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Received:"), page));
    layout->addWidget(m_inspector, 2);
    layout->addWidget(new QLabel(tr("As notifications, with the payload format chosen:"), page));
    layout->addWidget(m_preview, 1);
    connect(m_testButton, &QPushButton::clicked, this, &FeedEditor::testConnection);
    connect(m_stopButton, &QPushButton::clicked, this, [this] {
        stopTest();
        m_inspector->appendPlainText(tr("— stopped —"));
        m_testState->setText(tr("Stopped."));
    });
    connect(m_preset, &QComboBox::currentIndexChanged, this, &FeedEditor::updatePreview);
    return page;
}

void FeedEditor::updateAuthFields()
{
    const QString auth = m_auth->currentData().toString();
    m_username->setEnabled(auth == QLatin1String("basic"));
    m_queryParameter->setEnabled(auth == QLatin1String("query"));
    m_secret->setEnabled(auth != QLatin1String("none"));
    m_secretCommand->setEnabled(auth != QLatin1String("none"));
    m_secret->setPlaceholderText(m_keepsSecret && auth != QLatin1String("none")
                                     ? tr("kept in the keychain; type to replace it")
                                     : tr("stored in the system keychain"));
    const bool gotifyToken = m_serviceFields->service() == PayloadMapper::Preset::Gotify &&
                             auth == QLatin1String("query") && m_queryParameter->text() == QLatin1String("token");
    m_secretLabel->setText(gotifyToken ? tr("Client to&ken:") : tr("&Secret:"));
    m_pollInterval->setEnabled(m_transport->currentData().toString() == QLatin1String("polling"));
    // The Protocol tab offers what this address and transport can speak.
    FeedConfig shape;
    shape.url = QUrl::fromUserInput(m_url->text().trimmed());
    shape.transport =
        FeedConfig::transportFromName(m_transport->currentData().toString()).value_or(FeedConfig::Transport::Auto);
    shape.protocol.name = m_protocolFields->protocolBox()->currentData().toString();
    m_protocolFields->setTransport(shape.effectiveTransport(), shape.transport == FeedConfig::Transport::Auto);
}

void FeedEditor::setTakenNames(const QStringList &names)
{
    m_takenNames = names;
    m_takenNames.removeAll(m_originalName);
    updateNameSuggestion();
}

void FeedEditor::updateNameSuggestion()
{
    const QString address = m_url->text().trimmed();
    m_suggestedName = address.contains(u'.') || address.contains(u':')
                          ? FeedConfig::suggestName(QUrl::fromUserInput(address), m_takenNames)
                          : QString();
    m_name->setPlaceholderText(m_suggestedName.isEmpty() ? m_nameExample : m_suggestedName);
    m_name->setToolTip(m_suggestedName.isEmpty()
                           ? QString()
                           : tr("Left empty, the feed is called “%1” (from its address).").arg(m_suggestedName));
}

void FeedEditor::updateService()
{
    const PayloadMapper::Preset preset =
        PayloadMapper::presetFromName(m_preset->currentData().toString()).value_or(PayloadMapper::Preset::Auto);
    m_serviceFields->setService(preset);
    m_serviceFields->followAddress(QUrl::fromUserInput(m_url->text().trimmed()));
    if (preset == PayloadMapper::Preset::Gotify && m_auth->currentData().toString() == QLatin1String("none")) {
        // gotify takes a client's token as ?token= (or a header of its own, which would be kept in the file).
        m_auth->setCurrentIndex(m_auth->findData(QStringLiteral("query")));
        m_queryParameter->setText(QStringLiteral("token"));
    }
    updateAuthFields();
}

void FeedEditor::setUpFor(PayloadMapper::Preset preset)
{
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(PayloadMapper::presetName(preset))));
    switch (preset) {
    case PayloadMapper::Preset::Ntfy:
        m_nameExample = tr("e.g. alerts");
        m_url->clear();
        m_url->setPlaceholderText(tr("built from the server and the topics"));
        m_serviceFields->serverEdit()->setText(QStringLiteral("https://ntfy.sh"));
        m_serviceFields->topicsEdit()->setFocus();
        return;
    case PayloadMapper::Preset::Gotify:
        m_url->clear();
        m_url->setPlaceholderText(tr("built from the server"));
        m_serviceFields->serverEdit()->setFocus();
        return;
    case PayloadMapper::Preset::Mercure:
        m_url->setText(QStringLiteral("https://"));
        m_url->setPlaceholderText(tr("https://hub.example.org/.well-known/mercure?topic=…"));
        break;
    default:
        break;
    }
    m_url->setFocus();
}

void FeedEditor::load(const FeedConfig &feed)
{
    m_name->setText(feed.name);
    m_url->setText(feed.url.toString());
    m_protocolFields->load(feed);
    m_transport->setCurrentIndex(std::max(0, m_transport->findData(FeedConfig::transportName(feed.transport))));
    m_pollInterval->setValue(feed.pollIntervalSeconds);
    m_preset->setCurrentIndex(std::max(0, m_preset->findData(PayloadMapper::presetName(feed.preset))));
    QStringList headerLines;
    for (const auto &[name, value] : feed.headers) {
        headerLines.append(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value));
    }
    m_headers->setPlainText(headerLines.join(u'\n'));
    m_auth->setCurrentIndex(std::max(0, m_auth->findData(FeedConfig::authName(feed.auth))));
    m_username->setText(feed.username);
    if (!feed.queryParameter.isEmpty()) {
        m_queryParameter->setText(feed.queryParameter);
    }
    m_publishUrl->setText(feed.publishUrl.toString());
    const bool ownProxy =
        !feed.proxy.isEmpty() && feed.proxy != QLatin1String("system") && feed.proxy != QLatin1String("none");
    m_proxyMode->setCurrentIndex(m_proxyMode->findData(ownProxy               ? QStringLiteral("url")
                                                       : feed.proxy.isEmpty() ? QStringLiteral("system")
                                                                              : feed.proxy));
    m_proxy->setText(ownProxy ? feed.proxy : QString());
    m_caFile->setText(feed.tls.caCertificateFile);
    m_pin->setText(feed.tls.certificatePin);
    m_acceptInvalid->setChecked(feed.tls.acceptInvalidCertificates);
    m_clientCertificate->setText(feed.tls.clientCertificateFile);
    if (!feed.tls.clientCertificateFile.isEmpty()) {
        m_clientCertificatePassword->setPlaceholderText(tr("kept in the keychain, if it has one; type to replace it"));
    }
    m_secretCommand->setText(feed.secretCommand);
    m_reconnect->setChecked(feed.reconnect);
    m_reconnectDelay->setValue(feed.reconnectDelaySeconds);
    m_maxReconnectDelay->setValue(feed.maxReconnectDelaySeconds);
    m_idleTimeout->setValue(feed.idleTimeoutSeconds);
    m_includeTypes->setText(feed.rules.includeTypes.join(QStringLiteral(", ")));
    m_excludeTypes->setText(feed.rules.excludeTypes.join(QStringLiteral(", ")));
    m_includePattern->setText(feed.rules.includePattern.pattern());
    m_excludePattern->setText(feed.rules.excludePattern.pattern());
    m_fieldPointer->setText(feed.rules.fieldPointer);
    m_fieldPattern->setText(feed.rules.fieldPattern.pattern());
    m_minPriority->setValue(feed.rules.minPriority);
    m_quiet->setChecked(feed.rules.quietHoursEnabled);
    if (feed.rules.quietHoursEnabled) {
        m_quietFrom->setTime(feed.rules.quietFrom);
        m_quietUntil->setTime(feed.rules.quietUntil);
        m_quietMinPriority->setValue(feed.rules.quietMinPriority);
    }
    m_keepsSecret = m_keepsSecret || !feed.inlineSecret.isEmpty();
}

std::optional<FeedConfig> FeedEditor::feedConfig(QString *problem) const
{
    if (const QString wrong = m_serviceFields->problem(); !wrong.isEmpty()) {
        *problem = wrong;
        return std::nullopt;
    }
    const QString proxyMode = m_proxyMode->currentData().toString();
    if (proxyMode == QLatin1String("url") && m_proxy->text().trimmed().isEmpty()) {
        *problem = tr("the proxy's address is empty: write it on the Network tab, or use the system's settings");
        return std::nullopt;
    }
    // The same checks as for a feed read from the file: one set of rules for what a feed may be.
    // What the form shows replaces what the feed had; the rest (e.g. a JSON-field rule written in the file) stays.
    QJsonObject json = m_base.toJson();
    const QString name = m_name->text().trimmed();
    json.insert(QStringLiteral("name"), name.isEmpty() ? m_suggestedName : name);
    json.insert(QStringLiteral("url"), m_url->text().trimmed());
    json.insert(QStringLiteral("transport"), m_transport->currentData().toString());
    json.insert(QStringLiteral("preset"), m_preset->currentData().toString());
    json.insert(QStringLiteral("pollIntervalSeconds"), m_pollInterval->value());
    json.insert(QStringLiteral("idleTimeoutSeconds"), m_idleTimeout->value());
    json.insert(QStringLiteral("proxy"), proxyMode == QLatin1String("url") ? m_proxy->text().trimmed() : proxyMode);
    json.insert(QStringLiteral("reconnect"),
                QJsonObject{{QStringLiteral("enabled"), m_reconnect->isChecked()},
                            {QStringLiteral("delaySeconds"), m_reconnectDelay->value()},
                            {QStringLiteral("maxDelaySeconds"), m_maxReconnectDelay->value()}});
    json.remove(QStringLiteral("headers")); // the form's lines are added below
    json.remove(QStringLiteral("publishUrl"));
    if (!m_publishUrl->text().trimmed().isEmpty()) {
        json.insert(QStringLiteral("publishUrl"), m_publishUrl->text().trimmed());
    }
    json.remove(QStringLiteral("auth"));
    const QString auth = m_auth->currentData().toString();
    if (auth != QLatin1String("none")) {
        QJsonObject authObject{{QStringLiteral("type"), auth}};
        if (auth == QLatin1String("basic")) {
            authObject.insert(QStringLiteral("username"), m_username->text());
        }
        if (auth == QLatin1String("query")) {
            authObject.insert(QStringLiteral("queryParameter"), m_queryParameter->text().trimmed());
        }
        if (!m_secretCommand->text().trimmed().isEmpty()) {
            authObject.insert(QStringLiteral("secretCommand"), m_secretCommand->text().trimmed());
        }
        json.insert(QStringLiteral("auth"), authObject);
    }
    QJsonObject tls;
    if (!m_clientCertificate->text().trimmed().isEmpty()) {
        tls.insert(QStringLiteral("clientCertificateFile"), m_clientCertificate->text().trimmed());
    }
    if (!m_caFile->text().trimmed().isEmpty()) {
        tls.insert(QStringLiteral("caCertificateFile"), m_caFile->text().trimmed());
    }
    if (!m_pin->text().trimmed().isEmpty()) {
        tls.insert(QStringLiteral("certificatePin"), m_pin->text().trimmed());
    }
    if (m_acceptInvalid->isChecked()) {
        tls.insert(QStringLiteral("acceptInvalidCertificates"), true);
    }
    json.insert(QStringLiteral("tls"), tls);
    Rules rules = m_base.rules;
    rules.includeTypes = commaSeparated(m_includeTypes->text());
    rules.excludeTypes = commaSeparated(m_excludeTypes->text());
    rules.includePattern = QRegularExpression(m_includePattern->text().trimmed());
    rules.excludePattern = QRegularExpression(m_excludePattern->text().trimmed());
    rules.fieldPointer = m_fieldPointer->text().trimmed();
    rules.fieldPattern = QRegularExpression(m_fieldPattern->text().trimmed());
    rules.minPriority = m_minPriority->value();
    rules.quietHoursEnabled = m_quiet->isChecked();
    rules.quietFrom = m_quietFrom->time();
    rules.quietUntil = m_quietUntil->time();
    rules.quietMinPriority = m_quietMinPriority->value();
    json.insert(QStringLiteral("rules"), rulesToJson(rules));
    if (!m_protocolFields->writeTo(json, problem)) {
        return std::nullopt;
    }
    auto feed = FeedConfig::fromJson(json, problem);
    if (!feed) {
        return std::nullopt;
    }
    for (const QString &line : m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            *problem = tr("The header line “%1” needs the form Name: value.").arg(line.trimmed());
            return std::nullopt;
        }
        feed->headers.append({line.left(colon).trimmed().toLatin1(), line.mid(colon + 1).trimmed().toUtf8()});
    }
    return feed;
}

QString FeedEditor::secret() const
{
    return m_secret->text();
}

QString FeedEditor::clientCertificatePassword() const
{
    return m_clientCertificatePassword->text();
}

void FeedEditor::accept()
{
    QString problem;
    const auto feed = feedConfig(&problem);
    if (!feed) {
        m_problem->setText(tr("This feed cannot be saved: %1").arg(problem));
        m_problem->show();
        return;
    }
    if (!feed->secretCommand.isEmpty() && !m_secret->text().isEmpty()) {
        m_problem->setText(tr("Type the secret or name a command that prints it, not both."));
        m_problem->show();
        m_tabs->setCurrentIndex(0);
        m_secretCommand->setFocus();
        return;
    }
    if (feed->auth != FeedConfig::Auth::None && m_secret->text().isEmpty() && feed->secretCommand.isEmpty() &&
        !m_keepsSecret) {
        m_problem->setText(tr("Type the token or password: this feed uses authentication."));
        m_problem->show();
        m_tabs->setCurrentIndex(0);
        m_secret->setFocus();
        return;
    }
    stopTest();
    QDialog::accept();
}

void FeedEditor::stopTest()
{
    delete std::exchange(m_testSecretRun, nullptr);
    if (m_testFeed) {
        // Gone quietly: a test replaced by a new one must not write into the new one's log and status.
        disconnect(m_testFeed.get(), nullptr, this, nullptr);
        m_testFeed.reset();
    }
    if (m_stopButton) {
        m_stopButton->setEnabled(false);
    }
}

void FeedEditor::testConnection()
{
    // Whatever happens to this test, the one before it (of the settings as they were) ends now.
    stopTest();
    QString problem;
    auto feed = feedConfig(&problem);
    if (!feed) {
        m_testState->setText(tr("Cannot test yet: %1").arg(problem));
        return;
    }
    m_inspector->clear();
    m_received.clear();
    updatePreview();
    if (m_secret->text().isEmpty() && !feed->secretCommand.isEmpty() && feed->auth != FeedConfig::Auth::None) {
        m_testState->setText(tr("Running the secret command…"));
        m_testSecretRun = new QObject(this);
        SecretCommand::run(feed->secretCommand, m_testSecretRun,
                           [this, config = *feed](const SecretCommand::Result &result) {
                               m_testSecretRun->deleteLater();
                               m_testSecretRun = nullptr;
                               if (!result.error.isEmpty()) {
                                   m_testState->setText(result.error);
                                   m_inspector->appendPlainText(QStringLiteral("! ") + result.error);
                                   return;
                               }
                               startTest(config, result.secret);
                           });
        return;
    }
    startTest(*feed, m_secret->text());
}

void FeedEditor::startTest(const FeedConfig &feed, const QString &secret)
{
    // A feed without a history: it connects, maps and reports, and stores nothing.
    m_testFeed = std::make_unique<Feed>(feed, nullptr, secret);
    m_testFeed->setClientCertificatePassword(m_clientCertificatePassword->text());
    m_testOpened = false;
    m_stopButton->setEnabled(true);
    connect(m_testFeed.get(), &Feed::stateChanged, this, [this](Feed::State state) {
        // Before it has been open once, it is connecting, not reconnecting.
        const QString text =
            state == Feed::State::Connecting && !m_testOpened ? tr("connecting") : feedStateText(state);
        m_testOpened = m_testOpened || state == Feed::State::Open;
        m_testState->setText(tr("State: %1").arg(text));
        m_inspector->appendPlainText(QStringLiteral("— %1 —").arg(text));
        if (state == Feed::State::Failed || state == Feed::State::Stopped) {
            m_stopButton->setEnabled(false);
        }
    });
    connect(m_testFeed.get(), &Feed::errorOccurred, this, [this](const QString &message) {
        m_inspector->appendPlainText(QStringLiteral("! ") + message);
        m_testState->setText(message);
    });
    connect(m_testFeed.get(), &Feed::payloadReceived, this, [this](const RawPayload &payload) {
        const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        QString line = time;
        if (!payload.eventType.isEmpty()) {
            line += QStringLiteral(" event=") + payload.eventType;
        }
        if (!payload.id.isEmpty()) {
            line += QStringLiteral(" id=") + payload.id;
        }
        line += payload.isBinary ? QStringLiteral(" binary(base64) ") : QStringLiteral(" ");
        m_inspector->appendPlainText(line + payload.text);
        m_received.append(payload);
        while (m_received.size() > kPreviewSize) {
            m_received.removeFirst();
        }
        updatePreview();
    });
    m_testFeed->start();
}

QString FeedEditor::formatName(const QString &format)
{
    if (format == QLatin1String("ntfy")) {
        return tr("ntfy");
    }
    if (format == QLatin1String("gotify")) {
        return tr("gotify");
    }
    if (format == QLatin1String("mercure")) {
        return tr("Mercure");
    }
    if (format == QLatin1String("json")) {
        return tr("JSON");
    }
    return tr("text");
}

void FeedEditor::updatePreview()
{
    m_preview->clear();
    const auto preset = PayloadMapper::presetFromName(m_preset->currentData().toString());
    const PayloadMapper mapper(preset.value_or(PayloadMapper::Preset::Auto));
    for (const RawPayload &payload : std::as_const(m_received)) {
        const auto message = mapper.map(payload);
        auto *item = new QTreeWidgetItem(m_preview);
        if (!message) {
            item->setText(0, tr("(not a notification)"));
            continue;
        }
        item->setText(0, message->title);
        item->setText(1, message->body.simplified());
        item->setText(2, QString::number(message->priority));
        item->setText(3, formatName(message->format));
        if (!message->note.isEmpty()) {
            item->setText(0, message->title + QStringLiteral(" (") + message->note + u')');
        }
    }
}

} // namespace herald::ui
