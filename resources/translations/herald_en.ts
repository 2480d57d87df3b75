<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Autostart</name>
    <message>
        <source>Windows refused to change %1</source>
        <translation>Windows refused to change %1</translation>
    </message>
    <message>
        <source>Could not remove %1</source>
        <translation>Could not remove %1</translation>
    </message>
</context>
<context>
    <name>FeedState</name>
    <message>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnecting</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>Do not disturb</source>
        <translation>Do not disturb</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>For 1 hour</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Until tomorrow</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>&amp;Pause all feeds</source>
        <translation>&amp;Pause all feeds</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <comment>do not disturb until tomorrow 08:00</comment>
        <translation>tomorrow %1</translation>
    </message>
    <message>
        <source>Do not disturb (until %1)</source>
        <translation>Do not disturb (until %1)</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
</context>
<context>
    <name>herald::ui::AppConfig</name>
    <message>
        <source>A feed named &quot;%1&quot; exists already; choose another name.</source>
        <translation>A feed named &quot;%1&quot; exists already; choose another name.</translation>
    </message>
    <message>
        <source>%1 has errors and is kept as it is; fix it, and Herald reads it again by itself.</source>
        <translation>%1 has errors and is kept as it is; fix it, and Herald reads it again by itself.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ChatBubbleDelegate</name>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Waiting for the connection — sent as soon as it is back</source>
        <translation>Waiting for the connection — sent as soon as it is back</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>New messages</translation>
    </message>
</context>
<context>
    <name>herald::ui::ChatWindow</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Send</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>Write a message — Enter sends, Shift+Enter starts a new line</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>No conversation: add a WebSocket feed, or give a feed a publish URL.</source>
        <translation>No conversation: add a WebSocket feed, or give a feed a publish URL.</translation>
    </message>
    <message>
        <source>Not running (the feed is disabled)</source>
        <translation>Not running (the feed is disabled)</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>Reconnecting in %n s</numerusform>
            <numerusform>Reconnecting in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copy text</translation>
    </message>
    <message>
        <source>Show raw payload</source>
        <translation>Show raw payload</translation>
    </message>
    <message>
        <source>Raw payload</source>
        <translation>Raw payload</translation>
    </message>
    <message>
        <source>Paused: messages you send wait until you resume the feeds</source>
        <translation>Paused: messages you send wait until you resume the feeds</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Write a message</translation>
    </message>
</context>
<context>
    <name>herald::ui::DesktopApp</name>
    <message>
        <source>the demo server could not listen on 127.0.0.1:%1: %2</source>
        <translation>the demo server could not listen on 127.0.0.1:%1: %2</translation>
    </message>
    <message>
        <source>No system tray is available on this desktop (some Wayland desktops and GNOME without the AppIndicator extension have none), so Herald runs in this window. Notifications still pop up; closing this window quits Herald.</source>
        <translation>No system tray is available on this desktop (some Wayland desktops and GNOME without the AppIndicator extension have none), so Herald runs in this window. Notifications still pop up; closing this window quits Herald.</translation>
    </message>
    <message>
        <source>No browser opened the link</source>
        <translation>No browser opened the link</translation>
    </message>
    <message>
        <source>%1 is copied to the clipboard: paste it into a browser. Set a default browser (xdg-settings set default-web-browser) to open links directly.</source>
        <translation>%1 is copied to the clipboard: paste it into a browser. Set a default browser (xdg-settings set default-web-browser) to open links directly.</translation>
    </message>
    <message>
        <source>History started anew</source>
        <translation>History started anew</translation>
    </message>
    <message>
        <source>%1 could not be read, so Herald moved it to %2 and keeps a new history.</source>
        <translation>%1 could not be read, so Herald moved it to %2 and keeps a new history.</translation>
    </message>
    <message>
        <source>Send a request for %1?</source>
        <translation>Send a request for %1?</translation>
    </message>
    <message>
        <source>The button “%1” of %2 sends

%3 %4

to %5. Herald asks once for each feed and host; send it?</source>
        <translation>The button “%1” of %2 sends

%3 %4

to %5. Herald asks once for each feed and host; send it?</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Don&apos;t send</translation>
    </message>
