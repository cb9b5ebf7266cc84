"""Drop the approximate (HNSW) index of the vector column, where 0004 made one.

Search compares the query with the newest documents the reader may see, exactly: the
graph index was walked over hidden documents too, so which visible neighbours it found
depended on them. Undoing this migration leaves the index out; nothing reads it.
"""

from django.db import migrations

from hrcities.search.pgvector import drop_approximate_index


def forwards(apps, schema_editor):
    drop_approximate_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_document_titles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
