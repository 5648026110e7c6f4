"""Saved messages: the store's rules, JSON round trips, validation, files and settings."""

from __future__ import annotations

import json

import pytest

from app.saved_messages import (
    FILE_FORMAT,
    SETTINGS_KEY,
    SavedMessage,
    SavedMessageError,
    SavedMessageStore,
    parse_messages,
)
from app.settings import Settings


def _store(*messages: SavedMessage) -> SavedMessageStore:
    store = SavedMessageStore()
    for message in messages:
        store.add(message)
    return store


def test_add_get_names_and_changed(qtbot):
    store = SavedMessageStore()
    with qtbot.waitSignal(store.changed, timeout=1000):
        name = store.add(SavedMessage("Ping", content="PING\r\n", line_ending="crlf"))
    assert name == "Ping"
    assert store.names() == ["Ping"]
    got = store.get("Ping")
    assert got == SavedMessage("Ping", "TCP", "127.0.0.1", 7, "text", "PING\r\n", "utf-8", "crlf")
    got.content = "changed"  # a copy: the store keeps its own
    assert store.get("Ping").content == "PING\r\n"
    assert store.get("missing") is None


def test_duplicate_names_get_a_number_unless_replacing():
    store = _store(SavedMessage("Hello", content="a"))
    assert store.add(SavedMessage("Hello", content="b")) == "Hello (2)"
    assert store.add(SavedMessage("Hello", content="c")) == "Hello (3)"
    assert store.add(SavedMessage("Hello (2)", content="d")) == "Hello (4)"
    assert store.add(SavedMessage("  Hello  ", content="e"), replace=True) == "Hello"
    assert store.names() == ["Hello", "Hello (2)", "Hello (3)", "Hello (4)"]
    assert [store.get(n).content for n in store.names()] == ["e", "b", "c", "d"]


def test_rename_keeps_position_and_refuses_clashes(qtbot):
    store = _store(SavedMessage("A", content="1"), SavedMessage("B", content="2"), SavedMessage("C", content="3"))
    with qtbot.waitSignal(store.changed, timeout=1000):
        assert store.rename("B", "  Bee ") == "Bee"
    assert store.names() == ["A", "Bee", "C"]
    assert store.get("Bee").content == "2"
    with pytest.raises(SavedMessageError, match="already exists"):
        store.rename("A", "C")
    with pytest.raises(SavedMessageError, match="empty"):
        store.rename("A", "   ")
    with pytest.raises(SavedMessageError, match="no saved message"):
        store.rename("Z", "Y")
    assert store.names() == ["A", "Bee", "C"]


def test_delete(qtbot):
    store = _store(SavedMessage("A", content="1"), SavedMessage("B", content="2"))
    with qtbot.waitSignal(store.changed, timeout=1000):
        assert store.delete("A") is True
    assert store.delete("A") is False
    assert store.names() == ["B"]


def test_search_is_case_insensitive_in_name_and_content():
    store = _store(SavedMessage("HTTP GET", content="GET / HTTP/1.1\r\n\r\n"),
                   SavedMessage("Redis ping", content="PING\r\n"),
                   SavedMessage("Binary", format="hex", content="de ad BE EF"))
    assert store.search("http") == ["HTTP GET"]
    assert store.search("PiNg") == ["Redis ping"]
    assert store.search("beef") == []  # the space is part of the content
    assert store.search("be ef") == ["Binary"]
    assert store.search("") == ["HTTP GET", "Redis ping", "Binary"]
    assert store.search("nothing like it") == []


@pytest.mark.parametrize(("change", "error"), [
    ({"name": ""}, "name is empty"),
    ({"name": 5}, "name is not text"),
    ({"name": "a\nb"}, "line break"),
    ({"name": "x" * 201}, "at most 200"),
    ({"protocol": "SCTP"}, "protocol 'SCTP'"),
    ({"host": "bad host!"}, "not a valid host name"),
    ({"host": ""}, "Host is empty"),
    ({"port": 0}, "out of range"),
    ({"port": 65536}, "out of range"),
    ({"port": "80"}, "not a whole number"),
    ({"port": True}, "not a whole number"),
    ({"format": "base64"}, "format 'base64'"),
    ({"format": "hex", "content": "zz"}, "hex content"),
    ({"content": None}, "content is not text"),
    ({"encoding": "no-such-codec"}, "encoding 'no-such-codec' is not known"),
    ({"line_ending": "\\n"}, "line ending"),
])
def test_invalid_fields_are_refused(change, error):
    fields = {"name": "ok", "content": "x", **change}
    with pytest.raises(SavedMessageError, match=error):
        SavedMessage.from_dict(fields)
    store = SavedMessageStore()
    with pytest.raises(SavedMessageError):
        store.add(SavedMessage(**fields))
    assert len(store) == 0


def test_hex_content_accepts_common_spellings():
    for content in ("48 65 6c", "48:65:6C", "48-65,6c", "0x48 0x65", "", "\n0A\t0d\n"):
        SavedMessage("h", format="hex", content=content).validate()


