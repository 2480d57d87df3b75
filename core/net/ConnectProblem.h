#pragma once

namespace herald {

// Why an attempt to connect failed before the server answered, as far as it tells a person's mistake from a server
// that is away: a command line stops at once on the first, and retries the second.
enum class ConnectProblem {
    None,
    Other,              // refused, timed out, reset: the server may be starting or away
    HostNotFound,       // the name does not resolve
    TlsHandshake,       // https/wss, and the TLS handshake failed (a plain-HTTP port says "wrong version number")
    ClosedBeforeAnswer, // the connection closed before any answer (a TLS port given plain HTTP, an h2c-only server)
};

} // namespace herald
