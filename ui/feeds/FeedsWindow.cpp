#include "feeds/FeedsWindow.h"

#include "AppConfig.h"
#include "FormFields.h"
#include "WindowMemory.h"
#include "feed/FeedManager.h"
#include "feeds/FeedEditor.h"
#include "feeds/FeedStateText.h"
#include "store/SecretStore.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace herald::ui {

namespace {

enum Column { NameColumn, AddressColumn, ProtocolColumn, StateColumn, ErrorColumn };

} // namespace

FeedsWindow::FeedsWindow(AppConfig *config, FeedManager *feeds, SecretStore *secrets, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_config(config)
    , m_feeds(feeds)
    , m_secrets(secrets)
    , m_list(new QTreeWidget(this))
    , m_message(new QLabel(this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_toggle(new QPushButton(tr("&Disable"), this))
    , m_retry(new QPushButton(tr("Re&try now"), this))
{
    setWindowTitle(tr("Feeds"));
    m_list->setHeaderLabels({tr("Name"), tr("Address"), tr("Protocol"), tr("State"), tr("Last error")});
    m_list->setRootIsDecorated(false);
    m_list->setAccessibleName(tr("Feeds"));
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(NameColumn, 140);
    m_list->setColumnWidth(AddressColumn, 240);
    m_list->setColumnWidth(ProtocolColumn, 100);
    m_list->setColumnWidth(StateColumn, 110);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    auto *add = new QPushButton(tr("&Add…"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_toggle);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_retry);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] { openEditor(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { openEditor(selectedName()); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { openEditor(selectedName()); });
    connect(m_remove, &QPushButton::clicked, this, &FeedsWindow::removeSelected);
    connect(m_toggle, &QPushButton::clicked, this, &FeedsWindow::toggleSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] {
        const auto feed = m_config->feed(selectedName());
        m_edit->setEnabled(feed.has_value());
        m_remove->setEnabled(feed.has_value());
        m_toggle->setEnabled(feed.has_value());
        m_toggle->setText(feed && !feed->enabled ? tr("&Enable") : tr("&Disable"));
        for (QPushButton *button : {m_edit, m_remove, m_toggle}) {
            button->setToolTip(feed || selectedName().isEmpty()
                                   ? QString()
                                   : tr("A demo feed: it runs while Herald runs with --demo, and is not saved"));
        }
        updateRetry();
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_feeds) {
            m_feeds->retry(selectedName());
        }
    });
    connect(m_config, &AppConfig::feedsChanged, this, &FeedsWindow::reload);
    if (m_feeds) {
        connect(m_feeds, &FeedManager::feedStateChanged, this, [this](const QString &feed) {
            for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
                QTreeWidgetItem *item = m_list->topLevelItem(i);
                if (item->text(NameColumn) == feed) {
                    item->setText(StateColumn, stateText(feed));
                    item->setText(ErrorColumn, errorText(feed));
                }
            }
            updateRetry();
        });
    }
    WindowMemory::track(this, QStringLiteral("feeds"), QSize(820, 420));
    reload();
}

QString FeedsWindow::stateText(const QString &name) const
{
    const auto config = m_config->feed(name);
    if (config && !config->enabled) {
        return tr("disabled");
    }
    Feed *feed = m_feeds ? m_feeds->feed(name) : nullptr;
    if (!feed) {
        return tr("not running");
    }
    return feedStateText(feed->state());
}

void FeedsWindow::setBuiltInFeeds(const QList<FeedConfig> &feeds)
{
    m_builtIn = feeds;
    reload();
}

void FeedsWindow::reload()
{
    const QString selected = selectedName();
    m_list->clear();
    for (const FeedConfig &feed : m_config->feeds() + m_builtIn) {
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, feed.name);
        if (!m_config->feed(feed.name)) {
            QFont italic = item->font(NameColumn);
            italic.setItalic(true);
            item->setFont(NameColumn, italic);
            item->setToolTip(NameColumn, tr("Built in (the demo): not saved, not editable"));
        }
        item->setText(AddressColumn, feed.url.toDisplayString(QUrl::RemoveUserInfo));
        // What the endpoint speaks when it is a protocol of its own (mqtt, socketio: WebSocket is implied), else the
        // transport.
        const bool ownProtocol = !feed.protocol.name.isEmpty() && feed.protocol.name != QLatin1String("plain");
        item->setText(ProtocolColumn,
                      ownProtocol ? feed.protocol.name : FeedConfig::transportName(feed.effectiveTransport()));
        item->setText(StateColumn, stateText(feed.name));
        item->setText(ErrorColumn, errorText(feed.name));
        if (!feed.enabled) {
            // Greyed as the platform greys what is off, still selectable (to enable it again).
            const QBrush grey = palette().brush(QPalette::Disabled, QPalette::Text);
            for (int column = 0; column < m_list->columnCount(); ++column) {
                item->setForeground(column, grey);
            }
        }
        if (feed.name == selected) {
            m_list->setCurrentItem(item);
        }
    }
    if (m_list->topLevelItemCount() > 0 && !m_list->currentItem()) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
    Q_EMIT m_list->itemSelectionChanged();
    const QStringList problems = m_config->problems();
    if (!problems.isEmpty()) {
        report(problems.join(u'\n'), true);
    } else if (m_config->feeds().isEmpty() && !m_builtIn.isEmpty()) {
        report(tr("The feeds in italics are the demo's: they run while Herald runs with --demo, and are not saved or "
                  "editable. Add your own: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure."),
               false);
    } else if (m_config->feeds().isEmpty()) {
        report(tr("No feeds yet. Add one: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure."),
               false);
    } else {
        report(tr("Feeds are saved in %1").arg(m_config->path()), false);
    }
}

