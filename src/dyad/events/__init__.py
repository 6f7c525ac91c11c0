"""Event coding: dependency parse + actor mentions + lexicon -> CAMEO/PLOVER coded events.

Public API:
    load_lexicon() -> Lexicon                      (dyad.events.lexicon, cached package data)
    extract_events(doc, mentions, article, lexicon) -> list[Event]   (dyad.events.extract)
    code_info(cameo) -> CodeInfo                   (dyad.events.codes)

Modules: lexicon (YAML tables), codes (CAMEO table with PLOVER/Goldstein/quad), predicates and
analyse (triggers, frames, arguments from the parse), mentions (actor groups under a head),
places (destinations as targets), modality (modality and attribution), context (PLOVER
contexts and subcode refinement), confidence, extract (the per-sentence driver).
"""
