#!/usr/bin/env python
"""Web benchmark: latency of the public pages under 32 concurrent clients.

    python benchmarks/web.py [--clients 32] [--seconds 30] [--workers 2] [--threads 4]
                             [--server gunicorn|runserver] [--postgres] [--reuse DIR] [--keep]

1. Builds the platform as `make run` does, in a fresh data directory (SQLite, or the
   PostgreSQL database hrcities_bench_web with --postgres): migrate, collectstatic,
   reference data, demo data, search index. `--reuse DIR` starts from a directory a
   `--keep` run left.
2. Starts the production server (gunicorn with the repository's gunicorn.conf.py,
   DEBUG=false) or, for comparison, Django's runserver, and finds one page of each kind
   by following the links of the list pages, as a visitor would: the home page, the
   registry and a city, declarations, a declaration and an action, the archive, an item
   and the timeline, indicators of a city and one indicator, an annual report page, the
   SDG goals and a goal, the UPR recommendations and one of them, and two searches.
3. Warms every page up (each worker once per page and language), then N clients, each on
   its own keep-alive connection, ask for the pages in turn (each client starting at a
   different page), half of them in Korean (Accept-Language: ko), for S seconds. The
   time of a request runs from sending it to having read the whole body. Four passes, a
   fresh server each: with the page cache and no edits; with an edit every 5 seconds and
   every second (each raises the data version, as a committed edit does, so every page
   is made afresh on its next visit); and with the page cache off.
4. Prints, per page and overall, requests, errors, p50/p95/p99 and throughput; the
   server's resident memory (each process); and the DESIGN.md target: p95 under 150 ms
   for public pages at 32 concurrent clients on 2 cores.

The clients run on the same two cores as the server, so they take a share of the CPU
that a real server would not give them. A measurement that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import bench_postgres

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
POSTGRES_DB = "hrcities_bench_web"
TARGET_P95_MS = 150.0
TARGET_CLIENTS = 32

# (name, list page, pattern of the link to follow on it, or None for the list page itself)
PAGES: list[tuple[str, str, str | None]] = [
    ("home", "/", None),
    ("registry", "/network/", None),
    ("city", "/network/", r'href="(/network/cities/[\w-]+/)"'),
    ("declarations", "/declarations/", None),
    ("declaration", "/declarations/", r'href="(/declarations/(?!new/|actions/|cities/)[\w-]+/)"'),
    ("archive", "/archive/", None),
    ("archive item", "/archive/", r'href="(/archive/items/\d+/)"'),
    ("timeline", "/archive/timeline/", None),
    ("indicators", "/indicators/", r'href="(/indicators/[\w-]+/)"'),
    ("report", "/reports/", r'href="(/reports/[\w-]+/\d{4}/)"'),
    ("SDG goals", "/taxonomy/goals/", None),
    ("SDG goal", "/taxonomy/goals/", r'href="(/taxonomy/goals/\d+/)"'),
    ("recommendations", "/taxonomy/recommendations/", None),
    ("recommendation", "/taxonomy/recommendations/", r'href="(/taxonomy/recommendations/\d+/)"'),
    ("search (en)", "/search/?q=water", None),
    ("search (ko)", "/search/?q=%EC%9D%B8%EA%B6%8C", None),
]


def say(message: str) -> None:
    print(message, flush=True)


def environment(data_dir: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        HRCITIES_DATA_DIR=str(data_dir),
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        PYTHONUNBUFFERED="1",
    )
    env.pop("HRCITIES_TESTING", None)
    return env


def build(env: dict[str, str], *, migrate_only: bool = False) -> None:
    commands = [["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]]
    if not migrate_only:
        commands += [["load_reference"], ["load_demo"], ["reindex"]]
    for command in commands:
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "hrcities"), *command],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        say(f"  {command[0]}: {time.perf_counter() - started:.1f} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args: argparse.Namespace, env: dict[str, str], port: int) -> subprocess.Popen:
    if args.server == "gunicorn":
        command = [
            str(BIN / "gunicorn"),
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ]
    else:
        command = [str(BIN / "hrcities"), "runserver", f"127.0.0.1:{port}", "--noreload"]
    # The server's log goes to a file: a pipe nobody reads would fill up and stop it.
    server = subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=tempfile.TemporaryFile(),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            if server.poll() is not None:
                server.stderr.seek(0)
                raise SystemExit("the server stopped:\n" + server.stderr.read().decode()) from None
            time.sleep(0.3)
    raise SystemExit("the server did not answer within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def resident_mb(root_pid: int) -> list[float]:
    """Return the resident memory (MB) of the server process and each of its children."""
    pids = [root_pid]
    children = Path(f"/proc/{root_pid}/task/{root_pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    sizes = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        if match:
            sizes.append(int(match.group(1)) / 1024)
    return sizes


def discover(port: int) -> list[tuple[str, str]]:
    """Return (name, path) of one page of each kind, found through the list pages' links."""
    found = []
    for name, start, pattern in PAGES:
        if pattern is None:
            found.append((name, start))
            continue
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{start}", timeout=30) as response:
            html = response.read().decode("utf-8", "replace")
        match = re.search(pattern, html)
        if match:
            found.append((name, match.group(1)))
        else:
            say(f"  (no link for '{name}' on {start}: left out)")
    return found


