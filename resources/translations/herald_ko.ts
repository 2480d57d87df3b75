<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Autostart</name>
    <message>
        <source>Windows refused to change %1</source>
        <translation>Windows가 %1을(를) 바꾸지 못하게 했습니다</translation>
    </message>
    <message>
        <source>Could not remove %1</source>
        <translation>%1을(를) 지우지 못했습니다</translation>
    </message>
</context>
<context>
    <name>FeedState</name>
    <message>
        <source>connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>다시 연결 중</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 중지됨</translation>
    </message>
</context>
<context>
    <name>SessionActions</name>
    <message>
        <source>Do not disturb</source>
        <translation>방해 금지</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1시간 동안</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>내일까지</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>끄기</translation>
    </message>
    <message>
        <source>&amp;Pause all feeds</source>
        <translation>모든 피드 일시 중지(&amp;P)</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <comment>do not disturb until tomorrow 08:00</comment>
        <translation>내일 %1</translation>
    </message>
    <message>
        <source>Do not disturb (until %1)</source>
        <translation>방해 금지 (%1까지)</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
</context>
<context>
    <name>herald::ui::AppConfig</name>
    <message>
        <source>A feed named &quot;%1&quot; exists already; choose another name.</source>
        <translation>&quot;%1&quot;이라는 피드가 이미 있습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>%1 has errors and is kept as it is; fix it, and Herald reads it again by itself.</source>
        <translation>%1 파일에 오류가 있어 그대로 둡니다. 고치면 Herald가 알아서 다시 읽습니다.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ChatBubbleDelegate</name>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>Waiting for the connection — sent as soon as it is back</source>
        <translation>연결을 기다리는 중 — 연결되면 바로 보냅니다</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>보내지 못함: %1</translation>
    </message>
    <message>
        <source>New messages</source>
        <translation>새 메시지</translation>
    </message>
</context>
<context>
    <name>herald::ui::ChatWindow</name>
    <message>
        <source>&amp;Send</source>
        <translation>보내기(&amp;S)</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>채팅</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>대화</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>메시지 입력 — Enter는 보내기, Shift+Enter는 줄 바꿈</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>No conversation: add a WebSocket feed, or give a feed a publish URL.</source>
        <translation>대화가 없습니다. WebSocket 피드를 추가하거나 피드에 게시 주소를 지정하세요.</translation>
    </message>
    <message>
        <source>Not running (the feed is disabled)</source>
        <translation>실행 중이 아님 (피드가 꺼져 있음)</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>연결됨</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s</source>
        <translation>
            <numerusform>%n초 후 다시 연결</numerusform>
        </translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>텍스트 복사</translation>
    </message>
    <message>
        <source>Show raw payload</source>
        <translation>원본 페이로드 보기</translation>
    </message>
    <message>
        <source>Raw payload</source>
        <translation>원본 페이로드</translation>
    </message>
    <message>
        <source>Paused: messages you send wait until you resume the feeds</source>
        <translation>일시 중지됨: 보내는 메시지는 피드를 다시 시작할 때까지 기다립니다</translation>
    </message>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n개 읽지 않음</numerusform>
        </translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>메시지 입력</translation>
    </message>
</context>
<context>
    <name>herald::ui::DesktopApp</name>
    <message>
        <source>the demo server could not listen on 127.0.0.1:%1: %2</source>
        <translation>데모 서버가 127.0.0.1:%1에서 대기하지 못했습니다: %2</translation>
    </message>
    <message>
        <source>No system tray is available on this desktop (some Wayland desktops and GNOME without the AppIndicator extension have none), so Herald runs in this window. Notifications still pop up; closing this window quits Herald.</source>
        <translation>이 데스크톱에는 시스템 트레이가 없어서(일부 Wayland 데스크톱과 AppIndicator 확장이 없는 GNOME) Herald가 이 창에서 실행됩니다. 알림은 그대로 뜨며, 이 창을 닫으면 Herald가 종료됩니다.</translation>
    </message>
    <message>
        <source>No browser opened the link</source>
        <translation>링크를 연 브라우저가 없습니다</translation>
    </message>
    <message>
        <source>%1 is copied to the clipboard: paste it into a browser. Set a default browser (xdg-settings set default-web-browser) to open links directly.</source>
        <translation>%1 주소를 클립보드에 복사했습니다. 브라우저에 붙여 넣으세요. 기본 브라우저를 정하면(xdg-settings set default-web-browser) 링크가 바로 열립니다.</translation>
    </message>
    <message>
        <source>History started anew</source>
        <translation>기록을 새로 시작했습니다</translation>
    </message>
    <message>
        <source>%1 could not be read, so Herald moved it to %2 and keeps a new history.</source>
        <translation>%1 파일을 읽을 수 없어 %2(으)로 옮기고 새 기록을 시작했습니다.</translation>
    </message>
    <message>
        <source>Send a request for %1?</source>
        <translation>%1의 요청을 보낼까요?</translation>
    </message>
    <message>
        <source>The button “%1” of %2 sends

%3 %4

to %5. Herald asks once for each feed and host; send it?</source>
        <translation>%2의 “%1” 버튼은

%3 %4

요청을 %5(으)로 보냅니다. Herald는 피드와 호스트마다 한 번만 묻습니다. 보낼까요?</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>보내지 않기</translation>
    </message>
