"""Demo content for trying the platform: every app adds its part here, marked as demo."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_noop

from hrcities.accounts.models import Role, RoleAssignment, User


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str | None
    city: str | None
    organisation: str | None
    description: str


# Known passwords: created only in development (DEBUG) or when asked for explicitly.
DEMO_USERS = [
    # The descriptions are English in the users' names; demo_signins prints them translated.
    DemoUser("admin", "hrcities-admin", Role.ADMIN, None, None, gettext_noop("network admin")),
    DemoUser(
        "gwangju-editor",
        "hrcities-demo",
        Role.EDITOR,
        "gwangju",
        None,
        gettext_noop("editor for Gwangju"),
    ),
    DemoUser(
        "gwangju-reviewer",
        "hrcities-demo",
        Role.REVIEWER,
        "gwangju",
        None,
        gettext_noop("reviewer for Gwangju"),
    ),
    DemoUser(
        "seoul-editor",
        "hrcities-demo",
        Role.EDITOR,
        "seoul",
        None,
        gettext_noop("editor for Seoul"),
    ),
    DemoUser(
        "contributor",
        "hrcities-demo",
        Role.CONTRIBUTOR,
        "gwangju",
        None,
        gettext_noop("contributor in Gwangju"),
    ),
    DemoUser(
        "reader", "hrcities-demo", None, None, None, gettext_noop("signed-in member, no role")
    ),
]


def _load_demo_users() -> int:
    from hrcities.network.models import City, Organisation

    created = 0
    for demo in DEMO_USERS:
        user, is_new = User.objects.get_or_create(
            username=demo.username, defaults={"display_name": f"Demo: {demo.description}"}
        )
        if is_new:
            user.set_password(demo.password)
            user.save(update_fields=["password"])
            created += 1
        if demo.role:
            city = City.objects.filter(slug=demo.city).first() if demo.city else None
            organisation = (
                Organisation.objects.filter(slug=demo.organisation).first()
                if demo.organisation
                else None
            )
            if demo.role != Role.ADMIN and city is None and organisation is None:
                continue
            RoleAssignment.objects.get_or_create(
                user=user, role=demo.role, city=city, organisation=organisation
            )
    return created


@transaction.atomic
def load_demo(*, with_users: bool) -> dict[str, int]:
    """Load every app's demo content; return what was loaded, by kind."""
    from hrcities.network.demo import load_demo_network
    from hrcities.network.models import Country

    if not Country.objects.exists():
        raise LookupError("The reference data (countries, places) is not loaded.")
    from hrcities.archive.demo import load_demo_archive
    from hrcities.commitments.demo import load_demo_declarations
    from hrcities.education.demo import load_demo_education
    from hrcities.emergency.demo import load_demo_emergency
    from hrcities.indicators.demo import load_demo_indicators
    from hrcities.reports.demo import load_demo_forewords

    counts = dict(load_demo_network())
    counts.update(load_demo_declarations())
    counts.update(load_demo_archive())
    counts.update(load_demo_indicators())
    counts.update(load_demo_education())
    counts.update(load_demo_emergency())
    counts.update(load_demo_forewords())
    if with_users:
        counts[gettext_noop("demo users created")] = _load_demo_users()
    return counts
