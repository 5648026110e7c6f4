"""Refresh the user-interface translations: extract the strings, then compile them.

Usage (from the project root)::

    .venv/bin/python tools/update_translations.py

What it does, in order:

1. ``pyside6-lupdate ui/*.py -ts ui/translations/socket_tester_ko.ts`` collects every
   ``self.tr("…")``, ``QCoreApplication.translate("Context", "…")`` and
   ``QT_TRANSLATE_NOOP("Context", "…")`` string. Existing Korean translations are kept;
   new strings arrive as *unfinished*, strings that no longer exist are dropped.
2. The same for ``socket_tester_en.ts``, but with plural forms only: English is the source
   language, so that file is empty on purpose. Its compiled ``.qm`` still matters: it makes
   an English user whose fallback list also names Korean (LANGUAGE=en:ko) get English.
3. ``pyside6-lrelease`` compiles each ``.ts`` into the ``.qm`` that ``ui/application.py``
   loads at start (``--lang ko`` or the system locale).

Then open ``ui/translations/socket_tester_ko.ts`` in Qt Linguist (``pyside6-linguist``) or
a text editor, translate what is unfinished, mark it finished, and run this script again.
Keep ``{placeholders}`` exactly as in the English text, and show mnemonics the Korean way:
``연결(&C)``. ``tests/test_translations.py`` fails while anything is unfinished or the
``.qm`` does not match the ``.ts``.

Exit status: 0 when every Korean message is finished, 1 when some still need translating,
2 when a Qt tool is missing or fails.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "ui"
TRANSLATIONS = UI / "translations"
BASENAME = "socket_tester"
TRANSLATED_LANGUAGES = ("ko",)
SOURCE_LANGUAGE = "en"


def find_tool(name: str) -> str:
    """The tool next to this Python (the project's venv) first, then on PATH."""
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found: install PySide6-Essentials in the venv that runs this script")
    return found


def run(command: list[str]) -> None:
    print("$", " ".join(Path(part).name if i == 0 else part for i, part in enumerate(command)), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def sources() -> list[str]:
    return [str(path.relative_to(ROOT)) for path in sorted(UI.glob("*.py"))]


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"{BASENAME}_{language}.ts"


def unfinished_messages(ts_file: Path) -> list[str]:
    """Source texts whose translation is missing, empty or not marked finished."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished") \
                or not (translation.text or "").strip():
            missing.append(message.findtext("source", ""))
    return missing


def main() -> int:
    try:
        lupdate, lrelease = find_tool("pyside6-lupdate"), find_tool("pyside6-lrelease")
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    TRANSLATIONS.mkdir(exist_ok=True)
    files = sources()
    try:
        for language in TRANSLATED_LANGUAGES:
            run([lupdate, *files, "-no-obsolete", "-source-language", SOURCE_LANGUAGE,
                 "-target-language", language, "-ts", str(ts_path(language).relative_to(ROOT))])
        run([lupdate, *files, "-pluralonly", "-no-obsolete", "-source-language", SOURCE_LANGUAGE,
             "-target-language", SOURCE_LANGUAGE, "-ts", str(ts_path(SOURCE_LANGUAGE).relative_to(ROOT))])
        for language in (*TRANSLATED_LANGUAGES, SOURCE_LANGUAGE):
            ts = ts_path(language)
            run([lrelease, str(ts.relative_to(ROOT)), "-qm", str(ts.with_suffix(".qm").relative_to(ROOT))])
    except subprocess.CalledProcessError as exc:
        print(f"failed: {exc}", file=sys.stderr)
        return 2

    status = 0
    for language in TRANSLATED_LANGUAGES:
        missing = unfinished_messages(ts_path(language))
        if missing:
            status = 1
            print(f"{len(missing)} message(s) need a translation in {ts_path(language).name}:")
            for source in missing:
                print(f"  {source!r}")
    return status


if __name__ == "__main__":
    sys.exit(main())
