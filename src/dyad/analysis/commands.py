"""`dyad series`, `dyad timeline`, `dyad network` and `dyad brief`, added to the Typer app
by `register(app)` (called from dyad.cli)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from dyad.config import Settings, load_settings
from dyad.errors import UsageError

ActorOpt = Annotated[
    str | None, typer.Option(help="Actor or country code, either side (prefix), e.g. RUS.")
]
DyadOpt = Annotated[
    tuple[str, str] | None, typer.Option(help="Two actors, either direction, e.g. RUS IRN.")
]
SinceOpt = Annotated[str | None, typer.Option(help="YYYY[-MM[-DD]]: events whose dates reach it.")]
UntilOpt = Annotated[
    str | None, typer.Option(help="YYYY[-MM[-DD]]: events whose dates start by it.")
]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]
ForceOpt = Annotated[bool, typer.Option(help="Overwrite -o if it exists.")]
AllModalitiesOpt = Annotated[
    bool,
    typer.Option(
        "--all-modalities",
        help="Also count denied, planned and hypothetical events (default: only asserted "
        "and reported ones).",
    ),
]


def settings_of(ctx: typer.Context) -> Settings:
    """The settings the main callback built (--db, --config), or the defaults and DYAD_*."""
    obj = ctx.find_root().obj
    if obj is not None and hasattr(obj, "settings"):
        settings = obj.settings()
        assert isinstance(settings, Settings)
        return settings
    return load_settings()


def _select(
    ctx: typer.Context,
    actor: str | None,
    dyad: tuple[str, str] | None,
    since: str | None,
    until: str | None,
) -> Any:
    from dyad.analysis.source import load_selection
    from dyad.store.db import Store
    from dyad.store.query import make_filter

    if actor and dyad:
        raise UsageError("give --actor or --dyad, not both")
    f = make_filter(actor=actor, dyad=dyad, since=since, until=until)
    with Store(settings_of(ctx).db, read_only=True) as store:
        return load_selection(store, f)


def _write(text: str, out: Path | None, force: bool) -> None:
    from dyad.output import check_output_path

    if out is None:
        sys.stdout.write(text)
        return
    check_output_path(out, force)
    out.write_text(text, encoding="utf-8")


def _console(out: Path | None) -> Any:
    from rich.console import Console

    return Console(file=out.open("w", encoding="utf-8") if out else None, width=160)


def series_command(
    ctx: typer.Context,
    actor: ActorOpt = None,
    dyad: DyadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    period: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    reports: Annotated[
        bool,
        typer.Option(
            "--reports",
            help="Count reports (as GDELT does) instead of distinct events. By default a "
            "real-world event told by several outlets counts once (its cross-source cluster).",
        ),
    ] = False,
    all_modalities: AllModalitiesOpt = False,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or jsonl.")] = "table",
    output: OutOpt = None,
    force: ForceOpt = False,
) -> None:
    """Events per period for an actor or dyad, by quad class, with Goldstein sums and means.

    Counts distinct real-world events by default (reports linked across outlets count once);
    --reports counts every report instead.
    """
    from dyad.analysis.series import FLAT_SERIES_COLUMNS, series

    if fmt not in ("table", "csv", "jsonl"):
        raise UsageError("--format must be table, csv or jsonl")
    sel = _select(ctx, actor, dyad, since, until)
    points = series(
        sel.events,
        period,
        not reports,
        sel.clusters,
        None if all_modalities else ("asserted", "reported"),
    )
    if fmt == "jsonl":
        _write("".join(json.dumps(p.to_json()) + "\n" for p in points), output, force)
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=FLAT_SERIES_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for p in points:
            writer.writerow(p.flat())
        _write(buf.getvalue(), output, force)
    else:
        from rich.table import Table

        from dyad.analysis.common import QUAD_NAMES
        from dyad.output import check_output_path

        if output is not None:
            check_output_path(output, force)
        unit = (
            "reports" if reports else "distinct events (reports linked across outlets count once)"
        )
        table = Table(title=f"{unit} per {period}")
        for col in ("period", "all", *QUAD_NAMES.values(), "Goldstein sum", "mean"):
            table.add_column(col, justify="right")
        for p in points:
            mean = p.goldstein_mean
            table.add_row(
                p.period, str(p.count), *(str(p.by_quad[q]) for q in (1, 2, 3, 4)),
                f"{p.goldstein_sum:+.1f}", "" if mean is None else f"{mean:+.2f}",
            )  # fmt: skip
        _console(output).print(table)


def timeline_command(
    ctx: typer.Context,
    actor: ActorOpt = None,
    dyad: DyadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
    output: OutOpt = None,
    force: ForceOpt = False,
) -> None:
    """The events of an actor or dyad in date order: one row per real-world event."""
    from dyad.analysis.timeline import timeline

    if fmt not in ("table", "jsonl"):
        raise UsageError("--format must be table or jsonl")
    sel = _select(ctx, actor, dyad, since, until)
    rows = timeline(sel.events, sel.clusters, sel.conflict_fields())
    if fmt == "jsonl":
        _write("".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in rows),
               output, force)  # fmt: skip
        return
    from rich.table import Table

    from dyad.output import check_output_path

    if output is not None:
        check_output_path(output, force)
    table = Table(title=f"{len(rows)} events (one row per cluster)", show_lines=True)
    for col in ("date", "who", "what", "whom", "where", "sources", "conflicts", "evidence"):
        table.add_column(col, overflow="fold")
    for r in rows:
        date = f"{r.date or '?'} ({r.date_precision})" if r.date_precision != "day" else r.date
        what = r.what if r.modality == "asserted" else f"{r.what} [{r.modality}]"
        table.add_row(
            date or "?", r.source, what, r.target, r.where or "",
            f"{r.n_sources} ({r.n_reports} reports)", ", ".join(r.conflicts),
            f"{r.evidence} [{r.doc_id}]",
        )  # fmt: skip
    _console(output).print(table)


def network_command(
    ctx: typer.Context,
    actor: Annotated[
        str | None, typer.Option(help="Only edges touching this actor (code prefix).")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: Annotated[str, typer.Option(help="Nodes are actor codes or countries.")] = "code",
    reports: Annotated[
        bool, typer.Option("--reports", help="Weigh edges by reports, not distinct events.")
    ] = False,
    top: Annotated[int, typer.Option(help="Edges shown by --format table.")] = 25,
    fmt: Annotated[str, typer.Option("--format", help="table, json or graphml.")] = "table",
    output: OutOpt = None,
    force: ForceOpt = False,
) -> None:
    """Actor network: edges source -> target weighted by events and mean Goldstein."""
    from dyad.analysis.network import build_network, ego, node_link_json, top_edges, write_graphml
    from dyad.output import check_output_path

    if fmt not in ("table", "json", "graphml"):
        raise UsageError("--format must be table, json or graphml")
    if fmt == "graphml" and output is None:
        raise UsageError("--format graphml needs -o FILE")
    if output is not None:
        check_output_path(output, force)
    sel = _select(ctx, actor, None, since, until)
    graph = build_network(sel.events, unique=not reports, level=level)
    if actor:
        graph = ego(graph, actor)
    if fmt == "graphml":
        assert output is not None
        write_graphml(graph, output)
        typer.echo(f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} "
                   f"edges to {output}")  # fmt: skip
        return
    if fmt == "json":
        _write(node_link_json(graph) + "\n", output, True)
        return
    from rich.table import Table

    labels = dict(graph.nodes(data="label"))
    unit = "reports" if reports else "events"
    table = Table(title=f"{graph.number_of_edges()} edges between {graph.number_of_nodes()} "
                        f"actors (top {top} by {unit})")  # fmt: skip
    for col in ("source", "target", unit, "mean Goldstein", "coop v/m", "conflict v/m"):
        table.add_column(col)
    for e in top_edges(graph, top):
        table.add_row(
            f"{labels.get(e['source'])} [{e['source']}]",
            f"{labels.get(e['target'])} [{e['target']}]",
            str(e["events"]), f"{e['goldstein_mean']:+.2f}",
            f"{e['q1']}/{e['q2']}", f"{e['q3']}/{e['q4']}",
        )  # fmt: skip
    _console(output).print(table)


def brief_command(
    ctx: typer.Context,
    actor: ActorOpt = None,
    dyad: DyadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    period: Annotated[str, typer.Option(help="Period of the series chart.")] = "month",
    reports: Annotated[
        bool, typer.Option("--reports", help="Count reports instead of distinct events.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    output: OutOpt = None,
    force: ForceOpt = False,
) -> None:
    """An analyst brief (Markdown or HTML) where every statement cites numbered sources.

    Markdown gets its chart as a PNG beside the file (FILE-series.png); HTML inlines an SVG.
    """
    from dyad.analysis.brief import attach_chart, build_brief, render_html, render_markdown
    from dyad.output import check_output_path, safe_child

    if fmt not in ("md", "html"):
        raise UsageError("--format must be md or html")
    if output is not None:
        check_output_path(output, force)
    png: Path | None = None
    if output is not None and fmt == "md":
        png = safe_child(output.parent, f"{output.stem}-series.png")
        check_output_path(png, force)
    sel = _select(ctx, actor, dyad, since, until)
    if not sel.events:
        typer.echo("no events match: nothing to brief (no file written)", err=True)
        raise typer.Exit(1)
    brief = build_brief(sel, period, unique=not reports)
    if fmt == "html":
        attach_chart(brief)
        _write(render_html(brief), output, True)
    else:
        if png is not None:
            from dyad.analysis.charts import to_png

            attach_chart(brief, png.name)
            if brief.chart_spec is not None:
                png.write_bytes(to_png(brief.chart_spec))
        _write(render_markdown(brief), output, True)
    if output is not None:
        typer.echo(
            f"wrote {output}: {len(brief.all_claims())} statements citing "
            f"{len(brief.sources)} sources" + (f", chart {png}" if png and brief.chart_file else "")
        )


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the `dyad` Typer app."""
    app.command("series")(series_command)
    app.command("timeline")(timeline_command)
    app.command("network")(network_command)
    app.command("brief")(brief_command)
