"""Facet labels kept on the document row, and an index of the documents with a vector.

The column is added with plain ALTER TABLE on both databases: Django would otherwise
rebuild the SQLite table, and a rebuilt table loses the triggers that keep the FTS5
index in step. Existing documents get their labels copied from their SearchLabel rows.
"""

from django.db import migrations, models

ADD_COLUMN = "ALTER TABLE search_searchdocument ADD COLUMN facets text NOT NULL DEFAULT ''"
DROP_COLUMN = "ALTER TABLE search_searchdocument DROP COLUMN facets"
BACKFILL = {
    "sqlite": """UPDATE search_searchdocument SET facets = coalesce((
        SELECT group_concat(label, char(10)) FROM (
            SELECT label FROM search_searchlabel
            WHERE document_id = search_searchdocument.id ORDER BY label)), '')""",
    "postgresql": """UPDATE search_searchdocument d SET facets = coalesce((
        SELECT string_agg(label, E'\\n' ORDER BY label) FROM search_searchlabel
        WHERE document_id = d.id), '')""",
}


def backfill(apps, schema_editor):
    schema_editor.execute(BACKFILL[schema_editor.connection.vendor])


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engines")]

    operations = [
        migrations.RemoveIndex(model_name="searchlabel", name="search_sear_documen_6d506c_idx"),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD_COLUMN, DROP_COLUMN)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="facets",
                    field=models.TextField(blank=True, default=""),
                )
            ],
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                condition=models.Q(("vector__isnull", False)),
                fields=["id"],
                name="search_doc_has_vector",
            ),
        ),
    ]
