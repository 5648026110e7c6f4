"""Typed settings reads: real INI files in tmp_path, good values, foreign values, garbage."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QStandardPaths

from app.settings import APPLICATION_NAME, ORGANIZATION_NAME, Settings


def _write_ini(path, text: str) -> Settings:
    path.write_text(text, encoding="utf-8")
    return Settings.at_path(path)


def test_values_survive_a_restart(tmp_path):
    path = tmp_path / "settings.ini"
    first = Settings.at_path(path)
    first.write("connection/host", "::1")
    first.write("connection/port", 7000)
    first.write("view/wrap", True)
    first.write("view/hidden", False)
    first.write("capture/key", b"\x00\xffbinary\n")
    first.write("layout/splitter", {"sizes": [300, 500], "name": "main, left"})
    first.write("recent/hosts", ["localhost", "127.0.0.1"])
    first.sync()
    del first

    text = path.read_text(encoding="utf-8")
    assert "7000" in text and "true" in text  # a real file was written, readable by people

    # A copy Qt has never seen, so the values really come from parsing the file.
    copy = tmp_path / "copy.ini"
    copy.write_bytes(path.read_bytes())
    second = Settings.at_path(copy)
    assert second.read_str("connection/host", "x") == "::1"
    assert second.read_int("connection/port", 1) == 7000
    assert second.read_bool("view/wrap", False) is True
    assert second.read_bool("view/hidden", True) is False
    assert second.read_bytes("capture/key", b"") == b"\x00\xffbinary\n"
    assert second.read_json("layout/splitter", {}) == {"sizes": [300, 500], "name": "main, left"}
    assert second.read_json("recent/hosts", []) == ["localhost", "127.0.0.1"]


def test_ini_strings_are_understood(tmp_path):
    settings = _write_ini(tmp_path / "s.ini", (
        "[General]\n"
        "port=8080\nneg=-3\nplus=+4\nspaced=\" 12 \"\n"
        "t1=true\nt2=1\nt3=YES\nt4=on\nf1=false\nf2=0\nf3=No\nf4=off\n"
        "name=hello world\nempty=\n"
    ))
    assert settings.read_int("port", 0) == 8080
    assert settings.read_int("neg", 0) == -3
    assert settings.read_int("plus", 0) == 4
    assert settings.read_int("spaced", 0) == 12
    assert [settings.read_bool(k, False) for k in ("t1", "t2", "t3", "t4")] == [True] * 4
    assert [settings.read_bool(k, True) for k in ("f1", "f2", "f3", "f4")] == [False] * 4
    assert settings.read_str("name", "") == "hello world"
    assert settings.read_str("empty", "default") == ""


def test_foreign_and_out_of_range_values_give_defaults(tmp_path):
    settings = _write_ini(tmp_path / "s.ini", (
        "[General]\n"
        "port=70000\nword=seven\nfloat=1.5\nhuge=123456789012345678901234567890\n"
        "flag=maybe\nlist=a, b, c\njson={not json\njsonlist=[1, 2]\nbytes=plain text\n"
        "blob=@ByteArray(abc)\n"
    ))
    assert settings.read_int("port", 7, minimum=1, maximum=65535) == 7
    assert settings.read_int("port", 7, maximum=65535) == 7
    assert settings.read_int("port", 7, minimum=80000) == 7
    assert settings.read_int("word", 5) == 5
    assert settings.read_int("float", 5) == 5
    assert settings.read_int("huge", 5) == 5
    assert settings.read_int("flag", 9) == 9
    assert settings.read_bool("flag", True) is True
    assert settings.read_bool("port", False) is False
    assert settings.read_bool("blob", True) is True
    assert settings.read_str("list", "fallback") == "fallback"  # INI turned it into a list
    assert settings.read_str("blob", "fallback") == "fallback"
    assert settings.read_json("json", {"a": 1}) == {"a": 1}
    assert settings.read_json("jsonlist", {"a": 1}) == {"a": 1}  # wrong shape for a dict
    assert settings.read_json("list", []) == []
    assert settings.read_bytes("bytes", b"dflt") == b"dflt"
    assert settings.read_bytes("blob", b"") == b"abc"
    assert settings.read_int("missing", 3) == 3
    assert settings.read_str("missing", "m") == "m"
    assert settings.read_json("missing", None) is None
    assert settings.read_int("", 4) == 4  # an empty key is nothing, not a Qt warning


def test_values_written_in_this_process_read_back_typed(tmp_path):
    settings = Settings.at_path(tmp_path / "s.ini")
    settings.write("n", 42)
    settings.write("flag", True)
    settings.write("text", "42")
    assert settings.read_int("n", 0) == 42
    assert settings.read_str("n", "") == "42"
    assert settings.read_int("flag", 7) == 7  # a bool is not a number here
    assert settings.read_bool("flag", False) is True
    assert settings.read_int("text", 0) == 42
    settings.write("n", None)
    assert not settings.contains("n")
    assert settings.read_int("n", -1) == -1


def test_garbage_bytes_in_the_file_give_defaults(tmp_path):
    path = tmp_path / "garbage.ini"
    path.write_bytes(bytes(range(256)) * 4 + b"\n[General\nport=@Variant(\\0\\0\\0\\x7f\xff\xfe)\n=\n\x00\x00"
                     + b"@ByteArray(\n[[[\xc3\x28\nflag=\xff\xfe\njson=\"{\\\"a\\\": \"\n")
    settings = Settings.at_path(path)
    assert settings.read_int("port", 7, minimum=1, maximum=65535) == 7
    assert settings.read_bool("flag", True) is True
    assert settings.read_bool("flag", False) is False
    assert settings.read_str("host", "127.0.0.1") == "127.0.0.1"
    assert settings.read_json("json", {"ok": True}) == {"ok": True}
    assert settings.read_bytes("blob", b"d") == b"d"
    # Writing over a damaged file works and gives a readable file again.
    settings.write("port", 8080)
    settings.sync()
    assert Settings.at_path(path).read_int("port", 7) == 8080


def test_default_constructor_uses_the_application_names(qapp, tmp_path):
    QStandardPaths.setTestModeEnabled(True)
    old = qapp.organizationName(), qapp.applicationName()
    try:
        qapp.setOrganizationName(ORGANIZATION_NAME)
        qapp.setApplicationName(APPLICATION_NAME)
        settings = Settings()
        assert settings.qsettings.organizationName() == ORGANIZATION_NAME
        assert settings.qsettings.applicationName() == APPLICATION_NAME
        assert settings.qsettings.scope() == QSettings.Scope.UserScope
    finally:
        qapp.setOrganizationName(old[0])
        qapp.setApplicationName(old[1])
        QStandardPaths.setTestModeEnabled(False)


def test_write_refuses_types_it_cannot_store(tmp_path):
    settings = Settings.at_path(tmp_path / "s.ini")
    try:
        settings.write("x", object())
    except TypeError as exc:
        assert "object" in str(exc)
    else:
        raise AssertionError("write() accepted an object it cannot store")
    assert not settings.contains("x")
