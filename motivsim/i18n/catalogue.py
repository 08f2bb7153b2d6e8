"""The message catalogue: every text motivsim's reports print, in English and in Russian.

:data:`MESSAGES` maps a message id to its wording in each language of
:data:`~motivsim.i18n.LANGUAGES`; placeholders are named (``{share}``) and the same in every
language (``tests/test_language.py`` checks both). Placeholders take text the caller has
already written in the report's language: numbers through :meth:`Words.num
<motivsim.i18n.Words.num>`, amounts through :func:`~motivsim.scheme.money.format_money`,
counted nouns through :meth:`Words.count <motivsim.i18n.Words.count>`.

:data:`NOUNS` holds the plural forms of counted nouns (English: one, other; Russian: one, few,
many) and :data:`PERIODS` the pay periods motivsim names in Russian.

Names a user writes (KPIs, parameters, steps, segments, people, units), finding codes
(``[cliff]``), command names and options (``--samples``), TOML tables (``[kpi]``) and formula
text stay as they are in every language.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MESSAGES", "NOUNS", "PERIODS"]

#: Message id -> (English, Russian).
_TABLE: Final[dict[str, tuple[str, str]]] = {
    # -- words used everywhere ----------------------------------------------------------------
    "na": ("n/a", "н/д"),
    "unbounded": ("unbounded", "неограниченно"),
    "times": ("{n}{times}", "в {n} {times}"),
    "and": ("and", "и"),
    "yes": ("yes", "да"),
    "no": ("no", "нет"),
    "none": ("none", "нет"),
    "exactness": (
        "Every threshold, bracket and rounding is decided as the pay statement decides it "
        "(exactly), whichever way pay is computed.",
        "Каждый порог, ступень и округление решаются так же, как в расчётном листе (точно), "
        "каким бы способом ни считалась зарплата.",
    ),
    "per": ("per {period}", "за {period}"),
    "pay": ("pay", "зарплата"),
    "verdict.pass": ("PASS", "СОБЛЮДЁН"),
    "verdict.fail": ("FAIL", "НАРУШЕН"),
    "quoted": ("{name!r}", "«{name}»"),
    "list.sep": (", ", "; "),
    # -- check: the report -------------------------------------------------------------------
    "check.head": ("motivsim check: {scheme}", "Проверка схемы: {scheme}"),
    "check.meta": (
        "seed {seed} · {samples} · {level} intervals",
        "зерно {seed} · {samples} · доверительные интервалы {level}",
    ),
    "check.warnings": (
        "Warnings: design mistakes beyond the three principles ({n})",
        "Предупреждения: ошибки в устройстве схемы помимо трёх принципов ({n})",
    ),
    "check.verdict": (
        "Verdict: {word} ({held} of {total} principles hold{warned})",
        "Итог: {word} (соблюдено принципов: {held} из {total}{warned})",
    ),
    "check.verdict.warned": ("; {warnings}", "; {warnings}"),
    "check.pass": ("PASS", "ПРОВЕРКА ПРОЙДЕНА"),
    "check.fail": ("FAIL", "ПРОВЕРКА НЕ ПРОЙДЕНА"),
    "check.quiet.counts": (
        "{held} of {total} principles hold",
        "соблюдено принципов: {held} из {total}",
    ),
    "check.quiet.warned": (", {n} design warning(s)", ", предупреждений: {n}"),
    "check.quiet.pass": ("PASS: {counts}{warned}", "ПРОВЕРКА ПРОЙДЕНА: {counts}{warned}"),
    "check.quiet.fail": (
        "FAIL: {failed} ({counts}{warned})",
        "ПРОВЕРКА НЕ ПРОЙДЕНА: {failed} ({counts}{warned})",
    ),
    "check.quiet.strict": ("a design warning (--strict)", "предупреждение (--strict)"),
    "principle.short.ratio": ("ratio", "разница в оплате"),
    "principle.short.complexity": ("complexity", "простота расчёта"),
    "principle.short.control": ("control", "зависимость от менеджера"),
    "check.repeat": ("Repeat this run: {command}", "Повторить этот расчёт: {command}"),
    "check.segment": ("Segment: {name}", "Сегмент: {name}"),
    "check.correlation.none": (
        "[correlation] ties no two KPIs that pay or plan_met depend on: check draws them "
        "independently",
        "[correlation] не связывает ни одной пары показателей, от которых зависят зарплата или "
        "plan_met: проверка разыгрывает их независимо",
    ),
    "check.correlation": (
        "principle 1 draws {names} with the rank correlations of [correlation] (the Gaussian "
        "copula of simulate){scan}; principle 3's Sobol' indices treat the KPIs as "
        "independent, as variance shares require",
        "принцип 1 разыгрывает {names} с ранговыми корреляциями из [correlation] (гауссова "
        "копула, как в simulate){scan}; индексы Соболя принципа 3 считают показатели "
        "независимыми, как того требуют доли дисперсии",
    ),
    "check.correlation.scan": (
        ", and so does the scan behind the warnings",
        ", как и поиск ошибок для предупреждений",
    ),
    # -- principle 1 -------------------------------------------------------------------------
    "ratio.title": (
        "Those who meet the plan earn at least {x} those who miss it",
        "Выполнившие план получают минимум {x} больше остальных",
    ),
    "ratio.summary": (
        "those who meet the plan earn {ratio} those who miss it{interval}; needed: at least "
        "{limit}",
        "выполняющие план получают {ratio} больше невыполняющих{interval}; нужно: как минимум "
        "{limit}",
    ),
    "ratio.interval": (
        " ({level} interval {low}x to {high}x)",
        " (доверительный интервал {level}: от {low} до {high})",
    ),
    "ratio.none_met": (
        "no sample meets the plan ({plan_met}): the ratio cannot be measured",
        "ни в одном сценарии план не выполнен ({plan_met}): соотношение не измерить",
    ),
    "ratio.none_met.advice": (
        "nobody reached the plan in {periods}: lower the plan, or check plan_met and the KPI "
        "distributions",
        "за {periods} план не выполнил никто: снизьте план или проверьте plan_met и "
        "распределения показателей",
    ),
    "ratio.all_met": (
        "every sample meets the plan ({plan_met}): nobody misses it",
        "план выполнен во всех сценариях ({plan_met}): невыполняющих нет",
    ),
    "ratio.all_met.advice": (
        "a plan everyone meets does not separate strong performers: raise the plan",
        "план, который выполняют все, не отделяет сильных продавцов от слабых: поднимите план",
    ),
    "ratio.negative": (
        "those who miss the plan earn {amount} on average: a negative mean",
        "невыполняющие план получают в среднем {amount}: среднее отрицательно",
    ),
    "ratio.negative.advice": (
        "pay must not be negative: add a floor, e.g. max(..., 0)",
        "зарплата не должна быть отрицательной: добавьте нижнюю границу, например max(..., 0)",
    ),
    "ratio.unbounded": (
        "those who miss the plan earn nothing, those who meet it {amount} on average: the ratio "
        "is unbounded",
        "невыполняющие план не получают ничего, выполняющие — в среднем {amount}: соотношение "
        "не ограничено",
    ),
    "ratio.zero": (
        "nobody earns anything: pay is 0 in every sample",
        "никто ничего не получает: зарплата равна 0 во всех сценариях",
    ),
    "ratio.zero.advice": (
        "check the formula: pay is 0 whatever the KPIs",
        "проверьте формулу: зарплата равна 0 при любых показателях",
    ),
    "ratio.advice": (
        "non-hitters earn {share} of hitters' pay; to reach {limit} pay less below the plan or "
        "more above it: a smaller base or commission below plan, a bonus for meeting the plan, "
        "or an accelerator (a higher rate above {full} of plan)",
        "невыполняющие план получают {share} от зарплаты выполняющих; чтобы разница была "
        "как минимум {limit}, платите меньше ниже плана или больше сверх него: меньший оклад "
        "или процент до плана, бонус за выполнение плана или ускоритель (повышенная ставка "
        "сверх {full} плана)",
    ),
    "ratio.advice.more": ("more than", "больше"),
    "ratio.team": (
        "measured on the team as declared, {basis}: each segment with its distributions, "
        "parameters and plan, drawn and paid as simulate draws them; simulate, plot and report "
        "show this figure for the same seed and samples",
        "измерено на команде, как она описана в схеме, — {basis}; каждый сегмент со своими "
        "распределениями, параметрами и планом разыгран и оплачен так же, как в simulate; "
        "simulate, plot и report показывают это же число при тех же зерне и числе сценариев",
    ),
    "ratio.share_met": (
        "{share} of {count} meet the plan ({plan_met})",
        "план выполнен в {share} из {count} ({plan_met})",
    ),
    "ratio.per_segment": (
        "per segment (a segment's own figure, not the principle's): {items}",
        "по сегментам (собственное число сегмента, не число принципа): {items}",
    ),
    "ratio.per_segment.item": (
        "{name} {share} meet, {ratio}",
        "{name}: план выполняют {share}, разница {ratio}",
    ),
    "ratio.non_finite": (
        "pay was not a finite number in {n} {what}: left out",
        "зарплата не вычислилась (не конечное число), {what}: {n}; они не учтены",
    ),
    "ratio.means": (
        "mean pay{each}: {met} if met, {missed} if missed{median}",
        "средняя зарплата{each}: {met} при выполнении плана, {missed} при невыполнении{median}",
    ),
    "ratio.means.each": (" per {period}", " за {period}"),
    "ratio.means.median": ("; median: {met} and {missed}", "; медиана: {met} и {missed}"),
    "ratio.few.meet": (
        "only {n} {what} meet the plan: the figure is rough; run with more --samples",
        "{what} с выполненным планом всего {n}: оценка грубая; увеличьте --samples",
    ),
    "ratio.few.miss": (
        "only {n} {what} miss the plan: the figure is rough; run with more --samples",
        "{what} с невыполненным планом всего {n}: оценка грубая; увеличьте --samples",
    ),
    "ratio.year.summary": (
        "per plan year, those who meet the plan earn {ratio} those who miss it{interval}; "
        "needed: at least {limit}",
        "за плановый год выполняющие план получают {ratio} больше невыполняющих{interval}; "
        "нужно: как минимум {limit}",
    ),
    "ratio.year.basis": (
        "judged per plan year, since pay reads earlier periods: {count} manager-years of "
        "{periods} periods, each manager carrying their own past from the year's first period, "
        "drawn and paid as simulate --periods {periods} draws and pays them (it shows this "
        "figure per plan year for the same seed and samples)",
        "оценка за плановый год, так как зарплата зависит от прошлых периодов: {count} "
        "менеджеро-лет (периодов в году: {periods}), у каждого менеджера своя история с первого "
        "периода года, как их считает simulate --periods {periods} (он показывает эту оценку "
        "за год при тех же зерне и числе сценариев)",
    ),
    "ratio.year.share_met": (
        "{share} of {count} manager-years meet the plan ({plan_met} in at least half of the "
        "year's periods)",
        "план выполнен в {share} из {count} менеджеро-лет ({plan_met} не меньше чем в половине "
        "периодов года)",
    ),
    "ratio.year.means": (
        "mean pay over a year: {met} if met, {missed} if missed{median}",
        "средняя зарплата за год: {met} при выполнении плана, {missed} при невыполнении{median}",
    ),
    "ratio.year.non_finite": (
        "{n} manager-years whose pay is not a finite number are left out",
        "менеджеро-лет с нечисловой зарплатой: {n}; они не учтены",
    ),
    "ratio.year.few.meet": (
        "only {n} manager-years meet the plan: the figure is rough; run with more --samples",
        "менеджеро-лет с выполненным планом всего {n}: оценка грубая; увеличьте --samples",
    ),
    "ratio.year.few.miss": (
        "only {n} manager-years miss the plan: the figure is rough; run with more --samples",
        "менеджеро-лет с невыполненным планом всего {n}: оценка грубая; увеличьте --samples",
    ),
    "ratio.year.first": (
        "one {unit} alone, as a person's first (nothing carried from before), as one-period "
        "figures see it: {ratio}",
        "один период ({unit}) отдельно, как первый у сотрудника (без прошлых периодов), как его "
        "видят оценки за один период: {ratio}",
    ),
    "threshold_inside": (
        "the {limit} threshold lies inside the interval: the verdict may change with another "
        "seed; run with more --samples",
        "порог {limit} лежит внутри доверительного интервала: с другим зерном вывод может "
        "измениться; увеличьте --samples",
    ),
    "ratio.threshold": ("{x}", "«{x}»"),
    "ratio.basis.team": (
        "pooled over the team's {people}: {draws} of one {unit} each ({total})",
        "вся команда, {people}: {draws} длиной в {unit} ({total})",
    ),
    "ratio.basis.one": (
        "{draws} of one manager's {unit} from the [kpi] distributions",
        "{draws}: {unit} одного менеджера, показатели из распределений [kpi]",
    ),
    "ratio.profiles.error": ("reference profiles: {error}", "эталонные профили: {error}"),
    "ratio.profiles.lacks": (
        "{label} profile lacks {names} and they have no typical value or distribution",
        "в профиле {label} нет {names}, а у них нет ни типичного значения, ни распределения",
    ),
    "ratio.profiles": (
        "reference profiles: the hitter earns {hitter}, the non-hitter {non_hitter}: {shown}{mark}",
        "эталонные профили: выполняющий план получает {hitter}, невыполняющий — {non_hitter}: "
        "разница {shown}{mark}",
    ),
    "ratio.profiles.unbounded": (
        "unbounded (the non-hitter earns nothing)",
        "не ограничена (невыполняющий не получает ничего)",
    ),
    "ratio.profiles.below": (" (below {limit})", " (меньше, чем {limit})"),
    "ratio.profiles.hitter_misses": (
        "warning: the hitter profile does not meet plan_met",
        "внимание: профиль выполняющего (hitter) не выполняет plan_met",
    ),
    "ratio.profiles.non_hitter_meets": (
        "warning: the non-hitter profile meets plan_met",
        "внимание: профиль невыполняющего (non_hitter) выполняет plan_met",
    ),
    "ratio.people": (
        "each person's own plan, on their segment's draws (not the principle's figure): "
        "{short} of {people} below {limit}",
        "собственный план каждого на сценариях его сегмента (не число принципа): разница "
        "меньше, чем {limit}, у {short} из {people}",
    ),
    "ratio.people.more": (" and {n} more", " и ещё {n}"),
    "ratio.segment_table": (
        "pay by plan attainment per {who} ({kpi} against each one's own plan{unit}{held}",
        "зарплата по выполнению плана: {who} ({kpi} относительно собственного плана{unit}{held}",
    ),
    "ratio.segment_table.segment": ("segment", "по сегментам"),
    "ratio.segment_table.both": ("segment and person", "по сегментам и людям"),
    "ratio.segment_table.unit": (", pay in {unit}", ", зарплата в {unit}"),
    "ratio.segment_table.same": (
        "; {values} held at typical values)",
        "; {values} — типичные значения)",
    ),
    "ratio.segment_table.each": (
        "; {names} held at each one's typical values)",
        "; {names} — типичные значения каждого)",
    ),
    "ratio.segment_table.plan": ("plan", "план"),
    "ratio.segment_table.banded": (
        "  and {people} with values of their own ({sets} different sets), not listed one by one",
        "  и ещё {people} с собственными значениями ({sets} разных наборов), поимённо не "
        "перечислены",
    ),
    "ratio.variant.others": ("{name} and {n} others", "{name} и ещё {n}"),
    "attainment.head": (
        "pay by plan attainment ({kpi}; plan {plan}{held}",
        "зарплата по степени выполнения плана ({kpi}; план {plan}{held}",
    ),
    "attainment.held": ("; {values} held at typical values)", "; {values} — типичные значения)"),
    # -- principle 2 -------------------------------------------------------------------------
    "complexity.title": ("Simple enough to compute by hand", "Зарплату легко посчитать вручную"),
    "complexity.summary": (
        "complexity score {score}; allowed: at most {limit}",
        "оценка сложности {score}; допустимо: не более {limit}",
    ),
    "complexity.parts": ("parts: {parts}", "из чего складывается: {parts}"),
    "complexity.part": ("{part} {n} ({points} {pts})", "{part} {n} ({points} {pts})"),
    "complexity.costliest": (
        "costliest step: {name} = {formula} ({score} {points})",
        "самый сложный шаг: {name} = {formula} ({score} {points})",
    ),
    "complexity.row": (
        "ops {operations}, inputs {inputs}, constants {constants}, branches {branches}, "
        "nesting {nesting}",
        "операций {operations}, входов {inputs}, чисел {constants}, ветвлений {branches}, "
        "вложенность {nesting}",
    ),
    "complexity.advice": (
        "a person cannot work this out by hand in a minute (score {score} > {limit}); start "
        "with step {step} ({points} {points_word}, {main_points} from {main}): {tip}",
        "за минуту вручную это не посчитать (сложность {score} > {limit}); начните с шага "
        "{step} ({points} {points_word}, из них {main_points} — {main}): {tip}",
    ),
    "complexity.part.operations": ("operations", "операции"),
    "complexity.part.inputs": ("inputs", "входные величины"),
    "complexity.part.constants": ("constants", "числа"),
    "complexity.part.branches": ("branches", "ветвления"),
    "complexity.part.nesting": ("nesting", "вложенность"),
    "complexity.part.steps": ("steps", "шаги"),
    "complexity.tip.operations": (
        "fewer operations: fold arithmetic into parameters",
        "меньше операций: заложите арифметику в параметры",
    ),
    "complexity.tip.inputs": (
        "fewer inputs: pay on fewer KPIs",
        "меньше входных величин: платите за меньшее число показателей",
    ),
    "complexity.tip.constants": (
        "fewer numbers: fewer tiers, round figures",
        "меньше чисел: меньше ступеней, круглые значения",
    ),
    "complexity.tip.branches": (
        "fewer tiers and conditions: merge brackets, drop exceptions",
        "меньше ступеней и условий: объедините диапазоны, уберите исключения",
    ),
    "complexity.tip.nesting": (
        "less nesting: give inner expressions their own named steps",
        "меньше вложенности: вынесите внутренние выражения в отдельные шаги",
    ),
    "complexity.tip.steps": (
        "fewer steps: drop components that change little",
        "меньше шагов: уберите составляющие, которые мало что меняют",
    ),
    # -- principle 3 -------------------------------------------------------------------------
    "control.title": (
        "Pay depends on what the manager controls",
        "Зарплата зависит от того, на что влияет менеджер",
    ),
    "control.no_kpi": (
        "pay depends on no KPI: nothing outside the manager's control moves it",
        "зарплата не зависит ни от одного показателя: её не двигает ничто вне власти менеджера",
    ),
    "control.summary": (
        "{share} of pay variance comes from KPIs the manager does not control ({who})"
        "{interval}; allowed: at most {limit}",
        "{share} разброса зарплаты дают показатели, на которые менеджер не влияет ({who})"
        "{interval}; допустимо: не более {limit}",
    ),
    "control.interval": (
        ", {level} interval {low} to {high}",
        ", доверительный интервал {level}: от {low} до {high}",
    ),
    "control.constant": (
        "pay does not vary with the KPIs: every index is 0",
        "зарплата не меняется вместе с показателями: все индексы равны 0",
    ),
    "control.head.kpi": ("KPI", "показатель"),
    "control.head.controls": ("controls", "влияет"),
    "control.head.first": ("first order (alone)", "сам по себе"),
    "control.head.total": ("total order (with interactions)", "с учётом взаимодействий"),
    "control.advice": (
        "{share} of the spread in pay is luck from the manager's point of view ({names}): pay "
        "on {instead} instead, or shrink and cap the part tied to {names}",
        "{share} разброса зарплаты для менеджера — дело случая ({names}): платите за то, на что "
        "он влияет ({instead}), или уменьшите и ограничьте ту часть зарплаты, что зависит от "
        "показателей: {names}",
    ),
    "control.who.none": ("none", "таких нет"),
    "control.advice.any": (
        "a KPI the manager controls",
        "такого показателя пока нет — добавьте его",
    ),
    # -- findings (check's warnings, lint) ------------------------------------------------------
    "severity.error": ("error", "ошибка"),
    "severity.warning": ("warning", "предупреждение"),
    "severity.info": ("info", "замечание"),
    "finding.step": ("step {step}", "шаг {step}"),
    "finding.example": ("  e.g. {values}", "  например: {values}"),
    "finding.fix": ("  fix: {fix}", "  как исправить: {fix}"),
    "lint.counts": (
        "{errors} errors, {warnings} warnings, {infos} infos",
        "ошибок: {errors}, предупреждений: {warnings}, замечаний: {infos}",
    ),
    "lint.verdict": ("{word}: {counts}", "{word}: {counts}"),
    "lint.pass": ("PASS", "ПРОЙДЕНО"),
    "lint.fail": ("FAIL", "НЕ ПРОЙДЕНО"),
    "lint.none": ("{path}: no findings", "{path}: замечаний нет"),
    "scan.not_scanned": (
        "pay was not scanned: {names} {have} no distribution or typical value",
        "зарплата не проверена по показателям: у {names}{have} нет ни распределения, ни "
        "типичного значения",
    ),
    "scan.not_scanned.have": ("has", ""),
    "scan.not_scanned.have_many": ("have", ""),
    "scan.not_scanned.fix": (
        "give [kpi.{name}] a distribution or a typical value",
        "задайте в [kpi.{name}] распределение (distribution) или типичное значение (typical)",
    ),
    "html.section.fit": (
        "Last year's data and the model fitted to it",
        "Данные прошлого года и модель, подобранная по ним",
    ),
    "html.fit.alt": (
        "each KPI of {source} against the distribution fitted to it",
        "каждый показатель из {source} и подобранное к нему распределение",
    ),
    "fit.plot.history": ("history", "история"),
    "fit.plot.fitted": ("fitted: {family}", "подобрано: {family}"),
    "fit.plot.test": ("; test p = {p}", "; проверка: p = {p}"),
    "fit.plot.rows": ("rows of history", "строк истории"),
    "fit.plot.title": (
        "{source}: {rows} rows, {people} people",
        "{source}: строк {rows}, людей {people}",
    ),
    # -- motivsim fit: the text report ----------------------------------------------------------
    "fit.report.head": (
        "Fit of {source}: {rows}, {people}, {periods} ({year}); seed {seed}",
        "Подбор модели по истории {source}: {rows}, {people}, {periods} ({year}); "
        "зерно случайности {seed}",
    ),
    "fit.report.year": ("{years} of {periods}", "{years} по {periods}"),
    "fit.report.year_unknown": ("plan year unknown", "плановый год неизвестен"),
    "fit.report.bootstrap": (
        "[low to high]: 95% intervals from {resamples} resamples of the people (a person's "
        "periods stay together)",
        "[от … до …]: 95-процентные интервалы по {resamples} повторным выборкам сотрудников "
        "(все периоды сотрудника попадают в выборку вместе)",
    ),
    "fit.report.interval": ("[{low} to {high}]", "[от {low} до {high}]"),
    "fit.report.empirical": (
        "empirical({count} values from {low} to {high})",
        "empirical(значений: {count}, от {low} до {high})",
    ),
    "fit.report.not_fitted": ("not fitted", "не подобрано"),
    "fit.report.note": ("note: {note}", "примечание: {note}"),
    "fit.report.typical": ("typical {unit}", "типичное значение за {unit}"),
    "fit.report.typical_season": (
        "typical {unit} before its season's factor",
        "типичное значение за {unit} без сезонного коэффициента",
    ),
    "fit.report.median": ("{typical} (median) {value}", "{typical} (медиана): {value}"),
    "fit.report.spread": (
        "spread, P10 to P90: {low} to {high}",
        "разброс от P10 до P90: от {low} до {high}",
    ),
    "fit.report.observed": (
        "in the history: median {median}, P10 to P90 {low} to {high}",
        "по истории: медиана {median}, от P10 до P90 — от {low} до {high}",
    ),
    "fit.report.bic": ("BIC (lower is better): {shown}", "BIC (чем меньше, тем лучше): {shown}"),
    "fit.report.not_tried": ("{family} not tried: {note}", "{family} не проверялось: {note}"),
    "fit.report.df": ("{df} df", "степеней свободы: {df}"),
    "fit.report.rejected": ("rejected", "отвергается"),
    "fit.report.not_rejected": ("not rejected", "не отвергается"),
    "fit.report.test": (
        "test of {family}: {test} {stat}, {p} on {rows} of {people}: {verdict} (p by {reps} "
        "samples of the fitted model)",
        "проверка {family}: {test}, {stat}, {p} ({rows}, {people}) — гипотеза {verdict} "
        "(p получено моделированием по подобранной модели, выборок: {reps})",
    ),
    "fit.report.test_name.Kolmogorov-Smirnov": (
        "Kolmogorov-Smirnov",
        "критерий Колмогорова — Смирнова",
    ),
    "fit.report.test_name.chi-square": ("chi-square", "критерий хи-квадрат"),
    "fit.report.segment": (
        "segment {name} ({rows}, {people}): {label}; median {median}, P10 to P90 {low} to {high}",
        "сегмент {name} ({rows}, {people}): {label}; медиана {median}, от P10 до P90 — "
        "от {low} до {high}",
    ),
    "fit.report.segment_not_fitted": (
        "segment {name}: not fitted ({notes})",
        "сегмент {name}: не подобрано ({notes})",
    ),
    "fit.report.correlation": (
        "Correlation between KPIs (rank correlation within a period)",
        "Корреляция между показателями (ранговая корреляция в пределах одного периода)",
    ),
    "fit.report.written_as": ("; written {value}", "; в схему записано {value}"),
    "fit.report.persistence": (
        "Persistence (rank correlation between two {unit}s of one person)",
        "Устойчивость результатов (ранговая корреляция результатов одного сотрудника за два "
        "разных периода; период — {unit})",
    ),
    "fit.report.consecutive": ("consecutive {unit}s {value}", "для соседних {unit}: {value}"),
    "fit.report.seasonality": (
        "Seasonality (mean in each {unit} of the plan year / overall mean)",
        "Сезонность (среднее за каждый период планового года / общее среднее; период — {unit})",
    ),
    "fit.report.season_test": (
        "F-test of no season {p}; each {unit} seen in {years}; {verdict}",
        "F-тест на отсутствие сезонности: {p}; данные по каждому периоду ({unit}) — за "
        "{years}; {verdict}",
    ),
    "fit.report.written": ("written", "записана в схему"),
    "fit.report.not_written": ("not written ({note})", "не записана ({note})"),
    "fit.report.check": (
        "Does the fitted model reproduce the history? Scheme {scheme}: replayed on the history, "
        "and simulated from the fitted tables for the same {people} over {periods} ({runs} runs, "
        "seed {seed})",
        "Воспроизводит ли подобранная модель историю? Схема {scheme}: расчёт по фактической "
        "истории и моделирование по подобранным таблицам для тех же {people} за {periods} "
        "(прогонов: {runs}, зерно случайности {seed})",
    ),
    "fit.report.replayed": ("replayed", "по истории"),
    "fit.report.simulated": ("simulated", "по модели"),
    "fit.report.simulated_range": ("simulated P5 to P95", "по модели, от P5 до P95"),
    "fit.report.range": ("{low} to {high}", "от {low} до {high}"),
    "fit.report.figure.share meeting the plan": (
        "share meeting the plan",
        "доля выполнивших план",
    ),
    "fit.report.figure.mean pay per person and period": (
        "mean pay per person and period",
        "средняя выплата на сотрудника за период",
    ),
    "fit.report.figure.payroll per period": ("payroll per period", "фонд оплаты за период"),
    "fit.report.simulation_note": ("simulation note: {note}", "примечание к моделированию: {note}"),
    "fit.report.notes": ("Notes", "Примечания"),
    "fit.report.tables": (
        "Scheme tables (paste each key under its table, or --into SCHEME writes a copy of the "
        "scheme with them merged in):",
        "Таблицы для схемы (вставьте каждый ключ в его таблицу или запустите с --into SCHEME: "
        "будет записана копия схемы с подставленными значениями):",
    ),
    "fit.report.toml_head": (
        "# Fitted by motivsim fit from {source}: {rows}, {people} (seed {seed}).",
        "# Подобрано командой motivsim fit по истории {source}: {rows}, {people} "
        "(зерно случайности {seed}).",
    ),
    "fit.report.toml_hint": (
        "# Put each key under its table in the scheme, or let motivsim merge them: "
        "motivsim fit HISTORY --into SCHEME.",
        "# Вставьте каждый ключ в его таблицу схемы или поручите это motivsim: "
        "motivsim fit HISTORY --into SCHEME.",
    ),
    "fit.report.toml_segment": (
        "# merge into the segment of this name",
        "# добавьте в сегмент с этим именем",
    ),
    "fit.report.merged_head": (
        "# Fitted by motivsim fit from {source} ({rows}, {people}, seed {seed}): the KPIs' "
        "distribution, persistence, seasonality and [correlation] come from the history.",
        "# Подобрано командой motivsim fit по истории {source} ({rows}, {people}, зерно "
        "случайности {seed}): distribution, persistence, seasonality показателей и [correlation] "
        "взяты из истории.",
    ),
    "fit.report.merged_segment": (
        "# segment {name} of the history is not in this scheme: its fit is not written here",
        "# сегмента {name} из истории в этой схеме нет: его распределения сюда не записаны",
    ),
    "fit.quiet": (
        "fitted {rows} ({people}): {families}",
        "подобрано по истории из {rows} ({people}): {families}",
    ),
    # -- motivsim fit: the notes (motivsim.history.fitnote.Note) ------------------------------
    "fit.note.column_not_numbers": (
        "column {name} is not numbers: left out",
        "столбец {name} содержит не числа: не используется",
    ),
    "fit.note.column_not_name": (
        "column {name} is not a name a scheme can use: left out",
        "название столбца {name} не годится как имя показателя в схеме: столбец не используется",
    ),
    "fit.note.numbered_periods": (
        "periods are numbered and no scheme says how many make a plan year: taken as 12 "
        "(months); give periods_per_year (--periods-per-year) otherwise",
        "периоды заданы номерами, а схемы, где сказано, сколько их в плановом году, нет: взято "
        "12 (месяцы); если это не так, задайте periods_per_year (--periods-per-year)",
    ),
    "fit.note.not_in_roster": (
        "{people} of the history are not in the scheme's roster ({names}): they count in the "
        "fits for everyone, not in a segment's",
        "{people} из истории нет в списке сотрудников схемы ({names}): они учтены в общих "
        "распределениях, но не в распределениях сегментов",
    ),
    "fit.note.no_segment": (
        "{rows} have no segment: they count in the fits for everyone only",
        "{rows} без сегмента: учтены только в общих распределениях",
    ),
    "fit.note.two_segments": (
        "some people appear in two segments: each segment's fit takes their rows in it",
        "некоторые сотрудники встречаются в двух сегментах: в распределение сегмента попадают "
        "только их строки из этого сегмента",
    ),
    "fit.note.few_people": (
        "only {people}: every interval rests on them, and a bootstrap over so few tends to give "
        "intervals too narrow; read them as rough",
        "всего {people}: все интервалы построены только по ним, а при так малом числе "
        "сотрудников интервалы обычно выходят слишком узкими; считайте их приблизительными",
    ),
    "fit.note.segment_kept": (
        "segment {name} of the scheme has its own {kpis}, which the fit does not replace (the "
        "history does not say who is in it): a simulation of the scheme keeps them",
        "у сегмента {name} в схеме свои {kpis}; подбор их не заменяет (по истории не видно, кто "
        "входит в этот сегмент), и моделирование по схеме сохранит их",
    ),
    "fit.note.season_few_rows": (
        "{kpi}: seasonality not estimated: {missing} of the plan year have fewer than {least}",
        "{kpi}: сезонность не оценена — мало данных: {missing} планового года, где меньше {least}",
    ),
    "fit.note.season_negative": (
        "{kpi}: seasonality not estimated: it scales values, which needs them at or above 0 "
        "with a mean above 0",
        "{kpi}: сезонность не оценена — сезонный коэффициент умножает значения, поэтому они "
        "должны быть не меньше 0, а их среднее — больше 0",
    ),
    "fit.note.one_year": ("one plan year", "данные только за один плановый год"),
    "fit.note.one_year_explained": (
        "seasonality is shown, not written, from one plan year: each factor rests on a single "
        "period, so a period good for everyone for other reasons looks like a season (fit two "
        "years, or write seasonality yourself if the season is known); the distributions then "
        "cover every period of the year",
        "сезонность показана, но не записана в схему: данные только за один плановый год, "
        "каждый коэффициент держится на одном периоде, и период, удачный для всех по другим "
        "причинам, выглядит как сезон (подберите модель по двум годам или впишите seasonality "
        "сами, если сезон известен); распределения при этом охватывают все периоды года",
    ),
    "fit.note.no_season": (
        "no clear season (F-test {p}): not written",
        "сезонность не выражена, F-тест: {p}",
    ),
    "fit.note.persistence_few": (
        "not estimated: {people} with two periods or more and {rows} (it needs {least_people} "
        "and {least_rows})",
        "не оценена: {people} с двумя периодами и более и {rows} (нужно не меньше "
        "{least_people} и {least_rows})",
    ),
    "fit.note.persistence_negative": (
        "below 0 (a person's periods vary more than different people's): written as 0",
        "меньше 0 (результаты одного сотрудника от периода к периоду различаются сильнее, чем у "
        "разных сотрудников): записано 0",
    ),
    "fit.note.persistence_fades": (
        "consecutive periods correlate more ({value}) than periods in general: the tie fades "
        "with distance, which the scheme's persistence (one value for any two periods) averages",
        "соседние периоды связаны сильнее ({value}), чем периоды вообще: связь слабеет с "
        "расстоянием, а persistence в схеме (одно значение для любых двух периодов) её усредняет",
    ),
    "fit.note.correlation_few": (
        "not estimated: {rows} (it needs {least})",
        "не оценена: {rows} (нужно не меньше {least})",
    ),
    "fit.note.correlation_lowered": (
        "{pair}: {value} cannot hold with persistence {a} and {b} in the simulator's model: "
        "written as {lowered}",
        "{pair}: {value} несовместимо с persistence {a} и {b} в модели симулятора: записано "
        "{lowered}",
    ),
    "fit.note.correlation_shrunk": (
        "the correlations were shrunk a little to hold together",
        "корреляции немного уменьшены, чтобы они были совместимы между собой",
    ),
    "fit.note.segment_few": (
        "segment {name}: {people} and {rows}: too few for distributions of its own (it needs "
        "{least_people} and {least_rows}); it keeps the scheme's",
        "сегмент {name}: {people} и {rows} — слишком мало для своих распределений (нужно не "
        "меньше {least_people} и {least_rows}); остаются распределения из схемы",
    ),
    "fit.note.rows_few": (
        "{rows}: too few to fit a distribution (it needs {least})",
        "{rows} — слишком мало, чтобы подобрать распределение (нужно не меньше {least})",
    ),
    "fit.note.constant": (
        "every value is the same: written as a constant",
        "все значения одинаковы: записано постоянное значение (constant)",
    ),
    "fit.note.constant_persistence": (
        "not estimated: every value is the same{within}, so there is no persistence or season "
        "to estimate",
        "не оценена: все значения одинаковы{within}, поэтому ни устойчивость, ни сезонность "
        "оценить нельзя",
    ),
    "fit.note.constant_correlation": (
        "not estimated: every value of {kpi} is the same{within}",
        "не оценена: все значения {kpi} одинаковы{within}",
    ),
    "fit.note.within_segment": (" within each segment", " внутри каждого сегмента"),
    "fit.note.not_converged": ("the fit did not converge", "подбор параметров не сошёлся"),
    "fit.note.not_positive": (
        "{values} at or below 0 (it needs values above 0)",
        "{values} не больше 0 (нужны значения больше 0)",
    ),
    "fit.note.beta_range": (
        "values outside the open range 0 to 1 (it is for shares and rates)",
        "есть значения вне интервала от 0 до 1 (это распределение — для долей и ставок)",
    ),
    "fit.note.no_family": (
        "no candidate family applies: written as the empirical distribution",
        "ни одно семейство распределений не подходит: записано эмпирическое распределение "
        "(empirical)",
    ),
    "fit.note.ks_rejects": (
        "{family} has the best BIC but the KS test rejects it ({p}): written as the empirical "
        "distribution of the values",
        "у {family} лучший BIC, но критерий Колмогорова — Смирнова его отвергает ({p}): "
        "записано эмпирическое распределение значений (empirical)",
    ),
    "fit.note.no_overdispersion": (
        "the counts vary no more than a Poisson's: no overdispersion to fit",
        "разброс значений не больше, чем у распределения Пуассона: подбирать больший разброс "
        "незачем",
    ),
    "fit.note.chi2_rejects": (
        "the chi-square test rejects a Poisson ({p}){wider}: written as the empirical "
        "distribution of the values",
        "критерий хи-квадрат отвергает распределение Пуассона ({p}){wider}: записано "
        "эмпирическое распределение значений (empirical)",
    ),
    "fit.note.chi2_wider": (
        " and a negative binomial too (size {size}, {p})",
        " и отрицательное биномиальное тоже (size {size}, {p})",
    ),
    "fit.note.chi2_rejects_nb": (
        "the chi-square test rejects a negative binomial (size {size}, {p}): written as the "
        "empirical distribution of the values",
        "критерий хи-квадрат отвергает отрицательное биномиальное распределение (size {size}, "
        "{p}): записано эмпирическое распределение значений (empirical)",
    ),
    "fit.note.negative_binomial": (
        "the chi-square test rejects a Poisson ({p}) and not a negative binomial: the counts "
        "spread more than a Poisson's (some periods busy, others quiet), and the negative "
        "binomial is written (size {size}: the smaller, the wider the spread)",
        "критерий хи-квадрат отвергает распределение Пуассона ({p}), но не отрицательное "
        "биномиальное: разброс значений больше, чем у Пуассона (одни периоды загруженные, "
        "другие тихие), и записано отрицательное биномиальное распределение (size {size}: чем "
        "меньше, тем больше разброс)",
    ),
    "fit.note.poisson_kept": (
        "a negative binomial has the lower BIC, but the chi-square test does not reject the "
        "Poisson (BIC takes a person's periods as independent, and so overrates extra spread)",
        "у отрицательного биномиального распределения BIC ниже, но критерий хи-квадрат не "
        "отвергает распределение Пуассона (BIC считает периоды одного сотрудника независимыми и "
        "поэтому преувеличивает лишний разброс)",
    ),
    "fit.note.counts_divided": (
        "the counts are written divided by their season's factor (the simulator multiplies "
        "them back), so the values are not whole numbers",
        "значения записаны делёнными на сезонный коэффициент (при моделировании они умножаются "
        "обратно), поэтому они не целые",
    ),
    "fit.note.quantiles": (
        "the empirical distribution is written as {quantiles} of the {values}",
        "эмпирическое распределение записано в виде {quantiles}, вычисленных по выборке из "
        "{values}",
    ),
    "fit.note.check_not_made": (
        "the check was not made: {error}",
        "проверка не выполнена: {error}",
    ),
    "fit.note.check_gaps": (
        "check: the history has {rows} for {people} over {periods} (some people lack some "
        "periods); the simulated team has everyone in every period",
        "проверка: в истории {rows} для {people} за {periods} (не у всех есть все периоды); в "
        "моделировании у каждого есть каждый период",
    ),
    "fit.note.check_start": (
        "check: the history does not start at the plan year's first period; a simulation does",
        "проверка: история начинается не с первого периода планового года, а моделирование — "
        "с первого",
    ),
    "fit.note.check_share": (
        "check: share meeting the plan not replayed: {why}",
        "проверка: доля выполнивших план по истории не посчитана: {why}",
    ),
    "fit.note.share.no_plan_met": (
        "the scheme has no [principles] plan_met",
        "в схеме нет [principles] plan_met",
    ),
    "fit.note.share.earlier": (
        "plan_met reads earlier periods",
        "plan_met зависит от прошлых периодов",
    ),
    "fit.note.share.no_kpi": (
        "the history lacks a KPI plan_met reads",
        "в истории нет показателя, от которого зависит plan_met",
    ),
    "fit.note.share.groups": (
        "more than {n} different sets of parameters",
        "больше {n} разных наборов параметров",
    ),
    "fit.note.check_nobody": (
        "check: nobody of the roster is in the history: the check was not made",
        "проверка: никого из списка сотрудников схемы нет в истории, проверка не выполнена",
    ),
    "fit.note.check_outside": (
        "check: {people} of the history are not in the roster: their rows are left out of the "
        "check",
        "проверка: {people} из истории нет в списке сотрудников схемы, их строки в проверку не "
        "вошли",
    ),
    "fit.note.check_segments": (
        "check: the scheme's segments are set aside: the simulated team is the history's "
        "people, paid by [params] as replay pays people outside a roster",
        "проверка: сегменты схемы не используются — моделируется команда из сотрудников "
        "истории с оплатой по [params], как при пересчёте истории для тех, кого нет в списке "
        "сотрудников",
    ),
    "timing.message": (
        "a manager who would book {kpi} = {a} and then {b} gains {gain} ({share} of the two "
        "periods' pay) by moving {moved} into {where} period: the plan rewards {way}",
        "менеджер, у которого {kpi} = {a}, а затем {b}, получит на {gain} больше ({share} "
        "зарплаты за оба периода), если перенесёт {moved} в {where} период: схема поощряет {way}",
    ),
    "timing.next": ("the next", "следующий"),
    "timing.earlier": ("the earlier", "предыдущий"),
    "timing.bunch": ("bunching deals into one period", "собирать сделки в один период"),
    "timing.spread": ("spreading deals out", "растягивать сделки по периодам"),
    "timing.typical": (
        "; at the typical {t} per period, moving {moved} gains {gain}",
        "; при типичном значении {t} за период перенос {moved} даёт {gain}",
    ),
    "timing.cause": ("; it comes from {what} in step {step}", "; причина — {what} в шаге {step}"),
    "timing.year": (
        " (counted over a whole plan year, with what the year takes back)",
        " (посчитано за весь плановый год, с учётом того, что год забирает обратно)",
    ),
    "timing.fix.bunch": (
        "pay each slice of the KPI at its own rate (marginal tiers instead of step), phase "
        "bonuses in, measure the plan over a longer period, or recompute it year to date",
        "платите каждую часть показателя по своей ставке (marginal вместо step), вводите "
        "бонусы постепенно, считайте план за более длинный период или пересчитывайте его "
        "нарастающим итогом",
    ),
    "timing.fix.spread": (
        "raise or remove the cap, keep paying a lower rate above it, or keep marginal rates "
        "from falling, so that a strong period is not wasted",
        "поднимите или уберите потолок, платите выше него по меньшей ставке или не снижайте "
        "ставки на верхних ступенях, чтобы сильный период не пропадал",
    ),
    "timing.kind.step": ("a retroactive tier table (step)", "ступенчатая шкала (step)"),
    "timing.kind.accelerator": (
        "an accelerator (marginal rates that rise)",
        "ускоритель (растущие ставки marginal)",
    ),
    "timing.kind.decelerator": (
        "a decelerator (marginal rates that fall)",
        "замедлитель (падающие ставки marginal)",
    ),
    "timing.kind.interp": ("a pay curve (interp)", "кривая выплаты (interp)"),
    "timing.kind.cap": ("a cap (min)", "потолок (min)"),
    "timing.kind.threshold": ("a threshold (a condition)", "порог (условие)"),
    "scan.cliff": (
        "pay jumps by {jump} (from {before} to {after}) when {kpi} {crossing}: managers just "
        "below it will push or hold back deals to cross it",
        "зарплата скачком растёт на {jump} (с {before} до {after}), когда {kpi} {crossing}: "
        "менеджеры чуть ниже порога будут дотягивать или придерживать сделки, чтобы его перейти",
    ),
    "scan.cliff.goes": ("goes from {a} to {b}", "меняется с {a} на {b}"),
    "scan.cliff.reaches": ("reaches {x}", "достигает {x}"),
    "scan.cliff.fix.tiers": (
        "pay each rate only on the part of the KPI inside its bracket (marginal(...) instead of "
        "step(...)), so that crossing a bracket adds little",
        "платите каждую ставку только с той части показателя, что попадает в её диапазон "
        "(marginal(...) вместо step(...)), чтобы переход через границу добавлял немного",
    ),
    "scan.cliff.fix": (
        "phase the amount in, e.g. interp({kpi}, [lower, {at}], [0, amount]), or make it smaller",
        "вводите сумму постепенно, например interp({kpi}, [нижняя_граница, {at}], [0, сумма]), "
        "или уменьшите её",
    ),
    "scan.decreases": (
        "pay falls from {a} to {b} when {kpi} rises from {x} to {y} ({share} of sampled cases "
        "have such a fall): better results earn less",
        "зарплата падает с {a} до {b}, когда {kpi} растёт с {x} до {y} (такое падение есть в "
        "{share} проверенных случаев): лучший результат оплачивается хуже",
    ),
    "scan.decreases.fix": (
        "make every rate, tier and bonus non-decreasing in {kpi}",
        "сделайте так, чтобы ни ставки, ни ступени, ни бонусы не уменьшались с ростом "
        "показателя {kpi}",
    ),
    "scan.cap": (
        "above {kpi} = {x} pay stops rising at {amount}{reach}: selling more this period earns "
        "nothing, so managers hold deals back",
        "когда {kpi} больше {x}, зарплата упирается в потолок {amount}{reach}: продавать больше "
        "в этом периоде незачем, и менеджеры придерживают сделки",
    ),
    "scan.cap.reach": (
        " ({share} of sampled periods go past it)",
        " (за него выходят {share} смоделированных периодов)",
    ),
    "scan.cap.fix": (
        "raise or remove the cap, or keep paying a lower rate above it",
        "поднимите или уберите потолок либо платите выше него по меньшей ставке",
    ),
    "scan.payout": (
        "between {kpi} = {a} and {b} each extra unit of {kpi} raises pay by {slope} units: the "
        "company loses money on every extra sale",
        "при {kpi} от {a} до {b} каждая лишняя единица показателя {kpi} повышает зарплату на "
        "{slope} единицы: компания теряет деньги на каждой дополнительной продаже",
    ),
    "scan.payout.fix": (
        "keep the marginal rate on {kpi} well below {full}",
        "держите предельную ставку с показателя {kpi} намного ниже {full}",
    ),
    "scan.negative": (
        "pay is negative ({amount}) for {values}",
        "зарплата отрицательна ({amount}) при {values}",
    ),
    "scan.negative.fix": (
        "add a floor, e.g. {pay} = max(..., 0), or make deductions smaller than the base",
        "добавьте нижнюю границу, например {pay} = max(..., 0), или сделайте вычеты меньше оклада",
    ),
    "scan.not_finite": (
        "pay cannot be computed for {values}",
        "зарплату нельзя вычислить при {values}",
    ),
    "scan.not_finite.fix": (
        "guard divisions, e.g. if(plan > 0, revenue / plan, 0)",
        "защитите деления, например if(план > 0, выручка / план, 0)",
    ),
    "static.unused_kpi": (
        "KPI {name} is declared but pay does not use it",
        "показатель {name} объявлен, но зарплата от него не зависит",
    ),
    "static.unused_kpi.fix": (
        "use it in a formula or remove [kpi.{name}]",
        "используйте его в формуле или удалите [kpi.{name}]",
    ),
    "static.unused_param": (
        "parameter {name} is not used by any formula",
        "параметр {name} не используется ни в одной формуле",
    ),
    "static.unused_param.fix": (
        "use it or remove {name} from [params]",
        "используйте его или удалите {name} из [params]",
    ),
    "static.unused_step": (
        "step {name} is computed but pay does not use it",
        "шаг {name} вычисляется, но зарплата от него не зависит",
    ),
    "static.unused_step.fix": (
        "add it to pay or remove {name} from [formula]",
        "добавьте его в зарплату или удалите {name} из [formula]",
    ),
    "static.percent_rate": (
        "{name} = {value} multiplies {target}: pay would be {value} times {target}",
        "{name} = {value} умножается на {target}: зарплата была бы равна {target} × {value}",
    ),
    "static.percent_rate.fix": (
        "a rate is a fraction{of_revenue}: write {name} = {fraction} for {value}%",
        "ставка — это доля{of_revenue}: напишите {name} = {fraction} вместо {value} %",
    ),
    "static.percent_rate.of_revenue": (" of revenue", " выручки"),
    "static.big_tier.marginal": ("marginal() on {kpi}", "marginal() от {kpi}"),
    "static.big_tier.step": (
        "step() values multiply {target}",
        "значения step() умножаются на {target}",
    ),
    "static.big_tier": (
        "{what} but {value} looks like a percent: pay would be {value} times the amount",
        "{what}, но {value} похоже на проценты: зарплата была бы равна сумме × {value}",
    ),
    "static.big_tier.fix": (
        "write rates as fractions: {fraction} for {value}%",
        "пишите ставки долями: {fraction} вместо {value} %",
    ),
    "static.decelerates": (
        "the marginal rate falls from {a} to {b}: each extra unit of {kpi} above that breakpoint "
        "earns less",
        "предельная ставка падает с {a} до {b}: каждая лишняя единица показателя {kpi} выше этой "
        "границы приносит меньше",
    ),
    "static.decelerates.fix": (
        "fine for a deliberate decelerator; otherwise make the rates non-decreasing",
        "это нормально для намеренного замедлителя; иначе сделайте ставки неубывающими",
    ),
    "static.tier_drops": (
        "{func}() values go down from {a} to {b}: crossing that breakpoint of {kpi} (a "
        "controllable KPI) lowers pay",
        "значения {func}() снижаются с {a} до {b}: переход этой границы показателя {kpi} (на "
        "который менеджер влияет) снижает зарплату",
    ),
    "static.tier_drops.fix": (
        "list the values in increasing order, or use marginal() so that a lower rate applies "
        "only above its breakpoint",
        "перечислите значения по возрастанию или используйте marginal(), чтобы меньшая ставка "
        "действовала только выше своей границы",
    ),
    "bracket.gap.point": ("leave out {subject} = {x}", "пропускают {subject} = {x}"),
    "bracket.gap.range": ("leave a gap between {a} and {b}", "оставляют дыру между {a} и {b}"),
    "bracket.gap": (
        "the brackets on {subject} {hole}: there nothing is paid",
        "диапазоны по {subject} {hole}: там ничего не платится",
    ),
    "bracket.gap.fix": (
        "start this bracket where the previous one ends: {condition}",
        "начните этот диапазон там, где кончается предыдущий: {condition}",
    ),
    "bracket.overlap.point": ("at {subject} = {x}", "при {subject} = {x}"),
    "bracket.overlap.range": ("from {a} to {b}", "от {a} до {b}"),
    "bracket.overlap": (
        "the brackets on {subject} overlap {where}: both are paid there",
        "диапазоны по {subject} пересекаются {where}: там платятся оба",
    ),
    "bracket.overlap.fix": (
        "make brackets half-open, [lo, hi): lo <= x and x < hi",
        "сделайте диапазоны полуоткрытыми, [от, до): от <= x and x < до",
    ),
    "rounding.half-up": ("half-up", "половина копейки — от нуля"),
    "rounding.half-even": ("half-even", "банковское округление"),
    "rounding.half-down": ("half-down", "половина копейки — к нулю"),
    "rounding.down": ("down", "доли копейки отбрасываются"),
    "rounding.up": ("up", "любая доля копейки — вверх"),
    # -- simulate ----------------------------------------------------------------------------
    "replay.unused": (
        "columns not used (not KPIs or parameters): {columns}",
        "столбцы не использованы (это не показатели и не параметры): {columns}",
    ),
    "gaming.head": (
        "Gaming: {scheme}, managers moving up to {share} of a period's {kpi} across each "
        "boundary when it pays them (losing {cost} of what they move)",
        "Перенос сделок: {scheme}; менеджеры переносят до {share} показателя {kpi} за период "
        "через границу периодов, когда им это выгодно (теряя {cost} переносимого)",
    ),
    "gaming.size": (
        "{runs} runs x {periods} periods x {managers} managers; seed {seed}",
        "прогонов: {runs} × периодов: {periods} × менеджеров: {managers}; зерно {seed}",
    ),
    "gaming.honest": ("honest", "честно"),
    "gaming.gaming": ("gaming", "с переносом"),
    "gaming.change": ("change", "разница"),
    "gaming.payroll": ("payroll per period", "ФОТ за период"),
    "gaming.kpi": ("{kpi} per period", "{kpi} за период"),
    "gaming.moved": (
        "Deals moved at {all} of manager-boundaries: pulled into the earlier period at {pulled}, "
        "pushed into the next at {pushed}",
        "Сделки перенесены на {all} границ периодов: в предыдущий период — на {pulled}, "
        "в следующий — на {pushed}",
    ),
    "gaming.timing": (
        "{kpi} by period of the run (honest -> gaming):",
        "{kpi} по периодам прогона (честно -> с переносом):",
    ),
    "gaming.period": ("period {t}", "период {t}"),
    "sim.over": ("over {periods}", "за {periods}"),
    "periods.year": ("per year ({periods})", "за год ({periods})"),
    "sim.row.payroll": ("Team payroll {per}", "ФОТ команды {per}"),
    "sim.row.segments": ("Segment payroll {per}", "ФОТ по сегментам {per}"),
    "sim.row.manager": ("One manager {per}", "Один менеджер {per}"),
    "sim.row.any_segment": ("any segment", "любой сегмент"),
    "sim.mean": ("mean", "среднее"),
    "sim.people": (
        "Each person {span} (from {runs})",
        "Каждый сотрудник {span} (по данным {runs})",
    ),
    "sim.people.first": ("the first {n} of the runs", "первых {n} прогонов"),
    "sim.people.more": (
        "  ... {n} more between them (--json lists everyone)",
        "  ... и ещё {n} между ними (полный список — в --json)",
    ),
    "sim.people.ends": (
        "  the {n} lowest and highest paid on average",
        "  по {n} человек с самой низкой и самой высокой средней зарплатой",
    ),
    "sim.head": ("Simulation of {scheme}{unit}", "Моделирование: {scheme}{unit}"),
    "sim.head.unit": (" ({currency} {per})", " ({currency} {per})"),
    "sim.size": (
        "{runs} x {periods} x {managers} = {total}; seed {seed}",
        "{runs} × {periods} × {managers} = {total}; зерно {seed}",
    ),
    "sim.amounts.in": ("Amounts in {currency}", "Суммы, {currency}"),
    "sim.amounts": ("Amounts", "Суммы"),
    "sim.meeting": ("Meeting the plan: {share} of {what}", "Выполняют план: {share} {what}"),
    "sim.ratio": (": {ratio}", "; разница {ratio}"),
    "sim.means": (
        "Mean pay {per} meeting vs missing the plan, over this simulation's {n} {what}: {met} "
        "vs {missed}{ratio}",
        "Средняя зарплата {per} при выполнении и при невыполнении плана (в этом моделировании "
        "{what}: {n}): {met} против {missed}{ratio}",
    ),
    "sim.year": (
        "Per plan year ({years}): {share} met the plan in at least half of their {units}; their "
        "annual pay vs the others': {met} vs {missed}{ratio}",
        "По плановым годам ({years}): {share} выполнили план хотя бы в половине своих {units}; "
        "их годовая зарплата против остальных: {met} против {missed}{ratio}",
    ),
    "sim.cap": ("Hitting a cap: {share} of {what}", "Упираются в потолок: {share} {what}"),
    "sim.revenue": ("Payroll as a share of revenue: {share}", "ФОТ в доле от выручки: {share}"),
    "sim.non_finite": (
        "Pay was not a finite number in {n} {what} ({share}): left out of every figure; check "
        "divisions and powers in the formulas",
        "Зарплата не вычислилась (не конечное число), {what}: {n} ({share}); они не учтены ни "
        "в одном показателе; проверьте деления и степени в формулах",
    ),
    "note.skip.plan": (
        "the share meeting the plan is not computed: KPI {names} has no distribution",
        "доля выполняющих план не вычисляется: у показателя {names} нет распределения",
    ),
    "note.skip.revenue": (
        "payroll as a share of revenue is not computed: KPI {names} has no distribution",
        "доля ФОТ в выручке не вычисляется: у показателя {names} нет распределения",
    ),
    "sim.note": ("Note: {note}", "Примечание: {note}"),
    "sim.quantiles": (
        "Quantiles are within {error} of the exact sample quantiles.",
        "Квантили отличаются от точных выборочных не более чем на {error}.",
    ),
    "sim.p1": (
        "Principle 1: those meeting the plan earn {ratio} those missing it (mean pay {per}: "
        "{met} vs {missed})",
        "Принцип 1: выполняющие план получают {ratio} больше невыполняющих (средняя зарплата "
        "{per}: {met} против {missed})",
    ),
    "sim.p1.basis": (
        "  {basis}{where}; check, plot and report show this figure for --samples {samples} "
        "--seed {seed}",
        "  {basis}{where}; check, plot и report показывают это число при --samples {samples} "
        "--seed {seed}",
    ),
    "sim.p1.apart": (
        "; drawn apart from the simulation above, {how}",
        "; разыграно отдельно от моделирования выше, {how}",
    ),
    "sim.p1.apart.team": ("one {period} per draw", "каждый сценарий длиной в {period}"),
    "sim.p1.apart.check": ("as check draws them", "как в check"),
    "sim.percentiles.payroll": (
        "Payroll per period percentiles: {values}",
        "Процентили ФОТ за период: {values}",
    ),
    "sim.percentiles.manager": (
        "One manager's pay percentiles: {values}",
        "Процентили зарплаты одного менеджера: {values}",
    ),
    "sim.verdict": (
        "payroll per period: mean {mean} (P5 {p5}, P95 {p95}), seed {seed}",
        "ФОТ за период: в среднем {mean} (P5 {p5}, P95 {p95}), зерно {seed}",
    ),
    "sim.progress": ("simulating", "моделирование"),
    "wrote": ("wrote {path}", "записан файл {path}"),
    "plot.principle": (
        "{who}principle 1: those meeting the plan earn {ratio} those missing it ({basis}; seed "
        "{seed}, as check --samples {samples} --seed {seed})",
        "{who}принцип 1: выполняющие план получают {ratio} больше невыполняющих ({basis}; "
        "зерно {seed}, как в check --samples {samples} --seed {seed})",
    ),
    "plot.principle.first": (
        "{who}one period alone, as a person's first: those meeting the plan earn {ratio} those "
        "missing it ({basis}); the plan pays by the year, and check judges principle 1 per plan "
        "year",
        "{who}один период отдельно, как первый у сотрудника: выполняющие план получают {ratio} "
        "больше невыполняющих ({basis}); схема платит по итогам года, и check оценивает "
        "принцип 1 за плановый год",
    ),
    # -- compare -----------------------------------------------------------------------------
    "cmp.head": (
        "Compare OLD {old} with NEW {new}",
        "Сравнение: было (OLD) {old}, стало (NEW) {new}",
    ),
    "cmp.samples": (
        "{samples} per segment (the same KPI values fed to both), seed {seed}",
        "{samples} на сегмент (одни и те же значения показателей для обеих схем), зерно {seed}",
    ),
    "cmp.expected": ("Expected pay per manager{unit}:", "Ожидаемая зарплата менеджера{unit}:"),
    "cmp.col.segment": ("segment", "сегмент"),
    "segment.everyone": ("everyone", "все"),
    "cmp.col.old": ("OLD", "было"),
    "cmp.col.new": ("NEW", "стало"),
    "cmp.col.change": ("change [{level} interval]", "изменение [интервал {level}]"),
    "cmp.total": ("total payroll", "весь ФОТ"),
    "cmp.shares": (
        "Managers better off: {better}, worse off: {worse}, unchanged: {same} (share of the "
        "paired samples)",
        "Менеджеры в выигрыше: {better}, в проигрыше: {worse}, без изменений: {same} (доля "
        "парных сценариев)",
    ),
    "cmp.no_cut": (
        "Largest pay cut found: none (no KPI values searched pay less under NEW)",
        "Наибольшее снижение зарплаты: не найдено (ни при одном проверенном наборе показателей "
        "новая схема не платит меньше)",
    ),
    "cmp.cut": (
        "Largest pay cut found{whom}: {cut}",
        "Наибольшее найденное снижение зарплаты{whom}: {cut}",
    ),
    "cut": (
        "{where}, the new plan pays {amount} less (−{share}): {old} before, {new} after",
        "{where} новая схема платит на {amount} меньше (−{share}): было {old}, стало {new}",
    ),
    "cut.with": ("with {values}", "при {values}"),
    "cut.any": ("for any KPI values", "при любых значениях показателей"),
    "cmp.whom.person": (" for {person} ({segment})", " для {person} ({segment})"),
    "cmp.whom.segment": (" for segment {segment}", " для сегмента {segment}"),
    "cmp.kpis": ("KPIs compared: {names}", "Сравниваемые показатели: {names}"),
    "cmp.kpis.none": ("none shared", "общих нет"),
    "cmp.note": ("  note: {note}", "  примечание: {note}"),
    "cmp.principles.none": ("Principles: not checked", "Принципы: не проверялись"),
    "cmp.principles.changed": (
        "Principles whose verdict changed:",
        "Принципы, итог которых изменился:",
    ),
    "cmp.principles.change": ("  {name}: {a} -> {b}", "  {name}: {a} -> {b}"),
    "cmp.principles.item": ("{name} {verdict}", "{name}: {verdict}"),
    "cmp.principles.same": (
        "Principles: no verdict changed ({shown})",
        "Принципы: ни один итог не изменился ({shown})",
    ),
    "cmp.principles.error": (
        "principles not compared: {error}",
        "принципы не сравнивались: {error}",
    ),
    "cmp.no_change": (
        "No change: both schemes pay the same for every sample and searched case.",
        "Изменений нет: обе схемы платят одинаково во всех сценариях и проверенных случаях.",
    ),
    "cmp.pass": ("PASS", "ПРОЙДЕН"),
    "cmp.fail": ("FAIL", "НЕ ПРОЙДЕН"),
    "cmp.gate.over": (
        "Losing more than {limit}: {share} of the sampled managers",
        "Теряют больше {limit}: {share} смоделированных менеджеров",
    ),
    "cmp.gate": (
        "Gate --max-cut {limit}: {verdict} (largest cut {share}, allowed {allowed})",
        "Порог --max-cut {limit}: {verdict} (наибольшее снижение {share}, допустимо {allowed})",
    ),
    "cmp.among": (
        "  among {band} of OLD pay ({low} to {high}, {people} of the sampled managers): {over} "
        "lose more than {limit}",
        "  в диапазоне {band} прежней зарплаты (от {low} до {high}, {people} смоделированных "
        "менеджеров): теряют больше {limit} — {over}",
    ),
    "cmp.among.none": (
        "  among {band} of OLD pay: no sampled manager",
        "  в диапазоне {band} прежней зарплаты: ни одного смоделированного менеджера",
    ),
    "cmp.among.worst": (
        "  worst sampled case in {band}{whom}: {cut}",
        "  худший смоделированный случай в диапазоне {band}{whom}: {cut}",
    ),
    "cmp.gate.among": (
        "Gate --max-cut {limit} --among {band}: {verdict} (worst sampled cut in the band {worst}, "
        "allowed {allowed}; the largest cut found above does not decide it)",
        "Порог --max-cut {limit} --among {band}: {verdict} (худшее смоделированное снижение в "
        "диапазоне {worst}, допустимо {allowed}; наибольшее снижение выше на итог не влияет)",
    ),
    "cmp.people": (
        "People ({n} named, each paid with their own parameters on their segment's samples):",
        "Сотрудники ({n} поимённо, каждому платят по его собственным параметрам на сценариях "
        "его сегмента):",
    ),
    "cmp.people.counts": (
        "  losing on average: {losing}, gaining: {gaining}, unchanged: {same}",
        "  в среднем теряют: {losing}, выигрывают: {gaining}, без изменений: {same}",
    ),
    "cmp.count.none": ("none", "никто"),
    "cmp.count.all": ("all {n}", "все {n}"),
    "cmp.count.some": ("{k} of {n}", "{k} из {n}"),
    "cmp.people.most": ("losing most", "теряют больше всех"),
    "cmp.people.more": (
        "    and {n} more who lose on average",
        "    и ещё {n}, кто в среднем теряет",
    ),
    "cmp.people.where": (" with OLD pay in {band}", " при прежней зарплате в диапазоне {band}"),
    "cmp.people.nobody": (
        "  nobody loses more than {limit} in any of their samples{where}",
        "  никто не теряет больше {limit} ни в одном своём сценарии{where}",
    ),
    "cmp.people.failing": (
        "  failing --max-cut {limit} (losing more than {limit} in at least one of their "
        "samples{where}): {count}",
        "  не проходят --max-cut {limit} (теряют больше {limit} хотя бы в одном своём "
        "сценарии{where}): {count}",
    ),
    "cmp.people.fail": (
        "    {name} ({segment}): {share} of their samples",
        "    {name} ({segment}): {share} своих сценариев",
    ),
    "cmp.people.fail_more": ("    and {n} more", "    и ещё {n}"),
    "cmp.units": (
        "OLD in {old}, NEW in {new}; not converted",
        "OLD в {old}, NEW в {new}; без пересчёта",
    ),
    "cmp.note.currency": (
        "OLD pays in {old} and NEW in {new}: amounts are compared as numbers, without conversion",
        "OLD платит в {old}, а NEW — в {new}: суммы сравниваются как числа, без пересчёта",
    ),
    "cmp.note.memory": (
        "pay of {which} reads earlier periods: the pay figures above are one period each, as a "
        "person's first (nothing carried from before), while the principles' verdicts are per "
        "plan year; compare --history on last year's rows, or simulate --periods, shows pay "
        "over the year",
        "зарплата по {which} зависит от прошлых периодов: суммы выше посчитаны за один период, "
        "как первый у "
        "сотрудника (без прошлых периодов), а выводы по принципам — за плановый год; зарплату "
        "за год покажут compare --history на строках прошлого года или simulate --periods",
    ),
    "cmp.note.period": (
        "OLD pays per {old} and NEW per {new}: amounts are compared as numbers; if the periods "
        "differ, convert one scheme first",
        "OLD платит за {old}, а NEW — за {new}: суммы сравниваются как числа; если периоды "
        "различаются, сначала пересчитайте одну из схем",
    ),
    "cmp.verdict.largest": ("largest cut {share}", "наибольшее снижение {share}"),
    "cmp.verdict.no_cut": ("no cut found", "снижений не найдено"),
    "cmp.verdict.changed": ("CHANGED", "ИЗМЕНИЛАСЬ"),
    "cmp.verdict.unchanged": ("UNCHANGED", "НЕ ИЗМЕНИЛАСЬ"),
    "cmp.verdict": ("{state}: {largest}", "{state}: {largest}"),
    "cmp.verdict.failing": (", {k} of {n} people fail", ", не проходят {k} из {n} человек"),
    "cmp.verdict.gate": (
        "{state}: {limit}, {largest}{failing}",
        "{state}: {limit}, {largest}{failing}",
    ),
    "cmp.verdict.among": (
        "{state}: {limit} --among {band}, {over} of the band lose more{failing} ({largest} "
        "anywhere, not gated)",
        "{state}: {limit} --among {band}, в диапазоне теряют больше: {over}{failing} "
        "({largest} по всем случаям, на итог не влияет)",
    ),
    "hist.head": (
        "On actual history ({rows} rows, {people}, both plans replayed row by row):",
        "По фактической истории ({rows} строк, {people}; обе схемы пересчитаны строка за строкой):",
    ),
    "hist.payroll": (
        "  payroll: OLD {old}, NEW {new} ({change}{pct})",
        "  ФОТ: было {old}, стало {new} ({change}{pct})",
    ),
    "hist.year": (
        "  plan year {year}: OLD {old}, NEW {new} ({change})",
        "  плановый год {year}: было {old}, стало {new} ({change})",
    ),
    "hist.counts": (
        "  people paid more: {more}, paid less: {less}, unchanged: {same}",
        "  получают больше: {more}, меньше: {less}, столько же: {same}",
    ),
    "hist.losing": (
        "  paid less (most first):",
        "  получают меньше (сначала самые большие потери):",
    ),
    "hist.more": (
        "    ... and {n} more (--json lists everyone)",
        "    ... и ещё {n} (полный список — в --json)",
    ),
    "hist.gate": (
        "  gate --max-cut {limit} on actual people: {result}",
        "  порог --max-cut {limit} по реальным сотрудникам: {result}",
    ),
    "hist.gate.fail": (
        "FAIL: {n} lose more than {limit} of their pay ({names})",
        "НЕ ПРОЙДЕН: теряют больше {limit} зарплаты — {n} ({names})",
    ),
    "hist.gate.pass": (
        "PASS: nobody loses more than {limit} of their pay",
        "ПРОЙДЕН: никто не теряет больше {limit} зарплаты",
    ),
    # -- tune --------------------------------------------------------------------------------
    "tune.head": ("motivsim tune: {scheme}", "Подбор параметров: {scheme}"),
    "tune.search": (
        "search: {draws} on common random numbers (seed {seed}), {evaluations} candidate plans; "
        "the figures below are from a fresh seed ({check_seed}): check with {check_samples} "
        "samples, simulate for the cost",
        "поиск: {draws} на общих случайных числах (зерно {seed}), вариантов схемы: "
        "{evaluations}; показатели ниже получены на новом зерне ({check_seed}): принципы "
        "проверены на {check_samples} сценариях, стоимость получена моделированием",
    ),
    "tune.col.parameter": ("parameter", "параметр"),
    "tune.col.range": ("range", "диапазон"),
    "tune.col.current": ("current", "сейчас"),
    "tune.col.tuned": ("tuned", "подобрано"),
    "tune.col.change": ("change", "изменение"),
    "tune.col.needed": ("needed", "требуется"),
    "tune.col.before": ("before", "было"),
    "tune.col.after": ("after", "стало"),
    "tune.lever": (" (solved for the cost)", " (рассчитан под целевую стоимость)"),
    "tune.unchanged": (
        "The current parameters already meet every constraint: nothing to change.",
        "Текущие параметры уже удовлетворяют всем ограничениям: менять ничего не нужно.",
    ),
    "tune.chosen": (
        "Chosen: of the plans meeting every constraint, the one closest to the current "
        "parameters (relative distance {distance}: the root of the sum of each parameter's "
        "change squared, over its current value).",
        "Выбрана схема, ближайшая к текущим параметрам среди всех, удовлетворяющих "
        "ограничениям (относительное расстояние {distance}: корень из суммы квадратов "
        "изменений параметров, каждое в долях от текущего значения).",
    ),
    "tune.rounded": (
        "Rounded: {steps} (two significant digits finer than the ends of its range{finer}), "
        "keeping every constraint.",
        "Округление: {steps} (на два значащих разряда точнее концов диапазона{finer}); "
        "все ограничения при этом соблюдаются.",
    ),
    "tune.rounded.step": ("{name} to {step}", "{name} — до {step}"),
    "tune.rounded.finer": (
        ", or finer where that rounding missed a constraint",
        " или точнее, если при таком округлении нарушалось ограничение",
    ),
    "tune.infeasible": (
        "No plan in the ranges meets every constraint. What binds:",
        "Ни одна схема в заданных диапазонах не удовлетворяет всем ограничениям. Что мешает:",
    ),
    "tune.shown.current": (
        "Shown below: the current parameters, which meet every other constraint.",
        "Ниже показаны текущие параметры: остальные ограничения они соблюдают.",
    ),
    "tune.shown.closest": (
        "Shown below: the candidate that comes closest.",
        "Ниже показан вариант, ближе всех подошедший к цели.",
    ),
    "tune.margin": (
        "In the search the plan's ratio is {ratio}; principle 1 was aimed at {needed}, "
        "{min_ratio} plus {margin} standard errors of check's figure at {samples} samples, so "
        "that check passes with other seeds too.",
        "При поиске выполняющие план получают {ratio} больше; по принципу 1 поиск добивался "
        "разницы {needed}: порог {min_ratio} плюс запас {margin} × стандартная ошибка "
        "показателя проверки на {samples} сценариях, чтобы проверка проходила и с другими "
        "зёрнами.",
    ),
    "tune.target": (
        "The {label} was aimed within {aim} of the target in the search (the {tolerance} "
        "tolerance less {margin} standard errors of the Monte Carlo figures), so that it holds "
        "with another seed.",
        "При поиске показатель «{label}» держали в пределах {aim} от цели (допуск {tolerance} "
        "минус запас {margin} × стандартная ошибка оценок Монте-Карло), чтобы цель "
        "выполнялась и с другим зерном.",
    ),
    "tune.target.cost_of_sales": ("cost of sales", "доля расходов на оплату в выручке"),
    "tune.target.payroll": ("payroll per period", "фонд оплаты труда за период"),
    "tune.note": ("Note: {note}", "Примечание: {note}"),
    "tune.verdict": ("Verdict: {verdict}", "Итог: {verdict}"),
    "tune.verdict.unchanged": (
        "PASS: the current parameters already meet every constraint",
        "ГОТОВО — текущие параметры уже удовлетворяют всем ограничениям",
    ),
    "tune.verdict.pass": (
        "PASS: {changes}; every constraint holds with the fresh seed {seed}",
        "ГОТОВО — {changes}; все ограничения соблюдены на новом зерне {seed}",
    ),
    "tune.verdict.infeasible": (
        "FAIL: no plan in the ranges meets {names}",
        "НЕ УДАЛОСЬ — ни одна схема в заданных диапазонах не соблюдает ограничения: {names}",
    ),
    "tune.verdict.a_constraint": ("a constraint", "одно из ограничений"),
    "tune.verdict.missed": (
        "FAIL: {changes}; {failed} missed with the fresh seed {seed}",
        "НЕ УДАЛОСЬ — {changes}; на новом зерне {seed} нарушено: {failed}",
    ),
    "tune.label.ratio": (
        "principle 1: pay of those meeting the plan / missing it",
        "принцип 1: оплата выполняющих план / не выполняющих",
    ),
    "tune.label.complexity": ("principle 2: complexity score", "принцип 2: оценка сложности"),
    "tune.label.control": (
        "principle 3: share of pay variance from luck",
        "принцип 3: доля разброса оплаты от везения",
    ),
    "tune.label.cost_of_sales": (
        "cost of sales (payroll / revenue)",
        "доля расходов на оплату (ФОТ / выручка)",
    ),
    "tune.label.payroll": ("payroll per {period}", "фонд оплаты труда за {period}"),
    "tune.label.share_meeting_plan": ("share meeting the plan", "доля выполняющих план"),
    "tune.label.reach": (
        "share reaching {attainment} of plan",
        "доля достигающих {attainment} плана",
    ),
    "tune.need.at_least": ("at least {n}", "не менее {n}"),
    "tune.need.ratio": ("at least {n}", "не менее чем {n}"),
    "tune.need.at_most": ("at most {n}", "не более {n}"),
    "tune.need.not_kept": ("({needed}: not kept)", "({needed}: не учитывается)"),
    "tune.need.current": ("the current one ± {tolerance}", "как сейчас ± {tolerance}"),
    "tune.control.none": ("{share} (none)", "{share} (нет)"),
    "tune.mark.ok": ("ok", "да"),
    "tune.mark.fail": ("FAIL", "НЕТ"),
    "tune.wrote": (
        "wrote {out}: the scheme with the tuned values",
        "записан файл {out}: схема с подобранными значениями",
    ),
    "tune.not_written": (
        "{out} not written: no plan in the ranges meets every constraint",
        "файл {out} не записан: ни одна схема в заданных диапазонах не удовлетворяет всем "
        "ограничениям",
    ),
    # -- tune: what binds (a constraint no plan in the ranges meets) and the notes ------------
    "tune.bind.flat.one": (
        " whatever {names} is (it does not depend on it)",
        " при любом значении {names} (от него это не зависит)",
    ),
    "tune.bind.flat.many": (
        " whatever {names} are (it does not depend on them)",
        " при любых значениях {names} (от них это не зависит)",
    ),
    "tune.bind.or": (" or ", " или "),
    "tune.bind.and": (" and ", " и "),
    "tune.bind.at": (", at {where}", " при {where}"),
    "tune.bind.low_end": (" (the lower end of its range)", " (нижняя граница диапазона)"),
    "tune.bind.high_end": (" (the upper end of its range)", " (верхняя граница диапазона)"),
    "tune.bind.widen.one": (
        "widen the range of {names}, or ",
        "расширьте диапазон параметра {names} или ",
    ),
    "tune.bind.widen.many": (
        "widen the range of {names}, or ",
        "расширьте диапазоны параметров {names} или ",
    ),
    "tune.bind.ratio.margin": (
        "the search needs {needed} ({min_ratio} plus the margin)",
        "поиску нужно {needed} (порог {min_ratio} плюс запас)",
    ),
    "tune.bind.ratio.needs": ("it needs {min_ratio}", "нужно не менее чем {min_ratio}"),
    "tune.bind.ratio.none": (
        "principle 1 cannot be measured{tail}: nobody meets the plan, or everybody does (or "
        "those who miss it are paid less than nothing); move the plan's range",
        "принцип 1 нельзя измерить{tail}: план не выполняет никто или выполняют все (либо не "
        "выполнившие получают меньше нуля); сдвиньте диапазон плана",
    ),
    "tune.bind.ratio": (
        "principle 1: the best plan reaches {ratio}{tail}; {need}; {widen}change the plan's "
        "shape: less pay below the plan (a smaller base or commission) or more above it (an "
        "accelerator)",
        "принцип 1: в лучшем варианте выполняющие план получают {ratio} больше{tail}; {need}; "
        "{widen}измените устройство схемы: платите меньше ниже плана (меньше оклад или "
        "комиссия) или больше выше плана (ускоритель)",
    ),
    "tune.bind.complexity": (
        "principle 2: complexity {score} whatever the parameters (allowed {allowed}): the score "
        "depends on the formulas, not on the numbers; simplify the formulas (see check)",
        "принцип 2: оценка сложности {score} при любых параметрах (допустимо {allowed}): она "
        "зависит от формул, а не от чисел; упростите формулы (подробности — в check)",
    ),
    "tune.bind.control": (
        "principle 3: the best plan has {share} of pay variance from uncontrollable KPIs{tail}; "
        "allowed: {allowed}, less the margin; {widen}pay less on the uncontrollable KPIs, or cap "
        "that part",
        "принцип 3: в лучшем варианте {share} разброса оплаты зависит от показателей, на "
        "которые менеджер не влияет{tail}; допустимо: {allowed} за вычетом запаса; "
        "{widen}платите меньше за такие показатели или ограничьте эту часть потолком",
    ),
    "tune.bind.label.cost_of_sales": (
        "cost of sales (payroll / revenue)",
        "доля расходов на оплату (ФОТ / выручка)",
    ),
    "tune.bind.label.payroll": ("payroll per period", "фонд оплаты труда за период"),
    "tune.bind.cost": (
        "{label}: the closest is {value}{tail}; target: {target}; {widen}change the target",
        "{label}: ближе всего к цели {value}{tail}; цель: {target}; {widen}измените цель",
    ),
    "tune.bind.cost.vary": (
        "vary a parameter the cost moves with, or ",
        "меняйте параметр, от которого зависит стоимость, или ",
    ),
    "tune.bind.share": (
        "share meeting the plan: the closest is {value}{tail}; wanted: {wanted}; {fix}",
        "доля выполняющих план: ближе всего к нужной {value}{tail}; нужно: {wanted}; {fix}",
    ),
    "tune.bind.share.level": (
        "vary the plan's level (its parameter)",
        "меняйте уровень плана (его параметр)",
    ),
    "tune.bind.share.move": ("{widen}move the plan", "{widen}сдвиньте план"),
    "tune.bind.reach": (
        "{label}: the closest is {value}{tail}; wanted: {wanted}; {fix}",
        "{label}: ближе всего к нужной {value}{tail}; нужно: {wanted}; {fix}",
    ),
    "tune.bind.reach.level": (
        "vary the plan's level (its parameter), or widen the rule's range",
        "меняйте уровень плана (его параметр) или расширьте диапазон правила",
    ),
    "tune.bind.reach.move": (
        "{widen}move the plan, or widen the rule's range",
        "{widen}сдвиньте план или расширьте диапазон правила",
    ),
    "tune.bind.error": (
        "the plan cannot be paid at {where}: {error}",
        "зарплату по схеме нельзя рассчитать при {where}: {error}",
    ),
    "tune.bind.finite": (
        "pay is not a finite number for some drawn KPI values at {where}: guard divisions, "
        "e.g. if(plan > 0, revenue / plan, 0)",
        "при {where} зарплата для некоторых смоделированных значений показателей не "
        "вычисляется (не конечное число): защитите деления, например if(план > 0, выручка / "
        "план, 0)",
    ),
    "tune.bind.alone": (
        "; no candidate met the other constraints either",
        "; остальные ограничения тоже не выполнил ни один вариант",
    ),
    "tune.note.noise": (
        "the {label} varies by {error} (one standard error) between seeds at {samples} samples, "
        "close to the {tolerance} tolerance: it may miss the target with another seed; raise "
        "--samples or the tolerance",
        "показатель «{label}» меняется от зерна к зерну на {error} (одна стандартная ошибка; "
        "сценариев: {samples}), это близко к допуску {tolerance}: с другим зерном цель может "
        "быть не достигнута; увеличьте --samples или допуск",
    ),
    "tune.note.unused": (
        "{name} changes neither pay nor the plan: varying it does nothing",
        "параметр {name} не влияет ни на зарплату, ни на выполнение плана: менять его бесполезно",
    ),
    "tune.note.segment.one": (
        "segment {segments} sets {name} itself: the tuned [params] value does not change the "
        "pay there",
        "в сегменте {segments} параметр {name} задан свой: подобранное значение из [params] там "
        "на зарплату не влияет",
    ),
    "tune.note.segment.many": (
        "segment {segments} set {name} itself: the tuned [params] value does not change the pay "
        "there",
        "в сегментах {segments} параметр {name} задан свой: подобранное значение из [params] там "
        "на зарплату не влияет",
    ),
    "tune.note.people.one": (
        "{n} person sets {name} in the roster (e.g. {first}): the tuned [params] value does not "
        "change their pay",
        "у {n} в списке сотрудников свой параметр {name} (например, у {first}): подобранное "
        "значение из [params] на его зарплату не влияет",
    ),
    "tune.note.people.many": (
        "{n} people set {name} in the roster (e.g. {first}): the tuned [params] value does not "
        "change their pay",
        "у {n} в списке сотрудников свой параметр {name} (например, у {first}): подобранное "
        "значение из [params] на их зарплату не влияет",
    ),
    # -- replay, explain --history -------------------------------------------------------------
    "replay.head": (
        "Replay of {scheme} on {rows} rows of history ({people})",
        "Пересчёт {scheme} по истории: {rows} строк ({people})",
    ),
    "replay.col.person": ("person", "сотрудник"),
    "replay.col.periods": ("periods", "периодов"),
    "replay.col.total": ("total pay", "всего к выплате"),
    "replay.more": (
        "... and {n} more (--out writes every row)",
        "... и ещё {n} (--out записывает все строки)",
    ),
    "replay.years": ("Payroll per plan year", "ФОТ по плановым годам"),
    "replay.year": ("  year {year}: {amount}", "  год {year}: {amount}"),
    "replay.exact": (
        "Every row's pay is exact, rounded once to cents ({rule}).",
        "Зарплата каждой строки точная, округлена до копеек один раз ({rule}).",
    ),
    "replay.note": ("note: {note}", "примечание: {note}"),
    "replay.verdict": (
        "{rows} rows replayed, total pay {total}",
        "пересчитано строк: {rows}, всего к выплате {total}",
    ),
    "hist.statement": (
        "Pay statement over {periods}: {scheme}, {person}",
        "Расчёт зарплаты за {periods}: {scheme}, {person}",
    ),
    "hist.statement.total": ("total", "итого"),
    "hist.statement.earlier": ("From earlier periods", "Из прошлых периодов"),
    "hist.statement.pay": ("Pay", "Зарплата"),
    "hist.statement.ytd": ("{label}, year to date", "{label}, с начала года"),
    "hist.statement.prior": (
        "prior(x) is x in the period before (0 in the first); prior_ytd(x) the plan year's sum "
        "before this period.",
        "prior(x) — значение x в предыдущем периоде (0 в первом); prior_ytd(x) — сумма с начала "
        "планового года до этого периода.",
    ),
    "hist.statement.exact": (
        "pay is exact, rounded once to cents per period; the total adds the rounded amounts.",
        "зарплата точная, округлена до копеек один раз за период; итог складывает округлённые "
        "суммы.",
    ),
    "hist.statement.verdict": ("{person}: total pay {total}", "{person}: всего к выплате {total}"),
    # -- plot: pictures -----------------------------------------------------------------------
    "plot.pay": ("pay", "зарплата"),
    "plot.pay_axis": ("pay, {unit}", "зарплата, {unit}"),
    "plot.title": (
        "{scheme}: pay against {kpi}",
        "{scheme}: зарплата в зависимости от показателя {kpi}",
    ),
    "plot.held": (
        "other KPIs at typical values: {values}",
        "остальные показатели — типичные значения: {values}",
    ),
    "plot.held.each": (
        "held at each segment's typical value: {values}",
        "остальные показатели — типичные значения сегментов: {values}",
    ),
    "plot.plan_met": ("plan met", "план выполнен"),
    "plot.plan_missed": ("plan not met", "план не выполнен"),
    "plot.share": (" ({share} of {who})", " ({share} {who})"),
    "plot.managers": ("managers", "менеджеров"),
    "plot.mean.hitters": (
        "hitters' mean pay{team} {amount}",
        "средняя зарплата выполняющих{team}: {amount}",
    ),
    "plot.mean.non_hitters": (
        "non-hitters' mean pay{team} {amount}",
        "средняя зарплата невыполняющих{team}: {amount}",
    ),
    "plot.team": (" (team)", " (команда)"),
    "plot.dashed.met": (
        "; dashed: hitters' mean pay (team) {amount}",
        "; пунктир: их средняя зарплата по команде, {amount}",
    ),
    "plot.dashed.missed": (
        "; dashed: non-hitters' mean pay (team) {amount}",
        "; пунктир: их средняя зарплата по команде, {amount}",
    ),
    "plot.ratio": (
        "hitters earn {ratio} non-hitters' mean pay; principle 1 needs ≥ {limit}: "
        "{verdict}{pooled}",
        "выполняющие план получают в среднем {ratio} больше невыполняющих; принцип 1 требует "
        "минимум {limit}: {verdict}{pooled}",
    ),
    "plot.ratio.first": (
        "one period alone, as a person's first: hitters earn {ratio} non-hitters' mean pay; "
        "this plan pays by the year, and check judges principle 1 per plan year{pooled}",
        "один период отдельно, как первый у сотрудника: выполняющие план получают в среднем "
        "{ratio} больше невыполняющих; схема платит по итогам года, и check оценивает принцип 1 "
        "за плановый год{pooled}",
    ),
    "plot.first_period": (
        "; one {period} alone, as a person's first: the plan pays by the year, and check judges "
        "principle 1 per plan year",
        "; один период ({period}) отдельно, как первый у сотрудника: схема платит по итогам "
        "года, и check оценивает принцип 1 за плановый год",
    ),
    "plot.holds": ("holds", "соблюдён"),
    "plot.fails": ("fails", "нарушен"),
    "plot.ratio.segments": (
        "(after a segment: its own hitters' mean pay over its non-hitters')",
        "(после сегмента: во сколько раз его выполняющие получают больше его невыполняющих)",
    ),
    "plot.band": (
        "{segment}: {people} with their own parameters, lowest to highest pay{more}",
        "{segment}: {people} с собственными параметрами, от самой низкой до самой высокой "
        "зарплаты{more}",
    ),
    "plot.band.more": (" of the first {n} sets", " (первые {n} наборов)"),
    "plot.segment.ratio": (" — hitters earn {ratio}", " — выполняющие получают {ratio} больше"),
    "plot.team.title": (
        "{scheme}: pay against {against}",
        "{scheme}: зарплата в зависимости от {against}",
    ),
    "plot.team.attainment": ("plan attainment", "выполнения плана"),
    "plot.team.kpi": ("{kpi}", "показателя {kpi}"),
    "plot.team.what": ("one curve per segment", "по кривой на сегмент"),
    "plot.team.what.people": (
        ", a thin one per person with parameters of their own",
        ", тонкая — на каждого сотрудника с собственными параметрами",
    ),
    "plot.team.what.bands": (
        ", shaded: the pay of its people by their own parameters",
        ", заливка — зарплата сотрудников сегмента по их собственным параметрам",
    ),
    "plot.attainment_axis": (
        "plan attainment: {kpi} as a share of each one's own plan",
        "выполнение плана: {kpi} в долях собственного плана каждого",
    ),
    "plot.compare.old": ("old", "было"),
    "plot.compare.new": ("new", "стало"),
    "plot.compare.label": ("{tag}: {scheme}{extra}", "{tag}: {scheme}{extra}"),
    "plot.compare.ratio": (
        " (hitters/non-hitters {ratio})",
        " (выполняющие/невыполняющие: {ratio})",
    ),
    "plot.compare.plan": ("{tag} plan", "план ({tag})"),
    "plot.compare.both": ("plan (both)", "план (обе схемы)"),
    "plot.compare.title": (
        "{old} → {new}: pay against {kpi}",
        "{old} → {new}: зарплата в зависимости от показателя {kpi}",
    ),
    "plot.compare.difference": (
        "new minus old: from {low} to {high}{currency}",
        "разница «стало − было»: от {low} до {high}{currency}",
    ),
    "plot.marker.bracket": ("bracket", "ступень"),
    "plot.marker.threshold": ("threshold", "порог"),
    "plot.marker.cap": ("cap", "потолок"),
    "plot.marker.floor": ("floor", "нижняя граница"),
    "plot.marker.plan": ("plan", "план"),
    "plot.curve.text": (
        "Pay curve: {scheme}, pay{unit} against {kpi}",
        "Кривая зарплаты: {scheme}, зарплата{unit} в зависимости от показателя {kpi}",
    ),
    "plot.curve.held": (
        "  other KPIs at typical values: {values}",
        "  остальные показатели — типичные значения: {values}",
    ),
    "plot.curve.marker": ("  {kind} at {kpi} = {x}: {label}", "  {kind} при {kpi} = {x}: {label}"),
    "plot.curve.point": ("  {kpi} = {x}  pay = {pay}", "  {kpi} = {x}  зарплата = {pay}"),
    "plot.groups": (
        "mean pay: hitters {met} ({share} of {who}), non-hitters {missed}; ratio {ratio}{pooled} "
        "(principle 1 needs {limit})",
        "средняя зарплата: выполняющие {met} ({share} {who}), невыполняющие {missed}; разница "
        "{ratio}{pooled} (принципу 1 нужно как минимум {limit})",
    ),
    "plot.team.text": (
        "Pay curves: {scheme}, pay{unit} against {axis}, one curve per segment{people}",
        "Кривые зарплаты: {scheme}, зарплата{unit} в зависимости от {axis}, по кривой на "
        "сегмент{people}",
    ),
    "plot.team.text.people": (" and person", " и на сотрудника"),
    "plot.team.text.axis": (
        "{kpi} as a share of each one's own plan",
        "показателя {kpi} в долях собственного плана",
    ),
    "plot.team.text.plan": ("; plan at {kpi} = {x}", "; план при {kpi} = {x}"),
    "plot.team.text.held": ("; other KPIs at {values}", "; остальные показатели: {values}"),
    "plot.team.text.band": (
        "  {segment}: {people} with parameters of their own, pay from {low} to {high}",
        "  {segment}: {people} с собственными параметрами, зарплата от {low} до {high}",
    ),
    "plot.team.text.p1": (
        "  principle 1: those meeting the plan earn {ratio} those missing it ({basis})",
        "  принцип 1: выполняющие план получают {ratio} больше невыполняющих ({basis})",
    ),
    "plot.dist.team": ("payroll of the team ({managers})", "ФОТ команды ({managers})"),
    "plot.dist.team.one": ("payroll of a team of one", "ФОТ команды из одного человека"),
    "plot.dist.manager.alone.periods": (
        "one manager's pay (a team of one: add a [team] table to simulate a team)",
        "зарплата одного менеджера (команда из одного человека: добавьте таблицу [team], "
        "чтобы смоделировать команду)",
    ),
    "plot.dist.manager.alone": (
        "one manager's pay (= the payroll: add a [team] table to simulate a team)",
        "зарплата одного менеджера (= ФОТ: добавьте таблицу [team], чтобы смоделировать команду)",
    ),
    "plot.dist.manager": (
        "one manager's pay (any segment)",
        "зарплата одного менеджера (любой сегмент)",
    ),
    "plot.dist.title": (
        "{scheme}: simulated pay, {runs} (seed {seed})",
        "{scheme}: смоделированная зарплата, {runs} (зерно {seed})",
    ),
    "plot.dist.runs": ("{runs} of {periods}", "{runs} по {periods}"),
    "plot.dist.periods": ("{n}", "{n}"),
    "plot.dist.mean": ("mean", "среднее"),
    "plot.dist.share_periods": ("share of periods, %", "доля периодов, %"),
    "plot.dist.share_runs": ("share of runs, %", "доля прогонов, %"),
    "plot.dist.text": (
        "Simulated pay: {scheme} ({runs}, seed {seed})",
        "Смоделированная зарплата: {scheme} ({runs}, зерно {seed})",
    ),
    "plot.dist.text.item": (
        "  {title}: mean {mean}; P5 {p5}, P50 {p50}, P95 {p95}",
        "  {title}: среднее {mean}; P5 {p5}, P50 {p50}, P95 {p95}",
    ),
    # -- report: the HTML page -----------------------------------------------------------------
    "report.missing": (" (not available: {parts})", " (нет данных: {parts})"),
    "report.held": (
        "; {held} of {total} principles hold",
        "; соблюдено принципов: {held} из {total}",
    ),
    "html.title": ("motivsim report: {scheme}", "Отчёт motivsim: {scheme}"),
    "html.section.check": ("Principles", "Принципы"),
    "html.section.statement": (
        "Pay statement of a typical manager",
        "Расчёт зарплаты типичного менеджера",
    ),
    "html.section.curves": ("Pay curves", "Кривые зарплаты"),
    "html.section.simulation": ("Simulation", "Моделирование"),
    "html.rounding": ("rounding {rule}", "округление: {rule}"),
    "html.verdict": (
        "{word}: {held} of {total} principles hold",
        "{word}: соблюдено принципов — {held} из {total}",
    ),
    "html.not_available": ("Not available:", "Нет данных:"),
    "html.interval": ("{low} to {high}", "от {low} до {high}"),
    "html.details": ("details", "подробности"),
    "html.check.number": ("#", "№"),
    "html.check.principle": ("principle", "принцип"),
    "html.check.verdict": ("verdict", "итог"),
    "html.check.figure": ("figure", "значение"),
    "html.check.needed": ("needed", "нужно"),
    "html.check.meaning": ("what it means", "что это значит"),
    "html.attainment.plan": ("plan ({kpi})", "план ({kpi})"),
    "html.no_warnings": ("No design warnings.", "Предупреждений об устройстве схемы нет."),
    "html.fix": ("fix:", "как исправить:"),
    "html.warnings": ("Warnings ({n})", "Предупреждения ({n})"),
    "html.parameter": ("parameter", "параметр"),
    "html.statement.name": ("name", "название"),
    "html.statement.formula": ("formula", "формула"),
    "html.statement.value": ("value", "значение"),
    "html.statement.typical": (
        "KPIs at their typical values (the distribution's median unless the scheme gives "
        "<code>typical</code>).",
        "Показатели — на типичных значениях (медиана распределения, если в схеме не задано "
        "<code>typical</code>).",
    ),
    "html.curve.alt": ("pay against {kpi}", "зарплата в зависимости от показателя {kpi}"),
    "html.marker": ("marker", "отметка"),
    "html.rule": ("rule", "правило"),
    "html.segment": ("segment", "сегмент"),
    "html.own_plan": ("share of own plan", "доля собственного плана"),
    "html.team.alt": (
        "pay against {against}, one curve per segment: {names}",
        "зарплата в зависимости от {against}, по кривой на сегмент: {names}",
    ),
    "html.team.thin": ("; thin curves: {names}", "; тонкие кривые: {names}"),
    "html.team.shaded": (
        "; shaded: the pay of {people} by their own parameters, lowest to highest, per segment",
        "; заливка: зарплата {people} по их собственным параметрам, от самой низкой до самой "
        "высокой, по сегментам",
    ),
    "html.team.axis": (
        " (x: {kpi} as a share of each one's own plan)",
        " (ось x: {kpi} в долях собственного плана)",
    ),
    "html.sim.meta": (
        "{runs} × {periods} × {managers} · seed {seed}",
        "{runs} × {periods} × {managers} · зерно {seed}",
    ),
    "html.sim.alt": ("simulated distribution of pay", "смоделированное распределение зарплаты"),
    "html.sim.caption": (
        "simulated distribution of pay, with P5, P50, P95 and the mean",
        "смоделированное распределение зарплаты с P5, P50, P95 и средним",
    ),
    "html.row.payroll": ("team payroll {span}", "ФОТ команды {span}"),
    "html.row.segment": ("payroll of segment {name} ({n})", "ФОТ сегмента {name} ({n})"),
    "html.row.segment_manager": ("one manager of segment {name}", "один менеджер сегмента {name}"),
    "html.row.any_manager": ("one manager, any segment", "один менеджер, любой сегмент"),
    "html.row.segment_manager_over": (
        "one manager of segment {name}, {span}",
        "один менеджер сегмента {name}, {span}",
    ),
    "html.row.any_manager_over": (
        "one manager, any segment, {span}",
        "один менеджер, любой сегмент, {span}",
    ),
    "html.row.manager_over": ("one manager {span}", "один менеджер {span}"),
    "html.year.note": (
        "Each simulated run covers {periods}; these amounts are sums over them (the table above "
        "is {per}).",
        "Каждый прогон охватывает {periods}; эти суммы — итоги за них (таблица выше — {per}).",
    ),
    "html.amount": ("amount", "сумма"),
    "html.fig.meeting": ("managers meeting the plan", "доля менеджеров, выполняющих план"),
    "html.fig.mean_met": (
        "mean pay when meeting the plan{each}{over}",
        "средняя зарплата при выполнении плана{each}{over}",
    ),
    "html.fig.mean_missed": (
        "mean pay when missing the plan{each}{over}",
        "средняя зарплата при невыполнении плана{each}{over}",
    ),
    "html.fig.p1": (
        "principle 1: meeting vs missing the plan ({basis}, seed {seed}; as in Principles above)",
        "принцип 1: выполняющие план против невыполняющих ({basis}, зерно {seed}; как в "
        "разделе «Принципы»)",
    ),
    "html.fig.over": (" over this simulation's {n} {what}", " (в этом моделировании, {what}: {n})"),
    "html.fig.ratio": (
        "meeting vs missing the plan{over}",
        "выполняющие план против невыполняющих{over}",
    ),
    "html.fig.any_cap": ("hitting any cap", "упираются в какой-либо потолок"),
    "html.fig.cap": ("cap: {step} = {formula}", "потолок: {step} = {formula}"),
    "html.fig.revenue": ("payroll as a share of revenue", "ФОТ в доле от выручки"),
    "html.fig.non_finite": ("pay not computable (left out)", "зарплата не вычислилась (не учтено)"),
    "html.fig.name": ("figure", "показатель"),
    "html.fig.value": ("value", "значение"),
    "html.footer": (
        "motivsim {version} · reproduce with {command}",
        "motivsim {version} · повторить: {command}",
    ),
    # -- explain: the pay statement ----------------------------------------------------------
    "statement.title": ("Pay statement", "Расчёт зарплаты"),
    "statement.amounts": ("amounts", "суммы"),
    "statement.inputs": ("Inputs", "Показатели"),
    "statement.params": ("Parameters", "Параметры"),
    "statement.steps": ("Steps", "Расчёт по шагам"),
    "statement.total": ("Total pay", "Итого к выплате"),
    "statement.note": ("Note: {note}", "Примечание: {note}"),
    # -- the frame of an error on the command line (motivsim/i18n/errors.py) ---------------
    "error.label": ("error", "ошибка"),
    "error.hint": ("hint: {hint}", "подсказка: {hint}"),
    "error.in": (" (in {key})", " (в {key})"),
    "error.did": (" (did you mean '{name}'?)", " (может быть, «{name}»?)"),
    "interrupted": ("interrupted", "прервано"),
    "statement.first_period": (
        "this plan reads earlier periods ({needs}); this statement is a person's first period "
        "(nothing carried from before, period 1); explain --history CSV shows a person's "
        "periods one by one, with what each carries to the next",
        "схема учитывает прошлые периоды ({needs}); это расчёт первого периода сотрудника "
        "(без прошлых периодов, период 1); explain --history с файлом истории покажет периоды "
        "сотрудника один за другим, с тем, что каждый переносит в следующий",
    ),
    "statement.rounded": (
        "exact pay rounded once to cents",
        "точная сумма, округлённая до копеек один раз",
    ),
    "statement.typical": ("not given: its typical value", "не указано: типичное значение"),
    "statement.verdict": ("pay: {amount}", "к выплате: {amount}"),
    "statement.segment": (
        "Segment: {name} (params: {params})",
        "Сегмент: {name} (параметры: {params})",
    ),
    "statement.segment.none": ("none of its own", "своих нет"),
    "statement.person": (
        "Person: {name}, segment {segment} (own params: {params})",
        "Сотрудник: {name}, сегмент {segment} (свои параметры: {params})",
    ),
    "statement.person.none": ("none of their own", "своих нет"),
}

#: Message id -> {language: text}.
MESSAGES: Final[dict[str, dict[str, str]]] = {
    key: {"en": en, "ru": ru} for key, (en, ru) in _TABLE.items()
}

#: Counted noun -> {language: plural forms} (English: one, other; Russian: one, few, many).
NOUNS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "times": {"en": ("x", "x"), "ru": ("раз", "раза", "раз")},
    "manager": {"en": ("manager", "managers"), "ru": ("менеджер", "менеджера", "менеджеров")},
    "sample": {"en": ("sample", "samples"), "ru": ("сценарий", "сценария", "сценариев")},
    "draw": {"en": ("draw", "draws"), "ru": ("сценарий", "сценария", "сценариев")},
    "run": {"en": ("run", "runs"), "ru": ("прогон", "прогона", "прогонов")},
    "warning": {
        "en": ("warning", "warnings"),
        "ru": ("предупреждение", "предупреждения", "предупреждений"),
    },
    "error": {"en": ("error", "errors"), "ru": ("ошибка", "ошибки", "ошибок")},
    "info": {"en": ("info", "infos"), "ru": ("замечание", "замечания", "замечаний")},
    "principle": {"en": ("principle", "principles"), "ru": ("принцип", "принципа", "принципов")},
    "point": {"en": ("point", "points"), "ru": ("балл", "балла", "баллов")},
    "pts": {"en": ("pts", "pts"), "ru": ("балл", "балла", "баллов")},
    "person": {"en": ("person", "people"), "ru": ("человек", "человека", "человек")},
    "segment": {"en": ("segment", "segments"), "ru": ("сегмент", "сегмента", "сегментов")},
    "period": {"en": ("period", "periods"), "ru": ("период", "периода", "периодов")},
    "simulated_period": {
        "en": ("simulated period", "simulated periods"),
        "ru": ("смоделированный период", "смоделированных периода", "смоделированных периодов"),
    },
    "paired_sample": {
        "en": ("paired sample", "paired samples"),
        "ru": ("парный сценарий", "парных сценария", "парных сценариев"),
    },
    "set": {"en": ("set", "sets"), "ru": ("набор", "набора", "наборов")},
    "row": {"en": ("row", "rows"), "ru": ("строка", "строки", "строк")},
    "plan_year": {
        "en": ("plan year", "plan years"),
        "ru": ("плановый год", "плановых года", "плановых лет"),
    },
    "value": {"en": ("value", "values"), "ru": ("значение", "значения", "значений")},
    "quantile": {"en": ("quantile", "quantiles"), "ru": ("квантиль", "квантиля", "квантилей")},
}


def _manager(forms: tuple[str, str, str]) -> tuple[str, str, str]:
    one, few, many = forms
    return (f"менеджеро-{one}", f"менеджеро-{few}", f"менеджеро-{many}")


_MONTH = (("месяц", "месяца", "месяцев"), "месяц")
_QUARTER = (("квартал", "квартала", "кварталов"), "квартал")
_WEEK = (("неделя", "недели", "недель"), "неделю")
_YEAR = (("год", "года", "лет"), "год")
_DAY = (("день", "дня", "дней"), "день")
_PERIOD = (("период", "периода", "периодов"), "период")

#: A pay period's word (English or Russian, any case) -> its Russian plural forms (one, few,
#: many), its accusative (``за неделю``) and the forms of a manager-period
#: (``менеджеро-месяц``, after ``человеко-месяц``).
PERIODS: Final[dict[str, tuple[tuple[str, str, str], str, tuple[str, str, str]]]] = {
    word: (forms, accusative, _manager(forms))
    for words, (forms, accusative) in (
        (("month", "месяц"), _MONTH),
        (("quarter", "квартал"), _QUARTER),
        (("week", "неделя"), _WEEK),
        (("year", "год"), _YEAR),
        (("day", "день"), _DAY),
        (("period", "период"), _PERIOD),
    )
    for word in words
}
