"""CAMEO code families used to block candidate pairs before scoring.

Two reports of one event are often coded with different CAMEO codes: one outlet writes that
Moscow "refused to deliver" the missiles (12, reject), another that it "halted military
supplies" (16, reduce relations). Blocking on the exact root would keep them apart, so events
are blocked on a coarser *family*; the pair score then rewards an exact code or root match.

| family    | roots      | why these belong together                                     |
| --------- | ---------- | ------------------------------------------------------------- |
| statement | 01, 02     | public statements and appeals                                 |
| cooperate | 03, 05,    | intent to cooperate, agreements, material cooperation and     |
|           | 06, 07     | aid: an arms delivery is coded 062 or 072, a pledge 033 or 07 |
| consult   | 04         | visits, meetings, talks                                       |
| yield     | 08         | concessions                                                   |
| claim     | 09, 10, 11 | investigations, demands, criticism, lawsuits (115): a claim   |
|           |            | for compensation is coded 10 by some coders, 115 by others    |
| refuse    | 12, 16     | rejections and reduced relations: a refused delivery is coded |
|           |            | 12 (reject) by some coders, 16 (reduce assistance) by others  |
| force     | 13, 15     | threats and force postures (exercises, deployments)           |
| protest   | 14         | protests                                                      |
| coerce    | 17         | coercion: arrests, seizures, repression                       |
| violence  | 18, 19, 20 | assaults, fighting, mass violence                             |

Codes outside the table (malformed or empty) fall into the family "other".

Neighbouring families are pairs a coder confuses for one act: a request and a demand (02
appeal and 10 demand: "seek $4 billion in damages", "urged", "called for" are read as either),
a visit and the delivery or
agreement made during it ("flew the first parts to Ankara", "sent aid" read as visits),
a demand and a reduction of relations or an expulsion ("ordered the diplomats out" read as
a demand, "expelled the diplomats" as 174, expel individuals), a show of force and
an attack ("fired a missile over Japan"), sanctions and coercion. Events of neighbouring
families are compared too, but must score higher to link (`cross_family_threshold`).
"""

from __future__ import annotations

FAMILY_OF_ROOT: dict[str, str] = {
    "01": "statement",
    "02": "statement",
    "03": "cooperate",
    "05": "cooperate",
    "06": "cooperate",
    "04": "consult",
    "07": "cooperate",
    "08": "yield",
    "09": "claim",
    "10": "claim",
    "11": "claim",
    "12": "refuse",
    "16": "refuse",
    "13": "force",
    "15": "force",
    "14": "protest",
    "17": "coerce",
    "18": "violence",
    "19": "violence",
    "20": "violence",
}


NEIGHBOUR_FAMILIES: dict[str, tuple[str, ...]] = {
    "consult": ("cooperate",),
    "cooperate": ("consult",),
    "statement": ("claim",),
    "claim": ("refuse", "coerce", "statement"),
    "refuse": ("claim", "coerce"),
    "coerce": ("refuse", "claim"),
    "force": ("violence",),
    "violence": ("force",),
}


def code_family(cameo: str | None, cameo_root: str | None = None) -> str:
    """The family of a CAMEO code (or root); "other" when the code is unknown."""
    root = (cameo_root or "").strip() or (cameo or "").strip()[:2]
    return FAMILY_OF_ROOT.get(root[:2], "other")
