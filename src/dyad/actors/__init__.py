"""Actors: the knowledge base of states, organisations and people, and the resolver that finds
actor mentions in parsed documents (see README.md in this folder)."""

from __future__ import annotations

from .kb import KnowledgeBase
from .names import Resolution
from .resolver import ActorResolver

__all__ = ["ActorResolver", "KnowledgeBase", "Resolution"]
