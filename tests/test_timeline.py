"""Timelines on event records of our own."""

from __future__ import annotations

from datetime import date

import pytest

from summitry.timeline import build_timeline, plot

XI, PUTIN, TRUMP = {"name": "Xi Jinping"}, {"name": "Vladimir Putin"}, {"name": "Donald Trump"}


def _ev(i, day, kind="video_call", people=(XI, PUTIN), status="occurred"):
    return {"id": f"ev-{i}", "kind": kind, "status": status, "participants": list(people), "date": day,
            "documents": [f"d{i}"]}


EVENTS = [_ev(1, "2022-01-21"), _ev(2, "2023-01-20"), _ev(3, "2024-02-01"), _ev(4, "2025-01-21"),
          _ev(5, "2024-05-16", "visit"), _ev(6, "2025-02-03", "phone_call", (XI, TRUMP)),
          _ev(7, "2026-06-01", "visit", status="planned"), _ev(8, None, "meeting")]


def test_counts_per_pair_and_kind_and_filters():
    result = build_timeline(EVENTS)
    assert [c["id"] for c in result["contacts"]] == ["ev-1", "ev-2", "ev-3", "ev-5", "ev-4", "ev-6", "ev-7"]
    top = result["pairs"][0]
    assert top["pair"] == ["Vladimir Putin", "Xi Jinping"]
    assert top["counts"] == {"meeting": 1, "video_call": 4, "visit": 1} and top["total"] == 6  # planned not counted
    only = build_timeline(EVENTS, actors=["trump"])
    assert [c["id"] for c in only["contacts"]] == ["ev-6"]
    window = build_timeline(EVENTS, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert [c["id"] for c in window["contacts"]] == ["ev-3", "ev-5"]


def test_the_call_at_the_start_of_each_year_is_a_series():
    habit = [{"document": "d4", "text": "eine Tradition, die 2021 begann"}]
    series = build_timeline(EVENTS, habits={frozenset(["Vladimir Putin", "Xi Jinping"]): habit})["series"]
    assert len(series) == 1
    s = series[0]
    assert (s["pair"], s["family"], s["years"]) == (["Vladimir Putin", "Xi Jinping"], "remote",
                                                   [2022, 2023, 2024, 2025])
    assert s["contacts"] == ["ev-1", "ev-2", "ev-3", "ev-4"] and s["evidence"] == habit


def test_two_years_are_no_series():
    assert build_timeline(EVENTS[:2])["series"] == []


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_the_file(tmp_path, suffix):
    out = plot(build_timeline(EVENTS), tmp_path / f"t{suffix}")
    assert out.exists() and out.stat().st_size > 1000


def test_plot_refuses_other_formats(tmp_path):
    with pytest.raises(ValueError, match="png or .svg"):
        plot(build_timeline(EVENTS), tmp_path / "t.pdf")


def test_habits_come_from_sentences_that_call_a_contact_a_custom():
    from summitry.timeline import habits_of

    text = "Xi und Putin sprachen per Video. Die beiden haben es sich zur Tradition gemacht, zum neuen Jahr zu telefonieren."
    record = {"id": "d1", "language": "de",
              "contacts": [{"main": True, "participants": [XI, PUTIN]}]}
    habits = habits_of([(record, text)])
    assert [e["text"] for e in habits[frozenset(["Xi Jinping", "Vladimir Putin"])]] == [
        "Die beiden haben es sich zur Tradition gemacht, zum neuen Jahr zu telefonieren."]
