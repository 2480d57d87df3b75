#pragma once
// What every libFuzzer target shares: a protocol link that records nothing, and a Qt application object for the code
// that wants one. The targets check that no input crashes, hangs, leaks or breaks an invariant (ASan and UBSan
// abort on the first fault); the invariants each one checks are in its own file.

#include "protocol/MessageProtocol.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

namespace herald::fuzz {

struct NullLink final : protocol::ProtocolLink
{
    int failures = 0;
    void sendText(const QString &) override {}
    void sendBinary(const QByteArray &) override {}
    void protocolFailed(const QString &message, bool) override
    {
        if (message.isEmpty()) {
            std::abort(); // every failure says why
        }
        ++failures;
    }
    void protocolCompleted(const QString &) override {}
};

inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "herald-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    Q_UNUSED(app);
}

inline void check(bool condition)
{
    if (!condition) {
        std::abort();
    }
}

} // namespace herald::fuzz

#define HERALD_FUZZ_TARGET extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#define HERALD_FUZZ_BYTES QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size))
