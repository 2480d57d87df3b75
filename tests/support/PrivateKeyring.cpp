#include "PrivateKeyring.h"

namespace herald::test {

bool PrivateKeyring::available()
{
    if (qEnvironmentVariable("HERALD_PRIVATE_SESSION_BUS") != QLatin1String("1")) {
        m_notOnPrivateBus = true;
        m_error = QStringLiteral("needs the private D-Bus session of scripts/run-tests.sh (make test), so that no "
                                 "real keychain is used");
        return false;
    }
    if (qEnvironmentVariable("HERALD_TEST_KEYRING") != QLatin1String("1")) {
        m_error = QStringLiteral("scripts/run-tests.sh could not start gnome-keyring-daemon; scripts/install-deps.sh "
                                 "--test installs it");
        return false;
    }
    return true;
}

} // namespace herald::test
