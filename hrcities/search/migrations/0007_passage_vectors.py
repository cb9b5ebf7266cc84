"""Passage vectors of long documents, beside the documents' own (passages.py).

On PostgreSQL with pgvector the passages get the same `embedding vector(512)` column as
the documents. Existing documents get their passages from the next `hrcities reindex`.
"""

import django.db.models.deletion
from django.db import migrations, models

from hrcities.search.pgvector import add_vector_column


def with_pgvector(apps, schema_editor):
    add_vector_column(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_exact_neighbours")]

    operations = [
        migrations.CreateModel(
            name="SearchPassage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("vector", models.BinaryField()),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="passages",
                        to="search.searchdocument",
                    ),
                ),
            ],
        ),
        # Dropping the table on the way back takes its column with it.
        migrations.RunPython(with_pgvector, migrations.RunPython.noop),
    ]
