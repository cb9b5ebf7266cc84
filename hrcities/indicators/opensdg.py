"""A city's indicators as an Open SDG data repository, and such a repository read back.

The folder is laid out as Open SDG's data starter keeps one and its build tool (sdg-build
2.3: `InputCsvData` and `InputYamlMeta`) reads it, one indicator per pair of files, the
indicator's code as its Open SDG id:

- `data/indicator_<code>.csv`: Open SDG's data format. `Year` first, `Value` last, and
  between them only columns Open SDG reads as disaggregations (`Period` when a value is
  for a part of the year, then the city's dimensions: Sex, Age, ...) and its own `Units`
  column. The source of the values is in the metadata, never a column;
- `meta/<code>.yml`: the indicator's metadata under Open SDG's field names
  (`indicator_name`, `indicator_number`, `reporting_status`, `computation_units`,
  `source_organisation_1`, ...), and its Korean texts in `meta/ko/<code>.yml`, where
  Open SDG looks for a language's metadata;
- `config_data.yml` (sdg-build's inputs for these two folders), `metadata_schema.yml` (the
  fields, for sdg-build's metadata check) and `translations/{en,ko}/data.yml` (the
  dimensions and their values by language), so that
  `sdg.open_sdg_build(config="config_data.yml")` builds the folder as it is, offline, in
  English and Korean.

Import reads the same layout (a ZIP of it, a folder, or a repository's ZIP with the
folder one level down): every `data/indicator_<code>.csv` with the metadata beside it
goes through the tidy CSV import's checks, all files or none. A value the file already
holds keeps its source and notes; a new value takes the metadata's
`source_organisation_1` as its source.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import require_create_in
from hrcities.core.csvfiles import (
    MAX_BYTES,
    GuardedWriter,
    ImportRefused,
    ImportReport,
    RowError,
    read_csv_text,
)

from .exchange import PERIOD, UNITS, VALUE, YEAR, apply_rows, check_rows, number_text
from .models import Dimension, Indicator, Observation

CONFIG = "config_data.yml"
SCHEMA = "metadata_schema.yml"
# The metadata fields written, with how Open SDG's editor (Prose.io) shows each: sdg-build
# checks the metadata against this schema. Lists (tags, precision, ...) are not listed.
TEXT_FIELDS = (
    "indicator_number",
    "indicator_name",
    "graph_title",
    "graph_type",
    "national_geographical_coverage",
    "computation_units",
    "goal_number",
    "target_number",
    "target_name",
    "SDG_RELATED_INDICATORS",
    "national_indicator_description",
    "DATA_COMP",
    "CONTACT_ORGANISATION",
)
REPORTING_STATUSES = ("complete", "inprogress", "notstarted")
LANGUAGES = ("en", "ko")
# The largest folder an import unpacks: the CSV limit for all its files together.
MAX_UNPACKED = MAX_BYTES
DATA_FILE = re.compile(r"^(?P<root>(?:[^/]+/)*)data/indicator_(?P<code>[^/]+)\.csv$")
META_SUFFIXES = (".yml", ".yaml", ".md")


def data_path(code: str) -> str:
    return f"data/indicator_{code}.csv"


def meta_path(code: str, language: str = "") -> str:
    return f"meta/{language}/{code}.yml" if language else f"meta/{code}.yml"


# --- export ---------------------------------------------------------------------------


def _dimensions(indicator: Indicator, observations: list[Observation]) -> list[Dimension]:
    used = {slug for o in observations for slug in o.disaggregation}
    shared = Dimension.objects.filter(city__isnull=True).order_by("position", "slug")
    own = Dimension.objects.filter(city=indicator.city_id).order_by("position", "slug")
    return [d for d in [*shared, *own] if d.slug in used]


def _observations(indicator: Indicator) -> list[Observation]:
    observations = list(indicator.observations.order_by("year", "period", "disaggregation_key"))
    for observation in observations:
        observation.indicator = indicator
    return observations


def data_csv(indicator: Indicator) -> str:
    """Return the indicator's values in Open SDG's data format (UTF-8, RFC 4180)."""
    observations = _observations(indicator)
    dimensions = _dimensions(indicator, observations)
    has_period = any(o.period for o in observations)
    out = io.StringIO()
    writer = GuardedWriter(out)
    writer.writerow(
        [YEAR, *([PERIOD] if has_period else []), *(d.column for d in dimensions), UNITS, VALUE]
    )
    for observation in observations:
        writer.writerow(
            [
                observation.year,
                *([observation.period] if has_period else []),
                *(observation.disaggregation.get(d.slug, "") for d in dimensions),
                observation.shown_unit.text,
                number_text(observation.value),
            ]
        )
    return out.getvalue()


def _sources(observations: list[Observation]) -> list[tuple[str, str]]:
    """Return the values' sources (English, Korean), each once, newest first."""
    seen: dict[str, str] = {}
    for observation in sorted(observations, key=lambda o: -o.year):
        if observation.source:
            seen[observation.source] = seen.get(observation.source) or observation.source_ko
    return list(seen.items())


