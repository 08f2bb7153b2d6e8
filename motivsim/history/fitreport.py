"""The forms of a :class:`~motivsim.history.fit.FitResult`: the text report, the JSON data, the
fitted tables as TOML, and a copy of a scheme file with them merged in.

Merging edits the scheme's text, so that its comments and layout stay: a key the fit gives
(``distribution``, ``persistence``, ``seasonality`` of ``[kpi.X]``, a ``[correlation]`` pair, a
segment's ``kpi.X``) replaces the value of the key already there, or is added as a line at the
end of its table; a table the scheme lacks (``[correlation]``, a segment of the history when
the scheme has none) is added at the end. The result is loaded before it is written.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from motivsim.errors import ArgumentError, MotivsimError
from motivsim.history.fitnote import note_text
from motivsim.i18n import words
from motivsim.scheme.load import loads
from motivsim.scheme.money import format_money
from motivsim.scheme.source import KeyPath, Source, key_text, read_source

if TYPE_CHECKING:
    from motivsim.history.fitresult import FitResult, MarginalFit

__all__ = [
    "SCHEMA",
    "fitted_path",
    "histogram",
    "merged_text",
    "refuse_target",
    "render",
    "tables",
    "to_dict",
    "toml_text",
    "write_into",
]

#: Identifier of the JSON layout of :meth:`FitResult.to_dict`.
SCHEMA: Final = "motivsim.fit/1"

_BARE: Final = re.compile(r"[A-Za-z0-9_-]+")


# -- the tables ---------------------------------------------------------------------------------
def tables(result: FitResult) -> dict[str, Any]:
    """What the fit writes into a scheme (see :meth:`FitResult.tables`)."""
    kpi: dict[str, dict[str, Any]] = {m.kpi: {} for m in result.marginals}
    for m in result.marginals:
        if m.table is not None:
            kpi[m.kpi]["distribution"] = dict(m.table)
    for p in result.persistence:
        if p.written is not None:
            kpi[p.kpi]["persistence"] = p.written
    for s in result.seasonality:
        if s.written is not None:
            kpi[s.kpi]["seasonality"] = list(s.written)
    correlation = {f"{c.a}:{c.b}": c.written for c in result.correlations if c.written is not None}
    segments = {
        s.name: {m.kpi: dict(m.table) for m in s.marginals if m.table is not None}
        for s in result.segments
    }
    return {
        "kpi": {k: v for k, v in kpi.items() if v},
        "correlation": correlation,
        "segments": {k: v for k, v in segments.items() if v},
    }


def toml_value(value: Any) -> str:
    """``value`` as TOML: numbers readable (``9_480_000``, ``0.352``), tables inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _toml_number(float(value))
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")  # pragma: no cover


def _toml_number(x: float) -> str:
    if x.is_integer() and abs(x) < 1e15:
        whole = int(x)
        return f"{whole:_}" if abs(whole) >= 10_000 else str(whole)
    return repr(x)


def _toml_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_key(name: str) -> str:
    """A TOML key: bare when it may be, quoted otherwise (``"выручка"``)."""
    return name if _BARE.fullmatch(name) else _toml_string(name)


