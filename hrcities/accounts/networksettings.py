"""The network's own choices (one row of core's NetworkSettings), changed by network admins."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction

from hrcities.core.models import AuditEntry, NetworkSettings
from hrcities.core.services import audit

from .permissions import require_network_admin

SETTING_FIELDS = ("require_two_factor_for_keepers", "hide_records_past_renewal")


class NetworkSettingsForm(forms.ModelForm):
    class Meta:
        model = NetworkSettings
        fields = SETTING_FIELDS


@transaction.atomic
def change_network_settings(*, by: Any, **values: Any) -> NetworkSettings:
    """Save the settings given; audit what changed, from what to what."""
    require_network_admin(by)
    unknown = set(values) - set(SETTING_FIELDS)
    if unknown:
        raise ValueError(f"Not a network setting: {', '.join(sorted(unknown))}")
    current = NetworkSettings.objects.select_for_update().filter(pk=1).first()
    current = current or NetworkSettings.current()
    changes = {
        name: {"from": getattr(current, name), "to": value}
        for name, value in values.items()
        if getattr(current, name) != value
    }
    if not changes:
        return current
    for name, change in changes.items():
        setattr(current, name, change["to"])
    current.updated_by = by
    current.save()
    audit(
        AuditEntry.Action.SETTING_CHANGED,
        by=by,
        target=current,
        details={"fields": sorted(changes), "changes": changes},
    )
    return current
