"""The command line's ``--help`` in the user's language.

As with errors (:mod:`motivsim.i18n.errors`), the English text is the message's identity: each
description, epilog and option help that the command line gives argparse is a key of
:data:`TEXTS`, whose value is its Russian; a help text built from a constant (``(default
20,000)``) is matched by a pattern of :data:`PATTERNS` instead, whose groups are numbers and are
written the Russian way (``20 000``, ``0,5``, with no-break spaces). argparse's own words
(``usage:``, ``positional arguments``, ``options``, ``show this help message and exit``) are
keys too. ``python -m motivsim COMMAND --help --lang ru`` reads them
(:func:`motivsim.cli.app.translate_parser`); the tests hold every help text of every command to
a translation and every entry to a text the command line really gives.

Option names, file names, TOML keys and tables, values the user types (``local``, ``5%`` or
``0.05``, ``revenue=12_000_000``) and column names of a history CSV (``person``, ``period``)
stay as they are. A dash (``—``) stays on the line of the word before it (a no-break space).
argparse writes a help text's ``%%`` as ``%``, so the Russian of such a text keeps ``%%`` too.
This module is imported only when ``--lang`` asks for a language other than English.

Examples
--------
>>> translate("random seed (default 0)", "ru")
'зерно случайности (по умолчанию 0)'
>>> translate("Monte Carlo samples (default 20,000); more gives tighter intervals", "ru")
'число сценариев Монте-Карло (по умолчанию 20\\xa0000); чем больше, тем уже интервалы'
>>> translate("random seed (default 0)", "en")
'random seed (default 0)'
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["PATTERNS", "TEXTS", "translate"]

#: The languages :data:`TEXTS` and :data:`PATTERNS` translate into.
_TRANSLATED: Final = ("ru",)

#: Digit groups and the decimal point of an English number, the Russian way (as
#: :mod:`motivsim.i18n` writes numbers: no-break spaces between groups, a decimal comma).
_NUMBER_RU: Final = str.maketrans({",": "\u00a0", ".": ","})

#: The start of the Russian help of a history CSV (``replay``, ``fit``).
_HISTORY_COLUMNS: Final = (
    "CSV-файл со столбцами person, period (1, 2, 3... или 2026-03) и по столбцу на показатель"
)

#: English help text (exactly as the command line gives it to argparse) -> its Russian.
TEXTS: Final[dict[str, str]] = {
    # -- argparse's own words ------------------------------------------------------------
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    # -- python -m motivsim --------------------------------------------------------------
    "Design a sales pay scheme, prove it follows sound rules, and simulate what it will cost.": (
        "Спроектируйте схему оплаты продавцов, докажите, что она следует здравым правилам, "
        "и узнайте, во что она обойдётся."
    ),
    "Exit codes: 0 ok, 1 a principle or gate failed, 2 invalid scheme or usage.": (
        "Коды выхода: 0 — всё в порядке, 1 — нарушен принцип или не пройден контроль, "
        "2 — ошибка в схеме или в вызове."
    ),
    "print the pay statement for given KPI values": (
        "вывести расчёт зарплаты по заданным значениям показателей"
    ),
    "check the three principles (and look for design mistakes)": (
        "проверить три принципа (и найти ошибки в устройстве схемы)"
    ),
    "draw the pay curve, the pay distribution, or two schemes' curves to a PNG/SVG/PDF file": (
        "нарисовать кривую зарплаты, распределение зарплаты или кривые двух схем в файл PNG/SVG/PDF"
    ),
    "write a self-contained HTML report: check verdicts, a pay statement, curves, simulation": (
        "записать автономный HTML-отчёт: итоги проверки, расчёт зарплаты, кривые, моделирование"
    ),
    "compare two schemes on the same KPI draws (a CI gate for plan changes)": (
        "сравнить две схемы на одних и тех же значениях показателей (контроль изменений плана в CI)"
    ),
    "find design mistakes (cliffs, caps, percent typos, gaps, unused names)": (
        "найти ошибки в устройстве схемы (скачки, потолки, опечатки в процентах, пробелы "
        "в ступенях, неиспользуемые имена)"
    ),
    "simulate what the scheme costs the team: payroll, pay per manager, plan and caps": (
        "смоделировать, во что схема обойдётся команде: ФОТ, зарплата менеджера, выполнение "
        "плана и потолки"
    ),
    "pay actual history (a CSV of person, period and KPIs) by the scheme, in order": (
        "рассчитать по схеме зарплату за фактическую историю (CSV: сотрудник, период, "
        "показатели) по порядку"
    ),
    "fit the KPI distributions, correlation, persistence and seasonality to history": (
        "подобрать по истории распределения показателей, корреляции, устойчивость и сезонность"
    ),
    "find the parameter values, closest to the current ones, that make the plan pass": (
        "найти ближайшие к текущим значения параметров, при которых схема проходит проверку"
    ),
    # -- options shared by the commands (motivsim/cli/common.py) -------------------------
    "scheme file (TOML), e.g. schemes/dealership.toml; - reads it from standard input": (
        "файл схемы (TOML), например schemes/dealership.toml; -\u00a0вместо имени файла читает "
        "схему из стандартного ввода"
    ),
    "print machine-readable JSON": "вывести JSON для обработки программами",
    "write the report (or the JSON) to FILE instead of the terminal: atomically, and never over "
    "an input file; the terminal gets one line saying so": (
        "записать отчёт (или JSON) в файл FILE вместо терминала: целиком за один раз и никогда "
        "поверх входного файла; в терминал выводится одна строка об этом"
    ),
    "print only the verdict, on one line (the exit code is the same)": (
        "вывести только итог одной строкой (код выхода тот же)"
    ),
    "language of the report: en or ru (default: the scheme's [scheme] language); --json keeps "
    "its English keys and codes, its texts follow this language": (
        "язык отчёта: en или ru (по умолчанию — language из [scheme] схемы); в --json ключи "
        "и коды остаются английскими, а тексты — на этом языке"
    ),
    "compute on a Dask cluster: 'local' starts one on this machine (worker processes), "
    "tcp://HOST:8786 connects to a running scheduler; results do not depend on it (needs pip "
    "install 'motivsim[dask]')": (
        "считать на кластере Dask: 'local' запускает его на этой машине (рабочие процессы), "
        "tcp://HOST:8786 подключается к работающему планировщику; результаты от этого "
        "не зависят (нужен pip install 'motivsim[dask]')"
    ),
    "worker processes of --dask local (default: one per CPU)": (
        "рабочих процессов для --dask local (по умолчанию — по одному на процессор)"
    ),
    # -- check ---------------------------------------------------------------------------
    "Draw KPIs from their distributions and check that (1) those who meet the plan earn at "
    "least 3x those who miss it, (2) pay is simple enough to compute by hand, and (3) pay "
    "depends on KPIs the manager controls; also warn about cliffs, caps, pay that falls as "
    "results rise, and negative pay. Exit 0 if all principles hold, 1 if one fails (or, with "
    "--strict, if there is a warning), 2 for an invalid scheme or usage. --dask runs the "
    "principles' Monte Carlo on a Dask cluster, with the same numbers. Example: python -m "
    "motivsim check schemes/dealership.toml --seed 7": (
        "Разыгрывает показатели по их распределениям и проверяет, что (1) выполняющие план "
        "получают как минимум в 3 раза больше невыполняющих, (2) зарплату несложно посчитать "
        "вручную и (3) зарплата зависит от показателей, на которые менеджер влияет; кроме того, "
        "предупреждает о скачках, потолках, зарплате, которая падает при росте результатов, "
        "и об отрицательной зарплате. Код выхода 0, если все принципы соблюдены, 1, если "
        "какой-то нарушен (или, с --strict, есть предупреждение), 2 — ошибка в схеме или "
        "в вызове. С --dask расчёт принципов методом Монте-Карло идёт на кластере Dask, "
        "с теми же числами. Пример: python -m motivsim check schemes/dealership.toml --seed 7"
    ),
    "random seed; the seed used is always printed, so a run can be repeated exactly": (
        "зерно случайности; использованное зерно всегда выводится, чтобы расчёт можно было "
        "точно повторить"
    ),
    "also fail (exit 1) when there is a design warning": (
        "считать проверку не пройденной (код 1) и при предупреждении об устройстве схемы"
    ),
    "check the plan as one [[team.segment]] sees it: its parameters and distributions": (
        "проверить схему так, как её видит один сегмент [[team.segment]]: с его параметрами "
        "и распределениями"
    ),
    # -- explain -------------------------------------------------------------------------
    "Compute pay for one set of KPI values and print every step with its formula and value. "
    "Example: python -m motivsim explain schemes/dealership.toml выручка=12000000 "
    "продано_машин=11": (
        "Считает зарплату для одного набора значений показателей и выводит каждый шаг "
        "с формулой и значением. Пример: python -m motivsim explain schemes/dealership.toml "
        "выручка=12000000 продано_машин=11"
    ),
    "a [[team.segment]] name: the statement with that segment's params "
    '(e.g. --segment "new hires")': (
        "имя сегмента [[team.segment]]: расчёт с параметрами этого сегмента "
        '(например, --segment "новички")'
    ),
    "a name of the team's roster: the statement with that person's params "
    '(e.g. --person "Anna Petrova")': (
        "имя из списка сотрудников команды: расчёт с параметрами этого сотрудника "
        '(например, --person "Анна Петрова")'
    ),
    "a person's actual periods (person, period and KPI columns): print their statement period "
    "by period, with what each period carries from the ones before": (
        "фактические периоды одного сотрудника (столбцы person, period и показатели): расчёт "
        "по периодам с тем, что каждый период переносит из предыдущих"
    ),
    "KPI values, e.g. revenue=12_000_000 (omit to use each KPI's typical value)": (
        "значения показателей, например revenue=12_000_000 (без них берётся типичное значение "
        "каждого показателя)"
    ),
    # -- plot ----------------------------------------------------------------------------
    "Draw pay against a KPI (--kind curve, the default), the simulated distribution of a "
    "manager's pay and of the payroll (--kind distribution), or an old and a new scheme's "
    "curves on one chart (--kind compare OLD.toml NEW.toml). --dask runs the simulation of "
    "--kind distribution on a Dask cluster, with the same numbers. Needs matplotlib: pip "
    "install 'motivsim[plot]'. Example: python -m motivsim plot schemes/dealership.toml --out "
    "curve.png": (
        "Рисует зависимость зарплаты от показателя (--kind curve, по умолчанию), смоделированное "
        "распределение зарплаты менеджера и ФОТ (--kind distribution) или кривые старой и новой "
        "схемы на одном графике (--kind compare OLD.toml NEW.toml). С --dask моделирование для "
        "--kind distribution идёт на кластере Dask, с теми же числами. Нужен matplotlib: pip "
        "install 'motivsim[plot]'. Пример: python -m motivsim plot schemes/dealership.toml "
        "--out curve.png"
    ),
    "with --kind compare: the new scheme (SCHEME is then the old one)": (
        "с --kind compare: новая схема (тогда SCHEME — старая)"
    ),
    "output file: .png, .svg or .pdf": "файл результата: .png, .svg или .pdf",
    "what to draw (default: curve for one scheme, compare for two; fit: each KPI of --history "
    "against the distribution fitted to it)": (
        "что рисовать (по умолчанию curve для одной схемы и compare для двух; fit — каждый "
        "показатель из --history рядом с подобранным к нему распределением)"
    ),
    "with --kind fit: the history to fit (person, period and KPI columns)": (
        "с --kind fit: история для подбора (столбцы person, period и показатели)"
    ),
    "KPI on the x axis (default: the plan's KPI)": (
        "показатель по оси x (по умолчанию — показатель плана)"
    ),
    "hold another KPI at this value instead of its typical value (repeatable)": (
        "зафиксировать другой показатель на этом значении вместо типичного (можно повторять)"
    ),
    "simulated periods for --kind distribution (default 20,000)": (
        "смоделированных периодов для --kind distribution (по умолчанию 20\u00a0000)"
    ),
    "random seed (default 0)": "зерно случайности (по умолчанию 0)",
    # -- report --------------------------------------------------------------------------
    "Write one HTML page (pictures embedded, nothing fetched from outside) with the principle "
    "checks, the pay statement of a typical manager, the pay curves and the simulation tables. "
    "The exit code is 0 whenever the page is written, whatever the verdicts. --dask runs the "
    "check and the simulation on a Dask cluster, with the same numbers. Needs matplotlib: pip "
    "install 'motivsim[plot]'. Example: python -m motivsim report schemes/dealership.toml --out "
    "report.html": (
        "Записывает одну HTML-страницу (картинки внутри, ничего не загружается извне) "
        "с проверкой принципов, расчётом зарплаты типичного менеджера, кривыми зарплаты "
        "и таблицами моделирования. Код выхода 0, если страница записана, каким бы ни был итог "
        "проверок. С --dask проверка и моделирование идут на кластере Dask, с теми же числами. "
        "Нужен matplotlib: pip install 'motivsim[plot]'. Пример: python -m motivsim report "
        "schemes/dealership.toml --out report.html"
    ),
    "output file (.html)": "файл результата (.html)",
    "simulated periods (default 20,000; runs x team size at most 1,000,000,000)": (
        "смоделированных периодов (по умолчанию 20\u00a0000; прогоны × размер команды — "
        "не больше 1\u00a0000\u00a0000\u00a0000)"
    ),
    "last year's data (person, period and KPI columns): the page adds the model fitted to it "
    "(motivsim fit) and each KPI against its fit": (
        "данные за прошлый год (столбцы person, period и показатели): страница добавляет "
        "подобранную по ним модель (motivsim fit) и каждый показатель рядом с подобранным "
        "распределением"
    ),
    # -- compare -------------------------------------------------------------------------
    "Feed the same KPI draws (from OLD's distributions) to both schemes and report the change "
    "in expected pay per segment and in total payroll, the share of managers better and worse "
    "off, the largest pay cut found by search, and principles whose verdict changed. Each "
    "segment is paid with its own parameters; with a roster, each person with theirs, and the "
    "report names who loses most and who fails --max-cut. Exit 1 when --max-cut is given and "
    "some manager would lose more than that. --dask runs the principle checks of both schemes "
    "on a Dask cluster, with the same numbers. Example: python -m motivsim compare "
    "schemes/old.toml schemes/new.toml --max-cut 5%": (
        "Подаёт одни и те же значения показателей (из распределений OLD) в обе схемы "
        "и показывает, как меняются ожидаемая зарплата по сегментам и общий ФОТ, долю "
        "менеджеров, которые выигрывают и проигрывают, наибольшее снижение зарплаты, найденное "
        "поиском, и принципы, итог по которым изменился. Каждому сегменту платят с его "
        "параметрами; если есть список сотрудников — каждому сотруднику с его собственными, "
        "и отчёт называет, кто теряет больше всех и кто не проходит --max-cut. Код выхода 1, "
        "если задан --max-cut и кто-то из менеджеров потерял бы больше. С --dask проверки "
        "принципов обеих схем идут на кластере Dask, с теми же числами. Пример: python -m "
        "motivsim compare schemes/old.toml schemes/new.toml --max-cut 5%"
    ),
    "the scheme in force (TOML; - reads it from standard input)": (
        "действующая схема (TOML; -\u00a0читает её из стандартного ввода)"
    ),
    "the proposed scheme (TOML; - reads it from standard input)": (
        "предлагаемая схема (TOML; -\u00a0читает её из стандартного ввода)"
    ),
    "exit 1 if some manager would lose more than this for the same results (e.g. 5%% or 0.05)": (
        "код выхода 1, если кто-то из менеджеров при тех же результатах потерял бы больше "
        "этого (например, 5%% или 0.05)"
    ),
    "with --max-cut: gate only the sampled managers whose OLD pay lies between these "
    "percentiles (e.g. P10..P90); the largest cut found anywhere is still reported but no "
    "longer decides the gate": (
        "с --max-cut: проверять только тех менеджеров выборки, чья зарплата по OLD лежит между "
        "этими процентилями (например, P10..P90); наибольшее снижение среди всех по-прежнему "
        "показывается, но исход проверки уже не решает"
    ),
    "paired draws per segment (default 20,000; fewer for a roster paid many different ways, "
    "said in a note)": (
        "парных сценариев на сегмент (по умолчанию 20\u00a0000; меньше для списка сотрудников "
        "со многими разными условиями оплаты — об этом будет примечание)"
    ),
    "seed (default: random, printed)": "зерно случайности (по умолчанию случайное, выводится)",
    "do not run the principle checks on both schemes": "не проверять принципы у обеих схем",
    "compare schemes in different currencies as plain numbers (nothing is converted); without "
    "it they are refused": (
        "сравнивать схемы в разных валютах как простые числа (без пересчёта); без этого "
        "параметра такие схемы не сравниваются"
    ),
    "actual history (person, period and KPI columns): both plans replayed on it person by "
    "person; with --max-cut, a person losing more over it fails the gate": (
        "фактическая история (столбцы person, period и показатели): обе схемы рассчитываются "
        "по ней для каждого сотрудника; с --max-cut сотрудник, который по ней теряет больше, "
        "не проходит проверку"
    ),
    # -- lint ----------------------------------------------------------------------------
    "Static and sampled findings, each with file:line:col and a fix: pay falling when a "
    "controllable KPI rises, cliffs, caps, rates written as percents, bracket gaps and "
    "overlaps, negative pay, unused KPIs, parameters and steps. Exit 0 when there is no error, "
    "1 when there is one (or any warning with --strict), 2 for an invalid scheme. Example: "
    "python -m motivsim lint schemes/dealership.toml": (
        "Находки разбора формул и выборочной проверки, каждая с местом (файл:строка:столбец) "
        "и исправлением: зарплата падает при росте показателя, на который менеджер влияет, "
        "скачки, потолки, ставки, записанные в процентах, пробелы и наложения ступеней, "
        "отрицательная зарплата, неиспользуемые показатели, параметры и шаги. Код выхода 0, "
        "если ошибок нет, 1, если есть ошибка (или, с --strict, любое предупреждение), 2 — "
        "ошибка в схеме. Пример: python -m motivsim lint schemes/dealership.toml"
    ),
    "exit 1 on warnings too": "код выхода 1 и при предупреждениях",
    "seed of the sampled findings (default 0: lint is repeatable)": (
        "зерно случайности выборочной проверки (по умолчанию 0: результат lint повторяется)"
    ),
    # -- simulate ------------------------------------------------------------------------
    "Draw every manager's KPIs from their distributions (per [[team.segment]], correlated by "
    "[correlation]) for many runs and report the payroll per period (mean, P5, P50, P95, P99), "
    "pay per segment and per manager, the share meeting the plan, hitters vs non-hitters, the "
    "probability of hitting a cap and payroll as a share of revenue. The same --seed gives the "
    "same numbers whatever --workers (or --dask cluster). Example: python -m motivsim simulate "
    "schemes/team_dealership.toml --periods 12 --runs 100000 --seed 7": (
        "Разыгрывает показатели каждого менеджера по их распределениям (по сегментам "
        "[[team.segment]], с корреляциями из [correlation]) во многих прогонах и показывает "
        "ФОТ за период (среднее, P5, P50, P95, P99), зарплату по сегментам и на менеджера, "
        "долю выполняющих план, выполняющих против невыполняющих, вероятность упереться "
        "в потолок и ФОТ как долю выручки. Одно и то же --seed даёт одни и те же числа при "
        "любом --workers (и на кластере --dask). Пример: python -m motivsim simulate "
        "schemes/team_dealership.toml --periods 12 --runs 100000 --seed 7"
    ),
    "simulated teams (default 10000)": "смоделированных команд (по умолчанию 10\u00a0000)",
    "periods per run; per-manager figures are totals over them (default 1)": (
        "периодов в прогоне; цифры на менеджера — суммы за них (по умолчанию 1)"
    ),
    "random seed, to repeat a run exactly (default: a fresh one, reported)": (
        "зерно случайности, чтобы точно повторить расчёт (по умолчанию новое, оно выводится)"
    ),
    "threads to compute on (results do not depend on it; default 1)": (
        "потоков для вычислений (результаты от этого не зависят; по умолчанию 1)"
    ),
    "also report these percentiles of the payroll per period and of one manager's pay, e.g. "
    "10,25,75,90 (each above 0 and below 100)": (
        "показать ещё эти процентили ФОТ за период и зарплаты одного менеджера, например "
        "10,25,75,90 (каждый больше 0 и меньше 100)"
    ),
    "also simulate managers moving deals between periods when it pays them (up to "
    "--gaming-share of a period's amount, losing --gaming-cost of it), side by side": (
        "смоделировать ещё и перенос сделок менеджерами между периодами, когда им это выгодно "
        "(до --gaming-share суммы периода, теряя --gaming-cost от неё), и показать рядом"
    ),
    # -- replay --------------------------------------------------------------------------
    "Pay every row of a history (one row per person and period: person, period, one column "
    "per KPI) by the scheme, each person's periods in order with their own state (draws "
    "owed, pay so far this year). Example: python -m motivsim replay schemes/dealership.toml "
    "history.csv --out pay.csv": (
        "Рассчитывает по схеме зарплату для каждой строки истории (строка на сотрудника "
        "и период: person, period и по столбцу на показатель), периоды каждого сотрудника "
        "по порядку, со своим состоянием (невозвращённые авансы, выплачено с начала года). "
        "Пример: python -m motivsim replay schemes/dealership.toml history.csv --out pay.csv"
    ),
    "CSV file with columns person, period (1, 2, 3... or 2026-03) and one per KPI; columns "
    "named like parameters override them for their row": (
        f"{_HISTORY_COLUMNS}; столбцы с именами параметров заменяют их значения в своей строке"
    ),
    # -- fit -----------------------------------------------------------------------------
    "Fit the KPI model to actual history (a CSV of person, period and one column per KPI; a "
    "segment column gives per-segment fits): each KPI's distribution (chosen by AIC, tested "
    "by Kolmogorov-Smirnov or chi-square), the rank correlation between KPIs, each KPI's "
    "persistence across a person's periods and its seasonality, each with a bootstrap "
    "interval over people. Prints a report and the [kpi.X] tables in the scheme's format; "
    "with --scheme, also checks that the fitted model reproduces the history's pay. Example: "
    "python -m motivsim fit schemes/dealership_year.csv --scheme "
    "schemes/dealership_roster.toml": (
        "Подбирает модель показателей по фактической истории (CSV: person, period и по столбцу "
        "на показатель; столбец segment даёт подбор по сегментам): распределение каждого "
        "показателя (выбор по AIC, проверка критерием Колмогорова — Смирнова или хи-квадрат), "
        "ранговые корреляции между показателями, устойчивость каждого показателя от периода "
        "к периоду у одного сотрудника и его сезонность — всё с бутстреп-интервалами "
        "по сотрудникам. Выводит отчёт и таблицы [kpi.X] в формате схемы; с --scheme ещё "
        "проверяет, что подобранная модель воспроизводит зарплату из истории. Пример: python -m "
        "motivsim fit schemes/dealership_year.csv --scheme schemes/dealership_roster.toml"
    ),
    "CSV file with columns person, period (1, 2, 3... or 2026-03) and one per KPI; an "
    "optional segment column": f"{_HISTORY_COLUMNS}; столбец segment — по желанию",
    "the scheme the history is paid by: its KPIs, plan year and roster (segments) are used, "
    "and the fitted model is checked against the history replayed by it": (
        "схема, по которой оплачена история: берутся её показатели, плановый год и список "
        "сотрудников (сегменты), а подобранная модель сверяется с историей, рассчитанной "
        "по этой схеме"
    ),
    "a KPI column to fit (repeat for several; default: every KPI column)": (
        "столбец показателя для подбора (повторите для нескольких; по умолчанию — все столбцы "
        "показателей)"
    ),
    "write the fitted tables (TOML, to paste into a scheme) to FILE": (
        "записать подобранные таблицы (TOML, чтобы вставить в схему) в файл FILE"
    ),
    "write a copy of SCHEME with the fitted tables merged in, next to it (NAME.fitted.toml); "
    "SCHEME itself is never changed (implies --scheme SCHEME)": (
        "записать рядом копию SCHEME с подобранными таблицами (NAME.fitted.toml); сам файл "
        "SCHEME не меняется (подразумевает --scheme SCHEME)"
    ),
    "let --into replace an existing NAME.fitted.toml": (
        "разрешить --into заменить существующий NAME.fitted.toml"
    ),
    "seed of the bootstraps (default 0: same input, same fit)": (
        "зерно случайности бутстрепа (по умолчанию 0: те же данные — тот же подбор)"
    ),
    "resamples of the people for the intervals (default 400; 0: none)": (
        "повторных выборок сотрудников для интервалов (по умолчанию 400; 0 — без интервалов)"
    ),
    "periods in a plan year, without --scheme (default 12; 4 for 2026-Q1 periods)": (
        "периодов в плановом году, если нет --scheme (по умолчанию 12; 4 для периодов вида 2026-Q1)"
    ),
    "print only one line: what was fitted": "вывести одну строку: что подобрано",
    # -- tune ----------------------------------------------------------------------------
    "Find the values of some parameters, within the ranges given, that make the plan meet "
    "the three principles (with the scheme's thresholds), a target cost (--cost-of-sales or "
    "--payroll) and optional practice rules: of the plans that do, the one closest to the "
    "current parameters. Every candidate is paid on the same KPI draws; the figures reported "
    "are from a fresh seed. Exit 0 when every constraint holds, 1 when not (the report says "
    "which constraint binds), 2 for an invalid scheme or usage. --dask runs the search's "
    "independent candidates and the final check on a Dask cluster, with the same numbers. "
    "Example: python -m motivsim tune schemes/dealership.toml --vary base=0..60000 --seed 7": (
        "Находит в заданных диапазонах значения параметров, при которых схема соблюдает три "
        "принципа (с порогами схемы), целевую стоимость (--cost-of-sales или --payroll) "
        "и необязательные практические правила; из подходящих вариантов выбирается ближайший "
        "к текущим параметрам. Каждый вариант рассчитывается на одних и тех же значениях "
        "показателей; итоговые цифры — на новом зерне. Код выхода 0, если все ограничения "
        "соблюдены, 1, если нет (отчёт говорит, какое ограничение мешает), 2 — ошибка в схеме "
        "или в вызове. С --dask независимые варианты поиска и итоговая проверка идут "
        "на кластере Dask, с теми же числами. Пример: python -m motivsim tune "
        "schemes/dealership.toml --vary base=0..60000 --seed 7"
    ),
    "a [params] value to tune and its range, e.g. base=20000..60000 or rate_hi=1%%..4%%; "
    "repeat for several (at most 4)": (
        "значение из [params], которое подбирать, и его диапазон, например base=20000..60000 "
        "или rate_hi=1%%..4%%; повторите для нескольких (не больше 4)"
    ),
    "target payroll / revenue (the scheme's revenue_kpi), e.g. 12%% or 0.12; 'current' keeps "
    "the plan's": (
        "целевая доля ФОТ в выручке (revenue_kpi схемы), например 12%% или 0.12; 'current' — "
        "оставить как сейчас"
    ),
    "target payroll of the team per period, e.g. 1_500_000; 'current' keeps the plan's": (
        "целевой ФОТ команды за период, например 1_500_000; 'current' — оставить как сейчас"
    ),
    "relative tolerance of the target cost (default 0.5%%)": (
        "относительный допуск целевой стоимости (по умолчанию 0,5\u00a0%%)"
    ),
    "principles kept as constraints: principles (all three, the default), ratio, complexity, "
    "control, a comma-separated list, or none": (
        "какие принципы соблюдать как ограничения: principles (все три, по умолчанию), ratio, "
        "complexity, control, список через запятую или none"
    ),
    "practice rule: the share of manager-periods meeting the plan, e.g. 60%%..70%% (60%%.. "
    "for at least 60%%)": (
        "практическое правило: доля менеджеро-периодов с выполненным планом, например "
        "60%%..70%% (60%%.. — не меньше 60\u00a0%%)"
    ),
    "practice rule: the share of manager-periods whose plan KPI reaches ATTAINMENT of the "
    "plan's level, e.g. 70%%=85%%..95%% or 150%%=..15%% (at most 15%%); repeat for several; "
    "needs plan_met of the form kpi >= level": (
        "практическое правило: доля менеджеро-периодов, в которых показатель плана достигает "
        "ATTAINMENT от уровня плана, например 70%%=85%%..95%% или 150%%=..15%% (не больше "
        "15\u00a0%%); повторите для нескольких; нужен plan_met вида kpi >= level"
    ),
    "the search's seed (printed)": "зерно случайности поиска (выводится)",
    "the fresh seed of the final figures (default: the search's seed + 1)": (
        "новое зерно для итоговых цифр (по умолчанию — зерно поиска + 1)"
    ),
    "write the tuned scheme: the input file's text with the new values of the varied [params] "
    "(nothing else changed); never over the input, nor over an existing file without --force": (
        "записать подобранную схему: текст входного файла с новыми значениями подобранных "
        "[params] (остальное не меняется); никогда поверх входного файла, а поверх "
        "существующего — только с --force"
    ),
    "let --out replace an existing file": "разрешить --out заменить существующий файл",
    "print only the verdict, on one line": "вывести только итог одной строкой",
}

_N = r"(?P<{0}>\d[\d,.]*)"  # a number as an f-string writes it ({:,}, {:g})


def _number(group: str) -> str:
    return _N.format(group)


#: ``(pattern, Russian template)`` for the help texts built with an f-string from a constant
#: (a default, a bound): a pattern matches the whole English text (as argparse is given it,
#: ``%%`` included); every group is a number, which the template gets in Russian form.
PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    (
        r"seconds to wait for the Dask scheduler and its workers \(default " + _number("n") + r"\)",
        "сколько секунд ждать планировщик Dask и его рабочие процессы (по умолчанию {n})",
    ),
    (
        r"Monte Carlo samples \(default " + _number("n") + r"\); more gives tighter intervals",
        "число сценариев Монте-Карло (по умолчанию {n}); чем больше, тем уже интервалы",
    ),
    (
        r"base points per KPI for the sampled findings \(default 256, at most "
        + _number("most")
        + r"\)",
        "базовых точек на показатель для выборочной проверки (по умолчанию 256, не больше {most})",
    ),
    (
        r"points on a curve \(default 401, at most " + _number("most") + r"\)",
        "точек на кривой (по умолчанию 401, не больше {most})",
    ),
    (
        r"draws behind the hitters' and non-hitters' mean pay on a curve: principle 1's figure, "
        r"as check --samples N measures it \(default "
        + _number("n")
        + ", from "
        + _number("low")
        + " to "
        + _number("high")
        + r"\)",
        "сценариев для средней зарплаты выполняющих и невыполняющих план на кривой: число "
        "принципа 1, как его измеряет check --samples N (по умолчанию {n}, от {low} до {high})",
    ),
    (
        r"resolution of a PNG \(default 120, from "
        + _number("low")
        + " to "
        + _number("high")
        + r"\)",
        "разрешение PNG (по умолчанию 120, от {low} до {high})",
    ),
    (
        r"Monte Carlo samples of the check \(default 20,000; from "
        + _number("low")
        + " to "
        + _number("high")
        + r"\)",
        "сценариев Монте-Карло для проверки (по умолчанию 20\u00a0000; от {low} до {high})",
    ),
    (
        r"periods per simulated run \(default 1; from 1 to "
        + _number("high")
        + r"\); above 1 the page adds amounts over them: --periods 12 of a monthly scheme gives "
        r"the team's payroll per year and one manager's annual pay",
        "периодов в одном прогоне (по умолчанию 1; от 1 до {high}); если больше 1, страница "
        "добавляет суммы за них: --periods 12 для месячной схемы даёт ФОТ команды за год "
        "и годовую зарплату менеджера",
    ),
    (
        r"allow more than "
        + _number("most")
        + r" manager-periods \(runs x periods x team size, a few minutes on one core\); without "
        r"it such a run is refused at once",
        "разрешить больше {most} менеджеро-периодов (прогоны × периоды × размер команды, "
        "несколько минут на одном ядре); без этого параметра такой расчёт сразу отклоняется",
    ),
    (
        r"the most of a period's amount a manager moves \(default " + _number("share") + r"%%\)",
        "наибольшая доля суммы периода, которую менеджер переносит (по умолчанию {share}\u00a0%%)",
    ),
    (
        r"the share of a moved amount lost \(default " + _number("share") + r"%%\)",
        "доля перенесённой суммы, которая теряется (по умолчанию {share}\u00a0%%)",
    ),
    (
        r"manager-periods every candidate is paid on \(default " + _number("n") + r"\)",
        "менеджеро-периодов, на которых рассчитывается каждый вариант (по умолчанию {n})",
    ),
    (
        r"check's samples for the final figures \(default " + _number("n") + r"\)",
        "сценариев проверки для итоговых цифр (по умолчанию {n})",
    ),
    (
        r"standard errors of check's figures by which principles 1 and 3 are cleared, so that "
        r"they hold with other seeds \(default " + _number("n") + r"; 0: the thresholds\)",
        "запас в стандартных ошибках проверки, с которым соблюдаются принципы 1 и 3, чтобы они "
        "держались и с другими зёрнами (по умолчанию {n}; 0 — ровно по порогам)",
    ),
)

_COMPILED: Final = tuple((re.compile(p), t) for p, t in PATTERNS)


def translate(text: str, language: str, used: set[str] | None = None) -> str:
    """``text`` (an English help text, the exact string given to argparse) in ``language``:
    from :data:`TEXTS`, else from the first pattern of :data:`PATTERNS` that matches all of it,
    else as it is (English, or a language with no translations); the key of the entry used is
    added to ``used`` when given."""
    if language not in _TRANSLATED:
        return text
    found = TEXTS.get(text)
    if found is not None:
        if used is not None:
            used.add(text)
        return _typeset(found)
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if used is not None:
            used.add(pattern.pattern)
        numbers = {k: v.translate(_NUMBER_RU) for k, v in match.groupdict().items()}
        return _typeset(template.format(**numbers))
    return text


def _typeset(text: str) -> str:
    """A dash never starts a line of the help: the space before it is a no-break one."""
    return text.replace(" — ", "\u00a0— ")
