"""An analyst brief for an actor or dyad over a period, where every claim cites its sources.

The brief is built as data first (`build_brief`): numbered sources (outlet, publication date,
document id, evidence sentence) and claims, each holding the numbers of the sources it rests
on. Rendering (`render_markdown`, `render_html`) only lays that out, so a claim cannot lose
its citations on the way to the page.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyad.analysis.common import HAPPENED, QUAD_NAMES, cluster_key, group_by_cluster
from dyad.analysis.series import SeriesPoint, counted_units, series
from dyad.analysis.source import Selection
from dyad.analysis.timeline import TimelineRow, timeline

KEY_EVENTS = 12
PRECISION_WORDS = {
    "day": "",
    "week": " (that week)",
    "month": " (month only)",
    "year": " (year only)",
    "range": " (start of a range)",
    "publication": " (undated: publication day)",
}


@dataclass(frozen=True, slots=True)
class SourceRef:
    n: int
    outlet: str
    published: str | None
    doc_id: str
    title: str | None
    url: str | None
    sentence: str
    event_id: str | None  # the report, when the evidence is an event of the selection


@dataclass(frozen=True, slots=True)
class Claim:
    text: str  # one sentence without its final full stop; the markers follow it
    cites: tuple[int, ...]
    details: tuple[Claim, ...] = ()  # sub-claims, each with its own sources

    def markers(self) -> str:
        return "".join(f"[{n}]" for n in self.cites)


@dataclass(slots=True)
class Brief:
    title: str
    scope: str
    period: str
    unit: str
    generated: str
    headline: list[Claim]
    key_events: list[Claim]
    conflicts: list[Claim]
    sources: list[SourceRef]
    series: list[SeriesPoint]
    chart_spec: dict[str, Any] | None = None
    chart_svg: str | None = None  # inline in HTML
    chart_file: str | None = None  # a PNG beside the Markdown file
    notes: list[str] = field(default_factory=list)

    def all_claims(self) -> list[Claim]:
        top = [*self.headline, *self.key_events, *self.conflicts]
        return [*top, *(d for c in top for d in c.details)]


class _Citations:
    """Numbers sources in the order they are first cited; one number per evidence sentence."""

    def __init__(self, articles: Mapping[str, dict[str, Any]]) -> None:
        self.articles = articles
        self.refs: list[SourceRef] = []
        self.index: dict[tuple[str, str], int] = {}

    def cite(
        self, doc_id: str, sentence: str, outlet: str | None = None, event_id: str | None = None
    ) -> int:
        key = (doc_id, sentence)
        if key not in self.index:
            art = self.articles.get(doc_id, {})
            self.refs.append(
                SourceRef(
                    n=len(self.refs) + 1,
                    outlet=str(outlet or art.get("source_name") or "unknown outlet"),
                    published=art.get("published"),
                    doc_id=doc_id,
                    title=art.get("title"),
                    url=art.get("url"),
                    sentence=sentence,
                    event_id=event_id,
                )
            )
            self.index[key] = len(self.refs)
        return self.index[key]

    def events(self, events: Sequence[dict[str, Any]]) -> tuple[int, ...]:
        nums = [
            self.cite(str(e["doc_id"]), str(e.get("sentence") or ""), e.get("source_name"),
                      str(e["event_id"]))
            for e in events
        ]  # fmt: skip
        return tuple(sorted(set(nums)))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("code") or json.dumps(value))
    return str(value)


def _scope(sel: Selection) -> str:
    f = sel.filter
    who = (
        f"the dyad {f.dyad[0]}–{f.dyad[1]} (either direction)"
        if f.dyad
        else f"actor {f.actor}"
        if f.actor
        else "all actors"
    )
    since = f.since.isoformat() if f.since else "the first stored event"
    until = f.until.isoformat() if f.until else "the last stored event"
    return f"{who}, events dated from {since} to {until}"


def _headline(
    sel: Selection, cit: _Citations, counted: list[dict[str, Any]], unique: bool
) -> list[Claim]:
    happened = [e for e in sel.events if e.get("modality") in HAPPENED]
    groups = group_by_cluster(happened)
    unit = "distinct event" if unique else "report"
    dated = sorted(counted, key=lambda e: str(e.get("date_start") or e.get("published")))
    first, last = (str(e.get("date") or e.get("published")) for e in (dated[0], dated[-1]))
    claims = [
        Claim(
            f"dyad found {_plural(len(happened), 'report')} of "
            f"{_plural(len(groups), 'distinct event')} that happened "
            f"(asserted or reported), dated from {first} to {last}, "
            f"told by {_plural(len({e.get('source_name') for e in happened}), 'outlet')}",
            cit.events(happened),
        )
    ]
    for q in (1, 2, 3, 4):
        units = [e for e in counted if int(e.get("quad_class") or 0) == q]
        if not units:
            continue
        # cite every report of the counted events, not only the representative one
        members = [m for u in units for m in groups.get(cluster_key(u), [u])]
        mean = sum(float(u.get("goldstein") or 0.0) for u in units) / len(units)
        claims.append(
            Claim(
                f"{_plural(len(units), unit)} of {QUAD_NAMES[q]} "
                f"(quad class {q}), mean Goldstein score {mean:+.1f}",
                cit.events(members if unique else units),
            )
        )
    others = [e for e in sel.events if e.get("modality") not in HAPPENED]
    if others:
        kinds = sorted({str(e.get("modality")) for e in others})
        claims.append(
            Claim(
                f"{_plural(len(others), 'further report')} "
                + (
                    f"describes an event that is {kinds[0]} and is not counted above"
                    if len(others) == 1
                    else f"describe events that are {', '.join(kinds)} and are not counted above"
                ),
                cit.events(others),
            )
        )
    return claims


def _event_claim(row: TimelineRow, members: Sequence[dict[str, Any]], cit: _Citations) -> Claim:
    when = f"{row.date}{PRECISION_WORDS.get(row.date_precision or '', '')}" if row.date else "?"
    where = f" in {row.where}" if row.where else ""
    modality = "" if row.modality == "asserted" else f" ({row.modality})"
    text = (
        f"{when}: {row.source} → {row.target}: {row.what}{where}{modality}; "
        f"{_plural(row.n_reports, 'report')} from {_plural(row.n_sources, 'outlet')} "
        f"({', '.join(row.outlets)})"
    )
    if row.conflicts:
        text += f"; sources disagree on {', '.join(row.conflicts)}"
    return Claim(text, cit.events(members))


def _conflict_claims(
    sel: Selection, cit: _Citations, rows: Mapping[str, TimelineRow]
) -> list[Claim]:
    claims = []
    for c in sel.conflicts:
        row = rows.get(c["cluster_id"])
        what = f"“{row.what}” ({row.source} → {row.target})" if row else c["cluster_id"]
        details: list[Claim] = []
        for v in c["values"]:
            n = cit.cite(str(v.get("doc_id")), str(v.get("sentence") or ""), v.get("source_name"))
            outlet = v.get("source_name") or v.get("doc_id")
            details.append(Claim(f"{outlet} gives {_value_text(v.get('value'))}", (n,)))
        nums = tuple(sorted({n for d in details for n in d.cites}))
        claims.append(
            Claim(f"Sources disagree on the {c['field']} of {what}", nums, tuple(details))
        )
    return claims


def build_brief(
    sel: Selection,
    period: str = "month",
    unique: bool = True,
    title: str | None = None,
    now: dt.datetime | None = None,
) -> Brief:
    """The brief of a selection; empty when no event matched (callers say so)."""
    cit = _Citations(sel.articles)
    counted = counted_units(sel.events, unique, sel.clusters)
    points = series(sel.events, period, unique, sel.clusters)
    rows = timeline(sel.events, sel.clusters, sel.conflict_fields())
    groups = group_by_cluster(sel.events)
    headline = _headline(sel, cit, counted, unique) if counted else []
    key_rows = sorted(rows, key=lambda r: (-r.n_sources, -r.n_reports, r.sort_day, r.event_id))
    key_events = [
        _event_claim(r, groups[r.cluster_id or f"event:{r.event_id}"], cit)
        for r in key_rows[:KEY_EVENTS]
    ]
    by_cluster = {r.cluster_id: r for r in rows if r.cluster_id}
    conflicts = _conflict_claims(sel, cit, by_cluster)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return Brief(
        title=title or f"dyad brief: {_scope(sel).split(',')[0]}",
        scope=_scope(sel),
        period=period,
        unit="distinct events (one per cross-source cluster)" if unique else "reports",
        generated=stamp,
        headline=headline,
        key_events=key_events,
        conflicts=conflicts,
        sources=cit.refs,
        series=points,
        notes=[
            "Counts are of distinct real-world events: reports that dyad linked across "
            "outlets count once."
            if unique
            else "Counts are of reports: an event told by several outlets counts once per report.",
            "Denied, planned and hypothetical events are listed but not counted.",
        ],
    )


def attach_chart(brief: Brief, png_name: str | None = None) -> Brief:
    """Render the series chart: SVG for HTML, and remember the PNG file name for Markdown."""
    from dyad.analysis.charts import series_chart_spec, to_svg

    if not brief.series:
        return brief
    brief.chart_spec = series_chart_spec(
        brief.series, f"{brief.unit.split(' (')[0]} per {brief.period}", brief.unit.split(" (")[0]
    )
    brief.chart_svg = to_svg(brief.chart_spec)
    brief.chart_file = png_name
    return brief


@functools.cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dyad.analysis", "templates"),
        autoescape=lambda name: name is not None and ".html" in name,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["quad_name"] = lambda q: QUAD_NAMES.get(int(q), str(q))
    return env


def markdown_escape(text: Any) -> str:
    """Article text is untrusted: no raw HTML and no Markdown markup may come through."""
    out = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in ("\\", "`", "*", "_", "[", "]", "#", "|"):
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def render_markdown(brief: Brief) -> str:
    return str(_environment().get_template("brief.md.j2").render(b=brief))


def render_html(brief: Brief, standalone: bool = True) -> str:
    """The whole page, or (standalone=False) the fragment the web UI puts in its own page."""
    import markupsafe

    name = "brief.html.j2" if standalone else "brief_body.html.j2"
    svg = markupsafe.Markup(brief.chart_svg) if brief.chart_svg else None  # our own SVG
    return str(_environment().get_template(name).render(b=brief, chart_svg=svg))
