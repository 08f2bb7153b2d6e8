"""KPI draws for the checks: which KPIs need a distribution, and seeded block-wise samples.

Independent KPIs are drawn by their inverse CDFs from uniforms; KPIs that ``[correlation]``
ties are drawn through the simulator's copula (:mod:`motivsim.sampling.segments`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import Location, SchemeError
from motivsim.sampling.seeding import BLOCK_SIZE, block_rng, blocks
from motivsim.sampling.segments import Sampling, draw_segment, sampling_for
from motivsim.scheme.team import Team

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme.model import Scheme, Step

__all__ = [
    "MAX_SAMPLES",
    "MIN_SAMPLES",
    "condition_values",
    "copula_sampling",
    "correlated_kpis",
    "draw",
    "draw_kpis",
    "require_distributions",
]

FloatArray = npt.NDArray[np.float64]

#: Fewest and most Monte Carlo samples a check accepts.
MIN_SAMPLES: Final = 1_000
MAX_SAMPLES: Final = 10_000_000


def require_distributions(scheme: Scheme, needs: Mapping[str, str]) -> dict[str, Distribution]:
    """The distribution of each KPI in ``needs`` (name -> why it is needed), or a located error.

    Raises
    ------
    SchemeError
        Naming every KPI without a distribution, pointing at the first one's table.
    """
    missing = [name for name in needs if scheme.kpis[name].distribution is None]
    if missing:
        raise _missing_error(scheme, missing, needs)
    out: dict[str, Distribution] = {}
    for name in needs:
        dist = scheme.kpis[name].distribution
        if dist is not None:  # always true here; keeps the type checker informed
            out[name] = dist
    return out


def _missing_error(scheme: Scheme, missing: list[str], needs: Mapping[str, str]) -> SchemeError:
    first = missing[0]
    names = ", ".join(repr(m) for m in missing)
    plural = len(missing) > 1
    message = (
        f"KPI{'s' if plural else ''} {names} {'have' if plural else 'has'} no distribution, "
        f"but check must draw {'them' if plural else 'it'} ({needs[first]})"
    )
    example = '{ type = "lognormal", median = 1_000_000, sigma = 0.3 }'
    hint = f"add distribution = {example} under [kpi.{first}], with your own figures"
    location = (
        scheme.source.location(("kpi", first)) if scheme.source else Location(key=f"kpi.{first}")
    )
    return SchemeError(message, location=location, hint=hint)


def draw(
    dists: Mapping[str, Distribution], n: int, *, seed: int, stream: int
) -> dict[str, FloatArray]:
    """``n`` independent draws of every KPI in ``dists`` (order matters), block by block.

    Block ``b`` always draws a full :data:`~motivsim.sampling.seeding.BLOCK_SIZE` of uniforms
    per KPI from ``block_rng(seed, b, stream)``, so sample ``i`` is the same whatever ``n`` is: the
    first 1,000 of 20,000 samples are the 1,000 samples of a smaller run.

    Examples
    --------
    >>> from motivsim.distributions import Poisson
    >>> small = draw({"cars": Poisson(8.0)}, 5, seed=1, stream=0)["cars"]
    >>> big = draw({"cars": Poisson(8.0)}, 50_000, seed=1, stream=0)["cars"]
    >>> bool((big[:5] == small).all())
    True
    """
    parts: dict[str, list[FloatArray]] = {name: [] for name in dists}
    for index, start, stop in blocks(n):
        for name, values in draw_block(dists, seed=seed, block=index, stream=stream).items():
            parts[name].append(values[: stop - start])
    return {name: np.concatenate(chunks) for name, chunks in parts.items()}


def draw_block(
    dists: Mapping[str, Distribution], *, seed: int, block: int, stream: int
) -> dict[str, FloatArray]:
    """The full block ``block`` of draws: one row of uniforms per KPI, mapped by its ppf."""
    rng = block_rng(seed, block, stream)
    uniforms = rng.random((len(dists), BLOCK_SIZE))
    return {name: dist.ppf(uniforms[j]) for j, (name, dist) in enumerate(dists.items())}


def draw_kpis(
    scheme: Scheme, dists: Mapping[str, Distribution], n: int, *, seed: int, stream: int
) -> dict[str, FloatArray]:
    """``n`` draws of every KPI in ``dists``, tied by the scheme's ``[correlation]`` when it
    correlates two of them (:func:`copula_sampling`), else independent (:func:`draw`).

    Correlated draws go through the simulator's own Gaussian copula
    (:func:`motivsim.sampling.segments.draw_segment`), block ``b`` from
    ``block_rng(seed, b, stream)`` with a full :data:`~motivsim.sampling.seeding.BLOCK_SIZE`
    drawn per block, so sample ``i`` does not depend on ``n`` either.

    Examples
    --------
    >>> import motivsim
    >>> from scipy import stats
    >>> scheme = motivsim.load("schemes/team_dealership.toml")  # revenue:cars_sold = 0.7
    >>> dists = {k: scheme.kpis[k].distribution for k in ("revenue", "cars_sold")}
    >>> x = draw_kpis(scheme, dists, 20_000, seed=1, stream=0x3C01)
    >>> round(float(stats.spearmanr(x["revenue"], x["cars_sold"])[0]), 1)
    0.7
    """
    sampling = copula_sampling(scheme, dists)
    if sampling is None:
        return draw(dists, n, seed=seed, stream=stream)
    segment = sampling.segments[0]
    parts: dict[str, list[FloatArray]] = {name: [] for name in sampling.kpis}
    for index, start, stop in blocks(n):
        rng = block_rng(seed, index, stream)
        drawn = draw_segment(sampling, segment, [rng], [(0, BLOCK_SIZE)], (BLOCK_SIZE,))
        for name, values in drawn.items():
            parts[name].append(values[: stop - start])
    return {name: np.concatenate(chunks) for name, chunks in parts.items()}


def copula_sampling(scheme: Scheme, dists: Mapping[str, Distribution]) -> Sampling | None:
    """How the simulator would draw the KPIs of ``dists`` for one manager with their ``[kpi]``
    distributions (no ``[team]`` segment overrides), or ``None`` when ``[correlation]`` ties no
    two of them (they are then drawn independently, by :func:`draw`)."""
    if not correlated_kpis(scheme, dists):
        return None
    one = replace(scheme, team=Team())  # the default team: one segment without overrides
    return sampling_for(one, tuple(dists), fallback=dists)


def correlated_kpis(scheme: Scheme, names: Iterable[str]) -> tuple[str, ...]:
    """The KPIs of ``names`` that ``[correlation]`` ties to another of them, in ``names`` order."""
    wanted = tuple(names)
    pairs = [pair for pair, rho in scheme.correlation.pairs if rho and set(pair) <= set(wanted)]
    return tuple(name for name in wanted if any(name in pair for pair in pairs))


def condition_values(
    scheme: Scheme, condition: Step, values: Mapping[str, Any]
) -> npt.NDArray[np.bool_]:
    """``condition`` (e.g. ``plan_met``) evaluated element-wise for KPI ``values``, decided as
    the exact path decides it (:meth:`motivsim.Scheme.holds`)."""
    return scheme.holds(condition, values)


def typical_values(scheme: Scheme, names: Iterable[str]) -> dict[str, float]:
    """Each KPI's typical value (``typical``, else its median); KPIs without one are left out."""
    out: dict[str, float] = {}
    for name in names:
        value = scheme.kpis[name].typical_value()
        if value is not None:
            out[name] = float(value)
    return out
