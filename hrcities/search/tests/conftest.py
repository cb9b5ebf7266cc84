import pytest
from django.contrib.auth.models import AnonymousUser

from hrcities.search.services import search


@pytest.fixture
def find():
    """Return a function: the titles a user finds for a query, best first."""

    def titles(q, user=None, **options):
        options.setdefault("use_semantic", False)
        results = search(user or AnonymousUser(), q, **options)
        return [hit.title for hit in results.hits]

    return titles
