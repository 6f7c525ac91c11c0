"""When events happened: date expressions found in text and resolved against publication.

Public functions: `find_date_expressions` (spans of date expressions in text), `resolve_date`
(one expression -> `DateRef`), `date_for_event` (the date of an event trigger in a spaCy Doc)
and `event_tense`. The resolution conventions are documented in `dyad.time.resolver`, the
attachment rules in `dyad.time.attach`, the grammar's structure in `dyad.time.grammar`.
"""

from __future__ import annotations

from dyad.time.attach import date_for_event, event_tense
from dyad.time.expressions import find_date_expressions
from dyad.time.resolver import resolve_date

__all__ = ["date_for_event", "event_tense", "find_date_expressions", "resolve_date"]
