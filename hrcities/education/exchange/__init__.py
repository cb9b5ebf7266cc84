"""Programmes and sessions as CSV, both ways; one module each.

One format per kind, which the export writes and the import reads back unchanged: a row
with an `id` changes that record (if its `version` still matches), a row without one adds
a record. A file with any bad row changes nothing, and every bad row and column is
reported with the reason (`hrcities.core.csvfiles.run_import`, as every domain imports).
The export reads through `visible_to(reader)`; the import writes through the education
services, so it may do exactly what the forms may.

Publication (`status`) is written out but never read back: publishing is a reviewer's
act of its own, and an import adds drafts.
"""

from hrcities.core.csvfiles import ImportRefused

from .programmes import (
    LINK_COLUMNS,
    PROGRAMME_COLUMNS,
    export_programmes_chunks,
    export_programmes_csv,
    import_programmes_csv,
    programme_rows,
)
from .sessions import (
    SESSION_COLUMNS,
    export_sessions_chunks,
    export_sessions_csv,
    import_sessions_csv,
    session_rows,
    sessions_for_export,
)

__all__ = [
    "LINK_COLUMNS",
    "PROGRAMME_COLUMNS",
    "SESSION_COLUMNS",
    "ImportRefused",
    "export_programmes_chunks",
    "export_programmes_csv",
    "export_sessions_chunks",
    "export_sessions_csv",
    "import_programmes_csv",
    "import_sessions_csv",
    "programme_rows",
    "session_rows",
    "sessions_for_export",
]
