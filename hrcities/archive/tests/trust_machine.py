"""The stateful leak test: random sequences of what people do to archive records, and
after every step, a look through every channel by readers who have no right to what is
protected.

Each record carries made-up words ("tokens") that occur nowhere else. The machine keeps
its own account of what each reader may see, following the trust model, not the code:

- a record's words are readable when it is published, not withdrawn, and open to the
  reader (public; network-only for members; the reader's own city's records for an
  editor), and the word was never redacted on that record;
- a redacted word stays withheld on its record for good, whatever edit, restore or
  import follows;
- a person's real name is readable only through a record that is readable, names that
  person as its narrator, does not hide the narrator's name, whose current consent (if it
  has one) agrees to the name, and only when the person allowed the real name to be shown;
- a transcript's own words are read on the item's page only when its current consent
  does not agree to quotes (search may find the item by them, never show them);
- a record whose current consent is for research only is readable only by the researchers
  of its city (the visitor, when given that role), and one past its renewal date by no
  reader while the network hides such records;
- only a keeper (the owning city's editor) may loosen protective state (publish, widen
  access, show a hidden field); restores, imports, role changes and anyone else's calls
  never loosen it in this account, so a platform that loosens on them shows a word the
  account says is protected, and the step fails.

After each step every reader reads the item, event and people lists and details, the
history, CSV, JSON-LD, OAI-PMH, the media files and the search (results, counts and
facets); and the reminders are sent (everyone hears of every kind at once), and no email
to anyone carries any record's words. When a step changed only records a reader cannot
see, that reader's search answers (order, scores, counts, facets) must not change at all.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    rule,
)

from hrcities.accounts.models import RoleAssignment
from hrcities.accounts.services import create_api_token, grant_role, revoke_role
from hrcities.accounts.tests.factories import give_role, make_user
from hrcities.archive.models import Item
from hrcities.core.models import NetworkSettings
from hrcities.network.tests.factories import make_city, make_country
from hrcities.work.models import Frequency
from hrcities.work.registry import kinds
from hrcities.work.reminders import send_reminders
from hrcities.work.services import set_frequencies

from .cases import pdf_text
from .factories import make_person

COMMON = "xqcommonword"
ANON, OUTSIDER, ATTACKER, VISITOR = "anonymous", "outsider", "busan-editor", "visitor"
KEEPER, CONTRIBUTOR, NAMED = "gwangju-editor", "gwangju-contributor", "named-reader"
# Who acts: the keeper of Gwangju's records, a contributor of Gwangju, a named reader of
# restricted items, and another city's editor trying what the API lets anyone try.
ACTORS = [KEEPER, CONTRIBUTOR, NAMED, ATTACKER]
# Half the calls come from the keeper, so that records reach the states worth protecting
# (published, withdrawn, redacted) within a short sequence; the rest try what they may not.
actors = st.sampled_from([KEEPER, KEEPER, KEEPER, CONTRIBUTOR, NAMED, ATTACKER])
STRICTNESS = {"public": 0, "network": 1, "restricted": 2, "embargoed": 2}
_letters = "abcdefghij"


class Steps:
    """How many steps the machine has taken in this process (for the long run's report)."""

    count = 0
    examples = 0
    outcomes: Counter[str] = Counter()


def token(n: int) -> str:
    """A word made of letters only, the same length for every n: none contains another."""
    return "xq" + "".join(_letters[int(d)] for d in f"{n:07d}")


@dataclass
class PersonState:
    pk: int
    real_name: str
    may_be_shown: bool


@dataclass
class RecordState:
    kind: str  # "item" or "event"
    pk: int
    city: str  # slug of the owning city
    words: set[str] = field(default_factory=set)  # every word it ever held
    redacted: set[str] = field(default_factory=set)
    held: set[str] = field(default_factory=set)  # added without review to a published item
    published: bool = False
    access: str = "public"
    withdrawn: bool = False
    narrator: PersonState | None = None
    name_hidden: bool = True
    redactable: str = ""  # a word planted in the description and transcript
    media_urls: list[str] = field(default_factory=list)
    spoken: set[str] = field(default_factory=set)  # words of the transcript alone
    scopes: set[str] | None = None  # what the current consent agrees to (None: no consent)
    research: bool = False
    lapsed: bool = False  # the current consent is past its renewal date

    def consented(self, scopes: list[str], *, lapsed: bool = False) -> None:
        self.scopes = set(scopes)
        self.research = "research" in scopes
        self.lapsed = lapsed

    @property
    def may_quote(self) -> bool:
        return self.scopes is None or "quote" in self.scopes

    @property
    def may_name(self) -> bool:
        return self.scopes is None or "name" in self.scopes


class TrustMachine(RuleBasedStateMachine):
    items = Bundle("items")
    people = Bundle("people")
    roles = Bundle("roles")

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._tokens = itertools.count(1)
        self.records: list[RecordState] = []
        self.persons: list[PersonState] = []
        self.visitor_roles: set[str] = set()
        self.hide_lapsed = False
        self._days = itertools.count(1)
        self.baseline: dict[str, Any] = {}
        self.touched: list[RecordState] = []
        self.everything_touched = False
        self.steps_here = 0
        Steps.examples += 1

    # --- set-up ---------------------------------------------------------------------

    @initialize()
    def set_up_the_network(self) -> None:
        korea = make_country("KR")
        self.cities = {
            "gwangju": make_city(slug="gwangju", names={"en": "Gwangju"}, country=korea),
            "busan": make_city(slug="busan", names={"en": "Busan"}, country=korea),
        }
        self.admin = make_user("machine-admin")
        give_role(self.admin, "admin")
        self.users = {
            KEEPER: make_user(KEEPER),
            CONTRIBUTOR: make_user(CONTRIBUTOR),
            NAMED: make_user(NAMED),
            ATTACKER: make_user(ATTACKER),
            OUTSIDER: make_user(OUTSIDER),
            VISITOR: make_user(VISITOR),
        }
        for user in [self.admin, *self.users.values()]:
            user.email = f"{user.username}@example.org"
            user.save(update_fields=["email"])
            set_frequencies(user, {kind.key: Frequency.AT_ONCE for kind in kinds()}, by=user)
        self.emails_read = len(mail.outbox)
        give_role(self.users[KEEPER], "editor", city=self.cities["gwangju"])
        give_role(self.users[CONTRIBUTOR], "contributor", city=self.cities["gwangju"])
        give_role(self.users[ATTACKER], "editor", city=self.cities["busan"])
        self.tokens = {
            name: create_api_token(user, "machine")[1] for name, user in self.users.items()
        }
        self.readers = {ANON: Client()}
        for name in (OUTSIDER, ATTACKER, VISITOR):
            client = Client()
            client.force_login(self.users[name])
            self.readers[name] = client
        self.remember()

    # --- how actors call the platform -----------------------------------------------

    def call(self, actor: str, method: str, path: str, **kwargs: Any) -> Any:
        client = Client()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.tokens[actor]}"}
        if method == "post_json":
            response = client.post(path, kwargs["data"], content_type="application/json", **headers)
        elif method == "patch":
            response = client.patch(
                path, kwargs["data"], content_type="application/json", **headers
            )
        elif method == "post_form":
            response = client.post(path, kwargs["data"], **headers)
        else:
            response = client.get(path, **headers)
        assert response.status_code < 500, f"{response.status_code} from {actor} on {path}"
        Steps.outcomes[f"{actor} {method} {self.route(path)} {response.status_code}"] += 1
        return response

    @staticmethod
    def route(path: str) -> str:
        """The path with its numbers taken out, to count outcomes by kind of call."""
        return "/".join("{id}" if part.isdigit() else part for part in path.split("/"))

    def new_token(self) -> str:
        return token(next(self._tokens))

    def step(self, *touched: RecordState, everything: bool = False) -> None:
        """Note what a rule changed, for the search comparison after it."""
        self.touched.extend(touched)
        self.everything_touched |= everything

    def consent_day(self) -> str:
        """A later day for each consent, so the newest recorded is the current one."""
        return (date(2020, 1, 1) + timedelta(days=next(self._days))).isoformat()

    def version(self, record: RecordState) -> int:
        return Item.objects.values_list("version", flat=True).get(pk=record.pk)

    # --- rules: records -------------------------------------------------------------

    @rule(
        target=items,
        actor=st.sampled_from([KEEPER, CONTRIBUTOR, ATTACKER]),
        access=st.sampled_from(["public", "network", "restricted", "embargoed"]),
        testimony=st.booleans(),
        person=st.none() | people,
        hide_name=st.booleans(),
    )
    def create_item(self, actor, access, testimony, person, hide_name):
        city = "busan" if actor == ATTACKER else "gwangju"
        title, description, planted = self.new_token(), self.new_token(), self.new_token()
        spoken = self.new_token()
        body: dict[str, Any] = {
            "kind": "testimony" if testimony else "document",
            "titles": {"en": f"{title} {COMMON}"},
            "descriptions": {"en": f"{description} {planted} {COMMON}"},
            "original_language": "en",
            "city": city,
            "access": access,
            "transcript": f"The narrator spoke of {planted} and {spoken}.",
            "hidden_fields": ["narrator_name"] if hide_name else [],
        }
        if access == "embargoed":
            body["embargo_until"] = (date.today() + timedelta(days=365)).isoformat()
        if access == "restricted":
            body["allowed_users"] = [NAMED]
        if person is not None:
            body["narrator_id"] = person.pk
        response = self.call(actor, "post_json", "/api/archive/items", data=body)
        self.step()
        if response.status_code != 201:
            return multiple()
        record = RecordState(
            "item",
            response.json()["id"],
            city,
            words={title, description, planted, COMMON},
            access=access,
            narrator=person,
            name_hidden=hide_name,
            redactable=planted,
            spoken={spoken},
        )
        self.records.append(record)
        self.step(record)
        return record

    @rule(target=people, may_be_shown=st.booleans())
    def keeper_records_a_person(self, may_be_shown):
        real_name = f"{self.new_token()} {self.new_token()}"
        person = make_person(
            self.cities["gwangju"], real_name=real_name, real_name_may_be_shown=may_be_shown
        )
        state = PersonState(person.pk, real_name, may_be_shown)
        self.persons.append(state)
        self.step()
        return state

    @rule(actor=actors, record=items, with_planted=st.booleans())
    def edit_text(self, actor, record, with_planted):
        title, description = self.new_token(), self.new_token()
        planted = f" {record.redactable}" if with_planted else ""
        data = {
            "version": self.version(record),
            "titles": {"en": f"{title}{planted} {COMMON}"},
            "descriptions": {"en": f"{description}{planted} {COMMON}"},
        }
        response = self.call(actor, "patch", f"/api/archive/items/{record.pk}", data=data)
        if response.status_code == 200:
            # A change to a published record by anyone but its keeper waits for review.
            unreviewed = record.published and not self.keeps(actor, record)
            (record.held if unreviewed else record.words).update({title, description})
        self.step(record)

    @rule(actor=actors, record=items)
    def submit(self, actor, record):
        self.call(actor, "post_json", f"/api/archive/items/{record.pk}/submit", data={})
        self.step(record)

    @rule(record=items)
    def keeper_publishes_with_consent(self, record):
        """The keeper records the narrator's consent and publishes: the usual way a
        testimony reaches the public."""
        if record.withdrawn or record.kind != "item":
            return
        consent = self.call(
            KEEPER,
            "post_json",
            f"/api/archive/items/{record.pk}/consents",
            data={"scopes": ["archive", "publish"], "given_on": self.consent_day()},
        )
        if consent.status_code == 201:
            record.consented(["archive", "publish"])
        response = self.call(
            KEEPER, "post_json", f"/api/archive/items/{record.pk}/publish", data={}
        )
        if response.status_code == 200 and record.city == "gwangju":
            record.published = True
        self.step(record)

    @rule(actor=actors, record=items)
    def publish(self, actor, record):
        response = self.call(actor, "post_json", f"/api/archive/items/{record.pk}/publish", data={})
        if response.status_code == 200 and self.keeps(actor, record):
            record.published = True
        self.step(record)

    @rule(
        actor=actors,
        record=items,
        access=st.sampled_from(["public", "network", "restricted", "embargoed"]),
    )
    def change_access(self, actor, record, access):
        data: dict[str, Any] = {"version": self.version(record), "access": access}
        if access == "embargoed":
            data["embargo_until"] = (date.today() + timedelta(days=30)).isoformat()
        if access == "restricted":
            data["allowed_users"] = [NAMED]
        response = self.call(actor, "patch", f"/api/archive/items/{record.pk}", data=data)
        loosens = STRICTNESS[access] < STRICTNESS[record.access]
        if response.status_code == 200 and (self.shapes(actor, record) or not loosens):
            record.access = access
        self.step(record)

    @rule(
        actor=actors,
        record=items,
        where=st.sampled_from(["description", "transcript"]),
    )
    def redact(self, actor, record, where):
        data = {"field": where, "phrase": record.redactable, "language": "en"}
        data["language"] = "en" if where == "description" else ""
        response = self.call(
            actor, "post_json", f"/api/archive/items/{record.pk}/redactions", data=data
        )
        if response.status_code == 201:
            record.redacted.add(record.redactable)
        self.step(record)

    @rule(actor=actors, record=items, hide=st.booleans())
    def hide_or_show_the_narrators_name(self, actor, record, hide):
        data = {
            "version": self.version(record),
            "hidden_fields": ["narrator_name"] if hide else [],
        }
        response = self.call(actor, "patch", f"/api/archive/items/{record.pk}", data=data)
        if response.status_code == 200 and (hide or self.shapes(actor, record)):
            record.name_hidden = hide
        self.step(*self.records_of(record.narrator), record, everything=True)

    @rule(actor=actors, record=items)
    def withdraw(self, actor, record):
        """A keeper records the narrator's consent, then the actor withdraws it."""
        if record.withdrawn:
            return
        consent = self.call(
            KEEPER,
            "post_json",
            f"/api/archive/items/{record.pk}/consents",
            data={"scopes": ["archive", "publish"], "given_on": self.consent_day()},
        )
        if consent.status_code != 201:
            return
        record.consented(["archive", "publish"])
        response = self.call(
            actor,
            "post_json",
            f"/api/archive/consents/{consent.json()['id']}/withdraw",
            data={"note": "withdrawn"},
        )
        if response.status_code == 200:
            record.withdrawn = True
        self.step(record)

    @rule(actor=actors, record=items)
    def consent_to_publish(self, actor, record):
        if record.withdrawn:
            return
        response = self.call(
            actor,
            "post_json",
            f"/api/archive/items/{record.pk}/consents",
            data={"scopes": ["archive", "publish"], "given_on": self.consent_day()},
        )
        if response.status_code == 201:
            record.consented(["archive", "publish"])
        self.step(*self.records_of(record.narrator), record, everything=True)

    @rule(
        actor=actors,
        record=items,
        name=st.booleans(),
        quote=st.booleans(),
        research=st.booleans(),
        lapse=st.booleans(),
    )
    def record_a_consent(self, actor, record, name, quote, research, lapse):
        """The narrator is asked (again): their answer replaces what they agreed before,
        due to be asked again in the past (lapsed) or long after."""
        if record.kind != "item":
            return
        scopes = ["archive", "publish"]
        scopes += ["name"] * name + ["quote"] * quote + ["research"] * research
        given_on = self.consent_day()
        due = (date.fromisoformat(given_on) + timedelta(days=1)) if lapse else date(2099, 1, 1)
        response = self.call(
            actor,
            "post_json",
            f"/api/archive/items/{record.pk}/consents",
            data={"scopes": scopes, "given_on": given_on, "reconsent_due": due.isoformat()},
        )
        if response.status_code == 201:
            record.consented(scopes, lapsed=lapse)
        self.step(*self.records_of(record.narrator), record, everything=True)

    @rule(on=st.booleans())
    def switch_hiding_past_renewal(self, on):
        """A network admin decides whether records past their consent's renewal date hide."""
        settings = NetworkSettings.current()
        settings.hide_records_past_renewal = on
        settings.save()
        self.hide_lapsed = on
        self.step(everything=True)

    @rule(actor=actors, record=items, newest_first=st.integers(0, 5))
    def restore_a_revision(self, actor, record, newest_first):
        """The keeper lists the history; the actor restores one of its versions."""
        listed = self.call(KEEPER, "get", f"/api/records/archive.item/{record.pk}/revisions")
        revisions = listed.json().get("items", []) if listed.status_code == 200 else []
        if not revisions:
            return
        revision = revisions[min(newest_first, len(revisions) - 1)]
        self.call(actor, "post_json", f"/api/records/revisions/{revision['id']}/restore", data={})
        self.step(record, everything=True)

    @rule(
        actor=actors,
        person=people,
        record=items,
        role=st.sampled_from(["subject", "interviewer", "mentioned"]),
    )
    def attach_a_person(self, actor, person, record, role):
        self.call(
            actor,
            "post_json",
            "/api/archive/roles",
            data={"person": person.pk, "role": role, "item": record.pk},
        )
        self.step(record, everything=True)

    @rule(actor=actors, record=items)
    def add_media(self, actor, record):
        words = self.new_token()
        upload = SimpleUploadedFile(
            "note.txt", f"A note about {words}.\n".encode(), content_type="text/plain"
        )
        response = self.call(
            actor,
            "post_form",
            f"/api/archive/items/{record.pk}/media",
            data={"file": upload, "transcript": f"Heard {words}."},
        )
        if response.status_code == 201:
            # Review decides what the public sees: a file added to a published item by
            # anyone but its keeper waits for it.
            unreviewed = record.published and not self.keeps(actor, record)
            (record.held if unreviewed else record.words).add(words)
            record.media_urls.append(response.json()["url"])
        self.step(record)

    @rule(
        target=items,
        actor=st.sampled_from([KEEPER, CONTRIBUTOR, ATTACKER]),
        access=st.sampled_from(["public", "network"]),
    )
    def import_a_row(self, actor, access):
        title, description = self.new_token(), self.new_token()
        real_name = f"{self.new_token()} {self.new_token()}"
        city = "busan" if actor == ATTACKER else "gwangju"
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "kind",
                "title_en",
                "original_language",
                "city",
                "access",
                "description_en",
                "narrator_pseudonym",
                "narrator_real_name",
                "real_name_may_be_shown",
                "hidden_fields",
            ]
        )
        writer.writerow(
            [
                "testimony",
                f"{title} {COMMON}",
                "en",
                "gwangju",
                access,
                f"{description} {COMMON}",
                f"Narrator {title}",
                real_name,
                "true",
                "",
            ]
        )
        upload = SimpleUploadedFile("rows.csv", out.getvalue().encode(), content_type="text/csv")
        response = self.call(actor, "post_form", "/api/archive/import", data={"csv": upload})
        self.step()
        if response.status_code != 200:
            return multiple()
        made = []
        for pk in response.json()["item_ids"]:
            item = Item.objects.get(pk=pk)
            person = PersonState(item.narrator_id, real_name, True)
            self.persons.append(person)
            record = RecordState(
                "item",
                pk,
                item.city.slug if item.city else city,
                words={title, description, COMMON},
                access=access,
                narrator=person,
                name_hidden=False,
            )
            self.records.append(record)
            made.append(record)
            self.step(record)
        return multiple(*made)

    @rule(access=st.sampled_from(["public", "network", "restricted"]))
    def keeper_records_an_event(self, access):
        title = self.new_token()
        data: dict[str, Any] = {
            "titles": {"en": f"{title} {COMMON}"},
            "original_language": "en",
            "city": "gwangju",
            "access": access,
        }
        response = self.call(KEEPER, "post_json", "/api/archive/events", data=data)
        self.step()
        if response.status_code == 201:
            record = RecordState(
                "event",
                response.json()["id"],
                "gwangju",
                words={title, COMMON},
                access=access,
                published=response.json().get("publication") == "published",
            )
            self.records.append(record)
            self.step(record)

    @rule()
    def reindex(self):
        call_command(
            "reindex", "--no-vectors", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO()
        )
        self.step()

    # --- rules: roles ---------------------------------------------------------------

    @rule(
        target=roles,
        role=st.sampled_from(["reader", "contributor", "editor", "reviewer", "researcher"]),
    )
    def grant_the_visitor_a_role(self, role):
        held = RoleAssignment.objects.filter(user=self.users[VISITOR], role=role).first()
        if held is not None:
            return held.pk
        assignment = grant_role(
            self.users[VISITOR], role, by=self.admin, city=self.cities["gwangju"]
        )
        self.visitor_roles = self.roles_of_the_visitor()
        self.step(everything=True)
        return assignment.pk

    @rule(assignment=consumes(roles))
    def revoke_the_visitors_role(self, assignment):
        found = RoleAssignment.objects.filter(pk=assignment).first()
        if found is not None:
            revoke_role(found, by=self.admin)
        self.visitor_roles = self.roles_of_the_visitor()
        self.step(everything=True)

    def roles_of_the_visitor(self) -> set[str]:
        held = RoleAssignment.objects.filter(user=self.users[VISITOR])
        return set(held.values_list("role", flat=True))

    # --- the account: who may read what ---------------------------------------------

    def keeps(self, actor: str, record: RecordState) -> bool:
        """The owning city's editor: the one who may loosen a record's protection."""
        return (actor, record.city) in ((KEEPER, "gwangju"), (ATTACKER, "busan"))

    def shapes(self, actor: str, record: RecordState) -> bool:
        """Who may set a record's protection before review: its keeper, or a contributor
        of its city while it is a draft (the keeper reviews it before it is published)."""
        if self.keeps(actor, record):
            return True
        return actor == CONTRIBUTOR and record.city == "gwangju" and not record.published

    def records_of(self, person: PersonState | None) -> list[RecordState]:
        if person is None:
            return []
        return [record for record in self.records if record.narrator is person]

    def readable(self, record: RecordState, reader: str) -> bool:
        if reader == ATTACKER and record.city == "busan":
            return True  # an editor keeps their own city's records
        if not record.published or record.withdrawn:
            return False
        if record.research and not (reader == VISITOR and "researcher" in self.visitor_roles):
            return False  # every record of the machine with a consent is Gwangju's
        if record.lapsed and self.hide_lapsed:
            return False
        if record.access == "public":
            return True
        return record.access == "network" and reader != ANON

    def allowed_words(self, record: RecordState, reader: str) -> set[str]:
        """The words of this record this reader may read and find it by."""
        if reader == ATTACKER and record.city == "busan":
            # A keeper reads withheld words; names of another city's people stay theirs.
            return record.words | record.held | record.spoken
        if not self.readable(record, reader):
            return set()
        words = record.words - record.redacted
        if record.may_quote:
            words |= record.spoken
        person = record.narrator
        if person and person.may_be_shown and not record.name_hidden and record.may_name:
            words |= set(person.real_name.split())
        return words

    def page_only_words(self, record: RecordState, reader: str) -> set[str]:
        """The words this reader reads on the record's own page only (and finds it by)."""
        if record.may_quote or not self.readable(record, reader):
            return set()
        if reader == ATTACKER and record.city == "busan":
            return set()
        return set(record.spoken)

    def every_word(self) -> set[str]:
        words = {w for record in self.records for w in record.words | record.held | record.spoken}
        words |= {part for person in self.persons for part in person.real_name.split()}
        return words - {COMMON}

    def secrets_for(self, reader: str) -> set[str]:
        allowed = set().union(*(self.allowed_words(r, reader) for r in self.records))
        return self.every_word() - allowed

    def checked_readers(self) -> list[str]:
        readers = [ANON, OUTSIDER, ATTACKER]
        # The visitor is read as a member, or as a researcher of Gwangju; not while they
        # hold a role that keeps or contributes to records.
        if self.visitor_roles <= {"reader", "researcher"}:
            readers.append(VISITOR)
        return readers

    # --- the channels ---------------------------------------------------------------

    def read_everything(self, client: Client) -> dict[str, str]:
        def text(response: Any) -> str:
            path = response.request["PATH_INFO"]
            assert response.status_code < 500, f"{response.status_code} from {path}"
            if getattr(response, "streaming", False):
                return b"".join(response.streaming_content).decode("utf-8", "replace")
            return response.content.decode("utf-8", "replace")

        oai = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
        pages = {
            "item list API": text(client.get("/api/archive/items", {"limit": 100})),
            "item list page": text(client.get(reverse("archive:item-list"), {"limit": 100})),
            "event list API": text(client.get("/api/archive/events", {"limit": 100})),
            "people API": text(client.get("/api/archive/people", {"limit": 100})),
            "CSV": text(client.get("/api/archive/items.csv")),
            "JSON-LD dump": text(client.get("/api/archive/dump.jsonld")),
            "OAI-PMH": text(client.get("/oai", oai)),
        }
        for record in self.records:
            pk = record.pk
            if record.kind == "event":
                pages[f"event {pk} API"] = text(client.get(f"/api/archive/events/{pk}"))
                continue
            pages[f"item {pk} page"] = text(client.get(reverse("archive:item-detail", args=[pk])))
            pages[f"item {pk} API"] = text(client.get(f"/api/archive/items/{pk}"))
            pages[f"item {pk} JSON-LD"] = text(client.get(f"/api/archive/items/{pk}/jsonld"))
            pages[f"item {pk} revisions"] = text(
                client.get(f"/api/records/archive.item/{pk}/revisions")
            )
            pages[f"item {pk} history"] = text(client.get(f"/records/archive.item/{pk}/history/"))
            for url in record.media_urls:
                pages[f"item {pk} file {url}"] = text(client.get(url))
        for person in self.persons:
            pages[f"person {person.pk} page"] = text(
                client.get(reverse("archive:person-detail", args=[person.pk]))
            )
            pages[f"person {person.pk} API"] = text(client.get(f"/api/archive/people/{person.pk}"))
        return pages

    def search(self, client: Client, query: str) -> dict[str, Any]:
        response = client.get("/api/search", {"q": query, "semantic": "false", "limit": 100})
        assert response.status_code == 200, (query, response.content[:300])
        answer = response.json()
        return {
            "results": [
                (hit["kind"], hit["id"], hit["score"], hit["title"], hit["snippet"])
                for hit in answer["results"]
            ],
            "count": answer["count"],
            "facets": answer["facets"],
        }

    def remember(self) -> None:
        """What each reader's search answers and may read now, to compare after a step."""
        self.baseline = {
            reader: self.search(self.readers[reader], COMMON) for reader in self.checked_readers()
        }
        self.readable_before = {
            reader: {(r.kind, r.pk) for r in self.records if self.readable(r, reader)}
            for reader in self.checked_readers()
        }

    @invariant()
    def no_reader_finds_a_protected_word(self) -> None:
        if not hasattr(self, "readers"):
            return
        Steps.count += 1
        self.steps_here += 1
        for reader in self.checked_readers():
            client = self.readers[reader]
            secrets = self.secrets_for(reader)
            page_only = {
                f"item {record.pk} page": self.page_only_words(record, reader)
                for record in self.records
            }
            for channel, content in self.read_everything(client).items():
                withheld = secrets - page_only.get(channel, set())
                found = sorted(word for word in withheld if word in content)
                assert not found, f"{reader} reads {found} on {channel}"
            self.search_finds_only_by_readable_words(reader, client)
        if self.steps_here % 4 == 0:
            # A PDF takes a second or two to make: read them every fourth step, as the public.
            secrets = self.secrets_for(ANON)
            for record in self.records:
                if record.kind == "item":
                    url = reverse("archive:item-pdf", args=[record.pk])
                    text = pdf_text(self.readers[ANON].get(url).content)
                    found = sorted(word for word in secrets if word in text)
                    assert not found, f"{ANON} reads {found} in the PDF of item {record.pk}"
        self.search_answers_do_not_move_with_hidden_records()
        self.no_email_carries_a_records_words()
        self.touched, self.everything_touched = [], False
        self.remember()

    def no_email_carries_a_records_words(self) -> None:
        """The email channel: what waits is told to whoever it waits for, in words of
        no record (not even to its keepers, whose mailbox is read outside the platform)."""
        send_reminders(timezone.now())
        words = self.every_word() | {COMMON}
        for message in mail.outbox[self.emails_read :]:
            text = f"{message.subject}\n{message.body}"
            found = sorted(word for word in words if word in text)
            assert not found, f"an email to {message.to} carries {found}"
        self.emails_read = len(mail.outbox)

    def search_finds_only_by_readable_words(self, reader: str, client: Client) -> None:
        """Every record a search finds matches a word of it this reader may read."""
        words = sorted(self.every_word())
        secrets = self.secrets_for(reader)
        by_key = {(record.kind, record.pk): record for record in self.records}
        for start in range(0, len(words), 25):
            chunk = words[start : start + 25]
            for kind, pk, _score, title, snippet in self.search(client, " OR ".join(chunk))[
                "results"
            ]:
                shown = sorted(word for word in secrets if word in title + snippet)
                assert not shown, f"{reader} reads {shown} in the search results"
                record = by_key.get((kind, pk))
                if record is None:
                    continue  # a person or place: checked by its text above
                findable = self.allowed_words(record, reader) | self.page_only_words(record, reader)
                matched = findable & set(chunk)
                assert matched, f"{reader} finds {kind} {pk} by words withheld from them"

    def search_answers_do_not_move_with_hidden_records(self) -> None:
        for reader in self.checked_readers():
            before = self.baseline.get(reader)
            if before is None or self.everything_touched:
                continue
            was = self.readable_before.get(reader, set())
            if any((r.kind, r.pk) in was or self.readable(r, reader) for r in self.touched):
                continue
            now = self.search(self.readers[reader], COMMON)
            assert now == before, (
                f"{reader}'s search answer changed when only records they cannot see did"
            )

    def teardown(self) -> None:
        if os.environ.get("TRUST_MINUTES"):
            # The long run says how far it has come after every sequence.
            print(
                f"sequence {Steps.examples}: {self.steps_here} steps, {Steps.count} in all",
                file=sys.stderr,
                flush=True,
            )
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)


def budget() -> dict[str, int]:
    """The run's size: small in the suite, large for `make test-trust`."""
    return {
        "max_examples": int(os.environ.get("TRUST_EXAMPLES", "6")),
        "stateful_step_count": int(os.environ.get("TRUST_STEPS", "10")),
    }
