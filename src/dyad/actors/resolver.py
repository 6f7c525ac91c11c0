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
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from dyad.model import Actor, Mention

from .builders import ActorBuilder
from .coref import CorefResolver, Tracked
from .kb import KnowledgeBase, RoleInfo
from .matching import AliasHit, AliasMatcher, DocIndex
from .names import NameResolver, Resolution
from .normalize import fold, fold_words, translit_key
from .people import PersonIndex, context_agrees
from .places import LOCATIVE_PREPS, is_place
from .records import FAMILY_NAME_FIRST
from .titles import (
    RoleFinder,
    RoleHit,
    Title,
    extend_right,
    head_title,
    left_title,
    pick_role,
    right_title,
)
from .when import sentence_date

_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "von", "van", "de", "der", "den", "da", "di", "du", "le", "la",
     "abu", "bint", "ul", "ad", "ben", "zu"}
)  # fmt: skip
_NOT_PERSON_ENTS = frozenset({"ORG", "GPE", "FAC", "NORP", "LOC", "PRODUCT", "EVENT", "LAW"})
_PAST_WORDS = frozenset({"former", "ex", "then", "late", "previous", "erstwhile"})
_NOT_ACTOR_SUFFIXES = frozenset(
    {"born", "based", "made", "built", "style", "speaking", "language", "educated", "flagged"}
)
_STATE_KINDS = frozenset({"state", "adj", "plural", "capital", "iso"})


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
    dates: list[Span] = field(default_factory=list)


