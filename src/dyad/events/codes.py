"""The CAMEO code table: description, PLOVER type/mode/context, Goldstein score, quad class.

One CSV (data/events/cameo_codes.csv) holds every code the lexicon may emit. The `choice`
column records the decision taken where the PLOVER manual and the CAMEO codebook disagree.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

from dyad.errors import LexiconError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# PLOVER's own four-way grouping, which differs from GDELT's root-based quad class for
# CAMEO 02 (REQUEST is verbal conflict) and for the verbal yields of CAMEO 08 (CONCEDE).
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    description: str
    plover: str | None
    plover_mode: str | None
    plover_context: str | None
    goldstein: float
    quad_class: int
    plover_quad: int | None
    choice: str

    @property
    def root(self) -> str:
        return self.code[:2]


def quad_for_root(root: str) -> int:
    """GDELT quad class: 01-05 verbal cooperation, 06-08 material cooperation, 09-13 verbal
    conflict, 14-20 material conflict."""
    n = int(root)
    if not 1 <= n <= 20:
        raise LexiconError(f"not a CAMEO root: {root!r}")
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


def _read_table() -> dict[str, CodeInfo]:
    path = resources.files("dyad") / "data" / "events" / "cameo_codes.csv"
    text = path.read_text(encoding="utf-8")
    table: dict[str, CodeInfo] = {}
    for row in csv.DictReader(io.StringIO(text)):
        try:
            code = row["code"].strip()
            info = CodeInfo(
                code=code,
                description=row["description"],
                plover=row["plover"] or None,
                plover_mode=row["plover_mode"] or None,
                plover_context=row["plover_context"] or None,
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover_quad=int(row["plover_quad"]) if row["plover_quad"] else None,
                choice=row["choice"],
            )
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"cameo_codes.csv: bad row {row!r}: {exc}") from exc
        if code in table:
            raise LexiconError(f"cameo_codes.csv: duplicate code {code}")
        table[code] = info
    return table


@functools.cache
def code_table() -> dict[str, CodeInfo]:
    """All CAMEO codes known to dyad (read once, read-only)."""
    return _read_table()


def code_info(cameo: str) -> CodeInfo:
    """Look up one CAMEO code; raises LexiconError for an unknown code."""
    try:
        return code_table()[cameo]
    except KeyError:
        raise LexiconError(f"unknown CAMEO code {cameo!r}") from None


def is_code(cameo: str) -> bool:
    return cameo in code_table()