def metadata(indicator: Indicator, *, site: str = "") -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the indicator's Open SDG metadata in English, and its Korean texts.

    `site` is the platform's address (https://example.org), for the link to the
    indicator's page among its sources.
    """
    observations = _observations(indicator)
    dimensions = _dimensions(indicator, observations)
    sdg = list(indicator.sdg_indicators.select_related("target", "goal").order_by("position"))
    # The files say the same whatever language their reader's page was in.
    names = indicator.names or {}
    name = names.get("en") or indicator.name
    city_names = indicator.city.names or {}
    meta: dict[str, Any] = {
        "indicator_number": indicator.code.replace("-", "."),
        "indicator_name": name,
        "graph_title": name,
        "graph_type": "line",
        "reporting_status": "complete" if observations else "notstarted",
        "data_non_statistical": False,
        "published": True,
        "national_geographical_coverage": city_names.get("en") or indicator.city.name,
        "computation_units": indicator.unit,
        "precision": [{"decimals": indicator.decimals}],
    }
    if sdg:
        first = sdg[0]
        meta["goal_number"] = str(first.goal.number)
        meta["target_number"] = first.target.code
        meta["target_name"] = first.target.titles.get("en") or first.target.title
        meta["SDG_RELATED_INDICATORS"] = ", ".join(i.code for i in sdg)
    if indicator.domain_id:
        meta["tags"] = [indicator.domain.names.get("en") or indicator.domain.name]
    if dimensions:
        meta["expected_disaggregations"] = [d.column for d in dimensions]
    if indicator.description:
        meta["national_indicator_description"] = indicator.description
    if indicator.formula:
        meta["DATA_COMP"] = indicator.formula
    if indicator.data_owner:
        meta["CONTACT_ORGANISATION"] = indicator.data_owner
    if indicator.target:
        year, value = indicator.target
        meta["graph_annotations"] = [
            {
                "preset": "target_line",
                "value": float(value),
                "label": {"content": f"{year}: {number_text(value)}"},
            }
        ]
    sources = _sources(observations)
    for number, (source, _korean) in enumerate(sources, start=1):
        meta[f"source_active_{number}"] = True
        meta[f"source_organisation_{number}"] = source
    if site:
        number = len(sources) + 1
        meta[f"source_active_{number}"] = True
        meta[f"source_organisation_{number}"] = meta["national_geographical_coverage"]
        meta[f"source_url_{number}"] = site.rstrip("/") + indicator.get_absolute_url()
        meta[f"source_url_text_{number}"] = name

    korean: dict[str, Any] = {}
    if names.get("ko"):
        korean["indicator_name"] = korean["graph_title"] = names["ko"]
    if city_names.get("ko"):
        korean["national_geographical_coverage"] = city_names["ko"]
    definition = indicator.current_definition
    for key, text in (
        ("computation_units", indicator.shown_unit.korean),
        ("national_indicator_description", indicator.description_ko),
        ("DATA_COMP", definition.formula_ko if definition else ""),
        ("CONTACT_ORGANISATION", indicator.data_owner_ko),
    ):
        if text:
            korean[key] = text
    for number, (_source, source_ko) in enumerate(sources, start=1):
        if source_ko:
            korean[f"source_organisation_{number}"] = source_ko
    return meta, korean


def metadata_yaml(meta: dict[str, Any]) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)


def schema_yaml() -> str:
    """Return the metadata schema, in the Prose.io form Open SDG's data repositories keep."""

    def field(name: str, element: str = "text", **more: Any) -> dict[str, Any]:
        return {"name": name, "field": {"element": element, "label": name, **more}}

    meta = [
        field(
            "reporting_status",
            "select",
            options=[{"name": status, "value": status} for status in REPORTING_STATUSES],
        ),
        field("data_non_statistical", "checkbox"),
        field("published", "checkbox"),
        *(field(name) for name in TEXT_FIELDS),
    ]
    for number in range(1, 6):
        meta += [
            field(f"source_active_{number}", "checkbox"),
            field(f"source_organisation_{number}"),
            field(f"source_url_{number}"),
            field(f"source_url_text_{number}"),
        ]
    return metadata_yaml({"prose": {"metadata": {"meta": meta}}})


