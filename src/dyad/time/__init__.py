"""When events happened: date expressions found in text and resolved against publication.

Public functions: `find_date_expressions`, `resolve_date`, `date_for_event`.
Conventions (documented in full in `dyad.time.conventions`).
"""

from __future__ import annotations

from dyad.time.attach import date_for_event, event_tense
from dyad.time.expressions import find_date_expressions
from dyad.time.resolver import resolve_date

__all__ = ["date_for_event", "event_tense", "find_date_expressions", "resolve_date"]
