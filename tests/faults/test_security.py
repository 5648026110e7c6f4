"""Security: received data is only ever shown as plain text, never run, never a file name;
servers listen on loopback unless told otherwise; files are replaced atomically.

Half of this reads the sources (a tripwire for the next change), half drives the real app
with hostile peers on 127.0.0.1 and checks what reached the screen, the disk and the peer.
"""

from __future__ import annotations

import ast
import inspect
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import trustme
from loopback import ThreadedPeer, TlsEchoServer
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import QLabel, QWidget

from app.atomic import AtomicFile, atomic_write_bytes
from app.capture import CaptureWriter, read_capture
from app.demo_servers import DEMO_KINDS, DemoServer, start_demo_server
from app.listen_server import ListenServer
from app.udp_session import UdpSession

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*ROOT.glob("app/*.py"), *ROOT.glob("ui/*.py")])
# Modules that handle received bytes: they must not touch files or processes at all.
RECEIVE_PATH = ["app/session.py", "app/sockopts.py", "app/log_model.py", "app/log_feed.py", "app/framing.py",
                "app/codecs.py", "app/listen_server.py", "app/udp_session.py", "app/demo_servers.py",
                "app/auto_reply.py", "app/explain.py", "app/events.py", "app/stats.py", "app/repeater.py",
                "ui/log_panel.py", "ui/timeline_view.py", "ui/teaching_panel.py", "ui/throughput_graph.py"]
# Named labels whose text can carry peer- or file-controlled strings.
PLAIN_TEXT_LABELS = ["certificateLabel", "previewLabel", "explanationLabel", "codeTitleLabel", "pendingInLabel",
                     "peerStateLabel", "timingsLabel", "statsLabel", "savedStatus", "serverStatusLabel",
                     "ruleErrorLabel", "wideBindWarning"]


def parsed_sources() -> list[tuple[str, ast.Module]]:
    assert SOURCES, "no sources found under app/ and ui/"
    return [(str(path.relative_to(ROOT)), ast.parse(path.read_text(encoding="utf-8"))) for path in SOURCES]


