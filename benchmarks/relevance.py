#!/usr/bin/env python
"""Search relevance on judged queries, in Korean and English: hit@3 and nDCG@10 per group.

    python benchmarks/relevance.py [--postgres] [--half tuning|held-out|both] [--sweep]
                                   [--json FILE] [--keep]

1. Builds a fresh database (SQLite at /tmp/bench-relevance.sqlite3, or with --postgres the
   PostgreSQL database named by DATABASE_URL, dropped and created again) from bilingual
   material: the Universal Declaration of Human Rights in English and Korean (benchmarks/
   data/udhr/, ingested as two declarations through the platform's own parser, so each
   article with all its numbered paragraphs is one clause), the 2020 Gwangju Declaration
   (English), the SDG targets in English and Korean (one record per target and language),
   and the vocabularies with the 632 UPR recommendations and the groups and themes OHCHR
   tagged them with (loaded as `hrcities load_reference` loads them).
   Records are indexed as the platform indexes them: keywords, sentence vectors, passages.
2. Asks the judged queries (benchmarks/data/relevance_queries.json) through
   hrcities.search.services.search as an anonymous reader. Across languages the reader
   asks for records in the other language (the lang facet); a query is judged on the
   results from the collection it is about (the declarations' clauses, the SDG targets or
   the UPR recommendations), in the order search gives them.
3. Splits the queries into a tuning half and a held-out half by what they are about
   (every query on one article falls in the same half), with a fixed seed, and prints
   hit@3 (a relevant record among the first three) and nDCG@10 per group and half.

--sweep prints the same figures on the tuning half for a grid of the search's parameters
(the similarity floor, the weight of meaning in the ranking, query expansion on or off):
parameters are chosen there, never on the held-out half.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEED = 22
SQLITE_PATH = Path(os.environ.get("RELEVANCE_SQLITE", "/tmp/bench-relevance.sqlite3"))
POSTGRES_DEFAULT = "postgres://postgres@127.0.0.1:5432/hrcities_relevance"
GROUPS = ("same", "morphology", "across", "synonyms")
TARGET = 0.9
# Results read per query: enough for nDCG@10 within one collection of a mixed result list.
LIMIT = 40
UDHR_NS = "{http://www.unhchr.ch/udhr}"


def log(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def shared_data_dir() -> Path:
    return Path(os.environ.get("HRCITIES_SHARED_DATA", ROOT.parent / "shared" / "data"))


# --- the judged queries ------------------------------------------------------------------


def load_queries() -> list[dict[str, Any]]:
    """Return every judged query: group, language, the language asked for, text, topic."""
    spec = json.loads((DATA / "relevance_queries.json").read_text(encoding="utf-8"))
    queries = []
    other = {"en": "ko", "ko": "en"}
    for topic in spec["topics"]:
        for lang in ("en", "ko"):
            if lang not in topic:
                continue
            english_only = topic["relevant"].startswith(("upr-", "decl2020:"))
            if not english_only or lang == "en":
                queries.append(_query("same", lang, lang, topic))
            if not english_only or lang == "ko":
                queries.append(_query("across", lang, other[lang], topic))
    for group in ("morphology", "synonyms"):
        for topic in spec[group]:
            lang = "ko" if "ko" in topic else "en"
            queries.append(_query(group, lang, lang, topic))
    return queries


def _query(group: str, lang: str, wanted: str, topic: dict[str, Any]) -> dict[str, Any]:
    return {
        "group": group,
        "lang": lang,
        "wanted": wanted,
        "q": topic[lang],
        "topic": topic["relevant"],
    }


def split(queries: list[dict[str, Any]]) -> dict[str, str]:
    """Return the half of each topic, decided by a fixed seed before any tuning."""
    topics = sorted({q["topic"] for q in queries})
    random.Random(SEED).shuffle(topics)
    return {topic: ("tuning" if i % 2 == 0 else "held-out") for i, topic in enumerate(topics)}


# --- the corpus --------------------------------------------------------------------------


def udhr_text(lang: str) -> tuple[str, str]:
    """Return the title and the plain text of one edition, numbered as it is printed."""
    code = {"en": "eng", "ko": "kor"}[lang]
    root = ET.parse(DATA / "udhr" / f"udhr_{code}.xml").getroot()
    title = " ".join(root.findtext(f"{UDHR_NS}title", "").split())
    if lang == "ko":
        title = title.replace(" ", "")  # printed letter-spaced: 세 계 인 권 선 언
    lines = [title, ""]
    preamble = root.find(f"{UDHR_NS}preamble")
    lines += [" ".join((p.text or "").split()) + "\n" for p in preamble.iter(f"{UDHR_NS}para")]
    for article in root.findall(f"{UDHR_NS}article"):
        number = article.get("number")
        lines.append(f"Article {number}" if lang == "en" else f"제{number}조")
        items = article.findall(f"{UDHR_NS}orderedlist/{UDHR_NS}listitem")
        if items:
            for n, item in enumerate(items, start=1):
                text = " ".join("".join(item.itertext()).split())
                lines.append(f"{n}. {text}")
        else:
            for para in article.iter(f"{UDHR_NS}para"):
                lines.append(" ".join((para.text or "").split()))
        lines.append("")
    return title, "\n".join(lines)


def build(keys: dict[tuple[str, int], str]) -> dict[str, Any]:
    """Fill the database; record each document's key; return build figures."""
    from django.db import connection, transaction

    from hrcities.commitments.models import Clause
    from hrcities.commitments.parser import parse_declaration
    from hrcities.commitments.services import ingest_declaration
    from hrcities.search import indexing
    from hrcities.search.engines import engine
    from hrcities.search.models import SearchDocument, SearchLabel
    from hrcities.search.registry import DocumentData, Kind
    from hrcities.taxonomy.loaders import load_taxonomy

    started = time.perf_counter()
    sources = [("udhr-en", *udhr_text("en"), "en"), ("udhr-ko", *udhr_text("ko"), "ko")]
    declaration_2020 = shared_data_dir() / "declarations" / "2020-whrcf-final-declaration.txt"
    sources.append(("decl2020", "", declaration_2020.read_text(encoding="utf-8"), "en"))
    for slug, title, text, lang in sources:
        parsed = parse_declaration(text)
        if slug.startswith("udhr"):
            numbers = [re.sub(r"\D", "", n) for n in parsed.promise_numbers]
            if numbers != [str(n) for n in range(1, 31)]:
                raise SystemExit(f"{slug}: the parser found articles {numbers}, not 1 to 30")
        with transaction.atomic():
            declaration = ingest_declaration(
                by=None,
                title=title or parsed.title,
                preamble=parsed.preamble,
                promises=parsed.promises,
                language=lang,
                slug=slug,
                source_text=text,
            )
        for clause in Clause.objects.filter(declaration=declaration):
            doc_id = clause.pk
            if slug.startswith("udhr"):
                if clause.kind == Clause.Kind.PROMISE:
                    keys[("clause", doc_id)] = f"udhr:{clause.number}:{lang}"
                else:
                    keys[("clause", doc_id)] = f"udhr-preamble:{clause.number}:{lang}"
            else:
                keys[("clause", doc_id)] = f"decl2020:{clause.kind}:{clause.number}:en"

    class Record:
        def __init__(self, pk: int, data: DocumentData) -> None:
            self.pk, self.data = pk, data

    sdg = json.loads((shared_data_dir() / "sdg" / "sdg_en_ko.json").read_text(encoding="utf-8"))
    records = []
    for target in sdg["targets"]:
        for lang in ("en", "ko"):
            pk = len(records) + 1
            text = target[f"title_{lang}"]
            records.append(
                (
                    f"sdg:{target['code']}:{lang}",
                    Record(
                        pk,
                        DocumentData(
                            title=f"{target['code']} {text}",
                            text=text,
                            language=lang,
                            labels=[f"sdg:{target['goal']}"],
                        ),
                    ),
                )
            )
    kind = Kind("bench", SearchDocument, lambda r: r.data, SearchDocument.objects.none, "bench")
    with transaction.atomic():
        docs = indexing._index_batch(kind, [r for _, r in records], with_vectors=True)
    for (key, record), _doc in zip(records, docs, strict=True):
        keys[("bench", record.pk)] = key
    # The vocabularies (SDGs, UHRI themes and groups) and the UPR recommendations, loaded and
    # indexed as `hrcities load_reference` and `hrcities reindex` do.
    load_taxonomy()
    indexing.rebuild(["upr-recommendation"])
    tags = defaultdict(list)
    for object_id, label in SearchLabel.objects.filter(
        document__kind="upr-recommendation", label__regex=r"^(group|theme):"
    ).values_list("document__object_id", "label"):
        tags[object_id].append(label)
    for object_id in SearchDocument.objects.filter(kind="upr-recommendation").values_list(
        "object_id", flat=True
    ):
        keys[("upr-recommendation", object_id)] = "upr:" + " ".join(tags[object_id])
    engine().optimize()
    seconds = time.perf_counter() - started
    return {
        "documents": SearchDocument.objects.count(),
        "build_seconds": seconds,
        "vendor": connection.vendor,
        **passage_figures(),
    }


