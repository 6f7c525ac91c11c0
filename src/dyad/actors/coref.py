"""Within-document coreference for actors.

Resolves, in text order, against the mentions already seen: pronouns (he/she/his/her: the most
recent person of a compatible gender, preferring subjects), "his Iranian counterpart" (the
person of that country holding the antecedent's office on the article date), "the minister" /
"the president" (the last person with such an office), "the two countries" / "both countries" /
"the two nations" / "each country" / "the two" (the last two states: one Mention per member,
same span) and "the country" (the last state).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from spacy.tokens import Doc

from dyad.model import Actor, Mention

from .kb import KnowledgeBase
from .matching import DocIndex
from .titles import RoleFinder

_PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
_GROUP_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("the", "two", "countries"),
    ("the", "two", "nations"),
    ("the", "two", "states"),
    ("the", "two", "governments"),
    ("the", "two", "sides"),
    ("the", "two", "neighbours"),
    ("the", "two", "neighbors"),
    ("the", "two", "allies"),
    ("the", "two", "powers"),
    ("both", "countries"),
    ("both", "nations"),
    ("both", "governments"),
    ("both", "sides"),
    ("both", "states"),
    ("both", "allies"),
    ("both", "powers"),
    ("both", "neighbours"),
    ("both", "neighbors"),
    ("both", "partners"),
    ("both", "parties"),
    ("the", "two", "parties"),
    ("the", "two", "partners"),
    ("the", "two", "rivals"),
    ("both", "rivals"),
    ("each", "country"),
    ("each", "nation"),
    ("each", "side"),
    ("the", "two"),
)
# "the two ministers": the two people of different states in focus (their own actors, so
# "the two ministers met" is a meeting of Shoigu and Dehghan, not of two states)
_PEOPLE_GROUP_PATTERNS: tuple[tuple[str, ...], ...] = tuple(
    (*first, *mid, noun)
    for first in (("the", "two"), ("both",))
    for mid in ((), ("foreign",), ("defence",), ("defense",), ("prime",))
    for noun in ("ministers", "leaders", "presidents", "premiers", "men", "women")
    if not (mid and noun not in ("ministers",))
)
_KINGDOM_PATTERNS: tuple[tuple[str, ...], ...] = (("the", "kingdom"),)
# "the council", "the alliance": the organisation named last (its council, its members)
_IGO_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("the", "world", "body"),
    ("the", "council"),
    ("the", "alliance"),
    ("the", "bloc"),
    ("the", "organisation"),
    ("the", "organization"),
    ("the", "allies"),
)
_WORLD_BODY = ("the", "world", "body")
# "NATO foreign ministers agreed ... The ministers promised": the body the ministers were named for
_PLURAL_ROLE_PATTERNS: tuple[tuple[str, ...], ...] = (("the", "ministers"), ("the", "diplomats"))
# "the foreign ministry" with no state named: the capital where it speaks, or the state in focus
_MINISTRY_PATTERNS: tuple[tuple[str, ...], ...] = tuple(
    ("the", kind, "ministry") for kind in ("foreign", "defence", "defense", "interior")
)
_SINGLE_PATTERNS: tuple[tuple[str, ...], ...] = (
    ("the", "country"),
    ("the", "nation"),
    ("the", "government"),
)
_PATTERNS_BY_FIRST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    first: tuple(
        (p, kind)
        for p, kind in [(p, "people") for p in _PEOPLE_GROUP_PATTERNS]
        + [(p, "group") for p in _GROUP_PATTERNS]
        + [(p, "single") for p in _SINGLE_PATTERNS]
        + [(p, "kingdom") for p in _KINGDOM_PATTERNS]
        + [(p, "igo") for p in _IGO_PATTERNS]
        + [(p, "ministry") for p in _MINISTRY_PATTERNS]
        + [(p, "plural_role") for p in _PLURAL_ROLE_PATTERNS]
        if p[0] == first
    )
    for first in {"the", "both", "each"}
}
_LOOKBACK_SENTENCES = 3


@dataclass(slots=True)
class Tracked:
    """A mention plus what coreference needs to know about it."""

    mention: Mention
    office: str | None  # office role held (for "his counterpart", "the minister")
    gender: str | None
    emit: bool
    is_person: bool
    is_subject: bool
    trigger: str = ""  # for pending coref triggers: "counterpart"
    country: str | None = None
    locative: bool = False  # "the crisis in Ukraine": named as a place, weak as a topic
    head: int = -1  # token index of the mention's syntactic head
    place_only: bool = False  # a capital named as a place: never an antecedent of an actor


@functools.cache
def kingdoms() -> frozenset[str]:
    """States whose official name calls them a kingdom (Saudi Arabia, Jordan, the UK ...)."""
    import pycountry

    return frozenset(
        c.alpha_3
        for c in pycountry.countries
        if "kingdom" in str(getattr(c, "official_name", "")).lower()
    )


class CorefResolver:
    def __init__(self, kb: KnowledgeBase, roles: RoleFinder) -> None:
        self._kb = kb
        self._roles = roles

    # ------------------------------------------------------------------ triggers
    def add_counterpart_trigger(
        self, tracked: list[Tracked], index: DocIndex, start: int, end: int, country: str
    ) -> int:
        """'his Iranian counterpart': resolved later, when the antecedent is known."""
        doc = index.doc
        first = start - 1 if start > 0 and index.lower[start - 1] in {"his", "her"} else start
        span = doc[first : end + 1]
        placeholder = Actor(name="", code="", type="unknown")
        tracked.append(
            Tracked(
                mention=Mention(
                    sentence_index=index.sent_of[start],
                    tok_start=first,
                    tok_end=end + 1,
                    char_start=span.start_char,
                    char_end=span.end_char,
                    text=span.text,
                    actor=placeholder,
                    method="coref",
                ),
                office=None,
                gender=_PRONOUN_GENDER.get(index.lower[first]) if first < start else None,
                emit=False,
                is_person=True,
                is_subject=span.root.dep_ in {"nsubj", "nsubjpass"},
                trigger="counterpart",
                country=country,
            )
        )
        return first

    def _triggers(self, doc: Doc, index: DocIndex, consumed: set[int]) -> list[Tracked]:
        found: list[Tracked] = []
        n = len(doc)
        i = 0
        lower = index.lower
        while i < n:
            if i in consumed:
                i += 1
                continue
            word = lower[i]
            matched = False
            for pattern, kind in _PATTERNS_BY_FIRST.get(word, ()):
                k = len(pattern)
                if tuple(lower[i : i + k]) != pattern:
                    continue
                if any(t in consumed for t in range(i, i + k)):
                    continue
                if pattern == ("the", "two") and (
                    i + 2 < n and doc[i + 2].pos_ in {"NOUN", "PROPN", "ADJ", "NUM"}
                ):
                    continue
                found.append(self._trigger(doc, index, i, i + k, kind))
                i += k
                matched = True
                break
            if matched:
                continue
            tok = doc[i]
            if word == "its" and i + 1 < n:
                role = self._roles.starting_at(index, i + 1, min(n, i + 6))
                if role is None and i + 2 < n and lower[i + 1] in self._roles.fillers:
                    role = self._roles.starting_at(index, i + 2, min(n, i + 7))
                if (
                    role is not None
                    and not role.info.person
                    and not any(t in consumed for t in range(i, role.tok_end))
                ):
                    # "Iran said its navy would ...": the state's navy
                    found.append(self._trigger(doc, index, i, role.tok_end, "its_role"))
                    i = role.tok_end
                    continue
            if word in {"his", "her"} and i + 1 < n:
                role = self._roles.starting_at(index, i + 1, min(n, i + 6))
                if (
                    role is not None
                    and role.info.person
                    and role.info.office is not None
                    and not any(t in consumed for t in range(i + 1, role.tok_end))
                    and not (role.tok_end < n and doc[role.tok_end].pos_ == "PROPN")
                ):
                    # "his defence minister": that office in the antecedent's country
                    found.append(self._trigger(doc, index, i, role.tok_end, "possessive_role"))
                    i = role.tok_end
                    continue
            if word in _PRONOUN_GENDER and tok.pos_ == "PRON":
                found.append(self._trigger(doc, index, i, i + 1, "pronoun"))
            elif word == "the":
                role = self._roles.starting_at(index, i + 1, min(n, i + 6))
                if (
                    role is not None
                    and role.info.person
                    and not any(t in consumed for t in range(i, role.tok_end))
                    and not (role.tok_end < n and doc[role.tok_end].pos_ == "PROPN")
                    and not (role.tok_end < n and lower[role.tok_end] in {"of", "for"})
                ):
                    found.append(self._trigger(doc, index, i, role.tok_end, "role"))
                    i = role.tok_end
                    continue
            i += 1
        return found

    @staticmethod
    def _trigger(doc: Doc, index: DocIndex, start: int, end: int, kind: str) -> Tracked:
        span = doc[start:end]
        return Tracked(
            mention=Mention(
                sentence_index=index.sent_of[start],
                tok_start=start,
                tok_end=end,
                char_start=span.start_char,
                char_end=span.end_char,
                text=span.text,
                actor=Actor(name="", code="", type="unknown"),
                method="coref",
            ),
            office=None,
            gender=_PRONOUN_GENDER.get(index.lower[start])
            if kind in {"pronoun", "possessive_role"}
            else None,
            emit=False,
            is_person=kind in {"pronoun", "role"},
            is_subject=span.root.dep_ in {"nsubj", "nsubjpass"},
            trigger=kind,
        )

    # ------------------------------------------------------------------ resolution
    def resolve(
        self,
        doc: Doc,
        index: DocIndex,
        on: dt.date | None,
        named: list[Tracked],
        consumed: set[int],
    ) -> list[Tracked]:
        """All mentions in text order, with the coreferent ones resolved and added."""
        items = list(named) + self._triggers(doc, index, consumed)
        items.sort(key=lambda t: (t.mention.char_start, t.mention.char_end))
        history: list[Tracked] = []
        out: list[Tracked] = []
        places: list[Tracked] = []
        for item in items:
            if item.place_only:
                places.append(item)
                continue
            if not item.trigger:
                history.append(item)
                out.append(item)
                continue
            if item.trigger == "plural_role":
                out.extend(self._plural_role(item, history))
                continue
            if item.trigger == "ministry":
                found = self._ministry(item, history, places)
                out.extend(found)
                continue
            resolved = self._resolve_one(doc, index, on, item, history)
            for r in resolved:
                out.append(r)
            if resolved:
                history.extend(resolved if item.trigger not in ("group", "people") else [])
        return out

    def _resolve_one(
        self,
        doc: Doc,
        index: DocIndex,
        on: dt.date | None,
        item: Tracked,
        history: list[Tracked],
    ) -> list[Tracked]:
        m = item.mention
        if item.trigger == "pronoun":
            ante = self._person_antecedent(item, history)
            if ante is None:
                return []
            return [self._copy(item, ante, f"'{m.text}' -> '{ante.mention.text}'")]
        if item.trigger == "counterpart":
            return self._counterpart(doc, index, on, item, history)
        if item.trigger == "role":
            return self._role_antecedent(index, on, item, history)
        if item.trigger == "its_role":
            return self._its_role(index, item, history)
        if item.trigger == "possessive_role":
            return self._possessive_role(index, on, item, history)
        if item.trigger == "single":
            # The sentence that last named a state must name only one ("Japan and South Korea
            # ... the country" is ambiguous and stays unresolved).
            found: dict[str, Tracked] = {}
            last_sent: int | None = None
            for prev in reversed(history):
                a = prev.mention.actor
                if a.type != "state" or not a.country or prev.locative:
                    continue
                if last_sent is None:
                    last_sent = prev.mention.sentence_index
                if prev.mention.sentence_index != last_sent:
                    break
                found.setdefault(a.country, prev)
            if len(found) != 1:
                return []
            country, prev = next(iter(found.items()))
            government = item.mention.text.lower().endswith("government")
            actor = self._kb.state_actor(country, "GOV" if government else None)
            return [self._with(item, actor, f"the last state named: '{prev.mention.text}'")]
        if item.trigger == "people":
            people = self._people_pair(item, history)
            if people is not None:
                return [
                    self._with(
                        item,
                        p.mention.actor,
                        f"'{m.text}' -> the two people in focus: "
                        + ", ".join(f"'{q.mention.text}'" for q in people),
                    )
                    for p in people
                ]
        if item.trigger == "igo":
            return self._igo_antecedent(item, history)
        if item.trigger == "kingdom":
            return self._kingdom(item, history)
        if item.trigger in ("group", "people"):
            countries = self._salient_pair(doc, item, history)
            if countries is None:
                return []
            return [
                self._with(
                    item,
                    self._kb.state_actor(c),
                    f"'{m.text}' -> the two states in focus: "
                    + ", ".join(f"'{p.mention.text}'" for _, p in countries),
                )
                for c, _ in countries
            ]
        return []

    def _ministry(
        self, item: Tracked, history: list[Tracked], places: list[Tracked]
    ) -> list[Tracked]:
        """ "In Damascus, the foreign ministry said": the capital named in the same sentence;
        else the one state named by the last sentence that named states."""
        here = item.mention.sentence_index
        sector = "MIL" if item.mention.text.lower().split()[1] in ("defence", "defense") else "GOV"
        local = [p for p in places if p.mention.sentence_index == here]
        if local and local[-1].mention.actor.country:
            country = local[-1].mention.actor.country
            why = f"the ministry in '{local[-1].mention.text}'"
        else:
            found: dict[str, Tracked] = {}
            last: int | None = None
            for prev in reversed(history):
                a = prev.mention.actor
                if a.type != "state" or not a.country or prev.locative:
                    continue
                last = prev.mention.sentence_index if last is None else last
                if prev.mention.sentence_index != last or here - last > _LOOKBACK_SENTENCES:
                    break
                found.setdefault(a.country, prev)
            if len(found) != 1:
                return []
            country = next(iter(found))
            why = f"the ministry of the state named last: '{found[country].mention.text}'"
        return [self._with(item, self._kb.state_actor(country, sector), why)]

    def _plural_role(self, item: Tracked, history: list[Tracked]) -> list[Tracked]:
        """ "The ministers": the last mention within the look-back window named with the same
        plural role word ("NATO foreign ministers", "Iranian diplomats")."""
        noun = item.mention.text.lower().split()[-1]
        here = item.mention.sentence_index
        for prev in reversed(history):
            # the same plural role word is a specific cue: it may reach back a paragraph
            if here - prev.mention.sentence_index > 2 * _LOOKBACK_SENTENCES:
                break
            if prev.mention.text.lower().split()[-1] == noun and not prev.is_person:
                why = f"'{item.mention.text}' -> '{prev.mention.text}'"
                return [self._with(item, prev.mention.actor, why)]
        return []

    def _kingdom(self, item: Tracked, history: list[Tracked]) -> list[Tracked]:
        """ "the kingdom": a monarchy named within the look-back window, a subject first (the
        one the text is about), never the subject of the same sentence ("Sweden wants ties
        with the kingdom")."""
        here = item.mention.sentence_index
        found: list[Tracked] = []
        for prev in reversed(history):
            a = prev.mention.actor
            if here - prev.mention.sentence_index > _LOOKBACK_SENTENCES:
                break
            if prev.mention.sentence_index == here and prev.is_subject:
                continue
            if a.country and a.type in ("state", "person") and a.country in kingdoms():
                found.append(prev)
        best = next((p for p in found if p.is_subject), found[0] if found else None)
        if best is None or not best.mention.actor.country:
            return []
        actor = self._kb.state_actor(best.mention.actor.country)
        return [self._with(item, actor, f"the kingdom named: '{best.mention.text}'")]

    def _igo_antecedent(self, item: Tracked, history: list[Tracked]) -> list[Tracked]:
        """The organisation (or its head) named last within the look-back window; "the world
        body" is only ever the United Nations."""
        world_body = tuple(item.mention.text.lower().split()) == _WORLD_BODY
        for prev in reversed(history):
            if item.mention.sentence_index - prev.mention.sentence_index > _LOOKBACK_SENTENCES:
                break
            a = prev.mention.actor
            code = a.igo or (a.code if a.type == "igo" or a.country is None else None)
            if not code or code not in self._kb.igo_codes or (world_body and code != "UNO"):
                continue
            entity = self._kb.entities[self._kb.igo_codes[code]]
            actor = self._kb.entity_actor(entity)
            return [self._with(item, actor, f"the organisation named last: '{prev.mention.text}'")]
        return []

    @staticmethod
    def _people_pair(item: Tracked, history: list[Tracked]) -> list[Tracked] | None:
        """The last two people of different states named within the look-back window."""
        sent = item.mention.sentence_index
        picked: dict[str, Tracked] = {}
        for prev in reversed(history):
            a = prev.mention.actor
            if sent - prev.mention.sentence_index > _LOOKBACK_SENTENCES:
                break
            if a.type != "person" or not a.country or a.country in picked:
                continue
            picked[a.country] = prev
            if len(picked) == 2:
                return sorted(picked.values(), key=lambda t: t.mention.char_start)
        return None

    @staticmethod
    def _salient_pair(
        doc: Doc, item: Tracked, history: list[Tracked]
    ) -> list[tuple[str, Tracked]] | None:
        """The two states the text is about just here: mentioned recently and often.

        "the last two states named" alone fails on "Iran over its nuclear programme and Russia
        over the Ukraine crisis; both countries ...": a passing mention must not outweigh the
        pair the paragraph is about.
        """
        sent = item.mention.sentence_index
        # A sentence naming exactly two states right before decides ("Kazakhstan and
        # Azerbaijan ... Both countries"): look in this sentence, then the one before.
        for back in (0, 1):
            near: dict[str, Tracked] = {}
            for prev in history:
                a = prev.mention.actor
                if (
                    a.type == "state"
                    and a.country
                    and not prev.locative
                    and prev.mention.sentence_index == sent - back
                ):
                    near[a.country] = prev
            if len(near) == 2:
                pair = sorted(near, key=lambda c: near[c].mention.char_start)
                return [(c, near[c]) for c in pair]
            if len(near) > 2:
                # "Saudi Arabia and the UAE cut ties with Qatar": the coordinated pair
                by_head = {t.head: (c, t) for c, t in near.items() if t.head >= 0}
                for h, (c, t) in by_head.items():
                    tok = doc[h]
                    if tok.dep_ == "conj" and tok.head.i in by_head:
                        first = by_head[tok.head.i]
                        return [first, (c, t)]
                break
        score: dict[str, float] = {}
        last: dict[str, Tracked] = {}
        root = doc[item.mention.tok_start : item.mention.tok_end].root
        between = root.dep_ == "pobj" and root.head.lower_ in ("between", "among")
        for prev in history:
            a = prev.mention.actor
            if not a.country or a.type not in {"state", "person", "org"}:
                continue
            if between and prev.is_subject and prev.mention.sentence_index == sent:
                continue  # "Egypt brokered a truce between the two sides": the mediator is not one
            distance = sent - prev.mention.sentence_index
            weight = 1.0 if a.type == "state" else 0.6
            if prev.locative:
                weight = 0.3
            elif distance <= 1:
                weight += 1.5
            elif distance <= 3:
                weight += 0.5
            score[a.country] = score.get(a.country, 0.0) + weight
            last[a.country] = prev
        recent = [c for c, t in last.items() if sent - t.mention.sentence_index <= 3]
        ranked = sorted(recent, key=lambda c: (score[c], last[c].mention.char_start), reverse=True)
        if len(ranked) < 2:
            return None
        pair = sorted(ranked[:2], key=lambda c: last[c].mention.char_start)
        return [(c, last[c]) for c in pair]

    def _person_antecedent(self, item: Tracked, history: list[Tracked]) -> Tracked | None:
        sent = item.mention.sentence_index
        best: Tracked | None = None
        best_score = float("-inf")
        for prev in history:
            if not prev.is_person or prev.mention.actor.type != "person":
                continue
            distance = sent - prev.mention.sentence_index
            if distance < 0 or distance > _LOOKBACK_SENTENCES:
                continue
            if item.gender and prev.gender and item.gender != prev.gender:
                continue
            score = -2.0 * distance + (1.5 if prev.is_subject else 0.0)
            score += prev.mention.char_start / 1e7  # later wins ties
            if score > best_score:
                best, best_score = prev, score
        return best

    def _counterpart(
        self,
        doc: Doc,
        index: DocIndex,
        on: dt.date | None,
        item: Tracked,
        history: list[Tracked],
    ) -> list[Tracked]:
        ante = self._person_antecedent(item, history)
        country = item.country
        if ante is None or country is None:
            return []
        office = ante.office
        sector = ante.mention.actor.sector or "GOV"
        if office in {"head_of_state", "head_of_government"}:
            office = self._kb.leader_role(country)  # Merkel's French counterpart: the president
        if office:
            holders = self._kb.holders(country, office, on)
            if holders:
                actor, why = self._kb.person_actor(holders[0], on)
                return [
                    self._with(
                        item,
                        actor,
                        f"counterpart of '{ante.mention.text}' ({office}): "
                        f"{holders[0].name}, {why}",
                        office=office,
                        gender=holders[0].gender,
                    )
                ]
        actor = Actor(
            name=f"{self._kb.state_name(country)} counterpart",
            code=country + sector,
            type="person",
            country=country,
            sector=sector,
        )
        return [
            self._with(
                item, actor, f"counterpart of '{ante.mention.text}' in {country}", office=office
            )
        ]

    def _its_role(self, index: DocIndex, item: Tracked, history: list[Tracked]) -> list[Tracked]:
        m = item.mention
        role = None
        for start in (m.tok_start + 1, m.tok_start + 2):
            role = self._roles.starting_at(index, start, m.tok_end)
            if role is not None:
                break
        if role is None:
            return []
        for prev in reversed(history):
            a = prev.mention.actor
            if m.sentence_index - prev.mention.sentence_index > 1:
                break
            if a.type in {"state", "org"} and a.country and not prev.locative:
                actor = self._kb.state_actor(a.country, role.info.sector)
                return [self._with(item, actor, f"'{m.text}' of '{prev.mention.text}'")]
            if a.type == "igo":
                actor = Actor(
                    name=a.name, code=a.code, type="igo", sector=role.info.sector, igo=a.igo
                )
                return [self._with(item, actor, f"'{m.text}' of '{prev.mention.text}'")]
        return []

    def _possessive_role(
        self, index: DocIndex, on: dt.date | None, item: Tracked, history: list[Tracked]
    ) -> list[Tracked]:
        m = item.mention
        role = self._roles.starting_at(index, m.tok_start + 1, m.tok_end)
        ante = self._person_antecedent(item, history)
        if role is None or role.info.office is None or ante is None:
            return []
        country = ante.mention.actor.country
        if country is None:
            return []
        info = role.info
        holders = self._kb.holders(country, info.office or "", on, info.title)
        if holders and holders[0].name != ante.mention.actor.person:
            actor, why = self._kb.person_actor(holders[0], on)
            return [
                self._with(
                    item,
                    actor,
                    f"'{m.text}' of '{ante.mention.text}' ({country}): {why}",
                    office=info.office,
                    gender=holders[0].gender,
                )
            ]
        actor = Actor(
            name=f"{self._kb.state_name(country)} {info.phrase}",
            code=country + info.sector,
            type="person",
            country=country,
            sector=info.sector,
        )
        return [
            self._with(
                item, actor, f"'{m.text}' of '{ante.mention.text}' ({country})", office=info.office
            )
        ]

    def _role_antecedent(
        self, index: DocIndex, on: dt.date | None, item: Tracked, history: list[Tracked]
    ) -> list[Tracked]:
        m = item.mention
        role = self._roles.starting_at(index, m.tok_start + 1, m.tok_end)
        if role is None:
            return []
        info = role.info
        for prev in reversed(history):
            if not prev.is_person or prev.mention.actor.type != "person":
                continue
            if m.sentence_index - prev.mention.sentence_index > _LOOKBACK_SENTENCES + 2:
                break
            if info.office is not None:
                if prev.office != info.office:
                    continue
            elif info.phrase == "minister":
                if not (prev.office or "").endswith("minister"):
                    continue
            elif prev.mention.actor.sector != info.sector:
                continue
            return [self._copy(item, prev, f"'{m.text}' -> '{prev.mention.text}'")]
        if info.office is not None:
            for prev in reversed(history):
                a = prev.mention.actor
                if a.type == "state" and a.country:
                    holders = self._kb.holders(a.country, info.office, on, info.title)
                    if holders:
                        actor, why = self._kb.person_actor(holders[0], on)
                        return [
                            self._with(
                                item,
                                actor,
                                f"'{m.text}' of the last state named ({a.country}): {why}",
                                office=info.office,
                                gender=holders[0].gender,
                            )
                        ]
                    break
        return []

    @staticmethod
    def _copy(item: Tracked, ante: Tracked, why: str) -> Tracked:
        return Tracked(
            mention=_with_actor(item.mention, ante.mention.actor, why, 0.8),
            office=ante.office,
            gender=ante.gender,
            emit=ante.emit,
            is_person=True,
            is_subject=item.is_subject,
        )

    @staticmethod
    def _with(
        item: Tracked,
        actor: Actor,
        why: str,
        office: str | None = None,
        gender: str | None = None,
    ) -> Tracked:
        return Tracked(
            mention=_with_actor(item.mention, actor, why, 0.75),
            office=office,
            gender=gender,
            emit=True,
            is_person=actor.type == "person",
            is_subject=item.is_subject,
        )


def _with_actor(mention: Mention, actor: Actor, why: str, score: float) -> Mention:
    return Mention(
        sentence_index=mention.sentence_index,
        tok_start=mention.tok_start,
        tok_end=mention.tok_end,
        char_start=mention.char_start,
        char_end=mention.char_end,
        text=mention.text,
        actor=actor,
        method="coref",
        score=score,
        evidence=why,
    )