def toml_text(result: FitResult) -> str:
    """The fitted tables as TOML, to paste under each table of a scheme."""
    found = tables(result)
    t = _Text(result)
    lines = [
        t(
            "toml_head",
            source=result.source,
            rows=t.rows(result.rows),
            people=t.people(result.people),
            seed=result.seed,
        ),
        t("toml_hint"),
    ]
    for name, entry in found["kpi"].items():
        lines += ["", f"[kpi.{toml_key(name)}]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in entry.items()]
    if found["correlation"]:
        lines += ["", "[correlation]"]
        lines += [f"{_toml_string(k)} = {toml_value(v)}" for k, v in found["correlation"].items()]
    for name, entry in found["segments"].items():
        lines += [
            "",
            "[[team.segment]]  " + t("toml_segment"),
            f"name = {_toml_string(name)}",
        ]
        lines += [f"kpi.{toml_key(k)} = {toml_value(v)}" for k, v in entry.items()]
    return "\n".join(lines) + "\n"


# -- merging into a scheme file -------------------------------------------------------------------
def merged_text(result: FitResult, scheme: str | Path) -> str:
    """The text of the scheme file with the fitted tables merged in (see the module)."""
    source = read_source(scheme)
    return _Merger(source, result).text()


class _Merger:
    def __init__(self, source: Source, result: FitResult) -> None:
        self.source = source
        self.text_in = source.text
        self.keys = source.keys
        self.result = result
        self.edits: list[tuple[int, int, str]] = []
        self.inserts: dict[int, list[str]] = {}
        self.appended: list[str] = []
        self.comments: list[str] = []

    def text(self) -> str:
        found = tables(self.result)
        for name, entry in found["kpi"].items():
            if ("kpi", name) not in self.keys:
                raise ArgumentError(
                    f"scheme has no [kpi.{name}] table to merge the fit into",
                    hint="fit with --scheme (the scheme's KPIs), or add the KPI first",
                )
            for key, value in entry.items():
                self.put(("kpi", name), (key,), toml_value(value))
        self.correlation(found["correlation"])
        self.segments(found["segments"])
        return self.apply()

    def put(self, table: KeyPath, key: tuple[str, ...], value: str) -> None:
        """Set ``table.key`` to ``value``: replace it if present, else add it to ``table``."""
        path = (*table, *key)
        if path in self.keys:
            start, value_start = self.keys[path]
            line_start = self.text_in.rfind("\n", 0, start) + 1
            if self.text_in[line_start:start].strip() or self.text_in[start] == "[":
                raise self.unmergeable(path)
            end = _value_end(self.text_in, value_start)
            self.edits.append((value_start, end, value))
            return
        if table not in self.keys or self.text_in[self.keys[table][0]] != "[":
            raise self.unmergeable(table)
        if any(len(p) > len(table) and p[: len(table) + 1] == (*table, key[0]) for p in self.keys):
            raise self.unmergeable((*table, key[0]))
        at = self.table_end(table)
        spelled = ".".join(toml_key(k) for k in key)
        self.inserts.setdefault(at, []).append(f"{spelled} = {value}")

    def table_end(self, table: KeyPath) -> int:
        """The offset just after the last line of ``table``'s own keys."""
        start = self.keys[table][0]
        end = self.text_in.find("\n", start)
        end = len(self.text_in) if end < 0 else end
        for path, (key_at, value_at) in self.keys.items():
            if len(path) <= len(table) or path[: len(table)] != table:
                continue
            if self.text_in[key_at] == "[":  # a sub-table: the table's own keys end before it
                continue
            line_start = self.text_in.rfind("\n", 0, key_at) + 1
            if self.text_in[line_start:key_at].strip():  # a key inside an inline table
                continue
            line_end = self.text_in.find("\n", _value_end(self.text_in, value_at))
            end = max(end, len(self.text_in) if line_end < 0 else line_end)
        return end

    def unmergeable(self, path: KeyPath) -> ArgumentError:
        where = self.source.location(path)
        return ArgumentError(
            f"{where.prefix()}: {key_text(path)} is written in a form the fit cannot merge into "
            "(an inline table or a sub-table)",
            hint="write it as a key of a [table] (e.g. distribution = { ... } under "
            "[kpi.NAME]), or paste the fitted tables yourself (motivsim fit ... --out FILE)",
        )

    def correlation(self, pairs: Mapping[str, float]) -> None:
        if not pairs:
            return
        existing = [p for p in self.keys if len(p) == 2 and p[0] == "correlation"]
        new = []
        for key, rho in pairs.items():
            a, b = key.split(":")
            same = [p for p in existing if _pair(str(p[1])) == {a, b}]
            if same:
                self.put(("correlation",), (str(same[0][1]),), toml_value(rho))
            elif ("correlation",) in self.keys:
                at = self.table_end(("correlation",))
                self.inserts.setdefault(at, []).append(f"{_toml_string(key)} = {toml_value(rho)}")
            else:
                new.append(f"{_toml_string(key)} = {toml_value(rho)}")
        if new:
            self.appended.append("\n".join(["[correlation]", *new]))

    def segments(self, found: Mapping[str, Mapping[str, Any]]) -> None:
        data = self.source.data.get("team", {})
        listed = data.get("segment", []) if isinstance(data, Mapping) else []
        names = [s.get("name") if isinstance(s, Mapping) else None for s in listed]
        for name, entry in found.items():
            if name in names:
                i = names.index(name)
                for kpi, table in entry.items():
                    self.put(("team", "segment", i), ("kpi", kpi), toml_value(table))
                continue
            if listed or self.result.roster:
                t = _Text(self.result)
                self.comments.append(t("merged_segment", name=t.w("quoted", name=name)))
                continue
            count = self.result.segment_people.get(name, 1)
            lines = ["[[team.segment]]", f"name = {_toml_string(name)}", f"count = {count}"]
            lines += [f"kpi.{toml_key(k)} = {toml_value(v)}" for k, v in entry.items()]
            self.appended.append("\n".join(lines))

    def apply(self) -> str:
        text = self.text_in
        changes = [(s, e, v) for s, e, v in self.edits]
        changes += [
            (at, at, "".join("\n" + line for line in lines)) for at, lines in self.inserts.items()
        ]
        for start, end, value in sorted(changes, key=lambda c: (c[0], c[1]), reverse=True):
            text = text[:start] + value + text[end:]
        if self.appended:
            text = text.rstrip("\n") + "\n\n" + "\n\n".join(self.appended) + "\n"
        result = self.result
        t = _Text(result)
        head = [
            t(
                "merged_head",
                source=result.source,
                rows=t.rows(result.rows),
                people=t.people(result.people),
                seed=result.seed,
            ),
            *self.comments,
        ]
        return "\n".join(head) + "\n" + text


def _pair(key: str) -> set[str]:
    return {part.strip() for part in key.split(":")}


def _value_end(text: str, start: int) -> int:
    """Where the TOML value starting at ``start`` ends (before a comment on its last line)."""
    at = start
    while True:
        newline = text.find("\n", at)
        end = len(text) if newline < 0 else newline
        if _parses(text[start:end]):
            line_start = text.rfind("\n", 0, end) + 1
            for hash_at in [
                m.start() for m in re.finditer("#", text[max(line_start, start) : end])
            ]:
                cut = max(line_start, start) + hash_at
                if _parses(text[start:cut]):
                    return len(text[:cut].rstrip())
            return len(text[:end].rstrip())
        if newline < 0:  # pragma: no cover - the source parsed, so the value ends somewhere
            return end
        at = newline + 1


def _parses(value: str) -> bool:
    try:
        tomllib.loads("x = " + value)
    except tomllib.TOMLDecodeError:
        return False
    return True


def write_into(
    result: FitResult, scheme: str | Path, *, target: str | Path | None = None, force: bool = False
) -> Path:
    """Write the merged scheme next to ``scheme`` (see :meth:`FitResult.write_into`): checked
    by loading it first, then written to a temporary file in the same folder and moved over
    the target, so that a failure leaves nothing half-written."""
    path = Path(scheme)
    out = Path(target) if target is not None else fitted_path(path)
    refuse_target(path, out, force=force)
    if not out.parent.is_dir():
        raise ArgumentError(f"--into: folder {str(out.parent)!r} does not exist")
    text = merged_text(result, path)
    try:
        loads(text, path=str(out))
    except MotivsimError as exc:
        raise ArgumentError(
            f"the scheme with the fitted tables merged in does not load: {exc}",
            hint="paste the fitted tables yourself (motivsim fit ... --out FILE)",
        ) from None
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, out)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ArgumentError(f"cannot write {str(out)!r}: {exc.strerror or exc}") from None
    return out