def config_yaml() -> str:
    """Return sdg-build's configuration for the exported folder (no network needed)."""
    config = {
        "src_dir": "",
        "site_dir": "_site",
        "schema_file": SCHEMA,
        "languages": list(LANGUAGES),
        "inputs": [
            {"class": "InputCsvData", "path_pattern": "data/indicator_*.csv"},
            {"class": "InputYamlMeta", "path_pattern": "meta/*.yml", "git": False},
        ],
        "translations": [{"class": "TranslationInputYaml", "source": "translations"}],
    }
    return metadata_yaml(config)


def translations(city: Any) -> dict[str, bytes]:
    """Return the names of the city's dimensions and their values in English and Korean,
    as Open SDG's `data` translations, so a Korean build shows 성별 and 여성 for the data
    files' Sex and Female."""
    files = {}
    dimensions = list(Dimension.objects.for_city(city))
    for language in LANGUAGES:
        names: dict[str, str] = {}
        for dimension in dimensions:
            names[dimension.column] = (dimension.names or {}).get(language) or dimension.column
            for value in dimension.values or []:
                names[value] = (dimension.value_names or {}).get(value, {}).get(language) or value
        files[f"translations/{language}/data.yml"] = metadata_yaml(names).encode()
    return files


def indicator_files(indicator: Indicator, *, site: str = "") -> dict[str, bytes]:
    """Return the indicator's files in the folder: its data and its metadata."""
    meta, korean = metadata(indicator, site=site)
    files = {
        data_path(indicator.code): data_csv(indicator).encode(),
        meta_path(indicator.code): metadata_yaml(meta).encode(),
    }
    if korean:
        files[meta_path(indicator.code, "ko")] = metadata_yaml(korean).encode()
    return files


def city_files(city: Any, user: Any, *, site: str = "") -> dict[str, bytes]:
    """Return every file of the city's Open SDG folder, with the indicators `user` sees."""
    files = {CONFIG: config_yaml().encode(), SCHEMA: schema_yaml().encode()}
    files.update(translations(city))
    indicators = (
        Indicator.objects.visible_to(user)
        .filter(city=city)
        .select_related("city", "domain")
        .order_by("code")
    )
    for indicator in indicators:
        files.update(indicator_files(indicator, site=site))
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(name, files[name])
    return out.getvalue()


