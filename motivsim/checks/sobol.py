"""Variance-based sensitivity of pay to its inputs: Sobol' indices with bootstrap intervals."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import ArgumentError, ArgumentTypeError, EvaluationError
from motivsim.frozen import FrozenMap, frozen_mapping
from motivsim.validation import check_int, check_probability, closest, is_int

__all__ = ["METHODS", "MIN_BOOTSTRAP", "MIN_N", "Index", "SobolResult", "sobol_indices"]

FloatArray = npt.NDArray[np.float64]
Func = Callable[[Mapping[str, FloatArray]], npt.ArrayLike]
Ppf = Callable[[FloatArray], npt.ArrayLike]

#: Fewest base rows ``n`` accepted by :func:`sobol_indices`.
MIN_N: Final = 16
#: Fewest bootstrap resamples accepted by :func:`sobol_indices`.
MIN_BOOTSTRAP: Final = 10
#: Interval methods of :func:`sobol_indices`; the first is the default (``docs/check.md``
#: compares their coverage).
METHODS: Final = ("studentized", "bca", "percentile")
#: Outputs whose range is below this fraction of their largest magnitude count as constant.
_CONSTANT_RTOL: Final = 1e-12
#: Most row counts held at once while bootstrapping: the rows are taken in blocks of
#: ``_BOOTSTRAP_CHUNK // n_bootstrap`` (2 MiB arrays stay in cache). Changing it changes the
#: draws, so the figures a seed gives.
_BOOTSTRAP_CHUNK: Final = 2**18
#: Most multiply-adds in one matrix product while bootstrapping: the resamples' counts are
#: multiplied by the block's terms in stacked groups of resamples this small, which OpenBLAS
#: computes on the calling thread (it starts its other threads only above ``2**18``). Its
#: threads would save a few milliseconds on an idle machine but then spin, holding a second
#: core; on a busy one they wait for it (the bootstrap of ``check`` took up to four times as
#: long).
_PRODUCT_SIZE: Final = 2**18
#: Smallest uniform drawn, so that a ppf never sees 0 (where e.g. a normal ppf is -inf).
_U_LOW: Final = float(np.finfo(np.float64).tiny)
#: Spawn-key tag of this module's random streams (keeps them apart from other spawned children).
_STREAM_TAG: Final = 0x50B01
#: Columns of the per-row terms of each swap set (:func:`_row_terms`), and their pairs.
_E, _D, _T, _S, _Q = range(5)
_PAIRS: Final = tuple((i, j) for i in range(5) for j in range(i, 5))
#: Studentized statistics are kept within this bound: a resample whose standard error is 0
#: while its index moved gives an unbounded one (the interval is then clipped to [0, 1]).
_T_CAP: Final = 1e100
_NORMAL: Final = NormalDist()


@dataclass(frozen=True, slots=True)
class Index:
    """One estimated index and its bootstrap confidence interval ``[low, high]``.

    :func:`sobol_indices` gives ``value`` clipped to ``[0, 1]``, where every index lies, and
    keeps the estimate before clipping as ``raw`` (sampling noise can put it slightly below
    0 or above 1). ``raw`` defaults to ``value``.
    """

    value: float
    low: float
    high: float
    raw: float = math.nan

    def __post_init__(self) -> None:
        if math.isnan(self.raw):
            object.__setattr__(self, "raw", self.value)
        values = (self.value, self.low, self.high, self.raw)
        if not all(math.isfinite(v) for v in values) or self.low > self.high:
            raise ArgumentError(f"Index needs finite values, low <= high; got {values!r}")

    def __str__(self) -> str:
        return f"{self.value:6.3f} [{self.low:6.3f}, {self.high:6.3f}]"

    def to_dict(self) -> dict[str, float]:
        """``{"value": ..., "raw": ..., "low": ..., "high": ...}`` (``value`` is clipped)."""
        return {"value": self.value, "raw": self.raw, "low": self.low, "high": self.high}


@dataclass(frozen=True, slots=True)
class SobolResult:
    """Sobol' indices of every input and group, with intervals at ``confidence``.

    ``constant`` is true when the output did not vary (then every index is 0, not NaN).
    ``groups`` maps each group name to its members; ``group_total`` has the same keys.
    ``method`` is how the intervals were computed (one of :data:`METHODS`).
    """

    names: tuple[str, ...]
    first_order: Mapping[str, Index]
    total_order: Mapping[str, Index]
    group_total: Mapping[str, Index]
    variance: float
    n: int
    confidence: float
    constant: bool = False
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=FrozenMap)
    evaluations: int = 0
    method: str = METHODS[0]

    def __post_init__(self) -> None:
        for name in ("first_order", "total_order", "group_total"):
            object.__setattr__(self, name, frozen_mapping(getattr(self, name)))
        groups = {k: tuple(v) for k, v in self.groups.items()}
        object.__setattr__(self, "groups", FrozenMap(groups))
        object.__setattr__(self, "names", tuple(self.names))
        if set(self.first_order) != set(self.names) or set(self.total_order) != set(self.names):
            raise ArgumentError(f"first_order and total_order need one Index per name {self.names}")
        if set(self.group_total) != set(self.groups):
            raise ArgumentError("group_total needs one Index per group in groups")
        if not 0.0 < self.confidence < 1.0:
            raise ArgumentError(f"confidence must be in (0, 1), got confidence={self.confidence!r}")
        if self.method not in METHODS:
            raise ArgumentError(f"method must be one of {METHODS}, got method={self.method!r}")

    def __str__(self) -> str:
        head = (
            f"Sobol' indices: n={self.n} base rows, {self.evaluations} evaluations, "
            f"{self.confidence:.0%} bootstrap intervals ({self.method}), "
            f"output variance {self.variance:.6g}"
        )
        if self.constant:
            head += "\noutput is constant: every index is 0"
        width = max(len(s) for s in (*self.names, *self.groups, "input"))
        lines = [head, "", f"{'input':<{width}}  {'first order S':<24}  total order ST"]
        for name in self.names:
            lines.append(
                f"{name:<{width}}  {self.first_order[name]!s:<24}  {self.total_order[name]}"
            )
        if self.groups:
            lines += ["", f"{'group':<{width}}  {'total order ST':<24}  members"]
            for name, members in self.groups.items():
                row = f"{name:<{width}}  {self.group_total[name]!s:<24}  {', '.join(members)}"
                lines.append(row)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field (indices as ``{"value", "raw", "low", "high"}``)."""
        return {
            "names": list(self.names),
            "first_order": {k: v.to_dict() for k, v in self.first_order.items()},
            "total_order": {k: v.to_dict() for k, v in self.total_order.items()},
            "group_total": {k: v.to_dict() for k, v in self.group_total.items()},
            "groups": {k: list(v) for k, v in self.groups.items()},
            "variance": self.variance,
            "n": self.n,
            "confidence": self.confidence,
            "constant": self.constant,
            "evaluations": self.evaluations,
            "method": self.method,
        }


