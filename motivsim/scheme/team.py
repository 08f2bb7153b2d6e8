"""The sales team a scheme is simulated for: ``[[team.segment]]`` and ``[correlation]`` tables.

A segment is a group of alike managers (``count`` of them) whose KPIs may follow their own
distributions (``kpi.revenue = {...}`` overrides the scheme's) and whose plan may have its own
parameters (``params = { quota = 250_000 }`` overrides ``[params]``). ``[correlation]`` gives rank
(Spearman) correlations between KPIs, ``"revenue:cars_sold" = 0.7``, realised by a Gaussian
copula in every segment. Both tables are validated when the scheme is loaded; every error names
the file, line, column and TOML key.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.distributions import parse_distribution
from motivsim.errors import ArgumentError, Location, SchemeError
from motivsim.formula.lexer import LexError, checked_number
from motivsim.scheme.roster import Person, param_pairs, parse_people, read_roster
from motivsim.scheme.source import describe_value, key_text, toml_floats
from motivsim.validation import check_int, closest, is_int, unknown_keys

if TYPE_CHECKING:
    from motivsim.distributions import Distribution
    from motivsim.scheme.model import Kpi
    from motivsim.scheme.source import KeyPath, Source

__all__ = [
    "DEFAULT_SEGMENT",
    "MAX_SEGMENTS",
    "MAX_SEGMENT_COUNT",
    "Correlation",
    "Person",
    "Segment",
    "Team",
    "parse_correlation",
    "parse_team",
]

#: Name of the one segment of a scheme without ``[team]``.
DEFAULT_SEGMENT: Final = "everyone"
#: Most segments in ``[team]``.
MAX_SEGMENTS: Final = 100
#: Most managers in one segment.
MAX_SEGMENT_COUNT: Final = 100_000
#: Most negative eigenvalue of a copula matrix still accepted as rounding noise.
_PSD_TOLERANCE: Final = 1e-10

_SEGMENT_KEYS: Final = ("name", "count", "description", "kpi", "params")
_SEGMENT_EXAMPLE: Final = '[[team.segment]] with name = "strong" and count = 3'


@dataclass(frozen=True, slots=True)
class Segment:
    """``count`` alike managers; ``overrides`` maps KPI names to this segment's distributions,
    ``params`` parameter names to this segment's values (exact; they replace ``[params]``)."""

    name: str
    count: int
    overrides: tuple[tuple[str, Distribution], ...] = ()
    description: str = ""
    params: tuple[tuple[str, Fraction], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ArgumentError(f"a segment needs a name, got {self.name!r}")
        count = check_int(
            f"segment {self.name!r}: count", self.count, least=1, most=MAX_SEGMENT_COUNT
        )
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "params", param_pairs(self.params, f"segment {self.name!r}"))

    def distribution(self, kpi: Kpi) -> Distribution | None:
        """The distribution of ``kpi`` in this segment: the override, else the KPI's own."""
        for name, dist in self.overrides:
            if name == kpi.name:
                return dist
        return kpi.distribution


