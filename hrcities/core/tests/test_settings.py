"""Production settings are checked in a fresh interpreter, as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


def run_settings(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"HRCITIES_TESTING", "DEBUG", "SECRET_KEY"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import config.settings as s; " + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("print('started')", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_production_sets_secure_cookies_hsts_and_https():
    result = run_settings(
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS)",
        DEBUG="false",
        SECRET_KEY="x" * 50,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "31536000", "True", "DENY"]


def test_development_runs_without_a_secret_key():
    result = run_settings("print(s.DEBUG)", DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.django_db
def test_every_page_forbids_outside_scripts_and_framing(client):
    response = client.get(reverse("accounts:login"))

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
