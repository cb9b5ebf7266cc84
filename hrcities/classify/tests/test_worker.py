"""The background worker: a save returns before suggestions exist; they follow."""

import queue
import threading

import pytest

from hrcities.classify import worker
from hrcities.commitments.tests.factories import make_action, make_declaration
from hrcities.taxonomy.models import Tagging

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocked_worker(settings, monkeypatch):
    """A worker whose runs wait for `release` and note the keys they were given."""
    settings.SUGGEST_ON_SAVE = True
    settings.SUGGEST_IN_BACKGROUND = True
    release, seen = threading.Event(), []

    def run(keys):
        release.wait(30)
        seen.extend(keys)
        return 0

    monkeypatch.setattr(worker, "run", run)
    monkeypatch.setattr(worker.suggestions, "queue", queue.Queue(maxsize=3))
    yield release, seen
    release.set()
    worker.drain(timeout=10)


def test_a_save_does_not_wait_for_its_suggestions(
    blocked_worker, gwangju, django_capture_on_commit_callbacks
):
    release, seen = blocked_worker
    commitment = make_declaration(promises=1, preamble=0).commitments.get()
    with django_capture_on_commit_callbacks(execute=True):
        action = make_action(commitment, gwangju, title="Shelter", description="Open a shelter")
    assert ("commitments.action", action.pk) not in seen  # the save is back, the work waits
    release.set()
    assert worker.drain(timeout=10)
    assert ("commitments.action", action.pk) in seen


def test_a_full_queue_drops_the_request_and_logs_it(blocked_worker, caplog):
    release, _seen = blocked_worker
    accepted = [worker.submit(("commitments.action", n)) for n in range(10)]
    assert accepted[:3] == [True, True, True] and False in accepted
    assert "suggest_tags --all" in caplog.text


def test_the_worker_stores_the_suggestions_of_the_records_named(gwangju):
    commitment = make_declaration(promises=1, preamble=0).commitments.get()
    action = make_action(
        commitment, gwangju, title="Water", description="Safe drinking water for every household"
    )
    assert worker.run([("commitments.action", action.pk), ("commitments.action", 999_999)]) > 0
    assert Tagging.objects.for_record(action).suggested().exists()