@dataclass(frozen=True, slots=True)
class Team:
    """The segments of a sales team, in the order the scheme file lists them, and its named
    ``people`` when the scheme has a roster (each segment's ``count`` is then its number of
    people, and a segment's managers are its people in roster order)."""

    segments: tuple[Segment, ...] = field(default_factory=lambda: (Segment(DEFAULT_SEGMENT, 1),))
    people: tuple[Person, ...] = ()
    _index: dict[str, Person] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        names = [s.name for s in self.segments]
        if not names:
            raise ArgumentError("a team needs at least one segment")
        duplicate = next((n for n in names if names.count(n) > 1), None)
        if duplicate is not None:
            raise ArgumentError(f"segment name {duplicate!r} is used twice")
        people = tuple(self.people)
        object.__setattr__(self, "people", people)
        if not people:
            return
        seen: set[str] = set()
        counts = dict.fromkeys(names, 0)
        for person in people:
            if not isinstance(person, Person):
                raise ArgumentError(f"team people must be Person objects, got {person!r}")
            if person.name in seen:
                raise ArgumentError(f"person {person.name!r} is listed twice")
            seen.add(person.name)
            if person.segment not in counts:
                raise ArgumentError(
                    f"person {person.name!r} is in segment {person.segment!r}, which the team "
                    "does not have",
                    hint=_hint(person.segment, names, "segments"),
                )
            counts[person.segment] += 1
        object.__setattr__(self, "_index", {p.name: p for p in people})
        for segment in self.segments:
            if counts[segment.name] != segment.count:
                raise ArgumentError(
                    f"segment {segment.name!r} has count {segment.count} but "
                    f"{counts[segment.name]} people",
                    hint="with a roster, a segment's count is its number of people",
                )

    def members(self, segment: str) -> tuple[Person, ...]:
        """The people of ``segment``, in roster order (none without a roster)."""
        return tuple(p for p in self.people if p.segment == segment)

    def person(self, name: str) -> Person:
        """The person called ``name``."""
        found = self._index.get(name)
        if found is not None:
            return found
        if not self.people:
            raise ArgumentError(
                f"the team has no person {name!r}: the scheme has no roster",
                hint='add [team] roster = "team.csv" or [[team.person]] tables',
            )
        names = [p.name for p in self.people]
        raise ArgumentError(f"the team has no person {name!r}", hint=_hint(name, names, "people"))

    @property
    def size(self) -> int:
        """The number of managers."""
        return sum(s.count for s in self.segments)

    def segment(self, name: str) -> Segment:
        """The segment called ``name``."""
        for item in self.segments:
            if item.name == name:
                return item
        names = [s.name for s in self.segments]
        raise ArgumentError(
            f"the team has no segment {name!r}", hint=_hint(name, names, "segments")
        )


