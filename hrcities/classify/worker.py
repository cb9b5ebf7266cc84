"""A small in-process worker that computes suggestions after saves, so no save waits.

One daemon thread reads a bounded queue. When the queue is full the request is dropped
and logged: `hrcities suggest_tags --all` recomputes everything. At exit the worker
finishes what is queued (commands that save many records leave with their suggestions
stored). Under tests (SUGGEST_IN_BACKGROUND off) the work runs at once, in the caller.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection

log = logging.getLogger(__name__)

Key = tuple[str, Any]
QUEUE_SIZE = 10_000
BATCH = 32
# How long a leaving process waits for the queued suggestions.
DRAIN_SECONDS = 120

_queue: queue.Queue[Key] = queue.Queue(maxsize=QUEUE_SIZE)
_thread: threading.Thread | None = None
_served: queue.Queue[Key] | None = None  # the queue the running thread reads
_lock = threading.Lock()
_exit_hook = False


def submit(key: Key) -> bool:
    """Queue one record's suggestions; return False if it was dropped."""
    if not getattr(settings, "SUGGEST_IN_BACKGROUND", True):
        run([key])
        return True
    _start()
    try:
        _queue.put_nowait(key)
    except queue.Full:
        log.warning("Tag suggestions queue full; %s %s left for suggest_tags --all", *key)
        return False
    return True


def run(keys: list[Key]) -> int:
    """Compute the suggestions of the records named by `keys` (gone records are skipped)."""
    from django.apps import apps

    from .services import _store

    stored = 0
    by_label: dict[str, list[Any]] = {}
    for label, pk in dict.fromkeys(keys):
        by_label.setdefault(label, []).append(pk)
    for label, pks in by_label.items():
        model = apps.get_model(label)
        records = list(model._default_manager.filter(pk__in=pks))
        if records:
            stored += _store(records)
    return stored


def _running() -> bool:
    return _thread is not None and _thread.is_alive() and _served is _queue


def _start() -> None:
    global _thread, _served, _exit_hook
    if _running():
        return
    with _lock:
        if not _running():
            _served = _queue
            _thread = threading.Thread(
                target=_loop, args=(_queue,), name="tag-suggestions", daemon=True
            )
            _thread.start()
            if not _exit_hook:
                atexit.register(drain)
                _exit_hook = True


def _loop(jobs: queue.Queue[Key]) -> None:
    while True:
        keys = [jobs.get()]
        while len(keys) < BATCH:
            try:
                keys.append(jobs.get_nowait())
            except queue.Empty:
                break
        try:
            close_old_connections()
            run(keys)
        except Exception:
            log.exception("Tag suggestions failed for %s", keys)
        finally:
            connection.close()
            for _ in keys:
                jobs.task_done()


def drain(timeout: float = DRAIN_SECONDS) -> bool:
    """Wait until the queued suggestions are stored; return False on timeout."""
    import time

    deadline = time.monotonic() + timeout
    while _queue.unfinished_tasks:
        if time.monotonic() > deadline or not _running():
            return False
        time.sleep(0.05)
    return True