</context>
<context>
    <name>herald::ui::FeedEditor</name>
    <message>
        <source>Edit feed “%1”</source>
        <translation>Edit feed “%1”</translation>
    </message>
    <message>
        <source>Add a feed</source>
        <translation>Add a feed</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>&amp;Connection</translation>
    </message>
    <message>
        <source>&amp;Test and preview</source>
        <translation>&amp;Test and preview</translation>
    </message>
    <message>
        <source>e.g. CI builds</source>
        <translation>e.g. CI builds</translation>
    </message>
    <message>
        <source>https://ntfy.sh/mytopic/sse or wss://example.org/socket</source>
        <translation>https://ntfy.sh/mytopic/sse or wss://example.org/socket</translation>
    </message>
    <message>
        <source>From the address (ws: WebSocket, http: SSE)</source>
        <translation>From the address (ws: WebSocket, http: SSE)</translation>
    </message>
    <message>
        <source>Server-Sent Events</source>
        <translation>Server-Sent Events</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>JSON lines over HTTP</source>
        <translation>JSON lines over HTTP</translation>
    </message>
    <message>
        <source>HTTP polling</source>
        <translation>HTTP polling</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation>Raw text</translation>
    </message>
    <message>
        <source>JSON (title, message, priority…)</source>
        <translation>JSON (title, message, priority…)</translation>
    </message>
    <message>
        <source>ntfy</source>
        <translation>ntfy</translation>
    </message>
    <message>
        <source>gotify</source>
        <translation>gotify</translation>
    </message>
    <message>
        <source>Mercure</source>
        <translation>Mercure</translation>
    </message>
    <message>
        <source>One per line: Name: value</source>
        <translation>One per line: Name: value</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer token</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>User name and password</translation>
    </message>
    <message>
        <source>Token in the address</source>
        <translation>Token in the address</translation>
    </message>
    <message>
        <source>optional: where chat messages are POSTed (SSE feeds)</source>
        <translation>optional: where chat messages are POSTed (SSE feeds)</translation>
    </message>
    <message>
        <source>optional PEM file of certificates to trust</source>
        <translation>optional PEM file of certificates to trust</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificates (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <source>optional SHA-256 of the server certificate</source>
        <translation>optional SHA-256 of the server certificate</translation>
    </message>
    <message>
        <source>Accept invalid certificates (unsafe)</source>
        <translation>Accept invalid certificates (unsafe)</translation>
    </message>
    <message>
        <source>Accept invalid certificates — anyone on the way can read and change this feed</source>
        <translation>Accept invalid certificates — anyone on the way can read and change this feed</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>Poll &amp;every:</source>
        <translation>Poll &amp;every:</translation>
    </message>
    <message>
        <source>Pa&amp;yload format:</source>
        <translation>Pa&amp;yload format:</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>&amp;Headers:</translation>
    </message>
    <message>
        <source>A&amp;uthentication:</source>
        <translation>A&amp;uthentication:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <source>Parameter:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>&amp;Secret:</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>Pro&amp;xy:</translation>
    </message>
    <message>
        <source>CA certificates:</source>
        <translation>CA certificates:</translation>
    </message>
    <message>
        <source>Certificate pin:</source>
        <translation>Certificate pin:</translation>
    </message>
    <message>
        <source>all; or e.g. message, deploy</source>
        <translation>all; or e.g. message, deploy</translation>
    </message>
    <message>
        <source>a regular expression on title and body</source>
        <translation>a regular expression on title and body</translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation>&amp;Quiet hours</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>until</source>
        <translation>until</translation>
    </message>
    <message>
        <source>Messages that do not pass still go to the history; they only do not pop up.</source>
        <translation>Messages that do not pass still go to the history; they only do not pop up.</translation>
    </message>
    <message>
        <source>Only &amp;event types:</source>
        <translation>Only &amp;event types:</translation>
    </message>
    <message>
        <source>&amp;Never event types:</source>
        <translation>&amp;Never event types:</translation>
    </message>
    <message>
        <source>Only &amp;matching:</source>
        <translation>Only &amp;matching:</translation>
    </message>
    <message>
        <source>Minimum &amp;priority:</source>
        <translation>Minimum &amp;priority:</translation>
    </message>
    <message>
        <source>During quiet hours, at least:</source>
        <translation>During quiet hours, at least:</translation>
    </message>
    <message>
        <source>Connects with the settings as they stand, without saving.</source>
        <translation>Connects with the settings as they stand, without saving.</translation>
    </message>
    <message>
        <source>Raw events and frames appear here as they arrive.</source>
        <translation>Raw events and frames appear here as they arrive.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>As notifications, with the payload format chosen:</source>
        <translation>As notifications, with the payload format chosen:</translation>
    </message>
    <message>
        <source>kept in the keychain; type to replace it</source>
        <translation>kept in the keychain; type to replace it</translation>
    </message>
    <message>
        <source>stored in the system keychain</source>
        <translation>stored in the system keychain</translation>
    </message>
    <message>
        <source>The header line “%1” needs the form Name: value.</source>
        <translation>The header line “%1” needs the form Name: value.</translation>
    </message>
    <message>
        <source>This feed cannot be saved: %1</source>
        <translation>This feed cannot be saved: %1</translation>
    </message>
    <message>
        <source>Type the token or password: this feed uses authentication.</source>
        <translation>Type the token or password: this feed uses authentication.</translation>
    </message>
    <message>
        <source>Cannot test yet: %1</source>
        <translation>Cannot test yet: %1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <source>(not a notification)</source>
        <translation>(not a notification)</translation>
    </message>
    <message>
        <source>optional, instead: a command that prints it, e.g. pass show herald/ntfy</source>
        <translation>optional, instead: a command that prints it, e.g. pass show herald/ntfy</translation>
    </message>
    <message>
        <source>Secret co&amp;mmand:</source>
        <translation>Secret co&amp;mmand:</translation>
    </message>
    <message>
        <source>optional PKCS#12 file (.p12, .pfx) to prove who you are</source>
        <translation>optional PKCS#12 file (.p12, .pfx) to prove who you are</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>Client certificate</translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx);;All files (*)</source>
        <translation>PKCS#12 files (*.p12 *.pfx);;All files (*)</translation>
    </message>
    <message>
        <source>its password, if it has one (kept in the keychain)</source>
        <translation>its password, if it has one (kept in the keychain)</translation>
    </message>
    <message>
        <source>first after</source>
        <translation>first after</translation>
    </message>
    <message>
        <source>then doubling up to</source>
        <translation>then doubling up to</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>A stream silent for this long is taken as dead and reconnected (SSE and JSON lines; WebSocket feeds ping instead).</source>
        <translation>A stream silent for this long is taken as dead and reconnected (SSE and JSON lines; WebSocket feeds ping instead).</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>Client certificate:</translation>
    </message>
    <message>
        <source>Certificate password:</source>
        <translation>Certificate password:</translation>
    </message>
    <message>
        <source>of silence and a stream counts as dead (SSE, JSON lines)</source>
        <translation>of silence and a stream counts as dead (SSE, JSON lines)</translation>
    </message>
    <message>
        <source>&amp;Idle timeout:</source>
        <translation>&amp;Idle timeout:</translation>
    </message>
    <message>
        <source>kept in the keychain, if it has one; type to replace it</source>
        <translation>kept in the keychain, if it has one; type to replace it</translation>
    </message>
    <message>
        <source>Type the secret or name a command that prints it, not both.</source>
        <translation>Type the secret or name a command that prints it, not both.</translation>
    </message>
    <message>
        <source>Running the secret command…</source>
        <translation>Running the secret command…</translation>
    </message>
    <message>
        <source>Net&amp;work</source>
        <translation>Net&amp;work</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>&amp;Rules</translation>
    </message>
    <message>
        <source>Pu&amp;blish address:</source>
        <translation>Pu&amp;blish address:</translation>
    </message>
    <message>
        <source>Reconnect after a &amp;drop</source>
        <translation>Reconnect after a &amp;drop</translation>
    </message>
    <message>
        <source>Never matc&amp;hing:</source>
        <translation>Never matc&amp;hing:</translation>
    </message>
    <message>
        <source>Test co&amp;nnection</source>
        <translation>Test co&amp;nnection</translation>
    </message>
    <message>
        <source>a JSON pointer, e.g. /status</source>
        <translation>a JSON pointer, e.g. /status</translation>
    </message>
    <message>
        <source>matches, e.g. fail|error</source>
        <translation>matches, e.g. fail|error</translation>
    </message>
    <message>
        <source>Only when the &amp;field:</source>
        <translation>Only when the &amp;field:</translation>
    </message>
    <message>
        <source>Automatic (ntfy, gotify, Mercure, JSON or text)</source>
        <translation>Automatic (ntfy, gotify, Mercure, JSON or text)</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Read as</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>e.g. alerts</source>
        <translation>e.g. alerts</translation>
    </message>
    <message>
        <source>https://hub.example.org/.well-known/mercure?topic=…</source>
        <translation>https://hub.example.org/.well-known/mercure?topic=…</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>St&amp;op</translation>
    </message>
    <message>
        <source>— stopped —</source>
        <translation>— stopped —</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stopped.</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
    <message>
        <source>&amp;Protocol</source>
        <translation>&amp;Protocol</translation>
    </message>
    <message>
        <source>Transport:</source>
        <translation>Transport:</translation>
    </message>
    <message>
        <source>Left empty, the feed is called “%1” (from its address).</source>
        <translation>Left empty, the feed is called “%1” (from its address).</translation>
    </message>
    <message>
        <source>The system&apos;s proxy settings</source>
        <translation>The system&apos;s proxy settings</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>No proxy</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>This proxy:</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>http://host:port or socks5://host:port, with user:password@ if the proxy asks</source>
        <translation>http://host:port or socks5://host:port, with user:password@ if the proxy asks</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>Proxy address</translation>
    </message>
    <message>
        <source>Write the proxy&apos;s address.</source>
        <translation>Write the proxy&apos;s address.</translation>
    </message>
    <message>
        <source>the proxy&apos;s address is empty: write it on the Network tab, or use the system&apos;s settings</source>
        <translation>the proxy&apos;s address is empty: write it on the Network tab, or use the system&apos;s settings</translation>
    </message>
    <message>
        <source>built from the server and the topics</source>
        <translation>built from the server and the topics</translation>
    </message>
    <message>
        <source>built from the server</source>
        <translation>built from the server</translation>
    </message>
    <message>
        <source>Client to&amp;ken:</source>
        <translation>Client to&amp;ken:</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA certificates</translation>
    </message>
    <message>
        <source>First reconnect after</source>
        <translation>First reconnect after</translation>
    </message>
    <message>
        <source>Longest wait between reconnects</source>
        <translation>Longest wait between reconnects</translation>
    </message>
    <message>
        <source>Silence that counts as a dead stream</source>
        <translation>Silence that counts as a dead stream</translation>
    </message>
    <message>
        <source>JSON field matches</source>
        <translation>JSON field matches</translation>
    </message>
    <message>
        <source>Quiet from</source>
        <translation>Quiet from</translation>
    </message>
    <message>
        <source>Quiet until</source>
        <translation>Quiet until</translation>
    </message>
    <message>
        <source>Raw events and frames</source>
        <translation>Raw events and frames</translation>
    </message>
    <message>
        <source>How the events map</source>
        <translation>How the events map</translation>
    </message>
</context>
<context>
    <name>herald::ui::FeedsWindow</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Feeds</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>not running</translation>
    </message>
    <message>
        <source>Built in (the demo): not saved, not editable</source>
        <translation>Built in (the demo): not saved, not editable</translation>
    </message>
    <message>
        <source>No feeds yet. Add one: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure.</source>
        <translation>No feeds yet. Add one: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure.</translation>
    </message>
    <message>
        <source>Feeds are saved in %1</source>
        <translation>Feeds are saved in %1</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>Saved “%1”.</translation>
    </message>
    <message>
        <source>No keychain</source>
        <translation>No keychain</translation>
    </message>
    <message>
        <source>No keychain service runs here, so the secret cannot be kept safely. Keep it in the config file, readable by anyone who can read %1?</source>
        <translation>No keychain service runs here, so the secret cannot be kept safely. Keep it in the config file, readable by anyone who can read %1?</translation>
    </message>
    <message>
        <source>Not saved: the secret has nowhere safe to go.</source>
        <translation>Not saved: the secret has nowhere safe to go.</translation>
    </message>
    <message>
        <source>Remove feed</source>
        <translation>Remove feed</translation>
    </message>
    <message>
        <source>Remove “%1”? Its messages stay in the history.</source>
        <translation>Remove “%1”? Its messages stay in the history.</translation>
    </message>
    <message>
        <source>The certificate password was not kept: %1</source>
        <translation>The certificate password was not kept: %1</translation>
    </message>
    <message>
        <source>Re&amp;try now</source>
        <translation>Re&amp;try now</translation>
    </message>
    <message>
        <source>A demo feed: it runs while Herald runs with --demo, and is not saved</source>
        <translation>A demo feed: it runs while Herald runs with --demo, and is not saved</translation>
    </message>
    <message>
        <source>The feeds in italics are the demo&apos;s: they run while Herald runs with --demo, and are not saved or editable. Add your own: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure.</source>
        <translation>The feeds in italics are the demo&apos;s: they run while Herald runs with --demo, and are not saved or editable. Add your own: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure.</translation>
    </message>
</context>
<context>
    <name>herald::ui::FreedesktopNotifier</name>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
</context>
<context>
    <name>herald::ui::HistoryWindow</name>
    <message>
        <source>&amp;Unread only</source>
        <translation>&amp;Unread only</translation>
    </message>
    <message>
        <source>&amp;Mark read</source>
        <translation>&amp;Mark read</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>&amp;Open link</translation>
    </message>
    <message>
        <source>&amp;Copy payload</source>
        <translation>&amp;Copy payload</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>All feeds</source>
        <translation>All feeds</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Feed</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>Mark &amp;all read</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Select a message to read it whole.</source>
        <translation>Select a message to read it whole.</translation>
    </message>
    <message>
        <source>Payload copied.</source>
        <translation>Payload copied.</translation>
    </message>
    <message>
        <source>The history is not available.</source>
        <translation>The history is not available.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>Showing the newest %1 matches.</source>
        <translation>Showing the newest %1 matches.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark u&amp;nread</source>
        <translation>Mark u&amp;nread</translation>
    </message>
    <message>
        <source>Marks every message the search and filters find</source>
        <translation>Marks every message the search and filters find</translation>
    </message>
    <message>
        <source>Sent %1 (the server&apos;s date); arrived %2.</source>
        <translation>Sent %1 (the server&apos;s date); arrived %2.</translation>
    </message>
    <message>
        <source>Search the history (words or pieces of words)</source>
        <translation>Search the history (words or pieces of words)</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>%n message deleted.</numerusform>
            <numerusform>%n messages deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>&amp;Copy text</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>The message</translation>
    </message>
</context>
<context>
    <name>herald::ui::NotificationPresenter</name>
    <message>
        <source>Action done</source>
        <translation>Action done</translation>
    </message>
    <message>
        <source>Action failed</source>
        <translation>Action failed</translation>
    </message>
    <message numerus="yes">
        <source>%n new messages from %1</source>
        <translation>
            <numerusform>%n new message from %1</numerusform>
            <numerusform>%n new messages from %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Latest: %1</source>
        <translation>Latest: %1</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>Mark read</translation>
    </message>
    <message>
        <source>Herald opens only http and https links, not %1</source>
        <translation>Herald opens only http and https links, not %1</translation>
    </message>
    <message>
        <source>The action &quot;%1&quot; has no http or https URL</source>
        <translation>The action &quot;%1&quot; has no http or https URL</translation>
    </message>
    <message>
        <source>%1: the server answered HTTP %2</source>
        <translation>%1: the server answered HTTP %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>“%1” stopped</source>
        <translation>“%1” stopped</translation>
    </message>
    <message>
        <source>It will not reconnect by itself; see Feeds.</source>
        <translation>It will not reconnect by itself; see Feeds.</translation>
    </message>
    <message>
        <source>Open Feeds</source>
        <translation>Open Feeds</translation>
    </message>
    <message>
        <source>Herald cannot save messages</source>
        <translation>Herald cannot save messages</translation>
    </message>
    <message>
        <source>Most urgent: %1</source>
        <translation>Most urgent: %1</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <comment>a chat message: sender in room</comment>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a message popup: the feed&apos;s name, then the message&apos;s title</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2 %3)</source>
        <comment>an HTTP action button: label, method, host</comment>
        <translation>%1 (%2 %3)</translation>
    </message>
    <message>
        <source>%1: not sent; %2 was not allowed to send requests to %3</source>
        <translation>%1: not sent; %2 was not allowed to send requests to %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a feed and how many of its messages do-not-disturb held back</comment>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Do not disturb is over: %n message(s) arrived meanwhile</source>
        <translation>
            <numerusform>Do not disturb is over: %n message arrived meanwhile</numerusform>
            <numerusform>Do not disturb is over: %n messages arrived meanwhile</numerusform>
        </translation>
    </message>
    <message>
        <source>Herald&apos;s feeds are paused</source>
        <translation>Herald&apos;s feeds are paused</translation>
    </message>
    <message>
        <source>They were paused when Herald last quit, so nothing arrives. Resume them here, from the tray menu, or with herald --resume.</source>
        <translation>They were paused when Herald last quit, so nothing arrives. Resume them here, from the tray menu, or with herald --resume.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>The demo is running</source>
        <translation>The demo is running</translation>
    </message>
    <message>
        <source>Sample notifications come every few seconds, and Chat in the tray menu joins its room. Publish your own: curl -d &apos;hello&apos; %1</source>
        <translation>Sample notifications come every few seconds, and Chat in the tray menu joins its room. Publish your own: curl -d &apos;hello&apos; %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::PrioritySpinBox</name>
    <message>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <source>low</source>
        <translation>low</translation>
    </message>
    <message>
        <source>default</source>
        <translation>default</translation>
    </message>
    <message>
        <source>high</source>
        <translation>high</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