class ActorResolver:
    """Finds and resolves actor mentions; build once, use for many documents."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._matcher = AliasMatcher(kb)
        self._roles = RoleFinder(kb)
        self._people = PersonIndex(kb)
        self._coref = CorefResolver(kb, self._roles)
        self._build = ActorBuilder(kb)
        self._names = NameResolver(kb, self._matcher, self._people, self._build)

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
            if ent.label_ == "DATE":
                work.dates.append(ent)
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
        """Candidate person names: known-name hits and runs of capitalised proper nouns."""
        doc, index = work.doc, work.index
        n = len(doc)

        def name_token(j: int) -> bool:
            tok = doc[j]
            return tok.pos_ == "PROPN" and tok.text[:1].isupper()

        def joins(j: int) -> bool:
            """'al-', 'bin', 'von' and hyphens inside a name, when a name part follows."""
            if j + 1 >= n or index.sent_of[j + 1] != index.sent_of[j]:
                return False
            word = index.lower[j]
            nxt = doc[j + 1]
            if word == "-":
                return nxt.text[:1].isupper()
            return word in _NAME_PARTICLES and (nxt.text == "-" or nxt.text[:1].isupper())

        # A bare surname hit followed by another name part is a first name ("Barak Obama").
        person_hits = [h for h in work.hits if h.entries[0].kind in {"person", "surname"}]
        given = {
            h.tok_start
            for h in person_hits
            if h.entries[0].kind == "surname"
            and h.tok_end < n
            and index.sent_of[h.tok_end] == index.sent_of[h.tok_start]
            and (name_token(h.tok_end) or joins(h.tok_end))
            and not doc[h.tok_end].text.isupper()  # headlines in capitals: every word is PROPN
        }
        hit_tokens: set[int] = set()
        for hit in work.hits:
            if hit.tok_start not in given:
                hit_tokens.update(range(hit.tok_start, hit.tok_end))
        spans: list[tuple[int, int, AliasHit | None]] = []
        for hit in person_hits:
            if hit.tok_start in given:
                continue
            start = hit.tok_start
            if hit.entries[0].kind == "surname":
                # first names in another spelling: "Hussain Dehghan", "Srgei Lavrov"
                while (
                    start > 0
                    and (start - 1) not in hit_tokens
                    and index.sent_of[start - 1] == index.sent_of[hit.tok_start]
                    and (name_token(start - 1) or joins(start - 1))
                    and self._roles.ending_at(index, start, start - 1) is None
                    and index.lower[start - 1] not in self._roles.honorifics
                ):
                    start -= 1
            spans.append((start, hit.tok_end, hit))
        i = 0
        while i < n:
            if i in hit_tokens or not name_token(i):
                i += 1
                continue
            j = i
            while (
                j < n
                and j not in hit_tokens
                and index.sent_of[j] == index.sent_of[i]
                and (name_token(j) or joins(j))
            ):
                j += 1
            while j > i and not name_token(j - 1):
                j -= 1
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
            whole_role = self._roles.starting_at(index, start, j)
            if start < j and not (whole_role is not None and whole_role.tok_end == j):
                spans.append((start, j, None))
            i = max(j, i + 1)
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
            if rt is None:
                rt = head_title(kb, self._roles, index, start, end, work.hits_starting)
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
                person = self._build.choose_person(hit.entries, work.published, title_country)
                if person is not None and hit.entries[0].kind == "surname":
                    given = doc[start : hit.tok_start].text
                    if given:
                        person = self._build.given_name_match(hit.entries, given, work.published)
                        if person is not None:
                            evidence.append(f"first name '{given}' agrees")
                    elif not (
                        any(t in work.person_tokens for t in range(start, end))
                        or lt is not None
                        or (
                            person.office_at(work.published) is not None
                            and (
                                person.country in work.countries
                                or kb.surname_count(person.surname) == 1
                            )
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
                    if start < hit.tok_start:  # first names not spelled as in the KB
                        full = translit_key(name_text)
                        same = any(translit_key(n) == full for n in (person.name, *person.aliases))
                        method = "variant" if same else "fuzzy"
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
            if end - start > 1 and tracked.mention.actor.country in FAMILY_NAME_FIRST:
                local[fold(doc[start].text)] = tracked  # "Wang Yi ... Wang said"
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
        # Organisation and place names (by NER) without a title are not worth a fuzzy search.
        named_thing = (
            lt is None
            and rt is None
            and all(work.doc[t].ent_type_ in _NOT_PERSON_ENTS for t in range(start, end))
        )
        if alpha >= 4 and not named_thing:
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
        doc = work.doc
        looks_like_name = (
            end - start >= 2
            and all(
                doc[t].ent_type_ not in _NOT_PERSON_ENTS and not doc[t].text.isupper()
                for t in range(start, end)
            )
            and (lt is not None or rt is not None)
        )
        is_person = (
            any(t in work.person_tokens for t in range(start, end))
            or (role is not None and role.person)
            or looks_like_name
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
                end + 1 < len(doc)
                and index.lower[end] == "-"
                and index.lower[end + 1] in _NOT_ACTOR_SUFFIXES
            ):
                continue  # "Iranian-born", "Russian-made", "Moscow-based"
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
            entity = self._build.entity_of(entry)
            new_end, roles = extend_right(self._roles, index, end)
            shared = False
            if not roles and entry.kind == "adj":
                roles = self._shared_roles(work, end)
                shared = bool(roles)
            left_start, left_roles = self._of_construction(work, start)
            all_roles: list[RoleHit] = left_roles + roles
            role = pick_role(all_roles)
            evidence = [f"{entry.kind} '{entry.surface}' ({entry.source})"]
            if shared:
                evidence.append("shares the role word of the next adjective")
            if entry.kind == "capital" or (entity is not None and entity.locative):
                place, why = is_place(doc, start, end, bool(all_roles))
                if place:
                    work.consumed.update(range(start, end))
                    country = self._place_country(entry, entity)
                    if country is not None:
                        # not an actor, but "In Damascus, the foreign ministry ..." needs it
                        spot = self._make(
                            work, start, end, self.kb.state_actor(country), "place", 0.5,
                            why, None, None, emit=False,
                        )  # fmt: skip
                        spot.place_only = True
                        work.tracked.append(spot)
                    continue
                evidence.append(why)
            m_start = left_start if left_roles else start
            m_end = new_end
            method = self._build.method(entry)
            before = {index.lower[t] for t in range(max(0, m_start - 2), m_end)}
            past = bool(before & _PAST_WORDS)  # "the former Russian president": not the holder
            on = work.published
            if role is not None and role.person and role.office:
                on = sentence_date(work.doc, work.index, work.dates, m_start, work.published) or on
            actor, role_method, why = self._build.actor_for(
                entry, entity, role, on, lookup=not past
            )
            if on != work.published:
                evidence.append(f"office holder looked up on {on} (a date in the sentence)")
            definite = m_start > 0 and index.lower[m_start - 1] in {"the", "this"}
            known_holder = role is not None and role.office is not None and actor.person
            if definite and not past and role is not None and role.person and not known_holder:
                # "The Russian minister" after "Sergei Lavrov": that person, not a new one
                ante = self._same_country_person(work, m_start, actor.country, role)
                if ante is not None:
                    actor, role_method = ante.mention.actor, "coref"
                    why = f"the {role.phrase} named before: '{ante.mention.text}'"
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

    def _place_country(self, entry: Any, entity: Any) -> str | None:
        """The state a capital or a seat of government named as a place belongs to."""
        if entry.kind == "capital":
            return str(entry.target) if entry.target in self.kb.states else None
        country = getattr(entity, "country", None)
        return str(country) if country else None

    def _shared_roles(self, work: _Doc, end: int) -> list[RoleHit]:
        """'Russian and Iranian officials': the first adjective shares the second's noun."""
        index = work.index
        n = len(work.doc)
        j = end
        if j < n and index.lower[j] in {"and", "or", ","}:
            j += 1
            if j < n and index.lower[j] in {"and", "or"}:
                j += 1
        else:
            return []
        nxt = work.hits_starting.get(j)
        if nxt is None or nxt.entries[0].kind != "adj":
            return []
        if index.sent_of[j] != index.sent_of[end - 1]:
            return []
        _, roles = extend_right(self._roles, index, nxt.tok_end)
        # only plural bodies are shared ("officials", "forces"), not one person's title
        return [r for r in roles if not r.info.person]

    @staticmethod
    def _same_country_person(
        work: _Doc, before: int, country: str | None, role: RoleInfo
    ) -> Tracked | None:
        if country is None:
            return None
        sent = work.index.sent_of[before]
        for prev in reversed(work.tracked):
            m = prev.mention
            if m.tok_start >= before or not prev.is_person or not prev.emit:
                continue
            if sent - m.sentence_index > 5:
                continue
            if m.actor.country != country or m.actor.person is None:
                continue
            if role.office is not None and prev.office != role.office:
                continue
            if role.phrase == "minister" and not (prev.office or "").endswith("minister"):
                continue
            return prev
        return None

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
            locative=head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS,
            head=head.i,
        )

    # ================================================================== names
    def resolve_name(self, text: str, on: dt.date | None = None) -> Resolution | None:
        """How a bare name resolves (no document context): alias, title, variant, fuzzy."""
        return self._names.resolve(text, on)

    def explain(self, text: str, on: dt.date | None = None) -> list[str]:
        """Human-readable steps of `resolve_name`, for `dyad actor NAME`."""
        return self._names.explain(text, on)


__all__ = ["ActorResolver", "Resolution"]
