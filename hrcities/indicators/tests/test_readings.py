"""An indicator's status and its change on the year before, read together."""

from __future__ import annotations

import itertools

import pytest
from django.utils import translation

from hrcities.indicators.readings import SENTENCES, agrees, reading, standing
from hrcities.indicators.status import Change, compute_status


def status(series, **options):
    return compute_status(series, higher_is_better=options.pop("higher", True), **options)


# Below the 2018 baseline of 60 and heading for 80 by 2030; 2023 is better than 2022.
RECOVERING = status([(2018, 60), (2022, 50), (2023, 55)], baseline=(2018, 60), target=(2030, 80))
# On the straight line to the target, though 2023 is a little worse than 2022.
ON_TRACK_DIP = status([(2018, 40), (2022, 52), (2023, 51)], baseline=(2018, 40), target=(2028, 60))


def test_improving_on_the_year_while_worse_than_the_baseline_says_both():
    assert RECOVERING.status == "deterioration" and RECOVERING.year_on_year == Change.IMPROVED
    assert reading(RECOVERING, Change.IMPROVED) == (
        "Improved on the year before, but still worse than at the 2018 baseline, "
        "so off track for the 2030 target."
    )
    assert not agrees(RECOVERING, Change.IMPROVED)


def test_worsening_on_the_year_while_on_track_says_both():
    assert ON_TRACK_DIP.status == "substantial" and ON_TRACK_DIP.year_on_year == Change.WORSENED
    assert reading(ON_TRACK_DIP, Change.WORSENED) == (
        "Worsened on the year before, but still on track for the 2028 target."
    )
    assert not agrees(ON_TRACK_DIP, Change.WORSENED)


def test_a_change_that_points_the_way_of_the_status_agrees_with_it():
    better = status([(2018, 40), (2022, 50), (2023, 53)], baseline=(2018, 40), target=(2028, 60))
    assert reading(better, Change.IMPROVED) == (
        "Improved on the year before, and on track for the 2028 target."
    )
    assert agrees(better, Change.IMPROVED)


def test_lower_is_better_reads_the_way_the_indicator_points():
    fewer = status([(2020, 100), (2022, 90), (2023, 95)], higher=False)
    assert fewer.status == "improved" and fewer.year_on_year == Change.WORSENED
    assert reading(fewer, fewer.year_on_year) == (
        "Worsened on the year before, but still better than at the 2020 baseline. No target is set."
    )


def test_without_a_change_to_compare_only_the_status_is_read():
    first = status([(2023, 10)], target=(2030, 20))
    assert reading(first, None) == "There are not enough values yet for a status."
    assert reading(RECOVERING, None) == (
        "Worse than at the 2018 baseline: moving away from the 2030 target."
    )


@pytest.mark.parametrize(
    "series, options, expected",
    [
        ([(2018, 40), (2023, 80)], {"target": (2030, 70)}, "reached"),
        ([(2018, 40), (2023, 50)], {"target": (2028, 60)}, "on-track"),
        ([(2018, 40), (2023, 47)], {"target": (2028, 60)}, "too-slow"),
        ([(2018, 40), (2023, 41)], {"target": (2028, 60)}, "off-track"),
        ([(2018, 40), (2023, 30)], {"target": (2028, 60)}, "moving-away"),
        ([(2018, 40), (2023, 45)], {}, "better"),
        ([(2018, 40), (2023, 40)], {}, "level"),
        ([(2018, 40), (2023, 35)], {}, "worse"),
        ([(2023, 40)], {}, "unknown"),
    ],
)
def test_every_status_has_its_standing(series, options, expected):
    assert standing(status(series, **options)) == expected


def test_every_standing_and_change_reads_in_english_and_korean():
    standings = {place for place, _change in SENTENCES}
    changes = [Change.IMPROVED, Change.WORSENED, Change.UNCHANGED, None]
    assert set(SENTENCES) == set(itertools.product(standings, changes))
    values = {"target_year": 2030, "baseline_year": 2018}
    for key, sentence in SENTENCES.items():
        english = str(sentence) % values
        with translation.override("ko"):
            korean = str(sentence) % values
        assert korean != english, f"{key} has no Korean"
        for year in ("2030", "2018"):
            assert (year in korean) == (year in english), f"{key} drops or adds {year}"
