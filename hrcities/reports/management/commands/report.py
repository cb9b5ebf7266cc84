import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrcities.core.commands import TranslatedCommand, cannot_write
from hrcities.reports.pdf import render_report_pdf
from hrcities.reports.report import ReportError, build_report, find_city

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class Command(TranslatedCommand):
    help = gettext_lazy(
        "Write a city's annual human rights report for a year as the public sees it "
        "(published indicators only), as a PDF or an HTML page."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--city", required=True, help=gettext_lazy("The city's slug, e.g. gwangju.")
        )
        parser.add_argument(
            "--year", required=True, type=int, help=gettext_lazy("The report's year.")
        )
        parser.add_argument("--lang", default="en", help=gettext_lazy("ko or en (default: en)."))
        parser.add_argument(
            "--format", default="pdf", help=gettext_lazy("pdf or html (default: pdf).")
        )
        parser.add_argument(
            "--output", default="-", help=gettext_lazy("The file to write; - for stdout.")
        )
        parser.add_argument(
            "--base-url",
            default=getattr(settings, "SITE_URL", "") or "http://127.0.0.1:8000",
            help=gettext_lazy("The site's address, for the links in the report."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        language, kind = options["lang"], options["format"]
        if language not in LANGUAGE_CODES:
            raise CommandError(
                _("--lang %(given)s: the report is written in %(languages)s.")
                % {"given": repr(language), "languages": " or ".join(LANGUAGE_CODES)}
            )
        if kind not in ("pdf", "html"):
            raise CommandError(_("--format %(given)s: choose pdf or html.") % {"given": repr(kind)})
        with translation.override(language):
            try:
                city = find_city(options["city"])
                # The public's view: an anonymous reader, whatever account runs the command.
                report = build_report(
                    city, options["year"], user=AnonymousUser(), language=language
                )
            except ReportError as error:
                raise CommandError(str(error)) from None
            if kind == "pdf":
                content = render_report_pdf(report, base_url=options["base_url"].rstrip("/") + "/")
            else:
                content = self.html(report).encode("utf-8")
        self.write(content, options["output"])

    def html(self, report: Any) -> str:
        """The report as one HTML file: the PDF's document, styles inlined, no scripts."""
        from hrcities.reports.pdf import stylesheets

        return render_to_string(
            "reports/report_pdf.html", {"report": report, "stylesheets": stylesheets()}
        )

    def write(self, content: bytes, output: str) -> None:
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        path = Path(output)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(cannot_write(path, error)) from None
        self.stderr.write(
            _("Wrote %(path)s (%(size)s bytes).") % {"path": path, "size": f"{len(content):,}"}
        )
