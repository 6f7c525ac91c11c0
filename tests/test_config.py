from __future__ import annotations

from pathlib import Path

import pytest

from dyad.config import Settings, load_settings
from dyad.errors import ConfigError


def test_defaults_without_any_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={})
    assert s == Settings()
    assert s.db == Path("dyad.duckdb")


def test_layers_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dyad.toml").write_text(
        'db = "from-toml.duckdb"\nbatch_size = 7\ncommit_every = 5\n[link]\nlink_threshold = 0.4\n'
    )
    toml_only = load_settings(env={})
    assert toml_only.db == Path("from-toml.duckdb")
    assert toml_only.batch_size == 7
    assert toml_only.link.link_threshold == 0.4
    env = {"DYAD_DB": "from-env.duckdb", "DYAD_BATCH_SIZE": "9", "DYAD_LINK_THRESHOLD": "0.6"}
    with_env = load_settings(env=env)
    assert with_env.db == Path("from-env.duckdb")
    assert with_env.batch_size == 9
    assert with_env.commit_every == 5  # the toml value survives where env is silent
    assert with_env.link.link_threshold == 0.6
    with_flags = load_settings({"db": Path("flag.duckdb"), "batch_size": None}, env=env)
    assert with_flags.db == Path("flag.duckdb")
    assert with_flags.batch_size == 9  # a flag not given does not reset a lower layer


def test_user_actors_path_is_relative_to_the_toml(tmp_path: Path) -> None:
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "dyad.toml").write_text('user_actors = "people.yaml"\n')
    s = load_settings(env={}, config_file=conf / "dyad.toml")
    assert s.user_actors == (conf / "people.yaml").resolve()


@pytest.mark.parametrize(
    "text",
    [
        "batch_size = 'many'\n",
        "no_such_setting = 1\n",
        "batch_size = 0\n",
        "db = [\n",
        "db_memory_limit = 'lots'\n",
    ],
)
def test_bad_settings_are_named_errors(tmp_path: Path, text: str) -> None:
    (tmp_path / "dyad.toml").write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(env={}, config_file=tmp_path / "dyad.toml")
    assert info.value.code == "E001"


def test_bad_env_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(env={"DYAD_BATCH_SIZE": "lots"})


def test_writer_memory_limit_reaches_duckdb(tmp_path: Path) -> None:
    from dyad.store.db import Store

    s = load_settings(env={"DYAD_DB_MEMORY_LIMIT": "300MB"})
    with Store(tmp_path / "x.duckdb", memory_limit=s.db_memory_limit) as store:
        ((limit,),) = store.query("SELECT current_setting('memory_limit')")
    assert str(limit).endswith("MiB") and 280 < float(str(limit).split()[0]) <= 300