QString FeedsWindow::errorText(const QString &name) const
{
    // What went wrong last, while it still matters: a feed that is open again has no error.
    const Feed *running = m_feeds ? m_feeds->feed(name) : nullptr;
    return running && running->state() != Feed::State::Open ? running->lastError() : QString();
}

void FeedsWindow::updateRetry()
{
    const Feed *running = m_feeds ? m_feeds->feed(selectedName()) : nullptr;
    m_retry->setEnabled(running &&
                        (running->state() == Feed::State::Failed || running->state() == Feed::State::Connecting));
}

void FeedsWindow::report(const QString &message, bool error)
{
    m_message->setText(message);
    showAsError(m_message, error);
}

QString FeedsWindow::selectedName() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->text(NameColumn) : QString();
}

FeedEditor *FeedsWindow::openEditorFor(PayloadMapper::Preset preset)
{
    FeedEditor *editor = openEditor();
    editor->setUpFor(preset);
    return editor;
}

FeedEditor *FeedsWindow::openEditor(const QString &name)
{
    const auto existing = name.isEmpty() ? std::nullopt : m_config->feed(name);
    const bool hasSecret = existing && existing->auth != FeedConfig::Auth::None;
    auto *editor = new FeedEditor(existing, hasSecret, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    QStringList names;
    for (const FeedConfig &feed : m_config->feeds()) {
        names.append(feed.name);
    }
    editor->setTakenNames(names);
    connect(editor, &QDialog::accepted, this, [this, editor] { save(editor); });
    editor->open();
    return editor;
}

void FeedsWindow::save(FeedEditor *editor)
{
    QString problem;
    auto feed = editor->feedConfig(&problem);
    if (!feed) {
        report(problem, true);
        return;
    }
    const QString oldName = editor->originalName();
    if (const auto previous = m_config->feed(oldName)) {
        feed->enabled = previous->enabled;
        feed->muted = previous->muted;
        if (editor->secret().isEmpty()) {
            feed->inlineSecret = previous->inlineSecret;
        }
    }
    const QString secret = editor->secret();
    const QString certificatePassword = editor->clientCertificatePassword();
    if (m_secrets && !certificatePassword.isEmpty() && !feed->tls.clientCertificateFile.isEmpty()) {
        m_secrets->write(feed->secretKey() + QStringLiteral("/client-certificate"), certificatePassword,
                         [this](const SecretStore::Result &result) {
                             if (result.error != SecretStore::Error::NoError) {
                                 report(tr("The certificate password was not kept: %1").arg(result.message), true);
                             }
                         });
    }
    auto commit = [this, oldName](const FeedConfig &config) {
        QString error;
        if (!m_config->replaceFeed(oldName, config, &error)) {
            report(error, true);
            return;
        }
        report(tr("Saved “%1”.").arg(config.name), false);
    };
    if (secret.isEmpty() || feed->auth == FeedConfig::Auth::None || !m_secrets) {
        commit(*feed);
        return;
    }
    const FeedConfig config = *feed;
    m_secrets->write(config.secretKey(), secret, [this, config, secret, commit](const SecretStore::Result &result) {
        if (result.error == SecretStore::Error::NoError) {
            commit(config);
            return;
        }
        if (result.error != SecretStore::Error::NoKeychain) {
            report(result.message, true);
            return;
        }
        const auto answer = QMessageBox::warning(
            this, tr("No keychain"),
            tr("No keychain service runs here, so the secret cannot be kept safely. Keep it in the config file, "
               "readable by anyone who can read %1?")
                .arg(m_config->path()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer == QMessageBox::Yes) {
            FeedConfig inFile = config;
            inFile.inlineSecret = secret;
            commit(inFile);
        } else {
            report(tr("Not saved: the secret has nowhere safe to go."), true);
        }
    });
}

void FeedsWindow::removeSelected()
{
    const QString name = selectedName();
    const auto feed = m_config->feed(name);
    if (!feed) {
        return;
    }
    if (QMessageBox::question(this, tr("Remove feed"),
                              tr("Remove “%1”? Its messages stay in the history.").arg(name)) != QMessageBox::Yes) {
        return;
    }
    QString error;
    if (!m_config->removeFeed(name, &error)) {
        report(error, true);
        return;
    }
    if (m_secrets && feed->auth != FeedConfig::Auth::None) {
        m_secrets->remove(feed->secretKey(), [](const SecretStore::Result &) {});
    }
}

void FeedsWindow::toggleSelected()
{
    auto feed = m_config->feed(selectedName());
    if (!feed) {
        return;
    }
    const QString name = feed->name;
    feed->enabled = !feed->enabled;
    QString error;
    if (!m_config->replaceFeed(name, *feed, &error)) {
        report(error, true);
    }
}

} // namespace herald::ui