</context>
<context>
    <name>herald::ui::ProtocolFields</name>
    <message>
        <source>%1 must be a JSON object, like {&quot;token&quot;:&quot;${secret}&quot;}.</source>
        <translation>%1 must be a JSON object, like {&quot;token&quot;:&quot;${secret}&quot;}.</translation>
    </message>
    <message>
        <source>Messages as they are</source>
        <translation>Messages as they are</translation>
    </message>
    <message>
        <source>Socket.IO 4</source>
        <translation>Socket.IO 4</translation>
    </message>
    <message>
        <source>GraphQL subscription (graphql-transport-ws)</source>
        <translation>GraphQL subscription (graphql-transport-ws)</translation>
    </message>
    <message>
        <source>MQTT 3.1.1</source>
        <translation>MQTT 3.1.1</translation>
    </message>
    <message>
        <source>MQTT 5</source>
        <translation>MQTT 5</translation>
    </message>
    <message>
        <source>SockJS</source>
        <translation>SockJS</translation>
    </message>
    <message>
        <source>&amp;Endpoint speaks:</source>
        <translation>&amp;Endpoint speaks:</translation>
    </message>
    <message>
        <source>Automatic: GET, or POST with a body</source>
        <translation>Automatic: GET, or POST with a body</translation>
    </message>
    <message>
        <source>optional: sent with every (re)connect, e.g. {&quot;stream&quot;:true}</source>
        <translation>optional: sent with every (re)connect, e.g. {&quot;stream&quot;:true}</translation>
    </message>
    <message>
        <source>Request &amp;method:</source>
        <translation>Request &amp;method:</translation>
    </message>
    <message>
        <source>Request &amp;body:</source>
        <translation>Request &amp;body:</translation>
    </message>
    <message>
        <source>Streams served as the answer to a POST (LLM streaming APIs, MCP) need the method and body; JSON goes as application/json unless a header says otherwise. Every reconnect sends them again, with Last-Event-ID.</source>
        <translation>Streams served as the answer to a POST (LLM streaming APIs, MCP) need the method and body; JSON goes as application/json unless a header says otherwise. Every reconnect sends them again, with Last-Event-ID.</translation>
    </message>
    <message>
        <source>A polled address is fetched as it is: it speaks no protocol of its own.</source>
        <translation>A polled address is fetched as it is: it speaks no protocol of its own.</translation>
    </message>
    <message>
        <source>optional, comma-separated, e.g. v2.chat</source>
        <translation>optional, comma-separated, e.g. v2.chat</translation>
    </message>
    <message>
        <source>optional, one per line, sent after every (re)connect; ${secret} is the feed&apos;s secret, e.g. {&quot;type&quot;:&quot;subscribe&quot;,&quot;channel&quot;:&quot;BTC&quot;}</source>
        <translation>optional, one per line, sent after every (re)connect; ${secret} is the feed&apos;s secret, e.g. {&quot;type&quot;:&quot;subscribe&quot;,&quot;channel&quot;:&quot;BTC&quot;}</translation>
    </message>
    <message>
        <source>optional text sent every so often, e.g. {&quot;op&quot;:&quot;ping&quot;}</source>
        <translation>optional text sent every so often, e.g. {&quot;op&quot;:&quot;ping&quot;}</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>every</source>
        <translation>every</translation>
    </message>
    <message>
        <source>optional, one per line: MATCH=&gt;REPLY, e.g. \{&quot;op&quot;:&quot;ping&quot;,&quot;n&quot;:(\d+)\}=&gt;{&quot;op&quot;:&quot;pong&quot;,&quot;n&quot;:${1}}</source>
        <translation>optional, one per line: MATCH=&gt;REPLY, e.g. \{&quot;op&quot;:&quot;ping&quot;,&quot;n&quot;:(\d+)\}=&gt;{&quot;op&quot;:&quot;pong&quot;,&quot;n&quot;:${1}}</translation>
    </message>
    <message>
        <source>S&amp;ubprotocols:</source>
        <translation>S&amp;ubprotocols:</translation>
    </message>
    <message>
        <source>&amp;On open, send:</source>
        <translation>&amp;On open, send:</translation>
    </message>
    <message>
        <source>&amp;Keepalive:</source>
        <translation>&amp;Keepalive:</translation>
    </message>
    <message>
        <source>&amp;Answer pings:</source>
        <translation>&amp;Answer pings:</translation>
    </message>
    <message>
        <source>A message that wholly matches MATCH (a regular expression) is answered with REPLY and not shown; ${1}… are its groups.</source>
        <translation>A message that wholly matches MATCH (a regular expression) is answered with REPLY and not shown; ${1}… are its groups.</translation>
    </message>
    <message>
        <source>optional JSON object, e.g. {&quot;token&quot;:&quot;${secret}&quot;}</source>
        <translation>optional JSON object, e.g. {&quot;token&quot;:&quot;${secret}&quot;}</translation>
    </message>
    <message>
        <source>Na&amp;mespace:</source>
        <translation>Na&amp;mespace:</translation>
    </message>
    <message>
        <source>Auth pa&amp;yload:</source>
        <translation>Auth pa&amp;yload:</translation>
    </message>
    <message>
        <source>http://host:port/ is enough: Herald adds /socket.io/. Each event becomes a message named by the event; the chat window emits &quot;message&quot;.</source>
        <translation>http://host:port/ is enough: Herald adds /socket.io/. Each event becomes a message named by the event; the chat window emits &quot;message&quot;.</translation>
    </message>
    <message>
        <source>subscription { … }</source>
        <translation>subscription { … }</translation>
    </message>
    <message>
        <source>optional JSON object</source>
        <translation>optional JSON object</translation>
    </message>
    <message>
        <source>Su&amp;bscription:</source>
        <translation>Su&amp;bscription:</translation>
    </message>
    <message>
        <source>&amp;Variables:</source>
        <translation>&amp;Variables:</translation>
    </message>
    <message>
        <source>connection_&amp;init payload:</source>
        <translation>connection_&amp;init payload:</translation>
    </message>
    <message>
        <source>comma-separated filters, e.g. home/+/temperature, alerts/#</source>
        <translation>comma-separated filters, e.g. home/+/temperature, alerts/#</translation>
    </message>
    <message>
        <source>1: acknowledged, kept by the broker while Herald is away</source>
        <translation>1: acknowledged, kept by the broker while Herald is away</translation>
    </message>
    <message>
        <source>0: at most once</source>
        <translation>0: at most once</translation>
    </message>
    <message>
        <source>where the chat window publishes (default: the only topic)</source>
        <translation>where the chat window publishes (default: the only topic)</translation>
    </message>
    <message>
        <source>default: one of this computer&apos;s own for this feed</source>
        <translation>default: one of this computer&apos;s own for this feed</translation>
    </message>
    <message>
        <source>As&amp;k the broker to retain what the chat window publishes</source>
        <translation>As&amp;k the broker to retain what the chat window publishes</translation>
    </message>
    <message>
        <source>Topic &amp;filters:</source>
        <translation>Topic &amp;filters:</translation>
    </message>
    <message>
        <source>&amp;Quality of service:</source>
        <translation>&amp;Quality of service:</translation>
    </message>
    <message>
        <source>Publish t&amp;o:</source>
        <translation>Publish t&amp;o:</translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation>Client &amp;id:</translation>
    </message>
    <message>
        <source>The topic is each message&apos;s type. A user name and password go under Authentication (User name and password) on the Connection tab.</source>
        <translation>The topic is each message&apos;s type. A user name and password go under Authentication (User name and password) on the Connection tab.</translation>
    </message>
    <message>
        <source>http://host:port/prefix is enough: Herald uses SockJS&apos;s WebSocket transport and unwraps its frames.</source>
        <translation>http://host:port/prefix is enough: Herald uses SockJS&apos;s WebSocket transport and unwraps its frames.</translation>
    </message>
    <message>
        <source>The answer “%1” needs the form MATCH=&gt;REPLY.</source>
        <translation>The answer “%1” needs the form MATCH=&gt;REPLY.</translation>
    </message>
    <message>
        <source>The Socket.IO auth payload</source>
        <translation>The Socket.IO auth payload</translation>
    </message>
    <message>
        <source>The GraphQL variables</source>
        <translation>The GraphQL variables</translation>
    </message>
    <message>
        <source>The connection_init payload</source>
        <translation>The connection_init payload</translation>
    </message>
    <message>
        <source>Keepalive every</source>
        <translation>Keepalive every</translation>
    </message>