</context>
<context>
    <name>herald::ui::FeedEditor</name>
    <message>
        <source>Edit feed “%1”</source>
        <translation>피드 “%1” 편집</translation>
    </message>
    <message>
        <source>Add a feed</source>
        <translation>피드 추가</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>연결(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Test and preview</source>
        <translation>테스트와 미리 보기(&amp;T)</translation>
    </message>
    <message>
        <source>e.g. CI builds</source>
        <translation>예: CI 빌드</translation>
    </message>
    <message>
        <source>https://ntfy.sh/mytopic/sse or wss://example.org/socket</source>
        <translation>https://ntfy.sh/mytopic/sse 또는 wss://example.org/socket</translation>
    </message>
    <message>
        <source>From the address (ws: WebSocket, http: SSE)</source>
        <translation>주소에 따라 (ws: WebSocket, http: SSE)</translation>
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
        <translation>HTTP로 받는 JSON 줄</translation>
    </message>
    <message>
        <source>HTTP polling</source>
        <translation>HTTP 폴링</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Raw text</source>
        <translation>일반 텍스트</translation>
    </message>
    <message>
        <source>JSON (title, message, priority…)</source>
        <translation>JSON (제목, 메시지, 우선순위…)</translation>
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
        <translation>한 줄에 하나씩: 이름: 값</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer 토큰</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>사용자 이름과 비밀번호</translation>
    </message>
    <message>
        <source>Token in the address</source>
        <translation>주소에 넣는 토큰</translation>
    </message>
    <message>
        <source>optional: where chat messages are POSTed (SSE feeds)</source>
        <translation>선택: 채팅 메시지를 POST할 주소 (SSE 피드)</translation>
    </message>
    <message>
        <source>optional PEM file of certificates to trust</source>
        <translation>선택: 신뢰할 인증서가 담긴 PEM 파일</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA 인증서</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>인증서 (*.pem *.crt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>optional SHA-256 of the server certificate</source>
        <translation>선택: 서버 인증서의 SHA-256</translation>
    </message>
    <message>
        <source>Accept invalid certificates (unsafe)</source>
        <translation>유효하지 않은 인증서 허용 (안전하지 않음)</translation>
    </message>
    <message>
        <source>Accept invalid certificates — anyone on the way can read and change this feed</source>
        <translation>유효하지 않은 인증서 허용 — 중간의 누구나 이 피드를 읽고 바꿀 수 있습니다</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>주소(&amp;A):</translation>
    </message>
    <message>
        <source>Poll &amp;every:</source>
        <translation>폴링 간격(&amp;E):</translation>
    </message>
    <message>
        <source>Pa&amp;yload format:</source>
        <translation>페이로드 형식(&amp;Y):</translation>
    </message>
    <message>
        <source>&amp;Headers:</source>
        <translation>헤더(&amp;H):</translation>
    </message>
    <message>
        <source>A&amp;uthentication:</source>
        <translation>인증(&amp;U):</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>사용자 이름:</translation>
    </message>
    <message>
        <source>Parameter:</source>
        <translation>매개변수:</translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation>비밀 값(&amp;S):</translation>
    </message>
    <message>
        <source>Pro&amp;xy:</source>
        <translation>프록시(&amp;X):</translation>
    </message>
    <message>
        <source>CA certificates:</source>
        <translation>CA 인증서:</translation>
    </message>
    <message>
        <source>Certificate pin:</source>
        <translation>인증서 고정:</translation>
    </message>
    <message>
        <source>all; or e.g. message, deploy</source>
        <translation>전체, 또는 예: message, deploy</translation>
    </message>
    <message>
        <source>a regular expression on title and body</source>
        <translation>제목과 본문에 적용할 정규 표현식</translation>
    </message>
    <message>
        <source>&amp;Quiet hours</source>
        <translation>방해 금지 시간(&amp;Q)</translation>
    </message>
    <message>
        <source>from</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>until</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>Messages that do not pass still go to the history; they only do not pop up.</source>
        <translation>규칙을 통과하지 못한 메시지도 기록에는 남습니다. 알림으로 뜨지 않을 뿐입니다.</translation>
    </message>
    <message>
        <source>Only &amp;event types:</source>
        <translation>이 이벤트 유형만(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Never event types:</source>
        <translation>제외할 이벤트 유형(&amp;N):</translation>
    </message>
    <message>
        <source>Only &amp;matching:</source>
        <translation>일치하는 것만(&amp;M):</translation>
    </message>
    <message>
        <source>Minimum &amp;priority:</source>
        <translation>최소 우선순위(&amp;P):</translation>
    </message>
    <message>
        <source>During quiet hours, at least:</source>
        <translation>방해 금지 시간에는 최소:</translation>
    </message>
    <message>
        <source>Connects with the settings as they stand, without saving.</source>
        <translation>저장하지 않고 지금 설정으로 연결합니다.</translation>
    </message>
    <message>
        <source>Raw events and frames appear here as they arrive.</source>
        <translation>받은 원본 이벤트와 프레임이 여기에 바로 표시됩니다.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>받은 내용:</translation>
    </message>
    <message>
        <source>As notifications, with the payload format chosen:</source>
        <translation>선택한 페이로드 형식으로 본 알림:</translation>
    </message>
    <message>
        <source>kept in the keychain; type to replace it</source>
        <translation>키체인에 저장됨 — 바꾸려면 입력하세요</translation>
    </message>
    <message>
        <source>stored in the system keychain</source>
        <translation>시스템 키체인에 저장됩니다</translation>
    </message>
    <message>
        <source>The header line “%1” needs the form Name: value.</source>
        <translation>헤더 줄 “%1”은(는) 이름: 값 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>This feed cannot be saved: %1</source>
        <translation>이 피드를 저장할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Type the token or password: this feed uses authentication.</source>
        <translation>토큰이나 비밀번호를 입력하세요. 이 피드는 인증을 사용합니다.</translation>
    </message>
    <message>
        <source>Cannot test yet: %1</source>
        <translation>아직 테스트할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>상태: %1</translation>
    </message>
    <message>
        <source>(not a notification)</source>
        <translation>(알림 아님)</translation>
    </message>
    <message>
        <source>optional, instead: a command that prints it, e.g. pass show herald/ntfy</source>
        <translation>선택 사항, 대신: 비밀을 출력하는 명령 (예: pass show herald/ntfy)</translation>
    </message>
    <message>
        <source>Secret co&amp;mmand:</source>
        <translation>비밀 명령(&amp;M):</translation>
    </message>
    <message>
        <source>optional PKCS#12 file (.p12, .pfx) to prove who you are</source>
        <translation>선택 사항: 신원을 증명할 PKCS#12 파일 (.p12, .pfx)</translation>
    </message>
    <message>
        <source>Client certificate</source>
        <translation>클라이언트 인증서</translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx);;All files (*)</source>
        <translation>PKCS#12 파일 (*.p12 *.pfx);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>its password, if it has one (kept in the keychain)</source>
        <translation>암호가 있다면 입력 (키체인에 보관)</translation>
    </message>
    <message>
        <source>first after</source>
        <translation>처음에는</translation>
    </message>
    <message>
        <source>then doubling up to</source>
        <translation>후, 두 배씩 최대</translation>
    </message>
    <message>
        <source>never</source>
        <translation>사용 안 함</translation>
    </message>
    <message>
        <source>A stream silent for this long is taken as dead and reconnected (SSE and JSON lines; WebSocket feeds ping instead).</source>
        <translation>이 시간 동안 아무것도 오지 않는 스트림은 끊어진 것으로 보고 다시 연결합니다 (SSE와 JSON 줄; WebSocket 피드는 대신 ping을 보냅니다).</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>클라이언트 인증서:</translation>
    </message>
    <message>
        <source>Certificate password:</source>
        <translation>인증서 암호:</translation>
    </message>
    <message>
        <source>of silence and a stream counts as dead (SSE, JSON lines)</source>
        <translation>동안 조용하면 스트림이 끊어진 것으로 봅니다 (SSE, JSON 줄)</translation>
    </message>
    <message>
        <source>&amp;Idle timeout:</source>
        <translation>유휴 시간 제한(&amp;I):</translation>
    </message>
    <message>
        <source>kept in the keychain, if it has one; type to replace it</source>
        <translation>키체인에 보관됨 (있는 경우); 바꾸려면 입력하세요</translation>
    </message>
    <message>
        <source>Type the secret or name a command that prints it, not both.</source>
        <translation>비밀을 입력하거나 비밀을 출력하는 명령을 지정하세요. 둘 다는 안 됩니다.</translation>
    </message>
    <message>
        <source>Running the secret command…</source>
        <translation>비밀 명령을 실행하는 중…</translation>
    </message>
    <message>
        <source>Net&amp;work</source>
        <translation>네트워크(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Rules</source>
        <translation>규칙(&amp;R)</translation>
    </message>
    <message>
        <source>Pu&amp;blish address:</source>
        <translation>게시 주소(&amp;B):</translation>
    </message>
    <message>
        <source>Reconnect after a &amp;drop</source>
        <translation>연결이 끊어지면 다시 연결(&amp;D)</translation>
    </message>
    <message>
        <source>Never matc&amp;hing:</source>
        <translation>일치하면 제외(&amp;H):</translation>
    </message>
    <message>
        <source>Test co&amp;nnection</source>
        <translation>연결 테스트(&amp;N)</translation>
    </message>
    <message>
        <source>a JSON pointer, e.g. /status</source>
        <translation>JSON 포인터, 예: /status</translation>
    </message>
    <message>
        <source>matches, e.g. fail|error</source>
        <translation>일치할 값, 예: fail|error</translation>
    </message>
    <message>
        <source>Only when the &amp;field:</source>
        <translation>이 필드가 맞을 때만(&amp;F):</translation>
    </message>
    <message>
        <source>Automatic (ntfy, gotify, Mercure, JSON or text)</source>
        <translation>자동 (ntfy, gotify, Mercure, JSON 또는 텍스트)</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>읽은 형식</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>e.g. alerts</source>
        <translation>예: alerts</translation>
    </message>
    <message>
        <source>https://hub.example.org/.well-known/mercure?topic=…</source>
        <translation>https://hub.example.org/.well-known/mercure?topic=…</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>중지(&amp;O)</translation>
    </message>
    <message>
        <source>— stopped —</source>
        <translation>— 중지됨 —</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>중지했습니다.</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <source>&amp;Protocol</source>
        <translation>프로토콜(&amp;P)</translation>
    </message>
    <message>
        <source>Transport:</source>
        <translation>전송 방식:</translation>
    </message>
    <message>
        <source>Left empty, the feed is called “%1” (from its address).</source>
        <translation>비워 두면 피드 이름은 주소에서 따온 “%1”이 됩니다.</translation>
    </message>
    <message>
        <source>The system&apos;s proxy settings</source>
        <translation>시스템 프록시 설정</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>프록시 없음</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>이 프록시:</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>프록시</translation>
    </message>
    <message>
        <source>http://host:port or socks5://host:port, with user:password@ if the proxy asks</source>
        <translation>http://호스트:포트 또는 socks5://호스트:포트 (프록시가 요구하면 사용자:비밀번호@ 포함)</translation>
    </message>
    <message>
        <source>Proxy address</source>
        <translation>프록시 주소</translation>
    </message>
    <message>
        <source>Write the proxy&apos;s address.</source>
        <translation>프록시 주소를 입력하세요.</translation>
    </message>
    <message>
        <source>the proxy&apos;s address is empty: write it on the Network tab, or use the system&apos;s settings</source>
        <translation>프록시 주소가 비어 있습니다: 네트워크 탭에 입력하거나 시스템 설정을 사용하세요</translation>
    </message>
    <message>
        <source>built from the server and the topics</source>
        <translation>서버와 토픽으로 만들어집니다</translation>
    </message>
    <message>
        <source>built from the server</source>
        <translation>서버 주소로 만들어집니다</translation>
    </message>
    <message>
        <source>Client to&amp;ken:</source>
        <translation>클라이언트 토큰(&amp;K):</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA 인증서</translation>
    </message>
    <message>
        <source>First reconnect after</source>
        <translation>첫 재연결까지</translation>
    </message>
    <message>
        <source>Longest wait between reconnects</source>
        <translation>재연결 사이 가장 긴 대기</translation>
    </message>
    <message>
        <source>Silence that counts as a dead stream</source>
        <translation>끊긴 스트림으로 보는 무응답 시간</translation>
    </message>
    <message>
        <source>JSON field matches</source>
        <translation>JSON 필드 일치</translation>
    </message>
    <message>
        <source>Quiet from</source>
        <translation>방해 금지 시작</translation>
    </message>
    <message>
        <source>Quiet until</source>
        <translation>방해 금지 끝</translation>
    </message>
    <message>
        <source>Raw events and frames</source>
        <translation>원본 이벤트와 프레임</translation>
    </message>
    <message>
        <source>How the events map</source>
        <translation>이벤트가 옮겨지는 모습</translation>
    </message>
</context>
<context>
    <name>herald::ui::FeedsWindow</name>
    <message>
        <source>&amp;Edit…</source>
        <translation>편집(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>삭제(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>끄기(&amp;D)</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>피드</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>프로토콜</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>마지막 오류</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>추가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>켜기(&amp;E)</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>꺼짐</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>실행 중 아님</translation>
    </message>
    <message>
        <source>Built in (the demo): not saved, not editable</source>
        <translation>내장 (데모): 저장되지 않으며 편집할 수 없음</translation>
    </message>
    <message>
        <source>No feeds yet. Add one: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure.</source>
        <translation>아직 피드가 없습니다. Server-Sent Events나 WebSocket 주소, ntfy, gotify, Mercure 중 무엇이든 추가하세요.</translation>
    </message>
    <message>
        <source>Feeds are saved in %1</source>
        <translation>피드는 %1에 저장됩니다</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>“%1”을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>No keychain</source>
        <translation>키체인 없음</translation>
    </message>
    <message>
        <source>No keychain service runs here, so the secret cannot be kept safely. Keep it in the config file, readable by anyone who can read %1?</source>
        <translation>여기에는 키체인 서비스가 없어 비밀 값을 안전하게 보관할 수 없습니다. %1을(를) 읽을 수 있는 누구나 볼 수 있는 설정 파일에 저장할까요?</translation>
    </message>
    <message>
        <source>Not saved: the secret has nowhere safe to go.</source>
        <translation>저장하지 않음: 비밀 값을 안전하게 둘 곳이 없습니다.</translation>
    </message>
    <message>
        <source>Remove feed</source>
        <translation>피드 삭제</translation>
    </message>
    <message>
        <source>Remove “%1”? Its messages stay in the history.</source>
        <translation>“%1”을(를) 삭제할까요? 메시지는 기록에 남습니다.</translation>
    </message>
    <message>
        <source>The certificate password was not kept: %1</source>
        <translation>인증서 암호를 보관하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Re&amp;try now</source>
        <translation>지금 다시 시도(&amp;T)</translation>
    </message>
    <message>
        <source>A demo feed: it runs while Herald runs with --demo, and is not saved</source>
        <translation>데모 피드: Herald를 --demo로 실행하는 동안만 동작하며 저장되지 않습니다</translation>
    </message>
    <message>
        <source>The feeds in italics are the demo&apos;s: they run while Herald runs with --demo, and are not saved or editable. Add your own: any Server-Sent Events or WebSocket address, ntfy, gotify or Mercure.</source>
        <translation>기울임꼴 피드는 데모용입니다. Herald를 --demo로 실행하는 동안만 동작하며 저장하거나 고칠 수 없습니다. 직접 추가하세요: Server-Sent Events나 WebSocket 주소, ntfy, gotify, Mercure.</translation>
    </message>
</context>
<context>
    <name>herald::ui::FreedesktopNotifier</name>
    <message>
        <source>Reply</source>
        <translation>답장</translation>
    </message>
</context>
<context>
    <name>herald::ui::HistoryWindow</name>
    <message>
        <source>&amp;Unread only</source>
        <translation>읽지 않은 것만(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Mark read</source>
        <translation>읽음으로 표시(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Open link</source>
        <translation>링크 열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Copy payload</source>
        <translation>페이로드 복사(&amp;C)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>기록</translation>
    </message>
    <message>
        <source>All feeds</source>
        <translation>모든 피드</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>피드</translation>
    </message>
    <message>
        <source>Mark &amp;all read</source>
        <translation>모두 읽음으로 표시(&amp;A)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Select a message to read it whole.</source>
        <translation>메시지를 선택하면 전체 내용을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Payload copied.</source>
        <translation>페이로드를 복사했습니다.</translation>
    </message>
    <message>
        <source>The history is not available.</source>
        <translation>기록을 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <source>Showing the newest %1 matches.</source>
        <translation>가장 최근 일치 항목 %1개를 표시합니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>메시지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark u&amp;nread</source>
        <translation>읽지 않음으로 표시(&amp;N)</translation>
    </message>
    <message>
        <source>Marks every message the search and filters find</source>
        <translation>검색과 필터에 걸린 모든 메시지를 표시합니다</translation>
    </message>
    <message>
        <source>Sent %1 (the server&apos;s date); arrived %2.</source>
        <translation>보낸 시각 %1 (서버가 밝힌 날짜), 도착 %2.</translation>
    </message>
    <message>
        <source>Search the history (words or pieces of words)</source>
        <translation>기록 검색 (단어 또는 단어의 일부)</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) deleted.</source>
        <translation>
            <numerusform>메시지 %n개를 삭제했습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Copy text</source>
        <translation>텍스트 복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>검색</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>메시지 내용</translation>
    </message>
</context>
<context>
    <name>herald::ui::NotificationPresenter</name>
    <message>
        <source>Action done</source>
        <translation>작업 완료</translation>
    </message>
    <message>
        <source>Action failed</source>
        <translation>작업 실패</translation>
    </message>
    <message numerus="yes">
        <source>%n new messages from %1</source>
        <translation>
            <numerusform>%1의 새 메시지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Latest: %1</source>
        <translation>최근: %1</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>읽음으로 표시</translation>
    </message>
    <message>
        <source>Herald opens only http and https links, not %1</source>
        <translation>Herald는 http와 https 링크만 엽니다. 열지 않은 링크: %1</translation>
    </message>
    <message>
        <source>The action &quot;%1&quot; has no http or https URL</source>
        <translation>작업 &quot;%1&quot;에 http 또는 https 주소가 없습니다</translation>
    </message>
    <message>
        <source>%1: the server answered HTTP %2</source>
        <translation>%1: 서버 응답 HTTP %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>“%1” stopped</source>
        <translation>“%1” 중지됨</translation>
    </message>
    <message>
        <source>It will not reconnect by itself; see Feeds.</source>
        <translation>스스로 다시 연결하지 않습니다. 피드 창을 보세요.</translation>
    </message>
    <message>
        <source>Open Feeds</source>
        <translation>피드 열기</translation>
    </message>
    <message>
        <source>Herald cannot save messages</source>
        <translation>Herald가 메시지를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Most urgent: %1</source>
        <translation>가장 급한 것: %1</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <comment>a chat message: sender in room</comment>
        <translation>%2의 %1</translation>
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
        <translation>%1: 보내지 않았습니다. %2에는 %3(으)로 요청을 보낼 권한이 없습니다</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>a feed and how many of its messages do-not-disturb held back</comment>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Do not disturb is over: %n message(s) arrived meanwhile</source>
        <translation>
            <numerusform>방해 금지가 끝났습니다: 그동안 메시지 %n개가 도착했습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Herald&apos;s feeds are paused</source>
        <translation>Herald의 피드가 일시 중지되어 있습니다</translation>
    </message>
    <message>
        <source>They were paused when Herald last quit, so nothing arrives. Resume them here, from the tray menu, or with herald --resume.</source>
        <translation>Herald가 마지막으로 종료될 때 일시 중지되어 있어서 아무것도 오지 않습니다. 여기서, 트레이 메뉴에서, 또는 herald --resume으로 다시 시작하세요.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>다시 시작</translation>
    </message>
    <message>
        <source>The demo is running</source>
        <translation>데모가 실행 중입니다</translation>
    </message>
    <message>
        <source>Sample notifications come every few seconds, and Chat in the tray menu joins its room. Publish your own: curl -d &apos;hello&apos; %1</source>
        <translation>몇 초마다 예시 알림이 오고, 트레이 메뉴의 채팅으로 대화방에 들어갈 수 있습니다. 직접 보내 보려면: curl -d &apos;hello&apos; %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::PrioritySpinBox</name>
    <message>
        <source>min</source>
        <translation>최소</translation>
    </message>
    <message>
        <source>low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <source>default</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>high</source>
        <translation>높음</translation>
    </message>
    <message>
        <source>max</source>
        <translation>최대</translation>
    </message>
</context>
<context>
    <name>herald::ui::ProtocolFields</name>
    <message>
        <source>%1 must be a JSON object, like {&quot;token&quot;:&quot;${secret}&quot;}.</source>
        <translation>%1은(는) {&quot;token&quot;:&quot;${secret}&quot;}처럼 JSON 객체여야 합니다.</translation>
    </message>
    <message>
        <source>Messages as they are</source>
        <translation>메시지 그대로</translation>
    </message>
    <message>
        <source>Socket.IO 4</source>
        <translation>Socket.IO 4</translation>
    </message>
    <message>
        <source>GraphQL subscription (graphql-transport-ws)</source>
        <translation>GraphQL 구독 (graphql-transport-ws)</translation>
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
        <translation>엔드포인트 프로토콜(&amp;E):</translation>
    </message>
    <message>
        <source>Automatic: GET, or POST with a body</source>
        <translation>자동: GET, 본문이 있으면 POST</translation>
    </message>
    <message>
        <source>optional: sent with every (re)connect, e.g. {&quot;stream&quot;:true}</source>
        <translation>선택: (재)연결할 때마다 보냄, 예: {&quot;stream&quot;:true}</translation>
    </message>
    <message>
        <source>Request &amp;method:</source>
        <translation>요청 메서드(&amp;M):</translation>
    </message>
    <message>
        <source>Request &amp;body:</source>
        <translation>요청 본문(&amp;B):</translation>
    </message>
    <message>
        <source>Streams served as the answer to a POST (LLM streaming APIs, MCP) need the method and body; JSON goes as application/json unless a header says otherwise. Every reconnect sends them again, with Last-Event-ID.</source>
        <translation>POST에 대한 응답으로 오는 스트림(LLM 스트리밍 API, MCP)에는 메서드와 본문이 필요합니다. 헤더에서 따로 정하지 않으면 JSON은 application/json으로 보냅니다. 재연결할 때마다 Last-Event-ID와 함께 다시 보냅니다.</translation>
    </message>
    <message>
        <source>A polled address is fetched as it is: it speaks no protocol of its own.</source>
        <translation>폴링 주소는 그대로 가져옵니다. 별도의 프로토콜이 없습니다.</translation>
    </message>
    <message>
        <source>optional, comma-separated, e.g. v2.chat</source>
        <translation>선택, 쉼표로 구분, 예: v2.chat</translation>
    </message>
    <message>
        <source>optional, one per line, sent after every (re)connect; ${secret} is the feed&apos;s secret, e.g. {&quot;type&quot;:&quot;subscribe&quot;,&quot;channel&quot;:&quot;BTC&quot;}</source>
        <translation>선택, 한 줄에 하나, (재)연결할 때마다 보냄. ${secret}은 피드의 비밀 값, 예: {&quot;type&quot;:&quot;subscribe&quot;,&quot;channel&quot;:&quot;BTC&quot;}</translation>
    </message>
    <message>
        <source>optional text sent every so often, e.g. {&quot;op&quot;:&quot;ping&quot;}</source>
        <translation>선택: 주기적으로 보낼 텍스트, 예: {&quot;op&quot;:&quot;ping&quot;}</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>every</source>
        <translation>간격</translation>
    </message>
    <message>
        <source>optional, one per line: MATCH=&gt;REPLY, e.g. \{&quot;op&quot;:&quot;ping&quot;,&quot;n&quot;:(\d+)\}=&gt;{&quot;op&quot;:&quot;pong&quot;,&quot;n&quot;:${1}}</source>
        <translation>선택, 한 줄에 하나: MATCH=&gt;REPLY, 예: \{&quot;op&quot;:&quot;ping&quot;,&quot;n&quot;:(\d+)\}=&gt;{&quot;op&quot;:&quot;pong&quot;,&quot;n&quot;:${1}}</translation>
    </message>
    <message>
        <source>S&amp;ubprotocols:</source>
        <translation>하위 프로토콜(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;On open, send:</source>
        <translation>연결 시 보낼 메시지(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Keepalive:</source>
        <translation>연결 유지(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Answer pings:</source>
        <translation>핑 응답(&amp;A):</translation>
    </message>
    <message>
        <source>A message that wholly matches MATCH (a regular expression) is answered with REPLY and not shown; ${1}… are its groups.</source>
        <translation>MATCH(정규식)와 전체가 일치하는 메시지에는 REPLY로 답하고 표시하지 않습니다. ${1}…은 그룹입니다.</translation>
    </message>
    <message>
        <source>optional JSON object, e.g. {&quot;token&quot;:&quot;${secret}&quot;}</source>
        <translation>선택: JSON 객체, 예: {&quot;token&quot;:&quot;${secret}&quot;}</translation>
    </message>
    <message>
        <source>Na&amp;mespace:</source>
        <translation>네임스페이스(&amp;M):</translation>
    </message>
    <message>
        <source>Auth pa&amp;yload:</source>
        <translation>인증 페이로드(&amp;Y):</translation>
    </message>
    <message>
        <source>http://host:port/ is enough: Herald adds /socket.io/. Each event becomes a message named by the event; the chat window emits &quot;message&quot;.</source>
        <translation>http://host:port/만 적으면 됩니다. /socket.io/는 Herald가 붙입니다. 각 이벤트는 이벤트 이름을 가진 메시지가 되고, 채팅 창은 &quot;message&quot; 이벤트를 보냅니다.</translation>
    </message>
    <message>
        <source>subscription { … }</source>
        <translation>subscription { … }</translation>
    </message>
    <message>
        <source>optional JSON object</source>
        <translation>선택: JSON 객체</translation>
    </message>
    <message>
        <source>Su&amp;bscription:</source>
        <translation>구독(&amp;B):</translation>
    </message>
    <message>
        <source>&amp;Variables:</source>
        <translation>변수(&amp;V):</translation>
    </message>
    <message>
        <source>connection_&amp;init payload:</source>
        <translation>connection_init 페이로드(&amp;I):</translation>
    </message>
    <message>
        <source>comma-separated filters, e.g. home/+/temperature, alerts/#</source>
        <translation>쉼표로 구분한 필터, 예: home/+/temperature, alerts/#</translation>
    </message>
    <message>
        <source>1: acknowledged, kept by the broker while Herald is away</source>
        <translation>1: 수신 확인, Herald가 없는 동안 브로커가 보관</translation>
    </message>
    <message>
        <source>0: at most once</source>
        <translation>0: 최대 한 번</translation>
    </message>
    <message>
        <source>where the chat window publishes (default: the only topic)</source>
        <translation>채팅 창이 게시할 곳 (기본값: 하나뿐인 토픽)</translation>
    </message>
    <message>
        <source>default: one of this computer&apos;s own for this feed</source>
        <translation>기본값: 이 컴퓨터가 이 피드에 쓰는 고유 ID</translation>
    </message>
    <message>
        <source>As&amp;k the broker to retain what the chat window publishes</source>
        <translation>채팅 창에서 게시한 메시지를 브로커가 보관(retain)하도록 요청(&amp;K)</translation>
    </message>
    <message>
        <source>Topic &amp;filters:</source>
        <translation>토픽 필터(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Quality of service:</source>
        <translation>서비스 품질(&amp;Q):</translation>
    </message>
    <message>
        <source>Publish t&amp;o:</source>
        <translation>게시할 토픽(&amp;O):</translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation>클라이언트 ID(&amp;I):</translation>
    </message>
    <message>
        <source>The topic is each message&apos;s type. A user name and password go under Authentication (User name and password) on the Connection tab.</source>
        <translation>토픽이 각 메시지의 유형이 됩니다. 사용자 이름과 비밀번호는 연결 탭의 인증(사용자 이름과 비밀번호)에서 정합니다.</translation>
    </message>
    <message>
        <source>http://host:port/prefix is enough: Herald uses SockJS&apos;s WebSocket transport and unwraps its frames.</source>
        <translation>http://host:port/prefix만 적으면 됩니다. Herald는 SockJS의 WebSocket 전송을 쓰고 프레임을 풀어 줍니다.</translation>
    </message>
    <message>
        <source>The answer “%1” needs the form MATCH=&gt;REPLY.</source>
        <translation>응답 “%1”은(는) MATCH=&gt;REPLY 형식이어야 합니다.</translation>
    </message>
    <message>
        <source>The Socket.IO auth payload</source>
        <translation>Socket.IO 인증 페이로드</translation>
    </message>
    <message>
        <source>The GraphQL variables</source>
        <translation>GraphQL 변수</translation>
    </message>
    <message>
        <source>The connection_init payload</source>
        <translation>connection_init 페이로드</translation>
    </message>
    <message>
        <source>Keepalive every</source>
        <translation>연결 유지 간격</translation>
    </message>
</context>
<context>
    <name>herald::ui::ServiceFields</name>
    <message>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>e.g. alerts, backups</source>
        <translation>예: alerts, backups</translation>
    </message>
    <message>
        <source>Several topics: separate them with commas. A protected topic: choose User name and password, or Bearer token for an access token (tk_…), under Authentication.</source>
        <translation>토픽이 여럿이면 쉼표로 구분하세요. 보호된 토픽이면 인증에서 ‘사용자 이름과 비밀번호’를, 액세스 토큰(tk_…)이면 ‘Bearer 토큰’을 고르세요.</translation>
    </message>
    <message>
        <source>The client token: in gotify&apos;s web app, Clients → Create client, then copy its token into Client token below.</source>
        <translation>클라이언트 토큰: gotify 웹 앱에서 Clients → Create client로 만든 뒤, 그 토큰을 아래 ‘클라이언트 토큰’에 붙여 넣으세요.</translation>
    </message>
    <message>
        <source>“%1” cannot be a ntfy topic: use 1 to 64 letters A-Z, digits, - and _.</source>
        <translation>“%1”은(는) ntfy 토픽이 될 수 없습니다. 영문자 A-Z, 숫자, -, _ 로 1~64자를 쓰세요.</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>서버(&amp;V):</translation>
    </message>
    <message>
        <source>T&amp;opics:</source>
        <translation>토픽(&amp;O):</translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingsDialog</name>
    <message>
        <source>Play a &amp;sound with notifications</source>
        <translation>알림과 함께 소리 재생(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quiet hours every day</source>
        <translation>매일 방해 금지 시간(&amp;Q)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>The desktop&apos;s notifications</source>
        <translation>데스크톱 알림</translation>
    </message>
    <message>
        <source>Messages from the tray icon</source>
        <translation>트레이 아이콘 메시지</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>시스템 설정에 따름</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <source> days</source>
        <translation>일</translation>
    </message>
    <message>
        <source>from</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>until</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>&amp;Notifications:</source>
        <translation>알림(&amp;N):</translation>
    </message>
    <message>
        <source>During quiet hours, notify from priority:</source>
        <translation>방해 금지 시간에 알릴 최소 우선순위:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <source>Keep at most (messages):</source>
        <translation>최대 보관 메시지 수:</translation>
    </message>
    <message>
        <source>Keep for at most:</source>
        <translation>최대 보관 기간:</translation>
    </message>
    <message>
        <source>Your name in &amp;chats:</source>
        <translation>채팅에서 쓸 이름(&amp;C):</translation>
    </message>
    <message>
        <source>Could not change starting at login: %1</source>
        <translation>로그인 시 시작 설정을 바꾸지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Start Herald when I log &amp;in</source>
        <translation>로그인할 때 Herald 시작(&amp;I)</translation>
    </message>
    <message>
        <source>how others see you in chat rooms</source>
        <translation>대화방에서 다른 사람에게 보이는 이름</translation>
    </message>
    <message>
        <source>never summarise</source>
        <translation>요약하지 않음</translation>
    </message>
    <message>
        <source>A feed that sends more than this many messages in quick succession is in a burst: what follows is shown as one summary.</source>
        <translation>피드가 짧은 사이에 이보다 많은 메시지를 보내면 폭주로 보고, 그 뒤의 메시지는 요약 하나로 보여 줍니다.</translation>
    </message>
    <message>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <source>Messages that come no faster than this each pop up on their own, at once.</source>
        <translation>이보다 느리게 오는 메시지는 하나하나 바로 알림으로 뜹니다.</translation>
    </message>
    <message>
        <source>Bursts</source>
        <translation>폭주</translation>
    </message>
    <message>
        <source>Show the summary once the feed is quiet for:</source>
        <translation>피드가 이만큼 조용해지면 요약 보이기:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Keep on disk at most:</source>
        <translation>디스크에 최대 보관:</translation>
    </message>
    <message>
        <source>Summarise a &amp;burst after this many popups in a row:</source>
        <translation>연속 알림이 이만큼이면 폭주(&amp;B)로 요약:</translation>
    </message>
    <message>
        <source>Update a long burst&apos;s summary every:</source>
        <translation>긴 폭주의 요약을 다시 알리는 간격:</translation>
    </message>
    <message>
        <source>Popups a minute, from all feeds, at most:</source>
        <translation>모든 피드를 합쳐 분당 최대 알림 수:</translation>
    </message>
    <message>
        <source>Pop up one by one while messages come at most one every:</source>
        <translation>메시지가 이 간격보다 드물게 오면 하나씩 알림:</translation>
    </message>
    <message>
        <source>Quiet from</source>
        <translation>방해 금지 시작</translation>
    </message>
    <message>
        <source>Quiet until</source>
        <translation>방해 금지 끝</translation>
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
        <translation>기록(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>채팅(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Feeds</source>
        <translation>피드(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>Q&amp;uiet</source>
        <translation>조용히(&amp;U)</translation>
    </message>
</context>
<context>
    <name>herald::ui::Toast</name>
    <message>
        <source>Reply</source>
        <translation>답장</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
</context>
<context>
    <name>herald::ui::TrayController</name>
    <message numerus="yes">
        <source>Herald — %1 of %n feed(s) connected</source>
        <translation>
            <numerusform>Herald — 피드 %n개 중 %1개 연결됨</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>읽지 않음 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not disturb until %1</source>
        <translation>%1까지 방해 금지</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>방해 금지 시간</translation>
    </message>
    <message>
        <source>No feeds yet — add one</source>
        <translation>아직 피드 없음 — 추가하기</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>기록(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>채팅(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Feeds</source>
        <translation>피드(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>All feeds paused</source>
        <translation>모든 피드 일시 중지됨</translation>
    </message>
</context>
<context>
    <name>herald::ui::WelcomeWindow</name>
    <message>
        <source>Welcome to Herald</source>
        <translation>Herald에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Notifications from the servers you run</source>
        <translation>내가 운영하는 서버에서 오는 알림</translation>
    </message>
    <message>
        <source>Herald follows Server-Sent Events and WebSocket feeds (build pipelines, chat, price tickers, home automation, ntfy, gotify and Mercure hubs, your own apps) and shows what arrives as desktop notifications. Everything is kept in a searchable history, and feeds that talk both ways open in a chat window. Herald waits in the tray; its icon shows whether every feed is connected.</source>
        <translation>Herald는 Server-Sent Events와 WebSocket 피드(빌드 파이프라인, 채팅, 시세, 홈 오토메이션, ntfy·gotify·Mercure 허브, 직접 만든 앱)를 따라가며 도착한 것을 데스크톱 알림으로 보여 줍니다. 모든 것은 검색할 수 있는 기록에 남고, 양방향 피드는 채팅 창에서 열립니다. Herald는 트레이에서 기다리며, 아이콘이 모든 피드가 연결되었는지 보여 줍니다.</translation>
    </message>
    <message>
        <source>Add your first feed:</source>
        <translation>첫 피드 추가:</translation>
    </message>
    <message>
        <source>&amp;ntfy topic…</source>
        <translation>&amp;ntfy 토픽…</translation>
    </message>
    <message>
        <source>ntfy.sh or your own ntfy server</source>
        <translation>ntfy.sh 또는 직접 운영하는 ntfy 서버</translation>
    </message>
    <message>
        <source>&amp;gotify server…</source>
        <translation>&amp;gotify 서버…</translation>
    </message>
    <message>
        <source>a gotify stream, with its client token</source>
        <translation>클라이언트 토큰이 있는 gotify 스트림</translation>
    </message>
    <message>
        <source>&amp;Mercure hub…</source>
        <translation>&amp;Mercure 허브…</translation>
    </message>
    <message>
        <source>a topic on a Mercure hub</source>
        <translation>Mercure 허브의 토픽</translation>
    </message>
    <message>
        <source>Any &amp;SSE or WebSocket address…</source>
        <translation>아무 &amp;SSE 또는 WebSocket 주소…</translation>
    </message>
    <message>
        <source>what arrives is read as JSON or text, as it comes</source>
        <translation>도착하는 대로 JSON이나 텍스트로 읽습니다</translation>
    </message>
    <message>
        <source>&amp;Try the demo</source>
        <translation>데모 해 보기(&amp;T)</translation>
    </message>
    <message>
        <source>A demo server inside Herald: sample notifications every few seconds and a chat room</source>
        <translation>Herald 안의 데모 서버: 몇 초마다 오는 예제 알림과 채팅방</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>나중에(&amp;L)</translation>
    </message>
    <message>
        <source>Or see it work first:</source>
        <translation>또는 먼저 동작을 보기:</translation>
    </message>
</context>
</TS>
