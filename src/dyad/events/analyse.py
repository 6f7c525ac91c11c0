"""Turn one trigger token into a `Pred`: the code and the argument heads.

The rules, each one a construction of English rather than a fix for one sentence:
- a lexicon verb, with a more specific code chosen by the class of its object
  ("withdraw troops" 0874, "withdraw inspectors" 1662);
- a light or phase verb over an event noun ("hold talks" 046, "lift sanctions" 085);
- a frame verb over a complement ("agreed to supply" 033, "refused to supply" 122,
  "demanded that X withdraw" 1056, "threatened to impose sanctions" 1312);
- reported speech with a deontic complement ("X said Y must return ..." -> X demands of Y);
- an event noun with possessive, of/by/to/against/between arguments ("Shoigu's visit to Iran");
  a joint noun in a time adjunct takes the clause's parties ("signed it after hours of talks"),
  "came under pressure from X" makes the subject the target;
- a time limit: "gave X 48 hours to leave" (174), "... to accept" (139);
- a threat reported as consequence: "said Y would face sanctions" (1312);
- a verdict in words of blame: "called the plan a provocation", "said the arrests were
  unjustified" (111);
- contact verbs lend their object to a joined speech act ("telephoned X and urged restraint");
- agentless arrests and summonses are acts of the place's authorities ("arrested in Beijing");
- a relative clause's head noun is its object ("the sanctions which the EU imposed");
- a document signed or concluded with a partner is an agreement ("X and Y concluded a weapons
  package", 057);
- a legal action is against the party sued, not the court it is taken to ("took X to court",
  "resorted to arbitration against X"), and the damages it seeks are not a second event;
- sanctions and arrests of those linked to a party aim at it ("blacklisted firms linked to X");
- insisting on a fact ("insisted that Moscow had not delivered ...") asserts it, no demand.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyad.events.lexicon import COMPOSING_FRAMES, Lexicon, VerbEntry
from dyad.events.mentions import MentionIndex
from dyad.events.predicates import (
    NOUN_TARGET_PREPS,
    PARTICIPANT_CLASSES,
    Pred,
    children,
    class_of,
    complement_of,
    conjuncts_of,
    direct_object,
    event_heads,
    find_targets,
    has_actor,
    is_passive,
    match_noun,
    match_verb,
    noun_code,
    object_class,
    patients,
    prep_objects,
    relative_object,
    stop_code,
    subjects,
)

_DEONTIC = frozenset({"must", "should", "ought"})
_LEAVE_LEMMAS = frozenset({"leave", "depart", "quit", "exit"})
_SPEECH_LEMMAS = frozenset(
    {
        "comment",
        "disclose",
        "reveal",
        "confirm",
        "say",
        "elaborate",
        "specify",
        "explain",
        "discuss",
    }
)
_AUTHORED = frozenset(
    {"PROPOSAL", "REQUEST_N", "DEMAND_N", "INVITATION", "PLAN", "ACCUSATION_N", "AGREEMENT"}
)
_SPEECH_ACTS = frozenset({"PROPOSAL", "REQUEST_N", "DEMAND_N", "INVITATION", "PLAN"})
_FUTURE_AUX = frozenset({"would", "will", "could", "might", "may", "'ll", "wo"})
_PENALTY_NOUNS = frozenset(
    {"consequence", "revenge", "retaliation", "punishment", "reprisal", "retribution"}
)
_THREAT_FIRST_ROOT = 14
_LABEL_VERBS = frozenset({"call", "describe", "label", "brand"})
_BLAME_WORDS = frozenset(
    {"stunt", "provocation", "farce", "sham", "lie", "mistake", "error", "crime", "violation",
     "insult", "blackmail", "aggression", "interference", "hypocrisy", "propaganda", "joke",
     "disgrace", "outrage", "fabrication", "slander", "nonsense", "betrayal", "terrorism",
     "provocative", "illegal", "unacceptable", "baseless", "hostile", "absurd", "unjustified",
     "unjust", "groundless", "illegitimate", "unlawful", "outrageous"}
)  # fmt: skip
_DEADLINE_VERBS = frozenset({"give", "grant"})
_TIME_UNITS = frozenset({"hour", "day", "week", "month", "minute", "deadline"})
_CONFLICT_FIRST_ROOT = 11
_ASSAULT_FIRST_ROOT = 18
_CONTACT_VERBS = frozenset(
    {"telephone", "phone", "call", "write", "meet", "visit", "receive", "host", "tell", "ring"}
)
_SPOKEN_ROOTS = frozenset({1, 2, 3, 10, 11, 12, 13})
_RESPONSE_ROOTS = frozenset({1, 5, 11, 12})  # welcome, criticise, reject another's proposal
_AUTHORITY_CODES = ("114", "17")  # summons, arrests, expulsions: acts of a state's authorities
_HOSTILE_ROOTS = frozenset({14, 15, 16, 17, 18, 19, 20})  # what one calls for *against* someone


# speech verbs that take an event only as their topic ("confirmed the detentions", "noted the
# talks"): the event was reported before and is not made by saying so, unlike "announced a
# ceasefire" or "declared a state of emergency"
_TOPIC_SAY = frozenset({"confirm", "note", "describe", "explain", "quote", "mention", "recall"})
# the content of a measure already reported ("The measures ban imports ...", "the sanctions
# freeze assets ..."): a definite act noun as the agent of a regulatory verb
_ACT_SUBJECTS = frozenset(
    {"measure", "sanction", "law", "decree", "resolution", "regulation", "rule", "order",
     "package", "step", "restriction", "ban", "embargo", "penalty"}
)  # fmt: skip
# legal actions as the subject of an appeal verb ("the lawsuit seeks $4 billion in damages"):
# what the action asks for is the action itself
_LEGAL_ROOT = "115"
# "is under sanctions", "remains under occupation": with a copula, the state one is in, not an
# act ("came under attack", "is under attack by" stay events)
_STANDING = frozenset(
    {"sanction", "embargo", "occupation", "blockade", "curfew", "arrest", "siege", "rule",
     "control", "restriction", "emergency"}
)  # fmt: skip
# verbs of transgression under a speech verb ("Ankara says the bomber violated its airspace"):
# the speaker accuses the one who transgressed (112)
_VIOLATION_VERBS = frozenset({"violate", "breach", "infringe", "flout", "contravene"})
_NOT_ACCUSING = frozenset({"report", "quote", "note", "confirm"})
_DEFY_ROOT = 12
_RIOT = "145"
_PROTESTERS = frozenset({"protester", "protestor", "demonstrator", "rioter", "mob", "crowd"})
_NUMBER_WORDS = frozenset({"hundred", "thousand", "dozen", "dozens", "hundreds", "thousands"})
_PURSUIT = frozenset({"work", "move", "strive", "push", "press"})
_PURSUIT_PREPS = frozenset({"toward", "towards", "for"})
_INVESTIGATE_ROOT = 9
_GIVE_BACK = frozenset({"return", "restore", "release"})
_TAKING = frozenset({"seize", "capture", "take", "confiscate", "steal", "impound", "grab"})
_EXCLUSIONS = ("out of the question", "off the table", "not an option", "no option")


def _root(code: str) -> int:
    return int(code[:2])


def _event_noun(tok: Token | None, lex: Lexicon) -> tuple[str, Token, float] | None:
    """(code, root token, strength) if `tok` heads an event noun, directly or through a light
    head ("a mediation effort", "10 days of war games")."""
    if tok is None:
        return None
    for conj in conjuncts_of(tok):  # "suspend civilian and military cooperation"
        for head in event_heads(conj):
            found = _event_noun_at(head, lex)
            if found is not None:
                return found
    return None


def _event_noun_at(tok: Token, lex: Lexicon) -> tuple[str, Token, float] | None:
    hit = None
    # a multi-word noun whose first word precedes the head ("phone calls", "hunger strike")
    # wins over the head alone ("calls")
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.i < tok.i:
            hit = match_noun(c, lex)
            if hit is not None and tok in hit[1]:
                break
            hit = None
    if hit is None:
        hit = match_noun(tok, lex)
    if hit is None:
        return None
    entry, toks = hit
    root = tok if tok in toks else toks[-1]
    code = noun_code(entry, root)
    if code is None:
        return None
    return code, root, entry.strength


def _stop_for(obj: Token, lex: Lexicon) -> str | None:
    for conj in conjuncts_of(obj):
        for head in event_heads(conj):
            found = _stop_at(head, lex)
            if found is not None:
                return found
    return None


def _stop_at(tok: Token, lex: Lexicon) -> str | None:
    hit = match_noun(tok, lex)
    if hit is None:
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                hit = match_noun(c, lex)
                if hit is not None:
                    break
    if hit is None:
        return None
    entry, _toks = hit
    code = noun_code(entry, tok)
    if entry.stop:
        return entry.stop
    return stop_code(entry, code) if code else None


_REPORTING = frozenset(
    {"protest", "complain", "charge", "allege", "claim", "say", "warn", "insist", "object"}
)
_TRAILING_OK = frozenset({"ADV", "PUNCT", "PROPN", "NOUN", "ADP", "DET", "NUM"})


def _trailing_report(v: Token) -> Token | None:
    """The sentence's main clause when `v` closes it as a reporting clause the parser hung on
    the last noun ("Croatia is failing to uphold their rights, a human rights group protested
    here Wednesday."): a past-tense verb with no object or clause of its own, after a comma,
    followed only by adverbs and time words. None otherwise."""
    if v.dep_ != "acl" or v.tag_ not in ("VBD", "VBN") or v.lemma_.lower() not in _REPORTING:
        return None
    if v.head.dep_ not in ("appos", "conj", "npadvmod"):
        return None
    if children(v, "dobj", "ccomp", "xcomp", "prep"):
        return None
    sent = v.sent
    if not any(t.lower_ == "," for t in v.doc[v.head.left_edge.i - 1 : v.head.left_edge.i]):
        return None
    if any(t.pos_ not in _TRAILING_OK for t in v.doc[v.i + 1 : sent.end]):
        return None
    root = sent.root
    return root if root is not v and root.pos_ in ("VERB", "AUX") else None


def _crowd(tok: Token, lex: Lexicon, code: str) -> bool:
    """Is this subject a crowd ("protesters", "hundreds of Iranians")? Property violence is a
    riot (145) only when done by protesters, not by any group ("settlers set fire to ...")."""
    lemma = tok.lemma_.lower()
    if code.startswith(_RIOT):
        counted = prep_objects([tok], "of") if lemma in _NUMBER_WORDS else []
        return lemma in _PROTESTERS or any(c.lemma_.lower() in _PROTESTERS for c in counted)
    return lemma in lex.crowd_nouns


def analyse_verb(
    v: Token, entry: VerbEntry, lex: Lexicon, index: MentionIndex, depth: int = 0
) -> Pred | None:
    if depth > 3:
        return None
    obj = direct_object(v)
    if entry.key in ("put halt", "put end"):
        objs = prep_objects([v, *children(v, "dobj")], "to")
        obj = objs[0] if objs else None
    tokens = [v]
    heads = [v]
    consumed: set[int] = set()
    code: str | None = None
    strength = entry.strength
    obj_is_event = False
    symmetric = entry.symmetric
    composed = False
    refine_tok: Token = v

    subj = subjects(v, lex)
    if not subj and _trailing_report(v) is not None:
        subj = [v.head]  # "..., a human rights group protested here Wednesday."
    if v.dep_ == "acl" and subj == [v.head] and not has_any(subj, index) and v.head.dep_ == "dobj":
        subj = subjects(v.head.head, lex)  # "signed a decree imposing sanctions": the signer
    if entry.instrument and subj:
        # "Indian shelling killed four villagers": the event noun names the act and its agent
        ev = _event_noun(subj[0], lex)
        sub = analyse_noun(ev[1], lex, index, depth + 1) if ev is not None else None
        if ev is not None and sub is not None and _root(sub.code) >= 18:
            code, subj = sub.code, sub.sources
            consumed |= sub.consumed
            tokens.append(ev[1])
            refine_tok = ev[1]
    if (
        subj
        and not entry.instrument
        and entry.frame not in ("SAY", "CLAIM")
        and subj[0].lemma_.lower() in _ACT_SUBJECTS
        and any(d.lower_ in ("the", "these", "those", "such") for d in children(subj[0], "det"))
        and not has_any(subj, index)
    ):
        return None  # "The measures ban imports": the content of an act already reported
    if entry.frame in ("APPEAL", "DEMAND") and subj:
        ev = _event_noun(subj[0], lex)
        if ev is not None and ev[0] == _LEGAL_ROOT and depth == 0:
            # "Iran's lawsuit ... seeks $4 billion in damages": the lawsuit is the event, and
            # the clause asserts it
            sub = analyse_noun(ev[1], lex, index, depth + 1)
            if sub is not None:
                sub.tokens = [v, *sub.tokens]
                sub.heads = [v, *sub.heads]
                sub.nominal = False
            return sub
    if entry.subject_classes and subj:
        # motion verbs with forces or supplies as subject: a deployment or a delivery, not a
        # visit ("the first deployment of NATO peacekeepers arrived in Bosnia")
        ev = _event_noun(subj[0], lex)
        moved = object_class(subj[0], entry.subject_classes, lex)
        if ev is not None and _root(ev[0]) in (7, 15):
            code = ev[0]
        elif moved is not None and moved in entry.subject_classes:
            code = entry.subject_classes[moved]
    if code is None and entry.crowd_subject and subj and _crowd(subj[0], lex, entry.crowd_subject):
        code = entry.crowd_subject
    if code is None and entry.actor_object and obj is not None and index.at(obj.i) is not None:
        code = entry.actor_object
    if code is None and entry.objects and obj is not None:
        thing = obj
        if index.at(obj.i) is not None:  # "supplied Iran with fuel": the thing is the with-object
            withs = prep_objects([v], "with")
            thing = withs[0] if withs else obj
        cls = object_class(thing, entry.objects, lex)
        if cls is not None:
            code = entry.objects[cls]
            consumed.add(thing.i)
            tokens.append(thing)
            obj_is_event = thing is obj and cls not in PARTICIPANT_CLASSES
    if code is None and entry.transitive and children(v, "dobj"):
        code = entry.transitive  # "missiles struck the port" vs "workers struck"
    noun_targets: list[Token] = []
    noun_between: list[Token] = []
    topic_only = entry.frame == "SAY" and v.lemma_.lower() in _TOPIC_SAY
    if (
        code is None
        and entry.frame in ("START", "SAY", "PLAN", "PASS")
        and obj is not None
        and not topic_only
    ):
        ev = _event_noun(obj, lex)
        if ev is not None:
            _, root, s = ev
            clause = next((c for c in v.children if c.dep_ == "ccomp"), None)
            sub = analyse_noun(root, lex, index, depth + 1, clause)
            if sub is not None:
                code = sub.code
                strength = max(strength, s)
                consumed |= sub.consumed | {root.i}
                tokens.extend(sub.tokens)
                heads.extend(t for t in sub.heads if t is not root)
                obj_is_event = True
                refine_tok = root
                symmetric = sub.symmetric  # joint if the event noun is ("held talks")
                composed = sub.composed
                noun_targets, noun_between = sub.targets, sub.between
    if (
        code is None
        and entry.partner_code
        and obj is not None
        and index.at(obj.i) is None
        and _has_partner(v, subj, index)
    ):
        # "Washington and Riyadh concluded a weapons package", "the order Moscow signed with
        # Beijing": a document signed with another party is an agreement with it
        code = entry.partner_code
        consumed.add(obj.i)
    if code is None and entry.frame == "START" and obj is not None and children(v, "dobj"):
        return None  # "signed a decree": a light verb with an object that is no event
    if code is None and entry.frame == "STOP" and obj is not None:
        stop = _stop_for(obj, lex)
        if stop is not None:
            code = stop
            consumed.add(obj.i)
            tokens.append(obj)
            obj_is_event = True
            ev = _event_noun(obj, lex)
            sub = analyse_noun(ev[1], lex, index, depth + 1) if ev is not None else None
            if sub is not None:
                consumed |= sub.consumed
                noun_targets, noun_between = sub.targets, sub.between
    if code is None and entry.frame == "ACCUSE":
        code = _accuse_code(v, lex) or entry.code

    absorbed: set[int] = set()
    addressee: list[Token] = []
    comp_targets: list[Token] = []
    comp_sources: list[Token] = []
    if code is None and entry.frame in COMPOSING_FRAMES:
        preps = ("for", "about", "of") if entry.frame in ("APPEAL", "DEMAND") else None
        comp = complement_of(v, preps) if preps else complement_of(v)
        if (
            entry.frame == "DEMAND"
            and comp is not None
            and comp.dep_ == "ccomp"
            and not children(v, "dobj")  # else the clause is not what is demanded
            and _indicative(comp)
        ):
            # "a spokesman insisted that Moscow had not delivered any parts": insisting on a
            # fact asserts it; the clause is coded on its own
            return None
        comp_pred = None
        for c in conjuncts_of(comp):  # "called for calm and dialogue between X and Y"
            comp_pred = analyse_token(c, lex, index, depth + 1)
            if comp_pred is not None:
                break
        if comp_pred is None and comp is not None and comp.lemma_.lower() in _PURSUIT:
            # "agreed to work toward restoring full relations": working toward an end is
            # pursuing it; the end is what is agreed
            for p in children(comp, "prep"):
                if p.lower_ in _PURSUIT_PREPS:
                    for g in children(p, "pcomp", "pobj"):
                        comp_pred = comp_pred or analyse_token(g, lex, index, depth + 1)
        frame = entry.frame
        if comp is not None and entry.control_object:
            addressee = find_targets(v, entry.target, None, False, index, fallback=False)
        if comp is not None and comp.dep_ == "ccomp" and not addressee:
            addressee = children(comp, "nsubj", "nsubjpass")
        if not has_any(addressee, index):
            addressee = []  # "warned that it would close ...": no addressee named
        on_noun = (
            comp is not None
            and comp.dep_ == "pobj"
            and comp.head.lemma_.lower() in ("on", "upon")
            and frame == "INTENT"
        )
        if entry.leave_code and comp is not None and comp.lemma_.lower() in _LEAVE_LEMMAS:
            comp_pred = None  # "ordered three diplomats to leave the country": an expulsion
            code = entry.leave_code
            tokens.append(comp)
            consumed.add(comp.i)
        if frame == "REFUSE" and comp is not None and comp.lemma_.lower() in _SPEECH_LEMMAS:
            comp_pred = None  # "declined to disclose the price": declining to comment
            code = "011"
            tokens.append(comp)
            consumed.add(comp.i)
        if comp_pred is None and comp is not None and comp.pos_ in ("NOUN", "PROPN"):
            cls = object_class(comp, lex.class_codes, lex)
            inner_plain = lex.class_codes.get(cls) if cls else None
            if inner_plain is not None and frame != "PERMIT":
                code = lex.frame_code(frame, inner_plain)
                if code is not None:
                    composed = True
                    tokens.append(comp)
                    consumed.add(comp.i)
                    refine_tok = comp
        if comp_pred is not None:
            inner = comp_pred.inner_code or comp_pred.code
            comp_targets, comp_sources = comp_pred.targets, comp_pred.sources
            between_comp = comp_pred.between or prep_objects(conjuncts_of(comp), "between")
            if not comp_targets and between_comp:
                comp_targets = between_comp  # "called for calm and dialogue between X and Y"
            if frame == "INTENT" and comp is not None and children(comp, "neg"):
                frame = "REFUSE"  # "vowed not to return the Heights": a refusal, asserted
                absorbed.add(comp.i)
            if on_noun or (entry.decision and _root(inner) >= _CONFLICT_FIRST_ROOT):
                code = inner  # "agreed on a ceasefire", "agreed to suspend cooperation"
            elif frame == "INTENT" and _root(inner) >= _CONFLICT_FIRST_ROOT:
                frame = "THREATEN"
                code = lex.frame_code(frame, inner)
            elif frame in ("DEMAND", "APPEAL") and _root(inner) in _HOSTILE_ROOTS and comp_targets:
                code = "111"  # calling for force or punishment against Y disapproves of Y
                addressee = []
            else:
                code = lex.frame_code(frame, inner)
            if code is not None:
                composed = not on_noun  # "agreed on a ceasefire" is the ceasefire itself
                consumed |= comp_pred.consumed | {t.i for t in comp_pred.tokens}
                tokens.extend(comp_pred.tokens)
                heads.extend(comp_pred.heads)
                # a joint complement makes the whole joint ("the two sides promised to
                # cooperate"); a refusal or a demand stays one-sided
                symmetric = comp_pred.symmetric if frame == "INTENT" else False
                refine_tok = comp_pred.refine_tok or refine_tok
        elif comp is not None and frame == "PERMIT":
            code = lex.complement_lemmas.get(comp.lemma_.lower())
            inner_obj = children(comp, "dobj")
            if code is None and inner_obj:
                cls = object_class(inner_obj[0], entry.objects, lex)
                code = entry.objects.get(cls) if cls else None
        if (
            code is None
            and frame in ("DEMAND", "APPEAL")
            and comp is not None
            and not children(v, "dobj")
            and comp.dep_ == "xcomp"
        ):
            return None  # "seek to build": an attempt by the subject, not an appeal
        if code is None and frame == "PERMIT" and not has_any(children(v, "dobj"), index):
            return None  # "would never allow war": no one is allowed anything
        if code is None:
            code = entry.code
    if code is None:
        code = entry.code
    if code is None:
        return None
    if entry.negated_frame and children(v, "neg"):
        flipped = lex.frame_code(entry.negated_frame, code)
        if flipped is not None:  # "would not accept arbitration": a rejection, asserted
            code = flipped
            absorbed.add(v.i)

    if entry.frame in COMPOSING_FRAMES and addressee and entry.frame not in ("INTENT", "REFUSE"):
        targets = addressee
    elif comp_targets or comp_sources:
        speech_act = comp is not None and class_of(comp, lex) in _SPEECH_ACTS
        if speech_act or (entry.frame in ("DEMAND", "APPEAL", "PERMIT") and code != "111"):
            targets = comp_sources or comp_targets  # "rejected Iran's proposal"
        else:
            targets = comp_targets
        if not has_any(targets, index):
            targets = find_targets(v, entry.target, obj, obj_is_event, index)
    else:
        targets = find_targets(v, entry.target, obj, obj_is_event, index)
        if not targets and obj is not None and class_of(obj, lex) in _AUTHORED:
            # "rejected a plan by the African Union", "dismissed Iran's proposal"
            authors = (
                children(obj, "poss") + prep_objects([obj], "by") + prep_objects([obj], "from")
            )
            targets = authors if has_any(authors, index) else []
        if not has_any(targets, index) and _root(code) == _DEFY_ROOT:
            # "violated a ban by General Aoun", "reneged on his commitment to the people":
            # defying an act or going back on it aims at the other party of that act
            for o in ([obj] if obj is not None else []) + prep_objects([v], "on"):
                parties = children(o, "poss") + [
                    g for p in ("by", "from", "to", "with") for g in prep_objects([o], p)
                ]
                if has_any(parties, index):
                    targets = parties
                    break
        if not targets and has_any(noun_targets, index):
            targets = noun_targets  # "issued a demand that Israel ...", "talks on ... with"
        promised = complement_of(v) if entry.frame == "INTENT" else None
        if not targets and promised is not None and promised.pos_ == "VERB":
            # "promised to increase support for Ukrainian reform": who the promise is for
            benefit = prep_objects([promised, *children(promised, "dobj")], "for")
            targets = benefit if has_any(benefit, index) else []
        if not targets and is_passive(v) and entry.frame not in ("SAY", "CLAIM"):
            targets = [p for p in patients(v) if p.i not in consumed]
    if not has_any(targets, index) and _root(code) == _INVESTIGATE_ROOT and obj is not None:
        # "is investigating abuses by all sides in Syria": the acts investigated and where
        # they took place name whom the inquiry concerns
        targets = prep_objects([obj], "by") + prep_objects([obj], "in")
    if not has_any(targets, index) and code[:2] in _AFFILIATE_ROOTS and obj is not None:
        # "blacklisted 56 ships linked to North Korea", "arrested men tied to the group": a
        # measure against those linked to a party is aimed at that party
        targets = _affiliates(obj) or targets
    if not has_any(targets, index) and v.lemma_.lower() in _GIVE_BACK and obj is not None:
        # "will return weapons seized from UN peacekeepers": what was taken from Y goes back
        # to Y
        taken = [c for o in conjuncts_of(obj) for c in children(o, "acl")]
        owners = [g for c in taken for g in prep_objects([c], "from")]
        if not owners and any(c.lemma_.lower() in _TAKING for c in taken):
            owners = prep_objects([v], "from")  # the parser hangs "from Y" on "return"
        if has_any(owners, index):
            targets = owners
    if (
        not has_any(targets, index)
        and v.dep_ in ("conj", "advcl")
        and v.head.lemma_.lower() in _CONTACT_VERBS
        and _root(code) in _SPOKEN_ROOTS
    ):
        # "telephoned al-Jubeir and urged restraint", "wrote to Ban, asking ...": what is
        # said in a call or letter is said to the one called or written to
        contacted = children(v.head, "dobj") + prep_objects([v.head], "to")
        if has_any(contacted, index):
            targets = contacted
    if not has_any(targets, index) and _root(code) >= _ASSAULT_FIRST_ROOT and obj is not None:
        # the victims' place may name the target ("killed villagers near X")
        targets = [obj, *prep_objects([v], "near"), *prep_objects([v], "in")]
    if not has_any(targets, index) and _root(code) in (11, 12, 13):
        # "X are failing to uphold rights, a rights group protested": the clause's subject
        reported = _trailing_report(v)
        for c in children(v, "ccomp") + ([reported] if reported is not None else []):
            targets = children(c, "nsubj", "nsubjpass")
    if code == _LEGAL_ROOT:
        targets = _legal_targets(v, targets, index)
        # "filed a claim against X, seeking $4 billion", "resorted to arbitration and sought
        # damages": what a legal action claims is its content, as in "the lawsuit seeks ..."
        consumed |= {c.i for c in _claims_of(v)}
    between = noun_between or prep_objects([v] + ([obj] if obj is not None else []), "between")
    if _root(code) in _RESPONSE_ROOTS:
        # "thanked X for defending Y", "criticised X for failing to": the reason given is
        # what the response is about, not another event
        for p in children(v, "prep"):
            if p.lower_ == "for":
                consumed |= {g.i for g in p.children if g.dep_ == "pcomp" and g.pos_ == "VERB"}
    denial = (
        obj is not None
        and v.lemma_.lower() in lex.modality.denial_verbs
        and obj.lemma_.lower() in lex.modality.denied_nouns
    )
    if (
        obj is not None
        and not denial
        and _root(code) in _RESPONSE_ROOTS
        and class_of(obj, lex) in _AUTHORED
    ):
        # "rejected a plan by the AU to send peacekeepers": what the plan proposes is not
        # itself an event, only the content of the one rejected ("dismissed reports that its
        # jets bombed ...": what is denied is coded, negated; "the deal that Iran signed with
        # Russia" reports how the deal was made, and stays)
        consumed |= {
            c.i
            for c in obj.children
            if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and relative_object(c) is None
        }
    if v.dep_ == "csubj" and _ruled_out(v.head):
        # "(US officials said) removing the sanctions is out of the question": the act is
        # refused, by whoever says so
        refused = lex.frame_code("REFUSE", code)
        if refused is not None:
            code, composed = refused, True
            say = v.head.head if v.head.dep_ == "ccomp" else None
            subj = subjects(say, lex) if say is not None else []
    rel = relative_object(v)
    if obj is not None and rel is not None and obj.i == rel.i:
        # "the deal that Iran signed": the noun the clause modifies is its object but not part
        # of its trigger; it may be coded on its own, before the clause
        tokens = [t for t in tokens if t.i >= v.i]
    source_places = False
    if not subj and is_passive(v) and code.startswith(_AUTHORITY_CODES):
        # "the ambassador in Manila was summoned", "was detained in Tehran": with no agent
        # named, the authorities of the place where it happened act
        subj = prep_objects([v], "in") + prep_objects(patients(v), "in")
        source_places = bool(subj)
    return Pred(
        code=code,
        tokens=tokens,
        heads=heads,
        strength=strength,
        symmetric=symmetric,
        sources=subj,
        targets=targets,
        between=between,
        consumed=consumed,
        composed=composed,
        refine_tok=refine_tok,
        absorbed_negation=absorbed,
        source_places=source_places,
    )


_CLAIMING = frozenset({"seek", "claim", "demand"})
_AFFILIATE_ROOTS = frozenset({"16", "17"})  # sanctions, restrictions, arrests, expulsions
_AFFILIATION = frozenset({"link", "tie", "connect", "affiliate", "belong", "own", "control"})


def _affiliates(obj: Token) -> list[Token]:
    """The party those acted on are linked to ("firms linked to X", "ships owned by X")."""
    out: list[Token] = []
    for o in conjuncts_of(obj):
        for c in children(o, "acl"):
            if c.lemma_.lower() in _AFFILIATION and c.tag_ == "VBN":
                out += prep_objects([c], "to") + prep_objects([c], "with")
                out += prep_objects([c], "by")
    return out


def _legal_targets(v: Token, targets: list[Token], index: MentionIndex) -> list[Token]:
    """Whom a legal action is against. The court a case is taken to is where it is heard, not
    a party ("resorted to the International Court of Justice"); the party is named by an
    against-phrase on the court ("resorted to arbitration against X") or as the one damages
    are sought from in a joined clause ("... and sought $3 billion from X")."""
    courts = prep_objects([v], "to")
    targets = [t for t in targets if all(t.i != c.i for c in courts)]
    if has_any(targets, index):
        return targets
    against = prep_objects(courts, "against")
    if has_any(against, index):
        return against
    for c in children(v, "conj"):
        if c.lemma_.lower() in _CLAIMING:
            liable = prep_objects([c], "from") + prep_objects([c], "against")
            if has_any(liable, index):
                return liable
    return targets


def _claims_of(v: Token) -> list[Token]:
    """Claiming verbs joined to `v` that share its subject (a conjunct or a participle)."""
    joined = [c for c in v.children if c.dep_ == "conj" or (c.dep_ == "advcl" and c.tag_ == "VBG")]
    return [
        c
        for c in joined
        if c.lemma_.lower() in _CLAIMING and not children(c, "nsubj", "nsubjpass", "mark")
    ]


def _has_partner(v: Token, subj: list[Token], index: MentionIndex) -> bool:
    """Does the verb name a second party: a with-actor, or an actor coordinated with its
    subject ("Riyadh and Doha signed")?"""
    if has_any(prep_objects([v], "with"), index):
        return True
    parties = [c for s in subj[:1] for c in conjuncts_of(s)]
    return len(parties) >= 2 and sum(1 for p in parties if has_any([p], index)) >= 2


def _indicative(clause: Token) -> bool:
    """Does a that-clause state a fact (past tense or perfect: "insisted that Moscow had not
    delivered ...") rather than what should happen ("insisted that Israel withdraw")?"""
    auxes = children(clause, "aux", "auxpass")
    if any(a.tag_ == "MD" for a in auxes):
        return False
    if clause.tag_ == "VBD":
        return True
    return any(
        a.lemma_.lower() in ("have", "do") and a.tag_ in ("VBD", "VBZ", "VBP") for a in auxes
    )


def _ruled_out(be: Token) -> bool:
    """Is this copula a predicate of exclusion ("is out of the question", "is off the table",
    "is not an option")?"""
    if be.lemma_.lower() != "be":
        return False
    after = " ".join(t.lower_ for t in be.doc[be.i + 1 : min(be.i + 7, be.sent.end)])
    return any(idiom in after for idiom in _EXCLUSIONS)


def has_any(toks: list[Token], index: MentionIndex) -> bool:
    return has_actor(toks, index)


def _accuse_code(v: Token, lex: Lexicon) -> str | None:
    words: set[str] = set()
    for p in children(v, "prep"):
        if p.lemma_.lower() in ("of", "for", "over"):
            for t in p.subtree:
                words.add(t.lemma_.lower())
                words.add(t.lower_)
    text = " ".join(sorted(words))
    for code, cues in lex.accuse_topics.items():
        if any((c in words) if " " not in c else (c in text) for c in cues):
            return code
    return None


def analyse_adjective(
    a: Token, entry: VerbEntry, lex: Lexicon, index: MentionIndex, depth: int
) -> Pred | None:
    """Predicative adjectives: "is ready to contribute" (INTENT), "is opposed to" (120)."""
    if a.dep_ not in ("acomp", "amod", "oprd", "ROOT", "ccomp", "xcomp", "conj"):
        return None
    be = a.head if a.dep_ in ("acomp", "oprd") else a
    comp = next((c for c in a.children if c.dep_ == "xcomp"), None)
    if entry.frame == "PASS":
        # "X are guilty of violating the ceasefire": the asserted act is the event
        for p in children(a, "prep"):
            for g in p.children:
                if g.dep_ in ("pcomp", "pobj"):
                    inner = analyse_token(g, lex, index, depth + 1)
                    if inner is not None:
                        inner.sources = inner.sources or subjects(be, lex)
                        inner.heads.append(be)
                        return inner
        return None
    code: str | None = None
    tokens, heads = [a], [a, be]
    consumed: set[int] = set()
    targets: list[Token] = []
    composed = False
    if entry.frame in COMPOSING_FRAMES and comp is not None:
        inner = analyse_token(comp, lex, index, depth + 1)
        if inner is not None:
            frame = entry.frame
            if frame == "INTENT" and _root(inner.code) >= _CONFLICT_FIRST_ROOT:
                frame = "THREATEN"
            code = lex.frame_code(frame, inner.code)
            if code is not None:
                composed = True
                tokens.extend(inner.tokens)
                heads.extend(inner.heads)
                consumed |= inner.consumed | {t.i for t in inner.tokens}
                targets = inner.targets
    if code is None:
        if entry.frame in COMPOSING_FRAMES and comp is None:
            return None
        code = entry.code
        if entry.frame == "PLAN" or code is None:
            return None
        targets = prep_objects([a], entry.target[0]) if entry.target else []
    subj = subjects(be, lex) if be is not a else subjects(a, lex)
    return Pred(code, tokens, heads, entry.strength, False, subj, targets, [], consumed,
                composed=composed, refine_tok=a)  # fmt: skip


def analyse_noun(
    n: Token, lex: Lexicon, index: MentionIndex, depth: int = 0, clause: Token | None = None
) -> Pred | None:
    """An event noun with its own arguments: possessive/adjective/by = source, to/with/against/
    on = target, of and from = per noun, between/among X and Y = a joint pair. Speech-act
    nouns compose with their complement like their verbs ("its demand that Israel ease ...")."""
    hit = None
    for c in n.children:  # the head of a multi-word noun ("military operation", "phone calls")
        if c.dep_ in ("compound", "amod") and c.i < n.i:
            found = match_noun(c, lex)
            if found is not None and n in found[1]:
                hit = found
                break
    hit = hit or match_noun(n, lex)
    if hit is None:
        return None
    entry, toks = hit
    root = n.doc[toks[0].i : toks[-1].i + 1].root
    code = noun_code(entry, root)
    if code is None:
        return None
    sources: list[Token] = []
    targets: list[Token] = []
    for c in root.children:
        modifier = c.dep_ in ("amod", "compound", "nmod") and c not in toks
        if c.dep_ == "poss" or (modifier and index.at(c.i) is not None):
            sources.append(c)
    sources += prep_objects([root], "by")
    of_args = prep_objects([root], "of")
    # "the release of its diplomats from Lebanon": the from-phrase may hang on the of-object
    from_args = prep_objects([root, *of_args], "from")
    (sources if entry.from_role == "source" else targets).extend(from_args)
    (sources if entry.of_role == "source" else targets).extend(of_args)
    for p in NOUN_TARGET_PREPS:
        targets += prep_objects([root], p)
    if not has_any(targets, index):
        # "the delivery of the first of two carriers to Russia": the to-phrase may hang on the
        # of-object, as the from-phrase does
        targets += prep_objects(of_args, "to")
    between = prep_objects([root], "between") + prep_objects([root], "among")
    # "several hours of talks": the talks are the pobj's head noun's complement
    light = root.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    anchor_prep: Token | None
    if light is not None and light.head.dep_ == "pobj" and entry.symmetric:
        anchor_prep = light.head.head  # "after [several hours] of talks"
    else:
        anchor_prep = root.head if root.dep_ == "pobj" else None
    governor = anchor_prep.head if anchor_prep is not None else None
    adjunct: tuple[str, ...] = ("with", "through", "for", "on")
    if entry.symmetric:
        adjunct += ("after", "during", "following", "before")  # joint: the clause's parties
    if (
        not sources
        and depth == 0
        and governor is not None
        and anchor_prep is not None
        and (governor.pos_ == "VERB" or governor.lemma_.lower() == "be")
        and anchor_prep.lower_ in adjunct
    ):
        # "responded with a claim against X", "was in China for a visit": the clause's subject
        sources = subjects(governor, lex)
        if not targets and anchor_prep.lower_ in ("with", "through", "for", "on"):
            targets = prep_objects([governor], "in") + prep_objects([governor], "to")
    if (
        governor is not None
        and root.head.lower_ == "under"
        and governor.lemma_.lower() in ("be", "remain", "stay")
        and root.lemma_.lower() in _STANDING
    ):
        return None  # "Both countries are under Western sanctions": a standing condition
    if (
        not targets
        and governor is not None
        and root.head.lower_ == "under"
        and (governor.pos_ == "VERB" or governor.lemma_.lower() == "be")
    ):
        # "came under pressure from X", "is under attack by X": the one under it is the target
        targets = subjects(governor, lex)
    tokens, heads, consumed = [root], [root], {t.i for t in toks}
    composed = False
    inner_code: str | None = None
    if entry.frame and depth < 3:
        comp = next(
            (c for c in root.children if c.dep_ in ("acl", "ccomp") and c.pos_ == "VERB"), None
        )
        comp = comp or clause  # "reiterated its demand that ...": the clause hangs on the verb
        if comp is None:
            objects = of_args + prep_objects([root], "for") + prep_objects([root], "to")
            comp = next((g for g in objects if g.pos_ in ("NOUN", "VERB")), None)
        inner = analyse_token(comp, lex, index, depth + 1) if comp is not None else None
        if inner is not None:
            frame = entry.frame
            if frame == "INTENT" and _root(inner.code) >= _CONFLICT_FIRST_ROOT:
                frame = "THREATEN"
            composed_code = lex.frame_code(frame, inner.code)
            if composed_code is not None:
                code, composed = composed_code, True
                inner_code = inner.code
                addressee = children(comp, "nsubj", "nsubjpass") if comp is not None else []
                targets = addressee or inner.sources or inner.targets or targets
                tokens.extend(inner.tokens)
                heads.extend(inner.heads)
                consumed |= inner.consumed | {t.i for t in inner.tokens}
    return Pred(
        code=code,
        tokens=tokens,
        heads=heads,
        strength=entry.strength,
        symmetric=entry.symmetric,
        sources=sources,
        targets=targets,
        between=between,
        consumed=consumed,
        nominal=True,
        composed=composed,
        refine_tok=root,
        inner_code=inner_code,
    )


def deontic_report(v: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """ "X said (that) Y must do Z": X demands Z of Y (10x), Z coded through DEMAND."""
    comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
    if comp is None or not any(a.lower_ in _DEONTIC for a in children(comp, "aux")):
        return None
    addressee = children(comp, "nsubj", "nsubjpass")
    if not addressee or not has_any(addressee, index):
        return None
    inner = analyse_token(comp, lex, index, 1)
    code = "100"
    tokens, heads, consumed = [v], [v], set()
    if inner is not None:
        code = lex.frame_code("DEMAND", inner.code) or "100"
        tokens += inner.tokens
        heads += inner.heads
        consumed = inner.consumed | {t.i for t in inner.tokens}
    else:
        tokens.append(comp)
        heads.append(comp)
        consumed = {comp.i}
    return Pred(code, tokens, heads, 0.75, False, subjects(v, lex), addressee, [], consumed,
                composed=True, refine_tok=comp)  # fmt: skip


def faced_threat(v: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """ "X said (warned) that Y would face sanctions": X threatens Y with them (13x). Only a
    future or conditional "face" counts; "Y faces sanctions" alone reports no threat."""
    comp = next((c for c in v.children if c.dep_ == "ccomp" and c.lemma_.lower() == "face"), None)
    if comp is None or not any(a.lower_ in _FUTURE_AUX for a in children(comp, "aux")):
        return None
    objs = children(comp, "dobj")
    if not objs:
        return None
    ev = _event_noun(objs[0], lex)
    if ev is not None and _root(ev[0]) >= _THREAT_FIRST_ROOT:
        code = lex.frame_code("THREATEN", ev[0]) or "130"
    elif objs[0].lemma_.lower() in _PENALTY_NOUNS:
        code = "130"
    else:
        return None
    threatened = children(comp, "nsubj", "nsubjpass")
    if not has_any(threatened, index):
        return None
    return Pred(code, [v, objs[0]], [v], 0.75, False, subjects(v, lex), threatened, [],
                {comp.i, objs[0].i}, composed=True, refine_tok=objs[0])  # fmt: skip


def labelling(v: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """ "called the French initiative a publicity stunt", "described the plan as a provocation":
    naming another's act with a word of blame denounces its author (111)."""
    if v.lemma_.lower() not in _LABEL_VERBS:
        return None
    objs = children(v, "dobj")
    label = children(v, "oprd") + [
        g for p in children(v, "prep") if p.lower_ == "as" for g in p.children if g.dep_ == "pobj"
    ]
    if not objs or not label:
        return None
    words = {label[0].lemma_.lower()} | {
        c.lemma_.lower() for c in label[0].children if c.dep_ in ("compound", "amod")
    }
    if not words & _BLAME_WORDS or not has_any(objs, index):
        return None
    return Pred("111", [v, label[0]], [v], 0.7, False, subjects(v, lex), objs, [],
                {label[0].i}, refine_tok=v)  # fmt: skip


def verdict_report(v: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """ "X said the arrests were unjustified": judging another's act in words of blame is a
    criticism (111); its target is the act's author (named, or found by the event anaphor)."""
    comp = next((c for c in v.children if c.dep_ == "ccomp" and c.lemma_.lower() == "be"), None)
    if comp is None:
        return None
    judged = [a for a in children(comp, "acomp", "attr") if a.lemma_.lower() in _BLAME_WORDS]
    if not judged or children(comp, "neg"):
        return None
    subject = children(comp, "nsubj")
    return Pred("111", [v, judged[0]], [v], 0.6, False, subjects(v, lex),
                subject if has_any(subject, index) else [], [], {comp.i, judged[0].i},
                refine_tok=v)  # fmt: skip


def violation_report(v: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """ "Ankara says the bomber violated its airspace": saying that another transgressed
    accuses it (112); the target is the transgressor when it is named."""
    if v.lemma_.lower() in _NOT_ACCUSING:
        return None
    for comp in children(v, "ccomp"):
        if comp.lemma_.lower() not in _VIOLATION_VERBS or children(comp, "neg"):
            continue
        violator = children(comp, "nsubj")
        return Pred("112", [v, comp], [v], 0.7, False, subjects(v, lex),
                    violator if has_any(violator, index) else [], [],
                    {t.i for t in conjuncts_of(comp)}, refine_tok=comp)  # fmt: skip
    return None


def deadline(v: Token, lex: Lexicon, index: MentionIndex) -> Pred | None:
    """ "gave X 48 hours to leave": an order to leave is an expulsion (174); a time limit for
    anything else is an ultimatum (139). The target is the one given the time."""
    if v.lemma_.lower() not in _DEADLINE_VERBS:
        return None
    span = [c for c in v.children if c.dep_ in ("dobj", "npadvmod")]
    unit = next((c for c in span if c.lemma_.lower() in _TIME_UNITS), None)
    if unit is None:
        return None
    comp = next(
        (
            c
            for t in (v, unit)
            for c in t.children
            if c.dep_ in ("advcl", "relcl", "acl", "xcomp")
            and c.pos_ == "VERB"
            and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
        ),
        None,
    )
    if comp is None:
        return None
    given = [c for c in v.children if c.dep_ in ("dative", "iobj")]
    given += [c for c in v.children if c.dep_ == "dobj" and c is not unit]
    if not has_any(given, index):
        return None
    code = "174" if comp.lemma_.lower() in _LEAVE_LEMMAS else "139"
    return Pred(code, [v, comp], [v], 0.8, False, subjects(v, lex), given, [],
                {unit.i, comp.i}, composed=code == "139", refine_tok=v)  # fmt: skip


def analyse_token(
    tok: Token | None, lex: Lexicon, index: MentionIndex, depth: int = 0
) -> Pred | None:
    """The predicate a token triggers, if any (verbs, predicative adjectives, event nouns)."""
    if tok is None or depth > 3:
        return None
    if tok.pos_ == "VERB":
        limit = deadline(tok, lex, index) or labelling(tok, lex, index)
        if limit is not None:
            return limit
        entry = match_verb(tok, lex)
        if entry is not None and entry.frame in ("SAY", "CLAIM", "THREATEN"):
            threat = faced_threat(tok, lex, index)
            if threat is not None:
                return threat
        if entry is not None:
            if entry.frame in ("SAY", "CLAIM", "PLAN", "PASS"):
                pred = analyse_verb(tok, entry, lex, index, depth)
                if pred is not None and len(pred.tokens) > 1:
                    return pred  # "announced an agreement", "declared a ceasefire"
                if entry.frame == "CLAIM" and entry.code and pred is not None:
                    return pred  # "Pakistan denied that its soldiers fired first": 016
                if entry.frame == "SAY":
                    return (
                        deontic_report(tok, lex, index)
                        or verdict_report(tok, lex, index)
                        or violation_report(tok, lex, index)
                    )
                if entry.frame == "CLAIM":
                    return violation_report(tok, lex, index)
                if entry.frame == "PASS" and depth > 0:
                    comp = complement_of(tok)
                    return analyse_token(comp, lex, index, depth + 1)
                return None
            return analyse_verb(tok, entry, lex, index, depth) or deontic_report(tok, lex, index)
        return None
    if tok.pos_ == "ADJ":
        aentry = lex.adjectives.get(tok.lemma_.lower())
        if aentry is not None:
            return analyse_adjective(tok, aentry, lex, index, depth)
        return None
    if tok.pos_ in ("NOUN", "PROPN"):
        return analyse_noun(tok, lex, index, depth)
    if tok.pos_ == "AUX" and tok.lemma_.lower() == "be":
        for c in tok.children:
            if c.dep_ == "acomp" and c.pos_ == "ADJ":
                return analyse_token(c, lex, index, depth + 1)
    return None
