"""The production server, started as the README says: collected static files, gunicorn,
DEBUG off. Run in fresh processes on a database of their own."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent


def production_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"HRCITIES_TESTING", "DEBUG", "DATABASE_URL"}
    }
    env.update(
        HRCITIES_DATA_DIR=str(data_dir),
        DATABASE_URL=f"sqlite:///{data_dir / 'hrcities.sqlite3'}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
    )
    return env


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def server(tmp_path):
    env = production_env(tmp_path)
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        result = subprocess.run(
            [str(BIN / "hrcities"), *command], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr[-2000:]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "server.log"
    # A file, not a pipe: a pipe nobody reads would fill up and stop the server.
    log_file = log.open("w")
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            get(base + "/healthz")
            break
        except OSError:
            assert process.poll() is None, log.read_text()[-2000:]
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=20)
    log_file.close()


def test_the_production_server_serves_pages_and_fingerprinted_static_files(server):
    status, _headers, body = get(server + "/")
    assert status == 200
    html = body.decode()
    assert "<html" in html and "DEBUG" not in html
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', html)
    assert stylesheet, "the page links no fingerprinted stylesheet"

    status, headers, _ = get(server + stylesheet.group(1))
    assert status == 200
    assert "immutable" in headers.get("Cache-Control", "")

    status, _headers, body = get(server + "/no-such-page/")
    assert status == 404
    assert "Traceback" not in body.decode()
