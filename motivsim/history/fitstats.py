"""The statistics behind :func:`motivsim.history.fit.fit`: maximum-likelihood fits of the KPI
families a scheme can write, goodness-of-fit tests by a parametric bootstrap, and estimates
that are sums over people (so that a bootstrap over people is one matrix product).

Every estimate is computed from per-person sums: resampling people with replacement gives a
weight per person (how often they were drawn), and a resample's estimate is the same formula
over the weighted sums. A matrix ``W`` of ``(resamples, people)`` weights times a matrix of
``(people, sums)`` gives every resample at once.

scipy is imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.history.fitnote import Count, Note

__all__ = [
    "CONTINUOUS_FAMILIES",
    "COUNT_FAMILIES",
    "FAMILIES",
    "Continuous",
    "GofResult",
    "chi2_negative_binomial_bootstrap",
    "chi2_poisson_bootstrap",
    "correlation_from_sums",
    "icc_from_sums",
    "ks_bootstrap",
    "negative_binomial_fit",
    "negative_binomial_sizes",
    "normal_scores",
    "normal_to_rank",
    "people_weights",
    "per_person",
    "rank_to_normal",
    "weighted_quantiles",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


def _special() -> Any:
    import scipy.special

    return scipy.special


def _stats() -> Any:
    import scipy.stats

    return scipy.stats


# -- transforms between the copula's normal correlation and the rank correlation -----------------
def normal_to_rank(r: Any) -> Any:
    """Spearman's rho of a Gaussian copula whose normal correlation is ``r``:
    ``6 / pi * asin(r / 2)``."""
    return 6.0 / math.pi * np.arcsin(np.clip(r, -1.0, 1.0) / 2.0)


def rank_to_normal(rho: Any) -> Any:
    """The normal correlation ``2 sin(pi rho / 6)`` whose Gaussian copula has rank correlation
    ``rho`` (what ``[correlation]`` and ``persistence`` are turned into)."""
    return 2.0 * np.sin(math.pi * np.asarray(rho) / 6.0)


def normal_scores(values: FloatArray, groups: IntArray | None = None) -> FloatArray:
    """Van der Waerden scores ``Phi^-1((rank - 1/2) / n)`` (ties get their mean rank), ranked
    within each group when ``groups`` is given."""
    stats, special = _stats(), _special()
    out = np.empty(values.size)
    if groups is None:
        ranks = stats.rankdata(values)
        return np.asarray(special.ndtri((ranks - 0.5) / values.size), dtype=np.float64)
    for g in np.unique(groups).tolist():
        rows = np.flatnonzero(groups == g)
        ranks = stats.rankdata(values[rows])
        out[rows] = special.ndtri((ranks - 0.5) / rows.size)
    return out


# -- people and bootstrap weights -------------------------------------------------------------
def per_person(person: IntArray, columns: FloatArray, people: int) -> FloatArray:
    """Per-person sums of ``columns`` (rows x k): a ``(people, k)`` matrix."""
    cols = columns.reshape(person.size, -1)
    return np.stack(
        [np.bincount(person, weights=cols[:, j], minlength=people) for j in range(cols.shape[1])],
        axis=1,
    )


def people_weights(people: int, reps: int, rng: np.random.Generator) -> FloatArray:
    """``(reps, people)`` counts: how often each person is drawn in each resample of the
    people with replacement (each resample draws ``people`` people)."""
    picks = rng.integers(0, people, size=(reps, people))
    picks += (np.arange(reps) * people)[:, None]
    counts = np.bincount(picks.ravel(), minlength=reps * people)
    return counts.reshape(reps, people).astype(np.float64)


def weighted_quantiles(
    values: FloatArray,
    person: IntArray,
    weights: FloatArray,
    q: FloatArray,
) -> FloatArray:
    """Quantiles ``q`` of ``values`` for each resample (row of ``weights``, one weight per
    person): ``(reps, len(q))``, the smallest value whose weighted share reaches each ``q``."""
    order = np.argsort(values, kind="stable")
    sorted_values = values[order]
    owner = person[order]
    out = np.empty((weights.shape[0], q.size))
    chunk = max(1, 4_000_000 // max(values.size, 1))
    for start in range(0, weights.shape[0], chunk):
        w = weights[start : start + chunk][:, owner]
        cum = np.cumsum(w, axis=1)
        total = cum[:, -1:]
        for j, level in enumerate(q.tolist()):
            index = (cum < level * total).sum(axis=1)
            out[start : start + chunk, j] = sorted_values[np.minimum(index, values.size - 1)]
    return out


# -- persistence and correlation from per-person sums -----------------------------------------
def icc_from_sums(
    n: FloatArray, s: FloatArray, q: FloatArray, weights: FloatArray | None = None
) -> FloatArray:
    """The one-way ANOVA intraclass correlation of a score, people as the classes, from each
    person's row count ``n``, sum ``s`` and sum of squares ``q``; one value per row of
    ``weights`` (resamples of the people), or one value (shape ``(1,)``) without them.

    With unequal numbers of rows per person, ``n0 = (N - sum n^2 / N) / (k - 1)`` stands for
    the rows per person (the usual unbalanced estimator)."""
    stack = np.stack([n, s, q - s * s / n, s * s / n, n * n, np.ones_like(n)], axis=1)
    sums = stack.sum(axis=0)[None, :] if weights is None else weights @ stack
    total, between_sum, within, squares, n2, k = (sums[:, j] for j in range(6))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = squares - between_sum**2 / total
        msb = between / (k - 1)
        msw = within / (total - k)
        n0 = (total - n2 / total) / (k - 1)
        return np.asarray((msb - msw) / (msb + (n0 - 1) * msw), dtype=np.float64)


def correlation_from_sums(sums: FloatArray) -> FloatArray:
    """Pearson correlations from sums ``(..., 6)``: n, sum a, sum b, sum a^2, sum b^2,
    sum ab."""
    n, a, b, aa, bb, ab = (sums[..., j] for j in range(6))
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = ab - a * b / n
        return np.asarray(cov / np.sqrt((aa - a * a / n) * (bb - b * b / n)), dtype=np.float64)


# -- the continuous families --------------------------------------------------------------------
@dataclass(frozen=True)
class Continuous:
    """A continuous family fitted by maximum likelihood from sums of per-row statistics.

    ``suff(y)`` gives the per-row statistics (the last axis), ``estimate(sums, n)`` the
    parameters from their sums (vectorised: any leading shape), ``cdf``/``ppf``/``logpdf``
    take the parameters as arrays that broadcast. ``reason(y)`` says why the family does not
    apply to ``y`` (``None`` when it does). ``table`` is the scheme's ``distribution`` table.
    """

    name: str
    params: tuple[str, ...]
    reason: Callable[[FloatArray], str | None]
    suff: Callable[[FloatArray], FloatArray]
    estimate: Callable[[FloatArray, Any], tuple[Any, ...]]
    cdf: Callable[..., Any]
    ppf: Callable[..., Any]
    logpdf: Callable[..., Any]
    table: Callable[..., dict[str, Any]]

    def fit(self, y: FloatArray) -> tuple[float, ...]:
        """The maximum-likelihood parameters for ``y``."""
        sums = self.suff(y).sum(axis=-2)
        return tuple(float(v) for v in self.estimate(sums, y.size))

    def log_likelihood(self, y: FloatArray, theta: tuple[float, ...]) -> float:
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return float(np.sum(self.logpdf(y, *theta)))


def _always(y: FloatArray) -> str | None:
    return None


def _positive(y: FloatArray) -> str | None:
    if np.all(y > 0):
        return None
    zeros = int(np.count_nonzero(y <= 0))
    return Note("fit.note.not_positive", values=Count(zeros, "value"))


def _unit(y: FloatArray) -> str | None:
    if np.all((y > 0) & (y < 1)):
        return None
    return Note("fit.note.beta_range")


def _normal_suff(y: FloatArray) -> FloatArray:
    return np.stack([y, y * y], axis=-1)


def _normal_estimate(sums: FloatArray, n: Any) -> tuple[Any, ...]:
    mean = sums[..., 0] / n
    var = np.maximum(sums[..., 1] / n - mean * mean, 0.0)
    return mean, np.sqrt(var)


def _normal_cdf(y: Any, mean: Any, sd: Any) -> Any:
    return _special().ndtr((y - mean) / sd)


def _normal_ppf(u: Any, mean: Any, sd: Any) -> Any:
    return mean + sd * _special().ndtri(u)


def _normal_logpdf(y: Any, mean: Any, sd: Any) -> Any:
    z = (y - mean) / sd
    return -0.5 * z * z - np.log(sd) - 0.5 * math.log(2 * math.pi)


def _lognormal_suff(y: FloatArray) -> FloatArray:
    log = np.log(y)
    return np.stack([log, log * log], axis=-1)


def _lognormal_cdf(y: Any, mu: Any, sigma: Any) -> Any:
    with np.errstate(divide="ignore"):
        return _special().ndtr((np.log(y) - mu) / sigma)


def _lognormal_ppf(u: Any, mu: Any, sigma: Any) -> Any:
    return np.exp(mu + sigma * _special().ndtri(u))


def _lognormal_logpdf(y: Any, mu: Any, sigma: Any) -> Any:
    log = np.log(y)
    return _normal_logpdf(log, mu, sigma) - log


def _gamma_suff(y: FloatArray) -> FloatArray:
    return np.stack([y, np.log(y)], axis=-1)


def _gamma_estimate(sums: FloatArray, n: Any) -> tuple[Any, ...]:
    """Shape by Newton's method on ``log k - digamma(k) = log(mean) - mean(log)`` from Minka's
    start; scale = mean / shape."""
    special = _special()
    mean = sums[..., 0] / n
    s = np.log(mean) - sums[..., 1] / n
    s = np.maximum(s, 1e-12)
    k = (3.0 - s + np.sqrt((s - 3.0) ** 2 + 24.0 * s)) / (12.0 * s)
    for _ in range(8):
        f = np.log(k) - special.digamma(k) - s
        step = f / (1.0 / k - special.polygamma(1, k))
        k = np.maximum(k - step, k / 4.0)
    return k, mean / k


def _gamma_cdf(y: Any, shape: Any, scale: Any) -> Any:
    return _special().gammainc(shape, np.maximum(y, 0.0) / scale)


def _gamma_ppf(u: Any, shape: Any, scale: Any) -> Any:
    return scale * _special().gammaincinv(shape, u)


def _gamma_logpdf(y: Any, shape: Any, scale: Any) -> Any:
    special = _special()
    return (shape - 1) * np.log(y) - y / scale - special.gammaln(shape) - shape * np.log(scale)


def _beta_suff(y: FloatArray) -> FloatArray:
    return np.stack([np.log(y), np.log1p(-y), y, y * y], axis=-1)


def _beta_estimate(sums: FloatArray, n: Any) -> tuple[Any, ...]:
    """Newton's method on the two likelihood equations, from the method of moments."""
    special = _special()
    mean_log, mean_log1m = sums[..., 0] / n, sums[..., 1] / n
    m = sums[..., 2] / n
    v = np.maximum(sums[..., 3] / n - m * m, 1e-12)
    common = np.maximum(m * (1 - m) / v - 1.0, 1e-3)
    a, b = np.maximum(m * common, 1e-3), np.maximum((1 - m) * common, 1e-3)
    for _ in range(30):
        both = special.digamma(a + b)
        g1 = special.digamma(a) - both - mean_log
        g2 = special.digamma(b) - both - mean_log1m
        t = special.polygamma(1, a + b)
        j11, j22 = special.polygamma(1, a) - t, special.polygamma(1, b) - t
        det = j11 * j22 - t * t
        da = (j22 * g1 + t * g2) / det
        db = (t * g1 + j11 * g2) / det
        a = np.clip(a - da, a / 4.0, a * 4.0)
        b = np.clip(b - db, b / 4.0, b * 4.0)
    return a, b


