"""``tune``: the parameter values, closest to the current ones, that make a plan pass.

Given the parameters to vary and their ranges, :func:`~motivsim.tuning.search.tune` finds the
plan that meets the principles (with the scheme's thresholds), a target cost (payroll per
period, or cost of sales) and optional practice rules, paying every candidate on the same KPI
draws (common random numbers), and reports its figures from a fresh seed.

* :mod:`~motivsim.tuning.spec`: the inputs, checked (ranges, target, ``keep``, rules);
* :mod:`~motivsim.tuning.search`: the draws, the candidates' figures and the search;
* :mod:`~motivsim.tuning.result`: :class:`~motivsim.tuning.result.TuneResult` and its report;
* :mod:`~motivsim.tuning.text`: the tuned scheme file (only the varied values rewritten).
"""

from __future__ import annotations

from motivsim.tuning.result import SCHEMA, Figures, Outcome, Row, TuneResult
from motivsim.tuning.search import DEFAULT_MARGIN, DEFAULT_SAMPLES, tune
from motivsim.tuning.spec import DEFAULT_TOLERANCE, MAX_VARIED, ShareRule, Target, Varied
from motivsim.tuning.text import tuned_text

__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_SAMPLES",
    "DEFAULT_TOLERANCE",
    "MAX_VARIED",
    "SCHEMA",
    "Figures",
    "Outcome",
    "Row",
    "ShareRule",
    "Target",
    "TuneResult",
    "Varied",
    "tune",
    "tuned_text",
]
