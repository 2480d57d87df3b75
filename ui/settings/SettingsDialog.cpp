#include "settings/SettingsDialog.h"

#include "AppConfig.h"
#include "FormFields.h"
#include "WindowMemory.h"
#include "platform/Autostart.h"
#include "rules/RulesJson.h"
#include "rules/StormControl.h"
#include "store/HistoryStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTimeEdit>
#include <QVBoxLayout>

namespace herald::ui {

SettingsDialog::SettingsDialog(AppConfig *config, QWidget *parent)
    : QDialog(parent)
    , m_config(config)
    , m_startAtLogin(new QCheckBox(tr("Start Herald when I log &in"), this))
    , m_style(new QComboBox(this))
    , m_sounds(new QCheckBox(tr("Play a &sound with notifications"), this))
    , m_quiet(new QCheckBox(tr("&Quiet hours every day"), this))
    , m_quietFrom(new QTimeEdit(QTime(22, 0), this))
    , m_quietUntil(new QTimeEdit(QTime(7, 0), this))
    , m_quietMinPriority(new PrioritySpinBox(this))
    , m_burstSize(new QSpinBox(this))
    , m_burstRefill(new QDoubleSpinBox(this))
    , m_burstQuiet(new QDoubleSpinBox(this))
    , m_summaryInterval(new QDoubleSpinBox(this))
    , m_maxPerMinute(new QSpinBox(this))
    , m_language(new QComboBox(this))
    , m_keepMessages(new QSpinBox(this))
    , m_keepDays(new QSpinBox(this))
    , m_keepMegabytes(new QSpinBox(this))
    , m_chatName(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Settings"));
    m_quietFrom->setAccessibleName(tr("Quiet from"));
    m_quietUntil->setAccessibleName(tr("Quiet until"));
    m_style->addItem(tr("The desktop's notifications"), QStringLiteral("native"));
    m_style->addItem(tr("Messages from the tray icon"), QStringLiteral("tray"));
    m_language->addItem(tr("As the system"), QStringLiteral("system"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("한국어"), QStringLiteral("ko"));
    m_quietMinPriority->setRange(1, 5);
    m_keepMessages->setRange(0, 10'000'000);
    m_keepMessages->setSpecialValueText(tr("no limit"));
    m_keepMessages->setSingleStep(1000);
    m_keepDays->setRange(0, 36500);
    m_keepDays->setSpecialValueText(tr("no limit"));
    m_keepDays->setSuffix(tr(" days"));
    m_keepMegabytes->setRange(0, 1'000'000);
    m_keepMegabytes->setSpecialValueText(tr("no limit"));
    m_keepMegabytes->setSingleStep(100);
    m_keepMegabytes->setSuffix(tr(" MB"));
    m_burstSize->setRange(0, 50);
    m_burstSize->setSpecialValueText(tr("never summarise"));
    m_burstSize->setToolTip(tr("A feed that sends more than this many messages in quick succession is in a burst: "
                               "what follows is shown as one summary."));
    for (QDoubleSpinBox *seconds : {m_burstRefill, m_burstQuiet, m_summaryInterval}) {
        seconds->setDecimals(1);
        seconds->setSingleStep(0.5);
        seconds->setSuffix(tr(" s"));
    }
    m_burstRefill->setRange(0.1, 600);
    m_burstRefill->setToolTip(tr("Messages that come no faster than this each pop up on their own, at once."));
    m_burstQuiet->setRange(0, 600);
    m_summaryInterval->setRange(1, 3600);
    m_maxPerMinute->setRange(0, 1000);
    m_maxPerMinute->setSpecialValueText(tr("no limit"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    showAsError(m_problem);
    m_problem->hide();

    const QJsonObject s = config->settings();
    m_startAtLogin->setChecked(Autostart::isEnabled());
    m_style->setCurrentIndex(std::max(0, m_style->findData(config->notificationStyle())));
    m_sounds->setChecked(config->soundsEnabled());
    const Rules rules = config->globalRules();
    m_quiet->setChecked(rules.quietHoursEnabled);
    if (rules.quietHoursEnabled) {
        m_quietFrom->setTime(rules.quietFrom);
        m_quietUntil->setTime(rules.quietUntil);
    }
    m_quietMinPriority->setValue(rules.quietHoursEnabled ? rules.quietMinPriority : 5);
    m_language->setCurrentIndex(std::max(0, m_language->findData(config->language())));
    const StormSettings storm = StormSettings::fromJson(s);
    m_burstSize->setValue(storm.burstSize);
    m_burstRefill->setValue(storm.refillMs / 1000.0);
    m_burstQuiet->setValue(storm.quietMs / 1000.0);
    m_summaryInterval->setValue(storm.summaryIntervalMs / 1000.0);
    m_maxPerMinute->setValue(storm.maxPerMinute);
    const QJsonObject retention = s.value(QStringLiteral("retention")).toObject();
    m_keepMessages->setValue(retention.value(QStringLiteral("maxMessages")).toInt(HistoryStore::kDefaultMaxMessages));
    m_keepDays->setValue(retention.value(QStringLiteral("maxAgeDays")).toInt(HistoryStore::kDefaultMaxAgeDays));
    m_keepMegabytes->setValue(
        retention.value(QStringLiteral("maxMegabytes")).toInt(HistoryStore::kDefaultMaxMegabytes));
    m_chatName->setText(s.value(QStringLiteral("chatName")).toString(qEnvironmentVariable("USER")));
    m_chatName->setPlaceholderText(tr("how others see you in chat rooms"));

    auto *quietRow = new QHBoxLayout;
    quietRow->addWidget(m_quiet);
    quietRow->addWidget(new QLabel(tr("from"), this));
    quietRow->addWidget(m_quietFrom);
    quietRow->addWidget(new QLabel(tr("until"), this));
    quietRow->addWidget(m_quietUntil);
    quietRow->addStretch(1);
    auto *form = new QFormLayout;
    form->addRow(m_startAtLogin);
    form->addRow(tr("&Notifications:"), m_style);
    form->addRow(m_sounds);
    form->addRow(quietRow);
    form->addRow(tr("During quiet hours, notify from priority:"), m_quietMinPriority);
    auto *bursts = new QGroupBox(tr("Bursts"), this);
    auto *burstForm = new QFormLayout(bursts);
    burstForm->addRow(tr("Summarise a &burst after this many popups in a row:"), m_burstSize);
    burstForm->addRow(tr("Pop up one by one while messages come at most one every:"), m_burstRefill);
    burstForm->addRow(tr("Show the summary once the feed is quiet for:"), m_burstQuiet);
    burstForm->addRow(tr("Update a long burst's summary every:"), m_summaryInterval);
    burstForm->addRow(tr("Popups a minute, from all feeds, at most:"), m_maxPerMinute);
    // One column of fields of one width, however long each one's suffix ("s", "per minute") is.
    const QList<QAbstractSpinBox *> numbers{m_burstSize,       m_burstRefill,   m_burstQuiet,
                                            m_summaryInterval, m_maxPerMinute,  m_keepMessages,
                                            m_keepDays,        m_keepMegabytes, m_quietMinPriority};
    int numberWidth = 0;
    for (const QAbstractSpinBox *number : numbers) {
        numberWidth = std::max(numberWidth, number->sizeHint().width());
    }
    for (QAbstractSpinBox *number : numbers) {
        number->setFixedWidth(numberWidth);
    }
    const auto burstsOn = [this] {
        const bool on = m_burstSize->value() > 0;
        m_burstRefill->setEnabled(on);
        m_burstQuiet->setEnabled(on);
        m_summaryInterval->setEnabled(on);
    };
    connect(m_burstSize, &QSpinBox::valueChanged, this, burstsOn);
    burstsOn();
    const auto quietOn = [this] {
        for (QWidget *field : std::initializer_list<QWidget *>{m_quietFrom, m_quietUntil, m_quietMinPriority}) {
            field->setEnabled(m_quiet->isChecked());
        }
    };
    connect(m_quiet, &QCheckBox::toggled, this, quietOn);
    quietOn();
    form->addRow(bursts);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("Keep at most (messages):"), m_keepMessages);
    form->addRow(tr("Keep for at most:"), m_keepDays);
    form->addRow(tr("Keep on disk at most:"), m_keepMegabytes);
    form->addRow(tr("Your name in &chats:"), m_chatName);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    tidyFormFields(this);
    WindowMemory::track(this, QStringLiteral("settings"), sizeHint().expandedTo(QSize(480, 0)));
}

QJsonObject SettingsDialog::settings() const
{
    QJsonObject s = m_config->settings();
    s.insert(QStringLiteral("notificationStyle"), m_style->currentData().toString());
    s.insert(QStringLiteral("sounds"), m_sounds->isChecked());
    s.insert(QStringLiteral("language"), m_language->currentData().toString());
    s.insert(QStringLiteral("retention"), QJsonObject{{QStringLiteral("maxMessages"), m_keepMessages->value()},
                                                      {QStringLiteral("maxAgeDays"), m_keepDays->value()},
                                                      {QStringLiteral("maxMegabytes"), m_keepMegabytes->value()}});
    s.insert(QStringLiteral("chatName"), m_chatName->text().trimmed());
    StormSettings storm;
    storm.burstSize = m_burstSize->value();
    storm.refillMs = int(m_burstRefill->value() * 1000);
    storm.quietMs = int(m_burstQuiet->value() * 1000);
    storm.summaryIntervalMs = int(m_summaryInterval->value() * 1000);
    storm.maxPerMinute = m_maxPerMinute->value();
    storm.toJson(s);
    Rules rules = m_config->globalRules();
    rules.quietHoursEnabled = m_quiet->isChecked();
    rules.quietFrom = m_quietFrom->time();
    rules.quietUntil = m_quietUntil->time();
    rules.quietMinPriority = m_quietMinPriority->value();
    s.insert(QStringLiteral("rules"), rulesToJson(rules));
    return s;
}

void SettingsDialog::accept()
{
    QString error;
    if (m_startAtLogin->isChecked() != Autostart::isEnabled() &&
        !Autostart::setEnabled(m_startAtLogin->isChecked(), &error)) {
        m_problem->setText(tr("Could not change starting at login: %1").arg(error));
        m_problem->show();
        return;
    }
    if (!m_config->setSettings(settings(), &error)) {
        m_problem->setText(error);
        m_problem->show();
        return;
    }
    QDialog::accept();
}

} // namespace herald::ui
