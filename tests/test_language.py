"""Reports in the scheme's language: the catalogue, Russian plurals and numbers, and every command,
the HTML report and the pictures of a Russian scheme with no English word left.

The completeness tests run each command on ``schemes/dealership_ru.toml`` (and on a Russian team
scheme built from it: segments with plans of their own, a correlation, ``[scheme] pay``) and
look for Latin words in what they print. Allowed are only what the user wrote in the scheme file
(its names, units, distribution types), file names and paths, command names and options
(``--samples``), TOML tables (``[kpi]``), finding codes (``[cliff]``), formula functions
(``step``, ``min``) and percentile names (``P95``).
"""

from __future__ import annotations

import html
import json
import re
import string
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import motivsim
from motivsim.cli.app import main
from motivsim.i18n import LANGUAGES, NBSP, plural_index, words
from motivsim.i18n.catalogue import MESSAGES, NOUNS, PERIODS
from motivsim.scheme.money import format_money, format_value

ROOT = Path(__file__).resolve().parent.parent
RU = ROOT / "schemes" / "dealership_ru.toml"
EN = ROOT / "schemes" / "dealership.toml"

#: Words of commands, options, TOML tables, configuration keys, finding codes and formula
#: functions: code, the same in every language.
CODE = frozenset(
    {
        "motivsim",
        "python",
        "check",
        "simulate",
        "plot",
        "report",
        "compare",
        "lint",
        "explain",
        "tune",
        "fit",
        "kpi",
        "team",
        "params",
        "formula",
        "principles",
        "correlation",
        "scheme",
        "plan_met",
        "hitter",
        "non_hitter",
        "distribution",
        "typical",
        "step",
        "marginal",
        "interp",
        "min",
        "max",
        "if",
        "cliff",
        "cap",
        "timing",
        "pay-decreases",
        "negative-pay",
        "not-finite",
        "payout-above-revenue",
        "not-scanned",
        "percent-rate",
        "tier-drops",
        "tier-decelerates",
        "bracket-gap",
        "bracket-overlap",
        "unused-kpi",
        "unused-param",
        "unused-step",
        "OLD",
        "NEW",
    }
)

TEAM_RU = (
    RU.read_text(encoding="utf-8")  # its total is "выплата" already
    + """
[[team.segment]]
name = "опытные"
count = 3
params = { "план" = 12_000_000 }
kpi."выручка" = { type = "lognormal", median = 12_500_000, sigma = 0.25 }
kpi."продано_машин" = { type = "poisson", mean = 10 }

[[team.segment]]
name = "новички"
count = 4
params = { "план" = 7_000_000 }
kpi."выручка" = { type = "lognormal", median = 6_500_000, sigma = 0.4 }
kpi."продано_машин" = { type = "poisson", mean = 6 }

[correlation]
"выручка:продано_машин" = 0.7
"""
)


@pytest.fixture
def team_ru(tmp_path: Path) -> Path:
    path = tmp_path / "team_ru.toml"
    path.write_text(TEAM_RU, encoding="utf-8")
    return path


@pytest.fixture
def cheaper_ru(tmp_path: Path) -> Path:
    """dealership_ru.toml with a smaller base and a higher plan: a pay cut to compare."""
    text = RU.read_text(encoding="utf-8")
    text = text.replace('"оклад" = 15_000', '"оклад" = 12_000')
    text = text.replace('"план" = 10_000_000', '"план" = 11_000_000')
    path = tmp_path / "cheaper_ru.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][A-Za-z_0-9\-]*[A-Za-z0-9_]|[A-Za-z]", text))


def english_left(text: str, *schemes: Path) -> set[str]:
    """The Latin words of ``text`` that are neither code nor written by the user in
    ``schemes`` (their text), nor part of a file path."""
    for scheme in schemes:
        text = text.replace(str(scheme), " ")
        if scheme.is_relative_to(ROOT):
            text = text.replace(str(scheme.relative_to(ROOT)), " ")
    text = re.sub(r"\S*/\S+\.(?:toml|html|png|csv)", " ", text)  # other files
    text = re.sub(r"--[a-z][a-z-]*", " ", text)  # options
    text = re.sub(r"\bP\d+(?:\.\d+)?\b", " ", text)  # percentiles
    allowed = set(CODE)
    for scheme in schemes:
        allowed |= _tokens(scheme.read_text(encoding="utf-8"))
    return {t for t in _tokens(text) if len(t) > 1 and t not in allowed}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return out


