"""Actual history: reading it (:mod:`motivsim.history.read`), paying it by a scheme, person by
person and period by period (:mod:`motivsim.history.replay`), and fitting a scheme's KPI model
to it (:mod:`motivsim.history.fit`; scipy is imported only when a fit runs, and
:func:`motivsim.fit` adds the check against the replayed history)."""

from motivsim.history.fit import fit_kpis
from motivsim.history.fitresult import FitResult
from motivsim.history.read import History, read_history
from motivsim.history.replay import ReplayResult, replay

__all__ = ["FitResult", "History", "ReplayResult", "fit_kpis", "read_history", "replay"]
