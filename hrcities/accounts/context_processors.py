from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .permissions import manages_people


def people(request: HttpRequest) -> dict[str, Any]:
    """Whether the menu offers the People pages (asked only when a page shows the menu)."""
    user = getattr(request, "user", None)
    return {"manages_people": SimpleLazyObject(lambda: manages_people(user))}
