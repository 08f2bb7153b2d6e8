"""The scheme-file grammar of a ``distribution`` table: validate it and build the distribution."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from motivsim.distributions.base import Distribution
from motivsim.distributions.continuous import Beta, Gamma, LogNormal, Normal, Triangular, Uniform
from motivsim.distributions.discrete import Binomial, Constant, NegativeBinomial, Poisson
from motivsim.distributions.empirical import Empirical
from motivsim.distributions.params import ParameterError, _did_you_mean, _show
from motivsim.errors import Location, SchemeError

__all__ = ["Locate", "parse_distribution"]

#: Given a sub-key of the distribution table (or ``None`` for the table), where it is in the file.
Locate = Callable[[str | None], Location]
Build = Callable[[Mapping[str, Any], Path | None], Distribution]


@dataclass(frozen=True, slots=True)
class _Form:
    """One way to write a type: its required and optional keys, and how to build it."""

    required: tuple[str, ...]
    build: Build
    optional: tuple[str, ...] = ()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.required + self.optional)

    def describe(self) -> str:
        text = " and ".join(self.required)
        return text + (f" (optionally {' and '.join(self.optional)})" if self.optional else "")


def _csv_form(params: Mapping[str, Any], base_dir: Path | None) -> Distribution:
    name, column = params["csv"], params["column"]
    for key, value in (("csv", name), ("column", column)):
        if not isinstance(value, str):
            raise ParameterError(key, f"{key} must be a string, got {_show(value)}")
    if base_dir is None:
        raise ParameterError("csv", "csv files can only be used in a scheme loaded from a file")
    root = base_dir.resolve()
    path = (root / name).resolve() if "\0" not in name else root
    if Path(name).is_absolute() or not name or not path.is_relative_to(root) or path == root:
        hint = "put the file next to the scheme (or in a folder below it)"
        raise ParameterError("csv", f"csv must be a path inside {root}, got {name!r}", hint=hint)
    return Empirical.from_csv(path, column)


_FORMS: Final[dict[str, tuple[_Form, ...]]] = {
    "normal": (_Form(("mean", "sd"), lambda p, _: Normal(p["mean"], p["sd"])),),
    "lognormal": (
        _Form(("median", "sigma"), lambda p, _: LogNormal(p["median"], p["sigma"])),
        _Form(("mean", "cv"), lambda p, _: LogNormal.from_mean_cv(p["mean"], p["cv"])),
    ),
    "uniform": (_Form(("low", "high"), lambda p, _: Uniform(p["low"], p["high"])),),
    "triangular": (
        _Form(("low", "mode", "high"), lambda p, _: Triangular(p["low"], p["mode"], p["high"])),
    ),
    "beta": (
        _Form(
            ("a", "b"),
            lambda p, _: Beta(p["a"], p["b"], p.get("low", 0.0), p.get("high", 1.0)),
            ("low", "high"),
        ),
    ),
    "gamma": (
        _Form(("shape", "scale"), lambda p, _: Gamma(p["shape"], p["scale"])),
        _Form(("mean", "sd"), lambda p, _: Gamma.from_mean_sd(p["mean"], p["sd"])),
    ),
    "poisson": (_Form(("mean",), lambda p, _: Poisson(p["mean"])),),
    "binomial": (_Form(("n", "p"), lambda p, _: Binomial(p["n"], p["p"])),),
    "negative_binomial": (
        _Form(("mean", "sd"), lambda p, _: NegativeBinomial.from_mean_sd(p["mean"], p["sd"])),
        _Form(("n", "p"), lambda p, _: NegativeBinomial(p["n"], p["p"])),
    ),
    "constant": (_Form(("value",), lambda p, _: Constant(p["value"])),),
    "empirical": (
        _Form(("values",), lambda p, _: Empirical(p["values"])),
        _Form(("csv", "column"), _csv_form),
    ),
}
_TYPES: Final = sorted(_FORMS)
_EXAMPLES: Final = {
    "normal": "mean = 100, sd = 15",
    "lognormal": "median = 9_500_000, sigma = 0.35",
    "uniform": "low = 0, high = 10",
    "triangular": "low = 0, mode = 4, high = 10",
    "beta": "a = 2, b = 5",
    "gamma": "shape = 2, scale = 1_000",
    "poisson": "mean = 8",
    "binomial": "n = 20, p = 0.3",
    "negative_binomial": "mean = 8, sd = 4",
    "constant": "value = 1",
    "empirical": 'values = [3, 5, 8] or csv = "history.csv", column = "revenue"',
}


def _takes(kind: str) -> str:
    forms = ", or ".join(form.describe() for form in _FORMS[kind])
    return f'{kind} takes {forms}, e.g. {{ type = "{kind}", {_EXAMPLES[kind]} }}'


def _parse_type(spec: Mapping[str, object], locate: Locate) -> str:
    kind = spec.get("type")
    valid = f"valid types: {', '.join(_TYPES)}"
    if kind is None:
        raise SchemeError("distribution has no 'type'", location=locate(None), hint=valid)
    if not isinstance(kind, str):
        msg = f"type must be a string, got {_show(kind)}"
        raise SchemeError(msg, location=locate("type"), hint=valid)
    if kind not in _FORMS:
        hint = _did_you_mean(kind, _TYPES, "valid types")
        raise SchemeError(f"unknown distribution type {kind!r}", location=locate("type"), hint=hint)
    return kind


def _pick_form(kind: str, given: list[str], locate: Locate) -> _Form:
    """The form whose keys match ``given``, or a SchemeError naming the first wrong key."""
    forms, keys = _FORMS[kind], set(given)
    for form in forms:
        if set(form.required) <= keys <= form.names:
            return form
    known = sorted(frozenset().union(*(form.names for form in forms)))
    for name in given:
        if name not in known:
            hint = _did_you_mean(name, known, "parameters") + f"; {_takes(kind)}"
            if name in ("persistence", "seasonality"):  # keys of [kpi.X], for every segment
                hint = (
                    f"{name} is not a parameter of the distribution: write it in the KPI's "
                    f"own table, [kpi.NAME] {name} = ..., where it holds for every segment"
                )
            msg = f"unknown parameter {name!r} for a {kind} distribution"
            raise SchemeError(msg, location=locate(name), hint=hint)
    best = max(forms, key=lambda form: len(keys & form.names))
    for name in given:
        if name not in best.names:
            other = sorted(keys & best.names)[0]
            msg = f"{name!r} cannot be combined with {other!r} in a {kind} distribution"
            raise SchemeError(msg, location=locate(name), hint=_takes(kind))
    missing = next(name for name in best.required if name not in keys)
    msg = f"{kind} distribution is missing {missing!r}"
    raise SchemeError(msg, location=locate(None), hint=_takes(kind))


def parse_distribution(
    spec: Mapping[str, object],
    *,
    key: str,
    locate: Locate,
    lower: float | None = None,
    upper: float | None = None,
    base_dir: Path | None = None,
) -> Distribution:
    """Build a validated distribution from a scheme's ``distribution`` table.

    Parameters
    ----------
    spec : Mapping
        The table as parsed by :mod:`tomllib`, e.g. ``{"type": "poisson", "mean": 8}``.
    key : str
        Dotted TOML key of the table, for messages (``"kpi.revenue.distribution"``).
    locate : Callable
        Maps a sub-key (``"sigma"``, or ``None`` for the table) to its :class:`Location`.
    lower, upper : float, optional
        The KPI's ``min``/``max``: the distribution is truncated to ``[lower, upper]``.
    base_dir : Path, optional
        Folder that ``csv`` paths are relative to (the scheme file's folder).

    Returns
    -------
    Distribution

    Raises
    ------
    SchemeError
        The table is invalid; the message quotes the value and the location points at it.

    Examples
    --------
    >>> from motivsim.errors import Location
    >>> dist = parse_distribution(
    ...     {"type": "lognormal", "median": 9_500_000, "sigma": 0.35},
    ...     key="kpi.revenue.distribution", locate=lambda sub: Location(), lower=0)
    >>> print(dist)
    lognormal(median=9,500,000, sigma=0.35)
    """
    if not isinstance(spec, Mapping):
        msg = f"{key} must be a table, got {_show(spec)}"
        raise SchemeError(msg, location=locate(None), hint=f"for example: {_takes('lognormal')}")
    kind = _parse_type(spec, locate)
    params = {name: value for name, value in spec.items() if name != "type"}
    form = _pick_form(kind, list(params), locate)
    try:
        dist = form.build(params, base_dir)
    except ParameterError as exc:
        raise SchemeError(exc.message, location=locate(exc.param), hint=exc.hint) from exc
    try:
        return dist.truncate(lower, upper)
    except ParameterError as exc:
        kpi = key.removesuffix(".distribution")
        msg = f"{kpi}: {exc.message}"
        raise SchemeError(msg, location=locate(None), hint=exc.hint) from exc
