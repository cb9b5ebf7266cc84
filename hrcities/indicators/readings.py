"""An indicator's status and its change on the year before, read together in one sentence.

The two answer different questions, and readers see them side by side: the status
compares the latest value with the baseline and the straight line to the target (the
whole period), the change compares it with the value for the year before (one year).
So an indicator can improve on the year before and still be off track for its target,
or worsen and still be on track. The sentence says which, in plain words, instead of
leaving "Deterioration" next to "improved" unexplained.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .status import Change, ProgressStatus, Status

# Where the indicator stands, whatever happened in the last year.
REACHED = "reached"
ON_TRACK = "on-track"
TOO_SLOW = "too-slow"
OFF_TRACK = "off-track"
MOVING_AWAY = "moving-away"
BETTER = "better"  # no target: better than the baseline
LEVEL = "level"
WORSE = "worse"
UNKNOWN = "unknown"

STANDINGS = {
    Status.TARGET_ACHIEVED: REACHED,
    Status.SUBSTANTIAL: ON_TRACK,
    Status.MODERATE: TOO_SLOW,
    Status.NEGLIGIBLE: OFF_TRACK,
    Status.IMPROVED: BETTER,
    Status.NO_CHANGE: LEVEL,
    Status.NOT_ENOUGH_DATA: UNKNOWN,
}

# (standing, change on the year before or None) → sentence. The change and the standing
# agree ("and") or pull apart ("but"); each pair is written out whole, so that each
# language can say it its own way.
SENTENCES = {
    (REACHED, Change.IMPROVED): _(
        "Improved on the year before, and the %(target_year)s target is reached."
    ),
    (REACHED, Change.WORSENED): _(
        "Worsened on the year before, but the %(target_year)s target is still reached."
    ),
    (REACHED, Change.UNCHANGED): _(
        "Unchanged on the year before, and the %(target_year)s target is reached."
    ),
    (REACHED, None): _("The %(target_year)s target is reached."),
    (ON_TRACK, Change.IMPROVED): _(
        "Improved on the year before, and on track for the %(target_year)s target."
    ),
    (ON_TRACK, Change.WORSENED): _(
        "Worsened on the year before, but still on track for the %(target_year)s target."
    ),
    (ON_TRACK, Change.UNCHANGED): _(
        "Unchanged on the year before, and still on track for the %(target_year)s target."
    ),
    (ON_TRACK, None): _("On track for the %(target_year)s target."),
    (TOO_SLOW, Change.IMPROVED): _(
        "Improved on the year before, but progress is still slower than the "
        "%(target_year)s target needs."
    ),
    (TOO_SLOW, Change.WORSENED): _(
        "Worsened on the year before, and progress is slower than the %(target_year)s target needs."
    ),
    (TOO_SLOW, Change.UNCHANGED): _(
        "Unchanged on the year before, and progress is slower than the %(target_year)s "
        "target needs."
    ),
    (TOO_SLOW, None): _("Progress is slower than the %(target_year)s target needs."),
    (OFF_TRACK, Change.IMPROVED): _(
        "Improved on the year before, but still off track for the %(target_year)s target."
    ),
    (OFF_TRACK, Change.WORSENED): _(
        "Worsened on the year before, and off track for the %(target_year)s target."
    ),
    (OFF_TRACK, Change.UNCHANGED): _(
        "Unchanged on the year before, and off track for the %(target_year)s target."
    ),
    (OFF_TRACK, None): _("Off track for the %(target_year)s target."),
    (MOVING_AWAY, Change.IMPROVED): _(
        "Improved on the year before, but still worse than at the %(baseline_year)s "
        "baseline, so off track for the %(target_year)s target."
    ),
    (MOVING_AWAY, Change.WORSENED): _(
        "Worsened on the year before, and worse than at the %(baseline_year)s baseline: "
        "moving away from the %(target_year)s target."
    ),
    (MOVING_AWAY, Change.UNCHANGED): _(
        "Unchanged on the year before, and still worse than at the %(baseline_year)s "
        "baseline, so off track for the %(target_year)s target."
    ),
    (MOVING_AWAY, None): _(
        "Worse than at the %(baseline_year)s baseline: moving away from the %(target_year)s target."
    ),
    (BETTER, Change.IMPROVED): _(
        "Improved on the year before, and better than at the %(baseline_year)s baseline. "
        "No target is set."
    ),
    (BETTER, Change.WORSENED): _(
        "Worsened on the year before, but still better than at the %(baseline_year)s "
        "baseline. No target is set."
    ),
    (BETTER, Change.UNCHANGED): _(
        "Unchanged on the year before, and better than at the %(baseline_year)s baseline. "
        "No target is set."
    ),
    (BETTER, None): _("Better than at the %(baseline_year)s baseline. No target is set."),
    (LEVEL, Change.IMPROVED): _(
        "Improved on the year before, back to the level of the %(baseline_year)s baseline. "
        "No target is set."
    ),
    (LEVEL, Change.WORSENED): _(
        "Worsened on the year before, back to the level of the %(baseline_year)s baseline. "
        "No target is set."
    ),
    (LEVEL, Change.UNCHANGED): _(
        "Unchanged on the year before, and level with the %(baseline_year)s baseline. "
        "No target is set."
    ),
    (LEVEL, None): _("Level with the %(baseline_year)s baseline. No target is set."),
    (WORSE, Change.IMPROVED): _(
        "Improved on the year before, but still worse than at the %(baseline_year)s "
        "baseline. No target is set."
    ),
    (WORSE, Change.WORSENED): _(
        "Worsened on the year before, and worse than at the %(baseline_year)s baseline. "
        "No target is set."
    ),
    (WORSE, Change.UNCHANGED): _(
        "Unchanged on the year before, and still worse than at the %(baseline_year)s "
        "baseline. No target is set."
    ),
    (WORSE, None): _("Worse than at the %(baseline_year)s baseline. No target is set."),
    (UNKNOWN, Change.IMPROVED): _(
        "Improved on the year before; there are not enough values yet for a status "
        "against the baseline and target."
    ),
    (UNKNOWN, Change.WORSENED): _(
        "Worsened on the year before; there are not enough values yet for a status "
        "against the baseline and target."
    ),
    (UNKNOWN, Change.UNCHANGED): _(
        "Unchanged on the year before; there are not enough values yet for a status "
        "against the baseline and target."
    ),
    (UNKNOWN, None): _("There are not enough values yet for a status."),
}


def standing(status: ProgressStatus) -> str:
    """Return where the indicator stands against its baseline and target."""
    if status.status == Status.DETERIORATION:
        return MOVING_AWAY if status.target is not None else WORSE
    return STANDINGS[Status(status.status)]


def agrees(status: ProgressStatus, change: str | None) -> bool:
    """Return whether the change on the year before points the way the status does.

    False is what readers ask about: improved on the year before, yet off track (or the
    other way round).
    """
    place = standing(status)
    if change == Change.IMPROVED:
        return place in (REACHED, ON_TRACK, BETTER, LEVEL)
    if change == Change.WORSENED:
        return place in (TOO_SLOW, OFF_TRACK, MOVING_AWAY, WORSE, LEVEL)
    return True


def reading(status: ProgressStatus, change: str | None) -> str:
    """Return the status and the change on the year before, in one plain sentence."""
    values: dict[str, Any] = {
        "target_year": status.target.year if status.target else "",
        "baseline_year": status.baseline.year if status.baseline else "",
    }
    return str(SENTENCES[(standing(status), change)]) % values
