"""End-to-end tests: a real server with reference and demo data, driven by Chromium.

The server is started once per session from a fresh database, exactly as `make run`
prepares one (migrate, load_reference, load_demo), so these tests also prove the set-up.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _e2e_database_url(tmp: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'e2e.sqlite3'}"
    import psycopg

    parts = urlparse(url)
    name = (parts.path.lstrip("/") or "hrcities") + "_e2e"
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    return urlunparse(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory):
    """The server's data folder: its database and, under `mail/`, the emails it sends."""
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def server(server_data_dir):
    """Start the platform on a free port with a fresh database; yield its base URL."""
    tmp = server_data_dir
    env = {
        **os.environ,
        "DEBUG": "true",
        # As in production: anonymous pages come from the page cache (off under DEBUG).
        "PAGE_CACHE": "true",
        "HRCITIES_DATA_DIR": str(tmp),
        "DATABASE_URL": _e2e_database_url(tmp),
    }
    env.pop("HRCITIES_TESTING", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    hrcities = [sys.executable, "-m", "hrcities.cli"]
    for command in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_reference"],
        ["load_demo"],
        ["reindex"],
    ):
        done = subprocess.run(
            [*hrcities, *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode:
            pytest.fail(
                f"hrcities {' '.join(command)} stopped with exit status {done.returncode}:\n"
                f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}",
                pytrace=False,
            )
    port = _free_port()
    log = open(tmp / "server.log", "w")
    process = subprocess.Popen(
        [*hrcities, "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError((tmp / "server.log").read_text()) from None
            time.sleep(0.3)
    # The first search of a process loads the Korean analyser, the sentence encoder and the
    # vocabularies (seconds, more on a busy machine): load them before any test's clock runs.
    urllib.request.urlopen(base + "/search/?q=%EC%9D%B8%EA%B6%8C+rights", timeout=300).read()
    yield base
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# Addresses inside the browser itself, never the network: its own PDF viewer (an item's
# page shows a PDF in a frame) loads its scripts and styles from them.
BROWSER_INSIDE = ("chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/", "chrome://resources/")


def open_page(context, server: str, outside: list[str]):
    """Open a page that notes in `outside` every request leaving the site."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((server, "data:", "about:", *BROWSER_INSIDE))
            else None
        ),
    )
    return page


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, locale="en-GB")
    outside = []
    page = open_page(context, server, outside)
    yield page
    context.close()
    assert not outside, f"The page tried to reach outside the site: {outside}"


@pytest.fixture(scope="session")
def ids(server):
    """Ids and slugs of demo records, read through the public API."""

    def first(path, key="id"):
        with urllib.request.urlopen(server + path) as response:
            return json.load(response)["items"][0][key]

    def read(path):
        with urllib.request.urlopen(server + path) as response:
            return json.load(response)

    def with_children(path, children):
        """Return the first record of a list that has children, and its first child's id."""
        for record in read(path)["items"]:
            found = read(children.format(id=record["id"]))
            if found:
                return record, found[0]["id"]
        raise LookupError(path)

    gwangju = json.load(urllib.request.urlopen(server + "/api/network/cities/gwangju"))
    programme, session = with_children(
        "/api/education/programmes?city=gwangju", "/api/education/programmes/{id}/sessions"
    )
    measure, review = with_children(
        "/api/emergency/measures?city=gwangju", "/api/emergency/measures/{id}/reviews"
    )
    revisions = f"/api/records/network.city/{gwangju['id']}/revisions"
    return {
        "theme": first("/api/taxonomy/themes?limit=1", "slug"),
        "group": first("/api/taxonomy/groups?limit=1", "slug"),
        "recommendation": first("/api/taxonomy/recommendations?limit=1"),
        "gwangju_pk": gwangju["id"],
        "revision": first(revisions),
        "role": 1,
        "action": first("/api/commitments/actions?city=gwangju&limit=1"),
        "gwangju_membership": first("/api/network/memberships?city=gwangju&limit=1"),
        "archive_item": first("/api/archive/items?kind=testimony&limit=1"),
        "archive_event": first("/api/archive/events?limit=1"),
        "gwangju_event": first("/api/archive/events?city=gwangju&limit=1"),
        "archive_collection": first("/api/archive/collections?limit=1", "slug"),
        "archive_place": first("/api/archive/places?limit=1"),
        "archive_person": first("/api/archive/people?limit=1"),
        "observation": first("/api/indicators/cities/gwangju/GJ-2-1/observations?limit=1"),
        "programme": programme["slug"],
        "session": session,
        "seoul_programme": first("/api/education/programmes?city=seoul&limit=1", "slug"),
        "measure": measure["id"],
        "review": review,
    }


def path_for(name, args, ids):
    return reverse(name, args=[str(a).format(**ids) for a in args])


def sign_in(page, username: str, password: str = "hrcities-demo") -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA) and return serious and critical violations."""
    page.evaluate(AXE)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, server):
    """Yield a function that opens a phone-sized page in a language, signed in or not."""
    contexts = []
    outside = []

    def open_phone(language: str, user: tuple[str, str] | None = None):
        context = browser.new_context(base_url=server, locale="en-GB", viewport=PHONE)
        contexts.append(context)
        page = open_page(context, server, outside)
        if user:
            sign_in(page, *user)
        page.goto("/")
        context.add_cookies([{"name": "hrcities_language", "value": language, "url": page.url}])
        return page

    yield open_phone
    for context in contexts:
        context.close()
    assert not outside, f"The page tried to reach outside the site: {outside}"