# -- the catalogue ----------------------------------------------------------------------------
def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_message_has_every_language_and_the_same_placeholders() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() or ".have" in key for text in texts.values()), key
        assert _fields(texts["en"]) == _fields(texts["ru"]), key


def test_every_noun_has_its_plural_forms() -> None:
    for noun, forms in NOUNS.items():
        assert len(forms["en"]) == 2, noun
        assert len(forms["ru"]) == 3, noun


def test_the_exactness_sentence_is_the_formula_layers() -> None:
    from motivsim.formula.certified import EXACTNESS

    assert words("en")("exactness") == EXACTNESS


# -- plurals, periods, numbers ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "manager", "month", "run", "period"),
    [
        (1, "менеджер", "месяц", "прогон", "период"),
        (2, "менеджера", "месяца", "прогона", "периода"),
        (5, "менеджеров", "месяцев", "прогонов", "периодов"),
        (11, "менеджеров", "месяцев", "прогонов", "периодов"),
        (12, "менеджеров", "месяцев", "прогонов", "периодов"),
        (21, "менеджер", "месяц", "прогон", "период"),
        (22, "менеджера", "месяца", "прогона", "периода"),
        (25, "менеджеров", "месяцев", "прогонов", "периодов"),
        (111, "менеджеров", "месяцев", "прогонов", "периодов"),
        (0, "менеджеров", "месяцев", "прогонов", "периодов"),
    ],
)
def test_russian_plurals(n: int, manager: str, month: str, run: str, period: str) -> None:
    w = words("ru")
    assert w.plural(n, "manager") == manager
    assert w.plural(n, "run") == run
    assert w.plural(n, "period") == period
    assert w.period("месяц").plural(n) == month
    assert w.period("month").count(n) == f"{n} {month}"


def test_plural_rule_and_fractions() -> None:
    assert [plural_index(n, "ru") for n in (1, 2, 4, 5, 14, 21, 24, 1.5)] == [
        0,
        1,
        1,
        2,
        2,
        0,
        1,
        1,
    ]
    assert [plural_index(n, "en") for n in (0, 1, 2)] == [1, 0, 1]
    w = words("ru")
    assert w.limit(3) == "в 3 раза"
    assert w.limit(5) == "в 5 раз"
    assert w.limit(2.5) == "в 2,5 раза"
    assert w.count(21, "manager", genitive=True) == "21 менеджера"  # из 21 менеджера
    assert w.count(5, "manager", genitive=True) == "5 менеджеров"


@pytest.mark.parametrize(
    ("word", "forms", "accusative"),
    [
        ("месяц", ("месяц", "месяца", "месяцев"), "месяц"),
        ("quarter", ("квартал", "квартала", "кварталов"), "квартал"),
        ("неделя", ("неделя", "недели", "недель"), "неделю"),
        ("Year", ("год", "года", "лет"), "год"),
    ],
)
def test_period_names(word: str, forms: tuple[str, ...], accusative: str) -> None:
    period = words("ru").period(word)
    assert tuple(period.plural(n) for n in (1, 2, 5)) == forms
    assert period.accusative == accusative
    assert period.manager_periods(5) == f"менеджеро-{forms[2]}"
    assert word.casefold() in PERIODS


def test_a_period_russian_cannot_inflect_stays_as_written() -> None:
    assert words("ru").period("смена").count(12) == "12 × смена"
    assert words("en").period("месяц").count(12) == "12 × месяц"  # English: as before
    assert words("en").period("month").count(12) == "12 months"


def test_number_formatting() -> None:
    assert format_money(1_234_567.891, "RUB") == "1,234,567.89 RUB"  # English: unchanged
    assert format_money(1_234_567.891, "RUB", language="ru") == f"1{NBSP}234{NBSP}567,89{NBSP}₽"
    assert format_money(1_234.5, "USD", language="ru") == f"1{NBSP}234,50{NBSP}USD"
    assert format_money(-0.5, None, language="ru") == "-0,50"
    assert format_money(float("nan"), "RUB", language="ru") == "н/д"
    assert format_value(Fraction(3, 2), language="ru") == "1,5"
    assert format_value(Fraction(1, 3), language="ru") == "≈0,333333"
    assert format_value(True, language="ru") == "да"
    w = words("ru")
    assert w.pct(0.442) == f"44,2{NBSP}%"
    assert w.num(1234567.5, ",.1f") == f"1{NBSP}234{NBSP}567,5"
    assert w.times(3.5712) == "в 3,57 раза"
    assert words("en").times(3.5712) == "3.57x"


