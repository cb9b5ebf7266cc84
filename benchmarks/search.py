#!/usr/bin/env python
"""Search benchmark: indexing throughput and HTTP search latency, with tantivy as baseline.

    python benchmarks/search.py [--n N] [--postgres] [--both] [--repeat R] [--keep] [--reuse DIR]

1. Generates N records with a fixed seed from real sentences in ../shared/data (SDG goal,
   target and indicator titles in English and Korean, the 632 UPR recommendations, the
   clauses of the 2020 Declaration): about half Korean, half English, bodies mixing both.
2. Builds them into a fresh database (SQLite by default, PostgreSQL with --postgres, both
   with --both) through the engine's own bulk indexing path (indexing._index_batch, the
   helper `hrcities reindex` uses), keyword analysis only: no sentence vectors. Vector
   encoding throughput is measured on its own, on 2,000 texts.
3. Starts `hrcities runserver` on that database and times GET /api/search for a fixed
   query mix (facet counts included, as the API returns them by default).
4. Indexes the very same analysed tokens in tantivy and runs the same queries there
   (top 20, exact count and facet counts by a terms aggregation), in process.
5. Prints the figures and the DESIGN.md targets, met or not.

This is a measurement that prints figures, not a test. The internal phases run as
subprocesses of this script (`_build`, `_tantivy`), because Django reads DATABASE_URL once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SEED = 20201007
KIND = "bench"
SQLITE_PATH = Path("/tmp/bench-search.sqlite3")
SQLITE_URL = f"sqlite:///{SQLITE_PATH}"
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
POSTGRES_DB = "hrcities_bench"
POSTGRES_URL = f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}"
BATCH = 500  # rebuild()'s default batch size
TARGET_P95_MS = 100.0
TARGET_INDEX_RATE = 1_000.0
TARGET_N = 1_000_000

# (slug, English name, Korean name, ISO 3166 alpha-2, alpha-3)
CITIES = [
    ("gwangju", "Gwangju", "광주", "KR", "KOR"),
    ("seoul", "Seoul", "서울", "KR", "KOR"),
    ("suwon", "Suwon", "수원", "KR", "KOR"),
    ("busan", "Busan", "부산", "KR", "KOR"),
    ("jeonju", "Jeonju", "전주", "KR", "KOR"),
    ("daejeon", "Daejeon", "대전", "KR", "KOR"),
    ("vienna", "Vienna", "빈", "AT", "AUT"),
    ("graz", "Graz", "그라츠", "AT", "AUT"),
    ("barcelona", "Barcelona", "바르셀로나", "ES", "ESP"),
    ("montreal", "Montréal", "몬트리올", "CA", "CAN"),
    ("edmonton", "Edmonton", "에드먼턴", "CA", "CAN"),
    ("mexico-city", "Mexico City", "멕시코시티", "MX", "MEX"),
    ("bogota", "Bogotá", "보고타", "CO", "COL"),
    ("rosario", "Rosario", "로사리오", "AR", "ARG"),
    ("nagpur", "Nagpur", "나그푸르", "IN", "IND"),
    ("utrecht", "Utrecht", "위트레흐트", "NL", "NLD"),
    ("lund", "Lund", "룬드", "SE", "SWE"),
    ("york", "York", "요크", "GB", "GBR"),
    ("saint-denis", "Saint-Denis", "생드니", "FR", "FRA"),
    ("washington-dc", "Washington, D.C.", "워싱턴 D.C.", "US", "USA"),
]

# The query mix: (name, q, extra parameters). Keyword queries ask for semantic=false
# because the corpus has no vectors; one query keeps the API default to show what the
# semantic path costs when there is nothing to compare against.
QUERIES: list[tuple[str, str, dict[str, str]]] = [
    ("ko word", "인권", {}),
    ("ko word (absent)", "기억", {}),
    ("ko word 2", "빈곤", {}),
    ("ko compound", "인권도시", {}),
    ("en word", "rights", {}),
    ("en two words", "human rights", {}),
    ("phrase", '"local governments"', {}),
    ("OR", "housing OR education", {}),
    ("exclusion", "rights -children", {}),
    ("facet theme", "discrimination", {"theme": "equality-non-discrimination"}),
    ("facet sdg", "인권", {"sdg": "16"}),
    ("en word, API default semantic=true", "rights", {"semantic": "true"}),
]
CROSS_LINGUAL = ("cross-lingual", "memories of state violence", {"semantic": "true"})


# --- small helpers ---------------------------------------------------------------------


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


class Bar:
    """A progress bar on stderr."""

    def __init__(self, label: str, total: int, width: int = 30) -> None:
        self.label, self.total, self.width = label, total, width
        self.started = time.perf_counter()
        self.shown = -1.0

    def update(self, done: int) -> None:
        now = time.perf_counter()
        if done < self.total and now - self.shown < 0.25:
            return
        self.shown = now
        rate = done / (now - self.started) if now > self.started else 0.0
        filled = self.width * done // self.total if self.total else self.width
        sys.stderr.write(
            f"\r{self.label:<22} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done:,}/{self.total:,} {rate:,.0f}/s"
        )
        if done >= self.total:
            sys.stderr.write(f" {now - self.started:.1f} s\n")
        sys.stderr.flush()


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, int(-(-p * len(ordered) // 100)))
    return ordered[min(rank, len(ordered)) - 1]


def shared_data_dir() -> Path:
    # The same rule as settings.SHARED_DATA_DIR, without setting Django up in this process.
    return Path(os.environ.get("HRCITIES_SHARED_DATA", ROOT.parent / "shared" / "data"))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def theme_slug(name: str) -> str:
    """UHRI theme name to slug; cycle-2 names carry a code ("B31 Equality & ...")."""
    return slugify(re.sub(r"^[A-Z]\d+\s+", "", name))


# --- corpus ----------------------------------------------------------------------------


def load_sentences() -> tuple[list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    """Return (English, Korean) sentences, each with its tag labels."""
    data = shared_data_dir()
    english: list[tuple[str, list[str]]] = []
    korean: list[tuple[str, list[str]]] = []
    sdg = json.loads((data / "sdg" / "sdg_en_ko.json").read_text(encoding="utf-8"))
    for group in ("goals", "targets", "indicators"):
        for row in sdg[group]:
            goal = row.get("goal") or row["code"]
            tags = [f"sdg:{goal}"]
            if row.get("title_en"):
                english.append((row["title_en"], tags))
            if row.get("title_ko"):
                korean.append((row["title_ko"], tags))
    upr = data / "uhri" / "upr_slovenia_recommendations.jsonl"
    for line in upr.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        tags = [f"sdg:{s.split(' ')[0]}" for s in row["sdgs"] if s.split(" ")[0].isdigit()]
        tags += [f"theme:{theme_slug(t)}" for t in row["themes"]]
        english.append((row["recommendation"], tags))
    declaration = ROOT / "hrcities" / "commitments" / "data" / "2020-whrcf-final-declaration.txt"
    if not declaration.exists():
        declaration = data / "declarations" / "2020-whrcf-final-declaration.txt"
    for line in declaration.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s+\d+\.\s+(.+)$", line)
        if match:
            english.append((match.group(1).strip(), ["theme:human-rights-cities"]))
    return english, korean


def generate(n: int, path: Path) -> dict[str, Any]:
    """Write n records as JSON lines; return a description of the corpus."""
    rng = random.Random(SEED)
    english, korean = load_sentences()
    titles = {"en": [s for s in english if len(s[0]) <= 200], "ko": korean}
    pools = {"en": english, "ko": korean}
    first, last = date(1980, 1, 1), date(2025, 12, 31)
    span = (last - first).days
    bar = Bar("generating", n)
    languages = {"en": 0, "ko": 0}
    with path.open("w", encoding="utf-8") as out:
        for i in range(1, n + 1):
            language = "ko" if rng.random() < 0.5 else "en"
            other = "en" if language == "ko" else "ko"
            languages[language] += 1
            title, tags = rng.choice(titles[language])
            labels = set(tags)
            body = []
            for _ in range(rng.randint(3, 6)):
                sentence, tags = rng.choice(pools[language if rng.random() < 0.7 else other])
                body.append(sentence)
                labels.update(tags)
            record = {
                "id": i,
                "title": title,
                "body": " ".join(body),
                "language": language,
                "city": rng.choice(CITIES)[0],
                "labels": sorted(labels),
                "date": (first + timedelta(days=rng.randrange(span))).isoformat(),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            bar.update(i)
    return {
        "sentences_en": len(english),
        "sentences_ko": len(korean),
        "languages": languages,
    }


def read_corpus(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


# --- phase: build (runs with DATABASE_URL set, in a subprocess) --------------------------


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def phase_build(corpus: Path, n: int, out: Path, extras: bool) -> None:
    django_setup()
    from django.db import connection, transaction

    from hrcities.network.models import City, Country
    from hrcities.search import indexing
    from hrcities.search.engines import engine
    from hrcities.search.models import SearchDocument
    from hrcities.search.registry import DocumentData, Kind

    # Reference rows the documents point at; bulk_create sends no signals, so the cities
    # do not become search documents themselves.
    countries = {(c[3], c[4]) for c in CITIES}
    Country.objects.bulk_create(
        [Country(iso2=a2, iso3=a3, name_en=a2) for a2, a3 in sorted(countries)],
        ignore_conflicts=True,
    )
    City.objects.bulk_create(
        [
            City(slug=slug, names={"en": en, "ko": ko}, country_id=a2)
            for slug, en, ko, a2, _ in CITIES
        ],
        ignore_conflicts=True,
    )
    cities = {city.slug: city for city in City.objects.filter(slug__in=[c[0] for c in CITIES])}

    class Record:
        def __init__(self, row: dict[str, Any]) -> None:
            self.pk = row["id"]
            self.row = row

    def document(record: Record) -> DocumentData:
        row = record.row
        day = date.fromisoformat(row["date"])
        return DocumentData(
            title=row["title"],
            text=row["body"],
            language=row["language"],
            url=f"/bench/{row['id']}/",
            city=cities[row["city"]],
            date_start=day,
            labels=row["labels"],
        )

    # Not registered (registering connects signals); _index_batch only needs a Kind.
    kind = Kind(KIND, SearchDocument, document, SearchDocument.objects.none, "benchmark record")

    def batches() -> Iterator[list[Record]]:
        batch: list[Record] = []
        for row in read_corpus(corpus):
            batch.append(Record(row))
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    bar = Bar(f"indexing ({connection.vendor})", n)
    done = 0
    started = time.perf_counter()
    with transaction.atomic():  # as indexing.rebuild does: one transaction per kind
        for batch in batches():
            done += len(indexing._index_batch(kind, batch, with_vectors=False))
            bar.update(done)
    indexed = time.perf_counter() - started
    engine().optimize()
    optimized = time.perf_counter() - started - indexed
    analyze = 0.0
    if connection.vendor == "postgresql":
        # What autovacuum would do shortly after a bulk load; without it the planner
        # has no statistics on the fresh tables.
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        analyze = time.perf_counter() - began
    result: dict[str, Any] = {
        "vendor": connection.vendor,
        "indexed": done,
        "index_seconds": indexed,
        "optimize_seconds": optimized,
        "analyze_seconds": analyze,
        "index_rate": done / (indexed + optimized),
        "size_bytes": database_size(connection),
    }
    if extras:
        result.update(extra_measurements(corpus))
    out.write_text(json.dumps(result))


def phase_vectors(m: int, out: Path) -> None:
    """Give the newest m benchmark documents their sentence vectors, as indexing would."""
    django_setup()
    from django.db import connection, transaction

    from hrcities.search import semantic, vectors
    from hrcities.search.models import SearchDocument

    newest = SearchDocument.objects.filter(kind=KIND).order_by("-pk")[:m]
    todo = list(
        SearchDocument.objects.filter(pk__in=newest.values("pk"), vector=None).only(
            "pk", "title", "text"
        )
    )
    semantic.embed(["warm up"])  # loads the encoder
    bar = Bar("sentence vectors", len(todo))
    started = time.perf_counter()
    for start in range(0, len(todo), 256):
        batch = todo[start : start + 256]
        embedded = semantic.embed([semantic.embedding_text(d.title, d.text) for d in batch])
        for doc, vector in zip(batch, embedded, strict=True):
            doc.vector = semantic.to_bytes(vector)
        with transaction.atomic():
            SearchDocument.objects.bulk_update(batch, ["vector"])
            vectors.store(zip((d.pk for d in batch), embedded, strict=True))
        bar.update(start + len(batch))
    seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # What autovacuum does soon after: without it the planner thinks no row has a
        # vector and scans the table instead of using the HNSW index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    total = SearchDocument.objects.filter(kind=KIND).exclude(vector=None).count()
    out.write_text(json.dumps({"encoded": len(todo), "seconds": seconds, "with_vectors": total}))


def database_size(connection: Any) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    path = Path(connection.settings_dict["NAME"])
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def extra_measurements(corpus: Path) -> dict[str, Any]:
    """Analysis with cold caches, and sentence-vector encoding, on 2,000 records each."""
    from hrcities.search import analysis, semantic

    rows = []
    for row in read_corpus(corpus):
        rows.append(row)
        if len(rows) == 2_000:
            break
    # The corpus repeats a few thousand sentences, so during indexing the analyser's
    # caches answer most runs; real text is mostly new. Analyse each record with cold
    # caches to see the rate for unseen text.
    analysis.kiwi()
    began = time.perf_counter()
    for row in rows:
        analysis._korean.cache_clear()
        analysis._latin.cache_clear()
        analysis._primed.clear()
        analysis.analysed_text(row["title"], row["language"])
        analysis.analysed_text(row["body"], row["language"])
    cold = len(rows) / (time.perf_counter() - began)
    # The same, batched and primed as _index_batch does, caches cleared once.
    analysis._korean.cache_clear()
    analysis._latin.cache_clear()
    analysis._primed.clear()
    began = time.perf_counter()
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        analysis.prime_korean([t for r in batch for t in (r["title"], r["body"])])
        for row in batch:
            analysis.analysed_text(row["title"], row["language"])
            analysis.analysed_text(row["body"], row["language"])
    batched = len(rows) / (time.perf_counter() - began)
    began = time.perf_counter()
    semantic.embed(["warm up"])  # loads the encoder
    load = time.perf_counter() - began
    texts = [semantic.embedding_text(r["title"], r["body"]) for r in rows]
    began = time.perf_counter()
    semantic.embed(texts)
    vectors = len(rows) / (time.perf_counter() - began)
    return {
        "analysis_cold_rate": cold,
        "analysis_batched_fresh_rate": batched,
        "vector_rate": vectors,
        "vector_load_seconds": load,
        "extras_n": len(rows),
    }


# --- phase: tantivy (reads the analysed tokens back from the database) -------------------


def phase_tantivy(n: int, index_dir: Path, out: Path, repeat: int) -> None:
    django_setup()
    import tantivy

    from hrcities.search.models import SearchDocument, SearchLabel
    from hrcities.search.query import parse

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title_tokens", tokenizer_name="ws")
    builder.add_text_field("tokens", tokenizer_name="ws")
    builder.add_text_field("labels", tokenizer_name="raw", fast=True)
    schema = builder.build()
    index = tantivy.Index(schema, path=str(index_dir))
    # The tokens are already analysed: split on whitespace only, nothing folded or stemmed.
    index.register_tokenizer(
        "ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )

    documents = (
        SearchDocument.objects.filter(kind=KIND)
        .order_by("id")
        .values_list("id", "title_tokens", "tokens")
        .iterator(chunk_size=5_000)
    )
    labels = (
        SearchLabel.objects.filter(document__kind=KIND)
        .order_by("document_id")
        .values_list("document_id", "label")
        .iterator(chunk_size=20_000)
    )
    # Reading back is not indexing: load everything first, then time tantivy alone.
    bar = Bar("tantivy: reading", n)
    rows: list[tuple[int, str, str, list[str]]] = []
    pending = next(labels, None)
    for pk, title_tokens, tokens in documents:
        mine = []
        while pending is not None and pending[0] == pk:
            mine.append(pending[1])
            pending = next(labels, None)
        rows.append((pk, title_tokens, tokens, mine))
        bar.update(len(rows))
    bar.update(n)

    bar = Bar("tantivy: indexing", len(rows))
    began = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for done, (pk, title_tokens, tokens, mine) in enumerate(rows, 1):
        writer.add_document(
            tantivy.Document(id=pk, title_tokens=title_tokens, tokens=tokens, labels=mine)
        )
        bar.update(done)
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - began
    del rows
    index.reload()
    searcher = index.searcher()

    def unit_query(field: str, tokens: tuple[str, ...]) -> Any:
        if len(tokens) == 1:
            return tantivy.Query.term_query(schema, field, tokens[0])
        return tantivy.Query.phrase_query(schema, field, list(tokens))

    def match_query(field: str, query: Any) -> Any:
        parts = []
        for clause in query.clauses:
            units = [unit_query(field, unit.tokens) for unit in clause]
            if len(units) == 1:
                parts.append((tantivy.Occur.Must, units[0]))
            else:
                parts.append(
                    (
                        tantivy.Occur.Must,
                        tantivy.Query.boolean_query([(tantivy.Occur.Should, u) for u in units]),
                    )
                )
        for unit in query.excluded:
            parts.append((tantivy.Occur.MustNot, unit_query(field, unit.tokens)))
        return tantivy.Query.boolean_query(parts)

    def run(q: str, params: dict[str, str]) -> tuple[int, int]:
        query = parse(q)
        # `tokens` holds the title's tokens too, so it decides the match (as FTS5's match
        # over both columns does); title matches add a boost, as the engines weight titles.
        parts = [
            (tantivy.Occur.Must, match_query("tokens", query)),
            (
                tantivy.Occur.Should,
                tantivy.Query.boost_query(match_query("title_tokens", query), 10.0),
            ),
        ]
        for facet in ("theme", "sdg", "city", "lang"):
            if facet in params:
                label = f"{facet}:{params[facet]}"
                parts.append(
                    (tantivy.Occur.Must, tantivy.Query.term_query(schema, "labels", label))
                )
        combined = tantivy.Query.boolean_query(parts)
        result = searcher.search(combined, limit=20, count=True)
        # Fetch the page's stored ids, as the API reads its 20 hits.
        [searcher.doc(address)["id"][0] for _, address in result.hits]
        facets = searcher.aggregate(
            combined, {"facets": {"terms": {"field": "labels", "size": 1_000}}}
        )
        return result.count, len(facets["facets"]["buckets"])

    latencies: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    for name, q, params in QUERIES:
        if params.get("semantic") == "true":
            continue  # tantivy has no semantic path: the keyword query is the same as above
        run(q, params)  # warm up
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            count, _hits = run(q, params)
            times.append((time.perf_counter() - began) * 1000)
        latencies[name] = times
        counts[name] = count
    out.write_text(
        json.dumps(
            {
                "indexed": searcher.num_docs,
                "index_seconds": seconds,
                "index_rate": searcher.num_docs / seconds,
                "latencies": latencies,
                "counts": counts,
                "size_bytes": sum(p.stat().st_size for p in index_dir.iterdir() if p.is_file()),
            }
        )
    )


# --- orchestration ---------------------------------------------------------------------


def environment(database_url: str, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "true",
            "HRCITIES_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.pop("HRCITIES_TESTING", None)
    return env


def fresh_database(vendor: str) -> str:
    if vendor == "sqlite":
        for path in SQLITE_PATH.parent.glob(SQLITE_PATH.name + "*"):
            path.unlink()
        return SQLITE_URL
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {POSTGRES_DB}")
    return POSTGRES_URL


def drop_database(vendor: str) -> None:
    if vendor == "sqlite":
        for path in SQLITE_PATH.parent.glob(SQLITE_PATH.name + "*"):
            path.unlink()
        return
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")


def run_phase(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], env=env, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[float, dict[str, Any]]:
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=300) as response:
        body = response.read()
    elapsed = (time.perf_counter() - began) * 1000
    return elapsed, json.loads(body)


def measure_http(
    env: dict[str, str], repeat: int, has_vectors: bool, server_log: Path
) -> dict[str, Any]:
    port = free_port()
    # runserver logs every request to stderr: a file, as a pipe nobody reads would fill up.
    log_file = server_log.open("w")
    server = subprocess.Popen(
        [str(BIN / "hrcities"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/api/search"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                get(base + "?q=warmup&semantic=false")
                break
            except OSError as error:
                if server.poll() is not None or time.monotonic() > deadline:
                    output = server_log.read_text()
                    raise RuntimeError(f"the server did not start: {output}") from error
                time.sleep(0.3)
        latencies: dict[str, list[float]] = {}
        counts: dict[str, str] = {}
        facets_seen: dict[str, int] = {}
        mix = [*QUERIES, CROSS_LINGUAL]
        bar = Bar("HTTP queries", len(mix) * (repeat + 2))
        done = 0
        for name, q, params in mix:
            if (name, q, params) == CROSS_LINGUAL and not has_vectors:
                continue
            query = {"q": q, "semantic": "false", **params}
            url = base + "?" + urllib.parse.urlencode(query)
            for _ in range(2):  # warm up
                _, body = get(url)
                done += 1
                bar.update(done)
            counts[name] = f"{body['count']:,}" + ("+" if body["count_is_lower_bound"] else "")
            facets_seen[name] = sum(len(values) for values in body["facets"].values())
            times = []
            for _ in range(repeat):
                elapsed, _ = get(url)
                times.append(elapsed)
                done += 1
                bar.update(done)
            latencies[name] = times
        bar.update(bar.total)
        return {"latencies": latencies, "counts": counts, "facet_values": facets_seen}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log_file.close()


def summary(times: list[float]) -> tuple[float, float, float]:
    return percentile(times, 50), percentile(times, 95), percentile(times, 99)


def ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def report(n: int, repeat: int, corpus: dict[str, Any], results: dict[str, Any]) -> None:
    tantivy = results.get("tantivy")
    engines = [e for e in ("sqlite", "postgresql") if e in results]
    print()
    print(f"Search benchmark: N={n:,} records, {repeat} runs per query, seed {SEED}")
    print(
        f"Corpus: {corpus['languages']['ko']:,} Korean and {corpus['languages']['en']:,} "
        f"English records from {corpus['sentences_en']:,} English and "
        f"{corpus['sentences_ko']:,} Korean real sentences; keyword index for all"
        + "".join(
            f"; {engine_name}: sentence vectors for the newest "
            f"{results[engine_name]['vectors']['with_vectors']:,}"
            for engine_name in engines
            if "vectors" in results[engine_name]
        )
        + "."
    )
    print()
    print("Per query: matches (API count; + = lower bound) and p50 / p95 / p99 in ms")
    header = f"{'query':<36} {'q':<50}"
    for engine_name in [*engines, "tantivy"] if tantivy else engines:
        header += f" | {engine_name:^30}"
    print(header)
    for name, q, params in [*QUERIES, CROSS_LINGUAL]:
        shown = q + "".join(f" &{k}={v}" for k, v in params.items() if k != "semantic")
        line = f"{name:<36} {shown:<50}"
        for engine_name in engines:
            measured = results[engine_name]["http"]
            if name not in measured["latencies"]:
                line += f" | {'n/a: no vectors in this corpus':^30}"
                continue
            p50, p95, p99 = summary(measured["latencies"][name])
            cell = f"{measured['counts'][name]:>8} {ms(p50)}/{ms(p95)}/{ms(p99)}"
            line += f" | {cell:<30}"
        if tantivy:
            if name in tantivy["latencies"]:
                p50, p95, p99 = summary(tantivy["latencies"][name])
                cell = f"{tantivy['counts'][name]:>8,} {ms(p50)}/{ms(p95)}/{ms(p99)}"
            else:
                cell = "n/a" if name == CROSS_LINGUAL[0] else "(same as keyword)"
            line += f" | {cell:<30}"
        print(line)
    print()
    header = (
        f"{'engine':<12} | {'N':>9} | {'index rate (rec/s)':>18} | {'p50':>7} | {'p95':>7} | "
        f"{'p99':>7} | {'ratio p95 to tantivy':>20}"
    )
    print(header)
    print("-" * len(header))
    keyword = [name for name, _, params in QUERIES if params.get("semantic") != "true"]

    def overall(latencies: dict[str, list[float]]) -> tuple[float, float, float]:
        return summary([t for name in keyword for t in latencies.get(name, [])])

    tantivy_p95 = overall(tantivy["latencies"])[1] if tantivy else None
    for engine_name in engines:
        p50, p95, p99 = overall(results[engine_name]["http"]["latencies"])
        ratio = f"{p95 / tantivy_p95:,.1f}x" if tantivy_p95 else "n/a"
        rate = results[engine_name]["build"]["index_rate"]
        print(
            f"{engine_name:<12} | {n:>9,} | {rate:>18,.0f} | {ms(p50):>7} | {ms(p95):>7} | "
            f"{ms(p99):>7} | {ratio:>20}"
        )
    if tantivy:
        p50, p95, p99 = overall(tantivy["latencies"])
        print(
            f"{'tantivy':<12} | {n:>9,} | {tantivy['index_rate']:>18,.0f} | {ms(p50):>7} | "
            f"{ms(p95):>7} | {ms(p99):>7} | {'1.0x':>20}"
        )
    print()
    print(
        "Overall percentiles are over the keyword queries (semantic=false). Engines: through "
        "HTTP (runserver, DEBUG=true), with the response's facet counts; index rate includes "
        "Korean and English analysis. tantivy: in process (no HTTP), same analysed tokens, "
        "top 20 + exact count + facet counts by a terms aggregation; its index rate is for "
        "the pre-analysed tokens only (no analysis)."
    )
    print()
    for engine_name in engines:
        build = results[engine_name]["build"]
        print(
            f"{engine_name}: {build['indexed']:,} documents in {build['index_seconds']:.1f} s "
            f"+ optimize {build['optimize_seconds']:.1f} s"
            + (f" + ANALYZE {build['analyze_seconds']:.1f} s" if build["analyze_seconds"] else "")
            + f"; database {build['size_bytes'] / 1e6:,.0f} MB"
        )
        if "vectors" in results[engine_name]:
            encoded = results[engine_name]["vectors"]
            rate = encoded["encoded"] / encoded["seconds"] if encoded["seconds"] else 0.0
            print(
                f"{engine_name}: {encoded['encoded']:,} sentence vectors added in "
                f"{encoded['seconds']:.1f} s ({rate:,.0f} texts/s); "
                f"{encoded['with_vectors']:,} documents have one"
            )
    if tantivy:
        print(
            f"tantivy: {tantivy['indexed']:,} documents in {tantivy['index_seconds']:.1f} s; "
            f"index {tantivy['size_bytes'] / 1e6:,.0f} MB"
        )
    extras = next(
        (results[e]["build"] for e in engines if "vector_rate" in results[e]["build"]), None
    )
    if extras:
        print(
            f"Analysis alone on {extras['extras_n']:,} records: "
            f"{extras['analysis_cold_rate']:,.0f} rec/s with cold caches per record, "
            f"{extras['analysis_batched_fresh_rate']:,.0f} rec/s batched as _index_batch "
            "does (fresh caches). "
            f"Vector encoding (excluded from the index): {extras['vector_rate']:,.0f} texts/s "
            f"(encoder load {extras['vector_load_seconds'] or 0:.1f} s)."
        )
    print()
    print(f"DESIGN.md targets (defined at N={TARGET_N:,}; measured here at N={n:,}):")
    for engine_name in engines:
        p95 = overall(results[engine_name]["http"]["latencies"])[1]
        rate = results[engine_name]["build"]["index_rate"]
        scale = "" if n >= TARGET_N else f" (at N={n:,}, not 1,000,000)"
        print(
            f"  {engine_name:<10} p95 < {TARGET_P95_MS:.0f} ms: "
            f"{'met' if p95 < TARGET_P95_MS else 'not met'} ({ms(p95)} ms){scale}; "
            f"indexing >= {TARGET_INDEX_RATE:,.0f} rec/s: "
            f"{'met' if rate >= TARGET_INDEX_RATE else 'not met'} ({rate:,.0f} rec/s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=int(os.environ.get("N", 1_000_000)))
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite.")
    parser.add_argument("--both", action="store_true", help="SQLite and PostgreSQL.")
    parser.add_argument("--repeat", type=int, default=20, help="Runs of each query (20).")
    parser.add_argument("--keep", action="store_true", help="Keep the databases and files.")
    parser.add_argument("--no-tantivy", action="store_true", help="Skip the tantivy baseline.")
    parser.add_argument(
        "--vectors",
        type=int,
        default=0,
        metavar="M",
        help="Give the newest M records sentence vectors, for the cross-lingual query.",
    )
    parser.add_argument(
        "--reuse",
        type=Path,
        metavar="DIR",
        help="Measure again on what a --keep run left in DIR (its corpus, builds and databases).",
    )
    args = parser.parse_args()

    vendors = ["sqlite", "postgresql"] if args.both else []
    vendors = vendors or (["postgresql"] if args.postgres else ["sqlite"])
    work = args.reuse or Path(tempfile.mkdtemp(prefix="bench-search-"))
    args.keep = args.keep or bool(args.reuse)
    log(f"working directory {work}")
    results: dict[str, Any] = {}
    try:
        corpus_path = work / "corpus.jsonl"
        if args.reuse:
            corpus = json.loads((work / "corpus.json").read_text())
            args.n = corpus["n"]
        else:
            corpus = generate(args.n, corpus_path)
            corpus["n"] = args.n
            (work / "corpus.json").write_text(json.dumps(corpus))
        for position, vendor in enumerate(vendors):
            build_out = work / f"build-{vendor}.json"
            is_built = args.reuse and build_out.exists()
            url = (POSTGRES_URL if vendor == "postgresql" else SQLITE_URL) if is_built else None
            url = url or fresh_database(vendor)
            data_dir = work / f"data-{vendor}"
            data_dir.mkdir(exist_ok=True)
            env = environment(url, data_dir)
            log(f"{vendor}: migrate")
            subprocess.run(
                [str(BIN / "hrcities"), "migrate", "--noinput", "-v", "0"],
                env=env,
                cwd=ROOT,
                check=True,
            )
            if not is_built:
                phase = ["_build", str(corpus_path), str(args.n), str(build_out)]
                run_phase(phase + (["--extras"] if position == 0 else []), env)
            build = json.loads(build_out.read_text())
            results[vendor] = {"build": build}
            log(f"{vendor}: {build['index_rate']:,.0f} records/s")
            if args.vectors:
                vectors_out = work / f"vectors-{vendor}.json"
                run_phase(["_vectors", str(args.vectors), str(vectors_out)], env)
                results[vendor]["vectors"] = json.loads(vectors_out.read_text())
            results[vendor]["http"] = measure_http(
                env,
                args.repeat,
                has_vectors=bool(args.vectors),
                server_log=work / f"server-{vendor}.log",
            )
            if position == 0 and not args.no_tantivy:
                tantivy_out = work / "tantivy.json"
                index_dir = work / "tantivy"
                shutil.rmtree(index_dir, ignore_errors=True)
                index_dir.mkdir()
                run_phase(
                    ["_tantivy", str(args.n), str(index_dir), str(tantivy_out), str(args.repeat)],
                    env,
                )
                results["tantivy"] = json.loads(tantivy_out.read_text())
            if not args.keep:
                drop_database(vendor)
        report(args.n, args.repeat, corpus, results)
        (work / "results.json").write_text(json.dumps(results))
    finally:
        if args.keep:
            log(f"kept {work} and the database(s)")
        else:
            shutil.rmtree(work, ignore_errors=True)
            for vendor in vendors:
                try:
                    drop_database(vendor)
                except Exception as error:  # noqa: BLE001 - cleanup must not hide the cause
                    log(f"could not drop the {vendor} database: {error}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_build":
        phase_build(
            Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]), "--extras" in sys.argv[5:]
        )
    elif len(sys.argv) > 1 and sys.argv[1] == "_vectors":
        phase_vectors(int(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_tantivy":
        phase_tantivy(int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
