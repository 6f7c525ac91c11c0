"""Actor mentions in a parsed document, and name resolution for `dyad actor NAME`.

`ActorResolver.annotate` runs in four passes over a spaCy Doc:
1. alias hits from one Aho-Corasick automaton (states, adjectives, capitals, organisations,
   metonyms, people), longest match wins;
2. people: known names, spelling variants and typos (accepted only when the context agrees),
   and unknown names coded from their titles and appositions;
3. states, organisations and capitals, with role words ("Iranian navy" -> IRNMIL) and the
   office holder on the article date for one-person titles ("the Russian president");
4. coreference: surnames, pronouns, "the minister", "his Iranian counterpart",
   "the two countries" (one Mention per member state, same span), "the country".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from spacy.tokens import Doc

from dyad.model import Actor, Mention

from .coref import CorefResolver, Tracked
from .kb import AliasEntry, Entity, KnowledgeBase, Person, RoleInfo, role_tokens
from .matching import AliasHit, AliasMatcher, DocIndex
from .normalize import fold, fold_words, fuzzy_form, translit_key
from .people import PersonIndex, context_agrees
from .places import is_place
from .titles import (
    RoleFinder,
    RoleHit,
    Title,
    extend_right,
    left_title,
    pick_role,
    right_title,
)

_STATE_KINDS = frozenset({"state", "adj", "plural", "capital", "iso"})
_NAME_METHOD = {"adj": "demonym", "plural": "demonym", "capital": "capital", "iso": "alias"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a name resolves: the actor, the method, a score and the reasons."""

    actor: Actor
    method: str
    score: float
    matched: str
    evidence: tuple[str, ...] = ()


@dataclass(slots=True)
class _Doc:
    """Working state for one document."""

    doc: Doc
    index: DocIndex
    published: dt.date | None
    hits: list[AliasHit]
    hits_starting: dict[int, AliasHit]
    hits_ending: dict[int, AliasHit]
    consumed: set[int] = field(default_factory=set)
    tracked: list[Tracked] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    person_tokens: set[int] = field(default_factory=set)
    person_ents: list[tuple[int, int]] = field(default_factory=list)