# -- the commands, in Russian ----------------------------------------------------------------
def test_check_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "check", str(RU), "--seed", "1", "--samples", "2000")
    assert not english_left(out, RU), english_left(out, RU)
    assert "Итог: ПРОВЕРКА ПРОЙДЕНА (соблюдено принципов: 3 из 3; 7 предупреждений)" in out
    assert "Повторить этот расчёт: python -m motivsim check" in out
    assert f"15{NBSP}000,00{NBSP}₽" in out
    assert "СОБЛЮДЁН" in out
    assert "PASS" not in out
    quiet = run(capsys, "check", str(RU), "--seed", "1", "--samples", "2000", "-q")
    assert not english_left(quiet, RU), quiet


def test_team_check_in_russian(capsys: pytest.CaptureFixture[str], team_ru: Path) -> None:
    out = run(capsys, "check", str(team_ru), "--seed", "1", "--samples", "2000")
    assert not english_left(out, team_ru), english_left(out, team_ru)
    assert "менеджеро-месяцев" in out
    assert "по сегментам" in out


@pytest.mark.parametrize("extra", [(), ("--periods", "12")])
def test_simulate_in_russian(
    capsys: pytest.CaptureFixture[str], team_ru: Path, extra: tuple[str, ...]
) -> None:
    for scheme in (RU, team_ru):
        argv = ["simulate", str(scheme), "--seed", "2", "--runs", "2000", *extra]
        out = run(capsys, *argv, "--percentiles", "10,90")
        assert not english_left(out, scheme), english_left(out, scheme)
        assert "ФОТ команды за месяц" in out
        quiet = run(capsys, *argv, "-q")
        assert not english_left(quiet, scheme), quiet


def test_lint_and_explain_in_russian(capsys: pytest.CaptureFixture[str], team_ru: Path) -> None:
    for scheme in (RU, team_ru):
        for argv in (("lint", str(scheme)), ("explain", str(scheme))):
            for quiet in ((), ("-q",)):
                out = run(capsys, *argv, *quiet)
                assert not english_left(out, scheme), (argv, english_left(out, scheme))
    out = run(capsys, "explain", str(team_ru), "--segment", "новички")
    assert out.startswith(f"Сегмент: новички (параметры: план = 7{NBSP}000{NBSP}000)")


FAULTY_RU = """
[scheme]
name = "Схема с ошибками"
currency = "RUB"
period = "месяц"
language = "ru"
revenue_kpi = "выручка"

[kpi."выручка"]
controllable = true
min = 0
distribution = { type = "uniform", low = 0, high = 2_000_000 }

[kpi."возвраты"]
controllable = true
distribution = { type = "uniform", low = 0, high = 10 }

[kpi."лишний_показатель"]
controllable = true

[params]
"ставка_процент" = 5
"лишний" = 1

[formula]
"выполнение" = "выручка / 1_000_000"
"премия" = "if(выполнение < 0.9, 1_000, 0) + if(выполнение >= 0.91 and выполнение < 1.2, 2_000, 0)"
"шкала" = "step(выполнение, [1.0], [2_000, 1_000])"
"ненужный" = "выручка * 2"
pay = "ставка_процент * выручка + премия + шкала - 100_000 * возвраты"
"""


def test_lint_findings_of_every_kind_in_russian(tmp_path: Path) -> None:
    path = tmp_path / "faulty.toml"
    path.write_text(FAULTY_RU, encoding="utf-8")
    report = motivsim.lint(path)
    codes = {f.code for f in report.findings}
    assert codes >= {"percent-rate", "unused-param", "unused-kpi", "unused-step", "bracket-gap"}
    assert codes & {"negative-pay", "payout-above-revenue", "tier-drops", "pay-decreases"}
    shown = str(report) + "\n".join(str(f) for f in report.findings)
    assert not english_left(shown, path), english_left(shown, path)


def test_compare_in_russian(
    capsys: pytest.CaptureFixture[str], cheaper_ru: Path, team_ru: Path
) -> None:
    argv = ["compare", str(RU), str(cheaper_ru), "--seed", "1", "--samples", "2000"]
    for extra in ((), ("--max-cut", "5%"), ("--max-cut", "5%", "--among", "P10..P90")):
        out = run(capsys, *argv, *extra)
        assert not english_left(out, RU, cheaper_ru), english_left(out, RU, cheaper_ru)
        quiet = run(capsys, *argv, *extra, "-q")
        assert not english_left(quiet, RU, cheaper_ru), quiet
    assert "Наибольшее найденное снижение зарплаты: при выручка=" in out
    out = run(capsys, "compare", str(team_ru), str(team_ru), "--seed", "1", "--samples", "500")
    assert not english_left(out, team_ru), english_left(out, team_ru)
    assert "Изменений нет" in out