def fitted_path(scheme: Path) -> Path:
    """``schemes/plan.toml`` -> ``schemes/plan.fitted.toml``."""
    stem = scheme.name[: -len(".toml")] if scheme.name.endswith(".toml") else scheme.name
    return scheme.with_name(stem + ".fitted.toml")


def refuse_target(scheme: Path, target: Path, *, force: bool) -> None:
    """The merged scheme is never written over the scheme itself (a link to it counts), nor
    over an existing file without ``force``."""
    if target.exists() and scheme.exists() and os.path.samefile(target, scheme):
        raise ArgumentError(
            f"{str(target)!r} is the scheme itself: the fit is never written over it",
            hint="give another target name",
        )
    if target.exists() and not force:
        raise ArgumentError(
            f"{str(target)!r} exists: the merged scheme is not written over it",
            hint="add --force (force=True) to replace it, or remove it first",
        )


# -- the histogram against the fitted distribution --------------------------------------------
def histogram(result: FitResult, kpi: str, segment: str | None, bins: int) -> tuple[Any, Any, Any]:
    """See :meth:`FitResult.histogram`."""
    m = result.marginal(kpi, segment)
    found = result.values.get((kpi, segment))
    if found is None or m.table is None:
        raise ArgumentError(f"{kpi!r} was not fitted" + (f" in {segment!r}" if segment else ""))
    if not isinstance(bins, int) or bins < 1:
        raise ArgumentError(f"bins must be a whole number >= 1, got {bins!r}")
    x, factor = (np.asarray(v, dtype=np.float64) for v in found)
    if m.table["type"] in ("poisson", "negative_binomial"):
        low, high = int(x.min()), int(x.max())
        step = max(1, math.ceil((high - low + 1) / bins))
        edges = np.arange(low, high + step + 1, step) - 0.5
        levels, counts = np.unique(factor, return_counts=True)
        cdf = (
            sum(
                n * _table_cdf(m.table, edges, f)
                for f, n in zip(levels.tolist(), counts.tolist(), strict=True)
            )
            / x.size
        )
        values = x
    else:
        values = x / factor
        edges = np.histogram_bin_edges(values, bins)
        cdf = _table_cdf(m.table, edges)
    cdf = np.asarray(cdf, dtype=np.float64)
    cdf[0], cdf[-1] = 0.0, 1.0  # the outer bins take the tails
    observed = np.histogram(values, edges)[0].astype(np.float64)
    return edges, observed, values.size * np.diff(cdf)


