"""The open data page's client commands run as written against a running server: Sickle
harvests, edtf reads the harvested dates, pyld expands the archive's graph, and the OpenAPI
document is where the client generator's command fetches it.

pyld fetches schema.org's context as any JSON-LD processor does; the tests have no network,
so the command's Python is given the local copy of that context (hrcities/core/tests/data).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from hrcities.archive.tests.factories import make_event, make_item
from hrcities.core.tests.jsonld import CONTEXT_FILE

pytestmark = pytest.mark.django_db(transaction=True)
CLIENT = re.compile(
    r'<div class="open-data-client">\s*<h3>([^<]+)</h3>\s*<pre><code>([^<]+)</code></pre>'
)
OFFLINE_SCHEMA_ORG = """
import json
from pyld import jsonld

def load(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise jsonld.JsonLdError("No network in the tests: " + url, "jsonld.LoadDocumentError")
    with open({path!r}, encoding="utf-8") as file:
        return {{"contextUrl": None, "documentUrl": url, "document": json.load(file)}}

jsonld.set_document_loader(load)
"""


@pytest.fixture
def commands(live_server, gwangju, tmp_path):
    make_item(gwangju, titles={"en": "Open letter"}, date_text="circa 1980")
    make_item(gwangju, titles={"en": "Leaflet"}, date_text="1980-05-18/1980-05-27")
    make_item(gwangju, access="restricted", titles={"en": "Closed testimony"})
    make_event(gwangju)
    page = requests.get(live_server.url + "/open-data/").text
    found = {}
    for title, lines in CLIENT.findall(page):
        install, command = html.unescape(lines).split("\n")
        assert install.startswith("pip install ")
        found[html.unescape(title)] = command
    offline = OFFLINE_SCHEMA_ORG.format(path=str(CONTEXT_FILE))
    (tmp_path / "sitecustomize.py").write_text(offline, encoding="utf-8")
    return found


def run(command, tmp_path):
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "PYTHONPATH": str(tmp_path),
    }
    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, timeout=120, env=environment
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def command_of(commands, tool):
    [command] = [c for title, c in commands.items() if f"({tool})" in title]
    return command


def test_sickle_harvests_what_the_page_says(commands, tmp_path):
    output = run(command_of(commands, "Sickle"), tmp_path)

    assert "Open letter" in output and "Leaflet" in output
    assert "Closed testimony" not in output


def test_edtf_reads_every_harvested_date(commands, tmp_path):
    output = run(command_of(commands, "edtf"), tmp_path)

    assert sorted(output.splitlines()) == [
        "1980-05-18/1980-05-27 1980-05-18",
        "1980~ 1980-01-01",
    ]


def test_pyld_expands_the_archive_graph(commands, tmp_path):
    output = run(command_of(commands, "pyld"), tmp_path)

    # Two documents of the archive and an event: the restricted testimony is left out.
    assert output == "3 nodes; ['http://schema.org/ArchiveComponent', 'http://schema.org/Event']\n"


def test_the_client_generator_fetches_the_openapi_document(commands, tmp_path):
    command = command_of(commands, "openapi-python-client")
    [url] = re.findall(r'--url "([^"]+)"', command)

    document = requests.get(url).json()

    assert document["openapi"].startswith("3.") and document["paths"]
    if shutil.which("openapi-python-client"):
        run(f"cd {tmp_path} && {command}", tmp_path)
        assert (tmp_path / "hrcities_client" / "client.py").exists()


def test_the_readme_shows_the_same_client_commands_as_the_page():
    from hrcities.site.opendata import client_examples

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    shown = {
        line.strip()
        for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL)
        for line in block.splitlines()
    }

    for clients in client_examples().values():
        for client in clients:
            for line in client.lines("http://127.0.0.1:8000").splitlines():
                assert line in shown or line.startswith("pip install "), line
