"""`dyad ingest --engine ray --out DIR`: code a corpus on a Ray cluster into Parquet shards.

The driver reads the inputs with dyad's own readers (`iter_inputs`), so documents, ids,
content hashes and quarantine reasons are exactly those of a local ingest. It hands them to
Ray Data in small Arrow blocks (read lazily and put into the object store block by block, so
the driver's own memory never holds the corpus; Ray spills the store to disk when it fills).
`map_batches` runs the same `Pipeline.process` as the local path in a pool of actors: one
actor per worker, one CPU each, the model loaded once per actor. The coded rows are written
as Parquet shards (see `dyad.scale.shards` for the layout); the events shards can be queried
at once with `dyad events --from DIR`, and `dyad load DIR` merges everything into the DuckDB
store and links events across sources (`dyad.scale.load`).

Workers do not link: clusters need every source, and each worker only sees its share.

Without `address` a local Ray instance is started with `workers` CPUs (and stopped after);
with `address` ("auto", "ray://host:port") dyad joins that cluster, and `out` must then be a
folder every node can write and the driver can read (a shared file system), because each
actor writes the shards of the batches it coded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import re
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from dyad.config import Settings
from dyad.errors import DuplicateIdError, DyadError, EngineError, InputError
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

PipelineFactory = Callable[[Settings], Any]


def _load_pipeline(settings: Settings) -> Any:
    from dyad.pipeline import Pipeline

    return Pipeline.load(settings)


class CodeBatch:
    """Ray actor body: holds one loaded pipeline, codes batches and writes their shards.

    Each call codes one batch of input rows, writes its events, articles and quarantine rows
    as one Parquet file per part under `out` (a folder every worker can reach), and returns
    a one-row tally. Writing here, in the actor, keeps the whole run one streaming pass: no
    coded rows wait in the object store and no second round of tasks has to be scheduled.
    """

    def __init__(
        self, settings: Settings, out: str, factory: PipelineFactory | None = None
    ) -> None:
        # Ray is the parallelism here: each actor parses in its own single process.
        self.settings = replace(settings, n_process=1)
        self.out = Path(out)
        self.pipeline: Any = None
        self.init_error: DyadError | None = None
        try:
            self.pipeline = (factory or _load_pipeline)(self.settings)
        except DyadError as err:
            # Ray passes a worker's exception back as text only, so a named error (a missing
            # model, a broken knowledge base) travels back as data, in the tally.
            self.init_error = err

    def __call__(self, batch: pa.Table) -> pa.Table:
        started = time.time()  # wall clock: comparable across the workers of one machine
        cpu = time.process_time()
        err = self.init_error
        if err is None:
            try:
                coded = rows_to_table(code_rows(self.pipeline, batch.to_pylist()), ROW_SCHEMA)
            except DyadError as exc:
                err = exc
            else:
                write_block(coded, self.out)
                return tally(coded, started, time.process_time() - cpu)
        return tally(rows_to_table([], ROW_SCHEMA), started, 0.0, err)


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


TALLY_SCHEMA = pa.schema(
    [
        ("events", pa.int64()),
        ("articles", pa.int64()),
        ("quarantine", pa.int64()),
        ("sentences", pa.int64()),
        ("error_code", pa.string()),
        ("error_reason", pa.string()),
        ("started", pa.float64()),
        ("finished", pa.float64()),
        ("cpu", pa.float64()),  # CPU seconds the worker process spent on the batch
    ]
)


def tally(coded: pa.Table, started: float, cpu: float, error: DyadError | None = None) -> pa.Table:
    """Counts of one coded batch (and the named error that stopped it), for the driver."""
    import pyarrow.compute as pc

    part = coded["part"]
    row = {
        "events": pc.sum(pc.equal(part, "events")).as_py() or 0,
        "articles": pc.sum(pc.equal(part, "articles")).as_py() or 0,
        "quarantine": pc.sum(pc.equal(part, "quarantine")).as_py() or 0,
        "sentences": pc.sum(coded["n_sentences"]).as_py() or 0,
        "error_code": error.code if error else None,
        "error_reason": error.message if error else None,
        "started": started,
        "finished": time.time(),
        "cpu": cpu,
    }
    return rows_to_table([row], TALLY_SCHEMA)


def write_block(coded: pa.Table, out: Path) -> None:
    """One Parquet file per part for one coded batch, named after its first input document.

    Written under a temporary name and renamed, so a reader never meets half a file.
    """
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    first = pc.min(coded["input_index"]).as_py()
    name = f"{first if first is not None else 0:012d}-{uuid.uuid4().hex[:8]}.parquet"
    for part in PARTS:
        rows = select_part(coded, part)
        if rows.num_rows:
            tmp = out / part / ("." + name + ".tmp")
            pq.write_table(rows, tmp)
            tmp.replace(out / part / name)


@dataclass(slots=True)
class RayReport:
    inputs: int
    repeats: int
    articles: int
    sentences: int
    events: int
    quarantined: int
    workers: int
    seconds: float  # the whole run, as the user waits for it
    startup_seconds: float  # until the first batch started: Ray, actor processes, model load
    coding_seconds: float  # from the first batch started to the last one written
    cpu_seconds: float  # CPU time the workers spent coding and writing
    out: Path

    def to_text(self) -> str:
        rate = self.inputs / self.seconds if self.seconds > 0 else 0.0
        return "\n".join(
            [
                f"inputs: {self.inputs} documents ({rate:.1f}/s with {self.workers} Ray workers; "
                f"{self.startup_seconds:.0f}s to start, {self.coding_seconds:.0f}s coding)",
                f"coded: {self.articles} articles, {self.sentences} sentences, "
                f"{self.events} events",
                f"unchanged: {self.repeats} repeated in the input",
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
    """No progress bars, log lines or notices from Ray Data (dyad prints its own report)."""
    with warnings.catch_warnings():
        # Ray's notices about its own renamed options, and that a small input cannot keep
        # every worker busy: true, harmless, and not the user's to act on
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ray\.")
        warnings.filterwarnings("ignore", message=r"The minimum number of concurrent actors")
        from ray.data import DataContext

        ctx = DataContext.get_current()
        saved = (ctx.enable_progress_bars, ctx.enable_auto_log_stats)
        logger = logging.getLogger("ray.data")
        level = logger.level
        ctx.enable_progress_bars = False
        ctx.enable_auto_log_stats = False
        logger.setLevel(logging.CRITICAL)  # worker errors reach the user as dyad errors
        try:
            yield
        finally:
            ctx.enable_progress_bars, ctx.enable_auto_log_stats = saved
            logger.setLevel(level)


def _code(
    blocks: InputBlocks,
    settings: Settings,
    out: Path,
    workers: int,
    factory: PipelineFactory | None,
) -> list[dict[str, Any]]:
    """Code every input block in the actor pool; the tallies of every batch."""
    import ray.data

    # Batches big enough for nlp.pipe and few files, small enough that every worker gets
    # several (the last batch is the one a finished worker waits for).
    per_worker = blocks.inputs // (workers * 4)
    batch_size = max(settings.batch_size, min(per_worker, 512))
    with warnings.catch_warnings():
        # Ray 2.60 flags max_restarts as a keyword that will move, and has no other spelling
        warnings.simplefilter("ignore", DeprecationWarning)
        mapped = ray.data.from_arrow_refs(blocks.refs).map_batches(
            CodeBatch,
            fn_constructor_kwargs={"settings": settings, "out": str(out), "factory": factory},
            batch_size=batch_size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            max_restarts=0,  # a failed worker fails the run (run it again): no silent restarts
        )
    tallies: list[dict[str, Any]] = mapped.take_all()
    return tallies


class RepeatFilter:
    """Documents met earlier in the same input, judged as a local ingest judges them.

    A local ingest skips a document whose text it already stored (same id and content, or
    the same content under another id) and quarantines an id that comes back with other
    content (E109). The driver applies the same rules within the input, so the shards hold
    each document once. Ids and hashes are kept as 8-byte digests: a few dozen bytes per
    document, whatever its size.
    """

    def __init__(self) -> None:
        self.by_id: dict[bytes, bytes] = {}
        self.hashes: set[bytes] = set()

    @staticmethod
    def _digest(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()

    def check(self, article: Article) -> Quarantined | bool:
        """True: new; False: a repeat to skip; Quarantined: the id came back changed."""
        key = self._digest(article.doc_id)
        digest = self._digest(article.content_hash)
        known = self.by_id.get(key)
        if known == digest or (known is None and digest in self.hashes):
            return False
        if known is not None:
            err = DuplicateIdError(f"id {article.doc_id!r} was already ingested with other content")
            return Quarantined(article.origin, err.code, err.message, article.text[:300])
        self.by_id[key] = digest
        self.hashes.add(digest)
        return True


@dataclass(slots=True)
class InputBlocks:
    refs: list[Any]  # object refs of Arrow tables of INPUT_SCHEMA
    inputs: int = 0  # documents met, repeats included
    repeats: int = 0  # skipped: already met in this input with the same content


def _put_inputs(paths: Sequence[str], settings: Settings, stdin: IO[bytes] | None) -> InputBlocks:
    """Read every input lazily into object-store blocks, each document once."""
    import ray

    from dyad.ingest.readers import iter_inputs

    blocks = InputBlocks(refs=[])
    repeats = RepeatFilter()
    rows: list[dict[str, Any]] = []
    for index, item in enumerate(iter_inputs(paths, settings.max_doc_chars, stdin=stdin)):
        blocks.inputs += 1
        if isinstance(item, Article):
            verdict = repeats.check(item)
            if verdict is False:
                blocks.repeats += 1
                continue
            if isinstance(verdict, Quarantined):
                item = verdict
        rows.append(item_to_input_row(index, item))
        if len(rows) == BLOCK_ROWS:
            blocks.refs.append(ray.put(rows_to_table(rows, INPUT_SCHEMA)))
            rows = []
    if rows:
        blocks.refs.append(ray.put(rows_to_table(rows, INPUT_SCHEMA)))
    return blocks


def _error_class(code: str) -> type[DyadError]:
    todo: list[type[DyadError]] = [DyadError]
    while todo:
        cls = todo.pop()
        if cls.code == code:
            return cls
        todo.extend(cls.__subclasses__())
    return EngineError


_EXC_LINE = re.compile(r"^[\w.]*(Error|Exception)\b[^:]*: \S")


def _error_line(exc: BaseException) -> str:
    """The line naming the worker's own exception in Ray's text (the original is not kept)."""
    lines = [line.strip() for line in str(exc).splitlines()]
    named = [
        line
        for line in lines
        if _EXC_LINE.match(line) and "UserCodeException" not in line and "RayTaskError" not in line
    ]
    return named[-1] if named else next((line for line in lines if line), type(exc).__name__)


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
    wall_start = time.time()
    with ray_session(address, workers), _quiet_ray_data():
        import ray
        import ray.data

        try:
            blocks = _put_inputs(paths, settings, stdin)
            for part in PARTS:
                (out / part).mkdir(parents=True, exist_ok=True)
            tallies = _code(blocks, settings, out, workers, factory) if blocks.refs else []
        except ray.exceptions.RayError as exc:
            raise EngineError(f"the Ray ingest failed: {_error_line(exc)}") from exc
    for t in tallies:
        if t["error_code"]:
            raise _error_class(str(t["error_code"]))(str(t["error_reason"]))
    _add_empty_shards(out)
    totals = {key: sum(int(t[key]) for t in tallies) for key in TALLY_SCHEMA.names[:4]}
    report = RayReport(
        inputs=blocks.inputs,
        repeats=blocks.repeats,
        articles=totals["articles"],
        sentences=totals["sentences"],
        events=totals["events"],
        quarantined=totals["quarantine"],
        workers=workers,
        seconds=time.perf_counter() - start,
        startup_seconds=min((t["started"] for t in tallies), default=wall_start) - wall_start,
        coding_seconds=(
            max(t["finished"] for t in tallies) - min(t["started"] for t in tallies)
            if tallies
            else 0.0
        ),
        cpu_seconds=sum(float(t["cpu"]) for t in tallies),
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
                "repeats": report.repeats,
                "articles": report.articles,
                "sentences": report.sentences,
                "events": report.events,
                "quarantined": report.quarantined,
            },
        },
    )
    return report


def _add_empty_shards(out: Path) -> None:
    """An empty shard for a part with no rows keeps its schema for `dyad events --from`."""
    import pyarrow.parquet as pq

    for part in PARTS:
        if not shard_files(out, part):
            pq.write_table(SCHEMAS[part].empty_table(), out / part / "empty.parquet")
