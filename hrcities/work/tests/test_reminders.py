"""Reminders by email: at once after the change commits, daily digests, each reminder
sent once however often `send_reminders` runs, in the recipient's language, and never
with a record's title."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from hrcities.access.tiers import Publication
from hrcities.archive.services import publish, submit_for_review
from hrcities.archive.tests.factories import give_consent, make_item
from hrcities.work.models import Frequency, SentReminder
from hrcities.work.reminders import send_reminders
from hrcities.work.services import set_frequencies

from .factories import person, with_address

pytestmark = pytest.mark.django_db

TITLE = "Letters from the Provincial Office"


def at(hour, days=0):
    """A moment today (plus `days`) at `hour`, in the platform's time zone."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def draft(city, title=TITLE):
    return make_item(city, titles={"en": title}, publication=Publication.DRAFT)


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_a_submission_emails_the_reviewers_once_the_change_is_committed(
    gwangju, busan, contributor, django_capture_on_commit_callbacks
):
    reviewer = person("reviewer", "reviewer", city=gwangju)
    elsewhere = person("elsewhere", "reviewer", city=busan)
    with_address(contributor)
    item = draft(gwangju)

    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(item, by=contributor)
        assert mail.outbox == []  # nothing leaves before the commit

    [message] = mails_to(reviewer)
    assert message.subject == "[hrcities] Waiting for your review: 1 new"
    assert "/accounts/sign-in/?next=/work/" in message.body
    assert TITLE not in message.subject + message.body
    assert mails_to(elsewhere) == [] and mails_to(contributor) == []


def test_a_change_rolled_back_emails_no_one(
    gwangju, contributor, django_capture_on_commit_callbacks
):
    person("reviewer", "reviewer", city=gwangju)
    item = draft(gwangju)

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            submit_for_review(item, by=contributor)
            raise RuntimeError("the save failed after the submission")

    assert mail.outbox == []


def test_a_decision_emails_the_submitter(
    gwangju, contributor, gwangju_editor, django_capture_on_commit_callbacks
):
    with_address(contributor, "ko")
    with_address(gwangju_editor)
    set_frequencies(gwangju_editor, {"review": Frequency.NEVER}, by=gwangju_editor)
    item = draft(gwangju)
    submit_for_review(item, by=contributor)

    with django_capture_on_commit_callbacks(execute=True):
        publish(item, by=gwangju_editor)

    [message] = mail.outbox
    assert message.to == [contributor.email]
    assert message.subject == "[hrcities] 결정된 내 제출: 1건 새로 있음"
    assert "로그인" in message.body and TITLE not in message.body


def test_each_reminder_is_sent_once_however_often_the_command_runs(gwangju, contributor):
    reviewer = person("reviewer", "reviewer", city=gwangju)
    submit_for_review(draft(gwangju), by=contributor)  # no commit in a test: not sent yet

    first = send_reminders(at(9))
    second = send_reminders(at(10))

    assert first == ["reviewer <reviewer@example.org>: at once: review 1"]
    assert second == []
    assert len(mails_to(reviewer)) == 1


def test_what_was_sent_at_once_is_not_sent_again_by_the_command(
    gwangju, contributor, django_capture_on_commit_callbacks
):
    reviewer = person("reviewer", "reviewer", city=gwangju)
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(draft(gwangju), by=contributor)

    assert send_reminders(at(9)) == []
    assert len(mails_to(reviewer)) == 1


def test_a_second_submission_of_the_same_record_is_told_again(gwangju, contributor, gwangju_editor):
    from hrcities.archive.services import update_archive_record

    reviewer = person("reviewer", "reviewer", city=gwangju)
    item = draft(gwangju)
    submit_for_review(item, by=contributor)
    send_reminders(at(9))
    item.refresh_from_db()
    update_archive_record(
        item, {"publication": Publication.DRAFT}, by=gwangju_editor, based_on_version=None
    )
    item.refresh_from_db()
    submit_for_review(item, by=contributor)

    send_reminders(at(10))

    assert len(mails_to(reviewer)) == 2


def test_the_digest_goes_once_a_day_from_the_digest_hour(gwangju, settings):
    settings.REMINDER_DIGEST_HOUR = 7
    keeper = person("keeper", "editor", city=gwangju)
    today = timezone.localdate()
    give_consent(make_item(gwangju, titles={"en": TITLE}), "archive", reconsent_due=today)

    assert send_reminders(at(6)) == []  # too early for the digest
    assert send_reminders(at(7)) == ["keeper <keeper@example.org>: digest: consents 1"]
    give_consent(make_item(gwangju), "archive", reconsent_due=today)
    assert send_reminders(at(15)) == []  # one digest a day
    assert send_reminders(at(7, days=1)) == ["keeper <keeper@example.org>: digest: consents 1"]

    first, second = mails_to(keeper)
    assert first.subject == "[hrcities] Your day: 1 new thing waits for you"
    assert "Consents to renew: 1" in first.body and TITLE not in first.body
    assert SentReminder.objects.filter(user=keeper, kind="digest").count() == 2


def test_never_means_no_email_and_the_page_still_lists_it(gwangju, client):
    keeper = person("keeper", "editor", city=gwangju)
    set_frequencies(keeper, {"consents": Frequency.NEVER}, by=keeper)
    give_consent(
        make_item(gwangju, titles={"en": TITLE}), "archive", reconsent_due=timezone.localdate()
    )

    assert send_reminders(at(9)) == []
    client.force_login(keeper)
    assert TITLE in client.get("/work/").content.decode()


def test_a_deactivated_account_or_one_without_an_address_gets_nothing(gwangju, contributor):
    gone = person("gone", "reviewer", city=gwangju)
    gone.is_active = False
    gone.save()
    person("silent", "reviewer", city=gwangju).__class__.objects.filter(username="silent").update(
        email=""
    )
    submit_for_review(draft(gwangju), by=contributor)

    assert send_reminders(at(9)) == []
    assert mail.outbox == []


def test_the_command_prints_what_it_sent(gwangju, contributor):
    person("reviewer", "reviewer", city=gwangju, language="ko")
    submit_for_review(draft(gwangju), by=contributor)
    out = StringIO()

    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)

    assert out.getvalue().splitlines() == [
        "reviewer <reviewer@example.org>: at once: review 1",
        "1 email(s) sent.",
        "0 email(s) sent.",
    ]
    [message] = mail.outbox
    assert message.subject == "[hrcities] 검토를 기다리는 기록: 1건 새로 있음"
