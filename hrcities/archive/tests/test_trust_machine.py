"""The stateful leak test in the suite, with a small budget (`make test-trust` runs it
for longer). What it does is told in `trust_machine.py`."""

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from .trust_machine import TrustMachine, budget

pytestmark = pytest.mark.django_db


def test_no_sequence_of_actions_shows_a_protected_word_to_a_reader_without_the_right():
    run_state_machine_as_test(
        TrustMachine,
        settings=settings(
            **budget(),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
