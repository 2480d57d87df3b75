// The least any client can take in the Node-ratio benchmarks: connect, ask for the stream (a WebSocket handshake or
// an SSE GET), read its bytes, and write as many bytes to stdout as herald writes, with no decoding, no escaping, no
// Qt. Timed as `pipe_floor … | grep -c .`, as herald is. A measuring stick, not a client: it reads what the server
// sends until it has the stream's size, and checks nothing else.
//
//   pipe_floor ws|sse PORT PATH IN_BYTES OUT_BYTES
#include <arpa/inet.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

bool writeAll(const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t written = ::write(1, data, size);
        if (written <= 0) {
            return false;
        }
        data += written;
        size -= size_t(written);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 6) {
        std::fputs("usage: pipe_floor ws|sse PORT PATH IN_BYTES OUT_BYTES\n", stderr);
        return 2;
    }
    const bool webSocket = std::strcmp(argv[1], "ws") == 0;
    const int port = std::atoi(argv[2]);
    const std::string path = argv[3];
    const long long inBytes = std::atoll(argv[4]);
    const long long outBytes = std::atoll(argv[5]);
    if (port <= 0 || port > 65535 || inBytes <= 0 || outBytes < 0) {
        std::fputs("pipe_floor: bad port or sizes\n", stderr);
        return 2;
    }
#ifdef F_SETPIPE_SZ
    ::fcntl(1, F_SETPIPE_SZ, 1 << 20); // as herald's ConsoleOutput does
#endif
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (socket < 0 || ::connect(socket, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        std::perror("pipe_floor: connect");
        return 1;
    }
    const std::string request =
        webSocket ? "GET " + path +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                  : "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
    if (::write(socket, request.data(), request.size()) != ssize_t(request.size())) {
        std::perror("pipe_floor: write");
        return 1;
    }
    // What goes out: text lines of herald's length, as much per byte read as herald writes per byte read.
    std::vector<char> text(2u << 20);
    for (size_t i = 0; i < text.size(); ++i) {
        text[i] = i % 153 == 152 ? '\n' : 'a';
    }
    std::vector<char> buffer(1u << 20);
    long long read = 0;
    long long written = 0;
    bool inBody = false;
    std::string head;
    while (read < inBytes) {
        const ssize_t got = ::read(socket, buffer.data(), buffer.size());
        if (got <= 0) {
            std::fputs("pipe_floor: the server closed before the stream's end\n", stderr);
            return 1;
        }
        size_t body = size_t(got);
        if (!inBody) {
            // The response's head is not part of the stream.
            head.append(buffer.data(), size_t(got));
            const size_t end = head.find("\r\n\r\n");
            if (end == std::string::npos) {
                continue;
            }
            inBody = true;
            body = head.size() - (end + 4);
        }
        read += static_cast<long long>(body);
        const long long owed = std::min(read, inBytes) * outBytes / inBytes - written;
        for (long long left = owed; left > 0;) {
            const size_t piece = size_t(std::min<long long>(left, 1 << 20));
            if (!writeAll(text.data(), piece)) {
                return 1;
            }
            left -= static_cast<long long>(piece);
        }
        written += owed;
    }
    return 0;
}
