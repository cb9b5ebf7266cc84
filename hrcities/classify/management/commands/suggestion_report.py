"""`hrcities suggestion_report`: what the suggesters propose on the platform's own records.

Per record kind: how often each label is proposed (a label proposed for most records is
marked), and its precision where people have tagged the record's family.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.classify.model import FAMILIES
from hrcities.classify.registry import TAGGABLE
from hrcities.classify.report import TRAINED_ON, KindReport, report_kind
from hrcities.core.commands import TranslatedCommand
from hrcities.core.progress import ProgressBar


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Report, per record kind, how often each tag is suggested and how often people "
        "accepted it where they tagged the record."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--kind",
            action="append",
            default=[],
            help=gettext_lazy("Only this kind (e.g. commitments.action); repeatable."),
        )
        parser.add_argument(
            "--share",
            type=float,
            default=0.5,
            help=gettext_lazy("Mark labels suggested for at least this share of a kind (0.5)."),
        )
        parser.add_argument(
            "--top", type=int, default=8, help=gettext_lazy("Labels listed per kind (8).")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = [k.lower() for k in options["kind"]]
        unknown = [k for k in kinds if k not in TAGGABLE]
        if unknown:
            raise CommandError(
                _("Unknown kind %(unknown)s; taggable kinds: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(sorted(TAGGABLE))}
            )
        if not 0 < options["share"] <= 1:
            raise CommandError(_("--share must be above 0 and at most 1."))
        progress = ProgressBar(self.stderr)
        for kind in kinds or sorted(TAGGABLE):
            self.show(report_kind(kind, progress=progress), options["share"], options["top"])

    def show(self, report: KindReport, share: float, top: int) -> None:
        write = self.stdout.write
        write("")
        write(
            _("%(kind)s: %(records)s records read")
            % {"kind": report.kind, "records": report.records}
        )
        if report.kind in TRAINED_ON:
            write(
                "  " + _("The suggesters learnt from these records' tags: precision here flatters.")
            )
        for family in FAMILIES:
            right, judged = report.precision(family)
            write(
                "  "
                + _(
                    "%(family)s: %(tagged)s records tagged by people; %(right)s of "
                    "%(judged)s suggestions on them accepted (%(percent)s)"
                )
                % {
                    "family": family,
                    "tagged": report.judged.get(family, 0),
                    "right": right,
                    "judged": judged,
                    "percent": percent(right, judged),
                }
            )
        broad = report.broad(share)
        if broad:
            write(
                "  "
                + _("Suggested for at least %(share)s of the records: %(labels)s")
                % {
                    "share": f"{share:.0%}",
                    "labels": ", ".join(
                        f"{f.label} ({percent(f.suggested, report.records)})" for f in broad
                    ),
                }
            )
        for figures in report.ranked()[:top]:
            write(
                "    "
                + _("%(label)s suggested for %(count)s (%(share)s), precision %(precision)s")
                % {
                    "label": figures.label,
                    "count": figures.suggested,
                    "share": percent(figures.suggested, report.records),
                    "precision": (f"{figures.right}/{figures.judged}" if figures.judged else "–"),
                }
            )