def _page_text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    alts = " ".join(re.findall(r'alt="([^"]*)"', page))
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page + " " + alts)


def test_report_in_russian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, team_ru: Path
) -> None:
    pytest.importorskip("matplotlib")
    for scheme, extra in ((RU, ()), (team_ru, ("--periods", "12"))):
        out = tmp_path / "report.html"
        printed = run(
            capsys,
            "report",
            str(scheme),
            "--out",
            str(out),
            "--samples",
            "2000",
            "--runs",
            "1000",
            *extra,
        )
        assert not english_left(printed, scheme), printed
        page = out.read_text(encoding="utf-8")
        assert '<html lang="ru">' in page
        text = _page_text(page)
        assert not english_left(text, scheme), english_left(text, scheme)
        assert "Расчёт зарплаты типичного менеджера" in text


def _figure_texts(fig: Any) -> str:
    import matplotlib.text

    fig.canvas.draw()
    return "\n".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_pictures_in_russian(team_ru: Path) -> None:
    pytest.importorskip("matplotlib")
    from motivsim.reporting import plot
    from motivsim.reporting.plot._mpl import standalone_figure

    ru, team = motivsim.load(RU), motivsim.load(team_ru)
    cheaper = motivsim.loads(
        RU.read_text(encoding="utf-8").replace('"оклад" = 15_000', '"оклад" = 12_000')
    )
    drawings = [
        lambda fig: plot.draw_curve(plot.curve_data(ru, samples=2000), ax=fig.subplots()),
        lambda fig: plot.draw_team_curves(
            plot.team_curve_data(team, samples=2000), ax=fig.subplots()
        ),
        lambda fig: plot.draw_distribution(plot.distribution_data(team, runs=1000), fig=fig),
        lambda fig: plot.draw_compare(
            *plot.compare_data(ru, cheaper, samples=2000), ax=fig.subplots()
        ),
    ]
    for draw in drawings:
        fig = standalone_figure(nrows=0)
        draw(fig)
        text = _figure_texts(fig)
        assert not english_left(text, RU, team_ru), english_left(text, RU, team_ru)
    fig = standalone_figure(nrows=0)
    ax = plot.draw_curve(plot.curve_data(ru, samples=2000), ax=fig.subplots())
    fig.canvas.draw()
    assert ax.get_ylabel() == "зарплата, ₽ за месяц"
    assert f"5{NBSP}000{NBSP}000" in [t.get_text() for t in ax.get_xticklabels()]


def test_plot_command_in_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "curve.png"
    printed = run(capsys, "plot", str(RU), "--out", str(out), "--samples", "2000")
    assert printed.startswith("записан файл ")
    assert not english_left(printed, RU), printed
    from motivsim.reporting.plot import curve_data, distribution_data

    for data in (curve_data(RU, samples=2000), distribution_data(RU, runs=500)):
        assert not english_left(str(data), RU), english_left(str(data), RU)


# -- --lang and JSON ---------------------------------------------------------------------------
def test_lang_en_gives_english_on_the_russian_scheme(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "check", str(RU), "--seed", "1", "--samples", "2000", "--lang", "en")
    assert "Verdict: PASS (3 of 3 principles hold; 7 warnings)" in out
    assert out.rstrip().endswith("--seed 1 --samples 2000 --lang en")
    assert "15,000.00 RUB" in out
    assert "₽" not in out
    assert "СОБЛЮДЁН" not in out
    out = run(capsys, "explain", str(RU), "--lang", "en")
    assert "Total pay: 129,000.00 RUB  (exact pay rounded once to cents, half-up)" in out
    out = run(capsys, "simulate", str(RU), "--runs", "500", "--seed", "1", "--lang", "en")
    assert out.startswith("Simulation of 'Менеджер по продажам автосалона' (RUB per месяц)")


def test_lang_ru_gives_russian_on_an_english_scheme(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "check", str(EN), "--seed", "1", "--samples", "2000", "--lang", "ru")
    assert out.startswith("Проверка схемы: ")
    assert "₽" in out


def test_json_keeps_english_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "check", str(RU), "--seed", "1", "--samples", "2000", "--json"))
    assert data["schema"] == "motivsim.check/1"
    assert data["passed"] is True
    ratio = data["results"][0]
    assert ratio["name"] == "ratio"
    assert ratio["title"].startswith("Выполнившие план")
    assert data["warnings"][0]["code"] == "cliff"
    plain = json.loads(
        run(capsys, "check", str(RU), "--seed", "1", "--samples", "2000", "--json", "--lang", "en")
    )
    assert plain["results"][0]["value"] == ratio["value"]  # numbers do not depend on the language