def call_name(node: ast.Call) -> str:
    """`eval`, `os.system`, `x.setHtml` -> the dotted name as written (last two parts)."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        base = func.value
        prefix = base.id + "." if isinstance(base, ast.Name) else "."
        return prefix + func.attr
    return ""


# ============================================================================ rich text
RICH_TEXT_CALLS = {"setHtml", "appendHtml", "insertHtml", "setMarkdown", "setOpenExternalLinks"}
RICH_TEXT_NAMES = {"RichText", "MarkdownText", "QTextBrowser", "QWebEngineView", "QWebEnginePage"}


def test_no_widget_renders_html_or_markdown():
    found = []
    for name, tree in parsed_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and call_name(node).rsplit(".", 1)[-1] in RICH_TEXT_CALLS:
                found.append(f"{name}:{node.lineno} {call_name(node)}()")
            elif isinstance(node, ast.Attribute) and node.attr in RICH_TEXT_NAMES:
                found.append(f"{name}:{node.lineno} {node.attr}")
            elif isinstance(node, ast.Name) and node.id in RICH_TEXT_NAMES:
                found.append(f"{name}:{node.lineno} {node.id}")
    assert not found, "rich-text renderers in the sources: " + ", ".join(found)


def test_rich_tooltips_escape_everything_they_quote():
    """A tooltip wrapped in <qt> is rendered as HTML: the function building it must escape."""
    unescaped = []
    for name, tree in parsed_sources():
        for function in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            strings = [n.value for n in ast.walk(function) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
            if any("<qt>" in s.lower() or "<html" in s.lower() for s in strings):
                escapes = any(isinstance(n, ast.Call) and call_name(n) == "html.escape" for n in ast.walk(function))
                if not escapes:
                    unescaped.append(f"{name}:{function.lineno} {function.name}()")
    assert not unescaped, "rich text built without html.escape: " + ", ".join(unescaped)


def test_labels_that_can_show_peer_data_are_plain_text(window):
    for name in PLAIN_TEXT_LABELS:
        label = window.findChild(QLabel, name)
        assert label is not None, f"no QLabel named {name}"
        assert label.textFormat() == Qt.TextFormat.PlainText, name


def assert_no_rich_rendering_of(window, marker: str, kit) -> None:
    """Every label or tooltip that quotes `marker` shows it as plain text, without raw controls."""
    for label in window.findChildren(QLabel):
        if marker in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), label.text())
    for widget in [window, *window.findChildren(QWidget)]:
        tip = widget.toolTip()
        if marker in tip:
            assert not QtGuiNamespace.mightBeRichText(tip) or f"<b>{marker}" not in tip, (widget.objectName(), tip)
    for item in window.timeline.scene().items():
        tip = item.toolTip()
        if marker in tip:
            assert f"<b>{marker}" not in tip, tip  # escaped (&lt;b&gt;) or plain


def test_hostile_html_from_a_peer_is_never_rendered(qtbot, window, kit, log_rows):
    marker = "MARK7"
    payload = f"<b>{marker}</b><img src=x onerror=alert(1)><a href='file:///etc/passwd'>x</a>\n".encode()
    got = bytearray()
    window.session.data_received.connect(got.extend)
    window.side_tabs.setCurrentWidget(window.timeline_panel)  # the timeline draws only when seen
    peer = ThreadedPeer(lambda conn: (conn.sendall(payload), conn.recv(1)))
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(peer.port))
    window.connectButton.click()
    qtbot.waitUntil(lambda: len(got) >= len(payload), timeout=3000)
    qtbot.waitUntil(lambda: bool(window.timeline.scene().items()), timeout=2000)
    assert kit.sha(got) == kit.sha(payload)
    rows = log_rows(window)
    assert any(f"<b>{marker}</b><img src=x onerror=alert(1)>" in row for row in rows), rows
    assert_no_rich_rendering_of(window, marker, kit)
    window.teaching_panel.explainCheck.setChecked(True)  # explanations and code quote events too
    for row in range(len(log_rows(window))):
        window.log_panel.logView.clicked.emit(window.log_model.index(row))
        assert_no_rich_rendering_of(window, marker, kit)
    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.disconnectButton.click()


# ---------------------------------------------------------------------------- a hostile certificate
def test_hostile_certificate_names_are_shown_literally_and_trust_once_still_works(qtbot, window, kit, log_rows,
                                                                                  tmp_path):
    # The peer chooses its certificate's names: markup, a right-to-left override, a bell,
    # a terminal escape. The user decides whether to trust it from what the window shows.
    organization = "<b>Evil</b>\u202egnp.exe\x07\x1b[2J"
    leaf = trustme.CA().issue_cert("127.0.0.1", organization_name=organization)
    key_path = tmp_path / "server.key"
    leaf.private_key_pem.write_to_path(str(key_path))
    server = TlsEchoServer(leaf, str(key_path))
    try:
        window.protocolCombo.setCurrentText("TLS")
        window.hostEdit.setText("127.0.0.1")
        window.portEdit.setText(str(server.port))
        with qtbot.waitSignal(window.session.certificate_rejected, timeout=5000):
            window.connectButton.click()
        qtbot.waitUntil(lambda: window.certificateBar.isVisible(), timeout=2000)
        label = window.certificateLabel
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert "<b>Evil</b>" in label.text()  # literally, not bold
        assert_no_rich_rendering_of(window, "Evil", kit)
        # What the user reads before trusting must be what the certificate says: no hidden
        # direction overrides or terminal controls, in the label (its own line breaks aside)
        # or in the log.
        label_lines = label.text().split("\n")
        raw_in_label = sorted({c for line in label_lines for c in kit.unsafe_characters(line)})
        raw_in_log = sorted({c for row in log_rows(window) for c in kit.unsafe_characters(row)})

        qtbot.waitUntil(lambda: window.session.is_idle, timeout=3000)
        with qtbot.waitSignal(window.session.encrypted, timeout=5000):
            window.trustOnceButton.click()
        message = os.urandom(4096)
        got = bytearray()
        window.session.data_received.connect(got.extend)
        window.session.send(message)
        qtbot.waitUntil(lambda: len(got) >= len(message), timeout=3000)
        assert kit.sha(got) == kit.sha(message) == kit.sha(server.received)
    finally:
        window.session.abort()
        server.close()
    # Checked last, so that the trust-once round trip above is exercised either way.
    assert not raw_in_label and not raw_in_log, (
        f"peer-chosen certificate names shown raw: label {raw_in_label}, log {raw_in_log}")


# ============================================================================ code execution
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "os.system", "os.popen", "os.execv",
                   "os.execvp", "os.execl", "os.execlp", "os.spawnv", "os.spawnl", "os.startfile", "pty.spawn",
                   "pickle.loads", "pickle.load", "marshal.loads", "shelve.open"}
FORBIDDEN_IMPORTS = {"subprocess", "pickle", "marshal", "shelve", "code", "codeop", "pty"}
FILE_CALLS = {"open", "io.open", "os.open", "os.fdopen", ".open", ".read_bytes", ".read_text", ".write_bytes",
              ".write_text", "os.remove", "os.unlink", "os.replace", "os.rename", ".unlink", ".rename",
              "os.chmod", "os.startfile", "QFile", "QSaveFile", "QProcess", ".startDetached"}


def test_nothing_in_the_app_evaluates_or_runs_anything():
    found = []
    for name, tree in parsed_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and call_name(node) in FORBIDDEN_CALLS:
                found.append(f"{name}:{node.lineno} {call_name(node)}()")
            elif isinstance(node, ast.Import):
                found += [f"{name}:{node.lineno} import {a.name}" for a in node.names
                          if a.name.split(".")[0] in FORBIDDEN_IMPORTS]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_IMPORTS:
                found.append(f"{name}:{node.lineno} from {node.module} import")
            elif isinstance(node, (ast.Attribute, ast.Name)) and getattr(node, "attr", getattr(node, "id", "")) in {
                    "QProcess", "QDesktopServices"}:
                found.append(f"{name}:{node.lineno} {ast.unparse(node)}")
    assert not found, "code execution paths: " + ", ".join(found)


def test_modules_on_the_receive_path_touch_no_files_and_no_processes():
    present = [p for p in RECEIVE_PATH if (ROOT / p).exists()]
    assert {"app/session.py", "app/log_model.py", "app/codecs.py", "app/framing.py"} <= set(present)
    found = []
    for relative in present:
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = call_name(node)
                short = "." + name.rsplit(".", 1)[-1] if "." in name else name
                if name in FILE_CALLS or short in FILE_CALLS:
                    found.append(f"{relative}:{node.lineno} {name}()")
    assert not found, "file access on the receive path: " + ", ".join(found)


def test_received_commands_paths_and_format_strings_stay_inert(qtbot, window, kit, log_rows, tmp_path, monkeypatch):
    """Injection attempts in every form the app could mishandle, logged in every view, recorded
    and saved: nothing runs, no file appears, and every byte is kept exactly."""
    target = tmp_path / "pwned"
    payload = b"".join([
        f"$(touch {target}1)\n`touch {target}2`\n; touch {target}3 #\n".encode(),
        f"__import__('os').system('touch {target}4')\n".encode(),
        b"{0.__class__} %s%s%n%x {{7*7}} ${7*7}\n",
        f"../../../../{target.name}5\n{target}6\nfile://{target}7\n".encode(),
        b"\x1b]52;c;dG91Y2ggL3RtcC94\x07\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\\n",
    ])
    capture_path = tmp_path / "capture.jsonl"
    log_path = tmp_path / "log.txt"
    paths = iter([str(capture_path), str(log_path)])
    monkeypatch.setattr(window, "choose_save_path", lambda *args: next(paths))
    window.log_panel.traceCheck.setChecked(True)
    window.teaching_panel.explainCheck.setChecked(True)
    window.log_panel.recordButton.click()
    got = bytearray()
    window.session.data_received.connect(got.extend)
    peer = ThreadedPeer(lambda conn: (conn.sendall(payload), conn.recv(1)))
    window.hostEdit.setText("127.0.0.1")
    window.portEdit.setText(str(peer.port))
    window.connectButton.click()
    qtbot.waitUntil(lambda: len(got) >= len(payload), timeout=3000)
    framing = window.log_panel.framingCombo
    for index in range(framing.count()):  # every framing rule and display mode sees it
        if framing.itemData(index) is not None:
            framing.setCurrentIndex(index)
    for index in range(window.log_panel.displayCombo.count()):
        window.log_panel.displayCombo.setCurrentIndex(index)
        for row in log_rows(window):
            assert not kit.unsafe_characters(row), row
    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.disconnectButton.click()
    window.log_panel.recordButton.click()  # stop: the capture appears
    window.log_panel.saveLogButton.click()

    assert kit.sha(got) == kit.sha(payload)
    assert kit.sha(read_capture(capture_path).received_bytes()) == kit.sha(payload)
    assert log_path.read_text(encoding="utf-8")
    created = sorted(p.name for p in tmp_path.iterdir())
    assert not [name for name in created if name.startswith("pwned")], created
    assert not list(Path.cwd().glob("pwned*")) and not list(ROOT.glob("pwned*"))


# ============================================================================ loopback by default
def listening_addresses(port: int) -> set[str]:
    """The local addresses bound to `port` in LISTEN state, as the kernel reports them."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].split(":")
            if int(port_hex, 16) == port and fields[3] == "0A":  # TCP_LISTEN
                raw = bytes.fromhex(address)
                if width == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
                else:
                    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                    found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def assert_listens_on_loopback_only(port: int, reported: str) -> None:
    assert reported.startswith("127.0.0.1:"), reported
    if Path("/proc/net/tcp").exists():  # Linux: ask the kernel, not the object
        assert listening_addresses(port) == {"127.0.0.1"}, listening_addresses(port)


