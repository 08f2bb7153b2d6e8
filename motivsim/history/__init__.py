"""Actual history: reading it (:mod:`motivsim.history.read`) and paying it by a scheme,
person by person and period by period (:mod:`motivsim.history.replay`)."""

from motivsim.history.read import History, read_history
from motivsim.history.replay import ReplayResult, replay

__all__ = ["History", "ReplayResult", "read_history", "replay"]
