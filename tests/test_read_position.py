"""How far the readers are through their inputs: what `ingest`'s progress bar and ETA come from."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console
from rich.progress import Progress, ProgressSample

from news_pages import GARDEN_EN, PUTIN_XI_DE, TRUMP_MERZ_EN, article, write_warc
from summitry.read import ReadOptions, read_inputs
from summitry.read.position import ReadPosition, input_size
from summitry.render import _RateColumn


def _positions(paths: list[str]) -> tuple[list[int], ReadOptions]:
    """The bytes read when each item comes, and the options after the last."""
    options = ReadOptions(prefilter=False)
    return [options.position.bytes_read for _ in read_inputs(paths, options)], options


def _rising_to(positions: list[int], options: ReadOptions, total: int) -> None:
    assert positions == sorted(positions)
    assert all(0 < p <= total for p in positions)
    assert options.position.bytes_read == total


def test_files_in_a_folder_count_as_read_one_after_the_other(tmp_path):
    sizes = []
    for i, text in enumerate(["Putin sprach mit Xi.", "Ein längerer Text über Merz und Macron. " * 20, "x"]):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        sizes.append(path.stat().st_size)
    positions, options = _positions([str(tmp_path)])
    assert positions == [sizes[0], sizes[0] + sizes[1], sum(sizes)]
    assert input_size([str(tmp_path)]) == sum(sizes) == options.position.bytes_read


def test_json_lines_move_on_a_line_at_a_time_and_end_at_the_file_size(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": "Xi und Putin telefonierten. " * (i + 1)}, ensure_ascii=False)
             for i in range(5)]
    path.write_text("\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:]) + "\n", encoding="utf-8")
    positions, options = _positions([str(path)])
    assert len(positions) == 5 and len(set(positions)) == 5
    _rising_to(positions, options, input_size([str(path)]))


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_an_archive_moves_on_a_record_at_a_time(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    bodies = [("Putin spricht mit Xi", PUTIN_XI_DE, "de"), ("Tomatoes", GARDEN_EN, "en"),
              ("Trump calls Merz", TRUMP_MERZ_EN, "en")] * 20
    filler = "<!-- " + "".join(f"{i:08x}" for i in range(4000)) + " -->"  # 32 KB a page, past a read chunk
    pages = [(f"https://news.example/{i}", 200, "text/html", article(title, body, lang=lang) + filler)
             for i, (title, body, lang) in enumerate(bodies)]
    write_warc(path, pages, gz=gz)
    positions, options = _positions([str(path)])
    assert len(positions) == 60
    _rising_to(positions, options, path.stat().st_size)
    assert len(set(positions)) > 10


def test_several_inputs_add_up(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.jsonl"
    a.write_text("Putin sprach mit Xi.", encoding="utf-8")
    b.write_text(json.dumps({"id": "x", "text": "Merz traf Macron."}) + "\n", encoding="utf-8")
    positions, options = _positions([str(a), str(b)])
    _rising_to(positions, options, a.stat().st_size + b.stat().st_size)


@pytest.mark.parametrize("path", ["-", "https://news.example/feed.rss", "news.rss", "folder/feed.XML"])
def test_streams_and_feeds_have_no_size_known_ahead(path):
    assert input_size(["local.txt", path]) is None


def test_a_missing_file_counts_nothing():
    assert input_size(["/no/such/file.txt"]) == 0


def test_position_never_passes_the_size_it_was_given():
    position = ReadPosition()
    position.within(100, 150)  # a character count standing for bytes may overshoot
    assert position.bytes_read == 100
    position.finish(100)
    position.within(50, 10)
    assert position.bytes_read == 110


def test_rate_is_in_documents_whatever_the_bar_counts():
    progress = Progress(console=Console(file=io.StringIO()), auto_refresh=False)
    task_id = progress.add_task("x", total=10_000, documents=0)
    task = progress.tasks[0]
    assert str(_RateColumn().render(task)) == ""  # nothing read yet
    progress.update(task_id, completed=2_000, documents=4)  # 500 bytes a document
    task.start_time = 0.0
    task._progress.clear()  # rich's samples of how much was done when: 1,000 bytes a second
    task._progress.extend([ProgressSample(1.0, 1_000), ProgressSample(2.0, 1_000)])
    assert str(_RateColumn().render(task)) == "2 documents/s"
