"""The title of a search document in each language its record has, shown to readers.

Added with plain ALTER TABLE, as in 0003: a rebuilt SQLite table would lose the FTS5
triggers. Documents indexed before keep one title until the next `hrcities reindex`.
"""

from django.db import migrations, models

ADD_COLUMN = {
    "sqlite": "ALTER TABLE search_searchdocument ADD COLUMN titles text NOT NULL DEFAULT '{}'",
    "postgresql": (
        "ALTER TABLE search_searchdocument ADD COLUMN titles jsonb NOT NULL DEFAULT '{}'::jsonb"
    ),
}


def add_column(apps, schema_editor):
    schema_editor.execute(ADD_COLUMN[schema_editor.connection.vendor])


def drop_column(apps, schema_editor):
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN titles")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pgvector")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_column, drop_column)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="titles",
                    field=models.JSONField(blank=True, default=dict),
                )
            ],
        )
    ]
