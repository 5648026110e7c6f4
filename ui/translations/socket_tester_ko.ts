<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>Composer</name>
    <message>
        <location filename="../composer.py" line="37"/>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <location filename="../composer.py" line="37"/>
        <source>Hex</source>
        <translation>16진수</translation>
    </message>
    <message>
        <location filename="../composer.py" line="39"/>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../composer.py" line="59"/>
        <source>{count} character</source>
        <translation>{count}자</translation>
    </message>
    <message>
        <location filename="../composer.py" line="60"/>
        <source>{count} characters</source>
        <translation>{count}자</translation>
    </message>
    <message>
        <location filename="../composer.py" line="64"/>
        <source>{count} byte</source>
        <translation>{count}바이트</translation>
    </message>
    <message>
        <location filename="../composer.py" line="65"/>
        <source>{count} bytes</source>
        <translation>{count}바이트</translation>
    </message>
    <message>
        <location filename="../composer.py" line="218"/>
        <source>Message to send</source>
        <translation>보낼 메시지</translation>
    </message>
    <message>
        <location filename="../composer.py" line="219"/>
        <source>Type a message, e.g. HELLO\r\n</source>
        <translation>메시지를 입력하세요. 예: HELLO\r\n</translation>
    </message>
    <message>
        <location filename="../composer.py" line="220"/>
        <source>&amp;Message:</source>
        <translation>메시지(&amp;M):</translation>
    </message>
    <message>
        <location filename="../composer.py" line="225"/>
        <source>Bytes to send</source>
        <translation>보낼 바이트</translation>
    </message>
    <message>
        <location filename="../composer.py" line="231"/>
        <source>&amp;Send</source>
        <translation>보내기(&amp;S)</translation>
    </message>
    <message>
        <location filename="../composer.py" line="233"/>
        <source>Send message</source>
        <translation>메시지 보내기</translation>
    </message>
    <message>
        <location filename="../composer.py" line="234"/>
        <source>Send f&amp;ile…</source>
        <translation>파일 보내기(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../composer.py" line="236"/>
        <location filename="../composer.py" line="365"/>
        <source>Send file</source>
        <translation>파일 보내기</translation>
    </message>
    <message>
        <location filename="../composer.py" line="237"/>
        <source>Choose a file and send its contents as they are</source>
        <translation>파일을 골라 그 내용을 그대로 보냅니다</translation>
    </message>
    <message>
        <location filename="../composer.py" line="239"/>
        <source>Message format</source>
        <translation>메시지 형식</translation>
    </message>
    <message>
        <location filename="../composer.py" line="240"/>
        <source>F&amp;ormat:</source>
        <translation>형식(&amp;O):</translation>
    </message>
    <message>
        <location filename="../composer.py" line="241"/>
        <source>Text encoding</source>
        <translation>텍스트 인코딩</translation>
    </message>
    <message>
        <location filename="../composer.py" line="242"/>
        <source>E&amp;ncoding:</source>
        <translation>인코딩(&amp;N):</translation>
    </message>
    <message>
        <location filename="../composer.py" line="243"/>
        <source>Line ending added on send</source>
        <translation>보낼 때 덧붙이는 줄 끝</translation>
    </message>
    <message>
        <location filename="../composer.py" line="244"/>
        <source>Line en&amp;ding:</source>
        <translation>줄 끝(&amp;D):</translation>
    </message>
    <message>
        <location filename="../composer.py" line="245"/>
        <source>Appended to every message when it is sent, in both formats</source>
        <translation>두 형식 모두, 메시지를 보낼 때마다 끝에 덧붙입니다</translation>
    </message>
    <message>
        <location filename="../composer.py" line="247"/>
        <source>Esc&amp;apes \r \n \t \0 \xHH</source>
        <translation>이스케이프(&amp;A) \r \n \t \0 \xHH</translation>
    </message>
    <message>
        <location filename="../composer.py" line="249"/>
        <source>Understand escapes</source>
        <translation>이스케이프 해석</translation>
    </message>
    <message>
        <location filename="../composer.py" line="250"/>
        <source>\r \n \t \0 \\ and \xHH become the bytes they name</source>
        <translation>\r \n \t \0 \\ 와 \xHH 는 해당하는 바이트로 바뀝니다</translation>
    </message>
    <message>
        <location filename="../composer.py" line="253"/>
        <source>M&amp;ulti-line</source>
        <translation>여러 줄(&amp;U)</translation>
    </message>
    <message>
        <location filename="../composer.py" line="255"/>
        <source>Multi-line message</source>
        <translation>여러 줄 메시지</translation>
    </message>
    <message>
        <location filename="../composer.py" line="256"/>
        <source>On: Enter starts a new line and Ctrl+Enter sends</source>
        <translation>켜면 Enter는 줄을 바꾸고 Ctrl+Enter로 보냅니다</translation>
    </message>
    <message>
        <location filename="../composer.py" line="366"/>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../composer.py" line="422"/>
        <source>{characters} — encoded on send</source>
        <translation>{characters} — 보낼 때 인코딩합니다</translation>
    </message>
    <message>
        <location filename="../composer.py" line="443"/>
        <source>Nothing to send</source>
        <translation>보낼 내용이 없습니다</translation>
    </message>
    <message>
        <location filename="../composer.py" line="472"/>
        <source>Connect first</source>
        <translation>먼저 연결하세요</translation>
    </message>
    <message>
        <location filename="../composer.py" line="474"/>
        <source>Fix the message first (see below it)</source>
        <translation>먼저 메시지를 고치세요 (아래 설명 참고)</translation>
    </message>
    <message>
        <location filename="../composer.py" line="476"/>
        <source>Send the message (Ctrl+Enter)</source>
        <translation>메시지 보내기 (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>DemoPanel</name>
    <message>
        <location filename="../demo_panel.py" line="65"/>
        <source>Demo servers</source>
        <translation>데모 서버</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="75"/>
        <source>Demo server kind</source>
        <translation>데모 서버 종류</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="77"/>
        <source>any free port</source>
        <translation>자동 할당</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="78"/>
        <source>Demo server port</source>
        <translation>데모 서버 포트</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="79"/>
        <source>&amp;Start</source>
        <translation>시작(&amp;S)</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="81"/>
        <source>Sto&amp;p</source>
        <translation>중지(&amp;P)</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="82"/>
        <source>Stop the demo server</source>
        <translation>데모 서버 중지</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="83"/>
        <source>Stop &amp;all</source>
        <translation>모두 중지(&amp;A)</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="84"/>
        <source>Stop every demo server</source>
        <translation>모든 데모 서버 중지</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="87"/>
        <source>Running demo servers</source>
        <translation>실행 중인 데모 서버</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="89"/>
        <location filename="../demo_panel.py" line="189"/>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="91"/>
        <source>Demo server activity</source>
        <translation>데모 서버 활동</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="96"/>
        <source>&amp;Kind:</source>
        <translation>종류(&amp;K):</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="98"/>
        <source>P&amp;ort:</source>
        <translation>포트(&amp;O):</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="130"/>
        <source>cannot start {kind}: {error}</source>
        <translation>{kind}을(를) 시작할 수 없습니다: {error}</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="188"/>
        <source>{count} demo server(s) running</source>
        <translation>데모 서버 {count}개 실행 중</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="80"/>
        <source>Start the demo server</source>
        <translation>데모 서버 시작</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="182"/>
        <source>{kind} on {address} · {count} client(s)</source>
        <translation>{kind} · {address} · 클라이언트 {count}개</translation>
    </message>
</context>
<context>
    <name>DemoServerKinds</name>
    <message>
        <location filename="../demo_panel.py" line="29"/>
        <source>Sends back every byte it receives.</source>
        <translation>받은 바이트를 모두 그대로 돌려보냅니다.</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="30"/>
        <source>Reads until it has seen &lt;EOF&gt;, sends everything up to and including it back, then closes (the server of the classic .NET asynchronous client example).</source>
        <translation>&lt;EOF&gt;가 나올 때까지 읽고, &lt;EOF&gt;까지의 내용을 모두 돌려보낸 뒤 연결을 닫습니다 (고전적인 .NET 비동기 클라이언트 소켓 예제의 서버).</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="33"/>
        <source>Replies to each chunk with the same bytes in small pieces, with a pause between them, so the client gets several receive callbacks.</source>
        <translation>받은 덩어리마다 같은 바이트를 작은 조각으로 나누어 사이사이 쉬면서 돌려보내므로, 클라이언트는 받기 콜백을 여러 번 받습니다.</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="35"/>
        <source>Streams a repeating line of text as fast as the client reads it (with back-pressure).</source>
        <translation>클라이언트가 읽는 속도에 맞춰 같은 텍스트 줄을 계속 보냅니다 (배압 적용).</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="37"/>
        <source>Reads and throws away everything it receives (and counts it).</source>
        <translation>받은 것을 모두 읽고 버립니다 (양은 셉니다).</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="38"/>
        <source>Accepts and never reads, so whatever the client sends piles up: back-pressure.</source>
        <translation>연결은 받지만 전혀 읽지 않으므로, 클라이언트가 보낸 데이터가 쌓입니다: 배압.</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="40"/>
        <source>Replies &quot;bye&quot; to the first chunk it receives, then closes the connection.</source>
        <translation>처음 받은 덩어리에 &quot;bye&quot;로 답한 뒤 연결을 닫습니다.</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="42"/>
        <source>Resets the connection (RST) when data arrives: the client sees &quot;Connection reset by peer&quot;.</source>
        <translation>데이터가 도착하면 연결을 재설정(RST)합니다: 클라이언트에는 &quot;Connection reset by peer&quot;가 보입니다.</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="44"/>
        <source>Accepts and reads, but never answers: a reply timeout (Teaching tab) fires.</source>
        <translation>연결을 받고 읽기만 할 뿐 답하지 않습니다. 응답 시간 제한(교육 탭)이 작동합니다.</translation>
    </message>
    <message>
        <location filename="../demo_panel.py" line="45"/>
        <source>Its accept queue is full, so connecting hangs (no SYN-ACK) until the client&apos;s connect timeout fires.</source>
        <translation>연결 대기열이 가득 차 있어, 클라이언트의 연결 시간 제한이 걸릴 때까지 연결이 멈춰 있습니다 (SYN-ACK 없음).</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../log_panel.py" line="28"/>
        <source>Per read callback</source>
        <translation>읽기 콜백마다</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="29"/>
        <source>Until LF</source>
        <translation>LF까지</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="30"/>
        <source>Until CRLF</source>
        <translation>CRLF까지</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="31"/>
        <source>Until NUL</source>
        <translation>NUL까지</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="32"/>
        <source>Until custom bytes…</source>
        <translation>지정한 바이트까지…</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="33"/>
        <source>Length prefix: 1 byte</source>
        <translation>길이 접두사: 1바이트</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="34"/>
        <source>Length prefix: 2 bytes, big-endian</source>
        <translation>길이 접두사: 2바이트, 빅 엔디언</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="36"/>
        <source>Length prefix: 2 bytes, little-endian</source>
        <translation>길이 접두사: 2바이트, 리틀 엔디언</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="38"/>
        <source>Length prefix: 4 bytes, big-endian</source>
        <translation>길이 접두사: 4바이트, 빅 엔디언</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="40"/>
        <source>Length prefix: 4 bytes, little-endian</source>
        <translation>길이 접두사: 4바이트, 리틀 엔디언</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="42"/>
        <location filename="../log_panel.py" line="106"/>
        <source>Idle gap</source>
        <translation>유휴 간격</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="43"/>
        <source>Until the peer closes</source>
        <translation>상대가 닫을 때까지</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="48"/>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="49"/>
        <source>Hex</source>
        <translation>16진수</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="50"/>
        <source>Text + Hex</source>
        <translation>텍스트 + 16진수</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="96"/>
        <source>Display mode</source>
        <translation>표시 방식</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="100"/>
        <source>Where a received message ends</source>
        <translation>받은 메시지가 끝나는 곳</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="101"/>
        <source>TCP is a stream: choose the rule that decides where a message ends</source>
        <translation>TCP는 스트림입니다: 메시지가 어디서 끝나는지 정할 규칙을 고르세요</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="102"/>
        <source>e.g. \r\n or 0x0d0a</source>
        <translation>예: \r\n 또는 0x0d0a</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="103"/>
        <source>Custom delimiter</source>
        <translation>사용자 지정 구분자</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="108"/>
        <source>&amp;Signals</source>
        <translation>시그널(&amp;S)</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="109"/>
        <source>Show every QTcpSocket signal as it fires, with µs timing and thread</source>
        <translation>QTcpSocket 시그널이 발생할 때마다 µs 단위 시각과 스레드와 함께 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="110"/>
        <source>Show socket signals</source>
        <translation>소켓 시그널 보기</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="111"/>
        <source>&amp;Wall clock</source>
        <translation>실제 시각(&amp;W)</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="112"/>
        <source>Timestamps as time of day instead of time since the connect began</source>
        <translation>연결 시작 후 경과 시간 대신 하루 중 시각으로 타임스탬프를 표시합니다</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="113"/>
        <source>Wall clock timestamps</source>
        <translation>실제 시각 타임스탬프</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="114"/>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="115"/>
        <source>Stop logging data (counters and Record keep counting)</source>
        <translation>데이터 기록을 멈춥니다 (카운터와 녹화는 계속 셉니다)</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="116"/>
        <source>Pause the log</source>
        <translation>로그 일시 정지</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="117"/>
        <source>Find in log (Enter: next)</source>
        <translation>로그에서 찾기 (Enter: 다음)</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="118"/>
        <source>Find in log</source>
        <translation>로그에서 찾기</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="121"/>
        <source>C&amp;lear</source>
        <translation>지우기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="122"/>
        <source>Clear the log</source>
        <translation>로그 지우기</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="123"/>
        <source>● Record…</source>
        <translation>● 녹화…</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="124"/>
        <source>+ raw .bin</source>
        <translation>+ 원시 .bin</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="125"/>
        <source>Also save the received stream as a raw .bin file</source>
        <translation>받은 스트림을 원시 .bin 파일로도 저장</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="126"/>
        <source>Recording also writes every received byte, and nothing else, to NAME.in.bin next to the capture</source>
        <translation>녹화할 때 받은 바이트만 그대로 캡처 옆의 NAME.in.bin에도 씁니다</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="128"/>
        <source>Write every sent and received byte to a capture file</source>
        <translation>보내고 받은 모든 바이트를 캡처 파일에 기록합니다</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="129"/>
        <source>Record to a capture file</source>
        <translation>캡처 파일로 녹화</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="130"/>
        <source>Save log…</source>
        <translation>로그 저장…</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="131"/>
        <source>Save log</source>
        <translation>로그 저장</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="132"/>
        <source>Open capture…</source>
        <translation>캡처 열기…</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="133"/>
        <source>Open capture</source>
        <translation>캡처 열기</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="140"/>
        <source>Show:</source>
        <translation>표시:</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="142"/>
        <source>Message ends:</source>
        <translation>메시지 끝:</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="153"/>
        <source> lines</source>
        <translation> 줄</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="155"/>
        <source>Lines the log keeps</source>
        <translation>로그가 보관하는 줄 수</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="156"/>
        <source>Older lines drop off beyond this; counters and Record keep everything</source>
        <translation>이보다 오래된 줄은 사라집니다. 카운터와 기록은 모두 보관합니다</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="160"/>
        <source>Keep:</source>
        <translation>보관:</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="223"/>
        <source>log paused: data is counted (and recorded) but not shown</source>
        <translation>로그 일시 정지: 데이터는 세고 (녹화하지만) 표시하지 않습니다</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="224"/>
        <source>log resumed</source>
        <translation>로그 다시 시작</translation>
    </message>
    <message>
        <location filename="../log_panel.py" line="229"/>
        <source>⋯ {dropped:,} older lines dropped (the log keeps the newest {kept:,}; Record keeps everything)</source>
        <translation>⋯ 오래된 줄 {dropped:,}개를 버렸습니다 (로그는 최근 {kept:,}줄만 보관합니다. 녹화는 모두 보관합니다)</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../log_panel.py" line="60"/>
        <source>Log</source>
        <translation>로그</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="133"/>
        <source>Socket Tester</source>
        <translation>Socket Tester</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159"/>
        <location filename="../main_window.py" line="453"/>
        <source>&amp;Teaching</source>
        <translation>학습(&amp;T)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>Time&amp;line</source>
        <translation>타임라인(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>&amp;Demo servers</source>
        <translation>데모 서버(&amp;D)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>Liste&amp;n</source>
        <translation>수신 대기(&amp;N)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>Sa&amp;ved</source>
        <translation>저장됨(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <source>Stat&amp;istics</source>
        <translation>통계(&amp;I)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="252"/>
        <source>Protocol</source>
        <translation>프로토콜</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="253"/>
        <source>TL&amp;S</source>
        <translation>TL&amp;S</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254"/>
        <source>Encrypt with TLS; the server&apos;s certificate is verified</source>
        <translation>TLS로 암호화합니다. 서버 인증서를 검증합니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255"/>
        <source>Use TLS</source>
        <translation>TLS 사용</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="257"/>
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="258"/>
        <source>host name, IPv4 or IPv6 address</source>
        <translation>호스트 이름, IPv4 또는 IPv6 주소</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="260"/>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263"/>
        <location filename="../main_window.py" line="582"/>
        <source>&amp;Connect</source>
        <translation>연결(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="264"/>
        <location filename="../main_window.py" line="584"/>
        <source>Dis&amp;connect</source>
        <translation>연결 끊기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="265"/>
        <source>Graceful close: queued data is sent first, then FIN</source>
        <translation>정상 종료: 대기 중인 데이터를 먼저 보낸 뒤 FIN을 보냅니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="266"/>
        <location filename="../main_window.py" line="433"/>
        <source>&amp;Half-close</source>
        <translation>반쪽 닫기(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="267"/>
        <source>Stop sending (FIN) but keep reading until the peer closes</source>
        <translation>보내기는 멈추지만(FIN) 상대가 닫을 때까지 계속 읽습니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268"/>
        <source>&amp;Abort</source>
        <translation>중단(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="269"/>
        <source>Reset the connection now (RST); queued data is dropped</source>
        <translation>지금 연결을 재설정합니다(RST). 대기 중인 데이터는 버려집니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271"/>
        <source>Half-close</source>
        <translation>반쪽 닫기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="272"/>
        <source>Abort</source>
        <translation>중단</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276"/>
        <source>&amp;Host:</source>
        <translation>호스트(&amp;H):</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="278"/>
        <source>&amp;Port:</source>
        <translation>포트(&amp;P):</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="287"/>
        <source>the host</source>
        <translation>호스트와 같음</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="288"/>
        <source>Server name to verify</source>
        <translation>검증할 서버 이름</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="289"/>
        <source>system CAs</source>
        <translation>시스템 CA</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="290"/>
        <source>CA file (PEM)</source>
        <translation>CA 파일 (PEM)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="291"/>
        <location filename="../main_window.py" line="293"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="292"/>
        <source>Client certificate (PEM)</source>
        <translation>클라이언트 인증서 (PEM)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="294"/>
        <source>Client key (PEM)</source>
        <translation>클라이언트 키 (PEM)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>Verify name:</source>
        <translation>검증 이름:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>CA file:</source>
        <translation>CA 파일:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Client cert:</source>
        <translation>클라이언트 인증서:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>Key:</source>
        <translation>키:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="307"/>
        <source>&amp;Trust this certificate once and reconnect</source>
        <translation>이번만 이 인증서를 신뢰하고 다시 연결(&amp;T)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="309"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="310"/>
        <source>Trust this certificate once and reconnect</source>
        <translation>이번만 이 인증서를 신뢰하고 다시 연결</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="311"/>
        <source>Dismiss the certificate warning</source>
        <translation>인증서 경고 닫기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="321"/>
        <source>until stopped</source>
        <translation>멈출 때까지</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="322"/>
        <source>Repeat count</source>
        <translation>반복 횟수</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="323"/>
        <source> times</source>
        <translation>회</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="326"/>
        <source>Repeat interval</source>
        <translation>반복 간격</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="327"/>
        <source>Time between sends; 0 = as fast as the connection takes them</source>
        <translation>보내기 사이의 간격. 0 = 연결이 받아들이는 만큼 빠르게</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="328"/>
        <source>&amp;Repeat</source>
        <translation>반복(&amp;R)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="329"/>
        <source>Repeat sending</source>
        <translation>반복해서 보내기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="332"/>
        <source>Send:</source>
        <translation>보내기:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="334"/>
        <source>every</source>
        <translation>간격</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="346"/>
        <source>Zoom to &amp;fit</source>
        <translation>전체 보기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="347"/>
        <source>Export &amp;PNG…</source>
        <translation>PNG로 내보내기(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="348"/>
        <source>Export S&amp;VG…</source>
        <translation>SVG로 내보내기(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="366"/>
        <source>Export timeline</source>
        <translation>타임라인 내보내기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="367"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="367"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 그림 (*.svg)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="373"/>
        <source>timeline not exported: {error}</source>
        <translation>타임라인을 내보내지 못했습니다: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="376"/>
        <source>timeline exported to {path}</source>
        <translation>타임라인을 {path}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="385"/>
        <source>Traffic statistics</source>
        <translation>트래픽 통계</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="396"/>
        <source>The event loop&apos;s heartbeat: it keeps beating while a connection hangs</source>
        <translation>이벤트 루프의 심장 박동: 연결이 멈춰 있어도 계속 뜁니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="422"/>
        <source>&amp;Open capture…</source>
        <translation>캡처 열기(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="424"/>
        <source>&amp;Save log…</source>
        <translation>로그 저장(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="427"/>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="429"/>
        <source>&amp;Connection</source>
        <translation>연결(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="431"/>
        <source>Connect / &amp;Disconnect</source>
        <translation>연결 / 연결 끊기(&amp;D)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="435"/>
        <source>&amp;Abort (reset)</source>
        <translation>중단 (재설정)(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="438"/>
        <source>&amp;Send message</source>
        <translation>메시지 보내기(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="441"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="443"/>
        <source>&amp;Find in log</source>
        <translation>로그에서 찾기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="445"/>
        <source>C&amp;lear log</source>
        <translation>로그 지우기(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="447"/>
        <source>&amp;Larger font (projector)</source>
        <translation>글꼴 크게 (프로젝터)(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="450"/>
        <source>&amp;Smaller font</source>
        <translation>글꼴 작게(&amp;S)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="457"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="459"/>
        <source>&amp;About Socket Tester</source>
        <translation>Socket Tester 정보(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="499"/>
        <source>{n:,} sent</source>
        <translation>{n:,}번 보냄</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="502"/>
        <source>repeat stopped: {why}</source>
        <translation>반복 중지됨: {why}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="547"/>
        <source>not sent: {error}</source>
        <translation>보내지 못함: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="553"/>
        <source>cannot read {path}: {error}</source>
        <translation>{path}을(를) 읽을 수 없습니다: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="556"/>
        <source>sending file {name}: {count:,} bytes</source>
        <translation>파일 {name} 보내는 중: {count:,}바이트</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="582"/>
        <source>&amp;Bind</source>
        <translation>바인드(&amp;B)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="583"/>
        <source>Bind</source>
        <translation>바인드</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="583"/>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="584"/>
        <source>&amp;Close</source>
        <translation>닫기(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="585"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="585"/>
        <source>Disconnect</source>
        <translation>연결 끊기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="593"/>
        <source>The server&apos;s certificate was rejected; the connection was stopped.</source>
        <translation>서버 인증서가 거부되어 연결을 멈췄습니다.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="600"/>
        <source>   subject: {subject}   issuer: {issuer}
   valid {not_before} → {not_after}
   SHA-256 {sha256}</source>
        <translation>   주체: {subject}   발급자: {issuer}
   유효 기간 {not_before} → {not_after}
   SHA-256 {sha256}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="637"/>
        <source>saved message {name!r} loaded; connect to send it</source>
        <translation>저장된 메시지 {name!r}을(를) 불러왔습니다. 보내려면 연결하세요</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="642"/>
        <source>Save message</source>
        <translation>메시지 저장</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="642"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="649"/>
        <source>message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="662"/>
        <source>message not saved: {error}</source>
        <translation>메시지를 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="664"/>
        <source>saved message {name!r}</source>
        <translation>메시지 {name!r}을(를) 저장했습니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="676"/>
        <source>cannot repeat: {error}</source>
        <translation>반복할 수 없습니다: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="720"/>
        <source>in:  {bytes_in} in {reads:,} reads · now {rate_in} · average {average_in}
out: {bytes_out} in {sends:,} sends · now {rate_out} · average {average_out}
connected for {seconds:.1f} s · last round trip {round_trip}</source>
        <translation>받음: {bytes_in}, 읽기 {reads:,}회 · 현재 {rate_in} · 평균 {average_in}
보냄: {bytes_out}, 보내기 {sends:,}회 · 현재 {rate_out} · 평균 {average_out}
연결 시간 {seconds:.1f}초 · 마지막 왕복 시간 {round_trip}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="784"/>
        <source>Record to capture file</source>
        <translation>캡처 파일로 녹화</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="785"/>
        <location filename="../main_window.py" line="835"/>
        <source>Socket Tester capture (*.jsonl);;All files (*)</source>
        <translation>Socket Tester 캡처 (*.jsonl);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="796"/>
        <source>recording every byte to {path}</source>
        <translation>모든 바이트를 {path}에 녹화하는 중</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="797"/>
        <source> (received stream: {path})</source>
        <translation> (받은 스트림: {path})</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="806"/>
        <source>capture saved: {path} ({records:,} records, {bytes_out:,} bytes out, {bytes_in:,} bytes in)</source>
        <translation>캡처 저장됨: {path} (레코드 {records:,}개, 보냄 {bytes_out:,}바이트, 받음 {bytes_in:,}바이트)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="816"/>
        <source>recording stopped, capture NOT saved: {error}</source>
        <translation>녹화가 중단되어 캡처를 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="822"/>
        <source>Save log</source>
        <translation>로그 저장</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="823"/>
        <source>Text (*.txt);;All files (*)</source>
        <translation>텍스트 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="829"/>
        <source>log not saved: {error}</source>
        <translation>로그를 저장하지 못했습니다: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="832"/>
        <source>log saved to {path}</source>
        <translation>로그를 {path}에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="835"/>
        <source>Open capture</source>
        <translation>캡처 열기</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="845"/>
        <source>cannot open capture {path}: {error}</source>
        <translation>캡처 {path}을(를) 열 수 없습니다: {error}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="851"/>
        <source>viewing capture {path}: {count:,} records</source>
        <translation>캡처 {path} 보는 중: 레코드 {count:,}개</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="926"/>
        <source>UDP bound to {endpoint}</source>
        <translation>UDP가 {endpoint}에 바인드됨</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="927"/>
        <source>UDP not bound</source>
        <translation>UDP 바인드 안 됨</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="929"/>
        <source> · peer closed, we have not</source>
        <translation> · 상대는 닫았고 우리는 아직 열려 있음</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="939"/>
        <source>sent {size}</source>
        <translation>보냄 {size}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="940"/>
        <source>received {size}</source>
        <translation>받음 {size}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="942"/>
        <source>queued {size}</source>
        <translation>대기 {size}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="944"/>
        <source>{size} wait for a message end</source>
        <translation>{size}가 메시지 끝을 기다림</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="949"/>
        <source>{glyph} event loop: longest stall {ms:.0f} ms</source>
        <translation>{glyph} 이벤트 루프: 최장 정지 {ms:.0f} ms</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="953"/>
        <source>Socket Tester {version} — Qt&apos;s asynchronous sockets, callback by callback</source>
        <translation>Socket Tester {version} — Qt 비동기 소켓을 콜백 하나하나 살펴봅니다</translation>
    </message>
</context>
<context>
    <name>MessageEdit</name>
    <message>
        <location filename="../composer.py" line="42"/>
        <source>Enter or Ctrl+Enter sends, Shift+Enter starts a new line, Up and Down recall earlier messages.</source>
        <translation>Enter 또는 Ctrl+Enter로 보내고, Shift+Enter로 줄을 바꾸며, 위/아래 화살표로 이전 메시지를 불러옵니다.</translation>
    </message>
    <message>
        <location filename="../composer.py" line="44"/>
        <source>Ctrl+Enter sends, Enter starts a new line.</source>
        <translation>Ctrl+Enter로 보내고, Enter로 줄을 바꿉니다.</translation>
    </message>
</context>
<context>
    <name>SavedPanel</name>
    <message>
        <location filename="../saved_panel.py" line="30"/>
        <source>Saved messages (*.json);;All files (*)</source>
        <translation>저장된 메시지 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="43"/>
        <source>Saved messages</source>
        <translation>저장된 메시지</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="47"/>
        <location filename="../saved_panel.py" line="49"/>
        <source>Search saved messages</source>
        <translation>저장된 메시지 검색</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="50"/>
        <source>Filters the list by name and content, ignoring case.</source>
        <translation>이름과 내용으로 목록을 거릅니다 (대소문자 무시).</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="54"/>
        <source>Saved messages list</source>
        <translation>저장된 메시지 목록</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="55"/>
        <source>Double-click a message to load it into the editor.</source>
        <translation>메시지를 두 번 클릭하면 편집기로 불러옵니다.</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="59"/>
        <source>Save current</source>
        <translation>현재 메시지 저장</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="60"/>
        <source>Save the message in the editor under a name</source>
        <translation>편집기의 메시지를 이름을 붙여 저장합니다</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="61"/>
        <source>Load</source>
        <translation>불러오기</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="62"/>
        <source>Load the selected message into the editor</source>
        <translation>선택한 메시지를 편집기로 불러옵니다</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="63"/>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="63"/>
        <source>Send the selected message now</source>
        <translation>선택한 메시지를 지금 보냅니다</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="64"/>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="65"/>
        <source>Rename the selected message</source>
        <translation>선택한 메시지의 이름을 바꿉니다</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="66"/>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="67"/>
        <source>Delete the selected message</source>
        <translation>선택한 메시지를 삭제합니다</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="68"/>
        <source>Import…</source>
        <translation>가져오기…</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="69"/>
        <source>Add saved messages from a JSON file</source>
        <translation>JSON 파일에서 저장된 메시지를 추가합니다</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="70"/>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="71"/>
        <source>Write all saved messages to a JSON file</source>
        <translation>저장된 메시지를 모두 JSON 파일로 씁니다</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="75"/>
        <source>Saved messages status</source>
        <translation>저장된 메시지 상태</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="111"/>
        <source>Import saved messages</source>
        <translation>저장된 메시지 가져오기</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="113"/>
        <source>Export saved messages</source>
        <translation>저장된 메시지 내보내기</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="118"/>
        <source>Rename saved message</source>
        <translation>저장된 메시지 이름 바꾸기</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="118"/>
        <source>New name:</source>
        <translation>새 이름:</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="123"/>
        <source>Delete saved message</source>
        <translation>저장된 메시지 삭제</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="125"/>
        <source>Delete the saved message {name!r}?</source>
        <translation>저장된 메시지 {name!r}을(를) 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="165"/>
        <source>{protocol} {endpoint} · {format} · {count} characters</source>
        <translation>{protocol} {endpoint} · {format} · {count}자</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="198"/>
        <source>Not renamed: {error}</source>
        <translation>이름을 바꾸지 못했습니다: {error}</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="201"/>
        <source>Renamed to {name}.</source>
        <translation>이름을 {name}(으)로 바꿨습니다.</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="208"/>
        <source>Deleted {name}.</source>
        <translation>{name}을(를) 삭제했습니다.</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="217"/>
        <source>Import failed: {error}</source>
        <translation>가져오기 실패: {error}</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="220"/>
        <source> First problem: {problem}</source>
        <translation> 첫 번째 문제: {problem}</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="230"/>
        <source>Export failed: {error}</source>
        <translation>내보내기 실패: {error}</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="233"/>
        <source>Exported {count} message to {path}.</source>
        <translation>메시지 {count}개를 {path}(으)로 내보냈습니다.</translation>
    </message>
    <message>
        <location filename="../saved_panel.py" line="234"/>
        <source>Exported {count} messages to {path}.</source>
        <translation>메시지 {count}개를 {path}(으)로 내보냈습니다.</translation>
    </message>
</context>
<context>
    <name>ServerPanel</name>
    <message>
        <location filename="../server_panel.py" line="40"/>
        <source>exact</source>
        <translation>정확히 일치</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="41"/>
        <source>contains</source>
        <translation>포함</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="42"/>
        <source>regex</source>
        <translation>정규식</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="59"/>
        <source>every address</source>
        <translation>모든 주소</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="60"/>
        <source>Listening on {address} accepts connections on every network interface: other machines can reach this port.</source>
        <translation>{address}에서 수신 대기하면 모든 네트워크 인터페이스의 연결을 받습니다: 다른 컴퓨터가 이 포트에 접속할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="65"/>
        <source>{address} is a network address: other machines on that network can reach this port.</source>
        <translation>{address}은(는) 네트워크 주소입니다: 그 네트워크의 다른 컴퓨터가 이 포트에 접속할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="91"/>
        <source>Server mode</source>
        <translation>서버 모드</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="102"/>
        <location filename="../server_panel.py" line="104"/>
        <location filename="../server_panel.py" line="158"/>
        <source>Bind address</source>
        <translation>바인드 주소</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="106"/>
        <source>127.0.0.1 / ::1 accept only connections from this machine.</source>
        <translation>127.0.0.1 / ::1 은 이 컴퓨터에서 오는 연결만 받습니다.</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="107"/>
        <source>Listen port</source>
        <translation>수신 대기 포트</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="109"/>
        <source>any free port</source>
        <translation>자동 할당</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="110"/>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="110"/>
        <source>Start listening</source>
        <translation>수신 대기 시작</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="111"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="111"/>
        <source>Stop listening</source>
        <translation>수신 대기 중지</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="113"/>
        <source>Network exposure warning</source>
        <translation>네트워크 노출 경고</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="115"/>
        <location filename="../server_panel.py" line="222"/>
        <location filename="../server_panel.py" line="282"/>
        <source>Not listening.</source>
        <translation>수신 대기 중이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="116"/>
        <source>Server status</source>
        <translation>서버 상태</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="118"/>
        <source>Connected clients</source>
        <translation>연결된 클라이언트</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="120"/>
        <source>Client</source>
        <translation>클라이언트</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="120"/>
        <source>Bytes in</source>
        <translation>받은 바이트</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="120"/>
        <source>Bytes out</source>
        <translation>보낸 바이트</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="121"/>
        <source>Connected since</source>
        <translation>연결 시각</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="123"/>
        <source>Client list columns</source>
        <translation>클라이언트 목록 열</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="127"/>
        <source>Data to send to clients</source>
        <translation>클라이언트에 보낼 데이터</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="128"/>
        <source>text to send (\r \n \t \xHH escapes)</source>
        <translation>보낼 텍스트 (\r \n \t \xHH 이스케이프)</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="130"/>
        <source>Send to selected</source>
        <translation>선택한 곳에 보내기</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="131"/>
        <source>Send to selected clients</source>
        <translation>선택한 클라이언트에 보내기</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="132"/>
        <source>Send to all</source>
        <translation>모두에게 보내기</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="133"/>
        <source>Send to all clients</source>
        <translation>모든 클라이언트에 보내기</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="134"/>
        <source>Disconnect client</source>
        <translation>클라이언트 연결 끊기</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="135"/>
        <source>Disconnect selected clients</source>
        <translation>선택한 클라이언트 연결 끊기</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="136"/>
        <source>Echo everything back</source>
        <translation>받은 것을 모두 돌려보내기 (에코)</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="136"/>
        <source>Echo mode</source>
        <translation>에코 모드</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="138"/>
        <source>Rule match kind</source>
        <translation>규칙 일치 방식</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="141"/>
        <source>Rule pattern</source>
        <translation>규칙 패턴</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="142"/>
        <source>when a client sends…</source>
        <translation>클라이언트가 이것을 보내면…</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="143"/>
        <location filename="../server_panel.py" line="147"/>
        <source>hex</source>
        <translation>16진수</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="144"/>
        <source>Pattern is hex</source>
        <translation>패턴이 16진수</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="145"/>
        <source>Rule reply</source>
        <translation>규칙 응답</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="146"/>
        <source>…reply with (\r \n escapes)</source>
        <translation>…이것으로 응답 (\r \n 이스케이프)</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="147"/>
        <source>Reply is hex</source>
        <translation>응답이 16진수</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="148"/>
        <source>Add rule</source>
        <translation>규칙 추가</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="149"/>
        <source>Add auto-reply rule</source>
        <translation>자동 응답 규칙 추가</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="151"/>
        <source>Rule error</source>
        <translation>규칙 오류</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="153"/>
        <source>Auto-reply rules</source>
        <translation>자동 응답 규칙</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="154"/>
        <source>Remove rule</source>
        <translation>규칙 제거</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="155"/>
        <source>Remove selected auto-reply rule</source>
        <translation>선택한 자동 응답 규칙 제거</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="160"/>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="171"/>
        <source>Auto-reply (first matching rule answers; off while echo is on)</source>
        <translation>자동 응답 (처음 일치하는 규칙이 응답, 에코가 켜져 있으면 꺼짐)</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="216"/>
        <source>Listening on {endpoint} (port {port}).</source>
        <translation>{endpoint}에서 수신 대기 중 (포트 {port}).</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="305"/>
        <source>Listening on {endpoint}: {count} client(s).</source>
        <translation>{endpoint}에서 수신 대기 중: 클라이언트 {count}개.</translation>
    </message>
    <message>
        <location filename="../server_panel.py" line="325"/>
        <source>hex {pattern}</source>
        <translation>16진수 {pattern}</translation>
    </message>
</context>
<context>
    <name>TeachingPanel</name>
    <message>
        <location filename="../teaching_panel.py" line="39"/>
        <source>{count:,} byte</source>
        <translation>{count:,}바이트</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="40"/>
        <source>{count:,} bytes</source>
        <translation>{count:,}바이트</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="51"/>
        <source>{bytes} waits in the socket&apos;s buffer ({count} callback held)</source>
        <translation>소켓 버퍼에서 {bytes} 대기 중 (보류된 콜백 {count}개)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="52"/>
        <source>{bytes} waits in the socket&apos;s buffer ({count} callbacks held)</source>
        <translation>소켓 버퍼에서 {bytes} 대기 중 (보류된 콜백 {count}개)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="53"/>
        <source>{bytes} wait in the socket&apos;s buffer ({count} callback held)</source>
        <translation>소켓 버퍼에서 {bytes} 대기 중 (보류된 콜백 {count}개)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="54"/>
        <source>{bytes} wait in the socket&apos;s buffer ({count} callbacks held)</source>
        <translation>소켓 버퍼에서 {bytes} 대기 중 (보류된 콜백 {count}개)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="65"/>
        <source>name lookup {ms}</source>
        <translation>이름 조회 {ms}</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="66"/>
        <source>connect {ms}</source>
        <translation>연결 {ms}</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="67"/>
        <source>time to first byte {ms}</source>
        <translation>첫 바이트까지 {ms}</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="68"/>
        <source>last round trip {ms}</source>
        <translation>마지막 왕복 {ms}</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="77"/>
        <source>closed (the peer closed first)</source>
        <translation>닫힘 (상대가 먼저 닫음)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="78"/>
        <source>not connected</source>
        <translation>연결되지 않음</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="80"/>
        <source>peer closed, we have not</source>
        <translation>상대는 닫았고 우리는 아직 열려 있음</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="82"/>
        <source>both sides open</source>
        <translation>양쪽 모두 열려 있음</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="84"/>
        <source>we are closing; the peer has not closed yet</source>
        <translation>우리가 닫는 중, 상대는 아직 닫지 않음</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="99"/>
        <source>Teaching mode</source>
        <translation>학습 모드</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="147"/>
        <source>Receiving</source>
        <translation>받기</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="153"/>
        <source>unlimited</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="154"/>
        <source> bytes</source>
        <translation>바이트</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="157"/>
        <source>Most bytes read per receive callback — try 256 like the original</source>
        <translation>받기 콜백 한 번에 읽는 최대 바이트 수 — 원래 예제처럼 256으로 해 보세요</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="158"/>
        <source>Read buffer size</source>
        <translation>읽기 버퍼 크기</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="160"/>
        <source>Most bytes read per receive callback; 0 means read everything that arrived</source>
        <translation>받기 콜백 한 번에 읽는 최대 바이트 수. 0이면 도착한 것을 모두 읽습니다</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="161"/>
        <source>&amp;Read buffer:</source>
        <translation>읽기 버퍼(&amp;R):</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="164"/>
        <source>&amp;Step through callbacks</source>
        <translation>콜백 한 단계씩 실행(&amp;S)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="166"/>
        <source>Step through callbacks</source>
        <translation>콜백 한 단계씩 실행</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="167"/>
        <source>Hold each receive callback until you press Next callback (F10)</source>
        <translation>다음 콜백(F10)을 누를 때까지 받기 콜백을 하나씩 보류합니다</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="169"/>
        <location filename="../teaching_panel.py" line="178"/>
        <location filename="../teaching_panel.py" line="180"/>
        <source>Next callback</source>
        <translation>다음 콜백</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="174"/>
        <location filename="../teaching_panel.py" line="181"/>
        <source>Run the next held receive callback (F10)</source>
        <translation>보류된 다음 받기 콜백을 실행합니다 (F10)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="187"/>
        <source>Bytes waiting to be read</source>
        <translation>읽기를 기다리는 바이트</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="211"/>
        <source>Write queue</source>
        <translation>쓰기 대기열</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="213"/>
        <source>Bytes handed to write()</source>
        <translation>write()에 넘긴 바이트</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="215"/>
        <source>Bytes confirmed by bytesWritten</source>
        <translation>bytesWritten으로 확인된 바이트</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="216"/>
        <source>Bytes still queued</source>
        <translation>아직 대기 중인 바이트</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="218"/>
        <source>Handed to write():</source>
        <translation>write()에 넘김:</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="219"/>
        <source>Confirmed by bytesWritten:</source>
        <translation>bytesWritten으로 확인:</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="220"/>
        <source>Still queued:</source>
        <translation>아직 대기 중:</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="223"/>
        <source>Connection</source>
        <translation>연결</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="225"/>
        <source>Timings per phase</source>
        <translation>단계별 소요 시간</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="227"/>
        <source>Who has closed the connection</source>
        <translation>누가 연결을 닫았는지</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="228"/>
        <source>Connect timeout</source>
        <translation>연결 시간 제한</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="230"/>
        <source>A connect that hangs longer is aborted</source>
        <translation>이보다 오래 걸리는 연결은 중단됩니다</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="232"/>
        <source>Reply timeout</source>
        <translation>응답 시간 제한</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="234"/>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="235"/>
        <source>Report a send that gets no reply within this time (the connection stays open)</source>
        <translation>보낸 뒤 이 시간 안에 응답이 없으면 알립니다 (연결은 유지됨)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="239"/>
        <source>Timings:</source>
        <translation>소요 시간:</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="240"/>
        <source>State:</source>
        <translation>상태:</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="241"/>
        <source>Connect timeout:</source>
        <translation>연결 시간 제한:</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="242"/>
        <source>Reply timeout:</source>
        <translation>응답 시간 제한:</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="250"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="255"/>
        <source>The code that ran</source>
        <translation>실행된 코드</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="258"/>
        <source>Select an event, or let the panel follow them</source>
        <translation>이벤트를 고르거나, 패널이 이벤트를 따라가게 두세요</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="262"/>
        <source>Method shown</source>
        <translation>표시된 메서드</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="268"/>
        <source>What the event means</source>
        <translation>이벤트의 의미</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="279"/>
        <source>Source code of the method</source>
        <translation>메서드의 소스 코드</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="282"/>
        <source>&amp;Follow events</source>
        <translation>이벤트 따라가기(&amp;F)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="285"/>
        <source>Show the code of each new event</source>
        <translation>새 이벤트마다 코드 보기</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="286"/>
        <source>Show the code of the latest event as it happens</source>
        <translation>가장 최근 이벤트의 코드를 발생할 때마다 보여 줍니다</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="288"/>
        <source>E&amp;xplain each line</source>
        <translation>줄마다 설명(&amp;X)</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="290"/>
        <source>Explain each line of the log</source>
        <translation>로그의 각 줄 설명</translation>
    </message>
    <message>
        <location filename="../teaching_panel.py" line="291"/>
        <source>Add the .NET equivalent and a plain explanation to each log line</source>
        <translation>로그의 각 줄에 대응하는 .NET 코드와 쉬운 설명을 덧붙입니다</translation>
    </message>
</context>
<context>
    <name>ThroughputGraph</name>
    <message>
        <location filename="../throughput_graph.py" line="20"/>
        <source>Throughput graph</source>
        <translation>처리량 그래프</translation>
    </message>
    <message>
        <location filename="../throughput_graph.py" line="21"/>
        <source>No traffic yet.</source>
        <translation>아직 트래픽이 없습니다.</translation>
    </message>
    <message>
        <location filename="../throughput_graph.py" line="22"/>
        <source>Throughput per second: received and sent</source>
        <translation>초당 처리량: 받음과 보냄</translation>
    </message>
    <message>
        <location filename="../throughput_graph.py" line="41"/>
        <source>Received {received}, sent {sent}; peak {peak} over the last {seconds} s.</source>
        <translation>받음 {received}, 보냄 {sent}. 최근 {seconds}초 동안 최고 {peak}.</translation>
    </message>
    <message>
        <location filename="../throughput_graph.py" line="89"/>
        <source>peak {rate}</source>
        <translation>최고 {rate}</translation>
    </message>
    <message>
        <location filename="../throughput_graph.py" line="89"/>
        <source>no traffic</source>
        <translation>트래픽 없음</translation>
    </message>
    <message>
        <location filename="../throughput_graph.py" line="93"/>
        <source>out</source>
        <comment>graph legend: bytes sent</comment>
        <translation>보냄</translation>
    </message>
    <message>
        <location filename="../throughput_graph.py" line="99"/>
        <source>in</source>
        <comment>graph legend: bytes received</comment>
        <translation>받음</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../timeline_view.py" line="38"/>
        <source>Client (Socket Tester)</source>
        <translation>클라이언트 (Socket Tester)</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="39"/>
        <source>Server</source>
        <translation>서버</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="108"/>
        <source>readyRead {count} bytes</source>
        <translation>readyRead {count}바이트</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="112"/>
        <source>readyRead · {count} bytes waiting for Next</source>
        <translation>readyRead · {count}바이트가 다음 콜백을 기다림</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="125"/>
        <source>bytesWritten {count} bytes</source>
        <translation>bytesWritten {count}바이트</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="130"/>
        <source>note: {detail}</source>
        <translation>메모: {detail}</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="143"/>
        <source>write() {count} bytes</source>
        <translation>write() {count}바이트</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="150"/>
        <source>call</source>
        <translation>호출</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="231"/>
        <source>Session timeline</source>
        <translation>세션 타임라인</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="232"/>
        <source>Sequence diagram: our client on the left, the server on the right, time going down.</source>
        <translation>시퀀스 다이어그램: 왼쪽은 우리 클라이언트, 오른쪽은 서버, 시간은 아래로 흐릅니다.</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="360"/>
        <source>Could not write the PNG image to {path}.</source>
        <translation>PNG 이미지를 {path}에 쓸 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="369"/>
        <source>Socket Tester session timeline</source>
        <translation>Socket Tester 세션 타임라인</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="370"/>
        <source>{count} events; {server}</source>
        <translation>이벤트 {count}개, {server}</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="374"/>
        <source>Could not write the SVG drawing to {path}.</source>
        <translation>SVG 그림을 {path}에 쓸 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../timeline_view.py" line="540"/>
        <source>{count} earlier events not shown</source>
        <translation>이전 이벤트 {count}개는 표시하지 않음</translation>
    </message>
</context>
</TS>
