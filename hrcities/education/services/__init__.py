"""Writes in the education network: programmes and their adaptations, publication,
sessions with their participant counts, and materials; one module each.

Every write here runs in one transaction: a programme with its links, a session with its
counts, a material with its file. Who may do what is asked of `hrcities.access.keepers`;
views and the API call these verbs and never open transactions of their own.
"""

from .common import (
    LINK_FIELDS,
    REVIEWER_FIELDS,
    STATE_FIELDS,
    may_record_sessions,
    require_change,
    require_contribute,
    unique_slug,
)
from .materials import OFFICE_TYPES, add_material, checked_type, delete_material, update_material
from .programmes import (
    COPIED_FIELDS,
    COPIED_LINKS,
    SHAREABLE_LICENCES,
    adapt_programme,
    adaptation_initial,
    archive_programme,
    create_programme,
    delete_programme,
    detected_changes,
    publish_programme,
    return_programme,
    submit_programme,
    unarchive_programme,
    update_programme,
)
from .sessions import (
    FIRST_SESSION_YEAR,
    YEARS_AHEAD,
    Counts,
    add_session,
    count_dimensions,
    delete_session,
    update_session,
)

__all__ = [
    "COPIED_FIELDS",
    "COPIED_LINKS",
    "FIRST_SESSION_YEAR",
    "LINK_FIELDS",
    "OFFICE_TYPES",
    "REVIEWER_FIELDS",
    "SHAREABLE_LICENCES",
    "STATE_FIELDS",
    "YEARS_AHEAD",
    "Counts",
    "adapt_programme",
    "adaptation_initial",
    "add_material",
    "add_session",
    "archive_programme",
    "checked_type",
    "count_dimensions",
    "create_programme",
    "delete_material",
    "delete_programme",
    "delete_session",
    "detected_changes",
    "may_record_sessions",
    "publish_programme",
    "return_programme",
    "require_change",
    "require_contribute",
    "submit_programme",
    "unarchive_programme",
    "unique_slug",
    "update_material",
    "update_programme",
    "update_session",
]