</context>
<context>
    <name>herald::ui::ServiceFields</name>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>e.g. alerts, backups</source>
        <translation>e.g. alerts, backups</translation>
    </message>
    <message>
        <source>Several topics: separate them with commas. A protected topic: choose User name and password, or Bearer token for an access token (tk_…), under Authentication.</source>
        <translation>Several topics: separate them with commas. A protected topic: choose User name and password, or Bearer token for an access token (tk_…), under Authentication.</translation>
    </message>
    <message>
        <source>The client token: in gotify&apos;s web app, Clients → Create client, then copy its token into Client token below.</source>
        <translation>The client token: in gotify&apos;s web app, Clients → Create client, then copy its token into Client token below.</translation>
    </message>
    <message>
        <source>“%1” cannot be a ntfy topic: use 1 to 64 letters A-Z, digits, - and _.</source>
        <translation>“%1” cannot be a ntfy topic: use 1 to 64 letters A-Z, digits, - and _.</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>T&amp;opics:</source>
        <translation>T&amp;opics:</translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingsDialog</name>
    <message>
        <source>Play a &amp;sound with notifications</source>
        <translation>Play a &amp;sound with notifications</translation>
    </message>
    <message>
        <source>&amp;Quiet hours every day</source>
        <translation>&amp;Quiet hours every day</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>The desktop&apos;s notifications</source>
        <translation>The desktop&apos;s notifications</translation>
    </message>
    <message>
        <source>Messages from the tray icon</source>
        <translation>Messages from the tray icon</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>As the system</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>until</source>
        <translation>until</translation>
    </message>
    <message>
        <source>&amp;Notifications:</source>
        <translation>&amp;Notifications:</translation>
    </message>
    <message>
        <source>During quiet hours, notify from priority:</source>
        <translation>During quiet hours, notify from priority:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Keep at most (messages):</source>
        <translation>Keep at most (messages):</translation>
    </message>
    <message>
        <source>Keep for at most:</source>
        <translation>Keep for at most:</translation>
    </message>
    <message>
        <source>Your name in &amp;chats:</source>
        <translation>Your name in &amp;chats:</translation>
    </message>
    <message>
        <source>Could not change starting at login: %1</source>
        <translation>Could not change starting at login: %1</translation>
    </message>
    <message>
        <source>Start Herald when I log &amp;in</source>
        <translation>Start Herald when I log &amp;in</translation>
    </message>
    <message>
        <source>how others see you in chat rooms</source>
        <translation>how others see you in chat rooms</translation>
    </message>
    <message>
        <source>never summarise</source>
        <translation>never summarise</translation>
    </message>
    <message>
        <source>A feed that sends more than this many messages in quick succession is in a burst: what follows is shown as one summary.</source>
        <translation>A feed that sends more than this many messages in quick succession is in a burst: what follows is shown as one summary.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Messages that come no faster than this each pop up on their own, at once.</source>
        <translation>Messages that come no faster than this each pop up on their own, at once.</translation>
    </message>
    <message>
        <source>Bursts</source>
        <translation>Bursts</translation>
    </message>
    <message>
        <source>Show the summary once the feed is quiet for:</source>
        <translation>Show the summary once the feed is quiet for:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Keep on disk at most:</source>
        <translation>Keep on disk at most:</translation>
    </message>
    <message>
        <source>Summarise a &amp;burst after this many popups in a row:</source>
        <translation>Summarise a &amp;burst after this many popups in a row:</translation>
    </message>
    <message>
        <source>Update a long burst&apos;s summary every:</source>
        <translation>Update a long burst&apos;s summary every:</translation>
    </message>
    <message>
        <source>Popups a minute, from all feeds, at most:</source>
        <translation>Popups a minute, from all feeds, at most:</translation>
    </message>
    <message>
        <source>Pop up one by one while messages come at most one every:</source>
        <translation>Pop up one by one while messages come at most one every:</translation>
    </message>
    <message>
        <source>Quiet from</source>
        <translation>Quiet from</translation>
    </message>
    <message>
        <source>Quiet until</source>
        <translation>Quiet until</translation>
    </message>