@pytest.mark.parametrize("kind", list(DEMO_KINDS))
def test_demo_servers_listen_on_loopback_by_default(qtbot, kind):
    server = DemoServer()
    try:
        port = server.start(kind)
        assert server.host == "127.0.0.1"
        assert_listens_on_loopback_only(port, server.address)
    finally:
        server.stop()


def test_command_line_demo_and_listen_server_and_udp_default_to_loopback(qtbot, window):
    cli = start_demo_server("echo")
    try:
        assert_listens_on_loopback_only(cli.port, cli.address)
    finally:
        cli.stop()
    assert inspect.signature(ListenServer.start).parameters["host"].default == "127.0.0.1"
    listener = ListenServer()
    try:
        port = listener.start()
        assert_listens_on_loopback_only(port, listener.local_endpoint)
    finally:
        listener.stop()
    assert inspect.signature(UdpSession.bind).parameters["host"].default == "127.0.0.1"
    # What the window offers first is loopback too.
    assert window.server_panel.bind_combo.currentText() == "127.0.0.1"
    server = window.demo_panel.start("echo")
    assert_listens_on_loopback_only(server.port, server.address)


# ============================================================================ atomic files
OLD = b"the old content, complete\n" * 100


def test_exception_mid_write_leaves_the_old_file_and_no_temp(tmp_path, kit):
    target = tmp_path / "settings.json"
    target.write_bytes(OLD)
    with pytest.raises(RuntimeError, match="killed"):
        with AtomicFile(target, "wb") as f:
            f.write(b"new " * 100_000)
            f.flush()
            raise RuntimeError("killed mid-write")
    assert kit.sha(target.read_bytes()) == kit.sha(OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_failing_fsync_leaves_the_old_file(tmp_path, kit, monkeypatch):
    target = tmp_path / "log.txt"
    target.write_bytes(OLD)

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, b"x" * 1_000_000)
    monkeypatch.undo()
    assert kit.sha(target.read_bytes()) == kit.sha(OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt"]


def test_a_process_killed_mid_write_leaves_the_old_file(tmp_path, kit):
    target = tmp_path / "capture.jsonl"
    target.write_bytes(OLD)
    writer = (
        "import sys\n"
        "from app.atomic import AtomicFile\n"
        "f = AtomicFile(sys.argv[1], 'wb')\n"
        "f.write(b'half' * 250_000); f.flush()\n"
        "print('written', flush=True)\n"
        "sys.stdin.read()\n"  # wait here, mid-write, until killed
    )
    child = subprocess.Popen([sys.executable, "-c", writer, str(target)], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert child.stdout.readline() == b"written\n"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.stdin.close()
        child.stdout.close()
    assert kit.sha(target.read_bytes()) == kit.sha(OLD)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != target.name]
    assert all(name.startswith(".capture.jsonl.") and name.endswith(".part") for name in leftovers), leftovers


def test_a_capture_appears_only_when_closed_and_holds_every_byte(qtbot, session, kit, tmp_path):
    reply = os.urandom(300_000)
    request = os.urandom(200_000)
    peer_got = bytearray()

    def exchange(conn: socket.socket) -> None:
        while len(peer_got) < len(request):
            peer_got.extend(conn.recv(65536))
        conn.sendall(reply)

    path = tmp_path / "session.jsonl"
    capture = CaptureWriter(path, raw_in_path=tmp_path / "session.in.bin", peer="test")
    session.event_recorded.connect(capture.record)
    peer = ThreadedPeer(exchange)
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    session.send(request)
    qtbot.waitUntil(lambda: session.bytes_received >= len(reply) or session.is_idle, timeout=5000)
    qtbot.waitUntil(lambda: session.is_idle, timeout=3000)
    assert not path.exists() and not (tmp_path / "session.in.bin").exists()  # still recording
    capture.close()
    recorded = read_capture(path)
    assert kit.sha(recorded.sent_bytes()) == kit.sha(request) == kit.sha(peer_got)
    assert kit.sha(recorded.received_bytes()) == kit.sha(reply)
    assert kit.sha((tmp_path / "session.in.bin").read_bytes()) == kit.sha(reply)


def test_a_capture_abandoned_by_a_crash_leaves_nothing_half_written(qtbot, session, kit, tmp_path):
    path = tmp_path / "crash.jsonl"
    path.write_bytes(OLD)  # an earlier capture of the same name survives
    capture = CaptureWriter(path)
    session.event_recorded.connect(capture.record)
    peer = ThreadedPeer(lambda conn: conn.sendall(os.urandom(100_000)))
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    try:
        raise KeyboardInterrupt  # the app dies here
    except KeyboardInterrupt:
        capture.discard()
    assert kit.sha(path.read_bytes()) == kit.sha(OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crash.jsonl"]
