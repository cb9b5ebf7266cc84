"""Commands speak the language of the shell they run in: Korean for `HRCITIES_LANGUAGE=ko`
or a Korean locale, English otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hrcities.core.commands import command_language, padded

ROOT = Path(__file__).resolve().parents[3]
LOCALE_VARIABLES = ("HRCITIES_LANGUAGE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def shell(monkeypatch):
    """Return a function that sets the shell's language variables (the others unset)."""

    def set_variables(**variables: str) -> None:
        for name in LOCALE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in variables.items():
            monkeypatch.setenv(name, value)

    return set_variables


@pytest.mark.parametrize(
    ("variables", "language"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "ko_KR.UTF-8", "LC_ALL": "C"}, "en"),
        ({"LANG": "ko_KR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:ko", "LANG": "fr_FR.UTF-8"}, "ko"),
        ({"HRCITIES_LANGUAGE": "ko", "LANG": "en_US.UTF-8"}, "ko"),
        ({"HRCITIES_LANGUAGE": "en", "LANG": "ko_KR.UTF-8"}, "en"),
        ({"HRCITIES_LANGUAGE": "ko-KR"}, "ko"),
    ],
)
def test_the_language_comes_from_the_shell(variables, language):
    assert command_language(variables) == language


def test_a_language_the_platform_does_not_speak_is_refused_by_name():
    with pytest.raises(CommandError, match="HRCITIES_LANGUAGE=fr: the commands speak en or ko"):
        command_language({"HRCITIES_LANGUAGE": "fr"})


@pytest.mark.django_db
def test_a_korean_shell_reads_the_summary_in_korean_and_any_other_in_english(shell):
    out = StringIO()
    shell(LANG="ko_KR.UTF-8")
    call_command("send_reminders", stdout=out)
    shell(LANG="C.UTF-8")
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["이메일 0통을 보냈습니다.", "0 email(s) sent."]


@pytest.mark.django_db
def test_a_refused_command_says_why_in_the_shells_language(shell):
    shell(HRCITIES_LANGUAGE="ko")
    with pytest.raises(CommandError, match="알 수 없는 도시입니다: “atlantis”"):
        call_command("indicator_values", "export", "-", "--city", "atlantis")
    shell()
    with pytest.raises(CommandError, match="There is no city “atlantis”."):
        call_command("indicator_values", "export", "-", "--city", "atlantis")


def run_hrcities(*args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "HRCITIES_TESTING": "1",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-m", "hrcities.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_help_of_a_command_is_in_the_shells_language():
    korean = run_hrcities("send_reminders", "--help", LANG="ko_KR.UTF-8")
    english = run_hrcities("send_reminders", "--help", LANG="C.UTF-8")
    assert korean.returncode == english.returncode == 0, korean.stderr + english.stderr
    assert "이메일로 보냅니다" in " ".join(korean.stdout.split())
    assert "Email each person what waits for them" in " ".join(english.stdout.split())


def test_a_mistyped_language_ends_the_command_with_a_clear_error():
    result = run_hrcities("send_reminders", HRCITIES_LANGUAGE="kr")
    assert result.returncode == 1
    assert "HRCITIES_LANGUAGE=kr: the commands speak en or ko" in result.stderr


def test_korean_labels_line_up_in_a_terminal():
    assert padded("지표", 8) == "지표    "
    assert padded("goals", 8) == "goals   "
