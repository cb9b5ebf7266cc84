"""What the endpoints share: the indicators a caller may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from hrcities.core.apiutils import api_user

from ..models import Indicator


def indicators_for(user: Any) -> Any:
    return Indicator.objects.visible_to(user).select_related("city", "domain")


def indicator_for(request: HttpRequest, city: str, code: str) -> Indicator:
    return get_object_or_404(indicators_for(api_user(request)), city__slug=city, code=code)
