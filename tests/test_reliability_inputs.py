"""Hostile and broken input through the real `dyad ingest`: nothing is lost, nothing crashes.

One input folder (text, HTML, CSV and a JSONL file) mixes good articles with every kind of bad
input we could think of. After one real ingest into a temporary database each case must be
either stored (with a warning when it was degraded) or quarantined with a named code, the good
articles must all be stored, and the counts must reconcile exactly:
documents in = articles stored + unchanged + quarantined, in the summary and in the tables.

Run with `-s` to print the table of cases and outcomes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import DYAD, ROOT

PAIRS = [
    ("Kenya", "Tanzania"), ("Chile", "Peru"), ("Norway", "Sweden"), ("Egypt", "Ethiopia"),
    ("India", "Pakistan"), ("Ghana", "Togo"), ("Brazil", "Argentina"), ("Japan", "South Korea"),
    ("Turkey", "Greece"), ("Vietnam", "China"), ("Morocco", "Algeria"), ("Poland", "Germany"),
    ("Canada", "Mexico"), ("Nigeria", "Cameroon"), ("Iran", "Iraq"), ("Serbia", "Croatia"),
    ("Thailand", "Cambodia"), ("Spain", "Portugal"), ("Uganda", "Rwanda"), ("Chad", "Sudan"),
]  # fmt: skip
TEMPLATES = [
    "{a} and {b} signed a trade agreement in the capital on Tuesday. The two presidents "
    "promised to cut tariffs on maize and cement.",
    "{a} accused {b} of breaking the border agreement on Monday. The government of {b} "
    "rejected the accusation.",
    "The foreign minister of {a} met her counterpart from {b} on Friday to discuss fishing "
    "rights and river traffic.",
    "{a} recalled its ambassador from {b} on Wednesday after a dispute over water, officials said.",
]


def good(k: int) -> str:
    """The k-th good English article: every stored case has its own text (own content hash)."""
    a, b = PAIRS[k % len(PAIRS)]
    return TEMPLATES[k // len(PAIRS) % len(TEMPLATES)].format(a=a, b=b)


RUSSIAN = (
    "Министр иностранных дел России провёл переговоры с коллегой из Казахстана в Астане. "
    "Стороны подписали соглашение о сотрудничестве в области энергетики."
)
ARABIC = (
    "التقى وزير الخارجية المصري نظيره الأردني في عمّان يوم الأحد. "
    "وبحث الجانبان سبل تعزيز التعاون بين البلدين."
)
CHINESE = "中国外交部长周二在北京会见了巴西外长。双方签署了一项贸易协定。"
# the JSONL copies differ from the files: same-content documents are another test's subject
RUSSIAN_2 = RUSSIAN + " Встреча прошла в Москве."
ARABIC_2 = ARABIC + " وعقد الاجتماع في القاهرة."
CHINESE_2 = CHINESE + "会谈在上海举行。"

WARN = "stored, warned"
STORED = "stored"


@dataclass(slots=True)
class Case:
    name: str
    origin: str  # where the readers say it came from
    expect: str  # STORED, WARN or an error code
    doc_id: str | None = None
    outcome: str = "?"
    code: str = ""
    detail: str = ""


def _csv_lines(rows: list[list[str]]) -> tuple[str, list[int]]:
    """CSV text and, for each row, the physical line it ends on (the header is line 1)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "title", "source", "published", "text"])
    ends = []
    for row in rows:
        writer.writerow(row)
        ends.append(buf.getvalue().count("\n"))
    return buf.getvalue(), ends


