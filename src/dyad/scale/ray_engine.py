"""`dyad ingest --engine ray --out DIR`: code a corpus on a Ray cluster into Parquet shards.

The driver reads the inputs with dyad's own readers (`iter_inputs`), so documents, ids,
content hashes and quarantine reasons are exactly those of a local ingest. It hands them to
Ray Data in small Arrow blocks (read lazily, put into the object store block by block, so the
driver never holds the corpus). `map_batches` runs the same `Pipeline.process` as the local
path in a pool of actors: one actor per worker, one CPU each, the model loaded once per actor.
The coded rows are written as Parquet shards (see `dyad.scale.shards` for the layout); the
events shards can be queried at once with `dyad events --from DIR`, and `dyad load DIR`
merges everything into the DuckDB store and links events across sources
(`dyad.scale.load`).

Workers do not link: clusters need every source, and each worker only sees its share.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from dyad.config import Settings
from dyad.errors import DyadError, EngineError, InputError
from dyad.model import Article, DocResult, Quarantined
from dyad.scale.shards import (
    INPUT_SCHEMA,
    PARTS,
    ROW_SCHEMA,
    SCHEMAS,
    article_row,
    event_row,
    input_row_to_item,
    item_to_input_row,
    prepare_out,
    quarantine_row,
    rows_to_table,
    shard_files,
    write_manifest,
)

# Documents per Arrow block handed to Ray: small enough that a few dozen articles still spread
# over every worker, large enough that per-block overhead stays negligible.
BLOCK_ROWS = 16
# Rows per Parquet file at least (Ray otherwise writes one small file per batch).
MIN_ROWS_PER_FILE = 5_000

PipelineFactory = Callable[[Settings], Any]


def _load_pipeline(settings: Settings) -> Any:
    from dyad.pipeline import Pipeline

    return Pipeline.load(settings)


class CodeBatch:
    """Ray actor body: holds one loaded pipeline and codes batches of input rows."""

    def __init__(self, settings: Settings, factory: PipelineFactory | None = None) -> None:
        # Ray is the parallelism here: each actor parses in its own single process.
        self.settings = replace(settings, n_process=1)
        self.pipeline = (factory or _load_pipeline)(self.settings)

    def __call__(self, batch: pa.Table) -> pa.Table:
        return rows_to_table(code_rows(self.pipeline, batch.to_pylist()), ROW_SCHEMA)


def code_rows(pipeline: Any, rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Code input rows with `pipeline`; yields shard rows tagged with their `part`.

    Mirrors `dyad.ingest.runner.ingest`: a document that fails with a named input error
    (its time budget) is quarantined with the same code, message and excerpt; any other
    error is a bug and stops the run.
    """
    from dyad.link.cluster import blocking_key

    articles: list[tuple[int, Article]] = []
    for row in rows:
        index, item = input_row_to_item(row)
        if isinstance(item, Quarantined):
            yield {"part": "quarantine", **quarantine_row(index, item)}
        else:
            articles.append((index, item))
    outputs = pipeline.process([a for _, a in articles])
    for (index, article), out in zip(articles, outputs, strict=True):
        if isinstance(out, InputError):
            q = Quarantined(article.origin, out.code, out.message, article.text[:300])
            yield {"part": "quarantine", **quarantine_row(index, q)}
        elif isinstance(out, Exception):
            raise out
        else:
            result: DocResult = out
            yield {"part": "articles", **article_row(index, result)}
            for order, event in enumerate(result.events):
                yield {"part": "events", **event_row(index, order, event, blocking_key(event))}


def select_part(batch: pa.Table, part: str) -> pa.Table:
    """The rows of one part, with exactly that part's columns."""
    import pyarrow.compute as pc

    rows = batch.filter(pc.equal(batch["part"], part))
    schema = SCHEMAS[part]
    return rows.select(schema.names).cast(schema)