</context>
<context>
    <name>herald::ui::StatusWindow</name>
    <message>
        <source>Herald</source>
        <translation>Herald</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Feeds</source>
        <translation>&amp;Feeds</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Q&amp;uiet</source>
        <translation>Q&amp;uiet</translation>
    </message>
</context>
<context>
    <name>herald::ui::Toast</name>
    <message>
        <source>Reply</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>herald::ui::TrayController</name>
    <message numerus="yes">
        <source>Herald — %1 of %n feed(s) connected</source>
        <translation>
            <numerusform>Herald — %1 of %n feed connected</numerusform>
            <numerusform>Herald — %1 of %n feeds connected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not disturb until %1</source>
        <translation>Do not disturb until %1</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Quiet hours</translation>
    </message>
    <message>
        <source>No feeds yet — add one</source>
        <translation>No feeds yet — add one</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;Feeds</source>
        <translation>&amp;Feeds</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>All feeds paused</source>
        <translation>All feeds paused</translation>
    </message>
</context>
<context>
    <name>herald::ui::WelcomeWindow</name>
    <message>
        <source>Welcome to Herald</source>
        <translation>Welcome to Herald</translation>
    </message>
    <message>
        <source>Notifications from the servers you run</source>
        <translation>Notifications from the servers you run</translation>
    </message>
    <message>
        <source>Herald follows Server-Sent Events and WebSocket feeds (build pipelines, chat, price tickers, home automation, ntfy, gotify and Mercure hubs, your own apps) and shows what arrives as desktop notifications. Everything is kept in a searchable history, and feeds that talk both ways open in a chat window. Herald waits in the tray; its icon shows whether every feed is connected.</source>
        <translation>Herald follows Server-Sent Events and WebSocket feeds (build pipelines, chat, price tickers, home automation, ntfy, gotify and Mercure hubs, your own apps) and shows what arrives as desktop notifications. Everything is kept in a searchable history, and feeds that talk both ways open in a chat window. Herald waits in the tray; its icon shows whether every feed is connected.</translation>
    </message>
    <message>
        <source>Add your first feed:</source>
        <translation>Add your first feed:</translation>
    </message>
    <message>
        <source>&amp;ntfy topic…</source>
        <translation>&amp;ntfy topic…</translation>
    </message>
    <message>
        <source>ntfy.sh or your own ntfy server</source>
        <translation>ntfy.sh or your own ntfy server</translation>
    </message>
    <message>
        <source>&amp;gotify server…</source>
        <translation>&amp;gotify server…</translation>
    </message>
    <message>
        <source>a gotify stream, with its client token</source>
        <translation>a gotify stream, with its client token</translation>
    </message>
    <message>
        <source>&amp;Mercure hub…</source>
        <translation>&amp;Mercure hub…</translation>
    </message>
    <message>
        <source>a topic on a Mercure hub</source>
        <translation>a topic on a Mercure hub</translation>
    </message>
    <message>
        <source>Any &amp;SSE or WebSocket address…</source>
        <translation>Any &amp;SSE or WebSocket address…</translation>
    </message>
    <message>
        <source>what arrives is read as JSON or text, as it comes</source>
        <translation>what arrives is read as JSON or text, as it comes</translation>
    </message>
    <message>
        <source>&amp;Try the demo</source>
        <translation>&amp;Try the demo</translation>
    </message>
    <message>
        <source>A demo server inside Herald: sample notifications every few seconds and a chat room</source>
        <translation>A demo server inside Herald: sample notifications every few seconds and a chat room</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <source>Or see it work first:</source>
        <translation>Or see it work first:</translation>
    </message>
</context>
</TS>
