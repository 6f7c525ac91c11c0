"""Event coding: dependency parse + lexicon -> CAMEO/PLOVER coded events."""
