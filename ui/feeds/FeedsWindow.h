#pragma once

#include "feed/Feed.h"
#include "message/PayloadMapper.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace herald {
class FeedManager;
class SecretStore;
} // namespace herald

namespace herald::ui {

class AppConfig;
class FeedEditor;

// The feeds: each with its live state and last error; add, edit, enable or disable, remove.
class FeedsWindow final : public QWidget
{
    Q_OBJECT

public:
    FeedsWindow(AppConfig *config, FeedManager *feeds, SecretStore *secrets, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    // Opens the editor for a new feed (or the named one); returns it so tests can fill it in.
    FeedEditor *openEditor(const QString &name = {});
    // A new feed's editor, set up for this kind of server.
    FeedEditor *openEditorFor(PayloadMapper::Preset preset);
    QString stateText(const QString &feed) const;
    // Feeds that run but are not in the config file (the demo's): listed, not editable.
    void setBuiltInFeeds(const QList<FeedConfig> &feeds);

public Q_SLOTS:
    void reload();

private:
    QString errorText(const QString &name) const;
    void updateRetry();
    void save(FeedEditor *editor);
    void removeSelected();
    void toggleSelected();
    QString selectedName() const;
    void report(const QString &message, bool error);

    AppConfig *m_config;
    QList<FeedConfig> m_builtIn;
    FeedManager *m_feeds;
    SecretStore *m_secrets;
    QTreeWidget *m_list;
    QLabel *m_message;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_toggle;
    QPushButton *m_retry;
};

} // namespace herald::ui
