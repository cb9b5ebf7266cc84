"""A line under a search result's title, per language: where the record comes from when its
title is its own words (a UPR recommendation's country, cycle and paragraph).

Added with plain ALTER TABLE, as in 0003 and 0005: a rebuilt SQLite table would lose the
FTS5 triggers. Documents indexed before have no line until the next `hrcities reindex`
(for UPR recommendations: `hrcities reindex --kind upr-recommendation`).
"""

from django.db import migrations, models

ADD_COLUMN = {
    "sqlite": "ALTER TABLE search_searchdocument ADD COLUMN subtitles text NOT NULL DEFAULT '{}'",
    "postgresql": (
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN subtitles jsonb NOT NULL DEFAULT '{}'::jsonb"
    ),
}


def add_column(apps, schema_editor):
    schema_editor.execute(ADD_COLUMN[schema_editor.connection.vendor])


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN subtitles")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_consent_fields")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_column, drop_column)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="subtitles",
                    field=models.JSONField(blank=True, default=dict),
                )
            ],
        )
    ]