def zip_download(files: dict[str, bytes], city: Any) -> HttpResponse:
    response = HttpResponse(zip_bytes(files), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="opensdg_{city.slug}.zip"'
    return response


def write_folder(files: dict[str, bytes], folder: Path) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


# --- import ---------------------------------------------------------------------------


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def unpack_zip(data: bytes, report: ImportReport) -> dict[str, bytes] | None:
    """Return the data and metadata files of a ZIP, or None after reporting why not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        report.errors.append(RowError(0, "", _("The ZIP file cannot be read.")))
        return None
    with archive:
        wanted = [
            info
            for info in archive.infolist()
            if not info.is_dir() and _wanted(info.filename.replace("\\", "/"))
        ]
        if sum(info.file_size for info in wanted) > MAX_UNPACKED:
            report.errors.append(
                RowError(
                    0,
                    "",
                    _("Unpacked, the folder's files are larger than %(limit)s MB.")
                    % {"limit": MAX_UNPACKED // 1048576},
                )
            )
            return None
        try:
            return {info.filename.replace("\\", "/"): archive.read(info) for info in wanted}
        except (zipfile.BadZipFile, OSError, NotImplementedError):
            report.errors.append(RowError(0, "", _("The ZIP file cannot be read.")))
            return None


def import_zip(data: bytes, *, city: Any, by: Any) -> ImportReport:
    """Import the Open SDG data folder in a ZIP: all of its files, or none."""
    require_create_in(by, city=city)
    report = ImportReport()
    files = unpack_zip(data, report)
    if files is None:
        raise ImportRefused(report)
    return import_folder(files, city=city, by=by)


def read_folder(folder: Path) -> dict[str, bytes]:
    """Return the data and metadata files of a folder on disk."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and _wanted(path.relative_to(folder).as_posix())
    }


def _wanted(name: str) -> bool:
    return bool(DATA_FILE.match(name)) or ("meta/" in f"/{name}" and name.endswith(META_SUFFIXES))


@dataclass
class _File:
    name: str
    code: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def _read_meta(name: str, data: bytes, report: ImportReport) -> dict[str, Any] | None:
    def bad(message: str) -> None:
        report.errors.append(RowError(0, "", message, file=name))

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        bad(_("The metadata file is not UTF-8 text."))
        return None
    if name.endswith(".md"):
        # YAML between two "---" lines, then free text (sdg-build's InputYamlMdMeta).
        parts = text.split("---", 2)
        if len(parts) < 3 or parts[0].strip():
            bad(_("The metadata file has no YAML header between two “---” lines."))
            return None
        text = parts[1]
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        report.errors.append(RowError(line, "", _("The metadata is not valid YAML."), file=name))
        return None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        bad(_("The metadata must be YAML fields (name: value), not a list or a text."))
        return None
    return meta


def import_folder(files: dict[str, bytes], *, city: Any, by: Any) -> ImportReport:
    """Import an Open SDG data folder's files into the city: all of them, or none.

    `files` maps each file's path in the folder to its content. Raise PermissionDenied
    when the user does not edit the city, ImportRefused naming every bad file, row and
    column.
    """
    require_create_in(by, city=city)
    report = ImportReport()
    found: list[_File] = []
    for name in sorted(files):
        match = DATA_FILE.match(name)
        if match is None:
            continue
        errors: list[RowError] = []
        text = read_csv_text(files[name], errors)
        for error in errors:
            error.file = name
        report.errors.extend(errors)
        if text is None:
            continue
        item = _File(name, match["code"], text)
        root = match["root"]
        for suffix in META_SUFFIXES:
            meta_name = f"{root}meta/{item.code}{suffix}"
            if meta_name in files:
                meta = _read_meta(meta_name, files[meta_name], report)
                item.meta = meta or {}
                break
        found.append(item)
    if not found and not report.errors:
        report.errors.append(
            RowError(
                0,
                "",
                _(
                    "No data file found: an Open SDG folder keeps each indicator's values in "
                    "data/indicator_<code>.csv."
                ),
            )
        )
    indicators = {i.code: i for i in Indicator.objects.filter(city=city).select_related("city")}
    checked = []
    for item in found:
        indicator = indicators.get(item.code)
        if indicator is None:
            report.errors.append(
                RowError(
                    0,
                    "",
                    _("%(city)s has no indicator with the code “%(code)s”.")
                    % {"city": city, "code": item.code[:40]},
                    file=item.name,
                )
            )
            continue
        part = ImportReport()
        rows = check_rows(item.text, city, indicator, part, keep_absent=True)
        for error in part.errors:
            error.file = item.name
        report.errors.extend(part.errors)
        source = item.meta.get("source_organisation_1")
        checked.append((rows, source if isinstance(source, str) else ""))
    if report.errors:
        raise ImportRefused(report)
    with transaction.atomic():
        for rows, source in checked:
            apply_rows(rows, by, report, **({"source": source[:300]} if source else {}))
    return report