def build_corpus(folder: Path) -> list[Case]:
    rng = random.Random(9)
    cases: list[Case] = []

    def file(name: str | bytes, data: bytes, expect: str, label: str) -> None:
        raw_name = name if isinstance(name, bytes) else name.encode()
        path = os.path.join(os.fsencode(folder), raw_name)
        with open(path, "wb") as fh:
            fh.write(data)
        origin = os.fsencode(path).decode("utf-8", errors="replace")
        cases.append(Case(label, origin, expect))

    for i in range(3):
        file(f"good-{i}.txt", good(i).encode(), STORED, f"good text file {i}")
    file("crlf.txt", good(3).replace(". ", ".\r\n").encode(), STORED, "CRLF line ends")
    file("bom-utf8.txt", b"\xef\xbb\xbf" + good(4).encode(), STORED, "UTF-8 with BOM")
    file("binary.txt", bytes(rng.randrange(256) for _ in range(4096)) + b"\0", "E104", "binary")
    file("controls.txt", b"ab\x01\x02\x03\x04\x05\x06\x07\x08" * 60, "E104", "control chars")
    file("latin1.txt", "Le ministre fran\u00e7ais a visit\u00e9 Alger.".encode("latin-1"),
         "E103", "Latin-1")  # fmt: skip
    file("mixed.txt", good(5).encode() + b" caf\xe9 " + "\u00e9t\u00e9".encode(),
         "E103", "UTF-8 with a Latin-1 byte")  # fmt: skip
    file("cesu.txt", b"Iran \xed\xa0\x80 protested.", "E103", "UTF-8-encoded surrogate")
    file("utf16-bom.txt", good(6).encode("utf-16"), WARN, "UTF-16 with BOM")
    file("utf16-be-bom.txt", good(7).encode("utf-16-be").join([b"\xfe\xff", b""]), WARN,
         "UTF-16 BE with BOM")  # fmt: skip
    file("utf16-nobom.txt", good(8).encode("utf-16-le"), "E103", "UTF-16 without BOM")
    file("empty.txt", b"", "E105", "empty file")
    file("blank.txt", b"  \n\t \r\n  \x0b", "E105", "whitespace only")
    file("nbsp.txt", "\u00a0\u200b\ufeff \u3000\n".encode(), "E105", "invisible chars only")
    file("huge.txt", b"word " * (2 * 1024 * 1024), "E108", "10 MB single sentence")
    run_on = ", and ".join(f"{a} and {b} talked about trade" for a, b in PAIRS * 15)
    file("run-on.txt", run_on.encode(), STORED, f"{len(run_on) // 1000}k chars, no full stop")
    file(b"name-\xff\xfe-latin.txt", good(9).encode(), STORED, "file name not UTF-8")
    zalgo = good(48).replace("a", "a" + "\u0301\u0316\u0327" * 30_000, 1)
    file("zalgo.txt", zalgo.encode(), WARN, "90k combining marks on one letter")
    file("russian.txt", RUSSIAN.encode(), STORED, "Russian")
    file("arabic.txt", ARABIC.encode(), STORED, "Arabic")
    file("chinese.txt", CHINESE.encode(), STORED, "Chinese")
    deep = "<div>" * 5000 + f"<p>{good(40)} {good(41)}</p>" + "</div>" * 5000
    file("deep.html", f"<html><body>{deep}</body></html>".encode(), WARN, "HTML nested 5000 deep")
    unclosed = "<div><span><b>" * 3000 + f"<p>{good(42)} {good(43)}"
    file("unclosed.html", f"<html><body>{unclosed}".encode(), WARN, "HTML 9000 unclosed tags")
    broken = (
        f"<html><body><p>{good(44)} {good(45)}<p><b><i>x</b></i></table></td><<<>>>&&&;"
        "<p>The talks will resume in June.</div></span>"
    )
    file("malformed.html", broken.encode(), STORED, "malformed HTML")
    file("scripts.html", (
        "<html><head><title>Talks</title><style>.x{color:red} STYLEMARK</style>"
        "<script>var SCRIPTMARK = '<p>fake</p>';</script></head><body><nav>Home</nav><article>"
        f"<h1>Talks</h1><p>{good(10)}</p><script>document.write('SCRIPTMARK2')</script>"
        f"<noscript>NOSCRIPTMARK</noscript><p>{good(11)}</p></article></body></html>"
    ).encode(), STORED, "HTML with scripts and styles")  # fmt: skip
    file("script-only.html", b"<html><script>alert('SCRIPTMARK')</script></html>", "E105",
         "HTML with only a script")  # fmt: skip
    gone = folder / "gone.txt"
    gone.symlink_to(folder / "deleted-long-ago.txt")
    cases.append(Case("dangling symlink", str(gone), "E101"))
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # must not be walked forever
    file("notes.md", b"not an input type", "skip", "unsupported type in a folder")
    cases.pop()  # a folder's unsupported files are not documents: must not appear at all

    # --- CSV --------------------------------------------------------------------------------
    rows = [
        ["c-good", "Quotes", "Desk", "2016-05-02",
         'Line one, with a comma.\nLine two "quoted" said Chile.\r\nLine three.'],
        ["c-ragged-long", "T", "Desk", "2016-05-02", good(12), "extra", "cells"],
        ["c-ragged-short"],
        ["c-baddate", "T", "Desk", "someday", good(13)],
        ["c-good2", "T", "Desk", "2016-05-03", good(14)],
    ]  # fmt: skip
    text, ends = _csv_lines(rows)
    csv_path = folder / "table.csv"
    csv_path.write_text(text, encoding="utf-8")
    for row, end, expect in zip(rows, ends, [STORED, "E106", "E105", "E107", STORED], strict=True):
        c = Case(f"CSV {row[0]}", f"{csv_path}:{end}", expect, doc_id=row[0])
        cases.append(c)

    # --- JSONL ------------------------------------------------------------------------------
    lines: list[tuple[str, bytes, str, str | None]] = []

    def rec(label: str, obj: object, expect: str, doc_id: str | None = None) -> None:
        lines.append((label, json.dumps(obj).encode(), expect, doc_id))

    def raw(label: str, data: bytes, expect: str) -> None:
        lines.append((label, data, expect, None))

    rec("JSONL good", {"id": "j-good1", "text": good(15), "published": "2016-01-04",
                       "source": "Wire"}, STORED, "j-good1")  # fmt: skip
    rec("JSONL good 2", {"id": "j-good2", "text": good(16), "published": "2016-01-05"},
        STORED, "j-good2")  # fmt: skip
    raw("broken JSON", b'{"id": "j-broken", "text": "Chile protested', "E106")
    raw("invalid UTF-8 mid-line", b'{"id": "j-bytes", "text": "Peru \xff\xfe protested."}',
        "E103")  # fmt: skip
    rec("text: 5", {"id": "j-int", "text": 5}, "E106")
    rec("id: {}", {"id": {}, "text": good(17)}, "E106")
    rec("published: []", {"id": "j-publist", "text": good(18), "published": []}, "E106")
    rec("id: true", {"id": True, "text": good(19)}, "E106")
    rec("missing text", {"id": "j-notext", "title": "Only a title"}, "E105")
    rec("text null", {"id": "j-null", "text": None}, "E105")
    rec("whitespace text", {"id": "j-ws", "text": " \n\t\u00a0 "}, "E105")
    raw("JSON array line", b'["not", "an", "object"]', "E106")
    raw("JSON null line", b"null", "E106")
    raw("nested 5000 deep", b"[" * 5000 + b"]" * 5000, "E106")
    raw("5000-digit id", b'{"id": ' + b"9" * 5000 + b', "text": "Peru."}', "E106")
    page = f"<html><body><article><p>{good(46)} {good(47)}</p><script>SCRIPTMARK3</script>"
    rec("html field", {"id": "j-html", "html": page + "</article></body></html>"}, STORED, "j-html")
    rec("future date", {"id": "j-future", "text": good(20), "published": "2999-01-01"},
        WARN, "j-future")  # fmt: skip
    rec("far-future date, relative dates", {
        "id": "j-9999", "published": "9999-12-30",
        "text": "Chile will sign a treaty with Peru tomorrow. The two governments met last "
                "week and plan to meet again next year."}, WARN, "j-9999")  # fmt: skip
    rec("year-1 date, relative dates", {
        "id": "j-0001", "published": "0001-01-02",
        "text": "Rome attacked Carthage last year. The senate met yesterday."},
        STORED, "j-0001")  # fmt: skip
    rec("nonsense date", {"id": "j-smarch", "text": good(21), "published": "32 Smarch"},
        "E107")  # fmt: skip
    rec("impossible date", {"id": "j-feb30", "text": good(22), "published": "2015-02-30"},
        "E107")  # fmt: skip
    rec("lone surrogate in text", {"id": "j-surrogate",
                                   "text": "Iran \ud800 protested to Iraq on Monday."},
        WARN, "j-surrogate")  # fmt: skip
    rec("lone surrogate in id", {"id": "j-\udfff", "text": "Mali protested to Niger."}, "E106")
    rec("10 MB single sentence", {"id": "j-huge", "text": "word " * (2 * 1024 * 1024)}, "E108")
    rec("Russian", {"id": "j-ru", "text": RUSSIAN_2}, STORED, "j-ru")
    rec("Arabic", {"id": "j-ar", "text": ARABIC_2}, STORED, "j-ar")
    rec("Chinese", {"id": "j-zh", "text": CHINESE_2}, STORED, "j-zh")
    rec("duplicate id, first", {"id": "j-dup", "text": "Ghana recalled its envoy from Togo."},
        STORED, "j-dup")  # fmt: skip
    rec("duplicate id, other content",
        {"id": "j-dup", "text": "Togo expelled Ghana's ambassador."}, "E109")  # fmt: skip
    rec("NUL and controls in text", {"id": "j-ctl",
                                     "text": "Cuba\x00 protested\x07 to Spain\x1b on Monday."},
        STORED, "j-ctl")  # fmt: skip
    jsonl = folder / "records.jsonl"
    out = b""
    for n, (label, data, expect, doc_id) in enumerate(lines, start=1):
        out += data + (b"\r\n" if n % 5 == 0 else b"\n")
        cases.append(Case(label, f"{jsonl}:{n}", expect, doc_id=doc_id))
    jsonl.write_bytes(out + b"\n   \n")  # trailing blank lines are not documents
    return cases