def test_the_library_writes_the_schemes_language() -> None:
    report = motivsim.check(RU, samples=2000, seed=1)
    assert report.language == "ru"
    assert str(report).startswith("Проверка схемы")
    result = motivsim.simulate(motivsim.load(RU), runs=500, seed=1)
    assert str(result).startswith("Моделирование: «Менеджер по продажам автосалона» (₽ за месяц)")


# -- fit and tune, in Russian: their notes and what binds ------------------------------------------
#: Words of a fit report that are code: distribution families and their parameters (the scheme's
#: ``distribution`` tables), the TOML keys it writes, BIC, the chi-square statistic's name and
#: the placeholders of ``--into SCHEME`` and ``motivsim fit HISTORY``.
FIT_CODE = frozenset(
    {
        "normal",
        "lognormal",
        "gamma",
        "beta",
        "poisson",
        "negative_binomial",
        "empirical",
        "constant",
        "mean",
        "sd",
        "median",
        "sigma",
        "shape",
        "scale",
        "size",
        "type",
        "value",
        "values",
        "persistence",
        "seasonality",
        "segment",
        "name",
        "count",
        "periods_per_year",
        "BIC",
        "X2",
        "SCHEME",
        "HISTORY",
        "fit",
        "into",
    }
)


def _history_ru(tmp_path: Path) -> Path:
    """A history that gives a Russian fit report every kind of note the CLI can show: a column
    of text, periods by number, rows without a segment, a segment of one person, counts more
    spread than a Poisson's (empirical, quantiles), a KPI below 0 (persistence, seasonality)."""
    import random

    rnd = random.Random(5)
    lines = ["person,period,segment,revenue,deals,returns,comment"]
    for i in range(12):
        segment = "опытные" if i < 9 else "одиночка" if i == 9 else ""
        for t in range(1, 25):
            revenue = round(rnd.lognormvariate(13 + (i % 3) * 0.2, 0.3))
            deals = rnd.choice([0, 1, 2, 3, 8, 12, 20])
            returns = round(rnd.gauss(0, 1), 3)
            lines.append(f"P{i},{t},{segment},{revenue},{deals},{returns},текст")
    path = tmp_path / "history_ru.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _fit_english(text: str, *files: Path) -> set[str]:
    for path in files:
        text = text.replace(str(path), " ")
    text = re.sub(r"\b\d[\d_.]*", " ", text)  # TOML numbers (1_634_000)
    return english_left(text, *files) - FIT_CODE


def test_fit_in_russian_with_notes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    history = _history_ru(tmp_path)
    out = run(capsys, "fit", str(history), "--lang", "ru", "--bootstrap", "20")
    assert not _fit_english(out, history), _fit_english(out, history)
    for said in (
        "столбец «comment» содержит не числа: не используется",
        "периоды заданы номерами",
        "48 строк без сегмента",
        "сегмент «одиночка»: 1 человек и 24 строки — слишком мало для своих распределений "
        "(нужно не меньше 2 человек и 20 строк)",
        "критерий хи-квадрат отвергает распределение Пуассона (p = 0,005) и отрицательное "
        "биномиальное тоже (size 0,754, p = 0,005): записано эмпирическое распределение",
        "в виде 200 квантилей, вычисленных по выборке из 288 значений",
        "beta не проверялось: есть значения вне интервала от 0 до 1",
        "lognormal не проверялось: ",
        "типичное значение за период (медиана)",
        "для соседних периодов",
    ):
        assert said in out, said
    data = json.loads(run(capsys, "fit", str(history), "--lang", "ru", "--json"))
    assert data["notes"][0] == "столбец «comment» содержит не числа: не используется"
    assert data["marginals"][0]["kpi"] == "revenue"  # keys and names stay
    plain = json.loads(run(capsys, "fit", str(history), "--json"))
    assert plain["notes"][0] == "column 'comment' is not numbers: left out"
    # the one line of -q, and the files written, are Russian too
    for quiet in (["-q"], []):
        written = tmp_path / f"fitted{len(quiet)}.toml"
        out = run(capsys, "fit", str(history), "--lang", "ru", *quiet, "--out", str(written))
        assert out.rstrip().endswith(("; " if quiet else "\n") + f"записан файл {written}")
        left = _fit_english(out.replace(str(written), " "), history)
        assert not left, left
    assert out.startswith("Подбор модели по истории")
    out = run(capsys, "fit", str(history), "--lang", "ru", "-q")
    assert out.startswith("подобрано по истории из 288 строк (12 человек): revenue lognormal, ")
    one = history.with_name("one.csv")
    one.write_text("person,period,deals\nA,1,1\n", encoding="utf-8")
    out = run(capsys, "fit", str(one), "--lang", "ru", "-q")
    assert out == "подобрано по истории из 1 строки (1 человек): deals не подобрано\n"
    out = run(capsys, "fit", str(one), "-q")
    assert out == "fitted 1 rows (1 people): deals not fitted\n"  # English as it always was