@dataclass(frozen=True, slots=True)
class Correlation:
    """Rank (Spearman) correlations between pairs of KPIs, realised by a Gaussian copula.

    ``pairs`` holds ``((a, b), rho)`` with ``a`` before ``b`` in the scheme's KPI order.

    Examples
    --------
    >>> c = Correlation(((("revenue", "cars_sold"), 0.5),))
    >>> c.rho("cars_sold", "revenue")
    0.5
    >>> round(float(c.copula_matrix(["revenue", "cars_sold"])[0, 1]), 4)
    0.5176
    """

    pairs: tuple[tuple[tuple[str, str], float], ...] = ()

    def __post_init__(self) -> None:
        for (a, b), rho in self.pairs:
            if a == b or not -1.0 <= rho <= 1.0:
                raise ArgumentError(f"invalid correlation {a}:{b} = {rho!r}")

    def rho(self, a: str, b: str) -> float:
        """The requested rank correlation of ``a`` and ``b`` (1 when equal, 0 when not given)."""
        if a == b:
            return 1.0
        for (x, y), rho in self.pairs:
            if {x, y} == {a, b}:
                return rho
        return 0.0

    @property
    def names(self) -> tuple[str, ...]:
        """KPIs that take part in some correlation, first appearance first."""
        return tuple(dict.fromkeys(n for pair, _ in self.pairs for n in pair))

    def copula_matrix(self, names: list[str] | tuple[str, ...]) -> np.ndarray:
        """The normal-copula correlation matrix of ``names``: ``2 sin(pi rho / 6)`` off diagonal.

        This Pearson correlation of the underlying normals gives rank correlation ``rho`` for
        continuous KPIs (discrete KPIs have ties, which pull the rank correlation toward 0).
        """
        n = len(names)
        out = np.eye(n)
        for i in range(n):
            for j in range(i + 1, n):
                r = 2.0 * math.sin(math.pi * self.rho(names[i], names[j]) / 6.0)
                out[i, j] = out[j, i] = r
        return out

    def factor(self, names: list[str] | tuple[str, ...]) -> np.ndarray:
        """A matrix ``A`` with ``A @ A.T == copula_matrix(names)``: lower triangular when possible.

        Raises :class:`ArgumentError` when the matrix is not positive semi-definite.
        """
        matrix = self.copula_matrix(names)
        try:
            return np.linalg.cholesky(matrix)
        except np.linalg.LinAlgError:
            values, vectors = np.linalg.eigh(matrix)
            if values[0] < -_PSD_TOLERANCE:
                message, hint = _not_psd(self, list(names), vectors[:, 0])
                raise ArgumentError(message, hint=hint) from None
            return np.asarray(vectors * np.sqrt(np.clip(values, 0.0, None)), dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# Parsing, with located errors
# ---------------------------------------------------------------------------------------------
def parse_team(
    table: Any,
    *,
    kpis: Mapping[str, Kpi],
    source: Source,
    params: Mapping[str, Fraction] | None = None,
) -> Team:
    """Validate the ``[team]`` table (``None`` when absent) and build the :class:`Team`.

    ``params`` are the scheme's ``[params]``: a segment's ``params = {...}`` may only give
    other values to those names.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/team_dealership.toml")  # doctest: +SKIP
    >>> [(s.name, s.count) for s in scheme.team.segments]  # doctest: +SKIP
    [('strong', 3), ('new hires', 4)]
    """
    if table is None:
        return Team()
    key: KeyPath = ("team",)
    if not isinstance(table, dict):
        raise _error(
            source, f"team must be a table, got {describe_value(table)}", key, _SEGMENT_EXAMPLE
        )
    _unknown_keys(source, table, ("segment", "roster", "person"), key)
    if "roster" in table and "person" in table:
        raise _error(
            source,
            "[team] has both a roster file and [[team.person]] tables",
            (*key, "person"),
            "list the people in one place: the roster file or the tables",
        )
    has_people = "roster" in table or "person" in table
    items = table.get("segment")
    if items is None and has_people:
        items = [{"name": DEFAULT_SEGMENT}]
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        got = "nothing" if items is None else describe_value(items)
        raise _error(
            source, f"[team] needs [[team.segment]] tables, got {got}", key, _SEGMENT_EXAMPLE
        )
    if len(items) > MAX_SEGMENTS:
        raise _error(source, f"[team] has {len(items)} segments; the limit is {MAX_SEGMENTS}", key)
    people: tuple[Person, ...] = ()
    if has_people:
        names = [
            _segment_name(item, ("team", "segment", index), source)
            for index, item in enumerate(items)
        ]
        if "roster" in table:
            people = read_roster(
                table["roster"],
                key=(*key, "roster"),
                source=source,
                params=params or {},
                segments=names,
            )
        else:
            people = parse_people(
                table["person"],
                key=(*key, "person"),
                source=source,
                params=params or {},
                segments=names,
            )
    segments: list[Segment] = []
    for index, item in enumerate(items):
        where: KeyPath = ("team", "segment", index)
        if has_people:
            item = _counted(item, where, people, source)
        segment = _segment(item, where, kpis, params or {}, source)
        for earlier in segments:
            if earlier.name == segment.name:
                raise _error(
                    source,
                    f"segment name {segment.name!r} is used twice",
                    (*key, "segment", index, "name"),
                    "give each segment its own name",
                    value=True,
                )
        segments.append(segment)
    return Team(tuple(segments), people)


def _segment_name(item: dict[str, Any], key: KeyPath, source: Source) -> str:
    if "name" not in item:
        raise _error(source, f"{_text(key)} needs a name", key, 'add name = "new hires"')
    name = item["name"]
    if not isinstance(name, str) or not name.strip():
        raise _error(
            source,
            f"{_text((*key, 'name'))} must be non-empty text in quotes, got {describe_value(name)}",
            (*key, "name"),
            'write name = "strong"',
            value=True,
        )
    return name.strip()


def _counted(
    item: dict[str, Any], key: KeyPath, people: tuple[Person, ...], source: Source
) -> dict[str, Any]:
    """A segment table of a team with people: its ``count`` is its number of people."""
    name = str(item.get("name", "")).strip()
    count = sum(1 for p in people if p.segment == name)
    if "count" in item and item["count"] != count:
        raise _error(
            source,
            f"segment {name!r} has count = {item['count']!r} but the roster has "
            f"{count} of its people",
            (*key, "count"),
            "remove count: with a roster, a segment's count is its number of people",
            value=True,
        )
    if count == 0:
        raise _error(
            source,
            f"segment {name!r} has no people in the roster",
            key,
            "give it people in the roster, or remove the segment",
        )
    if count > MAX_SEGMENT_COUNT:
        raise _error(source, f"segment {name!r} has more than {MAX_SEGMENT_COUNT:,} people", key)
    return {**item, "count": count}


def _segment(
    item: dict[str, Any],
    key: KeyPath,
    kpis: Mapping[str, Kpi],
    params: Mapping[str, Fraction],
    source: Source,
) -> Segment:
    _unknown_keys(source, item, _SEGMENT_KEYS, key)
    name = _segment_name(item, key, source)
    if "count" not in item:
        raise _error(
            source,
            f"{_text(key)} needs a count",
            key,
            "add count = 4 (or list the team's people in a roster)",
        )
    count = item["count"]
    if not is_int(count) or not 1 <= count <= MAX_SEGMENT_COUNT:
        raise _error(
            source,
            f"{_text((*key, 'count'))} must be a whole number from 1 to "
            f"{MAX_SEGMENT_COUNT:,}, got {describe_value(count)}",
            (*key, "count"),
            "count is how many managers the segment has, e.g. count = 4",
            value=True,
        )
    description = item.get("description", "")
    if not isinstance(description, str):
        raise _error(
            source,
            f"{_text((*key, 'description'))} must be text in quotes",
            (*key, "description"),
            value=True,
        )
    overrides = _overrides(item.get("kpi", {}), (*key, "kpi"), kpis, source)
    own = _params(item.get("params", {}), (*key, "params"), params, source)
    return Segment(name, int(count), overrides, description, own)


def _params(
    table: Any, key: KeyPath, params: Mapping[str, Fraction], source: Source
) -> tuple[tuple[str, Fraction], ...]:
    """A segment's ``params = { quota = 250_000 }``: names of ``[params]``, number values."""
    if not isinstance(table, dict):
        raise _error(
            source,
            f"{_text(key)} must be a table of parameter values, got {describe_value(table)}",
            key,
            "write params = { quota = 250_000 }",
            value=True,
        )
    out: list[tuple[str, Fraction]] = []
    for name, value in table.items():
        where: KeyPath = (*key, name)
        if name not in params:
            raise _error(
                source,
                f"{_text(where)}: {name!r} is not a parameter of [params]",
                where,
                _hint(name, list(params), "parameters")
                if params
                else f"declare it under [params] first, e.g. {name} = 1",
            )
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            hint = f"write {name} = 250_000 (a number, no quotes)"
            if isinstance(value, str):
                hint += "; a segment's parameters are numbers, not formulas"
            raise _error(
                source,
                f"{_text(where)} must be a number, got {describe_value(value)}",
                where,
                hint,
                value=True,
            )
        try:
            number = checked_number(Decimal(value), str(value))
        except LexError as exc:
            raise _error(
                source, f"{_text(where)}: {exc.message}", where, exc.hint, value=True
            ) from None
        out.append((name, number))
    return tuple(out)


def _overrides(
    table: Any, key: KeyPath, kpis: Mapping[str, Kpi], source: Source
) -> tuple[tuple[str, Distribution], ...]:
    if not isinstance(table, dict):
        raise _error(
            source,
            f"{_text(key)} must be a table of KPI distributions, got {describe_value(table)}",
            key,
            'write kpi.revenue = { type = "lognormal", median = 9_000_000, sigma = 0.3 }',
            value=True,
        )
    out: list[tuple[str, Distribution]] = []
    for name, spec in table.items():
        where: KeyPath = (*key, name)
        if name not in kpis:
            raise _error(
                source,
                f"{_text(where)}: {name!r} is not a KPI",
                where,
                _hint(name, list(kpis), "KPIs"),
            )
        kpi = kpis[name]
        dist = parse_distribution(
            toml_floats(spec),
            key=_text(where),
            locate=_locator(source, where),
            lower=kpi.min,
            upper=kpi.max,
            base_dir=source.base_dir,
        )
        out.append((name, dist))
    return tuple(out)


def parse_correlation(table: Any, *, kpis: Mapping[str, Kpi], source: Source) -> Correlation:
    """Validate the ``[correlation]`` table (``None`` when absent) into a :class:`Correlation`.

    Keys are ``"kpi_a:kpi_b"``, values rank correlations in ``[-1, 1]``; together they must form
    a positive semi-definite matrix (a consistent set of correlations).

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.load("schemes/team_dealership.toml")  # doctest: +SKIP
    >>> scheme.correlation.rho("revenue", "cars_sold")  # doctest: +SKIP
    0.7
    """
    if table is None:
        return Correlation()
    key: KeyPath = ("correlation",)
    if not isinstance(table, dict):
        raise _error(
            source,
            f"correlation must be a table, got {describe_value(table)}",
            key,
            '[correlation] with "revenue:cars_sold" = 0.7',
        )
    order = list(kpis)
    pairs: dict[tuple[str, str], float] = {}
    for text, value in table.items():
        a, b = _pair(text, key, order, source)
        pair = (a, b) if order.index(a) < order.index(b) else (b, a)
        if pair in pairs:
            raise _error(
                source,
                f"the correlation of {a} and {b} is given twice",
                (*key, text),
                "keep one of the two keys",
            )
        pairs[pair] = _rho(value, (*key, text), source)
    correlation = Correlation(tuple(pairs.items()))
    try:
        correlation.factor(list(correlation.names))
    except ArgumentError as exc:
        raise _error(source, exc.message, key, exc.hint) from None
    return correlation


def _pair(text: str, key: KeyPath, kpis: list[str], source: Source) -> tuple[str, str]:
    where: KeyPath = (*key, text)
    parts = [p.strip() for p in text.split(":")]
    if len(parts) != 2 or not all(parts):
        raise _error(
            source,
            f'correlation key {text!r} must name two KPIs as "a:b"',
            where,
            f'write "{kpis[0]}:{kpis[-1]}" = 0.5' if len(kpis) > 1 else None,
        )
    for name in parts:
        if name not in kpis:
            raise _error(
                source,
                f"correlation key {text!r}: {name!r} is not a KPI",
                where,
                _hint(name, kpis, "KPIs"),
            )
    if parts[0] == parts[1]:
        raise _error(
            source,
            f"correlation key {text!r} pairs a KPI with itself",
            where,
            "a KPI's correlation with itself is always 1; name two different KPIs",
        )
    return parts[0], parts[1]


def _rho(value: Any, key: KeyPath, source: Source) -> float:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | float):
        raise _error(
            source,
            f"correlation {key[-1]} must be a number, got {describe_value(value)}",
            key,
            f'write "{key[-1]}" = 0.7 (no quotes around the number)',
            value=True,
        )
    rho = float(value)
    if not -1.0 <= rho <= 1.0:
        raise _error(
            source,
            f"correlation {key[-1]} must be between -1 and 1, got {value}",
            key,
            "a rank correlation runs from -1 (opposite) through 0 (none) to 1 (same order)",
            value=True,
        )
    return rho


