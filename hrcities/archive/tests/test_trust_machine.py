"""The stateful leak test in the suite, with a small budget; `make test-trust` runs it
for as many minutes as TRUST_MINUTES says (30 unless told). What it does is told in
`trust_machine.py`."""

import logging
import os
import time

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from .trust_machine import ATTACKER, KEEPER, Steps, TrustMachine, budget

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet_refusals():
    """The machine's refused calls (403, 404, 422) are expected: keep them out of the log."""
    requests = logging.getLogger("django.request")
    level = requests.level
    requests.setLevel(logging.ERROR)
    yield
    requests.setLevel(level)


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


# --- fixed examples: sequences the trust model once let through, replayed on every run ---


def replay(*steps):
    """Run the machine through the given steps, checking every channel after each.

    Each step is (rule name, arguments); an argument "item:N" or "person:N" names the
    N-th record or person made so far in the sequence, "returned" what the step before
    gave back (a role granted).
    """
    machine = TrustMachine()
    try:
        machine.set_up_the_network()
        machine.no_reader_finds_a_protected_word()
        returned = None
        for name, arguments in steps:
            resolved = {}
            for key, value in arguments.items():
                if isinstance(value, str) and value.startswith(("item:", "person:")):
                    kind, index = value.split(":")
                    pool = machine.records if kind == "item" else machine.persons
                    value = pool[int(index)]
                elif value == "returned":
                    value = returned
                resolved[key] = value
            returned = getattr(machine, name)(**resolved)
            machine.no_reader_finds_a_protected_word()
    finally:
        machine.teardown()


def test_a_restore_of_the_version_before_a_withdrawal_keeps_the_testimony_withdrawn():
    replay(
        (
            "create_item",
            dict(actor=KEEPER, access="public", testimony=True, person=None, hide_name=False),
        ),
        ("keeper_publishes_with_consent", dict(record="item:0")),
        ("withdraw", dict(actor=KEEPER, record="item:0")),
        ("restore_a_revision", dict(actor=KEEPER, record="item:0", newest_first=1)),
        ("restore_a_revision", dict(actor=KEEPER, record="item:0", newest_first=3)),
    )


def test_redacted_words_stay_withheld_through_an_edit_that_moves_them_and_a_restore():
    replay(
        (
            "create_item",
            dict(actor=KEEPER, access="public", testimony=False, person=None, hide_name=False),
        ),
        ("keeper_publishes_with_consent", dict(record="item:0")),
        ("redact", dict(actor=KEEPER, record="item:0", where="transcript")),
        ("edit_text", dict(actor=KEEPER, record="item:0", with_planted=True)),
        ("restore_a_revision", dict(actor=KEEPER, record="item:0", newest_first=2)),
    )


def test_another_citys_editor_cannot_show_a_persons_real_name_by_linking_them():
    replay(
        ("keeper_records_a_person", dict(may_be_shown=True)),
        (
            "create_item",
            dict(
                actor=KEEPER,
                access="restricted",
                testimony=True,
                person="person:0",
                hide_name=False,
            ),
        ),
        (
            "create_item",
            dict(actor=ATTACKER, access="public", testimony=False, person=None, hide_name=False),
        ),
        (
            "attach_a_person",
            dict(actor=ATTACKER, person="person:0", record="item:1", role="subject"),
        ),
        ("keeper_publishes_with_consent", dict(record="item:0")),
    )


def test_a_name_hidden_on_one_record_is_not_found_through_another():
    replay(
        ("keeper_records_a_person", dict(may_be_shown=True)),
        (
            "create_item",
            dict(actor=KEEPER, access="public", testimony=True, person="person:0", hide_name=False),
        ),
        (
            "create_item",
            dict(actor=KEEPER, access="public", testimony=True, person="person:0", hide_name=False),
        ),
        ("keeper_publishes_with_consent", dict(record="item:0")),
        ("keeper_publishes_with_consent", dict(record="item:1")),
        ("hide_or_show_the_narrators_name", dict(actor=KEEPER, record="item:1", hide=True)),
        ("reindex", {}),
    )


def test_a_revoked_role_leaves_the_visitor_reading_only_what_the_public_reads():
    replay(
        (
            "create_item",
            dict(actor=KEEPER, access="restricted", testimony=False, person=None, hide_name=True),
        ),
        ("edit_text", dict(actor=KEEPER, record="item:0", with_planted=False)),
        ("grant_the_visitor_a_role", dict(role="editor")),
        ("revoke_the_visitors_role", dict(assignment="returned")),
    )


def test_a_researcher_reads_research_only_records_while_the_role_lasts():
    replay(
        (
            "create_item",
            dict(actor=KEEPER, access="public", testimony=True, person=None, hide_name=False),
        ),
        ("keeper_publishes_with_consent", dict(record="item:0")),
        (
            "record_a_consent",
            dict(actor=KEEPER, record="item:0", name=True, quote=True, research=True, lapse=False),
        ),
        ("grant_the_visitor_a_role", dict(role="researcher")),
        ("revoke_the_visitors_role", dict(assignment="returned")),
    )


def test_a_consent_renewed_and_lapsed_again_shows_and_hides_the_record_at_once():
    replay(
        ("keeper_records_a_person", dict(may_be_shown=True)),
        (
            "create_item",
            dict(actor=KEEPER, access="public", testimony=True, person="person:0", hide_name=False),
        ),
        ("keeper_publishes_with_consent", dict(record="item:0")),
        ("switch_hiding_past_renewal", dict(on=True)),
        (
            "record_a_consent",
            dict(actor=KEEPER, record="item:0", name=True, quote=False, research=False, lapse=True),
        ),
        (
            "record_a_consent",
            dict(
                actor=KEEPER, record="item:0", name=True, quote=False, research=False, lapse=False
            ),
        ),
        (
            "record_a_consent",
            dict(actor=KEEPER, record="item:0", name=False, quote=True, research=False, lapse=True),
        ),
        ("switch_hiding_past_renewal", dict(on=False)),
        ("reindex", {}),
    )
