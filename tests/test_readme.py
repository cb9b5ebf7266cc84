"""Every command the README names runs as written, in a new shell with nothing exported.

The commands run as subprocesses the way a newcomer types them after `make run`: the only
setting is the data folder holding the development file `make run` writes (the default is
the checkout's `var/`; the tests use a temporary one so the checkout is left as it was).
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from config import localenv

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
HRCITIES = ".venv/bin/hrcities"

# Commands that only read: the README's lines for these run for real on the demo data.
READ_ONLY = {
    "ingest_declaration",  # --dry-run
    "export_archive",
    "export_emergency",
    "indicator_values",  # export
    "export_opensdg",
    "report",
    "classify",
    "export_openapi",
}


def readme_command_lines() -> list[str]:
    """Return the README's `.venv/bin/hrcities ...` lines from its shell blocks, comments cut."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            for part in command.split("&&"):
                if part.strip().startswith(HRCITIES + " "):
                    lines.append(part.strip())
    return lines


def command_name(line: str) -> str:
    return shlex.split(line)[1]


def readme_make_targets() -> set[str]:
    return set(re.findall(r"`make ([a-z][a-z-]*)", README)) | set(
        re.findall(r"^make ([a-z][a-z-]*)", README, flags=re.MULTILINE)
    )


def newcomer_env(data_dir: Path) -> dict[str, str]:
    """A new shell's environment: nothing of this project's is exported but the data folder."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(data_dir),
        "LANG": "C.UTF-8",
        "HRCITIES_DATA_DIR": str(data_dir),
    }


def run(line: str, data_dir: Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        shlex.split(line),
        cwd=cwd,
        env=newcomer_env(data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def after_make_run(tmp_path_factory):
    """A data folder as `make run` leaves it: the development file and the demo data."""
    data_dir = tmp_path_factory.mktemp("var")
    localenv.write(data_dir / localenv.FILE_NAME)
    for step in ("migrate --noinput -v 0", "load_reference", "load_demo"):
        done = run(f"{ROOT / HRCITIES} {step}", data_dir, ROOT, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
    return data_dir


@pytest.fixture
def workdir(tmp_path):
    """A folder where the README's relative paths resolve as in the checkout."""
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    (tmp_path / "hrcities").symlink_to(ROOT / "hrcities")
    (tmp_path / "texts.csv").write_text(
        "text\nWomen's participation in local government\n광주 민주화 운동의 기억\n",
        encoding="utf-8",
    )
    return tmp_path


def test_the_readme_names_its_commands():
    names = {command_name(line) for line in readme_command_lines()}
    assert {"load_demo", "report", "export_archive", "reindex"} <= names
    assert READ_ONLY <= names, "a read-only command left the README: update READ_ONLY"


@pytest.mark.parametrize("name", sorted({command_name(line) for line in readme_command_lines()}))
def test_every_readme_command_starts_in_a_new_shell(name, tmp_path):
    localenv.write(tmp_path / localenv.FILE_NAME)
    done = run(f"{ROOT / HRCITIES} {name} --help", tmp_path, ROOT)
    assert done.returncode == 0, f"{name}: {done.stderr[-2000:]}"
    assert "usage:" in done.stdout


@pytest.mark.parametrize(
    "line", [line for line in readme_command_lines() if command_name(line) in READ_ONLY]
)
def test_read_only_readme_commands_run_as_written_on_the_demo_data(line, after_make_run, workdir):
    done = run(line, after_make_run, workdir)
    assert done.returncode == 0, f"{line}: {done.stderr[-2000:]}"
    outputs = re.findall(r"(?:--output|export) (\S+\.\w+)", line)
    for name in outputs:
        written = workdir / name
        assert written.is_file() and written.stat().st_size > 0, f"{line} wrote no {name}"
    if "--json" in line:
        assert done.stdout.lstrip().startswith(("{", "["))


@pytest.mark.parametrize("target", sorted(readme_make_targets()))
def test_every_make_target_the_readme_names_exists(target):
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "No rule to make target" not in done.stderr, f"make {target}: {done.stderr}"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    done = run(f"{ROOT / HRCITIES} check", tmp_path, ROOT)
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr


def test_production_settings_pass_djangos_deployment_checks(tmp_path):
    """The README's production environment leaves `check --deploy` with nothing to say."""
    env = newcomer_env(tmp_path) | {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 30 + "-production-key-for-the-deployment-check-" + "y" * 20,
        "ALLOWED_HOSTS": "hrcities.example.org",
    }
    done = subprocess.run(
        [str(ROOT / HRCITIES), "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "no issues" in done.stdout


def test_the_environment_wins_over_the_development_file(tmp_path):
    localenv.write(tmp_path / localenv.FILE_NAME)
    env = newcomer_env(tmp_path) | {"DEBUG": "false"}
    done = subprocess.run(
        [
            str(ROOT / HRCITIES),
            "shell",
            "-c",
            "from django.conf import settings as s; print(s.DEBUG)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_the_development_file_is_private_and_never_overwritten(tmp_path):
    path = tmp_path / localenv.FILE_NAME
    assert localenv.write(path)
    first = path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o777 == 0o600
    assert "DEBUG=true" in first and re.search(r"^SECRET_KEY=\S{40,}$", first, re.MULTILINE)
    assert not localenv.write(path)
    assert path.read_text(encoding="utf-8") == first


def test_a_malformed_development_file_says_which_line(tmp_path):
    (tmp_path / localenv.FILE_NAME).write_text("DEBUG=true\nthis is not a setting\n")
    done = run(f"{ROOT / HRCITIES} check", tmp_path, ROOT)
    assert done.returncode != 0
    assert "line 2" in done.stderr
