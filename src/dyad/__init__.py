"""dyad: news reports in, structured political event data out."""

from __future__ import annotations

__version__ = "0.1.0"
