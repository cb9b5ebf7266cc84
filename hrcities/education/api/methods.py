"""A city's teaching methods: the shared ones and the city's own (access/citylist_api.py)."""

from ninja import Router

from hrcities.access.citylist_api import add_routes

from ..methods import METHODS

router = Router()
add_routes(router, METHODS, path="methods", one="method", many="methods")
