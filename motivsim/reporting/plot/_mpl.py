"""matplotlib, imported on demand: the install hint when it is missing, and the shared look."""

from __future__ import annotations

import textwrap
from typing import Any, Final

from motivsim.errors import MotivsimError
from motivsim.i18n import DEFAULT_LANGUAGE, words
from motivsim.reporting.plot.markers import format_number
from motivsim.scheme.money import currency_text

__all__ = [
    "INSTALL_COMMAND",
    "MissingDependencyError",
    "axes_budget",
    "char_budget",
    "money_axis",
    "new_axes",
    "percent_axis",
    "plain",
    "require_matplotlib",
    "wrap_text",
]

#: The command that installs what pictures need.
INSTALL_COMMAND: Final = "pip install 'motivsim[plot]'"

#: Figure size in inches (width, height) of one chart.
FIGSIZE: Final = (10.0, 5.6)

COLORS: Final = {
    "pay": "#1f4e79",
    "old": "#8c8c8c",
    "met": "#2e7d32",
    "missed": "#c62828",
    "bracket": "#757575",
    "threshold": "#6a1b9a",
    "cap": "#e65100",
    "floor": "#e65100",
    "plan": "#000000",
}


class MissingDependencyError(MotivsimError, ImportError):
    """An optional extra (matplotlib, for pictures) is missing; the message says what to install."""


def require_matplotlib() -> Any:
    """The :mod:`matplotlib` module, or :class:`MissingDependencyError` with the install command."""
    try:
        import matplotlib
        import matplotlib.figure
        import matplotlib.ticker
    except ImportError:
        raise MissingDependencyError(
            f"pictures need matplotlib, which is not installed; install it with: {INSTALL_COMMAND}",
            hint="or: pip install matplotlib",
        ) from None
    return matplotlib


def new_axes(ax: Any, *, figsize: tuple[float, float] = FIGSIZE) -> Any:
    """``ax`` itself, or the axes of a new pyplot figure (shown inline in notebooks)."""
    require_matplotlib()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def standalone_figure(*, nrows: int = 1, figsize: tuple[float, float] = FIGSIZE) -> Any:
    """A figure outside pyplot's registry (for files: nothing to close, no GUI backend)."""
    mpl = require_matplotlib()
    fig = mpl.figure.Figure(figsize=figsize, layout="constrained")
    if nrows:
        fig.subplots(nrows, 1)
    return fig


def money_axis(axis: Any, language: str = DEFAULT_LANGUAGE) -> None:
    """Tick labels with thousands separators (``1,500,000``; Russian ``1 500 000``) on
    ``axis`` (e.g. ``ax.xaxis``)."""
    mpl = require_matplotlib()
    axis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _pos: format_number(v, language)))


def percent_axis(axis: Any, language: str = DEFAULT_LANGUAGE) -> None:
    """Tick labels as whole percents (``80%``; Russian ``80 %``) on ``axis``."""
    mpl = require_matplotlib()
    w = words(language)
    axis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _pos: w.pct(v, 0)))


#: Longest line of text drawn in a picture; longer ones (a 100,000-character scheme name) are cut
#: with "…": a picture has no room for them, and laying them out takes matplotlib seconds.
MAX_LABEL_CHARS: Final = 100


#: Longest scheme name in a title (the rest of the title must still fit).
MAX_NAME_CHARS: Final = 60


def short(name: str, limit: int = MAX_NAME_CHARS) -> str:
    """``name``, cut to ``limit`` characters with "…" when it is longer (for titles)."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def plain(text: str) -> str:
    """``text`` as literal text for matplotlib: a ``$`` in a scheme's name never starts mathtext,
    and each line is at most :data:`MAX_LABEL_CHARS` characters long (longer ones are cut)."""
    lines = [
        line if len(line) <= MAX_LABEL_CHARS else line[: MAX_LABEL_CHARS - 1] + "…"
        for line in text.split("\n")
    ]
    return "\n".join(lines).replace("$", r"\$")


def quantity_label(name: str, unit: str, description: str = "") -> str:
    """``revenue, RUB — Revenue from cars sold`` for an axis (``deals``, not ``deals, deals``,
    when the unit is the name)."""
    same = unit.strip().casefold() == name.strip().casefold()
    text = f"{name}, {unit}" if unit and not same else name
    return plain(f"{text} — {description}" if description and description != name else text)


def pay_label(currency: str | None, period: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """``pay, RUB per month`` for an axis (Russian ``зарплата, ₽ за месяц``)."""
    w = words(language)
    unit = currency_text(currency, language) if currency else ""
    if period:
        unit = f"{unit} {w('per', period=w.period(period).accusative)}".strip()
    return plain(w("plot.pay_axis", unit=unit) if unit else w("plot.pay"))


#: Width of an average character of a title, in ems (DejaVu Sans: lower-case Latin and Cyrillic
#: letters are 0.5-0.65 em, digits 0.64, capitals up to 0.8): a little generous, so a wrapped
#: line fits even when it is rich in wide letters.
CHAR_EM: Final = 0.62
#: Fewest characters a title line is given, however narrow the picture.
MIN_BUDGET: Final = 20


def char_budget(width_inches: float, fontsize: float) -> int:
    """Characters of ``fontsize`` points that fit in ``width_inches`` (at least
    :data:`MIN_BUDGET`, at most :data:`MAX_LABEL_CHARS`)."""
    fits = int(width_inches * 72 / (fontsize * CHAR_EM))
    return max(MIN_BUDGET, min(MAX_LABEL_CHARS, fits))


def axes_budget(ax: Any, fontsize: float) -> int:
    """Characters of a left-aligned title of ``ax`` that fit between the axes' left edge and the
    figure's right edge (the axes' position before layout, which only ever widens them)."""
    fig = ax.figure
    width = fig.get_figwidth() * (1.0 - max(0.0, ax.get_position().x0)) - 0.15
    return char_budget(width, fontsize)


def wrap_text(text: str, budget: int) -> str:
    """``text`` with each line wrapped at spaces to at most ``budget`` characters (a word longer
    than that is split), so a long subtitle or scheme name is never cut at the figure's edge."""
    lines: list[str] = []
    for line in text.split("\n"):
        lines += textwrap.wrap(
            line,
            width=budget,
            break_on_hyphens=False,
            subsequent_indent="  ",
        ) or [""]
    return "\n".join(lines)