def _table_cdf(table: Mapping[str, Any], x: Any, season: float = 1.0) -> Any:
    """The CDF of a written distribution table at ``x`` (its rounded parameters, as a scheme
    draws from them; a KPI's ``min``/``max`` aside); for counts, in a period of the ``season``
    factor (the mean times it, a negative binomial's ``n`` kept, as the simulator scales them)."""
    special = _special()
    kind = table["type"]
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "normal":
            return special.ndtr((x - table["mean"]) / table["sd"])
        if kind == "lognormal":
            z = (np.log(np.maximum(x, 1e-300)) - math.log(table["median"])) / table["sigma"]
            return np.where(x > 0, special.ndtr(z), 0.0)
        if kind == "gamma":
            return special.gammainc(table["shape"], np.maximum(x, 0.0) / table["scale"])
        if kind == "beta":
            return special.betainc(table["a"], table["b"], np.clip(x, 0.0, 1.0))
        if kind == "poisson":
            k = np.floor(np.maximum(x, 0.0))
            return np.where(x >= 0, special.pdtr(k, table["mean"] * season), 0.0)
        if kind == "negative_binomial":  # n = mean^2 / (sd^2 - mean), as the loader takes it
            mean, var = table["mean"], table["sd"] ** 2
            n = mean * mean / (var - mean)
            p = n / (n + mean * season)
            return np.where(x >= 0, special.betainc(n, np.floor(np.maximum(x, 0.0)) + 1.0, p), 0.0)
        if kind == "constant":
            return (x >= table["value"]).astype(np.float64)
    values = np.sort(np.asarray(table["values"], dtype=np.float64))  # empirical
    return np.searchsorted(values, x, side="right") / values.size


def _special() -> Any:
    import scipy.special

    return scipy.special


# -- JSON ---------------------------------------------------------------------------------------
def to_dict(result: FitResult) -> dict[str, Any]:
    """The JSON form: every field, the tables and the TOML text."""
    out: dict[str, Any] = {"schema": SCHEMA}
    for item in fields(result):
        if item.name in ("roster", "segment_people", "values"):
            continue
        out[item.name] = _plain(getattr(result, item.name), result.language)
    out["tables"] = tables(result)
    out["toml"] = toml_text(result)
    return out


def _plain(value: Any, language: str) -> Any:
    """``value`` as JSON data, its notes written in ``language``."""
    if isinstance(value, str):
        return note_text(value, language)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), language) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v, language) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, language) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# -- the text report ------------------------------------------------------------------------------
