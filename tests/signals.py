"""Child processes that must obey Ctrl-C.

A process started in the background by a non-interactive shell ignores SIGINT, and its
children inherit that; Python then leaves SIGINT ignored instead of raising
KeyboardInterrupt. Tests that send SIGINT start `dyad` with the default disposition
restored, so they test dyad and not how the test run was launched.
"""

from __future__ import annotations

import signal


def default_sigint() -> None:
    """`preexec_fn` for subprocess.Popen: SIGINT back to its default in the child."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
