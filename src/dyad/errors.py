"""Named errors, each with a short code (documented in README, "Errors").

User-facing failures are DyadError subclasses; the CLI prints `error CODE: message` and exits
with the error's exit code (2 for bad usage or unreadable input, 1 for a problem found).
Quarantine reasons reuse the same codes so a quarantined record says which rule it broke.
"""

from __future__ import annotations


class DyadError(Exception):
    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


# --- configuration and usage (E0xx) -------------------------------------------------------
class ConfigError(DyadError):
    code = "E001"
    exit_code = 2


class UsageError(DyadError):
    code = "E002"
    exit_code = 2


class UnsafePathError(DyadError):
    """A file-writing option would overwrite a file or escape its directory."""

    code = "E003"
    exit_code = 2


# --- input (E1xx): also used as quarantine reasons --------------------------------------------
class InputError(DyadError):
    code = "E100"
    exit_code = 2


class UnreadablePathError(InputError):
    code = "E101"


class UnsupportedFormatError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class BinaryContentError(InputError):
    code = "E104"


class EmptyTextError(InputError):
    code = "E105"


class BadRecordError(InputError):
    """A JSONL/CSV record that cannot be read: broken JSON, wrong types, missing text."""

    code = "E106"


class BadDateError(InputError):
    code = "E107"


class TooLargeError(InputError):
    code = "E108"


class DuplicateIdError(InputError):
    """The same id arrived again with different content."""

    code = "E109"


class TimeBudgetError(InputError):
    code = "E110"


# --- pipeline and knowledge (E2xx) ---------------------------------------------------------
class ModelLoadError(DyadError):
    code = "E201"
    exit_code = 2


class KnowledgeBaseError(DyadError):
    code = "E202"
    exit_code = 2


class LexiconError(DyadError):
    code = "E203"
    exit_code = 2


# --- store (E3xx) ----------------------------------------------------------------------------
class StoreError(DyadError):
    code = "E301"
    exit_code = 2


class MigrationError(StoreError):
    code = "E302"


class StoreLockedError(StoreError):
    code = "E303"


# --- evaluation and scale (E4xx) -------------------------------------------------------------
class EvalFloorError(DyadError):
    code = "E401"
    exit_code = 1


class GoldFormatError(DyadError):
    code = "E402"
    exit_code = 2


class EngineError(DyadError):
    code = "E501"
    exit_code = 2
