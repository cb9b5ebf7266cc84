"""The archive's consent fields on the search document (research use only, consent due for
renewal), so that `visible_to` applies the consent rules inside every search query.

Added with plain ALTER TABLE, as in 0003: a rebuilt SQLite table would lose the FTS5
triggers. The covering index the window query reads is made again with the two fields,
so the check still never reads the wide document row.
"""

from django.db import migrations, models

ADD_COLUMNS = {
    "sqlite": [
        "ALTER TABLE search_searchdocument ADD COLUMN is_research_only bool NOT NULL DEFAULT 0",
        "ALTER TABLE search_searchdocument ADD COLUMN consent_due date NULL",
    ],
    "postgresql": [
        "ALTER TABLE search_searchdocument "
        "ADD COLUMN is_research_only boolean NOT NULL DEFAULT false",
        "ALTER TABLE search_searchdocument ADD COLUMN consent_due date NULL",
    ],
}
OLD_WINDOW_INDEX = (
    "CREATE INDEX search_document_window ON search_searchdocument ("
    "id, publication, is_withdrawn, access, embargo_until, after_embargo, "
    "city_id, organisation_id, facet_codes)"
)
WINDOW_INDEX = (
    "CREATE INDEX search_document_window ON search_searchdocument ("
    "id, publication, is_withdrawn, access, embargo_until, after_embargo, "
    "is_research_only, consent_due, city_id, organisation_id, facet_codes)"
)


def add_columns(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in ADD_COLUMNS[vendor]:
        schema_editor.execute(statement)
    if vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_window")
        schema_editor.execute(WINDOW_INDEX)


def drop_columns(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_window")
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN consent_due")
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN is_research_only")
    if vendor == "sqlite":
        schema_editor.execute(OLD_WINDOW_INDEX)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_passage_vectors")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_columns, drop_columns)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="is_research_only",
                    field=models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="Seen only by its keepers and the researchers its owner named.",
                        verbose_name="for research use only",
                    ),
                ),
                migrations.AddField(
                    model_name="searchdocument",
                    name="consent_due",
                    field=models.DateField(
                        blank=True,
                        editable=False,
                        help_text="When a current consent is to be asked again.",
                        null=True,
                        verbose_name="consent to be renewed by",
                    ),
                ),
            ],
        )
    ]