def test_json_round_trip_keeps_every_field():
    original = _store(
        SavedMessage("Ünïcode ✓", protocol="TLS", host="::1", port=8443, content="héllo\0\r\n",
                     encoding="latin-1", line_ending="lf"),
        SavedMessage("bytes", format="hex", content="00 ff", line_ending="none"),
    )
    text = original.to_json()
    assert json.loads(text)["format"] == FILE_FORMAT
    copy = SavedMessageStore()
    result = copy.from_json(text)
    assert result.added == ["Ünïcode ✓", "bytes"]
    assert result.errors == []
    assert copy.messages() == original.messages()


def test_import_skips_invalid_entries_and_says_why():
    text = json.dumps({"format": FILE_FORMAT, "version": 1, "messages": [
        {"name": "good", "content": "hi", "future_field": 1},
        {"name": "bad port", "content": "x", "port": 99999},
        "not an object",
        {"content": "no name"},
        {"name": "good", "content": "second"},
    ]})
    store = _store(SavedMessage("existing", content=""))
    result = store.from_json(text)
    assert result.added == ["good", "good (2)"]
    assert len(result.errors) == 3
    assert result.errors[0] == "entry 2 ('bad port'): port 99999 is out of range (1-65535)"
    assert result.errors[1] == "entry 3: expected an object, found str"
    assert result.errors[2] == "entry 4: 'name' is missing"
    assert "skipped 3 invalid entries" in result.summary()
    assert store.names() == ["existing", "good", "good (2)"]


@pytest.mark.parametrize(("text", "error"), [
    ("{not json", "not valid JSON"),
    ('{"format": "something-else", "version": 1, "messages": []}', "not a Socket Tester"),
    (json.dumps({"format": FILE_FORMAT, "version": 99, "messages": []}), "version 99"),
    (json.dumps({"format": FILE_FORMAT, "version": "1", "messages": []}), "no valid version"),
    (json.dumps({"format": FILE_FORMAT, "version": 1, "messages": {}}), "no list of messages"),
    ("42", "no list of messages"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply|not valid JSON"),
])
def test_unusable_documents_raise_a_clear_error(text, error):
    store = _store(SavedMessage("kept", content=""))
    with pytest.raises(SavedMessageError, match=error):
        store.from_json(text)
    assert store.names() == ["kept"]


def test_bare_list_is_accepted():
    messages, errors = parse_messages('[{"name": "a", "content": "b"}]')
    assert [m.name for m in messages] == ["a"] and errors == []


def test_export_and_import_files(tmp_path):
    path = tmp_path / "out" / "saved.json"
    path.parent.mkdir()
    store = _store(SavedMessage("one", content="1"), SavedMessage("two", format="hex", content="02"))
    store.export_file(path)
    assert json.loads(path.read_text(encoding="utf-8"))["messages"][1]["content"] == "02"
    assert [p.name for p in path.parent.iterdir()] == ["saved.json"]  # no temp file left behind

    other = SavedMessageStore()
    result = other.import_file(path)
    assert result.added == ["one", "two"]
    assert other.messages() == store.messages()

    with pytest.raises(SavedMessageError, match="Could not read"):
        other.import_file(tmp_path / "missing.json")
    (tmp_path / "latin1.json").write_bytes(b'[{"name": "\xe9", "content": ""}]')
    with pytest.raises(SavedMessageError, match="not UTF-8"):
        other.import_file(tmp_path / "latin1.json")
    with pytest.raises(SavedMessageError, match="Could not write"):
        store.export_file(tmp_path / "no-such-dir" / "x.json")


def test_saved_messages_survive_a_restart(tmp_path, qtbot):
    ini = tmp_path / "settings.ini"
    store = _store(SavedMessage("Echo", port=7000, content="hello\n", line_ending="lf"),
                   SavedMessage("Bin", host="::1", format="hex", content="de ad"))
    store.save(Settings.at_path(ini))
    assert "Echo" in ini.read_text(encoding="utf-8")
    del store
    # QSettings shares one in-memory copy per file within a process; a copy under a new
    # name is one Qt has never seen, so loading it really parses what is on disk.
    fresh = tmp_path / "after-restart.ini"
    fresh.write_bytes(ini.read_bytes())

    restarted = SavedMessageStore()
    with qtbot.waitSignal(restarted.changed, timeout=1000):
        result = restarted.load(Settings.at_path(ini))
    assert restarted.load(Settings.at_path(fresh)) == result
    assert result.added == ["Echo", "Bin"] and result.errors == []
    assert restarted.get("Echo") == SavedMessage("Echo", port=7000, content="hello\n", line_ending="lf")
    assert restarted.get("Bin").host == "::1"


def test_damaged_settings_value_loads_as_an_empty_store(tmp_path):
    ini = tmp_path / "settings.ini"
    settings = Settings.at_path(ini)
    settings.write(SETTINGS_KEY, "{definitely not json")
    store = _store(SavedMessage("old", content=""))
    result = store.load(settings)
    assert len(store) == 0
    assert result.added == [] and "not valid JSON" in result.errors[0]

    settings.write(SETTINGS_KEY, 12345)
    assert store.load(settings).errors  # a number is not a document either
    assert len(store) == 0
