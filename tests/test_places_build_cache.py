"""The on-disk cache of built place indexes: same index back, rebuilt when an input changes."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from dyad.places.build_cache import CacheWarning, cache_dir, cached_build
from dyad.places.towns import build_towns


class Builds:
    """A build that records how often it ran."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.runs = 0

    def __call__(self) -> object:
        self.runs += 1
        return self.value


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DYAD_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_town_index_comes_back_equal_from_disk(cache: Path) -> None:
    from dyad.places import towns

    inputs = [Path(towns.__file__)]
    fresh = cached_build("towns", (50_000,), inputs, lambda: build_towns(50_000))
    assert len(list(cache.glob("towns-*.pickle"))) == 1
    again = cached_build("towns", (50_000,), inputs, lambda: pytest.fail("built twice"))
    assert again == fresh and again is not fresh
    assert again.lookup("Jermuk") == fresh.lookup("Jermuk") != []


def test_a_changed_input_or_parameter_builds_afresh(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "features.yaml"
    data.write_text("a: 1\n")
    build = Builds({"a": 1})
    cached_build("demo", (1,), [data], build)
    cached_build("demo", (1,), [data], build)
    assert build.runs == 1
    cached_build("demo", (2,), [data], build)
    assert build.runs == 2
    stat = data.stat()
    data.write_text("a: 22\n")
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    cached_build("demo", (1,), [data], build)
    assert build.runs == 3


def test_a_damaged_entry_is_rebuilt_and_replaced(cache: Path, tmp_path: Path) -> None:
    build = Builds([1, 2, 3])
    cached_build("demo", (), [], build)
    (entry,) = cache.glob("demo-*.pickle")
    entry.write_bytes(b"\x80\x05 not a pickle")
    with pytest.warns(CacheWarning, match="rebuilding"):
        assert cached_build("demo", (), [], build) == [1, 2, 3]
    assert build.runs == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cached_build("demo", (), [], build) == [1, 2, 3]
    assert build.runs == 2


def test_off_and_unwritable_caches_still_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DYAD_CACHE_DIR", "off")
    assert cache_dir() is None
    assert cached_build("demo", (), [], Builds(7)) == 7
    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory would go")
    monkeypatch.setenv("DYAD_CACHE_DIR", str(blocked / "cache"))
    with pytest.warns(CacheWarning, match="cannot cache demo"):
        assert cached_build("demo", (), [], Builds(8)) == 8


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DYAD_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "dyad"
