from typing import Any

from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "is_network_admin": bool(user and user.is_authenticated and user.is_network_admin),
        "map_tile_url": settings.MAP_TILE_URL,
    }
