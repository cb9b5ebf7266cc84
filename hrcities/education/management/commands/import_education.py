from django.utils.translation import gettext_lazy

from hrcities.core.commands import CsvImportCommand
from hrcities.education.exchange import import_programmes_csv, import_sessions_csv


class Command(CsvImportCommand):
    help = gettext_lazy(
        "Add and change education programmes or sessions from a CSV file (the export's "
        "format), as a user whose permissions apply per row. All rows or none: every bad "
        "row is reported, and nothing changes if any is bad."
    )
    kinds = {
        "programmes": (gettext_lazy("Programmes"), import_programmes_csv),
        "sessions": (gettext_lazy("Sessions"), import_sessions_csv),
    }
