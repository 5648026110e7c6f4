"""Recent hosts/ports and shell-like message history."""

from __future__ import annotations

import pytest

from app.history import MessageHistory, RecentList


def test_recent_list_most_recent_first_unique_and_bounded():
    recent = RecentList(limit=3)
    for host in ("a", "b", "c", "a", " d ", "", "   "):
        recent.add(host)
    assert recent.items() == ["d", "a", "c"]
    recent.add(7000)
    assert recent.items() == ["7000", "d", "a"]
    assert "d" in recent and "b" not in recent
    recent.remove("d")
    assert list(recent) == ["7000", "a"] and len(recent) == 2


def test_recent_list_from_saved_items_keeps_their_order():
    recent = RecentList(["newest", "older", "newest", "oldest"], limit=20)
    assert recent.items() == ["newest", "older", "oldest"]
    with pytest.raises(ValueError):
        RecentList(limit=0)


def test_up_up_down_down_restores_the_draft():
    history = MessageHistory()
    for text in ("first", "second", "third"):
        history.add(text)
    assert history.previous("half-typed draft") == "third"
    assert history.previous("third") == "second"
    assert history.is_navigating
    assert history.next() == "third"
    assert history.next() == "half-typed draft"
    assert not history.is_navigating
    # Down again with nothing newer keeps what the editor holds.
    assert history.next("half-typed draft") == "half-typed draft"


def test_previous_stops_at_the_oldest_and_empty_history_changes_nothing():
    history = MessageHistory()
    assert history.previous("draft") == "draft"
    assert history.next("draft") == "draft"
    history.add("only")
    assert history.previous("d") == "only"
    assert history.previous("only") == "only"
    assert history.next() == "d"


def test_add_ends_navigation_ignores_duplicates_and_is_bounded():
    history = MessageHistory(limit=3)
    for text in ("a", "a", "b", "", "c", "d"):
        history.add(text)
    assert history.entries() == ["b", "c", "d"]
    assert history.previous("x") == "d"
    history.add("e")
    assert not history.is_navigating
    assert history.previous("") == "e"
    assert history.previous("") == "d"
    history.reset()
    assert history.next("typed") == "typed"