class ActorResolver:
    """Finds and resolves actor mentions; build once, use for many documents."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._matcher = AliasMatcher(kb)
        self._roles = RoleFinder(kb)
        self._people = PersonIndex(kb)
        self._coref = CorefResolver(kb, self._roles)

    # ================================================================== documents
    def annotate(self, doc: Doc, published: dt.date | None) -> list[Mention]:
        """Every actor mention in the document, in text order (groups share one span)."""
        if isinstance(published, dt.datetime):
            published = published.date()
        index = DocIndex.build(doc)
        hits = self._matcher.hits(doc.text, index)
        work = _Doc(
            doc=doc,
            index=index,
            published=published,
            hits=hits,
            hits_starting={h.tok_start: h for h in hits},
            hits_ending={h.tok_end: h for h in hits},
        )
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                work.person_tokens.update(range(ent.start, ent.end))
                work.person_ents.append((ent.start, ent.end))
        for hit in hits:
            entry = hit.entries[0]
            if entry.kind in _STATE_KINDS and entry.target in self.kb.states:
                work.countries.add(entry.target)
            elif entry.kind == "entity":
                country = self.kb.entities[entry.target].country
                if country:
                    work.countries.add(country)
        self._people_pass(work)
        self._names_pass(work)
        tracked = self._coref.resolve(
            work.doc, work.index, work.published, work.tracked, work.consumed
        )
        mentions = [t.mention for t in tracked if t.emit]
        mentions.sort(key=lambda m: (m.char_start, m.char_end))
        return mentions

    # ------------------------------------------------------------------ people
    def _person_spans(self, work: _Doc) -> list[tuple[int, int, AliasHit | None]]:
        doc, index = work.doc, work.index
        spans: list[tuple[int, int, AliasHit | None]] = []
        hit_tokens: set[int] = set()
        for hit in work.hits:
            hit_tokens.update(range(hit.tok_start, hit.tok_end))
            if hit.entries[0].kind in {"person", "surname"}:
                start = hit.tok_start
                if hit.entries[0].kind == "surname":
                    # first names in another spelling: "Hussain Dehghan", "Srgei Lavrov"
                    while (
                        start > 0
                        and doc[start - 1].pos_ == "PROPN"
                        and doc[start - 1].text[:1].isupper()
                        and (start - 1) not in hit_tokens
                        and self._roles.ending_at(index, start, start - 1) is None
                        and index.lower[start - 1] not in self._roles.honorifics
                        and index.sent_of[start - 1] == index.sent_of[hit.tok_start]
                    ):
                        start -= 1
                spans.append((start, hit.tok_end, hit))
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if tok.pos_ != "PROPN" or i in hit_tokens or not tok.text[:1].isupper():
                i += 1
                continue
            j = i
            while (
                j < n
                and j not in hit_tokens
                and index.sent_of[j] == index.sent_of[i]
                and (
                    (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper())
                    or (
                        doc[j].text == "-"
                        and j + 1 < n
                        and doc[j + 1].pos_ == "PROPN"
                        and doc[j + 1].text[:1].isupper()
                    )
                )
            ):
                j += 1
            start = i
            # strip titles and honorifics at the front of the run ("Defence Minister X")
            while start < j:
                role = self._roles.starting_at(index, start, j)
                if role is not None and role.tok_end < j:
                    start = role.tok_end
                elif index.lower[start] in self._roles.honorifics and start + 1 < j:
                    start += 1
                else:
                    break
            if start < j:
                spans.append((start, j, None))
            i = j
        spans = [s for s in spans if s[0] < s[1]]
        spans.sort(key=lambda s: s[0])
        return spans

    def _people_pass(self, work: _Doc) -> None:
        kb, doc, index = self.kb, work.doc, work.index
        local: dict[str, Tracked] = {}
        for start, end, hit in self._person_spans(work):
            if any(t in work.consumed for t in range(start, end)):
                continue
            lt = left_title(kb, self._roles, index, start, work.hits_ending)
            rt = right_title(kb, self._roles, index, end, work.hits_starting)
            title_country = (lt.country if lt else None) or (rt.country if rt else None)
            role = (lt.role if lt and lt.role else None) or (rt.role if rt else None)
            title_sector = (lt.sector if lt else None) or (rt.sector if rt else None)
            name_text = doc[start:end].text
            surname_key = fold(doc[end - 1].text)
            tracked: Tracked | None = None
            m_start = lt.tok_start if lt else start
            evidence: list[str] = []
            if lt:
                evidence.append(lt.evidence)
            if rt:
                evidence.append(rt.evidence)
            if end - start == 1 and surname_key in local:
                previous = local[surname_key]
                tracked = self._make(
                    work,
                    m_start,
                    end,
                    previous.mention.actor,
                    "coref",
                    0.9,
                    f"surname of '{previous.mention.text}'",
                    previous.office,
                    previous.gender,
                    emit=previous.emit,
                    person=True,
                )
            elif hit is not None:
                person = self._choose_person(hit.entries, work.published, title_country)
                if person is not None and hit.entries[0].kind == "surname":
                    given = doc[start : hit.tok_start].text
                    if given:
                        person = self._given_name_match(hit.entries, given, work.published)
                        if person is not None:
                            evidence.append(f"first name '{given}' agrees")
                    elif not (
                        any(t in work.person_tokens for t in range(start, end))
                        or lt is not None
                        or (
                            person.office_at(work.published) is not None
                            and person.country in work.countries
                        )
                    ):
                        person = None  # a bare surname with nothing to confirm it
                if person is not None:
                    actor, why = kb.person_actor(
                        person, work.published, title_country, title_sector
                    )
                    entry = hit.entries[0]
                    method = (
                        "exact" if fold_words(entry.surface) == fold_words(person.name) else "alias"
                    )
                    if entry.source == "user":
                        method = "user"
                    office = person.office_at(work.published)
                    tracked = self._make(
                        work,
                        m_start,
                        end,
                        actor,
                        method,
                        1.0,
                        "; ".join([f"alias '{entry.surface}' -> {person.name}", why, *evidence]),
                        office.role if office else (role.office if role else None),
                        person.gender,
                        person=True,
                    )
            if tracked is None:
                tracked = self._guess_person(
                    work,
                    start,
                    m_start,
                    end,
                    name_text,
                    lt,
                    rt,
                    title_country,
                    title_sector,
                    role,
                    evidence,
                )
            if tracked is None:
                continue
            work.consumed.update(range(tracked.mention.tok_start, tracked.mention.tok_end))
            work.tracked.append(tracked)
            local[surname_key] = tracked
            if tracked.mention.actor.country:
                work.countries.add(tracked.mention.actor.country)

    def _guess_person(
        self,
        work: _Doc,
        start: int,
        m_start: int,
        end: int,
        name_text: str,
        lt: Title | None,
        rt: Title | None,
        title_country: str | None,
        title_sector: str | None,
        role: RoleInfo | None,
        evidence: list[str],
    ) -> Tracked | None:
        kb = self.kb
        alpha = sum(c.isalpha() for c in name_text)
        if alpha >= 4:
            for guess in self._people.candidates(name_text):
                ok, why = context_agrees(
                    guess.person,
                    work.published,
                    title_country,
                    role.office if role else None,
                    work.countries,
                )
                if not ok:
                    continue
                actor, office_why = kb.person_actor(
                    guess.person, work.published, title_country, title_sector
                )
                office = guess.person.office_at(work.published)
                return self._make(
                    work,
                    m_start,
                    end,
                    actor,
                    guess.method,
                    guess.score,
                    "; ".join([guess.evidence, why, office_why, *evidence]),
                    office.role if office else (role.office if role else None),
                    guess.person.gender,
                    person=True,
                )
        is_person = any(t in work.person_tokens for t in range(start, end)) or (
            role is not None and role.person
        )
        if not is_person:
            return None
        entity = None
        for title in (lt, rt):
            if title and title.entity_id:
                entity = kb.entities.get(title.entity_id)
                break
        if title_country is None and entity is not None and entity.type == "igo":
            actor = Actor(
                name=name_text,
                code=entity.code,
                type="person",
                sector=title_sector,
                person=name_text,
                igo=entity.code,
            )
        elif title_country is not None:
            actor = Actor(
                name=name_text,
                code=title_country + (title_sector or ""),
                type="person",
                country=title_country,
                sector=title_sector,
                person=name_text,
            )
        else:
            # Unknown and unaffiliated: tracked so pronouns can find it, but not emitted.
            actor = Actor(
                name=name_text,
                code=title_sector or "",
                type="person",
                sector=title_sector,
                person=name_text,
            )
            return self._make(
                work,
                m_start,
                end,
                actor,
                "title",
                0.5,
                "person with no affiliation in the text",
                None,
                None,
                emit=False,
                person=True,
            )
        return self._make(
            work,
            m_start,
            end,
            actor,
            "title",
            0.8,
            "; ".join(["name not in the knowledge base", *evidence]),
            role.office if role else None,
            None,
            person=True,
        )

    def _given_name_match(
        self, entries: tuple[AliasEntry, ...], given: str, on: dt.date | None
    ) -> Person | None:
        """Among people with this surname, one whose first names agree with `given`."""
        best: Person | None = None
        best_rank = (2, 0.0)
        form, key = fuzzy_form(given), translit_key(given)
        for entry in entries:
            person = self.kb.people.get(entry.target)
            if person is None or entry.kind != "surname":
                continue
            for name in (person.name, *person.aliases):
                first = " ".join(name.split()[:-1])
                if not first:
                    continue
                score = max(
                    fuzz.ratio(form, fuzzy_form(first)),
                    fuzz.ratio(form, fuzzy_form(first.split()[-1])),
                    100.0 if translit_key(first) == key else 0.0,
                )
                if score < 70:
                    continue
                rank = (0 if person.office_at(on) else 1, -score)
                if rank < best_rank:
                    best, best_rank = person, rank
        return best

    def _choose_person(
        self, entries: tuple[AliasEntry, ...], on: dt.date | None, country: str | None
    ) -> Person | None:
        people = [self.kb.people[e.target] for e in entries if e.kind in {"person", "surname"}]
        if not people:
            return None
        if len(people) == 1:
            return people[0]

        def rank(p: Person) -> tuple[int, int]:
            return (
                0 if p.office_at(on) is not None else 1,
                0 if country is None or p.country == country else 1,
            )

        return min(people, key=rank)

    # ------------------------------------------------------------------ states and orgs
    def _names_pass(self, work: _Doc) -> None:
        doc, index = work.doc, work.index
        for hit in work.hits:
            if any(t in work.consumed for t in range(hit.tok_start, hit.tok_end)):
                continue
            entry = hit.entries[0]
            if entry.kind == "blocker":
                work.consumed.update(range(hit.tok_start, hit.tok_end))
                continue
            if entry.kind in {"person", "surname"}:
                continue
            start, end = hit.tok_start, hit.tok_end
            if (
                start > 0
                and index.lower[start - 1] == "-"
                and start > 1
                and index.lower[start - 2] in {"pro", "anti", "non"}
            ):
                continue
            if entry.kind in _STATE_KINDS and self._inside_person_name(work, start, end):
                continue
            if (
                entry.kind == "adj"
                and end < len(doc)
                and index.lower[end].startswith("counterpart")
            ):
                first = self._coref.add_counterpart_trigger(
                    work.tracked, index, start, end, entry.target
                )
                work.consumed.update(range(first, end + 1))
                continue
            entity = self._entity_of(entry)
            new_end, roles = extend_right(self._roles, index, end)
            left_start, left_roles = self._of_construction(work, start)
            all_roles: list[RoleHit] = left_roles + roles
            role = pick_role(all_roles)
            evidence = [f"{entry.kind} '{entry.surface}' ({entry.source})"]
            if entry.kind == "capital" or (entity is not None and entity.locative):
                place, why = is_place(doc, start, end, bool(all_roles))
                if place:
                    work.consumed.update(range(start, end))
                    continue
                evidence.append(why)
            m_start = left_start if left_roles else start
            m_end = new_end
            method = self._method(entry)
            actor, role_method, why = self._actor_for(entry, entity, role, work.published)
            if role is not None:
                evidence.append(
                    f"role word '{role.phrase}' -> {role.sector}" + (f"; {why}" if why else "")
                )
            tracked = self._make(
                work,
                m_start,
                m_end,
                actor,
                role_method or method,
                0.9 if role_method else 1.0,
                "; ".join(evidence),
                role.office if role else None,
                None,
                person=actor.type == "person",
            )
            work.consumed.update(range(m_start, m_end))
            work.tracked.append(tracked)

    def _of_construction(self, work: _Doc, start: int) -> tuple[int, list[RoleHit]]:
        """'the navy of Iran', 'the president of Russia': role words before 'of' (+ 'the')."""
        index = work.index
        j = start
        if j > 0 and index.lower[j - 1] == "the":
            j -= 1
        if j == 0 or index.lower[j - 1] not in {"of", "for"}:
            return start, []
        floor = index.sent_bounds[index.sent_of[start]][0]
        role = self._roles.ending_at(index, j - 1, floor)
        if role is None or any(t in work.consumed for t in range(role.tok_start, j - 1)):
            return start, []
        first = role.tok_start
        if first > 0 and index.lower[first - 1] == "the":
            first -= 1
        return first, [role]

    def _inside_person_name(self, work: _Doc, start: int, end: int) -> bool:
        return any(
            e_start <= start and end <= e_end and e_end - e_start > end - start
            for e_start, e_end in work.person_ents
        )

    def _entity_of(self, entry: AliasEntry) -> Entity | None:
        """The organisation an alias names (entity names, and adjectives such as 'Western')."""
        if entry.kind in {"entity", "adj"}:
            return self.kb.entities.get(entry.target)
        return None

    @staticmethod
    def _method(entry: AliasEntry) -> str:
        if entry.source == "user":
            return "user"
        if entry.kind == "entity":
            return "metonym" if entry.source == "metonym" else "alias"
        if entry.kind == "state":
            return "exact"
        return _NAME_METHOD.get(entry.kind, "alias")

    def _actor_for(
        self,
        entry: AliasEntry,
        entity: Entity | None,
        role: RoleInfo | None,
        on: dt.date | None,
    ) -> tuple[Actor, str | None, str]:
        """The actor for a name plus role words: (actor, method override, why)."""
        kb = self.kb
        if entity is not None:
            if role is not None and role.person and role.office and entity.country:
                return self._office_holder(entity.country, role, on)
            sector = role.sector if role is not None else None
            if (
                entity.kind == "metonym"
                and role is not None
                and role.phrase
                in {"officials", "official", "spokesman", "sources", "aides", "aide"}
            ):
                sector = entity.sector  # "Kremlin officials" stay with the Kremlin's sector
            return kb.entity_actor(entity, sector), None, ""
        country = entry.target
        if role is not None and role.person:
            return self._office_holder(country, role, on)
        if role is not None:
            return kb.state_actor(country, role.sector), None, ""
        if entry.kind == "capital":
            return kb.state_actor(country, "GOV"), None, ""
        return kb.state_actor(country), None, ""

    def _office_holder(
        self, country: str, role: RoleInfo, on: dt.date | None
    ) -> tuple[Actor, str | None, str]:
        kb = self.kb
        if role.office:
            holders = kb.holders(country, role.office, on, role.title)
            if not holders and role.title:
                holders = kb.titled(country, role.title, on)
            if holders:
                actor, why = kb.person_actor(holders[0], on)
                return actor, "title", f"{holders[0].name} held it ({why})"
        actor = Actor(
            name=f"{kb.state_name(country)} {role.phrase}",
            code=country + role.sector,
            type="person",
            country=country,
            sector=role.sector,
        )
        return actor, "title", "holder not in the knowledge base"

    def _make(
        self,
        work: _Doc,
        start: int,
        end: int,
        actor: Actor,
        method: str,
        score: float,
        evidence: str,
        office: str | None,
        gender: str | None,
        emit: bool = True,
        person: bool = False,
    ) -> Tracked:
        doc = work.doc
        span = doc[start:end]
        mention = Mention(
            sentence_index=work.index.sent_of[start],
            tok_start=start,
            tok_end=end,
            char_start=span.start_char,
            char_end=span.end_char,
            text=span.text,
            actor=actor,
            method=method,
            score=score,
            evidence=evidence,
        )
        head = span.root
        return Tracked(
            mention=mention,
            office=office,
            gender=gender,
            emit=emit,
            is_person=person,
            is_subject=head.dep_ in {"nsubj", "nsubjpass"}
            or (head.head.dep_ in {"nsubj", "nsubjpass"} and head.dep_ in {"appos", "compound"}),
        )

    # ================================================================== names
    def resolve_name(self, text: str, on: dt.date | None = None) -> Resolution | None:
        """How a bare name resolves (no document context): alias, title, variant, fuzzy."""
        return self._resolve(text, on, [])

    def explain(self, text: str, on: dt.date | None = None) -> list[str]:
        """Human-readable steps of `resolve_name`, for `dyad actor NAME`."""
        notes: list[str] = []
        result = self._resolve(text, on, notes)
        if result is None:
            notes.append(f"'{text}' does not resolve to any actor")
            return notes
        a = result.actor
        notes.append(
            f"=> {a.name}: code {a.code}, type {a.type}, country {a.country}, sector {a.sector}"
            + (f", person {a.person}" if a.person else "")
            + f" (method {result.method}, score {result.score:.2f})"
        )
        return notes

    def _resolve(self, text: str, on: dt.date | None, notes: list[str]) -> Resolution | None:
        kb = self.kb
        text = " ".join(text.split())
        if not text:
            return None
        found = self._matcher.lookup(text)
        if found is not None:
            key, entries = found
            entry = entries[0]
            notes.append(f"alias '{entry.surface}' ({entry.kind}, from {entry.source})")
            if entry.kind in {"person", "surname"}:
                person = self._choose_person(tuple(entries), on, None)
                if person is not None:
                    actor, why = kb.person_actor(person, on)
                    notes.append(f"{person.name}: {why}")
                    return Resolution(actor, "exact", 1.0, entry.surface, tuple(notes))
            if entry.kind != "blocker":
                entity = self._entity_of(entry)
                actor, _, _ = self._actor_for(entry, entity, None, on)
                if entry.kind == "capital":
                    notes.append("a capital stands for its government")
                return Resolution(actor, self._method(entry), 1.0, entry.surface, tuple(notes))
        titled = self._resolve_title(text, on, notes)
        if titled is not None:
            return titled
        for guess in self._people.candidates(text):
            actor, why = kb.person_actor(guess.person, on)
            notes.append(guess.evidence)
            notes.append(f"{guess.person.name}: {why} (not confirmed by context)")
            return Resolution(
                actor, guess.method, guess.score * 0.9, guess.person.name, tuple(notes)
            )
        from rapidfuzz import fuzz, process

        best = process.extractOne(
            fold_words(text), list(kb.aliases), scorer=fuzz.ratio, score_cutoff=88
        )
        if best is not None:
            key, score, _ = best
            entry = kb.aliases[key][0]
            if entry.kind != "blocker":
                notes.append(f"closest alias '{entry.surface}' (score {score:.0f})")
                sub = self._resolve(entry.surface, on, [])
                if sub is not None:
                    return Resolution(sub.actor, "fuzzy", score / 100, entry.surface, tuple(notes))
        return None

    def _resolve_title(self, text: str, on: dt.date | None, notes: list[str]) -> Resolution | None:
        """'Russian president', "Iran's foreign minister", 'Russian Defence Minister X'."""
        words = text.replace("’s", " 's").replace("'s", " 's").split()
        for cut in range(len(words) - 1, 0, -1):
            head = " ".join(words[:cut])
            found = self._matcher.lookup(head)
            if found is None:
                continue
            entry = found[1][0]
            if entry.kind not in _STATE_KINDS and entry.kind != "entity":
                continue
            rest = [w for w in words[cut:] if w not in {"'s", "’s"}]
            for rcut in range(len(rest), 0, -1):
                role_key = role_tokens(" ".join(rest[:rcut]))
                role = self.kb.role(role_key)
                if role is None:
                    continue
                name = " ".join(rest[rcut:])
                notes.append(f"'{head}' -> {entry.target}; role '{role.phrase}' -> {role.sector}")
                if name:
                    sub = self._resolve(name, on, notes)
                    if sub is not None and sub.actor.type == "person":
                        return replace(sub, method=sub.method, evidence=tuple(notes))
                entity = self._entity_of(entry)
                actor, method, why = self._actor_for(entry, entity, role, on)
                if name and actor.type == "person" and actor.person is None:
                    actor = replace(actor, name=name, person=name)
                if why:
                    notes.append(why)
                return Resolution(actor, method or "title", 0.9, text, tuple(notes))
        return None
