"""Everything a caller may see at once, as CSV or as one JSON-LD graph."""

from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Router

from hrcities.core.apiutils import api_user, read_auth

from ..exchange import export_csv_chunks
from ..jsonld import dump_chunks, items_for_export
from .common import LD_JSON

router = Router()


@router.get(
    "/items.csv",
    auth=read_auth,
    summary="Items you may see as CSV (as presented to you)",
    response={200: str},
    openapi_extra={"responses": {200: {"content": {"text/csv": {}}}}},
)
def items_csv(request: HttpRequest, city: str | None = None) -> Any:
    user = api_user(request)
    items = items_for_export(user)
    if city:
        items = items.filter(city__slug=city)
    response = StreamingHttpResponse(
        export_csv_chunks(user, request, items=items), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="archive-items.csv"'
    return response


@router.get(
    "/dump.jsonld",
    auth=read_auth,
    summary="Every item, event, place and person you may see, as one JSON-LD graph",
    response={200: dict[str, Any]},
    openapi_extra={"responses": {200: {"content": {LD_JSON: {}}}}},
)
def dump(request: HttpRequest) -> Any:
    response = StreamingHttpResponse(
        dump_chunks(api_user(request), request), content_type=f"{LD_JSON}; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="archive.jsonld"'
    return response
