#!/usr/bin/env python
"""Annual report benchmark: time to make a city's report as HTML and as a PDF.

    python benchmarks/report.py [--indicators 50] [--years 10] [--repeat 3] [--postgres] [--keep]

1. Migrates a fresh database (SQLite at /tmp/bench-report.sqlite3 by default, PostgreSQL
   database hrcities_bench_report with --postgres) and builds one city with N indicators
   in five domains, each with Y yearly values for the whole population, by sex every
   year, by age group (four groups) for every third indicator and by district (five) for
   every fifth; a baseline and a target for most; three actions on each of ten
   commitments. Names are Korean and English.
2. Times, in Korean and in English: gathering the report (queries, statuses, charts),
   rendering the page's HTML, and the whole PDF (gathering included), first cold (the
   first PDF of the process loads WeasyPrint and the fonts) and then warm, R times; then
   the PDF download through Django's test client (middleware and view included).
3. Prints the figures, the PDF's size and pages, and the DESIGN.md target: the PDF in
   under 5 seconds for a city with 50 indicators.

A measurement that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SQLITE_PATH = Path("/tmp/bench-report.sqlite3")
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_DB = "hrcities_bench_report"
TARGET_SECONDS = 5.0
FIRST_YEAR = 2015
SEED = 20201007

DOMAINS = [
    ("participation", "Participation", "참여"),
    ("safety", "Safety and dignity", "안전과 존엄"),
    ("welfare", "Welfare and health", "복지와 건강"),
    ("culture", "Culture and education", "문화와 교육"),
    ("environment", "Environment and the city", "환경과 도시"),
]
SUBJECTS = [
    ("Women on city committees", "시 위원회 여성 비율", "%", "higher"),
    ("Reported hate crimes", "신고된 혐오 범죄", "cases", "lower"),
    ("Residents with access to a shelter", "대피소 접근 가능 주민", "%", "higher"),
    ("People waiting for public housing", "공공임대주택 대기자", "persons", "lower"),
    ("Human rights education hours", "인권교육 시간", "hours", "higher"),
    ("Disabled people in employment", "장애인 고용률", "%", "higher"),
    ("Complaints to the human rights office", "인권보호관 진정 건수", "cases", "higher"),
    ("Fine dust days", "미세먼지 나쁨 일수", "days", "lower"),
    ("Migrant residents with interpreters", "통역 지원 이주민", "persons", "higher"),
    ("Budget for human rights", "인권 예산", "million KRW", "higher"),
]
DISTRICTS = [
    ("Dong-gu", "동구"),
    ("Seo-gu", "서구"),
    ("Nam-gu", "남구"),
    ("Buk-gu", "북구"),
    ("Gwangsan-gu", "광산구"),
]
AGES = ["0-17", "18-39", "40-64", "65+"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare_database(postgres: bool) -> str:
    if postgres:
        import psycopg

        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{POSTGRES_DB}" WITH (FORCE)')
            connection.execute(
                f"CREATE DATABASE \"{POSTGRES_DB}\" TEMPLATE template0 ENCODING 'UTF8'"
            )
        return f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{SQLITE_PATH}"


def setup_django(database_url: str, data_dir: Path) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["HRCITIES_TESTING"] = "1"
    os.environ["HRCITIES_DATA_DIR"] = str(data_dir)
    (data_dir / "static").mkdir(exist_ok=True)  # spares a warning from the static files
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build_city(indicators: int, years: int) -> Any:
    """Create the city, its indicators and values, and its actions; return the city."""
    from django.db import transaction

    from hrcities.commitments.models import Action, ActionStatus, Commitment, Declaration
    from hrcities.indicators import services
    from hrcities.indicators.models import Observation, disaggregation_key
    from hrcities.network.models import City, Country

    rng = random.Random(SEED)
    with transaction.atomic():
        country, _ = Country.objects.get_or_create(
            iso2="KR", defaults={"iso3": "KOR", "name_en": "Korea", "name_ko": "대한민국"}
        )
        city = City.objects.create(
            slug="benchville",
            names={"en": "Benchville", "ko": "벤치시"},
            country=country,
            is_demo=True,
        )
        domains = [
            services.add_domain(city, by=None, slug=slug, names={"en": en, "ko": ko}, position=i)
            for i, (slug, en, ko) in enumerate(DOMAINS)
        ]
        district = services.add_dimension(
            city,
            by=None,
            slug="gu",
            column="Gu",
            names={"en": "District", "ko": "자치구"},
            values=[en for en, _ko in DISTRICTS],
        )
        district.value_names = {en: {"ko": ko, "en": en} for en, ko in DISTRICTS}
        district.save(update_fields=["value_names"])
        last_year = FIRST_YEAR + years - 1
        rows: list[Observation] = []
        for n in range(indicators):
            en, ko, unit, polarity = SUBJECTS[n % len(SUBJECTS)]
            start = rng.uniform(20, 60) if unit == "%" else rng.uniform(100, 250_000)
            slope = start * rng.uniform(-0.04, 0.06)
            has_target = n % 7 != 0
            indicator = services.define_indicator(
                by=None,
                city=city,
                domain=domains[n % len(domains)],
                code=f"{n // 10 + 1}-{n % 10 + 1}",
                names={"en": f"{en} ({n + 1})", "ko": f"{ko} ({n + 1})"},
                unit=unit,
                polarity=polarity,
                formula=f"Measured each year by the city ({n + 1})",
                decimals=1 if unit == "%" else 0,
                baseline_year=FIRST_YEAR if has_target else None,
                baseline_value=Decimal(f"{start:.1f}") if has_target else None,
                target_year=2030 if has_target else None,
                target_value=Decimal(f"{start * (1.3 if polarity == 'higher' else 0.7):.1f}")
                if has_target
                else None,
                is_demo=True,
            )
            definition = indicator.current_definition
            for year in range(FIRST_YEAR, last_year + 1):
                total = max(0.0, start + slope * (year - FIRST_YEAR) + rng.uniform(-2, 2))
                groups: list[dict[str, str]] = [{}, {"sex": "Female"}, {"sex": "Male"}]
                if n % 3 == 0:
                    groups += [{"age": age} for age in AGES]
                if n % 5 == 0:
                    groups += [{"gu": en} for en, _ko in DISTRICTS]
                for group in groups:
                    value = total if not group else total * rng.uniform(0.8, 1.2)
                    rows.append(
                        Observation(
                            indicator=indicator,
                            definition=definition,
                            year=year,
                            value=Decimal(f"{value:.2f}"),
                            disaggregation=group,
                            disaggregation_key=disaggregation_key(group),
                            is_demo=True,
                        )
                    )
        Observation.objects.bulk_create(rows, batch_size=2000)
        declaration = Declaration.objects.create(
            slug="bench-declaration", title="Bench declaration"
        )
        status = ActionStatus.objects.filter(
            counts_in_progress=True
        ).first() or ActionStatus.objects.create(
            slug="in-progress", names={"en": "In progress"}, default_progress=50
        )
        for number in range(1, 11):
            commitment = Commitment.objects.create(
                declaration=declaration, number=number, title=f"Promise {number}", text="..."
            )
            for a in range(3):
                Action.objects.create(
                    commitment=commitment,
                    city=city,
                    title=f"Action {number}.{a + 1} 인권 조치",
                    status=status,
                    progress=rng.randint(0, 100),
                )
    log(f"built: {indicators} indicators x {years} years, {len(rows):,} values, 30 actions")
    return city, last_year


def pdf_pages(content: bytes) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def measure(city: Any, year: int, repeat: int, keep_dir: Path | None) -> list[tuple[str, ...]]:
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string
    from django.test import Client
    from django.utils import translation

    from hrcities.reports.pdf import render_report_pdf, stylesheets
    from hrcities.reports.report import build_report

    public = AnonymousUser()
    results: list[tuple[str, ...]] = []
    for language in ("ko", "en"):
        with translation.override(language):

            def gather(language: str = language) -> Any:
                return build_report(city, year, user=public, language=language)

            def html() -> str:
                report = gather()
                return render_to_string(
                    "reports/report_pdf.html", {"report": report, "stylesheets": stylesheets()}
                )

            def pdf() -> bytes:
                return render_report_pdf(gather(), base_url="http://127.0.0.1:8000/")

            started = time.perf_counter()
            content = pdf()
            cold = time.perf_counter() - started
            timings: dict[str, list[float]] = {"gather": [], "html": [], "pdf": [], "cpu": []}
            for _ in range(repeat):
                for name, step in (("gather", gather), ("html", html), ("pdf", pdf)):
                    started, cpu = time.perf_counter(), time.process_time()
                    output = step()
                    timings[name].append(time.perf_counter() - started)
                    if name == "pdf":
                        timings["cpu"].append(time.process_time() - cpu)
                    if name == "html":
                        size_html = len(output.encode("utf-8"))
                    if name == "pdf":
                        content = output
            if keep_dir:
                (keep_dir / f"report-{language}.pdf").write_bytes(content)
        client = Client()
        url = f"/reports/{city.slug}/{year}/report.pdf?lang={language}"
        web: list[float] = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get(url)
            web.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        results.append(
            (
                language,
                f"{statistics.median(timings['gather']):.2f}",
                f"{statistics.median(timings['html']):.2f}",
                f"{cold:.2f}",
                f"{statistics.median(timings['pdf']):.2f}",
                f"{statistics.median(timings['cpu']):.2f}",
                f"{statistics.median(web):.2f}",
                f"{len(content) / 1024:,.0f} KiB",
                pdf_pages(content),
                f"{size_html / 1024:,.0f} KiB",
            )
        )
        log(f"{language}: done")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the database and the PDFs")
    options = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="bench-report-"))
    database_url = prepare_database(options.postgres)
    setup_django(database_url, data_dir)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrated in {time.perf_counter() - started:.1f} s ({database_url})")
    city, year = build_city(options.indicators, options.years)
    rows = measure(city, year, options.repeat, data_dir if options.keep else None)

    engine = "PostgreSQL" if options.postgres else "SQLite"
    print(
        f"\nAnnual report, {options.indicators} indicators x {options.years} years "
        f"({engine}, median of {options.repeat} warm runs; seconds)\n"
    )
    header = (
        "lang",
        "gather",
        "html",
        "pdf cold",
        "pdf warm",
        "pdf cpu",
        "pdf via web",
        "pdf size",
        "pages",
        "html size",
    )
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    worst = max(float(row[4]) for row in rows)
    cpu = max(float(row[5]) for row in rows)
    verdict = "met" if worst < TARGET_SECONDS else "not met"
    cold = max(float(row[3]) for row in rows)
    print(
        f"\nTarget: the PDF in under {TARGET_SECONDS:.0f} s for 50 indicators: {verdict} "
        f"(warm {worst:.2f} s wall, {cpu:.2f} s CPU; cold {cold:.2f} s)"
    )
    print(
        f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall "
        "times grow with other work on the machine; CPU time much less)."
    )
    if options.keep:
        print(f"Kept: {database_url}, PDFs in {data_dir}")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
        if not options.postgres:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