def tally(batch: pa.Table) -> pa.Table:
    """Counts of one block, summed by the driver for the report."""
    import pyarrow.compute as pc

    part = batch["part"]
    n_sent = pc.sum(batch["n_sentences"]).as_py() or 0
    return pa.table(
        {
            "events": [pc.sum(pc.equal(part, "events")).as_py() or 0],
            "articles": [pc.sum(pc.equal(part, "articles")).as_py() or 0],
            "quarantine": [pc.sum(pc.equal(part, "quarantine")).as_py() or 0],
            "sentences": [n_sent],
        }
    )


@dataclass(slots=True)
class RayReport:
    inputs: int
    articles: int
    sentences: int
    events: int
    quarantined: int
    workers: int
    seconds: float
    out: Path

    def to_text(self) -> str:
        rate = self.inputs / self.seconds if self.seconds > 0 else 0.0
        return "\n".join(
            [
                f"inputs: {self.inputs} documents ({rate:.1f}/s with {self.workers} Ray workers)",
                f"coded: {self.articles} articles, {self.sentences} sentences, "
                f"{self.events} events",
                f"quarantined: {self.quarantined}",
                f"shards: {self.out}/events, {self.out}/articles, {self.out}/quarantine",
                f"next: `dyad load {self.out}` (store and link) or `dyad events --from {self.out}`",
            ]
        )


