"""The stateful leak test in the suite, with a small budget; `make test-trust` runs it
for as many minutes as TRUST_MINUTES says (30 unless told). What it does is told in
`trust_machine.py`."""

import os
import time

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from .trust_machine import Steps, TrustMachine, budget

pytestmark = pytest.mark.django_db


def test_no_sequence_of_actions_shows_a_protected_word_to_a_reader_without_the_right():
    minutes = float(os.environ.get("TRUST_MINUTES", "0"))
    deadline = time.monotonic() + minutes * 60
    Steps.count = Steps.examples = 0
    Steps.outcomes.clear()
    while True:
        run_state_machine_as_test(
            TrustMachine,
            settings=settings(
                **budget(),
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
        if time.monotonic() >= deadline:
            break
    print(f"\nThe trust machine ran {Steps.examples} sequences, {Steps.count} steps.")
    for outcome, count in sorted(Steps.outcomes.items()):
        print(f"  {outcome:<60} {count:>6}")