def sobol_indices(
    func: Func,
    ppfs: Mapping[str, Ppf],
    *,
    n: int = 4096,
    groups: Mapping[str, Sequence[str]] | None = None,
    seed: int | np.random.SeedSequence | None = None,
    confidence: float = 0.95,
    n_bootstrap: int = 1000,
    method: str = "studentized",
) -> SobolResult:
    """Estimate first- and total-order Sobol' indices of independent inputs and groups.

    Parameters
    ----------
    func : callable
        Vectorised model: takes a dict ``name -> 1-D float array`` (all of one length,
        read-only) and returns a 1-D array of outputs of that length.
    ppfs : mapping of str to callable
        Inverse CDF of each (independent) input: maps uniforms in (0, 1) to values.
    n : int, default 4096
        Base rows of each sample matrix; at least :data:`MIN_N`.
    groups : mapping of str to sequence of str, optional
        Named groups of inputs (e.g. the uncontrollable KPIs) whose joint total-order
        index is wanted.
    seed : int, numpy.random.SeedSequence or None
        Fixes sample and bootstrap; the same seed gives the same result (a SeedSequence
        is not spawned from, so it may be reused). ``None`` draws fresh entropy.
    confidence : float, default 0.95
        Level of the bootstrap intervals, in (0, 1).
    n_bootstrap : int, default 1000
        Bootstrap resamples of the ``n`` rows; at least :data:`MIN_BOOTSTRAP` (the
        studentized and BCa intervals read the tails of the resampled values: use 1000 or
        more).
    method : {"studentized", "bca", "percentile"}, default "studentized"
        How the intervals are computed from the resamples (see Notes); any case.

    Returns
    -------
    SobolResult
        Indices with intervals; ``constant`` is true (and every index 0) when the output
        does not vary.

    Raises
    ------
    ArgumentError
        An argument is invalid (the message quotes it), or a ppf returns bad values.
    EvaluationError
        ``func`` returns the wrong shape or non-finite values (the message counts the rows).

    Notes
    -----
    Two ``(n, d)`` matrices ``A`` and ``B`` of pseudo-random uniforms come from
    ``numpy.random.default_rng``; plain Monte Carlo (not a scrambled Sobol' sequence)
    keeps rows independent, which the row bootstrap assumes. ``A_B^(i)`` is ``A`` with the
    columns of input (or group) ``i`` taken from ``B``. Outputs are centred on the mean
    of ``f(A)`` and ``f(B)`` (Sobol' and Levitan 1999) and ``V`` is their joint variance:

    - first order (Saltelli et al. 2010): ``S_i = mean(f(B) (f(A_B^i) - f(A))) / V``
    - total order (Jansen 1999): ``ST_i = mean((f(A) - f(A_B^i))^2) / (2 V)``

    ``func`` is called once per matrix: at most ``n * (d + 2 + len(groups))`` evaluations
    (a group with the same members as an input, or as another group, reuses its matrix).
    Every index lies in ``[0, 1]``, but sampling noise can put an estimate slightly outside:
    :attr:`Index.value` is clipped to ``[0, 1]`` and :attr:`Index.raw` is the estimate as
    computed. Intervals come from ``n_bootstrap`` resamples of the rows (the same resampled
    rows for every index) and are intersected with ``[0, 1]``, which never lowers coverage:

    - ``"studentized"`` (bootstrap-t [4]_, [5]_): ``[I - t_hi se, I - t_lo se]`` where
      ``t_lo``, ``t_hi`` are the quantiles of ``(I* - I) / se*`` over the resamples and ``se``
      is the delta-method standard error (from the empirical influence function of each
      index, in closed form from per-row terms); it covers best when pay has a heavy tail;
    - ``"bca"`` (bias-corrected and accelerated [4]_, [5]_): percentiles of ``I*`` at levels
      corrected for median bias and for skewness (the acceleration, from the same influence
      function);
    - ``"percentile"``: plain percentiles of ``I*`` (the earlier method; too narrow, and
      missing on one side, when pay is heavy-tailed).

    The resampled indices come from the counts of each row in each resample times ``20 k``
    per-row terms (one matrix product per block of rows), so 1000 resamples take about as
    long as 100 resamples of the rows themselves used to, in bounded memory.

    References
    ----------
    .. [1] Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. and Tarantola, S.
       (2010). Variance based sensitivity analysis of model output. Design and estimator
       for the total sensitivity index. Computer Physics Communications 181(2):259-270.
    .. [2] Jansen, M. J. W. (1999). Analysis of variance designs for model output.
       Computer Physics Communications 117(1-2):35-43.
    .. [3] Sobol', I. M. and Levitan, Y. L. (1999). On the use of variance reducing
       multipliers in Monte Carlo computations of a global sensitivity index.
       Computer Physics Communications 117(1-2):52-61.
    .. [4] Efron, B. (1987). Better bootstrap confidence intervals. Journal of the American
       Statistical Association 82(397):171-185.
    .. [5] DiCiccio, T. J. and Efron, B. (1996). Bootstrap confidence intervals.
       Statistical Science 11(3):189-228.

    Examples
    --------
    Pay depends on attainment (controllable) and a market index (not controllable):

    >>> from scipy import stats
    >>> def pay(kpi):
    ...     return 1000 * kpi["attainment"] + 500 * kpi["market"]
    >>> ppfs = {"attainment": stats.norm(1.0, 0.1).ppf, "market": stats.uniform(0.4, 1.2).ppf}
    >>> res = sobol_indices(pay, ppfs, groups={"uncontrollable": ["market"]}, seed=2)
    >>> print(res.group_total["uncontrollable"])  # analytic value 0.75
     0.757 [ 0.732,  0.785]
    >>> res.evaluations  # n * (2 inputs + 2); the group reuses the matrix of "market"
    16384
    """
    names = _check_ppfs(ppfs)
    members = _check_groups(groups, names)
    n = check_int("n", n, least=MIN_N, noun="an integer", show_name=True)
    n_bootstrap = check_int(
        "n_bootstrap", n_bootstrap, least=MIN_BOOTSTRAP, noun="an integer", show_name=True
    )
    confidence = check_probability("confidence", confidence, strict=True)
    method = _check_method(method)
    sample_rng, bootstrap_rng = _rngs(seed)
    a, b = _draw(sample_rng, ppfs, names, n)
    swaps = _swap_sets(names, members)
    f_a, f_b, f_ab = _evaluate_all(func, a, b, swaps, n)
    if _is_constant(f_a, f_b):
        estimates = _Estimates.zeros(len(swaps), n)
    else:
        estimates = _Estimates.compute(
            f_a, f_b, f_ab, bootstrap_rng, n_bootstrap, confidence, method
        )
    return estimates.result(names, members, swaps, int(n), float(confidence), method)