class _Text:
    """The words and numbers of the report in the result's language (English as it always was)."""

    def __init__(self, result: FitResult) -> None:
        self.w = words(getattr(result, "language", "en"))
        self.ru = self.w.language == "ru"
        self.unit = result.period_name

    def __call__(self, key: str, /, **values: object) -> str:
        return self.w("fit.report." + key, **values)

    def whole(self, n: int) -> str:
        return self.w.num(n, ",")

    def rows(self, n: int) -> str:
        return self.w.count(n, "row") if self.ru else f"{n:,} rows"

    def people(self, n: int) -> str:
        return self.w.count(n, "person") if self.ru else f"{n:,} people"

    def periods(self, n: int) -> str:
        return self.w.period(self.unit).count(n) if self.ru else _count(n, self.unit)

    def years(self, n: int) -> str:
        return self.w.count(n, "plan_year", "d")

    def unit_word(self) -> str:
        """The period as a word: ``month``; ``месяц``."""
        return self.w.period(self.unit).word if self.ru else self.unit

    def unit_for(self) -> str:
        """The period after "for a": ``month``; ``месяц``, ``неделю`` (``за неделю``)."""
        return self.w.period(self.unit).accusative if self.ru else self.unit

    def unit_many(self) -> str:
        """The period after "of several": ``month``; ``месяцев``, ``недель``."""
        return self.w.period(self.unit).plural(5) if self.ru else self.unit

    def note(self, note: str | None) -> str:
        """A note of the fit in the report's language."""
        return str(note) if note is None else note_text(note, self.w.language)

    def num(self, value: float | None) -> str:
        if value is None or not math.isfinite(value):
            return self.w("na")
        return self.w.localize(_num(value))

    def fixed(self, value: float, digits: int) -> str:
        if self.ru and not math.isfinite(value):
            return self.w("na")
        return self.w.num(value, f".{digits}f")

    def pct(self, value: float | None) -> str:
        return self.w.pct(value) if self.ru else _pct(value)

    def p(self, value: float | None) -> str:
        if not self.ru:
            return _p(value)
        if value is None:
            return "p " + self.w("na")
        return f"p = {self.fixed(value, 3)}" if value >= 0.001 else "p < 0,001"

    def interval(self, interval: Any, digits: int | None = None) -> str:
        if not self.ru:
            return _interval(interval, digits)
        if interval is None:
            return ""
        if digits is not None:
            low, high = self.fixed(interval.low, digits), self.fixed(interval.high, digits)
        else:
            low, high = self.num(interval.low), self.num(interval.high)
        return " " + self("interval", low=low, high=high)

    def test_name(self, name: str) -> str:
        return self.w.get("fit.report.test_name." + name, name) if self.ru else name

    def label(self, table: Mapping[str, Any] | None) -> str:
        if not self.ru:
            return _label(table)
        if table is None:
            return self.w("none")
        if table["type"] == "empirical":
            values = table["values"]
            return self(
                "empirical",
                count=self.whole(len(values)),
                low=self.num(min(values)),
                high=self.num(max(values)),
            )
        shown = "; ".join(f"{k}={self.num(v)}" for k, v in table.items() if k != "type")
        return f"{table['type']}({shown})"


