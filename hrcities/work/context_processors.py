from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .registry import kinds


def waiting_count(user: Any) -> int:
    """How many things wait for the user, over every kind."""
    today = timezone.localdate()
    return sum(kind.count_for(user, today) for kind in kinds())


def work(request: HttpRequest) -> dict[str, Any]:
    """The count of what waits, for the header; counted only when a page shows it."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"work_count": SimpleLazyObject(lambda: waiting_count(user))}
