"""Demo content for declarations: the real 2020 Declaration, with sample actions.

The Declaration's text is real. The endorsements, actions and milestones are invented
samples for trying the platform; each is marked as demo and says so.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_noop

from hrcities.network.models import City, Organisation

from .models import Action, ActionStatus, Declaration, Endorsement, Milestone
from .parser import parse_declaration
from .services import ingest_declaration

DECLARATION_FILE = Path(__file__).resolve().parent / "data" / "2020-whrcf-final-declaration.txt"
SLUG = "2020-whrcf-final-declaration"
DEMO_NOTE = "Demo content: a sample to show how cities report on this promise."

# (promise, owner slug, is city, title, status, progress, weight, start, due, milestones)
SAMPLE_ACTIONS = [
    (
        5,
        "gwangju",
        True,
        "Share the May 18 archive's testimonies with partner cities (demo)",
        "in-progress",
        40,
        "2",
        date(2021, 3, 1),
        date(2023, 12, 31),
        [(date(2021, 5, 18), "Online exchange with partner cities on the 41st anniversary (demo)")],
    ),
    (
        5,
        "may-18-memorial-foundation",
        False,
        "Translate selected testimonies into English (demo)",
        "planned",
        None,
        "1",
        date(2022, 1, 1),
        date(2022, 12, 31),
        [],
    ),
    (
        4,
        "gwangju",
        True,
        "Open an international human rights education network (demo)",
        "completed",
        None,
        "1",
        date(2020, 11, 1),
        date(2021, 10, 31),
        [(date(2021, 10, 7), "Network launched at the 11th Forum (demo)")],
    ),
    (
        3,
        "seoul",
        True,
        "Review local COVID-19 measures against human rights criteria (demo)",
        "delayed",
        20,
        "1",
        date(2021, 1, 15),
        date(2021, 6, 30),
        [],
    ),
    (
        2,
        "graz",
        True,
        "Link the city's human rights report to the SDG targets (demo)",
        "in-progress",
        None,
        "1",
        date(2021, 2, 1),
        date(2022, 6, 30),
        [],
    ),
]
SAMPLE_ENDORSEMENTS = [(5, "gwangju"), (5, "seoul"), (4, "gwangju"), (3, "seoul"), (2, "graz")]


@transaction.atomic
def load_demo_declarations() -> dict[str, int]:
    """Ingest the 2020 Declaration (once) and add the sample actions; safe to run again."""
    counts = dict.fromkeys(
        [gettext_noop("declarations"), gettext_noop("actions"), gettext_noop("endorsements")], 0
    )
    declaration = Declaration.objects.filter(slug=SLUG).first()
    if declaration is None:
        text = DECLARATION_FILE.read_text(encoding="utf-8")
        parsed = parse_declaration(text)
        declaration = ingest_declaration(
            by=None,
            slug=SLUG,
            title=parsed.title,
            preamble=parsed.preamble,
            promises=parsed.promises,
            source_text=text,
            source_format="text",
            subtitle=parsed.subtitle,
            forum_edition=parsed.forum_edition,
            start_date=date(2020, 10, 7),
            end_date=date(2020, 10, 10),
            dates_text=parsed.dates,
            place=parsed.place,
            host_city=City.objects.filter(slug="gwangju").first(),
            language="en",
            intro=parsed.intro,
            promises_intro=parsed.promises_intro,
        )
        counts["declarations"] += 1
    commitments = {c.number: c for c in declaration.commitments.all()}
    statuses = {s.slug: s for s in ActionStatus.objects.all()}
    for (
        number,
        owner,
        is_city,
        title,
        status,
        progress,
        weight,
        start,
        due,
        milestones,
    ) in SAMPLE_ACTIONS:
        owner_field = "city" if is_city else "organisation"
        owner_model = City if is_city else Organisation
        owner_record = owner_model.objects.filter(slug=owner).first()
        if owner_record is None or Action.objects.filter(title=title).exists():
            continue
        action = Action.objects.create(
            commitment=commitments[number],
            title=title,
            description=DEMO_NOTE,
            status=statuses[status],
            progress=progress,
            weight=Decimal(weight),
            start_date=start,
            due_date=due,
            is_demo=True,
            **{owner_field: owner_record},
        )
        for when, text in milestones:
            Milestone.objects.create(action=action, date=when, text=text)
        counts["actions"] += 1
    for number, city_slug in SAMPLE_ENDORSEMENTS:
        city = City.objects.filter(slug=city_slug).first()
        if city is None:
            continue
        _endorsement, created = Endorsement.objects.get_or_create(
            commitment=commitments[number],
            city=city,
            defaults={"note": "Demo endorsement.", "endorsed_on": date(2020, 10, 10)},
        )
        counts["endorsements"] += int(created)
    return counts
