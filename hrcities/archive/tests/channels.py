"""The channels the leak matrices read: every way an archive item reaches a reader (its
pages, lists, browsing, API, exports, harvest, PDF, search, tags, history, the annual
report), each read as one text to look for what must not be there."""

from django.urls import reverse

from hrcities.reports.tests.factories import make_report_city

from .cases import pdf_text

# Words of the items' titles, never of the secrets: the search page and API repeat the
# query, so a query of withheld words would "leak" them by its own echo (those words are
# searched for in test_withheld_words_find_nothing_in_search).
SEARCHES = ["Sentinel", "Provincial Office", "도청 앞 증언"]
# Near the hidden items in meaning (their title and description), but no item holds
# "logbook", so the keyword search (all words must match) finds nothing and only the
# path that finds records by meaning can reach them.
MEANING = "sentinel night watch logbook"


def read_items_channel(
    client, channel: str, items: list, *, searches=SEARCHES, meaning=MEANING
) -> str:
    """Return everything a channel gives this client about these items, as text."""
    if channel == "item pages":
        return "".join(
            client.get(reverse("archive:item-detail", args=[i.pk])).content.decode() for i in items
        )
    if channel == "print pages":
        return "".join(
            client.get(reverse("archive:item-print", args=[i.pk])).content.decode() for i in items
        )
    if channel == "item list":
        return client.get(reverse("archive:item-list"), {"limit": 100}).content.decode()
    if channel == "timeline":
        return client.get(
            reverse("archive:timeline"), {"period": "1980", "zoom": "year"}
        ).content.decode()
    if channel == "map data":
        return client.get(reverse("archive:map-data")).content.decode()
    if channel == "API":
        listed = client.get("/api/archive/items?limit=100").content.decode()
        return listed + "".join(
            client.get(f"/api/archive/items/{i.pk}").content.decode() for i in items
        )
    if channel == "JSON-LD":
        single = "".join(
            client.get(f"/api/archive/items/{i.pk}/jsonld").content.decode() for i in items
        )
        return single + b"".join(client.get("/api/archive/dump.jsonld").streaming_content).decode()
    if channel == "CSV":
        return b"".join(client.get("/api/archive/items.csv").streaming_content).decode()
    if channel == "OAI-PMH":
        return client.get(
            "/oai", {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
        ).content.decode()
    if channel == "PDF":
        return "".join(
            pdf_text(client.get(reverse("archive:item-pdf", args=[i.pk])).content) for i in items
        )
    if channel == "search page":
        return "".join(client.get("/search/", {"q": q}).content.decode() for q in searches)
    if channel == "search API":
        return "".join(
            client.get("/api/search", {"q": q, "semantic": "false", "limit": 100}).content.decode()
            for q in searches
        )
    if channel == "semantic search":
        # The test's id names "semantic", so the conftest leaves sentence vectors on.
        return "".join(
            client.get("/api/search", {"q": q, "semantic": "true", "limit": 100}).content.decode()
            for q in [meaning, *searches]
        )
    if channel == "tag suggestions":
        return "".join(
            client.get(f"/api/records/archive.item/{i.pk}/tags").content.decode()
            + client.get(reverse("core:record-tags", args=["archive.item", i.pk])).content.decode()
            for i in items
        )
    if channel == "suggestion queue":
        # Every suggestion waiting on the records the reader may change, with their titles.
        return client.get(reverse("work:suggestion-queue")).content.decode()
    if channel == "record history":
        return "".join(
            client.get(f"/api/records/archive.item/{i.pk}/revisions").content.decode()
            + client.get(
                reverse("core:record-history", args=["archive.item", i.pk])
            ).content.decode()
            for i in items
        )
    if channel == "thumbnails":
        # A thumbnail shows what its item's image shows: each one answered stands for its
        # item reaching the reader (named by its title, so the matrix can tell which).
        answered = [
            item.title
            for item in items
            for media in item.media.all()
            if client.get(reverse("archive:media-thumbnail", args=[media.pk])).status_code == 200
        ]
        return " ".join(answered)
    if channel == "city page":
        # The city's home lists its newest records (all of the few a case makes).
        city = items[0].city
        return client.get(reverse("network:city-detail", args=[city.slug])).content.decode()
    if channel == "report":
        city = items[0].city
        make_report_city(city)
        page = reverse("reports:report-detail", args=[city.slug, 2023])
        pdf = reverse("reports:report-pdf", args=[city.slug, 2023])
        return client.get(page).content.decode() + pdf_text(client.get(pdf).content)
    raise AssertionError(channel)


CHANNELS = [
    "item pages",
    "print pages",
    "item list",
    "timeline",
    "map data",
    "API",
    "JSON-LD",
    "CSV",
    "OAI-PMH",
    "PDF",
    "search page",
    "search API",
    "semantic search",
    "tag suggestions",
    "suggestion queue",
    "record history",
    "thumbnails",
    "city page",
    "report",
]
# Public by design: harvesters and the printable file get the public record only.
PUBLIC_ONLY = ("OAI-PMH", "PDF")
# Channels that show no archive item to anyone without a role: a record's history holds
# every field as stored (hidden ones and redacted words), so only its keepers read it, and
# the suggestion queue lists the records its reader may change; the annual report is made
# of indicators and actions and shows no archive item.
KEEPERS_ONLY = ("record history", "suggestion queue")
NO_ITEMS = ("report",)
