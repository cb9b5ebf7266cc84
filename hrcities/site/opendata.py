"""Every export and feed of the platform, for the open data page: what each gives, its
address and a curl line that works as written.

Examples name real records where a path needs one (the first city with indicator values,
the first public archive item, ...), chosen as the public sees them, so every line works
without an account. An export whose example record does not exist (an empty platform)
is listed without its example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CSV = "text/csv"
JSON = "application/json"
JSON_LD = "application/ld+json"
XML = "text/xml"
GEOJSON = "application/geo+json"
PDF = "application/pdf"
ZIP = "application/zip"
YAML = "application/yaml"


@dataclass(frozen=True)
class Export:
    title: Any
    description: Any
    path: str
    media_type: str
    save_as: str = ""  # a file name for `curl -o`, for files people keep

    def curl(self, base: str) -> str:
        """Return the curl line that fetches this export from the site at `base`."""
        output = f" -o {self.save_as}" if self.save_as else ""
        return f'curl -sS{output} "{base}{self.path}"'


@dataclass(frozen=True)
class Section:
    slug: str
    heading: Any
    intro: Any
    exports: list[Export] = field(default_factory=list)


@dataclass(frozen=True)
class Examples:
    """Public records the example paths name; None where the platform has none."""

    city: str | None
    indicator: str | None
    year: int | None
    item: int | None
    event: int | None
    programme: int | None
    declaration: str | None


def public_examples() -> Examples:
    """Return the records the examples name, as an anonymous visitor may read them."""
    from hrcities.archive.jsonld import items_for_export
    from hrcities.archive.models import Event
    from hrcities.commitments.models import Declaration
    from hrcities.education.queries import visible_programmes
    from hrcities.indicators.models import Indicator
    from hrcities.reports.report import reports_available

    public = AnonymousUser()
    reports = next((r for r in reports_available(public) if r.annual_year), None)
    indicator = (
        Indicator.objects.visible_to(public)
        .filter(city=reports.city, observations__isnull=False)
        .order_by("code")
        .first()
        if reports
        else None
    )
    item = items_for_export(public).order_by("pk").values_list("pk", flat=True).first()
    event = Event.objects.visible_to(public).order_by("pk").values_list("pk", flat=True).first()
    programme = visible_programmes(public).order_by("pk").values_list("pk", flat=True).first()
    declaration = Declaration.objects.order_by("pk").values_list("slug", flat=True).first()
    return Examples(
        city=reports.city.slug if reports else None,
        indicator=indicator.code if indicator else None,
        year=reports.annual_year if reports else None,
        item=item,
        event=event,
        programme=programme,
        declaration=declaration,
    )


def open_data_sections(examples: Examples) -> list[Section]:
    """Return the page's sections, each export with a path that works as written."""
    e = examples
    api = [
        Export(
            _("OpenAPI 3 document"),
            _("The description of every endpoint, for client generators and validators."),
            reverse("api:openapi-json"),
            JSON,
            "openapi.json",
        ),
        Export(
            _("Search"),
            _("One search over every kind of record, with facets."),
            "/api/search?q=" + quote("human rights"),
            JSON,
        ),
        Export(_("Cities"), _("The network's cities."), "/api/network/cities", JSON),
        Export(
            _("Annual reports"),
            _(
                "Each city's report years, how many indicators have a value for each, "
                "and which is its annual report."
            ),
            "/api/reports/",
            JSON,
        ),
    ]
    csv = [
        Export(
            _("Memory archive items"),
            _("Items as the public sees them: protected fields and withdrawn records left out."),
            "/api/archive/items.csv",
            CSV,
            "items.csv",
        ),
        Export(
            _("Education programmes"),
            _("Programmes in the format the import reads back."),
            reverse("education:programmes-csv"),
            CSV,
            "programmes.csv",
        ),
        Export(
            _("Education sessions"),
            _("Sessions with their participants by group."),
            reverse("education:sessions-csv"),
            CSV,
            "sessions.csv",
        ),
        Export(
            _("Emergency measures"),
            _(
                "Measures with their legal basis, dates and sunset, in the format the import "
                "reads back."
            ),
            reverse("emergency:measures-csv"),
            CSV,
            "measures.csv",
        ),
        Export(
            _("Reviews of emergency measures"),
            _("One row per review, one column per question of the OHCHR checklist."),
            reverse("emergency:reviews-csv"),
            CSV,
            "reviews.csv",
        ),
        Export(
            _("Actions on the commitments"),
            _("Cities' actions in the format the import reads back."),
            reverse("commitments:actions-csv"),
            CSV,
            "actions.csv",
        ),
    ]
    if e.city:
        csv.append(
            Export(
                _("Indicator values of a city"),
                _(
                    "Every value of the city's indicators in this platform's own format, with "
                    "an Indicator column."
                ),
                f"/api/indicators/cities/{e.city}/export.csv",
                CSV,
                f"indicators_{e.city}.csv",
            )
        )
    tidy = []
    if e.city:
        tidy.append(
            Export(
                _("A city's indicators as an Open SDG data folder"),
                _(
                    "A ZIP of data/indicator_<code>.csv and meta/<code>.yml for each indicator "
                    "(Korean metadata in meta/ko/), with config_data.yml for Open SDG's build "
                    "tool. Unpack it into an Open SDG data repository, or import it back here. "
                    "The same from the API: /api/indicators/cities/<city>/opensdg.zip; from "
                    "the command line: hrcities export_opensdg --city <city> --output <folder>."
                ),
                reverse("indicators:city-opensdg", args=[e.city]),
                ZIP,
                f"opensdg_{e.city}.zip",
            )
        )
    if e.city and e.indicator:
        tidy += [
            Export(
                _("One indicator's data"),
                _(
                    "Open SDG's data format: Year first, Value last, and between them the "
                    "group columns and Units."
                ),
                reverse("indicators:indicator-csv", args=[e.city, e.indicator]),
                CSV,
                f"indicator_{e.indicator}.csv",
            ),
            Export(
                _("One indicator's metadata"),
                _(
                    "Open SDG's metadata fields: name, number, goal and target, unit, sources, "
                    "reporting status."
                ),
                reverse("indicators:indicator-meta", args=[e.city, e.indicator]),
                YAML,
                f"{e.indicator}.yml",
            ),
        ]
    if e.city:
        tidy.append(
            Export(
                _("A city's indicators in one file"),
                _(
                    "This platform's own convenience format, which no Open SDG tool reads: an "
                    "Indicator column first, then Year, a column per group dimension, Units, "
                    "Value, and the source, note and Korean texts. The import reads it back."
                ),
                reverse("indicators:city-csv", args=[e.city]),
                CSV,
                f"{e.city}.csv",
            )
        )
    jsonld = [
        Export(
            _("The whole memory archive"),
            _("Every public item, event, place and person as one schema.org graph."),
            "/api/archive/dump.jsonld",
            JSON_LD,
            "archive.jsonld",
        ),
        Export(
            _("Every education programme"),
            _("Programmes as schema.org Course, sessions as CourseInstance."),
            "/api/education/dump.jsonld",
            JSON_LD,
            "education.jsonld",
        ),
    ]
    if e.item:
        jsonld.append(
            Export(
                _("One archive item"),
                _("An item as schema.org JSON-LD."),
                f"/api/archive/items/{e.item}/jsonld",
                JSON_LD,
            )
        )
    if e.event:
        jsonld.append(
            Export(
                _("One event"),
                _("An event as schema.org JSON-LD."),
                f"/api/archive/events/{e.event}/jsonld",
                JSON_LD,
            )
        )
    if e.programme:
        jsonld.append(
            Export(
                _("One programme"),
                _("A programme as a schema.org Course."),
                f"/api/education/programmes/{e.programme}/jsonld",
                JSON_LD,
            )
        )
    oai = reverse("oai")
    harvest = [
        Export(
            _("Identify"),
            _("The repository's name, its earliest date and its policy."),
            f"{oai}?verb=Identify",
            XML,
        ),
        Export(
            _("Metadata formats"),
            _("Dublin Core (oai_dc)."),
            f"{oai}?verb=ListMetadataFormats",
            XML,
        ),
        Export(
            _("Every public record in Dublin Core"),
            _(
                "Pages of records; follow the resumption token for the next. Add from=YYYY-MM-DD "
                "for what changed since, or set=city:<slug> for one city. A record that leaves "
                "the public view is no longer listed (it is not announced as deleted), so "
                "harvest in full now and then."
            ),
            f"{oai}?verb=ListRecords&metadataPrefix=oai_dc",
            XML,
        ),
    ]
    more = [
        Export(
            _("Places of the memory archive"),
            _("Sites of memory as GeoJSON, for maps."),
            reverse("archive:map-data"),
            GEOJSON,
            "places.geojson",
        ),
    ]
    if e.declaration:
        more.append(
            Export(
                _("A declaration"),
                _("Its preamble clauses and promises as JSON."),
                reverse("commitments:declaration-json", args=[e.declaration]),
                JSON,
            )
        )
    if e.city and e.year:
        more.append(
            Export(
                _("An annual report as PDF"),
                _("The report as printed, in English or Korean (lang=ko)."),
                reverse("reports:report-pdf", args=[e.city, e.year]) + "?lang=en",
                PDF,
                f"report-{e.city}-{e.year}.pdf",
            )
        )
    return [
        Section(
            "api",
            _("The API and its OpenAPI document"),
            _(
                "Every public record as JSON, with paging, filters and the same access rules "
                "as the pages. Reading needs no account; writing needs an API token from your "
                "account page and is limited to your city or organisation."
            ),
            api,
        ),
        Section(
            "csv",
            _("CSV exports"),
            _(
                "RFC 4180 CSV in UTF-8. The file an export gives is the file the import takes "
                "back, so a spreadsheet can round-trip it."
            ),
            csv,
        ),
        Section(
            "open-sdg",
            _("Indicators for Open SDG"),
            _(
                "The files an Open SDG data repository holds, checked in the tests with Open "
                "SDG's own CSV checker: one row per value, a column per group dimension (sex, "
                "age group, disability, migrant status, district), a blank cell for the total, "
                "and each indicator's metadata beside its data. The city's editors import the "
                "same files."
            ),
            tidy,
        ),
        Section(
            "json-ld",
            _("JSON-LD (schema.org)"),
            _(
                "Linked data for search engines and catalogues, with the same protections as the "
                "pages: hidden fields, redactions and withdrawn records stay out."
            ),
            jsonld,
        ),
        Section(
            "oai-pmh",
            _("OAI-PMH 2.0 harvesting"),
            _(
                "For library and archive aggregators: the memory archive's public records in "
                "Dublin Core, with incremental harvesting by date."
            ),
            harvest,
        ),
        Section("more", _("Maps, declarations and reports"), "", more),
    ]