# --- argument checks -----------------------------------------------------------------------------


def _check_ppfs(ppfs: object) -> tuple[str, ...]:
    if not isinstance(ppfs, Mapping) or not ppfs:
        raise ArgumentError(f"ppfs must be a non-empty mapping name -> ppf, got ppfs={ppfs!r}")
    for name, ppf in ppfs.items():
        if not isinstance(name, str) or not name:
            raise ArgumentError(f"ppfs keys must be non-empty input names, got {name!r}")
        if not callable(ppf):
            raise ArgumentError(f"ppfs[{name!r}] must be callable (an inverse CDF), got {ppf!r}")
    return tuple(ppfs)


def _check_groups(groups: object, names: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    if groups is None:
        return {}
    if not isinstance(groups, Mapping):
        raise ArgumentError(f"groups must be a mapping name -> input names, got groups={groups!r}")
    return {
        _check_group_name(key): _check_members(key, value, names) for key, value in groups.items()
    }


def _check_method(method: object) -> str:
    """``method`` in lower case ("BCa" is Efron's spelling), one of :data:`METHODS`."""
    if isinstance(method, str) and method.lower() in METHODS:
        return method.lower()
    close = closest(str(method).lower(), METHODS)
    raise ArgumentError(
        f"method must be one of {', '.join(map(repr, METHODS))}, got method={method!r}",
        hint=f"did you mean {close!r}?" if close else None,
    )


def _check_group_name(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise ArgumentError(f"group names must be non-empty strings, got {key!r}")
    return key


def _check_members(key: str, value: object, names: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"groups[{key!r}] must be a sequence of input names, got {value!r}",
            hint=f"write groups={{{key!r}: [{value!r}]}} for a group of one input",
        )
    members = tuple(value)
    if not members or len(set(members)) != len(members):
        raise ArgumentError(f"groups[{key!r}] must name distinct inputs, got {value!r}")
    for member in members:
        if member not in names:
            raise ArgumentError(
                f"groups[{key!r}] names unknown input {member!r}", hint=_suggest(member, names)
            )
    return members


def _suggest(word: object, names: tuple[str, ...]) -> str:
    close = closest(word, names)
    known = ", ".join(map(repr, names))
    return (f"did you mean {close!r}? " if close else "") + f"inputs are {known}"


def _rngs(seed: object) -> tuple[np.random.Generator, np.random.Generator]:
    """Sample and bootstrap generators, from children of the seed that never mutate it."""
    if seed is None or isinstance(seed, np.random.SeedSequence):
        root = seed or np.random.SeedSequence()
    elif is_int(seed) and seed >= 0:
        root = np.random.SeedSequence(int(seed))
    else:
        raise (ArgumentError if is_int(seed) else ArgumentTypeError)(
            "seed must be a non-negative int, a numpy.random.SeedSequence or None, "
            f"got seed={seed!r}"
        )
    keys = [(*root.spawn_key, _STREAM_TAG, k) for k in (0, 1)]
    children = [np.random.SeedSequence(root.entropy, spawn_key=key) for key in keys]
    return np.random.default_rng(children[0]), np.random.default_rng(children[1])


# --- sampling and evaluation ---------------------------------------------------------------------


def _draw(
    rng: np.random.Generator, ppfs: Mapping[str, Ppf], names: tuple[str, ...], n: int
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """Matrices A and B as columns ``name -> values``, uniforms mapped through the ppfs."""
    u = rng.uniform(_U_LOW, 1.0, size=(2, len(names), n))
    a = {name: _apply_ppf(ppfs[name], name, u[0, j]) for j, name in enumerate(names)}
    b = {name: _apply_ppf(ppfs[name], name, u[1, j]) for j, name in enumerate(names)}
    return a, b


def _apply_ppf(ppf: Ppf, name: str, u: FloatArray) -> FloatArray:
    rule = f"ppfs[{name!r}] must map {u.shape[0]} uniforms in (0, 1) to as many finite values"
    try:
        values = np.array(ppf(u), dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ArgumentError(rule) from exc
    if values.shape != u.shape or not np.isfinite(values).all():
        raise ArgumentError(rule)
    values.flags.writeable = False
    return values


def _swap_sets(names: tuple[str, ...], members: dict[str, tuple[str, ...]]) -> list[frozenset[str]]:
    """The distinct sets of columns swapped from B: one per input, then one per new group."""
    swaps = [frozenset([name]) for name in names]
    for group in members.values():
        if frozenset(group) not in swaps:
            swaps.append(frozenset(group))
    return swaps


def _evaluate_all(
    func: Func,
    a: dict[str, FloatArray],
    b: dict[str, FloatArray],
    swaps: list[frozenset[str]],
    n: int,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``f(A)``, ``f(B)`` and the stacked ``f(A_B^i)`` (one row per swap set)."""
    f_a = _evaluate(func, a, n, "A")
    f_b = _evaluate(func, b, n, "B")
    f_ab = [_evaluate(func, a | {k: b[k] for k in s}, n, _label(a, s)) for s in swaps]
    return f_a, f_b, np.stack(f_ab)


def _label(a: Mapping[str, object], swap: frozenset[str]) -> str:
    return "A_B[" + ", ".join(name for name in a if name in swap) + "]"


def _evaluate(func: Func, columns: dict[str, FloatArray], n: int, label: str) -> FloatArray:
    out = func(dict(columns))
    try:
        y = np.asarray(out)
    except ValueError as exc:
        raise EvaluationError(f"func returned a ragged result for matrix {label}") from exc
    if y.dtype.kind not in "biuf" or y.shape != (n,):
        raise EvaluationError(
            f"func must return {n} real numbers (one per row) for matrix {label}, "
            f"got dtype {y.dtype} and shape {y.shape}",
            hint="return a 1-D numpy array, e.g. np.full(len(x), c) for a constant",
        )
    y = y.astype(np.float64)
    _check_finite(y, columns, label)
    return y


def _check_finite(y: FloatArray, columns: dict[str, FloatArray], label: str) -> None:
    bad = ~np.isfinite(y)
    if bad.any():
        row = int(np.argmax(bad))
        inputs = ", ".join(f"{k}={v[row]:.6g}" for k, v in columns.items())
        raise EvaluationError(
            f"func returned non-finite values in {int(bad.sum())} of {y.size} rows of matrix "
            f"{label}; first at row {row}: {inputs} -> {y[row]}",
            hint="make pay defined for every input value the distributions can produce",
        )


# --- estimators ----------------------------------------------------------------------------------


def _is_constant(f_a: FloatArray, f_b: FloatArray) -> bool:
    both = np.concatenate([f_a, f_b])
    return bool(np.ptp(both) <= _CONSTANT_RTOL * np.max(np.abs(both)))


def _estimate(
    f_a: FloatArray, f_b: FloatArray, f_ab: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """First order (Saltelli 2010), total order (Jansen 1999) and variance, over the last axis.

    ``f_a`` and ``f_b`` have shape ``(..., n)``, ``f_ab`` has ``(k, ..., n)``.
    """
    both = np.concatenate([f_a, f_b], axis=-1)
    variance = both.var(axis=-1)
    f_b_centred = f_b - both.mean(axis=-1, keepdims=True)
    first = _ratio(np.mean(f_b_centred * (f_ab - f_a), axis=-1), variance)
    total = _ratio(0.5 * np.mean((f_a - f_ab) ** 2, axis=-1), variance)
    return first, total, variance


def _ratio(numerator: FloatArray, variance: FloatArray) -> FloatArray:
    """``numerator / variance``, 0 where the variance is 0 (and no warning)."""
    out = np.zeros(np.shape(numerator))
    return np.divide(numerator, variance, out=out, where=np.broadcast_to(variance > 0, out.shape))


def _intervals(
    f_a: FloatArray,
    f_b: FloatArray,
    f_ab: FloatArray,
    rng: np.random.Generator,
    n_bootstrap: int,
    confidence: float,
    method: str,
) -> FloatArray:
    """Intervals by ``method``, shape ``(2 bounds, 2 orders, k)``, within ``[0, 1]``."""
    a, b, ab = _standardise(f_a, f_b, f_ab)
    n = a.size
    means, resampled = _bootstrap(a, b, ab, rng, n_bootstrap)
    estimate, error, gradient = _from_moments(means, n)
    replicates, errors, _ = _from_moments(resampled, n)  # (2, B, k)
    replicates, errors = np.moveaxis(replicates, 1, -1), np.moveaxis(errors, 1, -1)
    alpha = 1.0 - confidence
    tails = np.array([alpha / 2, 1 - alpha / 2])
    if method == "studentized":
        moved = replicates - estimate[..., None]
        pivots = np.divide(moved, errors, out=np.sign(moved) * _T_CAP, where=errors > 0)
        t_low, t_high = _quantiles(np.clip(pivots, -_T_CAP, _T_CAP), tails)
        bounds = np.stack([estimate - t_high * error, estimate - t_low * error])
    elif method == "bca":
        accel = _acceleration(a, b, ab, means, gradient)
        bounds = _quantiles(replicates, _bca_levels(estimate, replicates, accel, tails))
    else:
        bounds = _quantiles(replicates, tails)
    return np.clip(bounds, 0.0, 1.0)


def _standardise(
    f_a: FloatArray, f_b: FloatArray, f_ab: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Outputs less the mean of ``f(A)`` and ``f(B)``, over their standard deviation.

    The indices do not change, and every per-row term stays of order 1.
    """
    both = np.concatenate([f_a, f_b])
    centre, scale = both.mean(), both.std()
    return (f_a - centre) / scale, (f_b - centre) / scale, (f_ab - centre) / scale


def _columns(a: FloatArray, b: FloatArray, ab: FloatArray) -> FloatArray:
    """The five per-row terms of each swap set, ``(rows, k, 5)``, of standardised outputs.

    ``e = f_B d``, ``d = f(A_B^i) - f_A``, ``t = d^2 / 2``, ``s = (f_A + f_B) / 2`` and
    ``q = (f_A^2 + f_B^2) / 2``.
    """
    d = (ab - a).T
    cols = np.empty((*d.shape, 5))
    cols[..., _E] = b[:, None] * d
    cols[..., _D] = d
    cols[..., _T] = 0.5 * d * d
    cols[..., _S] = (0.5 * (a + b))[:, None]
    cols[..., _Q] = (0.5 * (a * a + b * b))[:, None]
    return cols


def _row_terms(a: FloatArray, b: FloatArray, ab: FloatArray) -> FloatArray:
    """Per-row terms whose means give every index and its standard error: ``(rows, k, 20)``.

    The five :func:`_columns` of each swap set, then the products of each pair of them (for
    their covariances).
    """
    cols = _columns(a, b, ab)
    products = np.stack([cols[..., i] * cols[..., j] for i, j in _PAIRS], axis=-1)
    return np.concatenate([cols, products], axis=-1)


def _from_moments(means: FloatArray, n: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Indices, delta-method standard errors and gradients from means of :func:`_row_terms`.

    ``means`` has shape ``(..., k, 20)``. With ``V = q - s^2``, first order is
    ``(e - s d) / V`` and total order ``t / V`` (the estimators of :func:`_estimate`). The
    influence of row ``j`` on an index is ``g . (z_j - z) / V``, with ``g`` the gradient of
    its numerator minus index times ``V`` with respect to the means ``z`` of the five
    columns; the standard error is ``sqrt(g' C g / n) / V`` with ``C`` their covariance.
    Returns indices and errors ``(2 orders, ..., k)`` and ``g`` ``(2 orders, ..., k, 5)``.
    """
    mean = means[..., :5]
    e, d, t, s, q = (mean[..., c] for c in (_E, _D, _T, _S, _Q))
    variance = q - s * s
    first, total = _ratio(e - s * d, variance), _ratio(t, variance)
    gradient = np.zeros((2, *mean.shape))
    gradient[0, ..., _E] = 1.0
    gradient[0, ..., _D] = -s
    gradient[0, ..., _S] = 2 * s * first - d
    gradient[0, ..., _Q] = -first
    gradient[1, ..., _T] = 1.0
    gradient[1, ..., _S] = 2 * s * total
    gradient[1, ..., _Q] = -total
    covariance = np.empty((*mean.shape, 5))
    for p, (i, j) in enumerate(_PAIRS):
        cross = means[..., 5 + p] - mean[..., i] * mean[..., j]
        covariance[..., i, j] = covariance[..., j, i] = cross
    spread = np.einsum("o...i,...ij,o...j->o...", gradient, covariance, gradient)
    error = np.sqrt(_ratio(np.maximum(spread, 0.0), n * variance**2))
    return np.stack([first, total]), error, gradient


def _bootstrap(
    a: FloatArray, b: FloatArray, ab: FloatArray, rng: np.random.Generator, n_bootstrap: int
) -> tuple[FloatArray, FloatArray]:
    """Means of :func:`_row_terms` over the rows, ``(k, 20)``, and over each of
    ``n_bootstrap`` resamples of them, ``(B, k, 20)``.

    The rows are taken in blocks, each block's terms built once: a resample's count of draws
    in the block is binomial given the draws left (which makes the counts of all blocks
    together multinomial, as ``n`` draws with replacement), spread uniformly over its rows,
    and the counts of all resamples times the block's terms is a matrix product (taken in
    groups of resamples: :data:`_PRODUCT_SIZE`). Memory stays within about
    :data:`_BOOTSTRAP_CHUNK` numbers whatever ``n``.
    """
    n, k = a.size, ab.shape[0]
    width = k * 20
    block = max(1, _BOOTSTRAP_CHUNK // n_bootstrap)
    total = np.zeros(width)
    resampled = np.zeros((n_bootstrap, width))
    left = np.full(n_bootstrap, n)
    owners = np.arange(n_bootstrap)
    ones = np.ones(0)
    for start in range(0, n, block):
        rows = slice(start, min(start + block, n))
        size = rows.stop - start
        terms = _row_terms(a[rows], b[rows], ab[:, rows]).reshape(size, width)
        total += terms.sum(axis=0)
        inside = rng.binomial(left, size / (n - start))
        left -= inside
        # each pick's cell in the (resample, row) counts, built in place; 32-bit uniforms are
        # the very draws 64-bit ones would be (numpy draws both from 32 bits below 2**32), and
        # cheaper
        picks = np.repeat(owners * size, inside)
        picks += rng.integers(0, size, size=picks.size, dtype=np.uint32)
        group = max(1, _PRODUCT_SIZE // (size * width))  # resamples per product
        groups = -(-n_bootstrap // group)  # the last one padded with resamples of no rows
        if ones.size < picks.size:
            ones = np.ones(picks.size + picks.size // 8)
        # the counts as floats straight away (sums of ones are exact), not counted in integers
        # and converted
        counts = np.bincount(picks, ones[: picks.size], minlength=groups * group * size)
        products = np.matmul(counts.reshape(groups, group, size), terms)
        resampled += products.reshape(groups * group, width)[:n_bootstrap]
    return (total / n).reshape(k, 20), (resampled / n).reshape(n_bootstrap, k, 20)


def _quantiles(values: FloatArray, levels: FloatArray) -> FloatArray:
    """Quantiles of ``values`` ``(..., B)`` at ``levels``: ``(2,)`` or ``(2, ...)``.

    Linear interpolation between order statistics, as ``numpy.quantile``'s default, but with
    a level of its own for each index (BCa). Returns ``(2, ...)``.
    """
    ordered = np.sort(values, axis=-1)
    levels = np.broadcast_to(
        levels.reshape(levels.shape + (1,) * (values.ndim - levels.ndim)),
        (2, *values.shape[:-1]),
    )
    position = np.clip(levels, 0.0, 1.0) * (values.shape[-1] - 1)
    below = np.floor(position).astype(np.intp)
    above = np.minimum(below + 1, values.shape[-1] - 1)
    low = np.take_along_axis(ordered[None], below[..., None], axis=-1)[..., 0]
    high = np.take_along_axis(ordered[None], above[..., None], axis=-1)[..., 0]
    return low + (position - below) * (high - low)


def _acceleration(
    a: FloatArray, b: FloatArray, ab: FloatArray, means: FloatArray, gradient: FloatArray
) -> FloatArray:
    """BCa's acceleration from the empirical influence values: ``(2 orders, k)``.

    ``a = sum(U^3) / (6 sum(U^2)^(3/2))`` (Efron 1987; DiCiccio and Efron 1996), with the
    influence ``U_j`` proportional to ``g . (z_j - z)`` (:func:`_from_moments`): the
    closed form of the jackknife values ``scipy.stats.bootstrap`` computes by leaving out
    each row. ``means`` are the means of :func:`_row_terms`, ``gradient`` their ``g``.
    """
    squares = np.zeros(gradient.shape[:-1])
    cubes = np.zeros(gradient.shape[:-1])
    block = max(1, _BOOTSTRAP_CHUNK // (5 * ab.shape[0]))
    for start in range(0, a.size, block):
        rows = slice(start, start + block)
        cols = _columns(a[rows], b[rows], ab[:, rows]) - means[:, :5]
        influence = np.einsum("nki,oki->okn", cols, gradient)
        squares += np.sum(influence**2, axis=-1)
        cubes += np.sum(influence**3, axis=-1)
    return _ratio(cubes, 6.0 * squares**1.5)


def _bca_levels(
    estimate: FloatArray, replicates: FloatArray, accel: FloatArray, tails: FloatArray
) -> FloatArray:
    """BCa's levels for the two bounds, ``(2, 2 orders, k)`` (as ``scipy.stats.bootstrap``).

    ``z0`` is the normal quantile of the share of resampled indices below the estimate (ties
    count half), kept within half a resample of 0 and 1; each tail level ``p`` becomes
    ``Phi(z0 + w / (1 - a w))`` with ``w = z0 + Phi^-1(p)`` (1 or 0 when ``a w >= 1``).
    """
    count = replicates.shape[-1]
    centre = estimate[..., None]
    below = np.sum(replicates < centre, axis=-1) + np.sum(replicates <= centre, axis=-1)
    share = np.clip(below / (2 * count), 0.5 / count, 1 - 0.5 / count)
    z0 = _normal_ppf(share)
    levels = []
    for tail in tails:
        w = z0 + _NORMAL.inv_cdf(float(tail))
        denominator = 1.0 - accel * w
        safe = np.where(denominator > 0, denominator, 1.0)
        levels.append(np.where(denominator > 0, _normal_cdf(z0 + w / safe), w > 0))
    return np.stack(levels).astype(np.float64)


def _normal_cdf(x: FloatArray) -> FloatArray:
    return np.array([_NORMAL.cdf(float(v)) for v in x.ravel()]).reshape(x.shape)


def _normal_ppf(p: FloatArray) -> FloatArray:
    return np.array([_NORMAL.inv_cdf(float(v)) for v in p.ravel()]).reshape(p.shape)


@dataclass(frozen=True, slots=True)
class _Estimates:
    """Point estimates ``(k,)`` per swap set, their intervals ``(2 bounds, 2 orders, k)``."""

    first: FloatArray
    total: FloatArray
    bounds: FloatArray
    variance: float
    evaluations: int
    constant: bool

    @classmethod
    def zeros(cls, k: int, n: int) -> _Estimates:
        return cls(np.zeros(k), np.zeros(k), np.zeros((2, 2, k)), 0.0, n * (k + 2), True)

    @classmethod
    def compute(
        cls,
        f_a: FloatArray,
        f_b: FloatArray,
        f_ab: FloatArray,
        rng: np.random.Generator,
        n_bootstrap: int,
        confidence: float,
        method: str,
    ) -> _Estimates:
        first, total, variance = _estimate(f_a, f_b, f_ab)
        bounds = _intervals(f_a, f_b, f_ab, rng, n_bootstrap, confidence, method)
        return cls(first, total, bounds, float(variance), f_ab.size + 2 * f_a.size, False)

    def index(self, order: int, k: int) -> Index:
        raw = float((self.first, self.total)[order][k])
        low, high = float(self.bounds[0, order, k]), float(self.bounds[1, order, k])
        return Index(min(max(raw, 0.0), 1.0), low, high, raw)

    def result(
        self,
        names: tuple[str, ...],
        members: dict[str, tuple[str, ...]],
        swaps: list[frozenset[str]],
        n: int,
        confidence: float,
        method: str,
    ) -> SobolResult:
        def at(swap: Iterable[str]) -> int:
            return swaps.index(frozenset(swap))

        return SobolResult(
            names=names,
            first_order={name: self.index(0, at([name])) for name in names},
            total_order={name: self.index(1, at([name])) for name in names},
            group_total={group: self.index(1, at(m)) for group, m in members.items()},
            variance=self.variance,
            n=n,
            confidence=confidence,
            constant=self.constant,
            groups=members,
            evaluations=self.evaluations,
            method=method,
        )
