"""A person's statement over several periods: one column per period, a line per input, state
and step, pay rounded to cents and paid so far this year; the totals on the right.

``explain scheme.toml --history one_person.csv`` prints it (:func:`history_statement`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from motivsim.errors import ArgumentError
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.scheme.money import currency_text
from motivsim.scheme.money import format_amount as _format_amount

if TYPE_CHECKING:
    from motivsim.history.replay import ReplayResult

__all__ = ["HistoryStatement", "history_statement"]


@dataclass(frozen=True, slots=True)
class HistoryStatement:
    """The rows of one person's replay laid out period by period (``str()`` is the table)."""

    scheme: str
    person: str
    currency: str | None
    periods: tuple[str, ...]
    lines: tuple[tuple[str, str, tuple[str, ...], str], ...]  # (section, name, cells, total)
    #: The language of ``str()`` (the scheme's); ``lines`` name their sections in it.
    language: str = DEFAULT_LANGUAGE

    def __str__(self) -> str:
        w = words(self.language)
        periods = (
            f"{len(self.periods)} periods"
            if self.language == DEFAULT_LANGUAGE
            else w.count(len(self.periods), "period")
        )
        head = w("hist.statement", periods=periods, scheme=self.scheme, person=self.person)
        if self.currency:
            head += f" ({currency_text(self.currency, self.language)})"
        label_width = max(len(name) for _, name, _, _ in self.lines)
        widths = [
            max(len(p), *(len(cells[i]) for _, _, cells, _ in self.lines))
            for i, p in enumerate(self.periods)
        ]
        total = w("hist.statement.total")
        total_width = max(len(total), *(len(t) for *_, t in self.lines))
        out = [head, "=" * len(head), ""]
        header = (
            " " * label_width
            + "  "
            + "  ".join(p.rjust(w) for p, w in zip(self.periods, widths, strict=True))
        )
        out.append(header + "  " + total.rjust(total_width))
        section = None
        for kind, name, cells, total in self.lines:
            if kind != section:
                out.append(kind)
                section = kind
            row = name.ljust(label_width) + "  "
            row += "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))
            out.append((row + "  " + total.rjust(total_width)).rstrip())
        out.append("")
        if any(kind == w("hist.statement.earlier") for kind, *_ in self.lines):
            out.append(w("hist.statement.prior"))
        out.append(w("hist.statement.exact"))
        return "\n".join(out)


def history_statement(result: ReplayResult, person: str | None = None) -> HistoryStatement:
    """The statement of ``person`` (the only person of ``result`` when ``None``)."""
    names = list(dict.fromkeys(result.people))
    if person is None:
        if len(names) != 1:
            raise ArgumentError(
                f"the history has {len(names)} people; say whose statement to print",
                hint="add --person NAME, one of: " + ", ".join(names[:10]),
            )
        person = names[0]
    if person not in names:
        raise ArgumentError(
            f"the history has no rows for {person!r}",
            hint="people in it: " + ", ".join(names[:10]),
        )
    rows = sorted(
        (r for r in range(result.size) if result.people[r] == person),
        key=lambda r: int(result.ordinals[r]),
    )
    lang = getattr(result, "language", DEFAULT_LANGUAGE)
    w = words(lang)

    def _number(value: Any) -> str:
        return _number_in(value, lang)

    def format_amount(amount: Decimal) -> str:
        return _format_amount(amount, None, lang)

    lines: list[tuple[str, str, tuple[str, ...], str]] = []
    for name, column in result.inputs.items():
        given = [None if column[r] != column[r] else Fraction(repr(float(column[r]))) for r in rows]
        total = sum((v or Fraction(0) for v in given), Fraction(0))
        lines.append(
            (w("statement.inputs"), name, tuple(_number(v) for v in given), _number(total))
        )
    for name, values in result.state.items():
        if name == "period":
            continue
        earlier = w("hist.statement.earlier")
        lines.append((earlier, name, tuple(_number(values[r]) for r in rows), ""))
    for name, found in result.steps.items():
        if name == "pay" or all(found[r] is None for r in rows):
            continue
        lines.append((w("statement.steps"), name, tuple(_number(found[r]) for r in rows), ""))
    pays = [result.pay[r] for r in rows]
    label = result.pay_name
    section = w("hist.statement.pay")
    lines.append(
        (
            section,
            label,
            tuple(format_amount(p) for p in pays),
            format_amount(sum(pays, Decimal(0))),
        )
    )
    running: list[str] = []
    year_of = [result.plan_years[r] for r in rows]
    so_far, year = Decimal(0), None
    for amount, y in zip(pays, year_of, strict=True):
        if y != year:
            so_far, year = Decimal(0), y
        so_far += amount
        running.append(format_amount(so_far))
    lines.append((section, w("hist.statement.ytd", label=label), tuple(running), ""))
    return HistoryStatement(
        result.scheme,
        person,
        result.currency,
        tuple(result.periods[r] for r in rows),
        tuple(lines),
        lang,
    )


def _number_in(value: Any, language: str = DEFAULT_LANGUAGE) -> str:
    w = words(language)
    if value is None:
        return ""
    if isinstance(value, bool):
        return w("yes") if value else w("no")
    value = Fraction(value)
    if value.denominator == 1:
        return w.num(value.numerator, ",")
    shown = f"{float(value):,.6f}".rstrip("0").rstrip(".")
    exact = Fraction(shown.replace(",", "")) == value
    return w.localize(shown) if exact else w.localize(shown) + "…"