def render(result: FitResult) -> str:
    """The report (see :class:`FitResult`)."""
    t = _Text(result)
    unit = t.unit_word()
    per_year = result.periods_per_year
    year = (
        t("year", years=t.years(result.years), periods=t.periods(per_year))
        if per_year
        else t("year_unknown")
    )
    lines = [
        t(
            "head",
            source=result.source,
            rows=t.rows(result.rows),
            people=t.people(result.people),
            periods=t.periods(result.periods),
            year=year,
            seed=result.seed,
        ),
    ]
    if result.bootstrap:
        lines.append(t("bootstrap", resamples=t.whole(result.bootstrap)))
    for m in result.marginals:
        lines += ["", *_marginal(m, result, t)]
    if result.correlations:
        lines += ["", t("correlation")]
        for c in result.correlations:
            if c.rho is None:
                lines.append(f"  {c.a}:{c.b}  {t.note(c.note)}")
                continue
            lines.append(
                f"  {c.a}:{c.b}  {t.fixed(c.rho, 2)}{t.interval(c.interval, 2)}  "
                f"({t.rows(c.rows)}, {t.people(c.people)})"
                + (
                    ""
                    if c.written is None or c.written == round(c.rho, 2)
                    else t("written_as", value=t.w.localize(f"{c.written:g}"))
                )
            )
    if result.persistence:
        lines += ["", t("persistence", unit=unit)]
        width = max(len(p.kpi) for p in result.persistence)
        for p in result.persistence:
            if p.value is None:
                lines.append(f"  {p.kpi:<{width}}  {t.note(p.note)}")
                continue
            text = f"  {p.kpi:<{width}}  {t.fixed(p.value, 2)}{t.interval(p.interval, 2)}"
            if p.consecutive is not None:
                text += "  " + t("consecutive", unit=t.unit_many(), value=t.fixed(p.consecutive, 2))
            lines.append(text + f"  ({t.rows(p.rows)}, {t.people(p.people)})")
            if p.note:
                lines.append(f"  {'':<{width}}  " + t("note", note=t.note(p.note)))
    if result.seasonality:
        lines += ["", t("seasonality", unit=unit)]
        for s in result.seasonality:
            shown = " ".join(t.fixed(f, 2) for f in s.factors)
            lines.append(f"  {s.kpi}: {shown}")
            verdict = (
                t("written") if s.written is not None else t("not_written", note=t.note(s.note))
            )
            lines.append(
                "    "
                + t(
                    "season_test",
                    p=t.p(s.p_value),
                    unit=unit,
                    years=t.years(s.years),
                    verdict=verdict,
                )
            )
    if result.check is not None:
        lines += ["", *_check(result, t)]
    if result.notes:
        lines += ["", t("notes")]
        lines += [f"  - {t.note(n)}" for n in result.notes]
    lines += [
        "",
        t("tables"),
        "",
        toml_text(result).rstrip("\n"),
    ]
    return "\n".join(lines)


def _marginal(m: MarginalFit, result: FitResult, t: _Text) -> list[str]:
    head = f"{m.kpi}: " + (t.label(m.table) if m.table else t("not_fitted"))
    lines = [head + f"  ({t.rows(m.rows)}, {t.people(m.people)})"]
    if m.table is None:
        return lines + ["  " + t("note", note=t.note(n)) for n in m.notes]
    seasons = {s.kpi: s for s in result.seasonality}
    unit = t.unit_for()
    typical = (
        t("typical", unit=unit)
        if m.kpi not in seasons or seasons[m.kpi].written is None
        else t("typical_season", unit=unit)
    )
    iv = m.intervals
    lines.append(
        "  " + t("median", typical=typical, value=t.num(m.median) + t.interval(iv.get("median")))
    )
    lines.append(
        "  "
        + t(
            "spread",
            low=t.num(m.p10) + t.interval(iv.get("p10")),
            high=t.num(m.p90) + t.interval(iv.get("p90")),
        )
    )
    if m.observed is not None:
        lo, mid, hi = m.observed
        lines.append("  " + t("observed", median=t.num(mid), low=t.num(lo), high=t.num(hi)))
    ranked = sorted((c for c in m.candidates if c.bic is not None), key=lambda c: c.bic or 0.0)
    if ranked:
        best = ranked[0].bic or 0.0
        shown = [f"{ranked[0].family} {t.w.num(best, ',.1f')}"] + [
            f"{c.family} +{t.w.num((c.bic or 0.0) - best, ',.1f')}" for c in ranked[1:]
        ]
        lines.append("  " + t("bic", shown=", ".join(shown)))
    skipped = [c for c in m.candidates if c.note]
    for c in skipped:
        lines.append("  " + t("not_tried", family=c.family, note=t.note(c.note)))
    if m.test is not None:
        test = m.test
        stat = (
            f"D = {t.fixed(test.statistic, 3)}"
            if test.test.startswith("Kolmogorov")
            else f"X2 = {t.w.num(test.statistic, ',.1f')} ({t('df', df=test.df)})"
        )
        verdict = t("rejected") if test.p_value < 0.01 else t("not_rejected")
        lines.append(
            "  "
            + t(
                "test",
                family=test.family,
                test=t.test_name(test.test),
                stat=stat,
                p=t.p(test.p_value),
                rows=t.rows(test.rows),
                people=t.people(test.people),
                verdict=verdict,
                reps=t.whole(test.reps) if t.ru else test.reps,
            )
        )
    for segment in result.segments:
        for s in segment.marginals:
            if s.kpi != m.kpi:
                continue
            if s.table is None:
                lines.append(
                    "  "
                    + t(
                        "segment_not_fitted",
                        name=segment.name,
                        notes="; ".join(t.note(n) for n in s.notes),
                    )
                )
                continue
            lines.append(
                "  "
                + t(
                    "segment",
                    name=segment.name,
                    rows=t.rows(s.rows),
                    people=t.people(s.people),
                    label=t.label(s.table),
                    median=t.num(s.median) + t.interval(s.intervals.get("median")),
                    low=t.num(s.p10),
                    high=t.num(s.p90),
                )
                + (
                    f"; {t.test_name(s.test.test)} {t.p(s.test.p_value)}"
                    if s.test is not None
                    else ""
                )
            )
            lines += ["    " + t("note", note=t.note(n)) for n in s.notes]
    lines += ["  " + t("note", note=t.note(n)) for n in m.notes]
    return lines


