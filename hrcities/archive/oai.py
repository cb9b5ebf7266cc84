"""OAI-PMH 2.0 at /oai, so libraries and aggregators can harvest what the public may see.

Only items anonymous readers may see are harvested (`visible_to(AnonymousUser())`), each
as `present_item` shows it to them. Withdrawn, restricted, network-only, embargoed and
draft items are not in the repository at all: the repository declares
`deletedRecord="no"` and an item that leaves the public view simply stops being listed,
rather than being announced as a deleted record (which would keep telling harvesters
that a withdrawn testimony exists). Harvesters learn of removals by harvesting in full.

Sets: `city:<slug>` and `collection:<slug>`. Resumption tokens are signed (they cannot
be forged or edited), carry the filters and the last id sent, and expire after a day.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db.models import Min, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from hrcities.core.dates import to_edtf
from hrcities.core.validation import text_problem, xml_safe
from hrcities.network.models import City

from .jsonld import absolute, accepted_tags
from .models import Collection, Item, ItemKind
from .presenting import present_item

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
PAGE_SIZE = 100
TOKEN_AGE = timedelta(days=1)
TOKEN_SALT = "hrcities.archive.oai.resumption"
GRANULARITY = "%Y-%m-%dT%H:%M:%SZ"
DCMI_TYPES = {
    ItemKind.DOCUMENT: "Text",
    ItemKind.PHOTO: "StillImage",
    ItemKind.AUDIO: "Sound",
    ItemKind.VIDEO: "MovingImage",
    ItemKind.TESTIMONY: "Text",
    ItemKind.SITE: "PhysicalObject",
    ItemKind.ARTEFACT: "PhysicalObject",
}
ARGUMENTS = {
    # verb: (required, optional, exclusive)
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}


# The error for an argument whose value holds characters XML cannot carry, as the protocol
# names it for that argument (any other argument: badArgument).
UNREADABLE = {"identifier": "idDoesNotExist", "resumptionToken": "badResumptionToken"}


class OaiError(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(message)


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(GRANULARITY)


def public_items() -> QuerySet[Item]:
    """Return the items the public may see: the only ones in this repository."""
    from hrcities.taxonomy.models import Tagging

    return (
        Item.objects.visible_to(AnonymousUser())
        .select_related("city", "organisation", "collection", "place", "narrator")
        .prefetch_related(
            "redactions",
            "person_roles__person",
            Prefetch("taggings", queryset=Tagging.objects.accepted()),
        )
    )


@csrf_exempt
@require_http_methods(["GET", "POST", "HEAD"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one OAI-PMH request (GET query or POST form)."""
    params = request.POST if request.method == "POST" else request.GET
    root = etree.Element(_q(OAI, "OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
    root.set(_q(XSI, "schemaLocation"), f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    etree.SubElement(root, _q(OAI, "responseDate")).text = _stamp(datetime.now(UTC))
    echo = etree.SubElement(root, _q(OAI, "request"))
    echo.text = request.build_absolute_uri(request.path)
    try:
        verb, arguments = _arguments(params)
        for name, value in sorted(arguments.items()):
            echo.set(name, value)
        echo.set("verb", verb)
        root.append(HANDLERS[verb](request, arguments))
    except OaiError as error:
        # The spec asks that the request element carry no attributes for bad requests.
        if error.code in ("badVerb", "badArgument"):
            echo.attrib.clear()
        node = etree.SubElement(root, _q(OAI, "error"), code=error.code)
        node.text = _clean(error.message)
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _arguments(params: Any) -> tuple[str, dict[str, str]]:
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in ARGUMENTS:
        raise OaiError("badVerb", "The verb is missing, repeated or not an OAI-PMH verb.")
    verb = verbs[0]
    required, optional, exclusive = ARGUMENTS[verb]
    arguments: dict[str, str] = {}
    for name in params:
        if name == "verb":
            continue
        values = params.getlist(name)
        if len(values) != 1:
            raise OaiError("badArgument", f"The argument {name} is repeated.")
        if name not in required | optional and name != exclusive:
            raise OaiError("badArgument", f"{verb} does not take the argument {name}.")
        arguments[name] = values[0]
    for name, value in arguments.items():
        if text_problem(value):
            # The value cannot even be echoed in the answer's XML: it names nothing here.
            raise OaiError(
                UNREADABLE.get(name, "badArgument"),
                f"The {name} holds a character XML cannot carry.",
            )
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", f"{exclusive} is an exclusive argument.")
        return verb, arguments
    missing = sorted(required - set(arguments))
    if missing:
        raise OaiError("badArgument", f"{verb} needs the argument(s) {', '.join(missing)}.")
    return verb, arguments


def _host(request: HttpRequest) -> str:
    return split_domain_port(request.get_host())[0] or "localhost"


def oai_identifier(request: HttpRequest, item: Item) -> str:
    return f"oai:{_host(request)}:item/{item.pk}"


def _item_for(request: HttpRequest, identifier: str) -> Item:
    prefix = f"oai:{_host(request)}:item/"
    number = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    item = public_items().filter(pk=int(number)).first() if number.isdigit() else None
    if item is None:
        raise OaiError("idDoesNotExist", f"There is no public record {identifier}.")
    return item


def _check_prefix(prefix: str) -> None:
    if prefix != "oai_dc":
        raise OaiError("cannotDisseminateFormat", "Only oai_dc is offered.")


# --- verbs ----------------------------------------------------------------------------


def identify(request: HttpRequest, arguments: dict[str, str]) -> etree._Element:
    node = etree.Element(_q(OAI, "Identify"))
    earliest = public_items().aggregate(first=Min("updated_at"))["first"]
    fields = [
        ("repositoryName", "hrcities memory archive"),
        ("baseURL", request.build_absolute_uri(request.path)),
        ("protocolVersion", "2.0"),
        ("adminEmail", _admin_email()),
        ("earliestDatestamp", _stamp(earliest or datetime(2000, 1, 1, tzinfo=UTC))),
        ("deletedRecord", "no"),
        ("granularity", "YYYY-MM-DDThh:mm:ssZ"),
    ]
    for name, value in fields:
        etree.SubElement(node, _q(OAI, name)).text = value
    description = etree.SubElement(node, _q(OAI, "description"))
    identifier = etree.SubElement(
        description, _q(OAI_IDENTIFIER, "oai-identifier"), nsmap={None: OAI_IDENTIFIER}
    )
    identifier.set(
        _q(XSI, "schemaLocation"),
        f"{OAI_IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd",
    )
    for name, value in [
        ("scheme", "oai"),
        ("repositoryIdentifier", _host(request)),
        ("delimiter", ":"),
        ("sampleIdentifier", f"oai:{_host(request)}:item/1"),
    ]:
        etree.SubElement(identifier, _q(OAI_IDENTIFIER, name)).text = value
    return node


def _admin_email() -> str:
    address = getattr(settings, "DEFAULT_FROM_EMAIL", "") or ""
    if "<" in address:
        address = address.rpartition("<")[2].rstrip(">")
    if not address or address.endswith("@localhost") or address == "webmaster@localhost":
        return "archive@example.org"
    return address


def list_metadata_formats(request: HttpRequest, arguments: dict[str, str]) -> etree._Element:
    if "identifier" in arguments:
        _item_for(request, arguments["identifier"])
    node = etree.Element(_q(OAI, "ListMetadataFormats"))
    fmt = etree.SubElement(node, _q(OAI, "metadataFormat"))
    etree.SubElement(fmt, _q(OAI, "metadataPrefix")).text = "oai_dc"
    etree.SubElement(fmt, _q(OAI, "schema")).text = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    etree.SubElement(fmt, _q(OAI, "metadataNamespace")).text = OAI_DC
    return node


def list_sets(request: HttpRequest, arguments: dict[str, str]) -> etree._Element:
    if "resumptionToken" in arguments:
        raise OaiError("badResumptionToken", "ListSets is answered in one piece.")
    items = Item.objects.visible_to(AnonymousUser())
    cities = City.objects.filter(pk__in=items.values("city")).order_by("slug")
    collections = (
        Collection.objects.visible_to(AnonymousUser())
        .filter(pk__in=items.values("collection"))
        .order_by("slug")
    )
    sets = [(f"city:{c.slug}", c.name) for c in cities] + [
        (f"collection:{c.slug}", c.title or c.slug) for c in collections
    ]
    if not sets:
        raise OaiError("noSetHierarchy", "There are no sets: nothing is public yet.")
    node = etree.Element(_q(OAI, "ListSets"))
    for spec, name in sets:
        entry = etree.SubElement(node, _q(OAI, "set"))
        etree.SubElement(entry, _q(OAI, "setSpec")).text = _clean(spec)
        etree.SubElement(entry, _q(OAI, "setName")).text = _clean(name)
    return node


def get_record(request: HttpRequest, arguments: dict[str, str]) -> etree._Element:
    _check_prefix(arguments["metadataPrefix"])
    item = _item_for(request, arguments["identifier"])
    node = etree.Element(_q(OAI, "GetRecord"))
    node.append(_record(request, item))
    return node


def list_identifiers(request: HttpRequest, arguments: dict[str, str]) -> etree._Element:
    return _list(request, arguments, "ListIdentifiers")


def list_records(request: HttpRequest, arguments: dict[str, str]) -> etree._Element:
    return _list(request, arguments, "ListRecords")


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}


# --- lists and resumption -------------------------------------------------------------


def _parse_stamp(value: str, *, end: bool) -> datetime:
    try:
        if len(value) == 10:
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return day + timedelta(days=1) if end else day
        moment = datetime.strptime(value, GRANULARITY).replace(tzinfo=UTC)
        return moment + timedelta(seconds=1) if end else moment
    except ValueError:
        raise OaiError(
            "badArgument", f"“{value}” is not a date like 2020-05-18 or 2020-05-18T00:00:00Z."
        ) from None


def _filters(arguments: dict[str, str]) -> dict[str, str]:
    """Check the list arguments and return the ones a resumption token carries on."""
    _check_prefix(arguments["metadataPrefix"])
    start = arguments.get("from")
    until = arguments.get("until")
    if start and until:
        if len(start) != len(until):
            raise OaiError("badArgument", "from and until must have the same granularity.")
        if _parse_stamp(start, end=False) >= _parse_stamp(until, end=True):
            raise OaiError("badArgument", "from is after until.")
    for value, end in ((start, False), (until, True)):
        if value:
            _parse_stamp(value, end=end)
    return {k: v for k, v in arguments.items() if k in ("metadataPrefix", "from", "until", "set")}


def _selection(filters: dict[str, str]) -> QuerySet[Item]:
    items = public_items()
    if filters.get("from"):
        items = items.filter(updated_at__gte=_parse_stamp(filters["from"], end=False))
    if filters.get("until"):
        items = items.filter(updated_at__lt=_parse_stamp(filters["until"], end=True))
    if filters.get("set"):
        kind, _sep, slug = filters["set"].partition(":")
        if kind == "city":
            items = items.filter(city__slug=slug)
        elif kind == "collection":
            public = Collection.objects.visible_to(AnonymousUser()).filter(slug=slug)
            items = items.filter(collection__in=public)
        else:
            items = items.none()
    return items.order_by("pk")


def _list(request: HttpRequest, arguments: dict[str, str], verb: str) -> etree._Element:
    if "resumptionToken" in arguments:
        filters, after, cursor = _read_token(arguments["resumptionToken"], verb)
    else:
        filters, after, cursor = _filters(arguments), 0, 0
    selection = _selection(filters)
    total = selection.count()
    page = list(selection.filter(pk__gt=after)[:PAGE_SIZE])
    if not page and cursor == 0:
        raise OaiError("noRecordsMatch", "No public record matches these arguments.")
    node = etree.Element(_q(OAI, verb))
    for item in page:
        if verb == "ListRecords":
            node.append(_record(request, item))
        else:
            node.append(_header(request, item))
    sent = cursor + len(page)
    has_more = bool(page) and selection.filter(pk__gt=page[-1].pk).exists()
    if has_more or cursor:
        token = etree.SubElement(
            node, _q(OAI, "resumptionToken"), completeListSize=str(total), cursor=str(cursor)
        )
        if has_more:
            token.set("expirationDate", _stamp(datetime.now(UTC) + TOKEN_AGE))
            token.text = signing.dumps(
                {"v": verb, "f": filters, "a": page[-1].pk, "c": sent},
                salt=TOKEN_SALT,
                compress=True,
            )
    return node


def _read_token(token: str, verb: str) -> tuple[dict[str, str], int, int]:
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_AGE)
    except signing.BadSignature:
        raise OaiError(
            "badResumptionToken", "The resumption token is invalid or expired."
        ) from None
    if not isinstance(data, dict) or data.get("v") != verb:
        raise OaiError("badResumptionToken", "This resumption token belongs to another verb.")
    return dict(data["f"]), int(data["a"]), int(data["c"])


# --- records --------------------------------------------------------------------------


def _header(request: HttpRequest, item: Item) -> etree._Element:
    header = etree.Element(_q(OAI, "header"))
    etree.SubElement(header, _q(OAI, "identifier")).text = oai_identifier(request, item)
    etree.SubElement(header, _q(OAI, "datestamp")).text = _stamp(item.updated_at)
    if item.city is not None:
        etree.SubElement(header, _q(OAI, "setSpec")).text = _clean(f"city:{item.city.slug}")
    public = Collection.objects.visible_to(AnonymousUser())
    if item.collection is not None and public.filter(pk=item.collection_id).exists():
        etree.SubElement(header, _q(OAI, "setSpec")).text = _clean(
            f"collection:{item.collection.slug}"
        )
    return header


def _record(request: HttpRequest, item: Item) -> etree._Element:
    record = etree.Element(_q(OAI, "record"))
    record.append(_header(request, item))
    metadata = etree.SubElement(record, _q(OAI, "metadata"))
    metadata.append(dublin_core(request, item))
    return record


def dublin_core(request: HttpRequest, item: Item) -> etree._Element:
    """Return the oai_dc record of an item as the public sees it."""
    view = present_item(item, AnonymousUser())
    dc = etree.Element(_q(OAI_DC, "dc"), nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    dc.set(_q(XSI, "schemaLocation"), f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(name: str, text: str, language: str = "") -> None:
        if text:
            element = etree.SubElement(dc, _q(DC, name))
            element.text = _clean(text)
            if language:
                element.set(_q(XML, "lang"), _clean(language))

    for language, title in sorted(view.titles.items()):
        add("title", title, language)
    if view.narrator:
        add("contributor", view.narrator)
    for language, description in sorted(view.descriptions.items()):
        add("description", description, language)
    add("date", to_edtf(item.date_text) if item.date_text else "")
    add("type", DCMI_TYPES.get(item.kind, "Text"))
    add("type", item.kind)
    add("language", item.original_language)
    if item.place is not None:
        add("coverage", item.place.title)
    if view.exact_location:
        add("coverage", view.exact_location)
    for label in accepted_tags(item):
        add("subject", label)
    add("rights", view.rights or "Public")
    add("identifier", absolute(request, item.get_absolute_url()))
    add("publisher", str(item.owner) if item.owner else "")
    return dc


def _clean(text: str) -> str:
    # XML 1.0 cannot carry some characters (controls, U+FFFE, U+FFFF, lone surrogates).
    # Input refuses them, but a record kept before that check may still hold one: drop it
    # rather than fail every harvest that includes the record.
    return xml_safe(text)