def _beta_cdf(y: Any, a: Any, b: Any) -> Any:
    return _special().betainc(a, b, np.clip(y, 0.0, 1.0))


def _beta_ppf(u: Any, a: Any, b: Any) -> Any:
    return _special().betaincinv(a, b, u)


def _beta_logpdf(y: Any, a: Any, b: Any) -> Any:
    special = _special()
    return (a - 1) * np.log(y) + (b - 1) * np.log1p(-y) - special.betaln(a, b)


def _lognormal_table(mu: float, sigma: float) -> dict[str, Any]:
    return {"type": "lognormal", "median": math.exp(mu), "sigma": sigma}


CONTINUOUS_FAMILIES: Final[dict[str, Continuous]] = {
    "normal": Continuous(
        "normal",
        ("mean", "sd"),
        _always,
        _normal_suff,
        _normal_estimate,
        _normal_cdf,
        _normal_ppf,
        _normal_logpdf,
        lambda mean, sd: {"type": "normal", "mean": mean, "sd": sd},
    ),
    "lognormal": Continuous(
        "lognormal",
        ("mu", "sigma"),
        _positive,
        _lognormal_suff,
        _normal_estimate,
        _lognormal_cdf,
        _lognormal_ppf,
        _lognormal_logpdf,
        _lognormal_table,
    ),
    "gamma": Continuous(
        "gamma",
        ("shape", "scale"),
        _positive,
        _gamma_suff,
        _gamma_estimate,
        _gamma_cdf,
        _gamma_ppf,
        _gamma_logpdf,
        lambda shape, scale: {"type": "gamma", "shape": shape, "scale": scale},
    ),
    "beta": Continuous(
        "beta",
        ("a", "b"),
        _unit,
        _beta_suff,
        _beta_estimate,
        _beta_cdf,
        _beta_ppf,
        _beta_logpdf,
        lambda a, b: {"type": "beta", "a": a, "b": b},
    ),
}
COUNT_FAMILIES: Final = ("poisson", "negative_binomial")
FAMILIES: Final = (*CONTINUOUS_FAMILIES, *COUNT_FAMILIES, "empirical")


