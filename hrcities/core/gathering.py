"""Work that bulk writers gather inside a block and do together when it ends.

An import creating thousands of records inside one transaction writes their revisions and
audit lines (core.services.batched_history) and their search documents
(search.indexing.deferred_indexing) in batches at the end instead of one at a time. Both
keep what is pending on a thread-local slot with the same rules, kept here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


@contextmanager
def gathered(slot: threading.local, empty: Callable[[], T]) -> Iterator[T | None]:
    """Gather into `slot` (a fresh `empty()`) while the block runs, and yield it: the
    caller does the work once the block has ended without an error (if it raises,
    nothing is to be done: its transaction is rolled back). A block nested in another
    yields None: the outer one does the work."""
    if pending(slot) is not None:
        yield None
        return
    slot.pending = empty()
    try:
        yield slot.pending
    finally:
        slot.pending = None


def pending(slot: threading.local) -> Any:
    """Return what is being gathered on this thread, or None outside a block."""
    return getattr(slot, "pending", None)