def _run(args: list[str], db: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    env["DYAD_DB"] = str(db)
    return subprocess.run(
        [str(DYAD), *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600
    )


def _summary_numbers(stdout: str) -> dict[str, int]:
    pats = {
        "inputs": r"inputs: (\d+) documents",
        "stored": r"stored: (\d+) new articles",
        "unchanged": r"unchanged: (\d+)",
        "quarantined": r"quarantined: (\d+)",
    }
    out = {}
    for key, pat in pats.items():
        m = re.search(pat, stdout)
        assert m, f"summary lacks {key!r}: {stdout}"
        out[key] = int(m.group(1))
    return out


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Case], Path, str]:
    folder = tmp_path_factory.mktemp("hostile")
    inputs = folder / "in"
    inputs.mkdir()
    cases = build_corpus(inputs)
    db = folder / "hostile.duckdb"
    out = _run(["ingest", str(inputs)], db)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr
    return cases, db, out.stdout


def _classify(cases: list[Case], db: Path) -> tuple[dict[str, tuple], dict[str, tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        arts = con.execute("SELECT origin, doc_id, warnings, text FROM articles").fetchall()
        quar = con.execute("SELECT origin, code, reason FROM quarantine").fetchall()
    finally:
        con.close()
    by_origin = {a[0]: a for a in arts}
    q_by_origin = {q[0]: q for q in quar}
    for c in cases:
        if c.origin in by_origin:
            _o, doc_id, warnings, _t = by_origin[c.origin]
            w = json.loads(warnings or "[]")
            c.outcome = WARN if w else STORED
            c.detail = "; ".join(w)[:70] or doc_id[:30]
        elif c.origin in q_by_origin:
            _o, code, reason, *_ = q_by_origin[c.origin]
            c.outcome, c.code, c.detail = "quarantined", code, reason[:70]
        else:
            c.outcome = "LOST"
    return by_origin, q_by_origin


def test_every_case_is_stored_or_quarantined_with_a_code(
    ingested: tuple[list[Case], Path, str],
) -> None:
    cases, db, _stdout = ingested
    by_origin, q_by_origin = _classify(cases, db)
    width = max(len(c.name) for c in cases)
    print(f"\n{'case':<{width}}  {'outcome':<15} code  detail")
    for c in cases:
        print(f"{c.name:<{width}}  {c.outcome:<15} {c.code or '-':<5} {c.detail}")
    lost = [c.name for c in cases if c.outcome == "LOST"]
    assert not lost, f"lost without a trace: {lost}"
    for c in cases:
        if c.expect in (STORED, WARN):
            assert c.outcome == c.expect, (c.name, c.outcome, c.detail)
        else:
            assert (c.outcome, c.code) == ("quarantined", c.expect), (c.name, c.code, c.detail)
    # nothing stored or quarantined that is not one of the cases (e.g. the .md file)
    origins = {c.origin for c in cases}
    assert set(by_origin) <= origins, set(by_origin) - origins
    assert set(q_by_origin) <= origins, set(q_by_origin) - origins
    n_q = sum(c.outcome == "quarantined" for c in cases)
    print(f"inputs tried: {len(cases)}, stored: {len(cases) - n_q}, quarantined: {n_q}, lost: 0")


def test_counts_reconcile_in_summary_and_tables(ingested: tuple[list[Case], Path, str]) -> None:
    cases, db, stdout = ingested
    nums = _summary_numbers(stdout)
    con = duckdb.connect(str(db), read_only=True)
    try:
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_quarantine = con.execute("SELECT count(*) FROM quarantine").fetchone()[0]
        run = con.execute(
            "SELECT position, articles, quarantined, finished_at FROM runs"
        ).fetchall()
    finally:
        con.close()
    assert nums["inputs"] == len(cases)
    from dyad.ingest.readers import count_documents  # the progress bar's total

    assert count_documents([str(db.parent / "in")]) == len(cases)
    assert nums["inputs"] == nums["stored"] + nums["unchanged"] + nums["quarantined"]
    assert nums["unchanged"] == 0
    assert nums["stored"] == n_articles
    assert nums["quarantined"] == n_quarantine
    assert len(run) == 1 and run[0][3] is not None  # the run finished
    assert run[0][:3] == (len(cases), n_articles, n_quarantine)


def test_good_documents_are_whole_and_clean(ingested: tuple[list[Case], Path, str]) -> None:
    _cases, db, _ = ingested
    con = duckdb.connect(str(db), read_only=True)
    try:
        texts = dict(con.execute("SELECT doc_id, text FROM articles").fetchall())
        per_doc = dict(con.execute("SELECT doc_id, count(*) FROM sentences GROUP BY 1").fetchall())
        events = dict(con.execute("SELECT doc_id, count(*) FROM events GROUP BY 1").fetchall())
        dup = con.execute("SELECT text FROM articles WHERE doc_id = 'j-dup'").fetchall()
        csv_text = con.execute("SELECT text FROM articles WHERE doc_id = 'c-good'").fetchall()
        orphans = con.execute(
            "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM articles)"
        ).fetchone()[0]
    finally:
        con.close()
    assert all(per_doc.get(d, 0) >= 1 for d in texts), "an article without sentences"
    assert orphans == 0
    for marker in ("SCRIPTMARK", "STYLEMARK", "NOSCRIPTMARK", "var ", "document.write"):
        assert not [d for d, t in texts.items() if marker in t], marker
    # the second j-dup was quarantined and did not overwrite the first
    assert dup == [("Ghana recalled its envoy from Togo.",)]
    assert csv_text == [('Line one, with a comma.\nLine two "quoted" said Chile.\nLine three.',)]
    assert texts["j-ctl"] == "Cuba protested to Spain on Monday."
    assert "\ufffd" in texts["j-surrogate"]
    # the good English articles produce events; the others few or none
    assert sum(events.get(d, 0) for d in ("j-good1", "j-good2", "c-good2")) >= 2
    for d in ("j-ru", "j-ar", "j-zh"):
        assert events.get(d, 0) <= 1, (d, events.get(d))


def test_reingest_adds_nothing(ingested: tuple[list[Case], Path, str]) -> None:
    cases, db, _ = ingested
    folder = db.parent / "in"
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    out = _run(["ingest", str(folder)], db)
    assert out.returncode == 0, out.stderr[-2000:]
    nums = _summary_numbers(out.stdout)
    assert nums["stored"] == 0 and nums["unchanged"] == before
    assert nums["inputs"] == nums["unchanged"] + nums["quarantined"] == len(cases)


def test_same_document_twice_in_one_input_is_unchanged(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(good(60))
    (inputs / "b.txt").write_text(good(60))  # same text, so the same content-hash id
    same_id = {"id": "twice", "text": good(61)}
    other_id = [{"id": "y", "text": good(62)}, {"id": "z", "text": good(62)}]
    lines = [same_id, same_id, *other_id]
    (inputs / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    out = _run(["ingest", str(inputs)], tmp_path / "t.duckdb")
    if out.returncode != 0:
        pytest.fail(f"ingest failed: {out.stderr[-2000:]}")
    nums = _summary_numbers(out.stdout)
    # what a second run over the same input would say about each copy
    assert nums == {"inputs": 6, "stored": 3, "unchanged": 3, "quarantined": 0}, nums


def test_hostile_stdin_counts_reconcile(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "in-1", "text": good(63)}).encode(),
        b'{"id": "in-2", "text": "Peru \xff protested."}',
        b"\x00\x01\x02\x03",
        b"",
        json.dumps({"id": "in-3", "text": good(64), "published": "2999-12-31"}).encode(),
        b'{"id": "in-4", "text": ' + b"[" * 3000,
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    env["DYAD_DB"] = str(tmp_path / "stdin.duckdb")
    out = subprocess.run(
        [str(DYAD), "ingest", "-"],
        input=b"\n".join(lines) + b"\n",
        capture_output=True, env=env, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-2000:]
    nums = _summary_numbers(out.stdout.decode())
    assert nums == {"inputs": 5, "stored": 2, "unchanged": 0, "quarantined": 3}, nums
    con = duckdb.connect(str(tmp_path / "stdin.duckdb"), read_only=True)
    try:
        codes = con.execute("SELECT origin, code FROM quarantine ORDER BY origin").fetchall()
    finally:
        con.close()
    assert codes == [("<stdin>:2", "E103"), ("<stdin>:3", "E104"), ("<stdin>:6", "E106")]


def test_csv_row_over_the_field_limit_is_quarantined_and_reading_goes_on(tmp_path: Path) -> None:
    from dyad.ingest.readers import iter_inputs
    from dyad.model import Article, Quarantined

    f = tmp_path / "big.csv"
    huge = "Chad protested " * 80_000  # 1.2 MB in one field: over the csv module's limit
    text, ends = _csv_lines(
        [["a", "T", "S", "2016-01-01", good(65)], ["b", "T", "S", "2016-01-01", huge],
         ["c", "T", "S", "2016-01-01", good(66)]]
    )  # fmt: skip
    f.write_text(text)
    items = list(iter_inputs([str(f)], max_chars=1_000))
    assert [type(i) for i in items] == [Article, Quarantined, Article]
    bad = items[1]
    assert isinstance(bad, Quarantined) and bad.code in ("E106", "E108")
    assert bad.origin == f"{f}:{ends[1]}"
    assert [i.doc_id for i in items if isinstance(i, Article)] == ["a", "c"]
