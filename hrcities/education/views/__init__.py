"""The education pages, one module per resource."""

from .editing import (
    programme_adapt,
    programme_archive,
    programme_create,
    programme_delete,
    programme_edit,
    programme_publish,
    programme_return,
    programme_submit,
    programme_unarchive,
)
from .exchange import for_city, for_city_choose, import_csv, programmes_csv, sessions_csv
from .materials import material_add, material_delete, material_file
from .programmes import programme_detail, programme_list, totals, travels, travels_data
from .sessions import session_add, session_delete, session_detail, session_edit

__all__ = [
    "for_city",
    "for_city_choose",
    "import_csv",
    "programmes_csv",
    "sessions_csv",
    "material_add",
    "material_delete",
    "material_file",
    "programme_adapt",
    "programme_archive",
    "programme_create",
    "programme_delete",
    "programme_detail",
    "programme_edit",
    "programme_list",
    "programme_publish",
    "programme_return",
    "programme_submit",
    "programme_unarchive",
    "session_add",
    "session_delete",
    "session_detail",
    "session_edit",
    "totals",
    "travels",
    "travels_data",
]