def passage_figures() -> dict[str, Any]:
    """Return how many passage vectors the index holds and their size, if it has them."""
    from hrcities.search import models

    passage = getattr(models, "SearchPassage", None)
    if passage is None:
        return {"passages": 0, "passage_bytes": 0}
    count = passage.objects.count()
    return {"passages": count, "passage_bytes": count * 512 * 4}


# --- measuring -------------------------------------------------------------------------


def relevant_of(query: dict[str, Any], keys: dict[tuple[str, int], str]) -> set[tuple[str, int]]:
    topic, wanted = query["topic"], query["wanted"]
    if topic.startswith("upr-"):
        facet, value = topic[4:].split(":")
        return {
            d for d, k in keys.items() if k.startswith("upr:") and f"{facet}:{value}" in k.split()
        }
    if topic.startswith("decl2020:"):
        return {d for d, k in keys.items() if k == f"{topic}:en"}
    return {d for d, k in keys.items() if k == f"{topic}:{wanted}"}


def collection_of(key: str) -> str:
    return key.split(":")[0].replace("-preamble", "")


def run_query(query: dict[str, Any], keys: dict[tuple[str, int], str]) -> tuple[float, float, bool]:
    """Return hit@3, nDCG@10 and whether meaning contributed, for one judged query."""
    from django.contrib.auth.models import AnonymousUser

    from hrcities.search.services import Filters, search

    relevant = relevant_of(query, keys)
    if not relevant:
        raise SystemExit(f"nothing relevant for {query}")
    collection = collection_of(keys[next(iter(relevant))])
    filters = Filters(lang=[query["wanted"]]) if query["group"] == "across" else Filters()
    results = search(AnonymousUser(), query["q"], filters=filters, limit=LIMIT)
    ranked = []
    for hit in results.hits:
        key = keys.get((hit.kind, hit.id))
        if key is not None and collection_of(key) == collection:
            ranked.append((hit.kind, hit.id))
    hit3 = float(any(doc in relevant for doc in ranked[:3]))
    gains = [1.0 if doc in relevant else 0.0 for doc in ranked[:10]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return hit3, dcg / ideal, results.is_semantic


def evaluate(
    queries: list[dict[str, Any]], halves: dict[str, str], keys: dict[tuple[str, int], str]
) -> dict[str, dict[str, dict[str, float]]]:
    """Return {half: {group: {"n", "hit@3", "ndcg@10", "semantic"}}}, "all" groups included."""
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for query in queries:
        hit3, ndcg, semantic = run_query(query, keys)
        for half in (halves[query["topic"]], "both"):
            for group in (query["group"], "all"):
                figures = sums[(half, group)]
                figures[0] += 1
                figures[1] += hit3
                figures[2] += ndcg
                figures[3] += semantic
    table: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for (half, group), (n, hit3, ndcg, semantic) in sums.items():
        table[half][group] = {
            "n": n,
            "hit@3": hit3 / n,
            "ndcg@10": ndcg / n,
            "semantic": semantic / n,
        }
    return table


def misses(
    queries: list[dict[str, Any]], halves: dict[str, str], keys: dict[tuple[str, int], str]
) -> list[str]:
    """Return the tuning-half queries whose relevant record is not among the first three."""
    lines = []
    for query in queries:
        if halves[query["topic"]] == "tuning" and run_query(query, keys)[0] < 1:
            lines.append(f"{query['group']:<10} {query['lang']}->{query['wanted']} {query['q']}")
    return lines


def print_table(
    title: str, table: dict[str, dict[str, dict[str, float]]], halves: list[str]
) -> None:
    print(f"\n{title}")
    print(f"{'half':<9} {'group':<11} {'n':>4} {'hit@3':>6} {'nDCG@10':>8} {'semantic':>9}  target")
    for half in halves:
        for group in (*GROUPS, "all"):
            row = table.get(half, {}).get(group)
            if row is None:
                continue
            met = "" if group == "all" else ("met" if row["hit@3"] >= TARGET else "not met")
            print(
                f"{half:<9} {group:<11} {row['n']:>4.0f} {row['hit@3']:>6.3f} "
                f"{row['ndcg@10']:>8.3f} {row['semantic']:>9.2f}  {met}"
            )


# --- orchestration ---------------------------------------------------------------------


SWEEP = {
    "SEMANTIC_MIN": [0.0, 0.1, 0.2, 0.3],
    "SEMANTIC_WEIGHT": [0.5, 1.0, 2.0],
    "EXPANSION": [False, True],
}


def sweep(
    queries: list[dict[str, Any]],
    halves: dict[str, str],
    keys: dict[tuple[str, int], str],
    only: list[str],
) -> None:
    """Print the tuning half's figures for each parameter alone, the others as they are."""
    from hrcities.search import services

    tuning = [q for q in queries if halves[q["topic"]] == "tuning"]
    for name, values in SWEEP.items():
        if only and name not in only:
            continue
        if not hasattr(services, name):
            print(f"\n{name}: not a parameter of this version")
            continue
        kept = getattr(services, name)
        for value in values:
            setattr(services, name, value)
            table = evaluate(tuning, halves, keys)["tuning"]
            cells = "  ".join(
                f"{g} {table[g]['hit@3']:.3f}/{table[g]['ndcg@10']:.3f}" for g in (*GROUPS, "all")
            )
            print(f"{name}={value!s:<6} {cells}")
        setattr(services, name, kept)


def prepare_database(postgres: bool, reuse: bool) -> None:
    if postgres and reuse:
        url = os.environ["DATABASE_URL"]
    elif postgres:
        url = os.environ.get("DATABASE_URL", POSTGRES_DEFAULT)
        if not url.startswith("postgres"):
            url = POSTGRES_DEFAULT
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        for path in SQLITE_PATH.parent.glob(SQLITE_PATH.name + "*"):
            if not reuse:
                path.unlink()
        url = f"sqlite:///{SQLITE_PATH}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("SECRET_KEY", "relevance-benchmark")
    os.environ["HRCITIES_VECTORS_IN_BACKGROUND"] = "false"
    os.environ["HRCITIES_SUGGEST_ON_SAVE"] = "false"
    os.environ.setdefault("HRCITIES_DATA_DIR", "/tmp/bench-relevance-data")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.pop("HRCITIES_TESTING", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    from hrcities.search import pgvector, vectors

    if pgvector.add_vector_column(connection):
        vectors.forget()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--half", choices=["tuning", "held-out", "both"], default=None)
    parser.add_argument("--sweep", action="store_true", help="tune on the tuning half")
    parser.add_argument("--only", action="append", default=[], help="sweep only this parameter")
    parser.add_argument("--misses", action="store_true", help="list the tuning half's misses")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite database")
    parser.add_argument(
        "--reuse", action="store_true", help="measure again on the database --keep left"
    )
    args = parser.parse_args()

    prepare_database(args.postgres, args.reuse)
    from hrcities.search import services

    # Snippets are not judged; cutting them saves most of a query's time here.
    services.highlight = lambda text, tokens, language="", length=240: ""
    saved = (
        Path(f"{SQLITE_PATH}.keys.json")
        if not args.postgres
        else Path("/tmp/bench-relevance-postgres.keys.json")
    )
    keys: dict[tuple[str, int], str] = {}
    if args.reuse:
        state = json.loads(saved.read_text())
        figures = state["build"]
        keys = {(kind, int(pk)): key for kind, pk, key in state["keys"]}
    else:
        figures = build(keys)
        rows = [(kind, pk, key) for (kind, pk), key in keys.items()]
        saved.write_text(json.dumps({"build": figures, "keys": rows}))
    queries = load_queries()
    halves = split(queries)
    log(
        f"{figures['vendor']}: {figures['documents']} documents, {figures['passages']} passage "
        f"vectors ({figures['passage_bytes'] / 1e6:.1f} MB), "
        f"built in {figures['build_seconds']:.1f} s; "
        f"{len(queries)} judged queries"
    )
    if args.sweep:
        sweep(queries, halves, keys, args.only)
    if args.misses:
        print("\n".join(misses(queries, halves, keys)))
    started = time.perf_counter()
    table = evaluate(queries, halves, keys)
    seconds = time.perf_counter() - started
    shown = [args.half] if args.half else ["tuning", "held-out", "both"]
    print_table(
        f"{figures['vendor']}: hit@3 and nDCG@10 per group (target hit@3 >= {TARGET}); "
        f"{len(queries)} queries in {seconds:.1f} s",
        table,
        shown,
    )
    if args.json:
        args.json.write_text(json.dumps({"build": figures, "figures": table}, indent=2))
    if not args.postgres and not (args.keep or args.reuse):
        for path in SQLITE_PATH.parent.glob(SQLITE_PATH.name + "*"):
            path.unlink()


if __name__ == "__main__":
    main()
