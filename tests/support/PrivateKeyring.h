#pragma once

#include <QString>
#include <QTemporaryDir>

namespace herald::test {

// A Secret Service (gnome-keyring-daemon, unlocked, with a throwaway home) on the private D-Bus session that
// scripts/run-tests.sh creates. Refuses to start anywhere else, so that no test ever touches a real keychain.
class PrivateKeyring final
{
public:
    // False with error() when not on the private bus or when gnome-keyring is missing.
    bool start();
    QString error() const { return m_error; }
    // True when start() said no because the bus is not the private one (a skip, not a failure).
    bool notOnPrivateBus() const { return m_notOnPrivateBus; }

private:
    QTemporaryDir m_home;
    QString m_error;
    bool m_notOnPrivateBus = false;
};

} // namespace herald::test