# -- goodness of fit ----------------------------------------------------------------------------
@dataclass(frozen=True)
class GofResult:
    """A test of ``family``: its statistic and p-value (by parametric bootstrap), the rows it
    was computed on, and, for chi-square, the degrees of freedom of its table."""

    family: str
    test: str
    statistic: float
    p_value: float
    rows: int
    people: int
    reps: int
    df: int | None = None


def _ks(cdf_sorted: FloatArray) -> FloatArray:
    """The Kolmogorov-Smirnov distance from the CDF values of a sorted sample (last axis)."""
    n = cdf_sorted.shape[-1]
    i = np.arange(1, n + 1)
    return np.asarray(
        np.maximum((i / n - cdf_sorted).max(axis=-1), (cdf_sorted - (i - 1) / n).max(axis=-1)),
        dtype=np.float64,
    )


def _copula_normals(person: IntArray, r: float, reps: int, rng: np.random.Generator) -> FloatArray:
    """``(reps, rows)`` standard normals with the fitted persistence: a person's rows share a
    normal level of variance ``r`` (the persistence's normal correlation), as the simulator
    draws them."""
    people = int(person.max()) + 1
    level = rng.standard_normal((reps, people))[:, person]
    noise = rng.standard_normal((reps, person.size))
    return np.asarray(math.sqrt(r) * level + math.sqrt(1.0 - r) * noise, dtype=np.float64)


