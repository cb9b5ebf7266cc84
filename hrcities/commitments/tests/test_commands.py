import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hrcities.commitments.models import Declaration

pytestmark = pytest.mark.django_db
FILE = Path(__file__).resolve().parents[1] / "data" / "2020-whrcf-final-declaration.txt"


def run(*args):
    out = StringIO()
    call_command("ingest_declaration", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_command_prints_the_counts_and_saves_the_declaration():
    output = run(str(FILE), "--start-date", "2020-10-07", "--end-date", "2020-10-10")

    assert "17 preamble clauses, 5 promises, 0 unplaced" in output
    declaration = Declaration.objects.get()
    assert declaration.commitments.count() == 5
    assert declaration.slug == "final-declaration-of-the-2020-world-human-rights-cities-forum"
    assert f"Saved as {declaration.slug}" in output


def test_a_json_dry_run_prints_the_structure_and_saves_nothing():
    document = json.loads(run(str(FILE), "--dry-run", "--json"))

    assert document["title"] == "Final Declaration of the 2020 World Human Rights Cities Forum"
    assert len(document["preamble"]) == 17 and len(document["promises"]) == 5
    assert document["unplaced"] == []
    assert not Declaration.objects.exists()


def test_a_missing_or_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "nothing.txt"))
    fake = tmp_path / "declaration.pdf"
    fake.write_text("not a pdf")
    with pytest.raises(CommandError, match="declaration.pdf"):
        run(str(fake))
