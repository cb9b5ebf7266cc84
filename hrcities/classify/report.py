"""How the suggesters do on the platform's own records, label by label.

For each record kind the suggesters read every record afresh and propose what they would
propose on a new record. A label proposed for most records of a kind says little about
any one of them: its share of the kind's records shows that at once. Where people have
accepted tags of a family on a record, those tags are taken as that record's answer for
the family, and each label's precision is the share of its proposals on such records that
people accepted too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from .encoding import TextError, check_text
from .model import FAMILIES, PREFIX
from .registry import TAGGABLE, text_of
from .services import _classify_checked

# Kinds whose accepted tags the suggesters were trained on: their precision would flatter.
TRAINED_ON = {"taxonomy.uprrecommendation"}


def family_of(label: str) -> str:
    return next(family for family in FAMILIES if label.startswith(PREFIX[family]))


@dataclass
class LabelFigures:
    label: str
    suggested: int = 0  # records it was proposed for
    judged: int = 0  # of those, records whose family people have tagged
    right: int = 0  # of those, records where people accepted it too

    @property
    def precision(self) -> float | None:
        return self.right / self.judged if self.judged else None


@dataclass
class KindReport:
    kind: str
    records: int = 0  # records with text to read
    judged: dict[str, int] = field(default_factory=Counter)  # records tagged, per family
    labels: dict[str, LabelFigures] = field(default_factory=dict)

    def share(self, figures: LabelFigures) -> float:
        return figures.suggested / self.records if self.records else 0.0

    def broad(self, share: float) -> list[LabelFigures]:
        """Labels proposed for at least `share` of the kind's records, most often first."""
        return [f for f in self.ranked() if self.records and self.share(f) >= share]

    def ranked(self) -> list[LabelFigures]:
        return sorted(self.labels.values(), key=lambda f: (-f.suggested, f.label))

    def precision(self, family: str) -> tuple[int, int]:
        """Return (accepted, judged) proposals of a family over the kind's tagged records."""
        chosen = [f for f in self.labels.values() if family_of(f.label) == family]
        return sum(f.right for f in chosen), sum(f.judged for f in chosen)


def accepted_by_record(model: type[models.Model], ids: Iterable[int]) -> dict[int, set[str]]:
    from django.contrib.contenttypes.models import ContentType

    from hrcities.taxonomy.models import Tagging, TagStatus

    accepted: dict[int, set[str]] = {}
    rows = Tagging.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=list(ids),
        status=TagStatus.ACCEPTED,
    ).values_list("object_id", "label")
    for object_id, label in rows:
        accepted.setdefault(object_id, set()).add(label)
    return accepted


def report_kind(
    kind: str,
    *,
    batch_size: int = 64,
    progress: Callable[[str, int, int], None] | None = None,
) -> KindReport:
    entry = TAGGABLE[kind]
    report = KindReport(kind)
    queryset = entry.queryset().order_by("pk")
    total = queryset.count()
    done = 0
    batch: list[models.Model] = []

    def read(records: list[models.Model]) -> None:
        readable: list[tuple[models.Model, str]] = []
        for record in records:
            try:
                readable.append((record, check_text(text_of(record))))
            except TextError:
                continue
        accepted = accepted_by_record(entry.model, (record.pk for record, _t in readable))
        results = _classify_checked([text for _r, text in readable])
        for (record, _text), result in zip(readable, results, strict=True):
            report.records += 1
            answer = accepted.get(record.pk, set())
            tagged = {family_of(label) for label in answer if _known_family(label)}
            for family in tagged:
                report.judged[family] += 1
            for label, _score in result.suggestions():
                figures = report.labels.setdefault(label, LabelFigures(label))
                figures.suggested += 1
                if family_of(label) in tagged:
                    figures.judged += 1
                    figures.right += label in answer

    for record in queryset.iterator(chunk_size=batch_size):
        batch.append(record)
        if len(batch) >= batch_size:
            read(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(kind, done, total)
    if batch:
        read(batch)
        done += len(batch)
    if progress:
        progress(kind, done, total)
    return report


def _known_family(label: str) -> bool:
    return any(label.startswith(PREFIX[family]) for family in FAMILIES)
