"""The emergency measures pages, one module per resource."""

from .exchange import import_csv, measures_csv, reviews_csv
from .measures import (
    change_add,
    measure_create,
    measure_delete,
    measure_detail,
    measure_edit,
    measure_list,
    measure_publish,
    measure_submit,
    source_add,
    source_delete,
    source_file,
)
from .reviews import (
    review_create,
    review_delete,
    review_detail,
    review_edit,
    review_publish,
    review_return,
    review_submit,
)
from .watch import city_timeline, dashboard

__all__ = [
    "change_add",
    "city_timeline",
    "dashboard",
    "import_csv",
    "measure_create",
    "measure_delete",
    "measure_detail",
    "measure_edit",
    "measure_list",
    "measure_publish",
    "measure_submit",
    "measures_csv",
    "review_create",
    "review_delete",
    "review_detail",
    "review_edit",
    "review_publish",
    "review_return",
    "review_submit",
    "reviews_csv",
    "source_add",
    "source_delete",
    "source_file",
]
