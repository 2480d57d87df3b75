#pragma once

#include <QString>

namespace herald::test {

// The Secret Service that scripts/run-tests.sh starts (gnome-keyring-daemon, unlocked, with a throwaway home) on
// its private D-Bus session, for the whole run. Tests never start or use a keychain anywhere else.
class PrivateKeyring final
{
public:
    // False with error() when there is none to use.
    bool available();
    QString error() const { return m_error; }
    // True when there is none because the bus is not the private one: a reason to skip, not to fail.
    bool notOnPrivateBus() const { return m_notOnPrivateBus; }

private:
    QString m_error;
    bool m_notOnPrivateBus = false;
};

} // namespace herald::test
