"""A bounded in-memory mirror of `Store.events_by_blocks` for the single writer of an ingest.

Linking asks for the newest stored events of a few blocking keys for every new event. Read
from DuckDB each time, that costs more than coding the event; across batches of one ingest
the same blocks come back again and again. The writer is the only one changing the store, so
it can keep the answers and update them with the events it writes: an entry holds exactly
what `events_by_block(key, limit)` would return now (the newest `limit` events, ordered by
publication date descending, nulls last, then event id), because the newest `limit` of the
old events and the new ones are the newest `limit` of all. Results are therefore the same
with or without the cache, and the same after a resume (which starts with an empty one).

Entries hold `StoredEvent`s: the JSON of an event is parsed only when linking scores it.
Memory stays bounded: when the entries and the events they hold number more than
`max_events`, the least recently used entries are dropped (and read again from
`block_recent`, a cheap query). An entry counts besides its events because most keys a new
event asks about hold no event yet (some 5 per article): uncounted, they piled up without
bound. An event once scored is held parsed (about 4 kB), so the default bound of 20,000
keeps the cache near 100 MB.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections import OrderedDict
from collections.abc import Iterable, Sequence

from dyad.model import Event
from dyad.store.db import Store, StoredEvent, block_patterns

_NO_DATE = (1, 0)  # nulls last


def _order(e: StoredEvent) -> tuple[int, int, str]:
    """The store's order for a block: published descending (nulls last), then event id."""
    if not e.published:
        return (*_NO_DATE, e.event_id)
    return (0, -_ordinal(e.published[:10]), e.event_id)


@functools.lru_cache(maxsize=8192)
def _ordinal(day: str) -> int:
    # a pure function of a date string; news dates repeat, so most calls are cache hits
    return dt.date.fromisoformat(day).toordinal()


patterns_for = block_patterns  # the patterns an event of a key is kept under


class BlockCache:
    """`get(key)` answers like `store.events_by_block(key, limit)`; `add` keeps it true."""

    def __init__(self, store: Store, limit: int, max_events: int = 20_000) -> None:
        self.store = store
        self.limit = limit
        store.ensure_block_limit(limit)
        self.max_events = max_events
        self._entries: OrderedDict[str, list[tuple[tuple[int, int, str], StoredEvent]]] = (
            OrderedDict()
        )
        self._held = 0
        self.reads = 0  # queries sent to the store

    def get(self, key: str) -> list[StoredEvent]:
        entry = self._entries.get(key)
        if entry is None:
            self.prefetch([key])
            entry = self._entries[key]
        self._entries.move_to_end(key)
        return [e for _, e in entry]

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read every key not held yet in one query (a batch's keys before linking it)."""
        wanted = list(dict.fromkeys(keys))
        missing = [k for k in wanted if k not in self._entries]
        for key in wanted:  # the keys held already are about to be used too: keep them
            if key in self._entries:
                self._entries.move_to_end(key)
        if missing:
            self.reads += 1
            for key, events in self.store.events_by_blocks(missing, self.limit).items():
                self._entries[key] = [(_order(e), e) for e in events]
                self._held += len(events)
        # evict only older entries: this batch's keys are about to be used
        self._evict(keep=len(wanted))

    def preload(self, items: Sequence[object]) -> None:
        """Read the JSON of the stored events linking is about to score, in one query."""
        self.store.fetch_events(items)

    def add(self, written: Iterable[tuple[str, Event]]) -> None:
        """Events just written to the store, with their blocking keys (cluster ids set)."""
        for key, written_event in written:
            event = StoredEvent.of(written_event)
            order = _order(event)
            for pattern in patterns_for(key):
                entry = self._entries.get(pattern)
                if entry is None:
                    continue
                bisect.insort(entry, (order, event), key=lambda item: item[0])
                self._held += 1
                if len(entry) > self.limit:
                    entry.pop()
                    self._held -= 1
        self._evict()

    def _evict(self, keep: int = 1) -> None:
        # an entry counts one besides its events: keys with no stored event (most of the
        # keys a new event asks about) would otherwise pile up, some 5 per article
        while self._held + len(self._entries) > self.max_events and len(self._entries) > keep:
            _, entry = self._entries.popitem(last=False)
            self._held -= len(entry)
