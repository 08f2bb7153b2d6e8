"""Build a :class:`~motivsim.scheme.model.Scheme` from a parsed scheme file, with located errors.

Every rule of the scheme format is checked here, and every violation names the file, line,
column and TOML key, and says how to fix it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

from motivsim import limits
from motivsim.distributions import parse_distribution, scaled
from motivsim.errors import ArgumentError, ArgumentTypeError, FormulaError, Location, SchemeError
from motivsim.formula import parser as ast
from motivsim.formula.build import (
    CLOCK_NAMES,
    FUNCTIONS,
    NameInfo,
    NotAConstant,
    build,
    constant_value,
    names_used,
    unknown_name,
)
from motivsim.formula.lexer import KEYWORDS, LexError, check_name, checked_number, describe_char
from motivsim.formula.scripts import skeleton
from motivsim.frozen import frozen_mapping
from motivsim.scheme.clock import MAX_PERIODS_PER_YEAR, default_periods_per_year
from motivsim.scheme.language import DEFAULT_LANGUAGE, LANGUAGES
from motivsim.scheme.model import Kpi, Principles, Scheme, Step, person_values
from motivsim.scheme.money import DEFAULT_ROUNDING, ROUNDING_RULES
from motivsim.scheme.source import (
    KeyPath,
    Source,
    describe_value,
    key_text,
    parse_source,
    read_source,
    toml_floats,
)
from motivsim.scheme.team import parse_correlation, parse_team
from motivsim.validation import closest, is_int, unknown_keys

__all__ = ["as_scheme", "load", "loads", "scheme_from_source"]

_T = TypeVar("_T")
_TOP = ("scheme", "kpi", "params", "formula", "principles", "team", "correlation")
_SCHEME_KEYS = (
    "name",
    "currency",
    "period",
    "description",
    "rounding",
    "language",
    "revenue_kpi",
    "pay",
    "periods_per_year",
    "year_start",
)
_KPI_KEYS = (
    "description",
    "unit",
    "controllable",
    "min",
    "max",
    "typical",
    "distribution",
    "persistence",
    "seasonality",
)
_PRINCIPLE_KEYS = (
    "plan_met",
    "min_ratio",
    "max_complexity",
    "max_uncontrollable_share",
    "hitter",
    "non_hitter",
)


def load(path: str | Path) -> Scheme:
    """Read a scheme from a TOML file.

    Raises
    ------
    SchemeError
        When the file is not a valid scheme; ``str(error)`` names file, line and column.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/dealership.toml")  # doctest: +SKIP
    >>> scheme.pay({"выручка": 12_000_000, "продано_машин": 11})  # doctest: +SKIP
    """
    if not isinstance(path, str | os.PathLike) or isinstance(os.fspath(path), bytes):
        raise ArgumentTypeError(
            f"load needs the path of a scheme file (text or a pathlib.Path), got "
            f"{type(path).__name__} {path!r:.60}",
            hint="for TOML text already in memory, use motivsim.loads(text)",
        )
    return scheme_from_source(read_source(path))


def loads(text: str | bytes, *, path: str | None = None) -> Scheme:
    """Read a scheme from TOML text; ``path`` is only used in error messages."""
    if not isinstance(text, str | bytes):
        raise ArgumentTypeError(
            f"loads needs the scheme's TOML text (str, or UTF-8 bytes), got "
            f"{type(text).__name__} {text!r:.60}",
            hint="for a file, use motivsim.load(path)",
        )
    if path is not None and not isinstance(path, str):
        raise ArgumentTypeError(f"path must be text or None, got {type(path).__name__}")
    return scheme_from_source(parse_source(text, path=path))


def as_scheme(
    value: Scheme | str | Path, what: str = "scheme", *, caller: str | None = None
) -> Scheme:
    """``value`` if it is a :class:`Scheme`, else the scheme in the file ``value`` names.

    Anything else raises :class:`~motivsim.errors.ArgumentTypeError`: ``CALLER needs a Scheme
    (from motivsim.load) or a path to a scheme file, got TYPE`` when ``caller`` (the public
    function) is given, else ``WHAT must be a Scheme or the path of a scheme file, got VALUE``.

    Examples
    --------
    >>> as_scheme("schemes/dealership.toml").name  # doctest: +SKIP
    'Car dealership sales manager'
    """
    if isinstance(value, Scheme):
        return value
    if isinstance(value, str | Path):
        return load(value)
    if caller is not None:
        raise ArgumentTypeError(
            f"{caller} needs a Scheme (from motivsim.load) or a path to a scheme file, "
            f"got {type(value).__name__}"
        )
    raise ArgumentTypeError(f"{what} must be a Scheme or the path of a scheme file, got {value!r}")


def scheme_from_source(source: Source) -> Scheme:
    """Validate the TOML data of ``source`` and build the scheme."""
    return _Loader(source).scheme()


class _Loader:
    def __init__(self, source: Source) -> None:
        self.src = source
        self.data = source.data
        self.pay_label = "pay"  # [scheme] pay: the name the scheme gives the total pay

    # -- errors ------------------------------------------------------------
    def error(
        self, message: str, key: KeyPath, hint: str | None = None, *, value: bool = False
    ) -> SchemeError:
        return SchemeError(message, location=self.src.location(key, value=value), hint=hint)

    def unknown_keys(
        self, table: Mapping[str, Any], allowed: tuple[str, ...], key: KeyPath
    ) -> None:
        for name, close in unknown_keys(table, allowed)[:1]:
            hint = f"did you mean {close!r}?" if close else "allowed keys: " + ", ".join(allowed)
            where = key_text((*key, name))
            raise self.error(f"unknown key {where!r}", (*key, name), hint)

    # -- typed values ------------------------------------------------------
    def typed(self, value: Any, key: KeyPath, kind: type[_T], what: str, hint: str) -> _T:
        """``value`` if it is a ``kind``, else a located error: ``KEY must be WHAT, got ...``."""
        if not isinstance(value, kind):
            raise self.error(
                f"{key_text(key)} must be {what}, got {describe_value(value)}",
                key,
                hint,
                value=True,
            )
        return value

    def table(self, value: Any, key: KeyPath, example: str) -> dict[str, Any]:
        return self.typed(value, key, dict, "a table", f"write {example}")

    def text(self, value: Any, key: KeyPath) -> str:
        return self.typed(value, key, str, "text in quotes", f'write {key[-1]} = "..."')

    def flag(self, value: Any, key: KeyPath) -> bool:
        hint = f"write {key[-1]} = true or {key[-1]} = false (no quotes)"
        return self.typed(value, key, bool, "true or false", hint)

    def number(self, value: Any, key: KeyPath) -> Fraction:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            hint = f"write {key[-1]} = 0.05 (a number, no quotes)"
            if isinstance(value, str):
                hint = f"remove the quotes: {key[-1]} = {value.strip()}"
            raise self.error(
                f"{key_text(key)} must be a number, got {describe_value(value)}",
                key,
                hint,
                value=True,
            )
        try:
            return checked_number(Decimal(value), str(value))
        except LexError as exc:
            raise self.error(f"{key_text(key)}: {exc.message}", key, exc.hint, value=True) from None

    def bounded(self, value: Any, key: KeyPath, lo: float, hi: float | None) -> float:
        number = float(self.number(value, key))
        if number <= lo or (hi is not None and number > hi):
            rule = f"> {lo:g}" + (f" and <= {hi:g}" if hi is not None else "")
            raise self.error(f"{key_text(key)} must be {rule}, got {number:g}", key, value=True)
        return number

    def name(self, name: str, key: KeyPath) -> None:
        loc = self.src.location(key)
        if name in CLOCK_NAMES:
            raise SchemeError(
                f"{name!r} is a name of the plan's clock and cannot name a KPI, parameter or step",
                location=loc,
                hint=f"formulas read {name} as it is; choose another name",
            )
        if name in KEYWORDS or name in FUNCTIONS:
            what = "a keyword" if name in KEYWORDS else "a function of the formula language"
            raise SchemeError(
                f"{name!r} is {what} and cannot name a KPI, parameter or step",
                location=loc,
                hint="choose another name",
            )
        if not name.isidentifier():
            raise SchemeError(
                f"{name!r} cannot be used in formulas",
                location=loc,
                hint="names are letters, digits and _, starting with a letter or _ "
                "(e.g. cars_sold or выручка)",
            )
        try:
            check_name(name)
        except LexError as exc:
            raise SchemeError(exc.message, location=loc, hint=exc.hint) from None

    # -- tables ------------------------------------------------------------
    def scheme(self) -> Scheme:
        self.unknown_keys(self.data, _TOP, ())
        for required in ("scheme", "kpi", "formula"):
            if required not in self.data:
                raise SchemeError(
                    f"missing the [{required}] table",
                    location=Location(self.src.path, 1, 1),
                    hint=_MISSING_HINTS[required],
                )
        head = self.table(self.data["scheme"], ("scheme",), '[scheme] with name = "..."')
        self.unknown_keys(head, _SCHEME_KEYS, ("scheme",))
        if "name" not in head:
            raise self.error("[scheme] needs a name", ("scheme",), 'add name = "Sales manager pay"')
        name = self.text(head["name"], ("scheme", "name"))
        if not name.strip():
            raise self.error(
                "[scheme] name is empty",
                ("scheme", "name"),
                'write name = "Sales manager pay"',
                value=True,
            )
        rounding = self.choice(head, "rounding", "rounding rule", ROUNDING_RULES, DEFAULT_ROUNDING)
        language = self.choice(head, "language", "language", LANGUAGES, DEFAULT_LANGUAGE)
        self.pay_label = self.pay_name(head)
        self.year = self.clock(head)
        kpis = self.kpis()
        params = self.params()
        self.check_namespace(kpis, params)
        steps = self.steps(kpis, params)
        revenue_kpi = head.get("revenue_kpi")
        if revenue_kpi is not None:
            revenue_kpi = self.text(revenue_kpi, ("scheme", "revenue_kpi"))
            if revenue_kpi not in kpis:
                raise self.error(
                    f"revenue_kpi {revenue_kpi!r} is not a KPI",
                    ("scheme", "revenue_kpi"),
                    _did_you_mean(revenue_kpi, kpis),
                    value=True,
                )
        scheme = Scheme(
            name=name,
            kpis=frozen_mapping(kpis),
            params=frozen_mapping(params),
            steps=steps,
            currency=self.optional_text(head, "currency"),
            period=self.optional_text(head, "period"),
            description=self.optional_text(head, "description") or "",
            rounding=rounding,
            language=language,
            pay_name=self.pay_label,
            revenue_kpi=revenue_kpi,
            principles=self.principles(kpis, params, steps),
            periods_per_year=self.year[0],
            year_start=self.year[1],
            extras=frozen_mapping(
                {k: self.data[k] for k in ("team", "correlation") if k in self.data}
            ),
            source=self.src,
            team=parse_team(self.data.get("team"), kpis=kpis, source=self.src, params=params),
            correlation=parse_correlation(self.data.get("correlation"), kpis=kpis, source=self.src),
            derived=frozen_mapping(
                {k: v for k, v in self.data.get("params", {}).items() if isinstance(v, str)}
            ),
        )
        self.check_segment_params(scheme)
        self.check_people(scheme)
        return scheme

    def check_people(self, scheme: Scheme) -> None:
        """Each person's parameters work: derived parameters computed with them, and tier
        tables built with each set of values they hold (a located error otherwise)."""
        built: set[tuple[Fraction, ...]] = set()
        folded = sorted(scheme.folded_params)
        for person in scheme.team.people:
            try:
                values = person_values(scheme, person)
                key = tuple(values[k] for k in folded)
                if key not in built:
                    built.add(key)
                    scheme.person_scheme(person.name)
            except ArgumentError as exc:
                message = f"person {person.name!r}: {exc.message}"
                hint = exc.hint
                if person.where is None:
                    raise self.error(message, ("team",), hint) from None
                raise SchemeError(message, location=person.where, hint=hint) from None

    def check_segment_params(self, scheme: Scheme) -> None:
        """Each segment's ``params`` work: derived parameters and tier tables computed with
        them (a located error otherwise)."""
        for index, segment in enumerate(scheme.team.segments):
            if not segment.params:
                continue
            try:
                scheme.segment_scheme(segment.name)
            except ArgumentError as exc:
                raise self.error(
                    f"segment {segment.name!r}: {exc.message}",
                    ("team", "segment", index, "params"),
                    exc.hint,
                ) from None

    def choice(
        self, head: Mapping[str, Any], key: str, what: str, options: Iterable[str], default: str
    ) -> str:
        """``[scheme] key``: one of ``options`` (default ``default``), or a located error."""
        value = self.text(head.get(key, default), ("scheme", key))
        if value not in options:
            close = closest(value, options)
            raise self.error(
                f"unknown {what} {value!r}",
                ("scheme", key),
                (f"did you mean {close!r}? " if close else "")
                + f"{key} is one of: "
                + ", ".join(options),
                value=True,
            )
        return value

    def pay_name(self, head: Mapping[str, Any]) -> str:
        """``[scheme] pay``: the name of the [formula] step that is the total pay (default
        ``pay``). The step is kept under the internal name ``pay`` (what every computation looks
        for); statements show the scheme's own name."""
        if "pay" not in head:
            return "pay"
        key: KeyPath = ("scheme", "pay")
        label = self.text(head["pay"], key)
        self.name(label, key)
        formula = self.data.get("formula")
        steps = list(formula) if isinstance(formula, dict) else []
        if label not in steps:
            close = closest(label, steps)
            raise self.error(
                f"[scheme] pay names {label!r}, which is not a [formula] step",
                key,
                (f"did you mean {close!r}? " if close else "")
                + "pay names the step that is the total pay; steps: "
                + ", ".join(steps),
                value=True,
            )
        if label != "pay" and "pay" in steps:
            raise self.error(
                f"[formula] has a step 'pay', but [scheme] pay = {label!r} names another step "
                "as the total pay",
                ("formula", "pay"),
                "rename the step 'pay', or drop [scheme] pay to make 'pay' the total pay",
            )
        if label != "pay":  # findings locate the step 'pay': point them at the step as written
            found = self.src.keys.get(("formula", label))
            if found is not None:
                self.src.keys[("formula", "pay")] = found
        return label

    def clock(self, head: Mapping[str, Any]) -> tuple[int | None, int]:
        """``[scheme] periods_per_year`` (default from ``period``) and ``year_start``."""
        period = self.optional_text(head, "period")
        found = default_periods_per_year(period)
        if "periods_per_year" in head:
            value = head["periods_per_year"]
            if not is_int(value) or not 1 <= value <= MAX_PERIODS_PER_YEAR:
                raise self.error(
                    "periods_per_year must be a whole number from 1 to "
                    f"{MAX_PERIODS_PER_YEAR}, got {describe_value(value)}",
                    ("scheme", "periods_per_year"),
                    "how many pay periods make the plan year: 12 for months, 4 for quarters",
                    value=True,
                )
            found = int(value)
        start = head.get("year_start", 1)
        if not is_int(start) or not 1 <= start <= 12:
            raise self.error(
                f"year_start must be a month number from 1 to 12, got {describe_value(start)}",
                ("scheme", "year_start"),
                "write year_start = 4 for a plan year that starts in April",
                value=True,
            )
        return found, int(start)

    def clock_names(self) -> dict[str, NameInfo]:
        """``period`` and ``periods_per_year`` as the formulas see them."""
        length = self.year[0]
        return {
            "period": NameInfo("clock"),
            "periods_per_year": NameInfo(
                "constant", value=None if length is None else Fraction(length)
            ),
        }

    def optional_text(self, head: Mapping[str, Any], key: str) -> str | None:
        return self.text(head[key], ("scheme", key)) if key in head else None

    def kpis(self) -> dict[str, Kpi]:
        table = self.table(self.data["kpi"], ("kpi",), "[kpi.revenue] tables")
        if not table:
            raise self.error("[kpi] declares no KPI", ("kpi",), "add a table such as [kpi.revenue]")
        return {name: self.kpi(name, spec) for name, spec in table.items()}

    def kpi(self, name: str, spec: Any) -> Kpi:
        key: KeyPath = ("kpi", name)
        self.name(name, key)
        spec = self.table(spec, key, f"[kpi.{name}] with controllable = true")
        self.unknown_keys(spec, _KPI_KEYS, key)
        if "controllable" not in spec:
            raise self.error(
                f"KPI {name!r} must say whether the manager controls it",
                key,
                f"add controllable = true (or false) under [kpi.{name}]",
            )
        bounds = {
            b: float(self.number(spec[b], (*key, b)))
            for b in ("min", "max", "typical")
            if b in spec
        }
        if "min" in bounds and "max" in bounds and bounds["min"] >= bounds["max"]:
            raise self.error(
                f"kpi.{name}: min {bounds['min']:g} is not below max {bounds['max']:g}",
                (*key, "max"),
                value=True,
            )
        for side, outside in (("min", lambda t, b: t < b), ("max", lambda t, b: t > b)):
            if "typical" in bounds and side in bounds and outside(bounds["typical"], bounds[side]):
                raise self.error(
                    f"kpi.{name}: typical {bounds['typical']:g} is "
                    f"{'below' if side == 'min' else 'above'} {side} {bounds[side]:g}",
                    (*key, "typical"),
                    "typical is a value the KPI takes: put it between min and max (or fix min/max)",
                    value=True,
                )
        distribution = None
        if "distribution" in spec:
            distribution = self.distribution(spec["distribution"], (*key, "distribution"), bounds)
        return Kpi(
            name=name,
            controllable=self.flag(spec["controllable"], (*key, "controllable")),
            description=self.text(spec.get("description", ""), (*key, "description")),
            unit=self.text(spec.get("unit", ""), (*key, "unit")),
            min=bounds.get("min"),
            max=bounds.get("max"),
            typical=bounds.get("typical"),
            distribution=distribution,
            persistence=self.persistence(spec, key),
            seasonality=self.seasonality(spec, key, distribution, bounds),
        )

    def persistence(self, spec: Mapping[str, Any], key: KeyPath) -> float:
        """``[kpi.X] persistence``: a rank correlation from 0 (the default) to below 1."""
        if "persistence" not in spec:
            return 0.0
        where = (*key, "persistence")
        value = float(self.number(spec["persistence"], where))
        if not 0.0 <= value < 1.0:
            raise self.error(
                f"{key_text(where)} must be from 0 to below 1, got {value:g}",
                where,
                "the rank correlation between two periods of one manager: 0 draws each "
                "period afresh, 0.6 keeps strong performers strong; 1 would never vary",
                value=True,
            )
        return value

    def seasonality(
        self, spec: Mapping[str, Any], key: KeyPath, dist: Any, bounds: Mapping[str, float]
    ) -> tuple[float, ...]:
        """``[kpi.X] seasonality``: one factor > 0 per period of the plan year."""
        if "seasonality" not in spec:
            return ()
        where = (*key, "seasonality")
        length = self.year[0]
        example = "[0.8, 0.9, 1.1, 1.2]" if length == 4 else "[0.8, 0.9, 1.0, ...]"
        if length is None:
            raise self.error(
                f"{key_text(where)} needs the length of the plan year",
                where,
                "add periods_per_year = 12 (or 4, ...) under [scheme]",
            )
        factors = self.typed(
            spec["seasonality"], where, list, f"a list of {length} factors", f"write {example}"
        )
        if len(factors) != length:
            raise self.error(
                f"{key_text(where)} has {len(factors)} factor{'s' * (len(factors) != 1)}, "
                f"but the plan year has {length} periods",
                where,
                f"give one factor per period of the plan year ([scheme] periods_per_year = "
                f"{length}), the first for its first period",
                value=True,
            )
        out: list[float] = []
        for i, value in enumerate(factors):
            if isinstance(value, bool) or not isinstance(value, int | Decimal):
                raise self.error(
                    f"{key_text((*where, i))} must be a number, got {describe_value(value)}",
                    (*where, i),
                    f"write the factors as numbers, without quotes: {example}",
                    value=True,
                )
            if value <= 0:
                raise self.error(
                    f"{key_text((*where, i))} must be > 0, got {value}",
                    (*where, i),
                    "each factor multiplies the KPI's level in its period: 1 for a typical "
                    "period, 0.5 for a slow one, 1.5 for a strong one",
                    value=True,
                )
            out.append(float(self.number(value, (*where, i))))
        for i, factor in enumerate(out):
            if dist is not None and factor not in out[:i]:
                try:
                    scaled(dist, factor, lower=bounds.get("min"), upper=bounds.get("max"))
                except ArgumentError as exc:
                    raise self.error(
                        f"{key_text((*where, i))}: {exc.message}", (*where, i), exc.hint, value=True
                    ) from None
        return tuple(out)

    def distribution(self, spec: Any, key: KeyPath, bounds: Mapping[str, float]) -> Any:
        table = self.table(spec, key, '{ type = "lognormal", median = 1_000_000, sigma = 0.3 }')
        return parse_distribution(
            toml_floats(table),
            key=key_text(key),
            locate=lambda sub: self.src.location(key if sub is None else (*key, sub)),
            lower=bounds.get("min"),
            upper=bounds.get("max"),
            base_dir=self.src.base_dir,
        )

    def params(self) -> dict[str, Fraction]:
        """``[params]``: numbers, and derived parameters written as formulas of other
        parameters (``quarterly_quota = "annual_quota / 4"``), computed exactly."""
        table = self.table(self.data.get("params", {}), ("params",), "[params] with name = number")
        out: dict[str, Fraction] = {}
        trees: dict[str, ast.Node] = {}
        for name, value in table.items():
            self.name(name, ("params", name))
            if isinstance(value, str):
                trees[name] = self.parse_formula(value, ("params", name))
            else:
                out[name] = self.number(value, ("params", name))
        if trees:
            out.update(self.derived(trees, out, table))
        return {name: out[name] for name in table}  # in the file's order

    def derived(
        self, trees: Mapping[str, ast.Node], given: Mapping[str, Fraction], table: Mapping[str, Any]
    ) -> dict[str, Fraction]:
        """Each derived parameter's exact value, in dependency order (a cycle is an error)."""
        known = set(given) | set(trees)
        for name, tree in trees.items():
            for used, offset in names_used(tree):
                if used not in known:
                    key: KeyPath = ("params", name)
                    kpi_or_step = used in self.data.get("kpi", {}) or used in self.data.get(
                        "formula", {}
                    )
                    if kpi_or_step:
                        raise FormulaError(
                            f"parameter {name!r} uses {used!r}, which is not a parameter",
                            location=self.src.char_location(key, offset),
                            hint="a parameter is a fixed number of the plan: it can use only "
                            "other parameters; move this formula to [formula]",
                        )
                    self.raise_unknown(used, offset, key, {k: NameInfo("param") for k in known})
        values: dict[str, Fraction] = dict(given)
        for name in _ordered(trees, lambda cycle, offset: self.param_cycle(cycle, offset)):
            key = ("params", name)
            try:
                values[name] = constant_value(trees[name], values)
            except NotAConstant as exc:
                message = f"parameter {name!r} {exc.message}: {table[name]!r}"
                raise self.error(message, key, exc.hint, value=True) from None
            except LexError as exc:
                raise self.formula_error(exc, key) from None
        return {k: values[k] for k in trees}

    def param_cycle(self, cycle: list[str], offset: int) -> FormulaError:
        return FormulaError(
            "parameters form a cycle: " + " -> ".join(cycle),
            location=self.src.char_location(("params", cycle[-2]), offset),
            hint="a parameter cannot depend on itself, directly or through other parameters",
        )

    def check_namespace(self, kpis: Mapping[str, Kpi], params: Mapping[str, Fraction]) -> None:
        formula = self.table(self.data["formula"], ("formula",), '[formula] with pay = "..."')
        seen: dict[str, KeyPath] = {}
        for table, names in (("kpi", kpis), ("params", params), ("formula", formula)):
            for name in names:
                if name in seen:
                    first = self.src.location(seen[name])
                    raise self.error(
                        f"name {name!r} is used twice: {key_text(seen[name])} (line {first.line}) "
                        f"and {table}.{name}",
                        (table, name),
                        "KPIs, parameters and steps share one namespace; rename one of them",
                    )
                seen[name] = (table, name)
        if len(seen) > limits.MAX_NAMES:
            raise self.error(
                f"scheme has {len(seen)} names; the limit is {limits.MAX_NAMES}", ("formula",)
            )
        self.check_look_alikes(seen)

    def check_look_alikes(self, seen: Mapping[str, KeyPath]) -> None:
        """Refuse two names that look the same (equal UTS #39 skeletons: ``c`` and ``с``)."""
        by_skeleton: dict[str, str] = {}
        for name, key in seen.items():
            other = by_skeleton.setdefault(skeleton(name), name)
            if other == name:
                continue
            first = self.src.location(seen[other])
            where = f", line {first.line}" if first.line is not None else ""
            pairs = zip(name, other, strict=False)
            bad = next((i for i, (a, b) in enumerate(pairs) if a != b), None)
            differ = (
                f": {describe_char(name[bad])} where the other has {describe_char(other[bad])}"
                if bad is not None and len(name) == len(other)
                else ""
            )
            raise self.error(
                f"name {name!r} ({key_text(key)}) looks the same as {other!r} "
                f"({key_text(seen[other])}{where}){differ}",
                key,
                "rename one of them: names that cannot be told apart on screen make formulas "
                "that do not say what they seem to",
            )

    # -- formulas ------------------------------------------------------------
    def parse_formula(self, text: str, key: KeyPath) -> ast.Node:
        try:
            return ast.parse(text)
        except LexError as exc:
            raise self.formula_error(exc, key) from None

    def internal(self, tree: ast.Node) -> ast.Node:
        """``tree`` with the scheme's name of the total pay (``[scheme] pay``) read as ``pay``."""
        return tree if self.pay_label == "pay" else _renamed(tree, self.pay_label, "pay")

    def formula_error(self, exc: LexError, key: KeyPath) -> FormulaError:
        return FormulaError(
            exc.message, location=self.src.char_location(key, exc.offset), hint=exc.hint
        )

    def steps(self, kpis: Mapping[str, Kpi], params: Mapping[str, Fraction]) -> tuple[Step, ...]:
        formula = self.data["formula"]
        label = self.pay_label

        def key(name: str) -> KeyPath:  # the step 'pay' is written under its label
            return ("formula", label if name == "pay" else name)

        if "pay" not in formula and label == "pay":
            raise self.error(
                "[formula] has no 'pay' step",
                ("formula",),
                'add pay = "..." : the total pay for the period',
            )
        trees = {}
        for name, text in formula.items():
            self.name(name, ("formula", name))
            tree = self.parse_formula(self.text(text, ("formula", name)), ("formula", name))
            trees["pay" if name == label else name] = self.internal(tree)
        names = (
            {k: NameInfo("kpi") for k in kpis}
            | {k: NameInfo("param", value=v) for k, v in params.items()}
            | self.clock_names()
        )
        known = set(names) | set(trees)
        for name, tree in trees.items():
            for used, offset in names_used(tree):
                if used not in known:
                    self.raise_unknown(
                        used,
                        offset,
                        key(name),
                        {**names, **dict.fromkeys(trees, NameInfo("step"))},
                    )
        built: list[Step] = []
        pending = dict.fromkeys(trees, NameInfo("step"))  # prior(x) may name a later step
        for name in self.order(trees):
            text = formula[key(name)[1]]
            try:
                result = build(trees[name], {**pending, **names})
            except LexError as exc:
                raise self.formula_error(exc, key(name)) from None
            if name == "pay" and result.is_bool:
                raise self.error(
                    f"{label} must be an amount, but its formula is a condition",
                    key("pay"),
                    "wrap it: if(condition, amount, 0)",
                    value=True,
                )
            names[name] = NameInfo("step", is_bool=result.is_bool)
            built.append(
                Step(
                    name,
                    text,
                    result.expr,
                    result.is_bool,
                    _depends(trees[name]),
                    trees[name],
                    result.divisors,
                )
            )
        self.check_history(trees, names, key)
        return tuple(built)

    def check_history(
        self,
        trees: Mapping[str, ast.Node],
        names: Mapping[str, NameInfo],
        key: Callable[[str], KeyPath],
    ) -> None:
        """``prior`` and ``prior_ytd`` of a step that is a condition (a later step, so not
        known when the call was built) is an error."""
        for name, tree in trees.items():
            current = {o for _, o in names_used(tree, history=False)}
            for used, offset in names_used(tree):
                info = names.get(used)
                if offset not in current and info is not None and info.is_bool:
                    raise self.formula_error(
                        LexError(
                            f"prior() and prior_ytd() need an amount, but {used!r} is a condition",
                            offset,
                            f'make an amount of it, e.g. met = "if({used}, 1, 0)"',
                        ),
                        key(name),
                    )

    def raise_unknown(
        self, used: str, offset: int, key: KeyPath, names: Mapping[str, NameInfo]
    ) -> None:
        raise self.formula_error(unknown_name(used, offset, names), key)

    def order(self, trees: Mapping[str, ast.Node]) -> list[str]:
        """Steps in dependency order; a cycle is an error naming the steps in it."""

        def cycle_error(cycle: list[str], offset: int) -> FormulaError:
            shown = [self.pay_label if n == "pay" else n for n in cycle]
            return FormulaError(
                "steps form a cycle: " + " -> ".join(shown),
                location=self.src.char_location(("formula", shown[-2]), offset),
                hint="a step cannot depend on itself, directly or through other steps",
            )

        return _ordered(trees, cycle_error)

    def principles(
        self, kpis: Mapping[str, Kpi], params: Mapping[str, Fraction], steps: tuple[Step, ...]
    ) -> Principles:
        if "principles" not in self.data:
            return Principles()
        key: KeyPath = ("principles",)
        table = self.table(
            self.data["principles"], key, '[principles] with plan_met = "revenue >= plan"'
        )
        self.unknown_keys(table, _PRINCIPLE_KEYS, key)
        defaults = Principles()
        plan_met = None
        if "plan_met" in table:
            plan_met = self.condition(table["plan_met"], (*key, "plan_met"), kpis, params, steps)
        return Principles(
            plan_met=plan_met,
            min_ratio=self.bounded(table["min_ratio"], (*key, "min_ratio"), 0, None)
            if "min_ratio" in table
            else defaults.min_ratio,
            max_complexity=self.bounded(table["max_complexity"], (*key, "max_complexity"), 0, None)
            if "max_complexity" in table
            else defaults.max_complexity,
            max_uncontrollable_share=self.bounded(
                table["max_uncontrollable_share"], (*key, "max_uncontrollable_share"), -1e-300, 1
            )
            if "max_uncontrollable_share" in table
            else defaults.max_uncontrollable_share,
            hitter=self.profile(table, "hitter", kpis),
            non_hitter=self.profile(table, "non_hitter", kpis),
        )

    def condition(
        self,
        text: Any,
        key: KeyPath,
        kpis: Mapping[str, Kpi],
        params: Mapping[str, Fraction],
        steps: tuple[Step, ...],
    ) -> Step:
        tree = self.internal(self.parse_formula(self.text(text, key), key))
        names = (
            {k: NameInfo("kpi") for k in kpis}
            | {k: NameInfo("param", value=v) for k, v in params.items()}
            | {s.name: NameInfo("step", is_bool=s.is_bool) for s in steps}
            | self.clock_names()
        )
        try:
            result = build(tree, names)
        except LexError as exc:
            raise self.formula_error(exc, key) from None
        if not result.is_bool:
            raise self.error(
                f"{key_text(key)} must be a condition",
                key,
                'compare something, e.g. plan_met = "revenue >= plan"',
                value=True,
            )
        return Step(str(key[-1]), text, result.expr, True, _depends(tree), tree, result.divisors)

    def profile(
        self, table: Mapping[str, Any], which: str, kpis: Mapping[str, Kpi]
    ) -> Mapping[str, Fraction] | None:
        if which not in table:
            return None
        key: KeyPath = ("principles", which)
        spec = self.table(table[which], key, f"{which} = {{ revenue = 12_000_000 }}")
        for name in spec:
            if name not in kpis:
                raise self.error(
                    f"{key_text(key)}: {name!r} is not a KPI",
                    (*key, name),
                    _did_you_mean(name, kpis),
                )
        return frozen_mapping({k: self.number(v, (*key, k)) for k, v in spec.items()})


