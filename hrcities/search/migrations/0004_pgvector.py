"""On PostgreSQL with the pgvector extension available, a vector column with an HNSW index.

Where the server does not offer the extension, nothing changes and search compares
vectors in numpy (hrcities/search/vectors.py). Installed later, pgvector is taken up by
the next `hrcities reindex`.
"""

from django.db import migrations

from hrcities.search.pgvector import add_vector_column, drop_vector_column


def forwards(apps, schema_editor):
    add_vector_column(schema_editor.connection)


def backwards(apps, schema_editor):
    drop_vector_column(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_facet_codes")]

    operations = [migrations.RunPython(forwards, backwards)]
