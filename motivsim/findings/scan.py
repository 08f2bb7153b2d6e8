"""Scan pay along each controllable KPI for design mistakes (see :mod:`motivsim.findings.finding`
for the codes): :func:`find_issues` and its :class:`Scanner`."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from motivsim.errors import Location
from motivsim.findings.finding import (
    CAP_MIN_SHARE,
    CLIFF_SHARE,
    DEFAULT_SAMPLES,
    MAX_SAMPLES,
    Finding,
)
from motivsim.findings.finding import number_text as _num
from motivsim.formula import parser as ast
from motivsim.i18n import words
from motivsim.sampling.draws import draw_kpis
from motivsim.sampling.seeding import STREAM_FINDINGS, resolve_seed
from motivsim.scheme.load import as_scheme
from motivsim.scheme.money import format_money
from motivsim.search.grid import kpi_grid, on_support, realistic_range
from motivsim.validation import check_int

if TYPE_CHECKING:
    from motivsim.scheme.model import Scheme

__all__ = ["Scanner", "find_issues"]

FloatArray = npt.NDArray[np.float64]

#: Bisection steps that confirm a jump and locate a cap.
_BISECT: Final = 50
#: Halvings computed ahead in one call: pay at every point the next ``_AHEAD`` halvings of a
#: cell may visit (``2**_AHEAD - 1`` of them), so a third of the calls for the same steps.
_AHEAD: Final = 3
#: Relative width at which the bisection of a jump stops (the position is shown to 6 digits).
_WIDTH: Final = 1e-12
#: Quantiles of a KPI used to tell what share of periods go past a cap.
_QUANTILES: Final = 1000
#: Most cliffs reported per KPI (the largest jumps).
_MAX_CLIFFS: Final = 3


def find_issues(
    scheme: Scheme | str | Path, *, samples: int = DEFAULT_SAMPLES, seed: int | None = None
) -> tuple[Finding, ...]:
    """Scan ``scheme`` for pay-design mistakes (see the module docstring for the codes).

    Parameters
    ----------
    scheme : Scheme or path
        The scheme to scan (or the path of its TOML file).
    samples : int, default :data:`DEFAULT_SAMPLES`
        Base points per scanned KPI (each is a draw of the other KPIs).
    seed : int or None
        Fixes the base points; ``None`` draws a fresh seed.

    Returns
    -------
    tuple of Finding
        In a stable order: KPI by KPI (cliffs, falling pay, cap, payout above revenue),
        then negative and non-finite pay.

    Examples
    --------
    >>> import motivsim
    >>> scheme = motivsim.loads('''
    ... [scheme]
    ... name = "Retroactive bonus"
    ... [kpi.revenue]
    ... controllable = true
    ... distribution = { type = "uniform", low = 0, high = 2_000_000 }
    ... [formula]
    ... pay = "30_000 + if(revenue >= 1_000_000, 70_000, 0)"
    ... ''')
    >>> [f.code for f in find_issues(scheme, seed=1)]
    ['cliff']
    """
    scheme = as_scheme(scheme, caller="find_issues")
    samples = check_int(
        "samples", samples, least=2, most=MAX_SAMPLES, noun="an integer", show_name=True
    )
    return Scanner(scheme, samples, resolve_seed(seed)).run()


class Scanner:
    """Holds the base points and the reference pay; one method per kind of finding.

    ``Scanner(scheme, samples, seed).run()`` returns the findings (the codes are listed in
    :mod:`motivsim.findings.finding`).
    """

    def __init__(self, scheme: Scheme, samples: int, seed: int) -> None:
        self.scheme = scheme
        self.samples = samples
        self.seed = seed
        self.found: list[Finding] = []
        self.lang = scheme.language
        self.w = words(self.lang)

    def add(self, *args: Any, **kwargs: Any) -> None:
        """Keep a finding, in the scheme's language."""
        self.found.append(Finding(*args, **kwargs, language=self.lang))

    def num(self, value: float) -> str:
        """A KPI value as the scheme's language writes it."""
        return _num(value, self.lang)

    def run(self) -> tuple[Finding, ...]:
        base = self.base_points()
        if base is None:
            return tuple(self.found)
        self.base = base
        pay = self.pay(base)
        finite = pay[np.isfinite(pay)]
        self.scale = float(np.median(np.abs(finite))) if finite.size else 1.0
        self.scale = self.scale if self.scale > 0 else 1.0
        self.tol = 1e-9 * self.scale
        self.lowest: tuple[float, dict[str, float]] | None = None
        self.nonfinite: dict[str, float] | None = None
        self.note_extremes(base, pay)
        for name in self.scheme.pay_inputs:
            if self.scheme.kpis[name].controllable:
                self.scan(name)
        self.report_extremes()
        return tuple(self.found)

    # -- values ---------------------------------------------------------------------------
    def base_points(self) -> dict[str, FloatArray] | None:
        """Pay's KPIs: drawn (with ``[correlation]``'s rank correlations), else typical values."""
        scheme, n = self.scheme, self.samples
        dists = {k: scheme.kpis[k].distribution for k in scheme.pay_inputs}
        known = {k: d for k, d in dists.items() if d is not None}
        drawn = draw_kpis(scheme, known, n, seed=self.seed, stream=STREAM_FINDINGS) if known else {}
        base: dict[str, FloatArray] = {}
        for name in scheme.pay_inputs:
            typical = scheme.kpis[name].typical_value()
            if name in drawn:
                base[name] = drawn[name]
            elif typical is not None:
                base[name] = np.full(n, float(typical))
        missing = [k for k in scheme.pay_inputs if k not in base]
        if missing:
            w = self.w
            have = "scan.not_scanned.have_many" if len(missing) > 1 else "scan.not_scanned.have"
            self.add(
                "not-scanned",
                "info",
                w("scan.not_scanned", names=", ".join(missing), have=w(have)),
                w("scan.not_scanned.fix", name=missing[0]),
                kpi=missing[0],
                location=self.location(("kpi", missing[0])),
            )
            return None
        return base

    def pay(self, values: Mapping[str, Any]) -> FloatArray:
        """Pay for KPI ``values`` (arrays of one shape; a pay depending on no KPI is repeated)."""
        shapes = [np.shape(v) for v in values.values()] or [(self.samples,)]
        shape = np.broadcast_shapes(*shapes)
        pay = self.scheme.evaluate(values, check=False)["pay"]
        return np.array(np.broadcast_to(np.asarray(pay, dtype=np.float64), shape))

    def along(self, name: str, rows: npt.NDArray[np.intp], x: FloatArray) -> dict[str, Any]:
        """KPI values of base ``rows`` with ``name`` set to ``x`` (same shapes)."""
        return {k: (x if k == name else v[rows]) for k, v in self.base.items()}

    def example(self, name: str, row: int, x: float) -> dict[str, float]:
        return {k: (float(x) if k == name else float(v[row])) for k, v in self.base.items()}

    def location(self, key: tuple[str, ...]) -> Location | None:
        return self.scheme.source.location(key) if self.scheme.source else None

    def money(self, amount: float) -> str:
        return format_money(amount, self.scheme.currency, self.scheme.rounding, self.lang)

    # -- scanning one KPI -------------------------------------------------------------------
    def scan(self, name: str) -> None:
        kpi = self.scheme.kpis[name]
        bounds = realistic_range(kpi).bounds
        if bounds is None:
            return  # a constant KPI, or one with nothing to take a range from
        dist = kpi.distribution
        grid = kpi_grid(*bounds, dist)
        # the grid holds values the KPI takes (whole numbers, observed values): no bisection
        discrete = bool(dist is not None and dist.is_discrete and on_support(dist, grid).all())
        rows = np.repeat(np.arange(self.samples), grid.size)
        values = self.along(name, rows, np.tile(grid, self.samples))
        pay = self.pay(values)
        self.note_extremes(values, pay)
        pay = pay.reshape(self.samples, grid.size)
        ok = np.isfinite(pay[:, :-1]) & np.isfinite(pay[:, 1:])
        with np.errstate(invalid="ignore"):
            step = np.where(ok, np.diff(pay, axis=1), 0.0)
        cliffs = self.cliffs(name, grid, step, discrete)
        self.decreases(name, grid, step, pay)
        self.cap(name, grid, step, pay, cliffs, discrete)
        if name == self.scheme.revenue_kpi:
            self.payout(name, grid, step, cliffs)

    def cliffs(
        self, name: str, grid: FloatArray, step: FloatArray, discrete: bool
    ) -> npt.NDArray[np.bool_]:
        """Report jumps; return the mask of grid cells holding one."""
        big = step >= CLIFF_SHARE * self.scale
        if discrete:
            big &= _stands_out(step)
        rows, cells = np.nonzero(big)
        if rows.size == 0:
            return big
        a, b = grid[cells], grid[cells + 1]
        if not discrete:
            a, b = self.narrow(name, rows, a, b)
        pa = self.pay(self.along(name, rows, a))
        pb = self.pay(self.along(name, rows, b))
        jump = pb - pa
        real = jump >= CLIFF_SHARE * self.scale
        mask = np.zeros_like(big)
        mask[rows[real], cells[real]] = True
        self.report_cliffs(name, rows[real], a[real], b[real], pa[real], pb[real], discrete)
        return mask

    def narrow(
        self, name: str, rows: npt.NDArray[np.intp], a: FloatArray, b: FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """Bisect each cell ``[a, b]`` toward the half where pay changes most."""
        pa = self.pay(self.along(name, rows, a))
        pb = self.pay(self.along(name, rows, b))
        each = np.arange(rows.size)
        steps = 0
        while steps < _BISECT and not _located(a, b):
            x, inner = self.ahead(name, rows, a, b)
            pay = np.column_stack([pa, inner, pb])
            low, high = np.zeros_like(each), np.full_like(each, x.shape[1] - 1)
            for _ in range(_AHEAD):
                if steps == _BISECT or _located(x[each, low], x[each, high]):
                    break
                mid = (low + high) // 2
                right = np.abs(pay[each, high] - pay[each, mid]) >= np.abs(
                    pay[each, mid] - pay[each, low]
                )
                low, high = np.where(right, mid, low), np.where(right, high, mid)
                steps += 1
            a, pa, b, pb = x[each, low], pay[each, low], x[each, high], pay[each, high]
        return a, b

    def ahead(
        self, name: str, rows: npt.NDArray[np.intp], a: FloatArray, b: FloatArray
    ) -> tuple[FloatArray, FloatArray]:
        """Every point the next :data:`_AHEAD` halvings of each cell ``[a, b]`` may visit, in
        order and as bisection computes them, ``(rows, 2**_AHEAD + 1)``, and pay at those
        inside the cell ``(rows, 2**_AHEAD - 1)``, in one call."""
        x = np.column_stack([a, b])
        for _ in range(_AHEAD):
            halved = np.empty((x.shape[0], 2 * x.shape[1] - 1))
            halved[:, ::2] = x
            halved[:, 1::2] = (x[:, :-1] + x[:, 1:]) / 2
            x = halved
        inside = x[:, 1:-1]
        pay = self.pay(self.along(name, np.repeat(rows, inside.shape[1]), inside.ravel()))
        return x, pay.reshape(inside.shape)

    def report_cliffs(
        self,
        name: str,
        rows: npt.NDArray[np.intp],
        a: FloatArray,
        b: FloatArray,
        pa: FloatArray,
        pb: FloatArray,
        discrete: bool,
    ) -> None:
        at: dict[float, list[int]] = {}  # position -> the jumps there
        for i, position in enumerate(b):
            at.setdefault(float(f"{position:.6g}"), []).append(i)
        jump = pb - pa
        typical = {
            key: sorted(found, key=lambda i: jump[i])[len(found) // 2] for key, found in at.items()
        }  # the median jump at each position
        order = sorted(typical.items(), key=lambda kv: -jump[kv[1]])
        for position, i in order[:_MAX_CLIFFS]:
            before, after = (
                self.example(name, int(rows[i]), a[i]),
                self.example(name, int(rows[i]), b[i]),
            )
            w = self.w
            crossing = (
                w("scan.cliff.goes", a=self.num(a[i]), b=self.num(b[i]))
                if discrete
                else w("scan.cliff.reaches", x=self.num(position))
            )
            step = self.blame_jump(before, after)
            self.add(
                "cliff",
                "warning",
                w(
                    "scan.cliff",
                    jump=self.money(pb[i] - pa[i]),
                    before=self.money(pa[i]),
                    after=self.money(pb[i]),
                    kpi=name,
                    crossing=crossing,
                ),
                self.cliff_fix(step, name, position),
                step=step,
                kpi=name,
                location=self.step_location(step),
                example=after,
            )

    def cliff_fix(self, step: str, name: str, position: float) -> str:
        tiers = step in self.scheme.step_names and _calls(self.scheme.step(step).tree, "step")
        if tiers:
            return self.w("scan.cliff.fix.tiers")
        return self.w("scan.cliff.fix", kpi=name, at=_num(position).replace(",", "_"))

    def decreases(self, name: str, grid: FloatArray, step: FloatArray, pay: FloatArray) -> None:
        falls, rises = step < -self.tol, step > self.tol
        if not falls.any() or not rises.any():
            return  # monotone: fine, or a deliberate "lower is better" KPI
        row, cell = np.unravel_index(int(np.argmin(step)), step.shape)
        before = self.example(name, int(row), grid[cell])
        after = self.example(name, int(row), grid[cell + 1])
        step_name = self.blame_fall(before, after)
        share = falls.any(axis=1).mean()
        self.add(
            "pay-decreases",
            "warning",
            self.w(
                "scan.decreases",
                a=self.money(pay[row, cell]),
                b=self.money(pay[row, cell + 1]),
                kpi=name,
                x=self.num(grid[cell]),
                y=self.num(grid[cell + 1]),
                share=self.w.pct(share, 0),
            ),
            self.w("scan.decreases.fix", kpi=name),
            step=step_name,
            kpi=name,
            location=self.step_location(step_name),
            example=after,
        )

    def cap(
        self,
        name: str,
        grid: FloatArray,
        step: FloatArray,
        pay: FloatArray,
        cliffs: npt.NDArray[np.bool_],
        discrete: bool,
    ) -> None:
        rising = step > self.tol
        last = np.where(
            rising.any(axis=1), step.shape[1] - 1 - np.argmax(rising[:, ::-1], axis=1), -1
        )
        after_last = np.arange(step.shape[1]) > last[:, None]
        flat_tail = ~np.any(after_last & (np.abs(step) > self.tol), axis=1)
        rows = np.flatnonzero((last >= 0) & (last < step.shape[1] - 1) & flat_tail)
        ramp = np.sum(rising & ~cliffs, axis=1) >= 2  # pay grew steadily somewhere before:
        rows = rows[ramp[rows]]  # a cap, not just a threshold bonus
        if rows.size == 0:
            return
        cells = last[rows]
        start = grid[cells + 1] if discrete else self.cap_start(name, rows, grid, cells, pay)
        share = self.share_beyond(name, start)
        if share is not None and share < CAP_MIN_SHARE:
            return
        i = int(np.argsort(start)[start.size // 2])  # the median cap level
        top = self.example(name, int(rows[i]), grid[-1])
        at_cap = self.example(name, int(rows[i]), start[i])
        past_cap = self.example(name, int(rows[i]), start[i] + 0.01 * (grid[-1] - start[i]))
        step_name = self.blame_cap(past_cap, top)
        w = self.w
        reach = w("scan.cap.reach", share=w.pct(share, 0)) if share is not None else ""
        self.add(
            "cap",
            "warning",
            w(
                "scan.cap",
                kpi=name,
                x=self.num(start[i]),
                amount=self.money(pay[rows[i], -1]),
                reach=reach,
            ),
            w("scan.cap.fix"),
            step=step_name,
            kpi=name,
            location=self.step_location(step_name),
            example=at_cap,
        )

    def share_beyond(self, name: str, start: FloatArray) -> float | None:
        """The share of periods past each row's cap, averaged over all base rows."""
        dist = self.scheme.kpis[name].distribution
        if dist is None:
            return None
        quantiles = dist.ppf((np.arange(_QUANTILES) + 0.5) / _QUANTILES)
        past = np.mean(quantiles[None, :] >= start[:, None], axis=1)
        return float(past.sum()) / self.samples

    def cap_start(
        self,
        name: str,
        rows: npt.NDArray[np.intp],
        grid: FloatArray,
        cells: npt.NDArray[np.intp],
        pay: FloatArray,
    ) -> FloatArray:
        """The smallest value of ``name`` in each last rising cell where pay is at its top."""
        a, b = grid[cells], grid[cells + 1]
        top = pay[rows, -1]
        each = np.arange(rows.size)
        steps = 0
        while steps < _BISECT and not _located(a, b):
            x, inner = self.ahead(name, rows, a, b)
            at_top = inner >= (top - self.tol)[:, None]  # at the points inside, x[:, 1:-1]
            low, high = np.zeros_like(each), np.full_like(each, x.shape[1] - 1)
            for _ in range(_AHEAD):
                if steps == _BISECT or _located(x[each, low], x[each, high]):
                    break
                mid = (low + high) // 2
                up = at_top[each, mid - 1]
                low, high = np.where(up, low, mid), np.where(up, mid, high)
                steps += 1
            a, b = x[each, low], x[each, high]
        return b

    def payout(
        self, name: str, grid: FloatArray, step: FloatArray, cliffs: npt.NDArray[np.bool_]
    ) -> None:
        slope = np.where(cliffs, 0.0, step / np.diff(grid))
        if not (slope > 1 + 1e-9).any():
            return
        row, cell = np.unravel_index(int(np.argmax(slope)), slope.shape)
        before = self.example(name, int(row), grid[cell])
        after = self.example(name, int(row), grid[cell + 1])
        step_name = self.blame_rise(before, after)
        w = self.w
        self.add(
            "payout-above-revenue",
            "warning",
            w(
                "scan.payout",
                kpi=name,
                a=self.num(grid[cell]),
                b=self.num(grid[cell + 1]),
                slope=w.num(slope[row, cell], ".2f"),
            ),
            w("scan.payout.fix", kpi=name, full=w.pct(1, 0)),
            step=step_name,
            kpi=name,
            location=self.step_location(step_name),
            example=after,
        )

    # -- negative and non-finite pay ------------------------------------------------------------
    def note_extremes(self, values: Mapping[str, Any], pay: FloatArray) -> None:
        bad = ~np.isfinite(pay)
        if bad.any() and self.nonfinite is None:
            i = int(np.argmax(bad))
            self.nonfinite = {k: float(np.broadcast_to(v, pay.shape)[i]) for k, v in values.items()}
        masked = np.where(bad, np.inf, pay)
        i = int(np.argmin(masked))
        if masked[i] < -self.tol and (self.lowest is None or masked[i] < self.lowest[0]):
            example = {k: float(np.broadcast_to(v, pay.shape)[i]) for k, v in values.items()}
            self.lowest = (float(masked[i]), example)

    def report_extremes(self) -> None:
        w = self.w
        if self.lowest is not None:
            amount, example = self.lowest
            shown = ", ".join(f"{k} = {self.num(v)}" for k, v in example.items())
            self.add(
                "negative-pay",
                "warning",
                w("scan.negative", amount=self.money(amount), values=shown),
                w("scan.negative.fix", pay=self.scheme.pay_name),
                step="pay",
                location=self.step_location("pay"),
                example=example,
            )
        if self.nonfinite is not None:
            shown = ", ".join(f"{k} = {self.num(v)}" for k, v in self.nonfinite.items())
            self.add(
                "not-finite",
                "warning",
                w("scan.not_finite", values=shown),
                w("scan.not_finite.fix"),
                step="pay",
                location=self.step_location("pay"),
                example=self.nonfinite,
            )

    # -- which step is to blame -------------------------------------------------------------------
    def steps_at(self, values: Mapping[str, float]) -> dict[str, float]:
        arrays = {k: np.array([v]) for k, v in values.items()}
        return {
            k: float(np.asarray(v, dtype=np.float64).ravel()[0])
            for k, v in self.scheme.evaluate(arrays, check=False).items()
        }

    def numeric_steps(self) -> list[str]:
        return [s.name for s in self.scheme.steps if not s.is_bool]

    def blame_jump(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        x, y = self.steps_at(before), self.steps_at(after)
        for name in self.numeric_steps():
            if abs(y[name] - x[name]) > 1e-6 * (abs(x[name]) + abs(y[name])):
                return name
        return "pay"

    def blame_fall(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        """The first step (in order) whose value falls."""
        x, y = self.steps_at(before), self.steps_at(after)
        return next((n for n in self.numeric_steps() if y[n] - x[n] < -self.tol), "pay")

    def blame_rise(self, before: Mapping[str, float], after: Mapping[str, float]) -> str:
        """The step, other than pay, that rises the most."""
        x, y = self.steps_at(before), self.steps_at(after)
        rises = {n: y[n] - x[n] for n in self.numeric_steps() if n != "pay"}
        best = max(rises, key=lambda n: rises[n], default=None)
        return best if best is not None and rises[best] > self.tol else "pay"

    def blame_cap(self, at_cap: Mapping[str, float], top: Mapping[str, float]) -> str:
        x, y = self.steps_at(at_cap), self.steps_at(top)
        values_x = {**at_cap, **x}
        values_y = {**top, **y}
        for item in reversed(self.scheme.steps):
            if item.is_bool or abs(y[item.name] - x[item.name]) > self.tol:
                continue
            moving = [
                d
                for d in item.depends
                if d in values_x and abs(values_y[d] - values_x[d]) > 1e-9 * (abs(values_x[d]) + 1)
            ]
            if moving:
                return item.name
        return "pay"

    def step_location(self, step: str | None) -> Location | None:
        return self.location(("formula", step)) if step else None


def _located(a: FloatArray, b: FloatArray) -> bool:
    """Whether every cell ``[a, b]`` is 12 digits narrow (closer would only land on the
    threshold itself): the bisections stop there."""
    return bool(np.all(b - a <= _WIDTH * np.maximum(np.abs(b), 1.0)))


def _calls(node: Any, func: str) -> bool:
    """Whether the syntax tree ``node`` calls ``func`` anywhere."""
    if isinstance(node, ast.Call):
        return node.func == func or any(_calls(a, func) for a in node.args)
    children = [getattr(node, a) for a in ("left", "right", "operand") if hasattr(node, a)]
    children += list(getattr(node, "items", ()))
    return any(_calls(c, func) for c in children)


def _stands_out(step: FloatArray) -> npt.NDArray[np.bool_]:
    """Unit steps of a whole-number KPI larger than twice the row's typical rising step.

    A steady amount per unit (1,500 per new client) is a rate, not a cliff; a bonus that
    comes all at once at the 10th car is.
    """
    rising = np.where(step > 0, step, np.nan)
    counts = np.sum(step > 0, axis=1, keepdims=True)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        typical = np.nanmedian(rising, axis=1, keepdims=True)
    return (counts <= 1) | (step > 2 * np.nan_to_num(typical))