@contextlib.contextmanager
def ray_session(address: str | None, workers: int) -> Iterator[None]:
    """Use the running Ray session, connect to `address`, or start a local one (and stop it)."""
    import ray

    if ray.is_initialized():
        yield  # a session the caller owns (a notebook, the tests): leave it running
        return
    quiet: dict[str, Any] = {
        "include_dashboard": False,
        "logging_level": logging.WARNING,
        "log_to_driver": False,
        "configure_logging": False,  # keep Ray's loggers at the level set below
    }
    ray_logger = logging.getLogger("ray")
    level = ray_logger.level
    ray_logger.setLevel(logging.ERROR)  # start-up notices are not the user's business
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            ray.init(num_cpus=workers, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        ray_logger.setLevel(level)
        raise EngineError(f"cannot start or reach Ray ({address or 'local'}): {exc}") from exc
    try:
        yield
    finally:
        ray.shutdown()
        ray_logger.setLevel(level)


@contextlib.contextmanager
def _quiet_ray_data() -> Iterator[None]:
    """No progress bars or per-dataset log lines from Ray Data (dyad prints its own report)."""
    from ray.data import DataContext

    ctx = DataContext.get_current()
    saved = (ctx.enable_progress_bars, ctx.enable_auto_log_stats)
    logger = logging.getLogger("ray.data")
    level = logger.level
    ctx.enable_progress_bars = False
    ctx.enable_auto_log_stats = False
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        ctx.enable_progress_bars, ctx.enable_auto_log_stats = saved
        logger.setLevel(level)


def _code(
    refs: list[Any], settings: Settings, workers: int, factory: PipelineFactory | None
) -> Any:
    """The coded rows of every input block, computed once and kept in the object store."""
    import ray.data

    with warnings.catch_warnings():
        # Ray 2.60 flags max_restarts as a keyword that will move, and has no other spelling
        warnings.simplefilter("ignore", DeprecationWarning)
        mapped = ray.data.from_arrow_refs(refs).map_batches(
            CodeBatch,
            fn_constructor_kwargs={"settings": settings, "factory": factory},
            batch_size=settings.batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            max_restarts=0,  # a failed worker fails the run (run it again): no silent restarts
        )
    return mapped.materialize()


def _put_inputs(
    paths: Sequence[str], settings: Settings, stdin: IO[bytes] | None
) -> tuple[list[Any], int]:
    """Read every input lazily into object-store blocks; (block refs, documents read)."""
    import ray

    from dyad.ingest.readers import iter_inputs

    refs: list[Any] = []
    rows: list[dict[str, Any]] = []
    n = 0
    for index, item in enumerate(iter_inputs(paths, settings.max_doc_chars, stdin=stdin)):
        rows.append(item_to_input_row(index, item))
        n += 1
        if len(rows) == BLOCK_ROWS:
            refs.append(ray.put(rows_to_table(rows, INPUT_SCHEMA)))
            rows = []
    if rows:
        refs.append(ray.put(rows_to_table(rows, INPUT_SCHEMA)))
    return refs, n


def _write_parts(coded: Any, out: Path) -> None:
    import pyarrow.parquet as pq

    for part in PARTS:
        folder = out / part
        coded.map_batches(
            select_part, fn_kwargs={"part": part}, batch_format="pyarrow"
        ).write_parquet(str(folder), min_rows_per_file=MIN_ROWS_PER_FILE)
        folder.mkdir(parents=True, exist_ok=True)
        if not shard_files(out, part):
            # an empty shard keeps the schema, so `dyad events --from` and `dyad load` work
            pq.write_table(SCHEMAS[part].empty_table(), folder / "empty.parquet")


def _unwrap(exc: BaseException) -> BaseException:
    """The dyad error a worker raised, if that is what failed the Ray task."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, DyadError):
            return cur
        seen.add(id(cur))
        cur = getattr(cur, "cause", None) or cur.__cause__
    return exc


def run_ray_ingest(
    paths: Sequence[str],
    settings: Settings,
    out: Path,
    address: str | None = None,
    workers: int = 2,
    *,
    stdin: IO[bytes] | None = None,
    factory: PipelineFactory | None = None,
) -> str:
    """Code every document of `paths` on Ray into Parquet shards under `out`; returns a report.

    `factory(settings)` builds the pipeline inside each actor (default `Pipeline.load`).
    """
    return ray_ingest(
        paths, settings, out, address, workers, stdin=stdin, factory=factory
    ).to_text()


def ray_ingest(
    paths: Sequence[str],
    settings: Settings,
    out: Path,
    address: str | None = None,
    workers: int = 2,
    *,
    stdin: IO[bytes] | None = None,
    factory: PipelineFactory | None = None,
) -> RayReport:
    """`run_ray_ingest`, returning the counts as a record (used by the benchmarks)."""
    from dyad.ingest.readers import expand_paths

    if workers < 1:
        raise EngineError("--workers must be at least 1")
    expand_paths(paths)  # unreadable input: fail before touching `out`
    prepare_out(out)
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write_manifest(out, {"complete": False, "inputs": list(paths), "started": started})
    start = time.perf_counter()
    with ray_session(address, workers), _quiet_ray_data():
        import ray
        import ray.data

        try:
            refs, n_inputs = _put_inputs(paths, settings, stdin)
            if refs:
                coded = _code(refs, settings, workers, factory)
                totals = coded.map_batches(tally, batch_format="pyarrow").sum(
                    ["events", "articles", "quarantine", "sentences"]
                )
                _write_parts(coded, out)
            else:
                totals = {}
                _write_parts_empty(out)
        except ray.exceptions.RayError as exc:
            cause = _unwrap(exc)
            if cause is not exc:
                raise cause from exc
            raise EngineError(f"the Ray ingest failed: {exc}") from exc
    report = RayReport(
        inputs=n_inputs,
        articles=int(totals.get("sum(articles)", 0) or 0),
        sentences=int(totals.get("sum(sentences)", 0) or 0),
        events=int(totals.get("sum(events)", 0) or 0),
        quarantined=int(totals.get("sum(quarantine)", 0) or 0),
        workers=workers,
        seconds=time.perf_counter() - start,
        out=out,
    )
    write_manifest(
        out,
        {
            "complete": True,
            "inputs": list(paths),
            "started": started,
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "workers": workers,
            "model": settings.model,
            "counts": {
                "inputs": report.inputs,
                "articles": report.articles,
                "sentences": report.sentences,
                "events": report.events,
                "quarantined": report.quarantined,
            },
        },
    )
    return report


def _write_parts_empty(out: Path) -> None:
    import pyarrow.parquet as pq

    for part in PARTS:
        (out / part).mkdir(parents=True, exist_ok=True)
        pq.write_table(SCHEMAS[part].empty_table(), out / part / "empty.parquet")
