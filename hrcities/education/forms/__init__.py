"""Forms of the education pages: a programme (new, edited or adapted), a session with its
participant counts and evaluation, a material, and the confirmation before a deletion;
one module each.

The forms read what was typed; the services decide what may be stored and who may store
it, and their errors are shown beside the fields they name.
"""

from .common import FIELD_FOR
from .materials import MaterialForm
from .programmes import ACCESS_FIELDS, ProgrammeForm
from .sessions import SessionForm, count_field_name

__all__ = [
    "ACCESS_FIELDS",
    "FIELD_FOR",
    "MaterialForm",
    "ProgrammeForm",
    "SessionForm",
    "count_field_name",
]
