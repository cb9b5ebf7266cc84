from django.utils.translation import gettext_lazy

from hrcities.core.commands import CsvImportCommand
from hrcities.emergency.exchange import import_measures_csv, import_reviews_csv


class Command(CsvImportCommand):
    help = gettext_lazy(
        "Add and change emergency measures or reviews from a CSV file (the export's "
        "format), as a user whose permissions apply per row. All rows or none: every bad "
        "row is reported, and nothing changes if any is bad."
    )
    kinds = {
        "measures": (gettext_lazy("Measures"), import_measures_csv),
        "reviews": (gettext_lazy("Reviews"), import_reviews_csv),
    }
