"""PLOVER contexts from the sentence, and context-driven refinement of general codes."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyad.events.lexicon import Lexicon


def sentence_words(sent: Span) -> tuple[set[str], str]:
    """Lower-cased lemmas and forms of a sentence, plus its lower-cased text for phrases."""
    words: set[str] = set()
    for t in sent:
        words.add(t.lower_)
        words.add(t.lemma_.lower())
    return words, " " + sent.text.lower() + " "


def contexts_in(words: set[str], text: str, lexicon: Lexicon) -> list[str]:
    found: list[str] = []
    for ctx, cues in lexicon.contexts.items():
        for cue in cues:
            hit = (f" {cue}" in text) if " " in cue else (cue in words)
            if hit:
                found.append(ctx)
                break
    return found


def local_contexts(tok: Token, lexicon: Lexicon) -> list[str]:
    """Contexts named by the trigger's own modifiers ("military aid", "trade deal")."""
    words: set[str] = set()
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod"):
            words.add(c.lemma_.lower())
            words.add(c.lower_)
    return contexts_in(words, "", lexicon) if words else []


def refine_code(code: str, tok: Token, sentence_ctx: list[str], lexicon: Lexicon) -> str:
    """A more specific subcode of a general code, from the trigger's modifiers first, then
    from the sentence's contexts ("cooperation" in a sentence about navies -> 062)."""
    table = lexicon.refine.get(code)
    if not table:
        return code
    for ctx in local_contexts(tok, lexicon) + sentence_ctx:
        if ctx in table:
            return table[ctx]
    return code


def event_contexts(code_context: str | None, sentence_ctx: list[str], limit: int = 3) -> list[str]:
    out: list[str] = []
    if code_context:
        out.append(code_context)
    for c in sentence_ctx:
        if c not in out:
            out.append(c)
    return out[:limit]
