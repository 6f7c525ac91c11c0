"""An on-disk cache of the place indexes built from geonames, so a process starts in a second.

Building the gazetteer and the small-town index reads geonames' JSON (170,000 places) and
takes about 3.5 s, which every coding process used to pay: each `dyad` command that parses,
each ingest worker, each Ray actor. The built index is pickled once and loaded from then on
(a few hundred milliseconds).

An entry is named after everything the build reads: the index's parameters, the geonames and
dyad data files (path, size and modification time), the source of the dyad modules that build
it, and the Python version. Any change builds afresh; an entry that cannot be read is built
again and replaced. Writes go to a temporary file renamed into place, so processes starting
together never read half an entry.

Where: `$DYAD_CACHE_DIR`, else `$XDG_CACHE_HOME/dyad`, else `~/.cache/dyad`;
`DYAD_CACHE_DIR=off` turns the cache off. A cache that cannot be written (a read-only home)
is not an error: the index is built in memory, as without a cache, with a `CacheWarning`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class CacheWarning(UserWarning):
    """The place-index cache could not be written; the index was built in memory."""


def cache_dir() -> Path | None:
    """The cache directory, or None when `DYAD_CACHE_DIR=off`."""
    chosen = os.environ.get("DYAD_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dyad"


def _entry_key(name: str, params: Sequence[object], inputs: Sequence[Path]) -> str:
    digest = hashlib.blake2b(digest_size=12)
    digest.update(repr((name, tuple(params), sys.version_info[:2])).encode())
    for path in inputs:
        stat = path.stat()
        if path.suffix == ".py":  # the code that builds: its content, not its timestamp
            digest.update(path.read_bytes())
        else:
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def cached_build(
    name: str, params: Sequence[object], inputs: Sequence[Path], build: Callable[[], T]
) -> T:
    """`build()`, or the pickle of an earlier build with the same parameters and inputs."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{_entry_key(name, params, inputs)}.pickle"
    try:
        with path.open("rb") as fh:
            value: T = pickle.load(fh)
        return value
    except (FileNotFoundError, NotADirectoryError):
        pass  # not built yet (or no cache directory yet): build it below
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
        # a damaged entry (a full disk, an interrupted copy): built again and replaced below
        warnings.warn(f"rebuilding {path}: {exc}", CacheWarning, stacklevel=2)
    value = build()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the partial file, if there is one: the warning
            temporary.unlink(missing_ok=True)  # below already says the cache failed
        warnings.warn(f"cannot cache {name} in {directory}: {exc}", CacheWarning, stacklevel=2)
    return value
