"""Dyad and actor time series: counts and Goldstein per period, split by quad class.

By default a real-world event told by five outlets counts once (`unique=True`): reports are
grouped by their cross-source cluster and each cluster is counted with its representative
report's code, date and Goldstein score. GDELT-style report counts (`unique=False`) rise with
media attention as much as with events; counting clusters is what dyad's linking buys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dyad.analysis.common import HAPPENED, event_day, group_by_cluster, representative
from dyad.errors import UsageError

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
_RANK = {"day": 0, "publication": 0, "week": 1, "month": 2, "year": 3}


def precision_rank(e: dict[str, Any]) -> int:
    """How coarse an event's date is, on the scale of PERIODS (0 day .. 3 year)."""
    precision = str(e.get("date_precision") or "publication")
    if precision in _RANK:
        return _RANK[precision]
    start, end = e.get("date_start"), e.get("date_end")
    if start and end:  # a range: as coarse as the span it covers
        span = (dt.date.fromisoformat(str(end)[:10]) - dt.date.fromisoformat(str(start)[:10])).days
        return 0 if span < 1 else 1 if span <= 7 else 2 if span <= 31 else 3
    return 0


def period_key(day: dt.date, period: str) -> str:
    """The label of the period holding `day`: 2015-01-20, 2015-W04, 2015-01 or 2015."""
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "year":
        return str(day.year)
    raise UsageError(f"--period must be one of {', '.join(PERIODS)}")


def _period_start(day: dt.date, period: str) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day


def _next_start(start: dt.date, period: str) -> dt.date:
    if period == "day":
        return start + dt.timedelta(days=1)
    if period == "week":
        return start + dt.timedelta(days=7)
    if period == "month":
        return dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return dt.date(start.year + 1, 1, 1)


def period_keys(first: dt.date, last: dt.date, period: str) -> list[str]:
    """Every period label from the one holding `first` to the one holding `last`."""
    keys: list[str] = []
    start = _period_start(first, period)
    while start <= last:
        keys.append(period_key(start, period))
        start = _next_start(start, period)
    return keys


@dataclass(slots=True)
class SeriesPoint:
    period: str
    count: int = 0
    goldstein_sum: float = 0.0
    # events whose date is coarser than the period (a year-only date in a monthly series):
    # they are counted in the period holding their first day, and flagged here
    coarse: int = 0
    by_quad: dict[int, int] = field(default_factory=lambda: {1: 0, 2: 0, 3: 0, 4: 0})
    goldstein_by_quad: dict[int, float] = field(
        default_factory=lambda: {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.0}
    )

    @property
    def goldstein_mean(self) -> float | None:
        return round(self.goldstein_sum / self.count, 3) if self.count else None

    def add(self, quad: int, goldstein: float) -> None:
        self.count += 1
        self.goldstein_sum += goldstein
        if quad in self.by_quad:
            self.by_quad[quad] += 1
            self.goldstein_by_quad[quad] += goldstein

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "count": self.count,
            "goldstein_sum": round(self.goldstein_sum, 3),
            "goldstein_mean": self.goldstein_mean,
            "coarse": self.coarse,
            "quad": {
                str(q): {"count": n, "goldstein_sum": round(self.goldstein_by_quad[q], 3)}
                for q, n in self.by_quad.items()
            },
        }

    def flat(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "period": self.period,
            "count": self.count,
            "goldstein_sum": round(self.goldstein_sum, 3),
            "goldstein_mean": self.goldstein_mean,
            "coarse": self.coarse,
        }
        for q in (1, 2, 3, 4):
            row[f"q{q}_count"] = self.by_quad[q]
            row[f"q{q}_goldstein_sum"] = round(self.goldstein_by_quad[q], 3)
        return row


FLAT_SERIES_COLUMNS: tuple[str, ...] = (
    "period", "count", "goldstein_sum", "goldstein_mean", "coarse",
    "q1_count", "q1_goldstein_sum", "q2_count", "q2_goldstein_sum",
    "q3_count", "q3_goldstein_sum", "q4_count", "q4_goldstein_sum",
)  # fmt: skip


def counted_units(
    events: Iterable[dict[str, Any]],
    unique: bool = True,
    clusters: Mapping[str, dict[str, Any]] | None = None,
    modalities: Sequence[str] | None = HAPPENED,
) -> list[dict[str, Any]]:
    """The events that are counted: one per cluster (its representative) or every report.

    `modalities=None` keeps every modality; by default only events that happened count.
    """
    kept = [e for e in events if modalities is None or e.get("modality") in modalities]
    if not unique:
        return kept
    clusters = clusters or {}
    return [
        representative(members, clusters.get(key))
        for key, members in group_by_cluster(kept).items()
    ]


def series(
    events: Iterable[dict[str, Any]],
    period: str = "month",
    unique: bool = True,
    clusters: Mapping[str, dict[str, Any]] | None = None,
    modalities: Sequence[str] | None = HAPPENED,
    fill: bool = True,
) -> list[SeriesPoint]:
    """Counts and Goldstein sums per period (oldest first), empty periods filled with zeros."""
    if period not in PERIODS:
        raise UsageError(f"--period must be one of {', '.join(PERIODS)}")
    points: dict[str, SeriesPoint] = {}
    days: list[dt.date] = []
    for e in counted_units(events, unique, clusters, modalities):
        day = event_day(e)
        if day is None:
            continue
        days.append(day)
        key = period_key(day, period)
        point = points.setdefault(key, SeriesPoint(key))
        point.add(int(e.get("quad_class") or 0), float(e.get("goldstein") or 0.0))
        if precision_rank(e) > PERIODS.index(period):
            point.coarse += 1
    if not days:
        return []
    keys = period_keys(min(days), max(days), period) if fill else sorted(points)
    return [points.get(k) or SeriesPoint(k) for k in keys]
