"""Progress status at its boundaries (the method is documented in status.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hrcities.indicators.status import (
    Change,
    Status,
    compute_status,
    summarise,
)

# Baseline 50 in 2020, target 100 in 2030: the straight line asks for +5 a year.
BASE = (2020, 50)
TARGET = (2030, 100)


def status_of(latest: float | str, *, year: int = 2024, higher: bool = True, **kw) -> str:
    kw.setdefault("baseline", BASE)
    kw.setdefault("target", TARGET)
    series = [(2020, kw["baseline"][1] if kw["baseline"] else 50), (year, latest)]
    return compute_status(series, higher_is_better=higher, **kw).status


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        ("100", Status.TARGET_ACHIEVED),  # exactly at the target
        ("120", Status.TARGET_ACHIEVED),  # beyond it
        ("69", Status.SUBSTANTIAL),  # by 2024 the line asks for 70: 19/20 = 0.95 exactly
        ("68.99", Status.MODERATE),  # just under 0.95
        ("62", Status.MODERATE),  # 12/20 = 0.60 exactly
        ("61.99", Status.NEGLIGIBLE),  # just under 0.60
        ("50", Status.NEGLIGIBLE),  # exactly at the baseline: R = 0
        ("49.99", Status.DETERIORATION),  # just below the baseline
    ],
)
def test_status_at_the_thresholds_when_higher_is_better(latest, expected):
    assert status_of(latest) == expected


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        ("10", Status.TARGET_ACHIEVED),  # exactly at the target
        ("34.8", Status.SUBSTANTIAL),  # the line asks for 34 by 2024: 15.2/16 = 0.95
        ("34.81", Status.MODERATE),
        ("40.4", Status.MODERATE),  # 9.6/16 = 0.60
        ("40.41", Status.NEGLIGIBLE),
        ("50", Status.NEGLIGIBLE),  # at the baseline
        ("50.01", Status.DETERIORATION),  # higher is worse here
    ],
)
def test_status_when_lower_is_better(latest, expected):
    assert status_of(latest, higher=False, target=(2030, 10)) == expected


def test_ratio_and_required_value_are_reported():
    result = compute_status(
        [(2020, 50), (2024, 62)], higher_is_better=True, baseline=BASE, target=TARGET
    )
    assert result.ratio == Decimal("0.6")
    assert result.required == Decimal("70")
    assert result.since_baseline == Change.IMPROVED


def test_after_the_target_year_the_whole_way_is_required():
    # 2034 is past 2030: the line stops at the target, so 95 of 100 is 45/50 = 0.9.
    assert status_of("95", year=2034) == Status.MODERATE


def test_without_a_target_only_the_direction_counts():
    assert status_of("51", target=None) == Status.IMPROVED
    assert status_of("50", target=None) == Status.NO_CHANGE
    assert status_of("49", target=None) == Status.DETERIORATION
    assert status_of("49", target=None, higher=False) == Status.IMPROVED


def test_without_a_baseline_the_earliest_value_serves():
    result = compute_status(
        [(2022, 60), (2019, 40), (2024, 80)],
        higher_is_better=True,
        baseline=None,
        target=(2029, 140),
    )
    # From 40 in 2019 to 140 in 2029 is +10 a year: +40 by 2024 is 0.8 of the +50 asked.
    assert result.baseline_from_data
    assert result.baseline.year == 2019
    assert result.ratio == Decimal("0.8")
    assert result.status == Status.MODERATE


def test_one_value_and_no_baseline_is_not_enough():
    result = compute_status([(2023, 5)], higher_is_better=True, target=(2030, 10))
    assert result.status == Status.NOT_ENOUGH_DATA


def test_nothing_after_the_baseline_year_is_not_enough():
    result = compute_status(
        [(2019, 30), (2020, 50)], higher_is_better=True, baseline=BASE, target=TARGET
    )
    assert result.status == Status.NOT_ENOUGH_DATA


def test_no_values_is_not_enough():
    assert compute_status([], higher_is_better=True).status == Status.NOT_ENOUGH_DATA


def test_a_baseline_beyond_the_target_that_slips_back_is_deterioration():
    result = compute_status(
        [(2020, 95), (2023, 85)], higher_is_better=True, baseline=(2020, 95), target=(2030, 90)
    )
    assert result.status == Status.DETERIORATION


def test_status_as_of_a_year_leaves_later_values_out():
    series = [(2020, 50), (2022, 60), (2024, 30)]
    early = compute_status(series, higher_is_better=True, baseline=BASE, target=TARGET, as_of=2022)
    late = compute_status(series, higher_is_better=True, baseline=BASE, target=TARGET)
    assert early.status == Status.SUBSTANTIAL
    assert late.status == Status.DETERIORATION


def test_year_on_year_change_follows_the_direction():
    worse = compute_status([(2022, 10), (2023, 12)], higher_is_better=False)
    better = compute_status([(2022, 10), (2023, 12)], higher_is_better=True)
    same = compute_status([(2022, 10), (2023, 10)], higher_is_better=True)
    assert worse.year_on_year == Change.WORSENED
    assert better.year_on_year == Change.IMPROVED
    assert same.year_on_year == Change.UNCHANGED


def test_summary_counts_statuses_and_shares_of_yearly_change():
    results = [
        compute_status([(2022, 10), (2023, 12)], higher_is_better=True),
        compute_status([(2022, 10), (2023, 11)], higher_is_better=True),
        compute_status([(2022, 10), (2023, 9)], higher_is_better=True),
        compute_status([(2023, 9)], higher_is_better=True),
    ]
    summary = summarise(results)
    assert summary.total == 4
    assert summary.by_status == {"improved": 2, "deterioration": 1, "not_enough_data": 1}
    assert (summary.improved, summary.worsened, summary.compared) == (2, 1, 3)
    assert summary.share_improved == pytest.approx(2 / 3)
    assert summary.assessed == 3
    assert [row[0] for row in summary.counts()] == ["improved", "deterioration", "not_enough_data"]