_MISSING_HINTS = {
    "scheme": 'start the file with [scheme] and name = "..."',
    "kpi": "declare each KPI in its own table, e.g. [kpi.revenue] with controllable = true",
    "formula": 'add a [formula] table with at least pay = "..."',
}


def _renamed(node: ast.Node, old: str, new: str) -> ast.Node:
    """``node`` with every name ``old`` read as ``new`` (offsets kept, for located errors)."""
    if isinstance(node, ast.Name):
        return replace(node, id=new) if node.id == old else node
    changes: dict[str, Any] = {}
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, ast.Node):
            changes[f.name] = _renamed(value, old, new)
        elif isinstance(value, tuple) and any(isinstance(v, ast.Node) for v in value):
            changes[f.name] = tuple(
                _renamed(v, old, new) if isinstance(v, ast.Node) else v for v in value
            )
    return replace(node, **changes) if changes else node


def _did_you_mean(name: str, options: Any) -> str | None:
    close = closest(name, options)
    return f"did you mean {close!r}?" if close else "KPIs: " + ", ".join(options)


def _depends(tree: ast.Node) -> tuple[str, ...]:
    """The names a step needs in the same period (not its history, not the clock)."""
    return tuple(
        dict.fromkeys(n for n, _ in names_used(tree, history=False) if n not in CLOCK_NAMES)
    )


def _ordered(
    trees: Mapping[str, ast.Node], cycle_error: Callable[[list[str], int], Exception]
) -> list[str]:
    """The names of ``trees`` in dependency order (each after the names of ``trees`` it uses);
    a cycle raises ``cycle_error(names in the cycle, offset of the use that closes it)``."""
    deps = {n: [u for u, _ in names_used(t, history=False) if u in trees] for n, t in trees.items()}
    done: list[str] = []
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = [*path[path.index(name) :], name]
            offset = next(o for u, o in names_used(trees[path[-1]], history=False) if u == name)
            raise cycle_error(cycle, offset)
        state[name] = 1
        for dep in deps[name]:
            visit(dep, [*path, name])
        state[name] = 2
        done.append(name)

    for name in trees:
        visit(name, [])
    return done
