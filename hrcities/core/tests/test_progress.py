"""The progress bar the long-running commands draw on stderr."""

import io

from django.core.management.base import OutputWrapper

from hrcities.core.progress import ProgressBar


def drawn(text: str) -> list[str]:
    """Return the lines as a terminal would leave them: each redraw replaces the last."""
    return [line.rsplit("\r", 1)[-1] for line in text.split("\n")]


def test_the_bar_shows_label_share_done_total_and_rate():
    bar = ProgressBar(label_width=8, width=10)
    assert bar.line("city", 120, 240, 2.0) == "city     [#####.....] 120/240 60/s"
    assert bar.line("city", 0, 0, 0.0) == "city     [##########] 0/0 0/s"


def test_each_label_ends_its_own_line_when_done():
    out = io.StringIO()
    bar = ProgressBar(out, label_width=8, width=10)
    for done in (0, 5, 10):
        bar("city", done, 10)
    bar("item", 3, 3)
    lines = drawn(out.getvalue())
    assert [line.split("/s")[0].rsplit(" ", 1)[0] for line in lines[:2]] == [
        "city     [##########] 10/10",
        "item     [##########] 3/3",
    ]
    assert lines[2] == ""


def test_a_label_left_unfinished_is_ended_when_the_next_begins():
    out = io.StringIO()
    bar = ProgressBar(out, width=10)
    bar("checking", 4, 10)
    bar("importing", 1, 10)
    first, second = drawn(out.getvalue())
    assert first.startswith("checking") and "4/10" in first
    assert second.startswith("importing") and "1/10" in second


def test_a_long_run_is_redrawn_about_a_hundred_times_not_once_a_row():
    out = io.StringIO()
    bar = ProgressBar(out)
    for done in range(10_001):
        bar("rows", done, 10_000)
    assert out.getvalue().count("\r") == 101
    assert "10000/10000" in out.getvalue()


def test_a_command_s_stderr_gets_one_line_per_label_not_one_per_redraw():
    out = io.StringIO()
    bar = ProgressBar(OutputWrapper(out), width=10)
    bar("city", 1, 2)
    bar("city", 2, 2)
    assert out.getvalue().count("\n") == 1
