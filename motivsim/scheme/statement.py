"""A pay statement: the inputs, every step with its formula and value, and the total in cents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from motivsim.i18n import words
from motivsim.scheme.language import DEFAULT_LANGUAGE
from motivsim.scheme.money import currency_text, format_amount, format_value, to_cents
from motivsim.validation import to_fraction

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = [
    "Statement",
    "StatementLine",
    "build_statement",
]


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of a statement: a name, the formula it comes from (``""`` for inputs), a value."""

    name: str
    formula: str
    value: Fraction | bool
    note: str = ""
    language: str = DEFAULT_LANGUAGE

    @property
    def shown(self) -> str:
        """The value as printed (exact when short, else ``≈`` with six places), as the
        statement's language writes numbers."""
        return format_value(self.value, language=self.language)


@dataclass(frozen=True, slots=True)
class Statement:
    """What a manager reads to check their pay; ``str()`` is the statement, ``to_dict()`` JSON.

    ``total`` is the exact ``pay`` rounded once to cents by ``rounding`` (see
    :mod:`motivsim.scheme.money`); step values are exact and never rounded before use.
    """

    scheme: str
    currency: str | None
    period: str | None
    rounding: str
    inputs: tuple[StatementLine, ...]
    params: tuple[StatementLine, ...]
    steps: tuple[StatementLine, ...]
    exact_total: Fraction
    total: Decimal
    language: str = DEFAULT_LANGUAGE
    #: What the reader should know beyond the lines (a plan that remembers: this statement
    #: is a person's first period).
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        w = words(self.language)
        period = w.period(self.period).accusative if self.period else ""
        per = f" {w('per', period=period)}" if self.period else ""
        head = f"{w('statement.title')}: {self.scheme}"
        if self.currency or per:
            unit = currency_text(self.currency, self.language) if self.currency else ""
            head += f" ({unit or w('statement.amounts')}{per})"
        width = max(len(line.name) for line in (*self.inputs, *self.params, *self.steps))
        out = [head, "=" * len(head), "", w("statement.inputs")]
        out += [_value_line(line, width) for line in self.inputs]
        if self.params:
            out += ["", w("statement.params")]
            out += [_value_line(line, width) for line in self.params]
        out += ["", w("statement.steps")]
        for line in self.steps:
            out.append(f"  {line.name.ljust(width)} = {line.formula}")
            out.append(f"  {' ' * width} = {line.shown}")
        total = format_amount(self.total, self.currency, self.language)
        rule = w(f"rounding.{self.rounding}")
        out += ["", f"{w('statement.total')}: {total}  ({w('statement.rounded')}, {rule})"]
        out += [w("statement.note", note=note) for note in self.notes]
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """The statement as JSON-ready data; amounts are decimal strings, never floats."""

        def line(item: StatementLine) -> dict[str, Any]:
            value: Any = item.value if isinstance(item.value, bool) else _decimal_text(item.value)
            return {"name": item.name, "formula": item.formula, "value": value}

        return {
            "scheme": self.scheme,
            "currency": self.currency,
            "period": self.period,
            "rounding": self.rounding,
            "language": self.language,
            "inputs": [line(i) for i in self.inputs],
            "params": [line(i) for i in self.params],
            "steps": [line(i) for i in self.steps],
            "total": str(self.total),
            "notes": list(self.notes),
        }


def _decimal_text(value: Fraction) -> str:
    text = format_value(value, max_places=12).replace(",", "")
    return text.lstrip("≈")


def _value_line(line: StatementLine, width: int) -> str:
    note = f"  {line.note}" if line.note else ""
    return f"  {line.name.ljust(width)}   {line.shown}{note}".rstrip()


def build_statement(
    scheme: Scheme, values: Mapping[str, Any], *, filled: frozenset[str] = frozenset()
) -> Statement:
    """Compute ``scheme`` exactly for scalar ``values`` and lay out the statement; the KPIs
    in ``filled`` were not given and stand at their typical values (the statement says so)."""
    exact = scheme.exact(values)
    needed = scheme.reach("pay")
    w = words(scheme.language)
    inputs = tuple(
        StatementLine(
            name,
            "",
            to_fraction(values[name], f"KPI {name!r}"),
            " · ".join(
                p
                for p in (w("statement.typical") if name in filled else "", _kpi_note(scheme, name))
                if p
            ),
            scheme.language,
        )
        for name in scheme.kpis
        if name in values
    )
    params = tuple(
        StatementLine(name, "", value, "", scheme.language)
        for name, value in scheme.params.items()
        if name in needed
    )
    steps = tuple(
        StatementLine(
            scheme.pay_name if item.name == "pay" else item.name,  # the scheme's own word
            " ".join(item.text.split()),
            exact[item.name],
            "",
            scheme.language,
        )
        for item in scheme.steps
        if item.name in needed
    )
    total = exact["pay"]
    assert not isinstance(total, bool)
    return Statement(
        scheme=scheme.name,
        currency=scheme.currency,
        period=scheme.period,
        rounding=scheme.rounding,
        inputs=inputs,
        params=params,
        steps=steps,
        exact_total=total,
        total=to_cents(total, scheme.rounding),
        language=scheme.language,
        notes=(w("statement.first_period", needs=", ".join(scheme.needs)),) if scheme.needs else (),
    )


def _kpi_note(scheme: Scheme, name: str) -> str:
    kpi = scheme.kpis[name]
    parts = [p for p in (kpi.unit, kpi.description) if p]
    return " · ".join(parts)
