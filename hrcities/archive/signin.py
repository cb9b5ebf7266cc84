"""What the archive tells sign-in: who keeps restricted records.

When the network requires it (hrcities.accounts.twofactor.requirement), the editors and
reviewers of a city or organisation that owns restricted collections, events or items must
sign in with an authenticator app: they can read what the restricted tier protects.
"""

from __future__ import annotations

from typing import Any

from hrcities.access.keepers import managed_scope
from hrcities.access.tiers import Access


def keeps_restricted_records(user: Any) -> bool:
    """Return whether the user edits or reviews for an owner of restricted archive records."""
    from .models import Collection, Event, Item

    scope = managed_scope(user)
    return any(
        model.objects.filter(scope, access=Access.RESTRICTED).exists()
        for model in (Item, Event, Collection)
    )
