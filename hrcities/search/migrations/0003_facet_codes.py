"""Facet labels as codes kept on the document row, and the indexes the window query reads.

The column is added with plain ALTER TABLE on both databases: Django would otherwise
rebuild the SQLite table, and a rebuilt table loses the triggers that keep the FTS5
index in step. Existing documents get their codes from their SearchLabel rows.
On SQLite, a covering index holds exactly what the window query reads per match (access
fields, owner, facet codes), so it never reads the wide document row; on PostgreSQL the
tsvector stays inside the row.
"""

from collections import defaultdict

import numpy as np
from django.db import migrations, models

ADD_COLUMN = {
    "sqlite": "ALTER TABLE search_searchdocument ADD COLUMN facet_codes blob NOT NULL DEFAULT x''",
    "postgresql": (
        "ALTER TABLE search_searchdocument ADD COLUMN facet_codes bytea NOT NULL DEFAULT ''"
    ),
}
WINDOW_INDEX = (
    "CREATE INDEX search_document_window ON search_searchdocument ("
    "id, publication, is_withdrawn, access, embargo_until, after_embargo, "
    "city_id, organisation_id, facet_codes)"
)
BATCH = 2_000


# PostgreSQL moves the largest values of a wide row out of line (TOAST); the tsvector is
# the largest, and every match check would then fetch it from the TOAST table (three
# buffers a row instead of one). MAIN keeps it in the row and moves the text out instead.
# It applies to rows written from now on; VACUUM FULL rewrites the older ones.
KEEP_VECTOR_INLINE = (
    "ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET STORAGE MAIN"
)


def add_column(apps, schema_editor):
    schema_editor.execute(ADD_COLUMN[schema_editor.connection.vendor])
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(WINDOW_INDEX)
    else:
        schema_editor.execute(KEEP_VECTOR_INLINE)


def drop_column(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS search_document_window")
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN facet_codes")


def backfill(apps, schema_editor):
    document_model = apps.get_model("search", "SearchDocument")
    label_model = apps.get_model("search", "SearchLabel")
    code_model = apps.get_model("search", "FacetLabel")
    code_model.objects.bulk_create(
        [
            code_model(label=label)
            for label in label_model.objects.values_list("label", flat=True).distinct()
        ],
        ignore_conflicts=True,
    )
    codes = dict(code_model.objects.values_list("label", "id"))
    ids = list(document_model.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        labels = defaultdict(list)
        for document_id, label in label_model.objects.filter(document_id__in=chunk).values_list(
            "document_id", "label"
        ):
            labels[document_id].append(codes[label])
        for document_id, found in labels.items():
            document_model.objects.filter(pk=document_id).update(
                facet_codes=np.array(sorted(found), dtype="<u4").tobytes()
            )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engines")]

    operations = [
        migrations.CreateModel(
            name="FacetLabel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.CharField(max_length=160, unique=True)),
            ],
        ),
        migrations.RemoveIndex(model_name="searchlabel", name="search_sear_documen_6d506c_idx"),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_column, drop_column)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="facet_codes",
                    field=models.BinaryField(blank=True, default=b""),
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