def _not_psd(correlation: Correlation, names: list[str], vector: np.ndarray) -> tuple[str, str]:
    """Message and hint naming the pairs involved in the matrix's negative direction."""
    weight = np.abs(vector)
    involved = {n for n, w in zip(names, weight, strict=True) if w >= 0.1 * weight.max()}
    shown = [f'"{a}:{b}" = {rho:g}' for (a, b), rho in correlation.pairs if {a, b} <= involved]
    shown = shown or [f'"{a}:{b}" = {rho:g}' for (a, b), rho in correlation.pairs]
    message = (
        "the correlations " + ", ".join(shown) + " cannot hold together "
        "(their matrix is not positive semi-definite)"
    )
    return (
        message,
        "weaken some of them: if a and b both follow c closely, a and b must correlate too",
    )


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
def _error(
    source: Source, message: str, key: KeyPath, hint: str | None = None, *, value: bool = False
) -> SchemeError:
    return SchemeError(message, location=source.location(key, value=value), hint=hint)


def _unknown_keys(
    source: Source, table: Mapping[str, Any], allowed: tuple[str, ...], key: KeyPath
) -> None:
    for name, close in unknown_keys(table, allowed)[:1]:
        hint = f"did you mean {close!r}?" if close else "allowed keys: " + ", ".join(allowed)
        raise _error(source, f"unknown key {_text((*key, name))!r}", (*key, name), hint)


def _locator(source: Source, key: KeyPath) -> Callable[[str | None], Location]:
    """Where a distribution table at ``key`` (or one of its keys) is, for its errors."""

    def locate(sub: str | None) -> Location:
        return source.location(key if sub is None else (*key, sub))

    return locate


def _text(key: KeyPath) -> str:
    return key_text(key)


def _hint(name: str, options: list[str], what: str) -> str:
    """``did you mean 'revenue'?``, else the list of ``what`` there is."""
    close = closest(name, options)
    return f"did you mean {close!r}?" if close else f"{what}: {', '.join(options)}"
