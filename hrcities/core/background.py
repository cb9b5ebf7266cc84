"""Small in-process workers for work that follows a commit, so that no save waits for it.

Each worker is one daemon thread reading a bounded queue of keys, taking them in batches.
When the queue is full a key is dropped and logged (each worker names the command that
catches up). At exit a process finishes what its workers have queued, so a command that
saved many records leaves with their follow-up work done. Under tests (the worker's
`in_background` says no) the work runs at once, in the caller.

Used for tag suggestions (hrcities.classify.worker) and for the sentence vectors of bulk
imports (hrcities.search.indexing).
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.db import close_old_connections, connection

log = logging.getLogger(__name__)

QUEUE_SIZE = 10_000
BATCH = 32
# How long a leaving process waits for the queued work.
DRAIN_SECONDS = 120


class Worker:
    def __init__(
        self,
        name: str,
        work: Callable[[list[Any]], Any],
        *,
        in_background: Callable[[], bool],
        catch_up: str,
        batch: int = BATCH,
        queue_size: int = QUEUE_SIZE,
    ) -> None:
        self.name = name
        self.work = work
        self.in_background = in_background
        self.catch_up = catch_up  # what an operator runs when keys were dropped
        self.batch = batch
        self.queue: queue.Queue[Hashable] = queue.Queue(maxsize=queue_size)
        self._thread: threading.Thread | None = None
        self._served: queue.Queue[Hashable] | None = None  # the queue the thread reads
        self._lock = threading.Lock()
        self._exit_hook = False

    def submit(self, key: Hashable) -> bool:
        """Queue one piece of work; return False if it was dropped."""
        if not self.in_background():
            self.work([key])
            return True
        self._start()
        try:
            self.queue.put_nowait(key)
        except queue.Full:
            log.warning("%s queue full; %r left for %s", self.name, key, self.catch_up)
            return False
        return True

    def drain(self, timeout: float = DRAIN_SECONDS) -> bool:
        """Wait until the queued work is done; return False on timeout."""
        deadline = time.monotonic() + timeout
        while self.queue.unfinished_tasks:
            if time.monotonic() > deadline or not self._running():
                return False
            time.sleep(0.05)
        return True

    def _running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._served is self.queue

    def _start(self) -> None:
        if self._running():
            return
        with self._lock:
            if not self._running():
                self._served = self.queue
                self._thread = threading.Thread(
                    target=self._loop, args=(self.queue,), name=self.name, daemon=True
                )
                self._thread.start()
                if not self._exit_hook:
                    atexit.register(self.drain)
                    self._exit_hook = True

    def _loop(self, jobs: queue.Queue[Hashable]) -> None:
        while True:
            keys = [jobs.get()]
            while len(keys) < self.batch:
                try:
                    keys.append(jobs.get_nowait())
                except queue.Empty:
                    break
            try:
                close_old_connections()
                self.work(keys)
            except Exception:
                log.exception("%s failed for %s", self.name, keys)
            finally:
                connection.close()
                for _ in keys:
                    jobs.task_done()
