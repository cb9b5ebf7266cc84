"""The lock file and pyproject.toml agree, so `make run` installs what the project declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def locked(path: Path) -> dict[str, str]:
    """Return the lock's packages by canonical name, with their pinned versions."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            pins[canonicalize_name(match[1])] = match[2]
        elif line and not line.startswith((" ", "#")):
            raise AssertionError(f"{path.name}: a requirement without an exact pin: {line!r}")
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    return [Requirement(text) for text in [*project["dependencies"], *extras.get("dev", [])]]


def test_every_declared_dependency_is_locked_at_a_version_it_accepts():
    pins = locked(ROOT / "requirements.lock")
    problems = []
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement} is not in requirements.lock")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{requirement} does not accept the locked {name}=={pins[name]}")
    assert not problems, "run `make lock`: " + "; ".join(problems)


def test_every_locked_package_carries_a_hash():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    unhashed = [block.split()[0] for block in blocks if PIN.match(block) and "--hash=" not in block]
    assert not unhashed


def test_the_installer_itself_is_pinned_with_its_hash():
    pins = locked(ROOT / "requirements-installer.lock")
    assert "pip" in pins
    assert "--hash=sha256:" in (ROOT / "requirements-installer.lock").read_text(encoding="utf-8")


def test_the_lock_is_installed_as_written_and_checked():
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r requirements-installer.lock" in recipe
    assert "--require-hashes --no-deps -r requirements.lock" in recipe
    assert "pip check" in recipe
