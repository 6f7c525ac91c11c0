"""Where an event's words are in its article: trigger, actors, date and place as spans.

The trigger comes with stored character offsets. Actors are placed with the stored mention
offsets of the same sentence; the date and place by their surface text inside the event's
sentence (the event JSON keeps only their text). Every span is checked against the article
text, so a highlight can never point at words the event did not come from.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

KINDS: tuple[str, ...] = ("trigger", "source", "target", "date", "place")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # one of KINDS
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text}


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kinds: tuple[str, ...]  # empty for plain text
    in_sentence: bool  # inside the event's sentence


def _find(text: str, needle: str, lo: int, hi: int, taken: Sequence[Span]) -> tuple[int, int]:
    """The first occurrence of `needle` in text[lo:hi] not overlapping a taken span."""
    if not needle:
        return (-1, -1)
    for haystack, probe in ((text, needle), (text.lower(), needle.lower())):
        start = haystack.find(probe, lo, hi)
        while start != -1:
            end = start + len(needle)
            if not any(s.start < end and start < s.end for s in taken):
                return (start, end)
            start = haystack.find(probe, start + 1, hi)
    return (-1, -1)


def event_spans(
    text: str, event: dict[str, Any], mentions: Sequence[tuple[int, int, int, str, str | None]]
) -> list[Span]:
    """Spans of one event in its article. `mentions`: (sentence_index, char_start, char_end,
    text, actor_code) rows of the article."""
    lo, hi = int(event.get("char_start") or 0), int(event.get("char_end") or len(text))
    spans: list[Span] = []
    ts, te = int(event.get("trigger_start") or 0), int(event.get("trigger_end") or 0)
    if 0 <= ts < te <= len(text):
        spans.append(Span(ts, te, "trigger", text[ts:te]))
    for kind in ("source", "target"):
        actor = event.get(kind) or {}
        surface = str(actor.get("text") or "")
        if not surface:
            continue
        rows = [
            m
            for m in mentions
            if m[0] == event.get("sentence_index") and m[3] == surface and lo <= m[1] < m[2] <= hi
        ]
        rows.sort(key=lambda m: (m[4] != actor.get("code"), m[1]))
        # a group mention ("the two ministers") is both sides of a joint event: one span, two
        # kinds, so the source's span does not block the target's
        taken = [s for s in spans if not (s.kind == "source" and s.text == surface)]
        free = [m for m in rows if not any(s.start < m[2] and m[1] < s.end for s in taken)]
        start, end = (free[0][1], free[0][2]) if free else _find(text, surface, lo, hi, taken)
        if start >= 0 and text[start:end].lower() == surface.lower():
            spans.append(Span(start, end, kind, text[start:end]))
    extra: tuple[tuple[str, Any], ...] = (
        ("date", event.get("date_text")),
        ("place", (event.get("location") or {}).get("name")),
    )
    for kind, value in extra:
        # a place may also be an actor (Tehran standing for Iran): overlap when it must
        start, end = _find(text, str(value or ""), lo, hi, spans)
        if start < 0:
            start, end = _find(text, str(value or ""), lo, hi, ())
        if start >= 0:
            spans.append(Span(start, end, kind, text[start:end]))
    return sorted(spans, key=lambda s: (s.start, s.end))


def segments(text: str, spans: Sequence[Span], sentence: tuple[int, int]) -> list[Segment]:
    """The article cut at every span and sentence boundary, each piece with its kinds."""
    cuts = {0, len(text), *sentence}
    for s in spans:
        cuts.update((s.start, s.end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[Segment] = []
    for a, b in itertools.pairwise(points):
        if a == b:
            continue
        kinds = tuple(k for k in KINDS for s in spans if s.kind == k and s.start <= a < s.end)
        out.append(Segment(text[a:b], kinds, sentence[0] <= a < sentence[1]))
    return out
