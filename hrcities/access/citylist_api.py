"""The API of a list a city may extend (see citylists.py): read by anyone, kept by the
city's editors (network admins also keep the shared entries). Each app adds the routes of
its list to its own router."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from hrcities.core.apiutils import InputSchema, api_user, read_auth, write_auth

from . import citylists
from .citylist_pages import CityList


class EntryOut(Schema):
    id: int
    slug: str = Field(description="Fixed code, as exports and imports name the entry.")
    name: str
    names: dict[str, str]
    is_shared: bool = Field(description="True for the entries every city shares.")

    @staticmethod
    def resolve_is_shared(entry: Any) -> bool:
        return entry.city_id is None


class EntryIn(InputSchema):
    names: dict[str, str] = Field(
        description="Name per language: en (required) and ko; unique within what the city sees."
    )


def add_routes(router: Router, kind: CityList, *, path: str, one: str, many: str) -> None:
    """Add list, create, rename and delete of `kind` under /cities/{city}/`path`."""

    def city_of(slug: str) -> Any:
        return get_object_or_404(kind.city_model, slug=slug)

    def entry_of(city: str, pk: int) -> Any:
        return get_object_or_404(citylists.entries_for(kind.model, city_of(city)), pk=pk)

    def listing(request: HttpRequest, city: str) -> Any:
        return citylists.entries_for(kind.model, city_of(city)).order_by(
            # The city's own first, then the shared ones, on every database.
            F("city").desc(nulls_last=True),
            "position",
            "slug",
        )

    def create(request: HttpRequest, city: str, payload: EntryIn) -> Any:
        entry = citylists.add_entry(
            kind.model, city_of(city), by=api_user(request), **payload.dict()
        )
        return Status(201, entry)

    def rename(request: HttpRequest, city: str, entry_id: int, payload: EntryIn) -> Any:
        entry = entry_of(city, entry_id)
        return citylists.rename_entry(entry, by=api_user(request), **payload.dict())

    def delete(request: HttpRequest, city: str, entry_id: int) -> Any:
        entry = entry_of(city, entry_id)
        citylists.delete_entry(entry, by=api_user(request), dependants=kind.dependants)
        return Status(204, None)

    listing.__name__, create.__name__ = f"list_{many}", f"add_{one}"
    rename.__name__, delete.__name__ = f"change_{one}", f"delete_{one}"
    base, item = f"/cities/{{city}}/{path}", f"/cities/{{city}}/{path}/{{entry_id}}"
    router.get(
        base,
        response=list[EntryOut],
        auth=read_auth,
        summary=f"The {many} a city's records choose from (shared and its own)",
    )(listing)
    router.post(
        base,
        response={201: EntryOut},
        auth=write_auth,
        summary=f"Add a city's own {one} (editors of the city)",
        description="A name the city already sees, its own or shared, is refused (422).",
    )(create)
    router.put(
        item,
        response=EntryOut,
        auth=write_auth,
        summary=f"Rename a {one} (the city's editors; shared ones: network admins)",
    )(rename)
    router.delete(
        item,
        response={204: None},
        auth=write_auth,
        summary=f"Delete a {one} no record uses",
        description="Refused (422, saying how many records use it) while records use it.",
    )(delete)
