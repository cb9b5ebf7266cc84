"""Signals that apps on any floor may send and that the registries above them receive."""

from __future__ import annotations

from django.dispatch import Signal

# Bulk writes (bulk_create, update) send no post_save. A loader that writes records in bulk
# sends `bulk_saved(sender=Model, pks={...})` after its writes, so what listens to saves
# (tag suggestions) can catch up. Receivers run inside the sender's transaction.
bulk_saved = Signal()
