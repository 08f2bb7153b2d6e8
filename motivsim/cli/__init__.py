"""The command line, ``python -m motivsim COMMAND``: the only place that prints or exits.

:mod:`~motivsim.cli.app` parses the command line and maps errors to exit codes; each verb is a
module of :mod:`motivsim.cli.commands`, imported only when that verb runs.
"""

from __future__ import annotations

from motivsim.cli.app import main

__all__ = ["main"]
