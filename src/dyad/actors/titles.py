"""Reading titles and role words around a mention.

"Russian Defence Minister <name>", "<name>, Minister of Foreign Affairs for Iran",
"<name> of the Iranian navy", "the Iranian navy", "Iran's northern fleet": role words give the
sector (and, for one-person offices, the office to look up on the article date), state names,
adjectives, capitals and organisations give the country.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kb import KnowledgeBase, RoleInfo
from .matching import AliasHit, DocIndex

# Role words that say little on their own: a more specific word in the same title wins
# ("defence ministry spokesman" is MIL, "Iranian military officials" is MIL).
GENERIC_ROLES = frozenset(
    {
        "official", "officials", "spokesman", "spokeswoman", "spokesperson", "adviser",
        "advisor", "director", "deputy director", "head", "chief", "aide", "representative",
        "leader", "leaders", "side", "delegation", "member", "members", "secretary", "state",
        "counterpart", "envoy", "special envoy", "people", "public", "senior official",
        "commander", "commanders", "officer",
    }
)  # fmt: skip
_MINISTER_WORDS = frozenset({"minister", "ministers", "ministry", "ministries"})
_STOP_WORDS = frozenset({",", ".", ";", ":", '"', ")", "(", "and", "who", "which", "that"})
COUNTRY_KINDS = frozenset({"state", "adj", "plural", "capital", "entity"})


@dataclass(frozen=True, slots=True)
class RoleHit:
    tok_start: int
    tok_end: int
    info: RoleInfo


@dataclass(frozen=True, slots=True)
class Title:
    """What the words around a mention say: country, sector, office, and where they are."""

    tok_start: int
    tok_end: int
    country: str | None
    sector: str | None
    role: RoleInfo | None
    entity_id: str | None
    evidence: str


class RoleFinder:
    """Longest role phrase starting or ending at a token."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._roles = kb.roles
        self._max = max((len(k) for k in kb.roles), default=1)
        self.fillers = kb.fillers
        self.honorifics = kb.honorifics

    def starting_at(self, index: DocIndex, i: int, limit: int) -> RoleHit | None:
        lower = index.lower
        for n in range(min(self._max, limit - i), 0, -1):
            if n == 1 and i + 2 <= limit and self._portfolio(index, i):
                return RoleHit(i, i + 2, self._roles[(lower[i + 1],)])
            info = self._roles.get(tuple(lower[i : i + n]))
            if info is not None:
                return RoleHit(i, i + n, info)
        return None

    def ending_at(self, index: DocIndex, end: int, floor: int) -> RoleHit | None:
        lower = index.lower
        for n in range(min(self._max, end - floor), 0, -1):
            if n == 1 and end - 2 >= floor and self._portfolio(index, end - 2):
                return RoleHit(end - 2, end, self._roles[(lower[end - 1],)])
            info = self._roles.get(tuple(lower[end - n : end]))
            if info is not None:
                return RoleHit(end - n, end, info)
        return None

    def _portfolio(self, index: DocIndex, i: int) -> bool:
        """'commerce ministry', 'fisheries minister': any noun before minister(s)/ministry."""
        if i + 1 >= len(index.lower) or index.lower[i + 1] not in _MINISTER_WORDS:
            return False
        if (index.lower[i + 1],) not in self._roles:
            return False
        tok = index.doc[i]
        word = index.lower[i]
        return (
            tok.pos_ in {"NOUN", "PROPN"}
            and word.isalpha()
            and word not in self.honorifics
            and word not in self.fillers
            and word not in {"prime", "the", "a", "an"}
        )


def pick_role(roles: list[RoleHit]) -> RoleInfo | None:
    """The last specific role word, else the last one."""
    if not roles:
        return None
    specific = [r for r in roles if r.info.phrase not in GENERIC_ROLES]
    chosen = (specific or roles)[-1].info
    last = roles[-1].info
    if last.person and not chosen.person:
        # "militia commander", "defence ministry spokesman": one person, the body's sector
        return RoleInfo(
            phrase=f"{chosen.phrase} {last.phrase}",
            sector=chosen.sector,
            office=last.office,
            title=last.title,
            person=True,
        )
    return chosen


def hit_country(kb: KnowledgeBase, hit: AliasHit) -> tuple[str | None, str | None, str | None]:
    """(country, sector, entity id) that an alias hit contributes to a title."""
    entry = hit.entries[0]
    if entry.kind in {"state", "adj", "plural", "capital", "iso"}:
        return entry.target, None, None
    if entry.kind == "entity":
        entity = kb.entities[entry.target]
        if entity.type == "igo":
            return None, entity.sector, entity.id
        return entity.country, entity.sector, entity.id
    return None, None, None


