"""The CAMEO code table and the lexicon: consistency, coverage of roots and subcodes."""

from __future__ import annotations

import pytest

from dyad.errors import LexiconError
from dyad.events.codes import PLOVER_QUAD, PLOVER_TYPES, code_info, code_table, quad_for_root
from dyad.events.lexicon import lexicon_from_yaml, load_lexicon

ALL_ROOTS = {f"{n:02d}" for n in range(1, 21)}


def test_every_root_is_in_the_table_with_gdelt_quad() -> None:
    table = code_table()
    assert set(table) >= ALL_ROOTS
    for code, info in table.items():
        assert info.quad_class == quad_for_root(code[:2]), code
        assert info.root == code[:2]


def test_goldstein_scores_are_in_range_and_follow_the_scale() -> None:
    for code, info in code_table().items():
        assert -10.0 <= info.goldstein <= 10.0, code
    # the scale's ends: signing an agreement is strongly cooperative, fighting the opposite
    assert code_info("057").goldstein > code_info("040").goldstein > 0
    assert code_info("190").goldstein <= -9.0
    assert code_info("2041").goldstein == -10.0


def test_plover_mapping_and_documented_disagreements() -> None:
    for code, info in code_table().items():
        if info.plover is None:
            assert code.startswith("01"), f"{code} has no PLOVER type"
            continue
        assert info.plover in PLOVER_TYPES
        assert info.plover_quad == PLOVER_QUAD[info.plover]
        if info.plover_quad != info.quad_class:
            assert info.choice, f"{code}: PLOVER and GDELT quads differ without a note"
    assert code_info("090").plover == "ACCUSE"  # PLOVER folds INVESTIGATE into ACCUSE
    assert code_info("100").plover == "REQUEST"  # and DEMAND into REQUEST
    assert code_info("141").quad_class == 4 and code_info("141").plover_quad == 4
    assert code_info("0871").plover == "RETREAT"


def test_unknown_code_is_a_named_error() -> None:
    with pytest.raises(LexiconError):
        code_info("999")


def test_every_lexicon_code_is_in_the_table() -> None:
    table = code_table()
    missing = [c for c in load_lexicon().codes() if c not in table]
    assert missing == []


def test_lexicon_reaches_all_roots_and_150_subcodes() -> None:
    codes = load_lexicon().codes()
    assert {c[:2] for c in codes} == ALL_ROOTS
    subcodes = {c for c in codes if len(c) >= 3}
    assert len(subcodes) >= 150, len(subcodes)


def test_duplicate_keys_and_unknown_codes_are_rejected() -> None:
    with pytest.raises(LexiconError, match="duplicate"):
        lexicon_from_yaml('verbs:\n  meet: {code: "040"}\n  meet: {code: "041"}\n')
    with pytest.raises(LexiconError, match="missing"):
        lexicon_from_yaml('verbs:\n  meet: {code: "0499"}\n')
    with pytest.raises(LexiconError, match="frame"):
        lexicon_from_yaml("verbs:\n  meet: {frame: NOPE}\n")


def test_yaml_prepositions_are_not_booleans() -> None:
    # YAML 1.1 would read `on` and `no` as booleans; the lexicon loader must not
    lex = load_lexicon()
    assert "on" in lex.verbs["impose"][0].target
    assert "no" in lex.modality.negative_determiners


def test_frame_tables_compose_by_longest_prefix() -> None:
    lex = load_lexicon()
    assert lex.frame_code("INTENT", "072") == "0332"  # agree to supply arms
    assert lex.frame_code("REFUSE", "072") == "1222"  # refuse to supply arms
    assert lex.frame_code("REFUSE", "0841") == "1243"  # refuse to release
    assert lex.frame_code("THREATEN", "163") == "1312"  # threaten sanctions
    assert lex.frame_code("DEMAND", "0874") == "1056"  # demand a withdrawal
    assert lex.frame_code("APPEAL", "046") == "026"  # appeal for talks