def _check(result: FitResult, t: _Text) -> list[str]:
    check = result.check
    assert check is not None
    lines = [
        t(
            "check",
            scheme=t.w("quoted", name=check.scheme),
            people=t.w.count(check.people, "person", genitive=True)
            if t.ru
            else t.people(check.people),
            periods=t.periods(check.periods),
            runs=t.whole(check.runs),
            seed=check.seed,
        ),
    ]
    rows = [("", t("replayed"), t("simulated"), t("simulated_range"))]
    for f in check.figures:
        if f.money:

            def money(v: float | None) -> str:
                if v is None:
                    return t.w("na")
                if t.ru:
                    return format_money(v, check.currency, check.rounding, "ru")
                return format_money(v, None, check.rounding)

            spread = (
                ""
                if f.low is None or f.high is None
                else t("range", low=money(f.low), high=money(f.high))
            )
            if t.ru:
                name = t.w.get("fit.report.figure." + f.name, f.name)
            else:
                name = f.name.replace("period", result.period_name)
            rows.append((name, money(f.replayed), money(f.simulated), spread))
        else:
            name = t.w.get("fit.report.figure." + f.name, f.name) if t.ru else f.name
            rows.append((name, t.pct(f.replayed), t.pct(f.simulated), ""))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        cells = f"  {r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:>{widths[2]}}"
        lines.append(f"{cells}  {r[3]:>{widths[3]}}".rstrip())
    if check.currency and not t.ru:
        lines.append(f"  amounts in {check.currency}")
    lines += ["  " + t("simulation_note", note=t.note(n)) for n in check.notes]
    return lines


def _count(count: int, unit: str) -> str:
    return f"{count:,} {unit}" + ("s" if count != 1 and not unit.endswith("s") else "")


def _label(table: Mapping[str, Any] | None) -> str:
    if table is None:
        return "none"
    kind = table["type"]
    if kind == "empirical":
        values = table["values"]
        return f"empirical({len(values):,} values from {_num(min(values))} to {_num(max(values))})"
    return f"{kind}(" + ", ".join(f"{k}={_num(v)}" for k, v in table.items() if k != "type") + ")"


def _interval(interval: Any, digits: int | None = None) -> str:
    if interval is None:
        return ""
    if digits is not None:
        return f" [{interval.low:.{digits}f} to {interval.high:.{digits}f}]"
    return f" [{_num(interval.low)} to {_num(interval.high)}]"


def _num(value: float | None) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    if abs(value) >= 1000:  # 4 significant digits: 8,726,000
        digits = 3 - math.floor(math.log10(abs(value)))
        return f"{round(value, digits):,.0f}"
    if value == int(value):
        return f"{int(value)}"
    return f"{value:.3g}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _p(value: float | None) -> str:
    """``p = 0.320``, ``p < 0.001``."""
    if value is None:
        return "p n/a"
    return f"p = {value:.3f}" if value >= 0.001 else "p < 0.001"
