"""Load the reference vocabularies once per test session, not once per test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Create the test database as usual, then load the taxonomy into it once."""
    from hrcities.taxonomy.loaders import load_taxonomy

    with django_db_blocker.unblock():
        load_taxonomy()


@pytest.fixture(autouse=True)
def taxonomy(request):
    """Make sure the loaded vocabularies are there: a transactional test elsewhere in the
    session empties every table when it ends."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    request.getfixturevalue("db")
    from hrcities.taxonomy.loaders import load_taxonomy
    from hrcities.taxonomy.models import UprRecommendation

    if not UprRecommendation.objects.exists():
        load_taxonomy()
