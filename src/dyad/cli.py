"""The `dyad` command: a thin Typer layer over the library.

Exit codes: 0 success (also when records were quarantined), 1 the command ran and found a
problem (an eval floor not met), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import json
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from dyad import __version__
from dyad.analysis.commands import register as register_analysis
from dyad.config import Settings, load_settings
from dyad.errors import DyadError, UsageError
from dyad.web.commands import register as register_web

app = typer.Typer(
    name="dyad",
    help="News reports in, structured political event data out (CAMEO/PLOVER events with "
    "actors, dates, places, modality and evidence, linked across sources).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
register_analysis(app)  # dyad series / timeline / network / brief
register_web(app)  # dyad serve


@dataclass(slots=True)
class Context:
    flags: dict[str, Any]
    config: Path | None
    debug: bool

    def settings(self, **extra: Any) -> Settings:
        return load_settings({**self.flags, **extra}, config_file=self.config)


def _ctx(ctx: typer.Context) -> Context:
    obj = ctx.obj
    assert isinstance(obj, Context)
    return obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dyad {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None, typer.Option("--db", help="DuckDB file (default ./dyad.duckdb or $DYAD_DB).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Settings file (default ./dyad.toml).")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = Context(flags={"db": db}, config=config, debug=debug)


# --- ingest ------------------------------------------------------------------------------------
def _progress_printer(console: Console) -> Any:
    """A Rich progress bar with articles/s and ETA on a terminal; nothing otherwise."""
    if not console.is_terminal:
        return None, None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    return progress, progress.add_task("ingest", total=None, rate="")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or folders (.txt .html .jsonl .csv); - reads JSONL from stdin."),
    ],
    batch_size: Annotated[int | None, typer.Option(help="Documents per nlp.pipe batch.")] = None,
    n_process: Annotated[
        int | None, typer.Option(help="Processes that parse and code (>1: worker processes).")
    ] = None,
    engine: Annotated[str, typer.Option(help="local (DuckDB) or ray (Parquet shards).")] = "local",
    address: Annotated[
        str | None, typer.Option(help="Ray cluster: auto or ray://host:port.")
    ] = None,
    workers: Annotated[int, typer.Option(help="Ray workers (engine ray).")] = 2,
    out: Annotated[Path | None, typer.Option("--out", help="Output folder (engine ray).")] = None,
) -> None:
    """Read, code and store articles; idempotent and resumable."""
    c = _ctx(ctx)
    settings = c.settings(batch_size=batch_size, n_process=n_process)
    console = Console(stderr=True)
    if engine == "ray":
        from dyad.scale.ray_engine import run_ray_ingest

        if out is None:
            raise UsageError("--engine ray needs --out DIR")
        report = run_ray_ingest(paths, settings, out, address=address, workers=workers)
        typer.echo(report)
        return
    if engine != "local":
        raise UsageError("--engine must be local or ray")
    summary = _run_local_ingest(paths, settings, console)
    _print_summary(summary, settings)


def _run_local_ingest(paths: list[str], settings: Settings, console: Console) -> Any:
    import time

    from dyad.ingest.readers import count_documents, expand_paths
    from dyad.ingest.runner import ingest as run_ingest
    from dyad.pipeline import Pipeline
    from dyad.store.db import Store

    expand_paths(paths)  # unreadable input: exit 2 before touching the database
    progress, task = _progress_printer(console)
    if progress is not None:
        progress.update(task, total=count_documents(paths, settings.max_doc_chars))
    start = time.perf_counter()

    def tick(done: int, _batch: int) -> None:
        if progress is not None:
            rate = done / max(time.perf_counter() - start, 1e-6)
            progress.update(task, completed=done, rate=f"{rate:6.1f} articles/s")

    with Store(settings.db, memory_limit=settings.db_memory_limit) as store:
        if progress is not None:
            with progress:
                return run_ingest(paths, settings, store, lambda: Pipeline.load(settings), tick)
        return run_ingest(paths, settings, store, lambda: Pipeline.load(settings), tick)


def _print_summary(summary: Any, settings: Settings) -> None:
    lines = [
        f"inputs: {summary.inputs} documents"
        + (f" (resumed after {summary.resumed_from})" if summary.resumed_from else ""),
        f"stored: {summary.articles} new articles, {summary.sentences} sentences, "
        f"{summary.events} events",
        f"unchanged: {summary.unchanged} already in the database",
        f"quarantined: {summary.quarantined}"
        + (" (see `dyad quarantine`)" if summary.quarantined else ""),
        f"database: {settings.db}",
    ]
    for w in summary.warnings:  # the runner keeps the first WARNINGS_KEPT of them
        lines.append(f"warning: {w}")
    if summary.warnings_total > len(summary.warnings):
        more = summary.warnings_total - len(summary.warnings)
        lines.append(f"... and {more} more warnings (each is stored with its article)")
    typer.echo("\n".join(lines))


# --- extract -----------------------------------------------------------------------------------
@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files or folders; - reads JSONL from stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or table.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite -o if it exists.")] = False,
) -> None:
    """Code articles without keeping a database (cluster_id stays null)."""
    from dyad.ingest.readers import iter_inputs
    from dyad.model import Article, Quarantined
    from dyad.output import check_output_path, emit
    from dyad.pipeline import Pipeline

    if output is not None:
        check_output_path(output, force)  # before any work, not after it
    settings = _ctx(ctx).settings()
    items = list(iter_inputs(paths, settings.max_doc_chars))
    articles = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, Quarantined)]
    events: list[dict[str, Any]] = []
    if articles:
        pipeline = Pipeline.load(settings)
        for out in pipeline.process(articles):
            if isinstance(out, Exception):
                bad.append(Quarantined("", getattr(out, "code", "E000"), str(out)))
            else:
                events.extend(e.to_json() for e in out.events)
    emit(events, fmt, output, force)
    for q in bad:
        typer.echo(f"quarantined {q.origin}: {q.code} {q.reason}", err=True)


# --- queries -----------------------------------------------------------------------------------
def _open_read(settings: Settings) -> Any:
    from dyad.store.db import Store

    return Store(settings.db, read_only=True)


@app.command()
def events(
    ctx: typer.Context,
    actor: Annotated[
        str | None, typer.Option(help="Actor or country code, either side (prefix).")
    ] = None,
    dyad: Annotated[
        tuple[str, str] | None, typer.Option(help="Two actors, either direction.")
    ] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 05 or 057.")] = None,
    since: Annotated[
        str | None, typer.Option(help="YYYY[-MM[-DD]]: events whose dates reach it.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="YYYY[-MM[-DD]]: events whose dates start by it.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Outlet name (substring).")] = None,
    cluster: Annotated[str | None, typer.Option(help="Only events of this cluster.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl, csv or parquet.")] = "table",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite -o if it exists.")] = False,
    from_dir: Annotated[
        Path | None, typer.Option("--from", help="Query Parquet shards of a Ray ingest instead.")
    ] = None,
) -> None:
    """List stored events, filtered."""
    from dyad.output import emit
    from dyad.store.query import events_sql, make_filter, parquet_relation

    f = make_filter(actor, dyad, code, since, until, source, cluster, limit)
    if from_dir is not None:
        import duckdb

        if not (from_dir / "events").is_dir():
            raise UsageError(f"{from_dir}: no events/ shards here")
        sql, params = events_sql(f, parquet_relation(from_dir))
        rows = duckdb.connect().execute(sql, params).fetchall()
    else:
        with _open_read(_ctx(ctx).settings()) as store:
            sql, params = events_sql(f)
            rows = store.query(sql, params)
    emit([json.loads(r[0]) for r in rows], fmt, output, force)


@app.command()
def quarantine(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """List quarantined records with their reasons and origins."""
    with _open_read(_ctx(ctx).settings()) as store:
        rows = store.query(
            "SELECT origin, code, reason, raw, quarantined_at FROM quarantine"
            " ORDER BY quarantined_at, origin"
        )
    if fmt == "jsonl":
        for o, c, r, raw, at in rows:
            typer.echo(json.dumps({"origin": o, "code": c, "reason": r, "raw": raw, "at": str(at)}))
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} quarantined")
    for col in ("origin", "code", "reason"):
        table.add_column(col, overflow="fold")
    for o, c, r, _raw, _at in rows:
        table.add_row(o, c, r)
    Console(width=140).print(table)


# --- linking -----------------------------------------------------------------------------------
@app.command()
def clusters(
    ctx: typer.Context,
    min_sources: Annotated[int, typer.Option(help="Only clusters told by at least N outlets.")] = 1,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """Events told by several sources: one cluster per real-world event."""
    from dyad.store.clusters import cluster_records

    with _open_read(_ctx(ctx).settings()) as store:
        records = cluster_records(
            store,
            "n_sources >= ? AND n_events > 1",
            [min_sources],
            order="n_sources DESC, first_reported, cluster_id",
        )
    if fmt == "jsonl":
        for rec in records:
            typer.echo(json.dumps(rec, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"{len(records)} clusters with more than one report")
    for col in ("cluster", "event", "sources", "reports", "best date", "where"):
        table.add_column(col, overflow="fold")
    for rec in records:
        best = rec.get("best", {})
        members = rec.get("members", [])
        outlets = sorted({m.get("source_name") or m.get("doc_id") for m in members})
        table.add_row(
            rec["cluster_id"],
            f"{_best(best, 'source')} {_best(best, 'cameo')} {_best(best, 'target')}",
            ", ".join(outlets),
            str(len(members)),
            _best(best, "date"),
            _best(best, "location"),
        )
    Console(width=160).print(table)


def _best(best: dict[str, Any], key: str) -> str:
    value = (best.get(key) or {}).get("value")
    if isinstance(value, dict):
        return str(value.get("name") or value.get("code") or value)
    return "" if value is None else str(value)


@app.command()
def conflicts(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "table",
) -> None:
    """Values that sources reporting the same event disagree on."""
    with _open_read(_ctx(ctx).settings()) as store:
        rows = store.query(
            'SELECT cluster_id, field, "values" FROM conflicts ORDER BY cluster_id, field'
        )
    items = [{"cluster_id": c, "field": f, "values": json.loads(v)} for c, f, v in rows]
    if fmt == "jsonl":
        for item in items:
            typer.echo(json.dumps(item, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"{len(items)} conflicts between sources", show_lines=True)
    for col in ("cluster", "field", "value", "source", "evidence"):
        table.add_column(col, overflow="fold")
    for item in items:
        for v in item["values"]:
            value = v.get("value")
            table.add_row(
                item["cluster_id"], item["field"],
                json.dumps(value) if isinstance(value, dict | list) else str(value),
                str(v.get("source_name") or v.get("doc_id")), str(v.get("sentence") or ""),
            )  # fmt: skip
    Console(width=160).print(table)


# --- actors ------------------------------------------------------------------------------------
@app.command()
def actors(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
    limit: Annotated[int, typer.Option(help="At most this many actors.")] = 100,
) -> None:
    """Resolved actors with mention counts and the surface forms seen."""
    with _open_read(_ctx(ctx).settings()) as store:
        rows = store.query(
            "SELECT actor_code, coalesce(person, actor_name), actor_type, country, sector,"
            " count(*) AS n, list(DISTINCT text ORDER BY text),"
            " list(DISTINCT method ORDER BY method)"
            " FROM mentions GROUP BY ALL ORDER BY n DESC, 1 LIMIT ?",
            [limit],
        )
    if fmt == "jsonl":
        for code, name, typ, country, sector, n, forms, methods in rows:
            typer.echo(json.dumps({"code": code, "name": name, "type": typ, "country": country,
                                   "sector": sector, "mentions": n, "forms": forms,
                                   "methods": methods}, ensure_ascii=False))  # fmt: skip
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} actors")
    for col in ("code", "actor", "type", "mentions", "surface forms", "how"):
        table.add_column(col, overflow="fold")
    for code, name, typ, _c, _s, n, forms, methods in rows:
        table.add_row(code, name, typ, str(n), ", ".join(forms[:12]), ", ".join(methods))
    Console(width=160).print(table)


@app.command()
def actor(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name, alias, title or place, e.g. 'Shoygu'.")],
    date: Annotated[str | None, typer.Option(help="Resolve as of this day (YYYY-MM-DD).")] = None,
) -> None:
    """Show how a name resolves and why."""
    from dyad.actors.kb import KnowledgeBase
    from dyad.actors.resolver import ActorResolver
    from dyad.store.query import parse_day

    settings = _ctx(ctx).settings()
    resolver = ActorResolver(KnowledgeBase.load(settings.user_actors))
    for line in resolver.explain(name, parse_day(date, "--date")):
        typer.echo(line)


# --- evaluation --------------------------------------------------------------------------------
@app.command("eval")
def eval_command(
    ctx: typer.Context,
    gold: Annotated[
        Path,
        typer.Argument(
            help="Document gold (samples/gold.jsonl) or sentence gold (PLOVER records)."
        ),
    ],
    min_f1: Annotated[float | None, typer.Option(help="Exit 1 if event F1 is below.")] = None,
    min_plover_macro_f1: Annotated[
        float | None, typer.Option(help="Exit 1 if PLOVER macro-F1 is below.")
    ] = None,
    min_quad_acc: Annotated[
        float | None, typer.Option(help="Exit 1 if quad-class accuracy is below.")
    ] = None,
) -> None:
    """Score the pipeline against gold; floors make it exit 1 when not met."""
    if not gold.is_file():
        raise UsageError(f"{gold}: no such gold file")
    from dyad.eval.run import run_eval

    report, ok = run_eval(gold, _ctx(ctx).settings(), min_f1, min_plover_macro_f1, min_quad_acc)
    typer.echo(str(report))
    if not ok:
        raise typer.Exit(1)


# --- scale and export --------------------------------------------------------------------------
@app.command()
def load(
    ctx: typer.Context,
    folder: Annotated[
        Path, typer.Argument(help="Shard folder written by `dyad ingest --engine ray`.")
    ],
) -> None:
    """Merge Parquet shards into the database (idempotent), then link across sources."""
    from dyad.scale.load import format_load_summary, load_shards
    from dyad.store.db import Store

    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    settings = _ctx(ctx).settings()
    with Store(settings.db, memory_limit=settings.db_memory_limit) as store:
        counts = load_shards(folder, store, settings)
    typer.echo(format_load_summary(counts, folder, settings.db))


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="gdelt (TSV), plover (JSONL) or parquet.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    force: Annotated[bool, typer.Option(help="Overwrite the file if it exists.")] = False,
) -> None:
    """Export every stored event for other tools."""
    from dyad.export import gdelt_rows, plover_jsonl
    from dyad.output import check_output_path, write_parquet
    from dyad.store.query import EventFilter, events_sql

    check_output_path(output, force)
    with _open_read(_ctx(ctx).settings()) as store:
        sql, params = events_sql(EventFilter())
        evs = [json.loads(r[0]) for r in store.query(sql, params)]
        urls = dict(store.query("SELECT doc_id, url FROM articles"))
        sources = dict(store.query("SELECT cluster_id, n_sources FROM clusters"))
    for e in evs:
        e["url"] = urls.get(e["doc_id"])
    if fmt == "gdelt":
        output.write_text(gdelt_rows(evs, sources), encoding="utf-8")
    elif fmt == "plover":
        output.write_text(plover_jsonl(evs), encoding="utf-8")
    elif fmt == "parquet":
        write_parquet(evs, output)
    else:
        raise UsageError("--format must be gdelt, plover or parquet")
    typer.echo(f"wrote {len(evs)} events to {output}")


@app.command()
def summary(ctx: typer.Context) -> None:
    """What the database holds: articles, events by CAMEO root and modality, clusters."""
    with _open_read(_ctx(ctx).settings()) as store:
        counts = store.counts()
        roots = store.query("SELECT cameo_root, count(*) FROM events GROUP BY 1 ORDER BY 1")
        modal = store.query("SELECT modality, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC")
        multi = store.query("SELECT count(*) FROM clusters WHERE n_sources > 1")
    typer.echo(", ".join(f"{k}: {v}" for k, v in counts.items()))
    typer.echo("events by CAMEO root: " + ", ".join(f"{r}={n}" for r, n in roots))
    typer.echo("events by modality: " + ", ".join(f"{m}={n}" for m, n in modal))
    typer.echo(f"clusters told by more than one source: {multi[0][0] if multi else 0}")


_INTERRUPTED = (
    "interrupted: run the same command again to resume (the unfinished batch was rolled back)"
)


def main() -> None:
    """Console entry point: named errors become one line and an exit code."""
    from typer._click.exceptions import ClickException
    from typer._click.exceptions import UsageError as ClickUsageError

    debug = "--debug" in sys.argv
    try:
        # standalone_mode=False: typer returns the code of typer.Exit (and 130 for Ctrl-C)
        rc = app(standalone_mode=False)
    except DyadError as err:
        if debug:
            traceback.print_exc()
        typer.echo(f"error {err.code}: {err.message}", err=True)
        sys.exit(err.exit_code)
    except typer.Exit as exc:
        rc = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        rc = 130
    except ClickException as exc:  # usage errors: unknown option, missing argument, ...
        if debug:
            traceback.print_exc()
        code = UsageError.code if isinstance(exc, ClickUsageError) else "E000"
        typer.echo(f"error {code}: {exc.format_message()}", err=True)
        sys.exit(2 if isinstance(exc, ClickUsageError) else 1)
    except Exception as exc:
        # DuckDB reports a Ctrl-C inside a query as its own error: "INTERRUPT Error: Interrupted"
        # (a RuntimeError), or, when it lands while DuckDB reads a registered Arrow table, an
        # InvalidInputException that names the KeyboardInterrupt
        message = str(exc)
        if "interrupted" not in message.lower() and "KeyboardInterrupt" not in message:
            raise
        rc = 130
    if rc == 130:
        typer.echo(_INTERRUPTED, err=True)
    sys.exit(rc if isinstance(rc, int) else 0)
