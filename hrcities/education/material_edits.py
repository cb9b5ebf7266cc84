"""Changing what a material says of itself: its title, language, licence, or its link.

The education services add and delete materials; this is the one more write the API
needs, kept apart until it joins them. Its file is never replaced here: a new file is a
new material, checked by its content as every upload is.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrcities.core.models import AuditEntry
from hrcities.core.services import audit
from hrcities.core.validation import check_language

from .models import Material
from .services import may_record_sessions

CHANGEABLE = ("titles", "language", "licence", "licence_note", "url")


@transaction.atomic
def update_material(material: Material, changes: dict[str, Any], *, by: Any) -> Material:
    """Change a material's description or licence (and the address of a link)."""
    programme = material.programme
    if not may_record_sessions(by, programme):
        raise PermissionDenied(
            _("Only the people of %(owner)s record how “%(programme)s” ran.")
            % {"owner": programme.owner, "programme": programme}
        )
    unknown = sorted(set(changes) - set(CHANGEABLE))
    if unknown:
        raise ValidationError({unknown[0]: _("This field is not changed here.")})
    if changes.get("url") is not None and material.file:
        raise ValidationError(
            {"url": _("A file stays a file: add a link as a material of its own.")}
        )
    before = {name: getattr(material, name) for name in changes}
    for name, value in changes.items():
        if name == "titles":
            value = {k: v.strip() for k, v in (value or {}).items() if v and v.strip()}
        setattr(material, name, value if value is not None else "")
    if material.language:
        try:
            check_language(material.language)
        except ValidationError as error:
            raise ValidationError({"language": error.messages}) from None
    material.full_clean(exclude=["file"])
    material.save(update_fields=list(changes))
    changed = {
        n: [before[n], getattr(material, n)] for n in changes if before[n] != getattr(material, n)
    }
    if changed:
        audit(
            AuditEntry.Action.RECORD_UPDATED,
            by=by,
            target=material.session or programme,
            details={"material": material.title, "changed": changed},
        )
    return material
