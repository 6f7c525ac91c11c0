"""Charts of a series with Altair, rendered to SVG/PNG by vl-convert (no browser needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dyad.analysis.common import QUAD_NAMES
from dyad.analysis.series import SeriesPoint

QUAD_COLOURS: dict[int, str] = {1: "#4c9a6a", 2: "#1f6f8b", 3: "#e0a030", 4: "#c0392b"}


def series_chart_spec(points: Sequence[SeriesPoint], title: str, unit: str) -> dict[str, Any]:
    """A Vega-Lite spec: stacked bars of `unit` per period by quad class."""
    import altair as alt

    rows = [
        {"period": p.period, "quad": f"{q} {QUAD_NAMES[q]}", "count": p.by_quad[q]}
        for p in points
        for q in (1, 2, 3, 4)
    ]
    domain = [f"{q} {QUAD_NAMES[q]}" for q in (1, 2, 3, 4)]
    chart = (
        alt.Chart(alt.Data(values=rows), title=title)  # type: ignore[no-untyped-call]
        .mark_bar()
        .encode(
            x=alt.X("period:O", title=None, sort=[p.period for p in points]),
            y=alt.Y("count:Q", title=unit, stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "quad:N",
                title="quad class",
                scale=alt.Scale(domain=domain, range=[QUAD_COLOURS[q] for q in (1, 2, 3, 4)]),
            ),
            order=alt.Order("quad:N"),
            tooltip=["period:O", "quad:N", "count:Q"],
        )
        .properties(width=max(240, min(720, 36 * len(points))), height=220)
    )
    spec = chart.to_dict()
    assert isinstance(spec, dict)
    return spec


def to_svg(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(spec))


def to_png(spec: dict[str, Any], scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(spec, scale=scale))
