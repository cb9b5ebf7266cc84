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
        k: v
        for k, v in os.environ.items()
        if k not in {"HRCITIES_TESTING", "DEBUG", "SECRET_KEY", "DEFAULT_FROM_EMAIL"}
        and not k.startswith("EMAIL_")
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


def test_production_sends_email_through_the_smtp_server_the_environment_names():
    result = run_settings(
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, "
        "s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)",
        DEBUG="false",
        SECRET_KEY="x" * 50,
        EMAIL_HOST="smtp.gwangju.example",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="hrcities",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="false",
        DEFAULT_FROM_EMAIL="rights@gwangju.example",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.gwangju.example",
        "2525",
        "hrcities",
        "secret",
        "False",
        "rights@gwangju.example",
    ]


def test_development_writes_each_email_to_the_data_folders_mail_folder(tmp_path):
    written = run_settings(
        "print(s.EMAIL_BACKEND, s.EMAIL_FILE_PATH)", DEBUG="true", HRCITIES_DATA_DIR=str(tmp_path)
    )
    printed = run_settings("print(s.EMAIL_BACKEND)", DEBUG="true", EMAIL_BACKEND="console")

    assert written.returncode == 0, written.stderr
    assert written.stdout.split() == [
        "django.core.mail.backends.filebased.EmailBackend",
        str(tmp_path / "mail"),
    ]
    assert printed.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.django_db
def test_every_page_forbids_outside_scripts_and_framing(client):
    response = client.get(reverse("accounts:login"))

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