def test_fit_of_a_negative_binomial_and_a_constant_in_russian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import numpy as np

    rng = np.random.default_rng(2)
    path = tmp_path / "nb.csv"
    lines = ["person,period,deals,visits"]
    lines += [
        f"P{i},{t},{rng.negative_binomial(2.0, 0.25)},5" for i in range(80) for t in range(1, 13)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run(capsys, "fit", str(path), "--lang", "ru", "--bootstrap", "20")
    assert not _fit_english(out, path), _fit_english(out, path)
    assert "записано отрицательное биномиальное распределение (size " in out
    assert 'distribution = { type = "negative_binomial", mean = ' in out
    assert "deals:visits  не оценена: все значения visits одинаковы" in out
    assert "не оценена: все значения одинаковы, поэтому ни устойчивость, ни сезонность" in out


def test_fit_of_too_little_history_in_russian(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "tiny.csv"
    path.write_text(
        "person,period,deals\n" + "".join(f"{p},{t},{t % 3}\n" for p in "AB" for t in range(1, 6))
    )
    out = run(capsys, "fit", str(path), "--lang", "ru")
    assert not _fit_english(out, path), _fit_english(out, path)
    assert "deals: не подобрано  (10 строк, 2 человека)" in out
    assert "примечание: 10 строк — слишком мало, чтобы подобрать распределение" in out
    assert "не оценена: 2 человека с двумя периодами и более и 10 строк" in out


def test_fit_check_in_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The check against the history replayed, with people outside the roster and a gap."""
    roster = ROOT / "schemes" / "dealership_roster.toml"
    rows = (ROOT / "schemes" / "dealership_year.csv").read_text(encoding="utf-8").splitlines()
    extra = [f"Zed Outsider,2025-{m:02d},9000000,7" for m in range(1, 13)]
    history = tmp_path / "year.csv"
    history.write_text("\n".join([*rows[:-1], *extra]) + "\n", encoding="utf-8")
    scheme = tmp_path / "roster_ru.toml"
    scheme.write_text(
        roster.read_text(encoding="utf-8").replace("[scheme]\n", '[scheme]\nlanguage = "ru"\n', 1),
        encoding="utf-8",
    )
    (tmp_path / "dealership_roster.csv").write_text(
        (ROOT / "schemes" / "dealership_roster.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = run(capsys, "fit", str(history), "--scheme", str(scheme), "--bootstrap", "20")
    assert not _fit_english(out, history, scheme), _fit_english(out, history, scheme)
    assert "Воспроизводит ли подобранная модель историю?" in out
    assert "1 человека из истории нет в списке сотрудников схемы" in out
    assert "проверка: 1 человека из истории нет в списке сотрудников схемы" in out
    assert "проверка: в истории 95 строк для 8 человек за 12 месяцев" in out


def test_fit_notes_follow_the_reports_language() -> None:
    import pickle
    from dataclasses import replace

    rows = [{"person": p, "period": t, "deals": t % 3} for p in "AB" for t in range(1, 6)]
    result = motivsim.fit(rows, bootstrap=0)
    note = result.marginal("deals").notes[0]
    assert note == "10 rows: too few to fit a distribution (it needs 20)"  # a str, in English
    assert pickle.loads(pickle.dumps(note)).text("ru") == note.text("ru")
    russian = str(replace(result, language="ru"))
    assert "10 строк — слишком мало" in russian
    assert "too few" not in russian


def test_tune_in_russian_when_nothing_passes(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["tune", str(RU), "--seed", "7", "--samples", "20000"]
    cases = [
        ("--vary", "оклад=0..60000", "--cost-of-sales", "12%"),
        (
            "--vary",
            "оклад=0..20000",
            "--vary",
            "план=9_000_000..11_000_000",
            "--cost-of-sales",
            "3%",
        ),
        ("--vary", "бонус_за_объём=0..30000", "--share-meeting-plan", "80%..90%"),
        ("--vary", "оклад=0..10000", "--payroll", "900000", "--share-reaching", "70%=95%..99%"),
    ]
    for case in cases:
        out = run(capsys, *base, *case)
        assert "Что мешает:" in out, case
        assert not english_left(out, RU), (case, english_left(out, RU))
    assert "расширьте диапазон параметра оклад или измените цель" in out
    assert "Примечание: показатель «фонд оплаты труда за период» меняется от зерна к зерну" in out


def test_tune_notes_in_russian(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "unused_ru.toml"
    path.write_text(
        RU.read_text(encoding="utf-8").replace(
            '"бонус_за_объём" = 25_000', '"бонус_за_объём" = 25_000\n"лишний" = 5'
        ),
        encoding="utf-8",
    )
    argv = ["tune", str(path), "--vary", "лишний=0..10", "--share-meeting-plan", "80%..90%"]
    out = run(capsys, *argv, "--seed", "7", "--samples", "20000")
    assert not english_left(out, path), english_left(out, path)
    assert "при любом значении лишний (от него это не зависит)" in out
    assert "Примечание: параметр лишний не влияет ни на зарплату, ни на выполнение плана" in out


# -- errors in Russian ---------------------------------------------------------------------------
_RU_TEXT = RU.read_text(encoding="utf-8")
_PAY = '"выплата" = "оклад + комиссия + бонус"'
_STEP = '"step(выполнение_плана, [0.7, 1.0, 1.3], [0, 0.012, 0.02, 0.025])"'

#: Slips a Russian-speaking head of sales makes, as edits of the Russian example scheme.
ERROR_CASES: dict[str, tuple[str, str]] = {
    "digit groups": ('"оклад" = 15_000', '"оклад" = 15 000'),
    "decimal comma": ('"бонус_за_объём" = 25_000', '"бонус_за_объём" = 25,5'),
    "decimal commas in a list": (
        "[0.7, 1.0, 1.3], [0, 0.012, 0.02, 0.025]",
        "[0,7, 1,0, 1,3], [0, 0,012, 0,02, 0,025]",
    ),
    "one value too few": (_STEP, '"step(выполнение_плана, [0.7, 1.0, 1.3], [0, 0.012, 0.02])"'),
    "thresholds out of order": (
        _STEP,
        '"step(выполнение_плана, [1.0, 0.7, 1.3], [0, 0.012, 0.02, 0.025])"',
    ),
    "misspelt name": (_PAY, '"выплата" = "оклад + комисия + бонус"'),
    "unknown function": (_STEP, _STEP.replace("step(", "ступень(")),
    "formula cut short": (_PAY, '"выплата" = "оклад + комиссия + "'),
    "empty formula": (_PAY, '"выплата" = ""'),
    "unclosed bracket": (_PAY, '"выплата" = "(оклад + комиссия + бонус"'),
    "extra bracket": (_PAY, '"выплата" = "оклад + комиссия + бонус)"'),
    "missing operator": (_PAY, '"выплата" = "оклад + комиссия бонус"'),
    "stray comma": (_PAY, '"выплата" = "оклад + комиссия + бонус,"'),
    "operator for a value": (_PAY, '"выплата" = "оклад + * комиссия"'),
    "odd character": (_PAY, '"выплата" = "оклад + комиссия § бонус"'),
    "cycle": ('"выполнение_плана" = "выручка / план"', '"выполнение_плана" = "выплата / план"'),
    "unquoted Cyrillic key": ('"оклад" = 15_000', "оклад = 15_000"),
    "missing equals sign": ('"оклад" = 15_000', '"оклад" 15_000'),
    "word for a number": ('"оклад" = 15_000', '"оклад" = пятнадцать'),
    "unclosed list": ('[0, 0.012, 0.02, 0.025])"', '[0, 0.012, 0.02, 0.025])"\nx = [1, 2'),
    "unclosed table": (
        'distribution = { type = "poisson", mean = 8 }',
        'distribution = { type = "poisson", mean = 8',
    ),
    "control character": ('name = "Менеджер', 'name = "Менеджер\x01'),
    "a heading cut short": ("[principles]", "[principles"),
    "a stray line": ('pay = "выплата"', 'pay = "выплата"\n+ 5'),
}


def _error_of(action: Any) -> motivsim.MotivsimError:
    with pytest.raises(motivsim.MotivsimError) as caught:
        action()
    return caught.value


def _scheme_errors() -> dict[str, motivsim.MotivsimError]:
    found = {}
    for name, (old, new) in ERROR_CASES.items():
        assert old in _RU_TEXT, name
        text = _RU_TEXT.replace(old, new, 1)
        found[name] = _error_of(lambda t=text: motivsim.loads(t, path="план.toml"))
    plan = motivsim.load(RU)
    no_plan = _RU_TEXT.replace('plan_met = "выручка >= план"', "")
    found["no plan_met"] = _error_of(
        lambda: motivsim.check(motivsim.loads(no_plan), samples=1_000, seed=1)
    )
    no_dist = _RU_TEXT.replace('distribution = { type = "poisson", mean = 8 }', "")
    found["no distribution"] = _error_of(
        lambda: motivsim.check(motivsim.loads(no_dist), samples=1_000, seed=1)
    )
    found["not a KPI"] = _error_of(lambda: plan.explain({"выруч": 5}))
    found["no file"] = _error_of(lambda: motivsim.load(ROOT / "нет_такой_схемы.toml"))
    english = [{"person": "A", "period": 1, "revenue": 9e6, "cars_sold": 8}]
    found["history in English"] = _error_of(lambda: motivsim.replay(plan, english))
    found["fit in English"] = _error_of(lambda: motivsim.fit(english, scheme=plan))
    close = [{"person": "A", "period": 1, "выручкa": 9e6, "продано_машин": 8}]  # a Latin a
    found["history, a close name"] = _error_of(lambda: motivsim.replay(plan, close))
    return found


def test_every_error_pattern_is_one_motivsim_raises_and_common_slips_read_in_russian() -> None:
    from motivsim.i18n.errors import PATTERNS, render_error, translate

    errors = _scheme_errors()
    used: set[str] = set()
    english_left = []
    for name, exc in errors.items():
        for text in (exc.message, exc.hint):
            if not text:
                continue
            if translate(text, "ru", used) == text:
                english_left.append((name, text))
        shown = render_error(exc, "ru")
        assert "hint:" not in shown, shown
        assert "(in " not in shown, shown
    assert english_left == [], english_left
    assert {p for p, _ in PATTERNS} - used == set()  # no pattern outlives its message
    # English is str() as before
    exc = errors["misspelt name"]
    assert render_error(exc, "en") == render_error(exc, None) == str(exc)


def test_the_command_line_writes_errors_in_the_schemes_language(tmp_path, capsys) -> None:
    bad = tmp_path / "план.toml"
    bad.write_text(_RU_TEXT.replace(_PAY, '"выплата" = "оклад + комисия + бонус"'), "utf-8")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "неизвестное имя «комисия» (может быть, «комиссия»?)" in err
    assert "подсказка: каждое имя должно быть показателем" in err
    assert main(["check", str(bad), "--lang", "en"]) == 2
    assert "unknown name 'комисия'" in capsys.readouterr().err
    assert main(["check", str(ROOT / "schemes" / "dealership.toml"), "--samples", "0"]) == 2
    assert capsys.readouterr().err.startswith("error: ")  # an English scheme: English
    assert main(["explain", str(RU), "выруч=5"]) == 2
    assert capsys.readouterr().err.startswith("ошибка: «выруч» — не показатель схемы")


# -- a plan that remembers, in Russian ------------------------------------------------------------
def test_a_plan_that_remembers_reads_in_russian_in_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The year-to-date example: check per plan year, explain's first-period note, plot's
    one-period line, compare's note and simulate --gaming, all with --lang ru."""
    ytd = ROOT / "schemes" / "saas_ytd_trueup.toml"
    new = tmp_path / "new.toml"
    new.write_text(ytd.read_text(encoding="utf-8").replace("base = 4_000", "base = 3_000"), "utf-8")
    runs = [
        ("check", str(ytd), "--seed", "1", "--samples", "2000"),
        ("explain", str(ytd), "new_arr=400000"),
        ("plot", str(ytd), "--out", str(tmp_path / "c.png"), "--samples", "2000", "--seed", "1"),
        ("compare", str(ytd), str(new), "--seed", "1", "--samples", "2000"),
        ("simulate", str(ytd), "--periods", "8", "--runs", "500", "--seed", "1", "--gaming"),
    ]
    for argv in runs:
        out = run(capsys, *argv, "--lang", "ru").replace("--lang ru", " ")  # the repeat line
        left = english_left(out, ytd, new)
        assert not left, (argv[0], left)
    check = run(capsys, *runs[0], "--lang", "ru")
    assert "за плановый год выполняющие план получают" in check
    assert "один период (квартал) отдельно" in check
    assert "это расчёт первого периода сотрудника" in run(capsys, *runs[1], "--lang", "ru")
