"""KPI distributions: parse a scheme's ``distribution`` table into a validated, frozen sampler.

Layout: :mod:`~motivsim.distributions.base` (the :class:`Distribution` contract and truncation),
:mod:`~motivsim.distributions.continuous`, :mod:`~motivsim.distributions.discrete`,
:mod:`~motivsim.distributions.empirical` (observed values and CSV columns),
:mod:`~motivsim.distributions.parse` (the scheme-file grammar),
:mod:`~motivsim.distributions.params` (parameter checks) and
:mod:`~motivsim.distributions.seasonal` (a distribution scaled by a seasonality factor).
``scipy.special`` is imported on first use only, so importing this package (and parsing)
stays fast.
"""

from __future__ import annotations

from motivsim.distributions.base import Distribution
from motivsim.distributions.continuous import Beta, Gamma, LogNormal, Normal, Triangular, Uniform
from motivsim.distributions.discrete import Binomial, Constant, NegativeBinomial, Poisson
from motivsim.distributions.empirical import Empirical
from motivsim.distributions.params import ParameterError
from motivsim.distributions.parse import Locate, parse_distribution
from motivsim.distributions.seasonal import scaled
from motivsim.limits import MAX_CSV_BYTES, MAX_EMPIRICAL_VALUES

__all__ = [
    "MAX_CSV_BYTES",
    "MAX_EMPIRICAL_VALUES",
    "Beta",
    "Binomial",
    "Constant",
    "Distribution",
    "Empirical",
    "Gamma",
    "Locate",
    "LogNormal",
    "NegativeBinomial",
    "Normal",
    "ParameterError",
    "Poisson",
    "Triangular",
    "Uniform",
    "parse_distribution",
    "scaled",
]
