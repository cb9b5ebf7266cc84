"""One CSV format for actions, both ways, and the JSON document of a declaration.

The exported CSV re-imports unchanged: rows with an id update that action (if the
`version` column still matches), rows without an id create one. A file with any bad
row changes nothing; every bad row and column is reported with the reason.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.accounts.permissions import can_create_in, can_edit
from hrcities.core.csvfiles import (
    CsvRows,
    GuardedWriter,
    ImportRefused,
    ImportReport,
    RowError,
    read_csv_text,
)
from hrcities.core.services import EditConflict
from hrcities.network.services import owner_from_cells

from .models import Action, ActionStatus, Commitment, Declaration
from .progress import declaration_progress
from .services import create_action, update_action
from .translating import translation_document

COLUMNS = [
    "id",
    "version",
    "commitment",
    "parent_id",
    "city",
    "organisation",
    "title",
    "description",
    "start_date",
    "due_date",
    "status",
    "progress",
    "weight",
    "tags",
]
MAX_ROWS = 10_000
TEXT_COLUMNS = {"title", "description"}


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def export_actions_csv(actions: Any) -> str:
    """Return the actions as CSV text (UTF-8, RFC 4180, header row)."""
    from hrcities.taxonomy.models import Tagging

    actions = list(
        actions.select_related(
            "commitment__declaration", "city", "organisation", "status"
        ).order_by("commitment__declaration__slug", "commitment__number", "id")
    )
    labels: dict[int, list[str]] = {}
    if actions:
        from django.contrib.contenttypes.models import ContentType

        for tagging in Tagging.objects.accepted().filter(
            content_type=ContentType.objects.get_for_model(Action),
            object_id__in=[a.pk for a in actions],
        ):
            labels.setdefault(tagging.object_id, []).append(tagging.label)
    out = io.StringIO()
    writer = GuardedWriter(out)
    writer.writerow(COLUMNS)
    for action in actions:
        writer.writerow(
            [
                action.pk,
                action.version,
                action.commitment.key,
                action.parent_id or "",
                action.city.slug if action.city else "",
                action.organisation.slug if action.organisation else "",
                action.title,
                action.description,
                action.start_date.isoformat() if action.start_date else "",
                action.due_date.isoformat() if action.due_date else "",
                action.status.slug,
                "" if action.progress is None else action.progress,
                _number(action.weight),
                ";".join(sorted(labels.get(action.pk, []))),
            ]
        )
    return out.getvalue()


def _parse_date(value: str) -> date:
    return date.fromisoformat(value)


@dataclass
class _Row:
    number: int
    action: Action | None
    version: int | None
    values: dict[str, Any]


def _check_rows(text: str, user: Any, report: ImportReport) -> list[_Row]:
    table = CsvRows(text, report.errors, max_rows=MAX_ROWS)
    if table.header is None:
        return []
    table.check_columns(COLUMNS, required=COLUMNS)
    if report.errors:
        return []

    commitments = {c.key: c for c in Commitment.objects.select_related("declaration")}
    statuses = {s.slug: s for s in ActionStatus.objects.all()}
    rows: list[_Row] = []
    seen_ids: dict[int, int] = {}
    for line, cells in table:
        row = table.by_column(line, cells)
        if row is None:
            continue
        checked = _check_row(line, row, user, commitments, statuses, seen_ids, report)
        if checked is not None:
            rows.append(checked)
    return rows


def _check_row(
    line: int,
    row: dict[str, str],
    user: Any,
    commitments: dict[str, Commitment],
    statuses: dict[str, ActionStatus],
    seen_ids: dict[int, int],
    report: ImportReport,
) -> _Row | None:
    errors_before = len(report.errors)

    def bad(column: str, message: str) -> None:
        report.errors.append(RowError(line, column, message))

    action = None
    version = None
    if row["id"]:
        try:
            pk = int(row["id"])
        except ValueError:
            bad("id", _("“%(v)s” is not a whole number.") % {"v": row["id"][:40]})
            pk = None
        if pk is not None:
            if pk in seen_ids:
                bad(
                    "id",
                    _("Action %(id)s already appears in row %(row)s.")
                    % {"id": pk, "row": seen_ids[pk]},
                )
            seen_ids[pk] = line
            action = Action.objects.select_related("city", "organisation").filter(pk=pk).first()
            # Another city's action answers as if it did not exist.
            if action is None or not can_edit(user, action):
                bad("id", _("There is no action %(id)s that you may edit.") % {"id": pk})
                action = None
        try:
            version = int(row["version"])
        except ValueError:
            bad("version", _("Updating an action needs the version you exported (a whole number)."))

    values: dict[str, Any] = {}
    commitment = commitments.get(row["commitment"])
    if commitment is None:
        bad(
            "commitment",
            _("Unknown commitment “%(v)s” (write declaration-slug/number).")
            % {"v": row["commitment"][:80]},
        )
    values["commitment"] = commitment

    city, organisation = owner_from_cells(row["city"], row["organisation"], bad)
    if not row["city"] and not row["organisation"]:
        bad("city", _("Every action belongs to a city or an organisation."))
    if (city or organisation) and not can_create_in(user, city=city, organisation=organisation):
        bad(
            "city" if city else "organisation",
            _("You do not edit %(who)s.") % {"who": city or organisation},
        )
    values["city"], values["organisation"] = city, organisation

    parent = None
    if row["parent_id"]:
        try:
            parent = Action.objects.filter(pk=int(row["parent_id"])).first()
        except ValueError:
            parent = None
        if parent is None:
            bad("parent_id", _("There is no action %(v)s.") % {"v": row["parent_id"][:40]})
        elif commitment is not None and parent.commitment_id != commitment.pk:
            bad("parent_id", _("The parent action belongs to another commitment."))
        elif action is not None and parent.pk == action.pk:
            bad("parent_id", _("An action cannot be its own parent."))
    values["parent"] = parent

    title = row["title"]
    if not title:
        bad("title", _("A title is required."))
    elif len(title) > 300:
        bad("title", _("At most 300 characters (this one has %(n)s).") % {"n": len(title)})
    values["title"] = title
    values["description"] = row["description"]

    for column in ("start_date", "due_date"):
        if row[column]:
            try:
                values[column] = _parse_date(row[column])
            except ValueError:
                bad(column, _("“%(v)s” is not a date like 2021-03-31.") % {"v": row[column][:40]})
        else:
            values[column] = None
    if (
        values.get("start_date")
        and values.get("due_date")
        and values["due_date"] < values["start_date"]
    ):
        bad("due_date", _("The due date is before the start date."))

    status = statuses.get(row["status"])
    if status is None:
        bad(
            "status",
            _("Unknown status “%(v)s”. Known: %(known)s.")
            % {"v": row["status"][:40], "known": ", ".join(statuses)},
        )
    values["status"] = status

    if row["progress"]:
        try:
            progress = int(row["progress"])
            if not 0 <= progress <= 100:
                raise ValueError
            values["progress"] = progress
        except ValueError:
            bad(
                "progress",
                _("“%(v)s” is not a whole number from 0 to 100.") % {"v": row["progress"][:40]},
            )
    else:
        values["progress"] = None

    try:
        weight = Decimal(row["weight"] or "1")
        if weight < 0 or weight > Decimal("9999") or weight != weight.quantize(Decimal("0.01")):
            raise InvalidOperation
        values["weight"] = weight
    except InvalidOperation:
        bad(
            "weight",
            _("“%(v)s” is not a number from 0 to 9999 with at most two decimals.")
            % {"v": row["weight"][:40]},
        )

    labels = [label for label in row["tags"].split(";") if label.strip()]
    if labels:
        from django.core.exceptions import ValidationError

        from hrcities.taxonomy.tags import validate_labels

        try:
            values["tags"] = validate_labels(labels)
        except ValidationError as error:
            bad("tags", " ".join(error.messages))
    else:
        values["tags"] = []

    if len(report.errors) > errors_before:
        return None
    return _Row(line, action, version, values)


def import_actions_csv(data: bytes, *, by: Any) -> ImportReport:
    """Import actions from CSV bytes: all rows, or none if any row is bad."""
    report = ImportReport()
    text = read_csv_text(data, report.errors)
    if text is None:
        raise ImportRefused(report)
    rows = _check_rows(text, by, report)
    if report.errors:
        raise ImportRefused(report)
    try:
        with transaction.atomic():
            for row in rows:
                _apply(row, by, report)
            if report.errors:
                raise ImportRefused(report)
    except ImportRefused:
        report.created = report.updated = report.unchanged = 0
        raise
    return report


def _apply(row: _Row, by: Any, report: ImportReport) -> None:
    values = dict(row.values)
    tags = values.pop("tags")
    if row.action is None:
        create_action(by=by, tags=tags, **values)
        report.created += 1
        return
    from hrcities.taxonomy.tags import accepted_labels

    before = row.action.version
    before_tags = accepted_labels(row.action)
    try:
        updated = update_action(
            row.action, {**values, "tags": tags}, by=by, based_on_version=row.version
        )
    except EditConflict as conflict:
        report.errors.append(
            RowError(
                row.number,
                "version",
                _("Action %(id)s changed since this file was exported (it is now version %(now)s).")
                % {"id": row.action.pk, "now": conflict.current},
            )
        )
        return
    if updated.version != before or sorted(tags) != before_tags:
        report.updated += 1
    else:
        report.unchanged += 1


def declaration_document(declaration: Declaration) -> dict[str, Any]:
    """Return a declaration with its clauses, commitments, actions, progress and
    translations as JSON data."""
    from hrcities.taxonomy.tags import accepted_labels

    progress = declaration_progress(declaration)
    clauses = declaration.clauses.order_by("kind", "number")
    return {
        "slug": declaration.slug,
        "title": declaration.title,
        "subtitle": declaration.subtitle,
        "forum_edition": declaration.forum_edition,
        "start_date": declaration.start_date.isoformat() if declaration.start_date else None,
        "end_date": declaration.end_date.isoformat() if declaration.end_date else None,
        "place": declaration.place,
        "language": declaration.language,
        "version": declaration.version,
        "progress": round(progress.progress, 1),
        "tags": accepted_labels(declaration),
        "preamble": [
            {"number": c.number, "text": c.text, "tags": accepted_labels(c)}
            for c in clauses
            if c.kind == "preamble"
        ],
        "commitments": [
            {
                "number": part.commitment.number,
                "title": part.commitment.title,
                "text": part.commitment.text,
                "addressees": part.commitment.addressees,
                "weight": float(part.commitment.weight),
                "progress": round(part.progress, 1),
                "tags": accepted_labels(part.commitment),
                "endorsed_by": [
                    str(e.endorser)
                    for e in part.commitment.endorsements.select_related("city", "organisation")
                ],
                "actions": [_action_document(node, accepted_labels) for node in part.roots],
            }
            for part in progress.commitments
        ],
        "translations": [translation_document(t) for t in declaration.translations.all()],
    }


def _action_document(node: Any, labels_of: Any) -> dict[str, Any]:
    action = node.action
    return {
        "id": action.pk,
        "title": action.title,
        "owner": str(action.owner),
        "city": action.city.slug if action.city else None,
        "organisation": action.organisation.slug if action.organisation else None,
        "status": action.status.slug,
        "progress": round(node.progress, 1),
        "weight": float(action.weight),
        "start_date": action.start_date.isoformat() if action.start_date else None,
        "due_date": action.due_date.isoformat() if action.due_date else None,
        "tags": labels_of(action),
        "milestones": [
            {"date": m.date.isoformat(), "text": m.text} for m in action.milestones.all()
        ],
        "children": [_action_document(child, labels_of) for child in node.children],
    }