# --- the clients ---------------------------------------------------------------------


@dataclass
class Timings:
    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


async def fetch(reader, writer, path: str, language: str) -> int:
    writer.write(
        (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: {language}\r\n"
            "Accept: text/html\r\nConnection: keep-alive\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        if b":" in line:
            key, value = line.split(b":", 1)
            headers[key.strip().lower()] = value.strip()
    if b"content-length" in headers:
        await reader.readexactly(int(headers[b"content-length"]))
    elif headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    if headers.get(b"connection", b"").lower() == b"close":
        raise ConnectionResetError("the server closed the connection")
    return status


async def client(number: int, port: int, pages, until: float, timings: Timings) -> None:
    language = "ko" if number % 2 else "en"
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    turn = number
    while time.perf_counter() < until:
        name, path = pages[turn % len(pages)]
        turn += 1
        started = time.perf_counter()
        try:
            status = await fetch(reader, writer, path, language)
        except (ConnectionError, asyncio.IncompleteReadError):
            writer.close()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status = 0
        elapsed = time.perf_counter() - started
        if status == 200:
            timings.seconds.setdefault(name, []).append(elapsed)
        else:
            timings.errors[name] = timings.errors.get(name, 0) + 1
    writer.close()


async def load(port: int, pages, clients: int, seconds: float) -> tuple[Timings, float]:
    timings = Timings()
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(client(n, port, pages, until, timings) for n in range(clients)))
    return timings, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(timings: Timings, elapsed: float, pages, sizes: list[float], args) -> float:
    say("")
    say(f"{'page':<18} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    every: list[float] = []
    for name, path in pages:
        seconds = timings.seconds.get(name, [])
        every += seconds
        errors = timings.errors.get(name, 0)
        if not seconds:
            say(f"{name:<18} {0:>8} {errors:>6}  (no answer)  {path}")
            continue
        say(
            f"{name:<18} {len(seconds):>8} {errors:>6} {percentile(seconds, 0.5) * 1000:>7.0f} "
            f"{percentile(seconds, 0.95) * 1000:>7.0f} {percentile(seconds, 0.99) * 1000:>7.0f}"
            f"  {path}"
        )
    errors = sum(timings.errors.values())
    p95 = percentile(every, 0.95) * 1000
    say(
        f"{'all pages':<18} {len(every):>8} {errors:>6} {percentile(every, 0.5) * 1000:>7.0f} "
        f"{p95:>7.0f} {percentile(every, 0.99) * 1000:>7.0f}"
    )
    say("")
    say(
        f"{args.clients} clients for {elapsed:.0f} s: {len(every) / elapsed:.0f} pages/s, "
        f"mean {statistics.mean(every) * 1000:.0f} ms"
    )
    say(
        "server resident memory: "
        + ", ".join(f"{size:.0f} MB" for size in sizes)
        + f" (processes: {'master, workers' if args.server == 'gunicorn' else 'one'})"
    )
    verdict = (
        "met"
        if p95 < TARGET_P95_MS and args.clients >= TARGET_CLIENTS and not errors
        else "not met"
    )
    say(
        f"Target: p95 under {TARGET_P95_MS:.0f} ms for public pages at {TARGET_CLIENTS} "
        f"concurrent clients on 2 cores: {p95:.0f} ms at {args.clients} clients, "
        f"{errors} errors: {verdict}."
    )
    return p95


PASSES = {
    "cached": ("page cache on", True, 0.0),
    "edits": ("page cache on, an edit every 5 s", True, 5.0),
    "busy": ("page cache on, an edit every 1 s", True, 1.0),
    "uncached": ("page cache off", False, 0.0),
}


def edit_now_and_then(database_url: str, every: float, until: float) -> None:
    """Raise the data version every `every` seconds, as each committed edit does: every
    page is then made afresh on its next visit."""
    statement = "UPDATE core_contentversion SET number = number + 1 WHERE id = 1"
    if database_url.startswith("sqlite:///"):
        import sqlite3

        db = sqlite3.connect(database_url.removeprefix("sqlite:///"), isolation_level=None)
    else:
        import psycopg

        db = psycopg.connect(database_url, autocommit=True)
    while time.perf_counter() < until:
        db.execute(statement)
        time.sleep(every)
    db.close()


def measure(args, env, database_url: str, name: str) -> float:
    title, cached, edit_every = PASSES[name]
    env = dict(env, PAGE_CACHE="true" if cached else "false")
    port = free_port()
    say("")
    say(
        f"== {title}: {args.server} on port {port} (DEBUG=false"
        + (
            f", {args.workers} workers x {args.threads} threads)"
            if args.server == "gunicorn"
            else ")"
        )
    )
    server = start_server(args, env, port)
    try:
        pages = discover(port)
        asyncio.run(load(port, pages, max(args.workers * args.threads, 2), 5.0))
        say(f"Measuring: {len(pages)} pages, {args.clients} clients, {args.seconds:.0f} s")
        writer = None
        if edit_every:
            import threading

            until = time.perf_counter() + args.seconds
            writer = threading.Thread(
                target=edit_now_and_then, args=(database_url, edit_every, until), daemon=True
            )
            writer.start()
        timings, elapsed = asyncio.run(load(port, pages, args.clients, args.seconds))
        if writer:
            writer.join()
        sizes = resident_mb(server.pid)
    finally:
        stop_server(server)
    return report(timings, elapsed, pages, sizes, args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=TARGET_CLIENTS)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--passes", default="cached,edits,busy,uncached", help="of: " + ", ".join(PASSES)
    )
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--reuse", type=Path, help="a data directory a --keep run left")
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()

    data_dir = args.reuse or Path(tempfile.mkdtemp(prefix="bench-web-"))
    if args.postgres and not args.reuse:
        database_url = bench_postgres.create(POSTGRES_DB)
    elif args.postgres:
        database_url = f"postgresql://postgres@127.0.0.1:5432/{POSTGRES_DB}"
    else:
        database_url = f"sqlite:///{data_dir / 'hrcities.sqlite3'}"
    env = environment(data_dir, database_url)
    say(f"Building the platform with reference and demo data in {data_dir}")
    build(env, migrate_only=bool(args.reuse))
    figures = {name: measure(args, env, database_url, name) for name in args.passes.split(",")}
    say("")
    for name, p95 in figures.items():
        say(f"  {PASSES[name][0]:<34} p95 {p95:.0f} ms")
    if not args.keep and not args.reuse:
        shutil.rmtree(data_dir, ignore_errors=True)
        if args.postgres:
            bench_postgres.drop(POSTGRES_DB)
    elif args.keep:
        say(f"Kept {data_dir} (measure again with --reuse {data_dir})")


if __name__ == "__main__":
    sys.exit(main())
