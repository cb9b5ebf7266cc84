"""The suggestion report shows a label suggested for most records, and its precision where
people tagged the records."""

import io

import pytest
from django.core.management import CommandError, call_command

from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.taxonomy.tags import set_accepted_tags

pytestmark = pytest.mark.django_db

WATER = "Provide safe drinking water and sanitation to every household in informal settlements."


def report(*args):
    out = io.StringIO()
    call_command("suggestion_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_label_suggested_everywhere_is_marked_and_judged_by_peoples_tags(
    gwangju, sdg_goals, admin
):
    commitment = make_declaration(promises=1).commitments.get()
    actions = [
        make_action(commitment, gwangju, title=f"Water {n}", description=WATER) for n in range(3)
    ]
    set_accepted_tags(actions[0], ["sdg:6"], by=admin)
    set_accepted_tags(actions[1], ["sdg:11"], by=admin)
    text = report("--kind", "commitments.action")
    assert "commitments.action: 3 records read" in text
    assert "goals: 2 records tagged by people" in text
    marked = next(line for line in text.splitlines() if "at least 50%" in line)
    assert "sdg:6 (100%)" in marked
    assert "sdg:6 suggested for 3 (100%), precision 1/2" in text


def test_a_share_out_of_range_and_an_unknown_kind_are_refused():
    with pytest.raises(CommandError, match="--share"):
        report("--share", "2")
    with pytest.raises(CommandError, match="Unknown kind nothing.here"):
        report("--kind", "nothing.here")
