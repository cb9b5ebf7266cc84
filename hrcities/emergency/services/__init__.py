"""Writes of the emergency measures review: measures with their links, the changes they go
through, their sources, reviews answered question by question, and publication; one
module each.

Every verb here is one transaction: a measure with its issues and groups, a change with the
measure's new dates, a review with all its answers. Who may do what is asked of
`hrcities.access.keepers`; views and the API call these verbs and never save on their own.
"""

from .common import FIXED_FIELDS, REVIEWER_FIELDS, require_change, require_contribute
from .measures import (
    create_measure,
    delete_measure,
    publish_measure,
    record_change,
    submit_measure,
    update_measure,
)
from .reviews import (
    Answers,
    create_review,
    delete_review,
    publish_review,
    return_review,
    submit_review,
    unanswered,
    update_review,
)
from .sources import SOURCE_TYPES, add_source, checked_type, delete_source

__all__ = [
    "FIXED_FIELDS",
    "REVIEWER_FIELDS",
    "SOURCE_TYPES",
    "Answers",
    "add_source",
    "checked_type",
    "create_measure",
    "create_review",
    "delete_measure",
    "delete_review",
    "delete_source",
    "publish_measure",
    "publish_review",
    "return_review",
    "record_change",
    "require_change",
    "require_contribute",
    "submit_measure",
    "submit_review",
    "unanswered",
    "update_measure",
    "update_review",
]
