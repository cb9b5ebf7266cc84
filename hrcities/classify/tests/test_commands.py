"""The bulk `classify` command, `suggest_tags`, and their errors."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from hrcities.classify.bulk import output_columns

ROWS = [
    {"id": "a", "text": "Guarantee free primary education for every child", "city": "Gwangju"},
    {"id": "b", "text": "", "city": "Seoul"},
    {"id": "c", "text": "모든 가구에 안전한 식수와 위생 시설을 제공한다", "city": "Busan"},
    {"id": "d", "text": "12345", "city": "Graz"},
    {"id": "e", "text": "Combat discrimination against Roma and migrants", "city": "Graz"},
]


def write_csv(path, rows, columns=("id", "text", "city")):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_keeps_every_row_in_order_with_its_columns_and_adds_scores(tmp_path):
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(source, ROWS)
    call_command("classify", input=source, output=target, text_column="text", stderr=io.StringIO())
    out = read_csv(target)
    assert [r["id"] for r in out] == ["a", "b", "c", "d", "e"]
    assert [r["city"] for r in out] == [r["city"] for r in ROWS]
    assert list(out[0])[:3] == ["id", "text", "city"]
    assert list(out[0])[3:] == output_columns()
    assert "4" in out[0]["sdg_predicted"].split(";")
    assert "6" in out[2]["sdg_predicted"].split(";")
    for row in (out[0], out[2], out[4]):
        assert row["classify_error"] == ""
        assert all(0 <= float(row[f"sdg_{n}"]) <= 1 for n in range(1, 18))
    assert "row 3" in out[1]["classify_error"] and "empty" in out[1]["classify_error"]
    assert out[1]["sdg_1"] == "" and out[1]["sdg_predicted"] == ""
    assert "row 5" in out[3]["classify_error"] and "no words" in out[3]["classify_error"]


def test_predicted_goals_are_those_at_or_above_the_threshold(tmp_path):
    from hrcities.classify.model import suggesters

    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    write_csv(source, ROWS)
    call_command("classify", input=source, output=target, stderr=io.StringIO())
    threshold = suggesters().goals.threshold
    for row in read_csv(target):
        if row["classify_error"]:
            continue
        above = {str(n) for n in range(1, 18) if float(row[f"sdg_{n}"]) >= threshold - 1e-4}
        assert set(filter(None, row["sdg_predicted"].split(";"))) == above


def test_json_lines_in_and_out_keep_rows_and_fields(tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [
        {"n": 1, "body": "Protect marine ecosystems"},
        {"n": 2, "body": 7},
        {"n": 3, "body": "해양 오염을 줄인다"},
    ]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    call_command("classify", input=source, output=target, text_column="body", stderr=io.StringIO())
    out = [json.loads(line) for line in target.read_text("utf-8").splitlines()]
    assert [r["n"] for r in out] == [1, 2, 3]
    assert "14" in out[0]["sdg_predicted"].split(";")
    assert (
        "line 2" in out[1]["classify_error"]
        and "expected text, got int" in out[1]["classify_error"]
    )
    assert out[2]["body"] == "해양 오염을 줄인다"


def test_a_missing_text_column_is_named_with_the_columns_there_are(tmp_path):
    source = tmp_path / "in.csv"
    write_csv(source, ROWS)
    with pytest.raises(CommandError, match="no column 'body'; the columns are: id, text, city"):
        call_command("classify", input=source, output=tmp_path / "out.csv", text_column="body")
    assert not (tmp_path / "out.csv").exists()


def test_a_file_that_is_not_utf8_text_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(b"id,text\n1," + "교육".encode("euc-kr") + b"\n")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("classify", input=source, output=tmp_path / "out.csv")
    assert not list(tmp_path.glob("out.csv*"))


def test_columns_the_command_would_add_may_not_be_in_the_input(tmp_path):
    source = tmp_path / "in.csv"
    write_csv(source, [{"text": "Housing", "sdg_1": "x"}], columns=("text", "sdg_1"))
    with pytest.raises(CommandError, match="already has columns this command adds: sdg_1"):
        call_command("classify", input=source, output=tmp_path / "out.csv")


def test_an_absent_input_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("classify", input=tmp_path / "nothing.csv", output=tmp_path / "out.csv")


@pytest.mark.django_db
def test_suggest_tags_all_recomputes_every_kind_with_a_progress_bar(gwangju):
    from hrcities.commitments.tests.factories import make_action, make_declaration
    from hrcities.taxonomy.models import Tagging

    commitment = make_declaration(promises=1).commitments.get()
    action = make_action(
        commitment, gwangju, title="Safe water", description="Safe drinking water for all"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("suggest_tags", "--all", stdout=out, stderr=err)
    assert Tagging.objects.for_record(action).suggested().filter(label="sdg:6").exists()
    assert "commitments.action" in err.getvalue() and "1/1" in err.getvalue()
    assert "Stored" in out.getvalue()


@pytest.mark.django_db
def test_suggest_tags_names_unknown_kinds_and_needs_a_choice():
    with pytest.raises(CommandError, match="Unknown kind network.city; taggable kinds: "):
        call_command("suggest_tags", kind=["network.city"])
    with pytest.raises(CommandError, match="--all"):
        call_command("suggest_tags")
