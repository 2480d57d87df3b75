#pragma once

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimeEdit;

namespace herald::ui {

class AppConfig;

// Start at login, notification style, sounds, how bursts are summarised, default quiet hours, language, history
// retention, chat name.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(AppConfig *config, QWidget *parent = nullptr);

    // The settings as the form shows them, merged into what the file had.
    QJsonObject settings() const;

public Q_SLOTS:
    void accept() override;

private:
    AppConfig *m_config;
    QCheckBox *m_startAtLogin;
    QComboBox *m_style;
    QCheckBox *m_sounds;
    QCheckBox *m_quiet;
    QTimeEdit *m_quietFrom;
    QTimeEdit *m_quietUntil;
    QSpinBox *m_quietMinPriority;
    QSpinBox *m_burstSize;
    QDoubleSpinBox *m_burstRefill;
    QDoubleSpinBox *m_burstQuiet;
    QDoubleSpinBox *m_summaryInterval;
    QSpinBox *m_maxPerMinute;
    QComboBox *m_language;
    QSpinBox *m_keepMessages;
    QSpinBox *m_keepDays;
    QSpinBox *m_keepMegabytes;
    QLineEdit *m_chatName;
    QLabel *m_problem;
};

} // namespace herald::ui
