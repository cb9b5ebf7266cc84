from datetime import date, timedelta
from decimal import Decimal

import pytest

from hrcities.commitments.progress import declaration_progress, progress_of, weighted_mean

from .builders import action, declaration_with, status

pytestmark = pytest.mark.django_db


def test_weighted_mean_counts_each_value_by_its_weight():
    assert weighted_mean([(100, Decimal("3")), (0, Decimal("1"))]) == 75.0
    assert weighted_mean([(50, Decimal("0"))]) is None
    assert weighted_mean([]) is None


def test_an_action_counts_its_status_progress_unless_one_is_entered(gwangju):
    commitment = declaration_with(1).commitments.get()
    action(commitment, gwangju, status=status("in-progress"))  # 50 by default
    action(commitment, gwangju, status=status("planned"), progress=30)

    assert progress_of(commitment).progress == pytest.approx(40.0)


def test_progress_rolls_up_by_weight_from_sub_actions_to_the_declaration(gwangju, busan):
    declaration = declaration_with(2)
    first, second = declaration.commitments.order_by("number")
    parent = action(first, gwangju, progress=0, weight=Decimal("3"))
    action(first, gwangju, parent=parent, progress=100, weight=Decimal("1"))
    action(first, gwangju, parent=parent, progress=0, weight=Decimal("3"))
    action(first, busan, progress=100, weight=Decimal("1"))

    result = declaration_progress(declaration)

    # The parent counts its sub-actions (25 %), not its own 0 %: (25*3 + 100*1) / 4.
    assert result.commitments[0].progress == pytest.approx(43.75)
    # The second promise has no action yet and stands at 0 %.
    assert result.commitments[1].progress == 0
    assert result.progress == pytest.approx(21.875)
    assert [str(o) for o in result.commitments[0].owners] == ["Gwangju", "Busan"]


def test_commitment_weights_shape_the_declaration_progress(gwangju):
    declaration = declaration_with(2)
    first, second = declaration.commitments.order_by("number")
    first.weight = Decimal("3")
    first.save()
    action(first, gwangju, status=status("completed"))

    assert declaration_progress(declaration).progress == pytest.approx(75.0)


def test_cancelled_actions_are_left_out_of_the_roll_up(gwangju):
    commitment = declaration_with(1).commitments.get()
    action(commitment, gwangju, progress=80)
    action(commitment, gwangju, status=status("cancelled"), progress=0)

    part = progress_of(commitment)
    assert part.progress == pytest.approx(80.0)
    assert part.action_count == 2


def test_overdue_actions_are_those_past_due_and_not_closed(gwangju):
    commitment = declaration_with(1).commitments.get()
    yesterday = date.today() - timedelta(days=1)
    late = action(commitment, gwangju, due_date=yesterday)
    action(commitment, gwangju, due_date=yesterday, status=status("completed"))
    action(commitment, gwangju, due_date=date.today() + timedelta(days=5))

    assert progress_of(commitment).overdue == [late]