def left_title(
    kb: KnowledgeBase,
    finder: RoleFinder,
    index: DocIndex,
    start: int,
    hits_ending: dict[int, AliasHit],
) -> Title | None:
    """The title right before a name: 'Russian Defence Minister', "Iran's foreign minister"."""
    floor = index.sent_bounds[index.sent_of[start]][0] if start < len(index.sent_of) else 0
    i = start
    roles: list[RoleHit] = []
    country: str | None = None
    entity_id: str | None = None
    entity_sector: str | None = None
    first = start
    while i > floor:
        hit = hits_ending.get(i)
        if hit is not None and hit.entries[0].kind in COUNTRY_KINDS:
            if i == start and hit.entries[0].kind in {"state", "capital"}:
                break  # "Chad Smith", "Jordan Peterson": a name, not "Chadian X"
            c, s, e = hit_country(kb, hit)
            if c is None and e is None:
                break
            country, entity_sector, entity_id = c, s, e
            first = hit.tok_start
            break
        role = finder.ending_at(index, i, floor)
        if role is not None:
            roles.insert(0, role)
            i = first = role.tok_start
            continue
        word = index.lower[i - 1]
        if word in finder.honorifics or (word in finder.fillers and word not in {"'s", "'"}):
            i -= 1
            continue
        if word in {"'s", "'"} and (i - 1) in hits_ending:
            i -= 1
            continue
        break
    if not roles and country is None:
        return None
    info = pick_role(roles)
    sector = info.sector if info else entity_sector
    words = index.doc[first:start].text
    return Title(first, start, country, sector, info, entity_id, f"title '{words}'")


def right_title(
    kb: KnowledgeBase,
    finder: RoleFinder,
    index: DocIndex,
    end: int,
    hits_starting: dict[int, AliasHit],
) -> Title | None:
    """An apposition or 'of' phrase after a name: ', the deputy director of a Moscow think tank'."""
    doc = index.doc
    sent_end = index.sent_bounds[index.sent_of[end - 1]][1]
    if end >= sent_end:
        return None
    word = index.lower[end]
    if word == "," or word in {"of", "from"}:
        j = end + 1
    else:
        return None
    roles: list[RoleHit] = []
    country: str | None = None
    entity_id: str | None = None
    entity_sector: str | None = None
    last = j
    limit = min(sent_end, j + 16)
    first_role_at: int | None = None
    while j < limit:
        w = index.lower[j]
        if w in _STOP_WORDS or doc[j].pos_ in {"VERB", "AUX"}:
            break
        hit = hits_starting.get(j)
        if hit is not None:
            c, s, e = hit_country(kb, hit)
            if hit.entries[0].kind in COUNTRY_KINDS and (c or e):
                if country is None and entity_id is None:
                    country, entity_sector, entity_id = c, s, e
                j = last = hit.tok_end
                continue
        role = finder.starting_at(index, j, limit)
        if role is not None:
            roles.append(role)
            if first_role_at is None:
                first_role_at = j
            j = last = role.tok_end
            continue
        j += 1
    listing = first_role_at is None or first_role_at > end + 4
    if word == "," and listing and entity_id is None:
        return None  # "Putin, Lavrov and Shoigu": a list, not an apposition
    if not roles and country is None and entity_id is None:
        return None
    info = pick_role(roles)
    sector = entity_sector if entity_sector and (info is None or info.person) else None
    sector = sector or (info.sector if info else None)
    words = doc[end:last].text
    return Title(end, last, country, sector, info, entity_id, f"apposition '{words}'")


def extend_right(finder: RoleFinder, index: DocIndex, end: int) -> tuple[int, list[RoleHit]]:
    """Role words after a state word: 'Iranian navy', "Iran's northern fleet", 'Russian media'."""
    doc = index.doc
    sent_end = index.sent_bounds[index.sent_of[end - 1]][1]
    j = end
    if j < sent_end and index.lower[j] in {"'s", "'"}:
        j += 1
    roles: list[RoleHit] = []
    last = end
    steps = 0
    while j < sent_end and steps < 5:
        role = finder.starting_at(index, j, sent_end)
        if role is not None:
            roles.append(role)
            j = last = role.tok_end
            steps += 1
            continue
        tok = doc[j]
        if index.lower[j] in finder.fillers or (tok.pos_ == "ADJ" and tok.text.islower()):
            j += 1
            steps += 1
            continue
        break
    return (last, roles) if roles else (end, [])


def head_title(
    kb: KnowledgeBase,
    finder: RoleFinder,
    index: DocIndex,
    start: int,
    end: int,
    hits_starting: dict[int, AliasHit],
) -> Title | None:
    """A name in apposition to a role before it: 'a spokesman for the Russian defence
    ministry, Igor Konashenkov, said'."""
    doc = index.doc
    root = doc[start:end].root
    if root.dep_ != "appos" or root.head.i >= start or start < 2:
        return None
    if index.lower[start - 1] != ",":
        return None
    head = root.head
    first = head.left_edge.i
    floor = index.sent_bounds[index.sent_of[start]][0]
    first = max(first, floor)
    roles: list[RoleHit] = []
    country: str | None = None
    entity_id: str | None = None
    entity_sector: str | None = None
    j = first
    while j < start - 1:
        hit = hits_starting.get(j)
        if hit is not None and hit.entries[0].kind in COUNTRY_KINDS:
            c, s, e = hit_country(kb, hit)
            if (c or e) and country is None and entity_id is None:
                country, entity_sector, entity_id = c, s, e
            j = hit.tok_end
            continue
        role = finder.starting_at(index, j, start - 1)
        if role is not None:
            roles.append(role)
            j = role.tok_end
            continue
        j += 1
    if not roles:
        return None
    info = pick_role(roles)
    sector = info.sector if info else entity_sector
    words = doc[first : start - 1].text
    return Title(first, start - 1, country, sector, info, entity_id, f"appositive to '{words}'")
