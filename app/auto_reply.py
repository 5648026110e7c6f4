"""Auto-reply rules for server mode: "when a client sends X, answer Y".

Rules see the bytes of one receive callback (one readyRead), not messages: TCP is a
stream, so a pattern split across two callbacks does not match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Literal

MatchKind = Literal["exact", "contains", "regex"]
MATCH_KINDS: tuple[MatchKind, ...] = ("exact", "contains", "regex")

_ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", "\\": b"\\"}


class RuleError(ValueError):
    """The rule cannot be used; str(error) is the message for the user."""


@dataclass(frozen=True)
class AutoReplyRule:
    match_kind: MatchKind
    pattern: str
    pattern_is_hex: bool
    reply: bytes


@dataclass(frozen=True)
class CompiledRule:
    rule: AutoReplyRule
    matches: Callable[[bytes], bool]


def hex_to_bytes(text: str) -> bytes:
    """`de ad:BE-ef` -> b"\\xde\\xad\\xbe\\xef"; raises RuleError with the offending spot."""
    digits = "".join(ch for ch in text if ch not in " \t\r\n:-")
    if len(digits) % 2:
        raise RuleError(f"Hex {text!r} has an odd number of digits: every byte needs two.")
    try:
        return bytes.fromhex(digits)
    except ValueError:
        bad = next(ch for ch in digits if ch not in "0123456789abcdefABCDEF")
        raise RuleError(f"Hex {text!r} contains {bad!r}, which is not a hex digit (0-9, a-f).") from None


def text_to_bytes(text: str) -> bytes:
    r"""UTF-8, with the escapes people type in a reply box: \r \n \t \0 \\ and \xHH."""
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "\\" or i + 1 == len(text):
            out += ch.encode("utf-8")
            i += 1
            continue
        code = text[i + 1]
        if code in _ESCAPES:
            out += _ESCAPES[code]
            i += 2
        elif code == "x" and re.fullmatch(r"[0-9A-Fa-f]{2}", text[i + 2:i + 4]):
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
        else:
            out += b"\\"  # not an escape we know: keep the backslash as typed
            i += 1
    return bytes(out)


def compile_rule(rule: AutoReplyRule) -> CompiledRule:
    if rule.match_kind not in MATCH_KINDS:
        raise RuleError(f"Unknown match kind {rule.match_kind!r}: use exact, contains or regex.")
    if not rule.pattern:
        raise RuleError("The pattern is empty: type the bytes to match.")
    if rule.match_kind == "regex":
        if rule.pattern_is_hex:
            raise RuleError("A regular expression is text: turn off hex for regex rules.")
        try:
            regex = re.compile(rule.pattern.encode("utf-8"))
        except re.error as exc:
            raise RuleError(f"Bad regular expression {rule.pattern!r}: {exc}") from None
        return CompiledRule(rule, lambda data: regex.search(data) is not None)
    needle = hex_to_bytes(rule.pattern) if rule.pattern_is_hex else rule.pattern.encode("utf-8")
    if rule.match_kind == "exact":
        return CompiledRule(rule, lambda data: data == needle)
    return CompiledRule(rule, lambda data: needle in data)


class AutoReplyRules:
    """An ordered list of rules; the first that matches answers."""

    def __init__(self, rules: list[AutoReplyRule] | None = None) -> None:
        self._compiled: list[CompiledRule] = []
        for rule in rules or []:
            self.add(rule)

    def add(self, rule: AutoReplyRule) -> None:
        """Append `rule`; raises RuleError (and keeps the list unchanged) if it is unusable."""
        self._compiled.append(compile_rule(rule))

    def remove(self, index: int) -> AutoReplyRule:
        return self._compiled.pop(index).rule

    def clear(self) -> None:
        self._compiled.clear()

    @property
    def rules(self) -> list[AutoReplyRule]:
        return [c.rule for c in self._compiled]

    def match(self, data: bytes) -> bytes | None:
        for compiled in self._compiled:
            if compiled.matches(data):
                return compiled.rule.reply
        return None

    def __len__(self) -> int:
        return len(self._compiled)

    def __iter__(self) -> Iterator[AutoReplyRule]:
        return iter(self.rules)

    def __bool__(self) -> bool:
        return bool(self._compiled)