#: Normal scores of the quantile grid through which samples of a fitted family are drawn.
_GRID: Final = np.linspace(-8.5, 8.5, 4097)


def _sample(family: Continuous, theta: tuple[float, ...], z: FloatArray) -> FloatArray:
    """``family.ppf(Phi(z))``, by linear interpolation in a grid of 4,097 normal scores (a
    relative error near 1e-6, far below what a test of a few thousand rows sees)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        values = family.ppf(_special().ndtr(_GRID), *theta)
    keep = np.isfinite(values)
    return np.asarray(np.interp(z, _GRID[keep], values[keep]), dtype=np.float64)


def ks_bootstrap(
    family: Continuous,
    y: FloatArray,
    person: IntArray,
    r: float,
    reps: int,
    rng: np.random.Generator,
) -> GofResult:
    """Kolmogorov-Smirnov test of ``family`` on ``y``, its p-value by a parametric bootstrap:
    ``reps`` samples of the fitted model (the same people and rows, each person's rows tied
    by the normal correlation ``r``), each refitted and its distance measured as the data's
    was. Estimated parameters make the plain KS p-value far too high, and a person's months
    are not independent; the bootstrap accounts for both."""
    theta = family.fit(y)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        d = float(_ks(family.cdf(np.sort(y), *theta)))
        sample = _sample(family, theta, _copula_normals(person, r, reps, rng))
        sums = family.suff(sample).sum(axis=-2)
        refit = family.estimate(sums, y.size)
        cdf = family.cdf(np.sort(sample, axis=1), *(t[:, None] for t in refit))
        dist = _ks(np.nan_to_num(cdf, nan=1.0))
    p = (1 + int(np.count_nonzero(dist >= d))) / (reps + 1)
    return GofResult(family.name, "Kolmogorov-Smirnov", d, p, y.size, int(person.max()) + 1, reps)


def _poisson_pmf_grid(means: FloatArray, top: int) -> FloatArray:
    """``pmf(k; mean)`` for k = 0..top, one row per mean (the last axis is k)."""
    k = np.arange(top + 1)
    with np.errstate(divide="ignore"):
        log = k * np.log(means[..., None]) - means[..., None] - _special().gammaln(k + 1)
    return np.asarray(np.exp(log), dtype=np.float64)


def _nb_pmf_grid(means: FloatArray, top: int, size: Any) -> FloatArray:
    """The negative binomial's ``pmf(k; mean, size)`` (variance ``mean + mean^2 / size``) for
    k = 0..top, one row per mean (the last axis is k); ``size`` broadcasts against ``means``."""
    special = _special()
    k = np.arange(top + 1)
    m = np.asarray(means, dtype=np.float64)[..., None]
    r = np.asarray(size, dtype=np.float64)[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.log(r + m)
        log = (
            special.gammaln(k + r)
            - special.gammaln(r)
            - special.gammaln(k + 1)
            + r * (np.log(r) - total)
            + np.where(k > 0, k * (np.log(m) - total), 0.0)
        )
    return np.asarray(np.exp(log), dtype=np.float64)


def chi2_poisson_bootstrap(
    x: FloatArray,
    factor: FloatArray,
    person: IntArray,
    r: float,
    reps: int,
    rng: np.random.Generator,
) -> GofResult:
    """Chi-square test of a Poisson model (row ``i`` has mean ``lambda * factor[i]``): cells of
    whole numbers merged until each expects at least 5 rows; the p-value by the same kind of
    parametric bootstrap as :func:`ks_bootstrap` (refitting ``lambda`` on each sample)."""
    return _chi2_counts(x, factor, person, r, reps, rng, None)


def chi2_negative_binomial_bootstrap(
    x: FloatArray,
    factor: FloatArray,
    person: IntArray,
    r: float,
    reps: int,
    rng: np.random.Generator,
) -> GofResult:
    """Chi-square test of a negative binomial model (row ``i`` has mean ``lambda * factor[i]``
    and one size for all, its variance ``mean + mean^2 / size``, as the simulator scales a
    negative binomial's mean by a season and keeps its ``n``), as :func:`chi2_poisson_bootstrap`
    tests a Poisson: the size fitted by maximum likelihood (:func:`negative_binomial_sizes`)
    to ``x`` and to each bootstrap sample alike."""
    size = float(_nb_sizes_of(x[None, :], factor, lam=np.array([x.sum() / factor.sum()]))[0])
    return _chi2_counts(x, factor, person, r, reps, rng, size)


def _nb_sizes_of(samples: FloatArray, factor: FloatArray, lam: FloatArray) -> FloatArray:
    """The maximum-likelihood size of each row of ``samples`` (whole counts; row ``b`` has the
    means ``lam[b] * factor``)."""
    levels, group = np.unique(factor, return_inverse=True)
    rows = samples.shape[0]
    pairs = samples.astype(np.intp) * levels.size + group[None, :]
    width = int(pairs.max()) + 1
    flat = pairs + (np.arange(rows) * width)[:, None]
    counts = np.bincount(flat.ravel(), minlength=rows * width).reshape(rows, width)
    used = np.flatnonzero(counts.any(axis=0))
    xs = (used // levels.size).astype(np.float64)
    means = lam[:, None] * levels[used % levels.size][None, :]
    return negative_binomial_sizes(xs, means, counts[:, used].astype(np.float64))


#: Most values in the pmf grids of a negative binomial's bootstrap (samples x seasons x counts).
_NB_GRID: Final = 5_000_000


def _chi2_counts(
    x: FloatArray,
    factor: FloatArray,
    person: IntArray,
    r: float,
    reps: int,
    rng: np.random.Generator,
    size: float | None,
) -> GofResult:
    """The chi-square test of a Poisson (``size`` None) or a negative binomial of ``size``."""
    stats = _stats()
    lam = float(x.sum() / factor.sum())
    levels, group = np.unique(factor, return_inverse=True)
    sizes = np.bincount(group, minlength=levels.size).astype(np.float64)
    if size is None:
        top = int(max(x.max(), stats.poisson.ppf(1 - 1e-12, lam * levels.max()))) + 1
        expected = sizes @ _poisson_pmf_grid(lam * levels, top)
    else:
        mean = lam * levels.max()
        tail = float(stats.nbinom.ppf(1 - 1e-12, size, size / (size + mean)))
        most = max(int(x.max()) + 1, _NB_GRID // max(reps * levels.size, 1))
        top = int(min(max(x.max(), tail), most)) + 1
        expected = sizes @ _nb_pmf_grid(lam * levels, top, size)
    edges = _cells(expected)  # cell j holds k in [edges[j], edges[j + 1])
    cell_of = np.searchsorted(edges, np.arange(top + 1), side="right") - 1

    def statistic(counts: FloatArray, expect: FloatArray) -> FloatArray:
        return np.asarray(((counts - expect) ** 2 / expect).sum(axis=-1), dtype=np.float64)

    def observed(values: FloatArray) -> FloatArray:
        index = cell_of[np.minimum(values, top).astype(np.intp)]
        rows = values.reshape(-1, x.size).shape[0]
        flat = index.reshape(rows, -1) + (np.arange(rows) * edges.size)[:, None]
        counts = np.bincount(flat.ravel(), minlength=rows * edges.size)
        return counts.reshape(rows, -1).astype(np.float64)

    def per_cell(pmf_total: FloatArray) -> FloatArray:
        cells = np.zeros((*pmf_total.shape[:-1], edges.size))
        for j in range(edges.size):
            hi = edges[j + 1] if j + 1 < edges.size else top + 1
            cells[..., j] = pmf_total[..., edges[j] : hi].sum(axis=-1)
        cells[..., -1] += np.maximum(x.size - cells.sum(axis=-1), 0.0)  # the open top cell
        return cells

    stat = float(statistic(observed(x)[0], per_cell(expected)))
    u = _special().ndtr(_copula_normals(person, r, reps, rng))
    sample = np.empty(u.shape)
    for g, level in enumerate(levels.tolist()):  # the smallest k with CDF(k) >= u
        if size is None:
            pmf = _poisson_pmf_grid(np.array(lam * level), top)
        else:
            pmf = _nb_pmf_grid(np.array(lam * level), top, size)
        cdf = np.cumsum(pmf)
        cdf[-1] = 1.0
        columns = group == g
        sample[:, columns] = np.searchsorted(cdf, u[:, columns], side="left")
    lam_b = sample.sum(axis=1) / factor.sum()
    if size is None:
        grid = _poisson_pmf_grid(lam_b[:, None] * levels, top)
        family, estimated = "poisson", 1
    else:
        size_b = _nb_sizes_of(sample, factor, lam_b)  # fitted as the data's size was
        grid = _nb_pmf_grid(lam_b[:, None] * levels, top, size_b[:, None])
        family, estimated = "negative_binomial", 2
    expect_b = np.einsum("g,bgk->bk", sizes, grid)
    dist = statistic(observed(sample), per_cell(expect_b))
    p = (1 + int(np.count_nonzero(dist >= stat))) / (reps + 1)
    people = int(person.max()) + 1
    df = max(edges.size - 1 - estimated, 1)
    return GofResult(family, "chi-square", stat, p, x.size, people, reps, df=df)


def _cells(expected: FloatArray) -> IntArray:
    """Left edges of cells of consecutive whole numbers, each expecting at least 5 rows (the
    last cell is open above; fewer than 5 expected in all gives one cell)."""
    edges = [0]
    run = 0.0
    for k, e in enumerate(expected.tolist()):
        run += e
        if run >= 5.0 and k + 1 < expected.size:
            edges.append(k + 1)
            run = 0.0
    tail = expected[edges[-1] :].sum()
    if len(edges) > 1 and tail < 5.0:
        edges.pop()
    return np.asarray(edges, dtype=np.intp)


# -- counts: Poisson and negative binomial --------------------------------------------------------
def poisson_log_likelihood(x: FloatArray, means: FloatArray) -> float:
    special = _special()
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum(x * np.log(means) - means - special.gammaln(x + 1)))


def negative_binomial_fit(x: FloatArray, means: FloatArray) -> tuple[float, float] | None:
    """The size ``r`` of a negative binomial with the given row means (variance
    ``mean + mean^2 / r``) that maximises the likelihood, and that likelihood; ``None`` when
    the counts vary no more than a Poisson's (no overdispersion: ``r`` would be infinite)."""
    if float(np.sum((x - means) ** 2 / means)) <= x.size:  # Pearson's dispersion <= 1
        return None
    special = _special()
    from scipy.optimize import minimize_scalar

    pairs, counts = np.unique(np.stack([x, means]), axis=1, return_counts=True)
    xs, ms = pairs
    base = special.gammaln(xs + 1)

    def negative(log_r: float) -> float:
        r = math.exp(log_r)
        terms = (
            special.gammaln(xs + r)
            - special.gammaln(r)
            - base
            + r * np.log(r / (r + ms))
            + xs * np.log(ms / (r + ms))
        )
        return -float(np.dot(counts, terms))

    found = minimize_scalar(negative, bounds=(-6.0, 12.0), method="bounded")
    return math.exp(float(found.x)), -float(found.fun)


#: The range of ``log(size)`` a negative binomial's size is looked for in.
_LOG_SIZE: Final = (-6.0, 12.0)


def negative_binomial_sizes(xs: FloatArray, means: FloatArray, counts: FloatArray) -> FloatArray:
    """The maximum-likelihood size of a negative binomial for each row of ``counts``, where
    ``counts[b, j]`` rows take the value ``xs[j]`` with the mean ``means[b, j]`` (``means``
    broadcasts against ``counts``): a golden-section search on ``log(size)`` over the range
    :func:`negative_binomial_fit` searches, all rows at once, to within 1e-7 (a sample no
    more spread than a Poisson's ends at the range's top, a size of about 163,000)."""
    special = _special()
    weights = np.asarray(counts, dtype=np.float64)
    k = np.asarray(xs, dtype=np.float64)[None, :]
    m = np.broadcast_to(np.asarray(means, dtype=np.float64), weights.shape)
    with np.errstate(divide="ignore"):
        log_m = np.log(m)
    used = weights > 0

    def negative(log_r: FloatArray) -> FloatArray:
        r = np.exp(log_r)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            total = np.log(r + m)
            terms = (
                special.gammaln(k + r)
                - special.gammaln(r)
                + r * (np.log(r) - total)
                + np.where(k > 0, k * (log_m - total), 0.0)
            )
        return np.asarray(-(weights * np.where(used, terms, 0.0)).sum(axis=1), dtype=np.float64)

    golden = (math.sqrt(5.0) - 1.0) / 2.0
    lo = np.full(weights.shape[0], _LOG_SIZE[0])
    hi = np.full(weights.shape[0], _LOG_SIZE[1])
    c, d = hi - golden * (hi - lo), lo + golden * (hi - lo)
    fc, fd = negative(c), negative(d)
    for _ in range(40):  # 18 * 0.618**40 < 1e-7
        left = fc <= fd  # the minimum lies in [lo, d]
        hi, lo = np.where(left, d, hi), np.where(left, lo, c)
        new = np.where(left, hi - golden * (hi - lo), lo + golden * (hi - lo))
        fnew = negative(new)
        c, d, fc, fd = (
            np.where(left, new, d),
            np.where(left, c, new),
            np.where(left, fnew, fd),
            np.where(left, fc, fnew),
        )
    return np.asarray(np.exp((lo + hi) / 2.0), dtype=np.float64)
