"""Every message the platform shows is in English and in Korean: pages, forms, emails, the
API and the commands alike.

The messages are extracted afresh from the code and the templates (as `make messages`
does, into a temporary folder), and each one must have a Korean translation in the
compiled catalogue the platform reads. A message left out of the catalogue, left empty
or marked fuzzy shows in English to a Korean reader.
"""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[1]
MESSAGES = ROOT / "hrcities" / "locale" / "ko" / "LC_MESSAGES"
# As `make messages`: what makemessages leaves out (dot folders too, by default).
IGNORED = ("var", "benchmarks", "scripts", "build", "hrcities/core/static/vendor")
EXTENSIONS = (".py", ".html", ".txt")

needs_gettext = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("xgettext", "msgen", "msgfmt", "msgattrib")),
    reason="needs the gettext tools",
)


def _sources(into: Path) -> None:
    """Copy the files makemessages reads (no locale folder) into `into`."""
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if path.suffix not in EXTENSIONS or not path.is_file():
            continue
        if any(part.startswith(".") for part in relative.parts) or any(
            relative.as_posix().startswith(ignored + "/") for ignored in IGNORED
        ):
            continue
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]


def _messages(catalogue: dict) -> set[str]:
    """Return the messages of a catalogue (a plural message once, whatever its forms)."""
    return {key[0] if isinstance(key, tuple) else key for key in catalogue} - {""}


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> dict:
    """Return every message the code and templates mark, extracted now, as a catalogue
    (in English: the message is its own translation)."""
    from django.test import override_settings

    tree = tmp_path_factory.mktemp("sources")
    _sources(tree)
    locale = tree / "locale"
    locale.mkdir()
    here = Path.cwd()
    try:
        os.chdir(tree)
        with override_settings(LOCALE_PATHS=[str(locale)]):
            call_command("makemessages", locale=["ko"], keep_pot=True, verbosity=0)
    finally:
        os.chdir(here)
    # msgen copies each message into its translation: compiled, the catalogue holds
    # every message with its context and plural forms, as the platform looks them up.
    english = tree / "en.po"
    subprocess.run(["msgen", "-o", str(english), str(locale / "django.pot")], check=True)
    # The template's header leaves the plural rule and the charset to fill in.
    header = english.read_text(encoding="utf-8")
    header = header.replace("nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=n != 1;")
    english.write_text(header.replace("charset=CHARSET", "charset=UTF-8"), encoding="utf-8")
    subprocess.run(["msgfmt", "-o", str(tree / "en.mo"), str(english)], check=True)
    return _catalogue(tree / "en.mo")


@needs_gettext
def test_every_marked_message_has_its_korean_translation(marked):
    untranslated = sorted(_messages(marked) - _messages(_catalogue(MESSAGES / "django.mo")))
    assert untranslated == [], "Run `make messages`, translate, compile: " + "; ".join(
        untranslated[:20]
    )


@needs_gettext
def test_the_korean_catalogue_has_no_fuzzy_or_empty_translation():
    po = str(MESSAGES / "django.po")
    for option in ("--only-fuzzy", "--untranslated"):
        left = subprocess.run(
            ["msgattrib", option, "--no-obsolete", po], capture_output=True, text=True, check=True
        ).stdout
        # The header is the only entry allowed: its msgid is empty.
        assert left.count("\nmsgid ") <= 1, f"msgattrib {option}:\n{left[:2000]}"


@needs_gettext
def test_the_compiled_catalogue_is_the_current_one(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(MESSAGES / "django.po")], check=True)
    assert _catalogue(compiled) == _catalogue(MESSAGES / "django.mo")


def test_every_command_of_the_platform_speaks_the_environments_language():
    from hrcities.core.commands import TranslatedCommand

    ours = {name: app for name, app in get_commands().items() if app.startswith("hrcities.")}
    assert ours, "the platform's commands were not found"
    plain = [
        name
        for name, app in sorted(ours.items())
        if not isinstance(load_command_class(app, name), TranslatedCommand)
    ]
    assert plain == []
