"""The user interface in Korean: the shipped .ts/.qm are complete, current, and actually used.

English is the source language and the default: every other test reads English texts, so the
Korean translator is installed only inside one test and always removed again.
"""

from __future__ import annotations

import ast
import string
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QProcessEnvironment, QTranslator
from PySide6.QtWidgets import QGroupBox, QMenu

from app.demo_servers import DEMO_KINDS
from ui.application import TRANSLATIONS
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
KO_TS = TRANSLATIONS / "socket_tester_ko.ts"
KO_QM = TRANSLATIONS / "socket_tester_ko.qm"
EN_QM = TRANSLATIONS / "socket_tester_en.qm"

MessageKey = tuple[str, str, str]  # (context, source, disambiguation comment or "")


# ============================================================================ helpers
def ts_messages(path: Path = KO_TS) -> dict[MessageKey, ET.Element]:
    root = ET.parse(path).getroot()
    messages = {}
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            key = (name, message.findtext("source", ""), message.findtext("comment", "") or "")
            messages[key] = message.find("translation")
    return messages


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _TranslatableStrings(ast.NodeVisitor):
    """Every literal handed to self.tr / QCoreApplication.translate / QT_TRANSLATE_NOOP, with
    the context Qt will look it up under (for self.tr: the enclosing class's name)."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.classes: list[str] = []
        self.found: set[MessageKey] = set()
        self.problems: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:  # noqa: N802 - ast's name
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802 - ast's name
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        args = node.args
        where = f"{self.filename}:{node.lineno}"
        if name == "tr" and isinstance(func, ast.Attribute) and args:
            self._add(where, self.classes[-1] if self.classes else "", args[0], args[1] if len(args) > 1 else None)
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
            context = _literal(args[0])
            if context is None:
                self.problems.append(f"{where}: the context must be a string literal")
            else:
                self._add(where, context, args[1], args[2] if len(args) > 2 else None)
        self.generic_visit(node)

    def _add(self, where: str, context: str, source: ast.expr, comment: ast.expr | None) -> None:
        if isinstance(source, ast.JoinedStr):
            # An f-string is filled in before the lookup, so no translation could ever match.
            self.problems.append(f"{where}: f-string passed to a translation function")
            return
        text = _literal(source)
        if text is None:
            return  # a variable holding a string marked with QT_TRANSLATE_NOOP where it is defined
        self.found.add((context, text, _literal(comment) or ""))


def translatable_strings_in_ui() -> tuple[set[MessageKey], list[str]]:
    found: set[MessageKey] = set()
    problems: list[str] = []
    for path in sorted(UI.glob("*.py")):
        visitor = _TranslatableStrings(path.name)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found |= visitor.found
        problems += visitor.problems
    return found, problems


def placeholders(text: str) -> list[str]:
    return sorted(f"{field}{'!' + conv if conv else ''}{':' + spec if spec else ''}"
                  for _, field, spec, conv in string.Formatter().parse(text) if field is not None)


def mnemonics(text: str) -> int:
    return text.replace("&&", "").count("&")


def new_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def menu_title(window: MainWindow, object_name: str) -> str:
    menu = window.findChild(QMenu, object_name)
    assert menu is not None, object_name
    return menu.title()


# ============================================================================ the window in Korean
def test_the_korean_translation_changes_the_window_labels(qtbot, korean):
    window = new_window(qtbot)

    assert window.connectButton.text() == "연결(&C)"
    assert window.disconnectButton.text() == "연결 끊기(&C)"
    assert [menu_title(window, name) for name in ("fileMenu", "connectionMenu", "viewMenu", "teachingMenu",
                                                   "helpMenu")] == ["파일(&F)", "연결(&C)", "보기(&V)",
                                                                    "학습(&T)", "도움말(&H)"]
    assert window.file_save_log.text() == "로그 저장(&S)…"
    assert window.side_tabs.tabText(0) == "학습(&T)"
    assert window.composer.sendButton.text() == "보내기(&S)"
    assert window.composer.formatCombo.itemText(0) == "텍스트"
    assert window.log_panel.framingCombo.itemText(0) == "읽기 콜백마다"
    assert window.teaching_panel.findChild(QGroupBox, "codeGroup").title() == "실행된 코드"
    assert window.teaching_panel.pendingInLabel.text() == "소켓 버퍼에서 0바이트 대기 중 (보류된 콜백 0개)"
    assert window.server_panel.status_label.text() == "수신 대기 중이 아닙니다."
    assert window.demo_panel.descriptionLabel.text() == "받은 바이트를 모두 그대로 돌려보냅니다."
    assert window.timeline.server_title == "서버"
    # Not English any more, anywhere we looked.
    assert "Connect" not in window.connectButton.text()
    assert window.teaching_panel.next_action.text() == "다음 콜백"


def test_translated_labels_do_not_change_what_the_controls_mean(qtbot, korean):
    window = new_window(qtbot)
    # The protocol comes from the item data, so a translated label cannot change it.
    window.protocolCombo.setCurrentIndex(window.protocolCombo.findData("UDP"))
    assert window.protocol == "UDP"
    assert window.connectButton.text() == "바인드(&B)"
    window.protocolCombo.setCurrentIndex(window.protocolCombo.findData("TCP"))
    assert window.protocol == "TCP" and window.connectButton.text() == "연결(&C)"
    # Auto-reply kinds are shown in Korean but stored as their ids.
    panel = window.server_panel
    panel.rule_kind_combo.setCurrentIndex(panel.rule_kind_combo.findData("contains"))
    assert panel.rule_kind_combo.currentText() == "포함"
    panel.rule_pattern_edit.setText("ping")
    panel.rule_reply_edit.setText("pong")
    assert panel.add_rule()
    assert [rule.match_kind for rule in panel.server.auto_replies] == ["contains"]
    assert panel.server.auto_replies.match(b"xx ping xx") == b"pong"
    assert panel.rule_list.item(0).text() == "포함 'ping' → b'pong'"
    # The composer's format is data too: choosing "16진수" gives hex bytes.
    composer = window.composer
    composer.formatCombo.setCurrentIndex(composer.formatCombo.findData("hex"))
    assert composer.formatCombo.currentText() == "16진수"
    composer.messageEdit.setPlainText("41 42")
    composer._refresh_now()
    assert composer.current_bytes() == b"AB"
    assert composer.previewLabel.text() == "2바이트 · 41 42"


def test_without_a_translator_the_window_is_english(qtbot):
    window = new_window(qtbot)
    assert window.connectButton.text() == "&Connect"
    assert menu_title(window, "fileMenu") == "&File"
    assert window.composer.formatCombo.itemText(0) == "Text"


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANG": "ko_KR.UTF-8"}, "연결(&C)"),
    # English first, Korean as a fallback: the (empty) English catalogue must win.
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "en:ko"}, "&Connect"),
], ids=["LANG=ko_KR", "LANGUAGE=en:ko"])
def test_the_system_locale_chooses_the_language(qtbot, environment, expected):
    # The system locale is read once per process, so each case gets a fresh Python.
    env = QProcessEnvironment.systemEnvironment()
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.remove(name)
    for name, value in {**environment, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}.items():
        env.insert(name, value)
    process = QProcess()
    process.setProcessEnvironment(env)
    process.setWorkingDirectory(str(ROOT))
    script = ("from PySide6.QtWidgets import QApplication\n"
              "from ui.application import install_translators\n"
              "app = QApplication([])\n"
              "install_translators(app)\n"
              "print(QApplication.translate('MainWindow', '&Connect'))\n")
    with qtbot.waitSignal(process.finished, timeout=20_000):
        process.start(sys.executable, ["-c", script])
    output = bytes(process.readAllStandardOutput().data()).decode("utf-8").strip()
    assert process.exitCode() == 0, bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
    assert output == expected


# ============================================================================ the shipped files
def test_every_korean_message_is_translated_and_finished():
    messages = ts_messages()
    assert len(messages) > 300
    problems = []
    for (context, source, _comment), translation in messages.items():
        text = translation.text or "" if translation is not None else ""
        if translation is None or translation.get("type") or not text.strip():
            problems.append(f"{context}: {source!r} is not translated and finished")
            continue
        if placeholders(text) != placeholders(source):
            problems.append(f"{context}: {source!r} → {text!r}: placeholders differ")
        if mnemonics(source) != mnemonics(text):
            problems.append(f"{context}: {source!r} → {text!r}: the & mnemonic got lost or doubled")
    assert problems == [], "\n".join(problems)


def test_the_compiled_qm_matches_the_ts():
    translator = QTranslator()
    assert translator.load(str(KO_QM)), KO_QM
    assert translator.language() == "ko"
    stale = [f"{context}: {source!r}" for (context, source, comment), translation in ts_messages().items()
             if translator.translate(context, source, comment or None) != translation.text]
    assert stale == [], "run tools/update_translations.py:\n" + "\n".join(stale)
    english = QTranslator()
    assert english.load(str(EN_QM)) and english.language() == "en"


def test_every_translatable_string_in_ui_has_a_korean_translation():
    found, problems = translatable_strings_in_ui()
    assert problems == [], "\n".join(problems)
    assert len(found) > 300
    in_ts = set(ts_messages())
    missing = sorted(found - in_ts)
    leftover = sorted(in_ts - found)
    assert missing == [], "run tools/update_translations.py and translate:\n" + "\n".join(map(repr, missing))
    assert leftover == [], "no longer in ui/*.py (run tools/update_translations.py):\n" + "\n".join(
        map(repr, leftover))


def test_every_demo_server_description_can_be_translated():
    sources = {source for context, source, _ in ts_messages() if context == "DemoServerKinds"}
    assert set(DEMO_KINDS.values()) <= sources, "copy new descriptions into ui/demo_panel.py"

