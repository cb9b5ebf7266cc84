"""A city's emergencies: the shared ones and the city's own (access/citylist_api.py)."""

from ninja import Router

from hrcities.access.citylist_api import add_routes

from ..kinds import EMERGENCIES

router = Router()
add_routes(router, EMERGENCIES, path="emergencies", one="emergency", many="emergencies")