@dataclass(frozen=True)
class ClientExample:
    """A standard's own client reading an export: what to install and a command to run."""

    title: Any
    install: str
    command: str  # `{base}` stands for the site's address

    def lines(self, base: str) -> str:
        return f"{self.install}\n{self.command.format(base=base)}"


def client_examples() -> dict[str, list[ClientExample]]:
    """Return, by section, a command with a real client of the standard; the tests run
    each one against a running server (tests/test_open_data_clients.py)."""
    return {
        "api": [
            ClientExample(
                _("Generate a Python client from the OpenAPI document (openapi-python-client)"),
                "pip install openapi-python-client",
                'openapi-python-client generate --url "{base}/api/openapi.json" --meta none '
                "--output-path hrcities_client",
            )
        ],
        "json-ld": [
            ClientExample(
                _("Expand the archive's graph with a JSON-LD processor (pyld)"),
                "pip install pyld requests",
                'python3 -c "import json, urllib.request; from pyld import jsonld; '
                "graph = jsonld.expand(json.load(urllib.request.urlopen('{base}/api/archive/"
                "dump.jsonld'))); print(len(graph), 'nodes;', sorted({{t for n in graph for t "
                "in n.get('@type', [])}}))\"",
            )
        ],
        "oai-pmh": [
            ClientExample(
                _("Harvest every record with an OAI-PMH client (Sickle)"),
                "pip install sickle",
                'python3 -c "from sickle import Sickle; [print(r.header.identifier, '
                "r.metadata['title'][0]) for r in Sickle('{base}/oai').ListRecords("
                "metadataPrefix='oai_dc')]\"",
            ),
            ClientExample(
                _("Read the harvested dates as EDTF, with their earliest day (edtf)"),
                "pip install sickle edtf",
                'python3 -c "import time; from sickle import Sickle; from edtf import '
                "parse_edtf; [print(d, time.strftime('%Y-%m-%d', parse_edtf(d).lower_strict()))"
                " for r in Sickle('{base}/oai').ListRecords(metadataPrefix='oai_dc') for d in "
                "r.metadata.get('date', [])]\"",
            ),
        ],
    }
