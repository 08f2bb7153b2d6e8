"""Errors in the user's language.

motivsim raises its errors in English, and the English text is the message's identity (as a
gettext ``msgid`` is). Where an error reaches a person (the command line), :func:`render_error`
writes it in the language the scheme or ``--lang`` asks for: the frame (``hint:``, ``(in
formula.pay)``, ``error:``) always, and each message and hint that a pattern of
:data:`PATTERNS` matches. A message without a pattern stays English inside the translated
frame: the patterns cover the mistakes people make first (a TOML slip, a decimal comma, digit
groups split by spaces, a misspelt name, an unclosed bracket, a missing distribution or
``plan_met``, a file not found), and the tests hold every pattern to an error that motivsim
really raises.

Examples
--------
>>> from motivsim.errors import SchemeError, Location
>>> err = SchemeError("unknown name 'комисия' (did you mean 'комиссия'?)",
...                   location=Location("план.toml", 37, 22, "formula.выплата"),
...                   hint="complete the expression")
>>> print(render_error(err, "ru"))
план.toml:37:22: неизвестное имя «комисия» (может быть, «комиссия»?) (в formula.выплата)
  подсказка: допишите выражение
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final

from motivsim.errors import MotivsimError, SchemeError
from motivsim.i18n.catalogue import MESSAGES

__all__ = ["PATTERNS", "USAGE_PATTERNS", "render_error", "translate", "translate_usage"]

_Q = r"'(?P<{0}>[^']*)'"  # a quoted name, as the errors write them with {name!r}


def _name(group: str) -> str:
    return _Q.format(group)


#: Pieces of messages that other messages quote (``found the end of the formula``).
_PIECES: Final = {
    "ru": {
        "the end of the formula": "конец формулы",
        "pay depends on it": "от него зависит зарплата",
        "plan_met depends on it": "от него зависит plan_met",
        "No such file or directory": "нет такого файла или каталога",
        "Permission denied": "нет прав на чтение",
        "Is a directory": "это каталог, а не файл",
        "": "",
        " (one sign at most, e.g. -5000)": " (не больше одного знака, например -5000)",
    },
}


def _piece(language: str) -> Callable[[str], str]:
    table = _PIECES.get(language, {})
    return lambda text: table.get(text, text)


#: ``(pattern, Russian template)``: a pattern matches a whole English message or hint; the
#: template names its groups (``{name}``); a group named ``piece_*`` is itself translated
#: through :data:`_PIECES`, and ``{did}`` is a "did you mean" tail.
PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    # -- TOML ----------------------------------------------------------------------------
    (r"TOML syntax: (?P<rest>.*)", "ошибка синтаксиса TOML: {rest}"),
    (
        r"expected newline or end of document after a statement",
        "после значения ожидался конец строки",
    ),
    (r"expected '=' after a key in a key/value pair", "после имени ожидался знак «=»"),
    (r"invalid value", "недопустимое значение"),
    (r"invalid statement", "недопустимая строка"),
    (r"unclosed array", "не закрыт список «[»"),
    (r"unclosed inline table", "не закрыта таблица «{{»"),
    (r"illegal character (?P<ch>.*)", "недопустимый символ {ch}"),
    (r"each line is  key = value", "каждая строка записывается как  имя = значение"),
    (
        r"each line is  key = value  or a \[table\] header",
        "каждая строка — это  имя = значение  или заголовок [таблицы]",
    ),
    (
        r'put text in quotes: pay = "base \+ commission"; numbers and true/false go bare',
        'текст пишите в кавычках: выплата = "оклад + комиссия"; числа и true/false — без кавычек',
    ),
    (r"close the string or bracket", "закройте кавычки или скобку"),
    (
        r"remove control characters; use \\t or \\n escapes in strings",
        "уберите управляющие символы; внутри строк пишите \\t или \\n",
    ),
    (
        r"TOML needs quotes around names that are not plain Latin letters: (?P<example>.*)",
        "в TOML имена не латинскими буквами пишутся в кавычках: {example}",
    ),
    (
        r"(?P<n>\S+(?: \S+)*) looks like a number with spaces between digit groups: TOML groups "
        r"digits with underscores, (?P<fix>\S+)",
        "{n} похоже на число с пробелами между разрядами: в TOML разряды разделяют "
        "подчёркиванием, {fix}",
    ),
    (
        r"(?P<n>\S+) looks like a number with a decimal comma: TOML writes decimals with a "
        r"point, (?P<fix>\S+)",
        "{n} похоже на число с десятичной запятой: в TOML дробную часть отделяют точкой, {fix}",
    ),
    # -- formulas ------------------------------------------------------------------------
    (
        r"unknown name " + _name("name") + r"(?: \(did you mean " + _name("did") + r"\?\))?",
        "неизвестное имя «{name}»{did}",
    ),
    (
        r"every name must be a KPI \(\[kpi\.NAME\]\), a parameter \(\[params\]\) or a step "
        r"\(\[formula\]\)",
        "каждое имя должно быть показателем ([kpi.ИМЯ]), параметром ([params]) или шагом "
        "([formula])",
    ),
    (r"unknown function " + _name("name"), "неизвестная функция «{name}»"),
    (r"functions: (?P<names>.*)", "функции: {names}"),
    (r"formula ends where a value was expected", "формула обрывается там, где нужно значение"),
    (r"complete the expression", "допишите выражение"),
    (r"formula is empty", "формула пустая"),
    (
        r"write an expression such as base \+ commission",
        "напишите выражение, например оклад + комиссия",
    ),
    (r"write (?P<sig>\w+\(.*\))", "запишите так: {sig}"),
    (
        r"expected " + _name("ch") + r" to close the " + _name("open") + r" at column "
        r"(?P<col>\d+), found (?P<piece_found>.*)",
        "нужна «{ch}», чтобы закрыть «{open}» из столбца {col}, а найдено: {piece_found}",
    ),
    (
        r"unexpected " + _name("tok") + r" after a complete expression",
        "лишнее «{tok}» после законченного выражения",
    ),
    (r"this '\)' has no matching '\('", "у этой «)» нет парной «(»"),
    (
        r"an operator is missing here \(for example \* or \+\)",
        "здесь пропущен знак действия (например, * или +)",
    ),
    (r"remove it or complete the expression", "уберите его или допишите выражение"),
    (
        r"unexpected " + _name("tok") + r" where a value was expected",
        "«{tok}» там, где нужно значение",
    ),
    (r"unexpected character (?P<ch>.*)", "недопустимый символ {ch}"),
    (
        r"formulas use names, numbers, \+ - \* / \*\*, comparisons, and, or, not, \( \) \[ \] "
        r"and commas",
        "в формулах бывают имена, числа, + - * / **, сравнения, and, or, not, ( ) [ ] и запятые",
    ),
    (
        r"(?P<f>\w+)\(\) breakpoints must increase: (?P<a>\S+) comes after (?P<b>\S+)",
        "пороги {f}() должны возрастать: {a} идёт после {b}",
    ),
    (
        r"brackets are half-open \[lo, hi\); list each breakpoint once, in increasing order",
        "ступени полуоткрыты [от, до); перечислите каждый порог один раз, по возрастанию",
    ),
    (
        r"(?P<f>\w+)\(\) needs one more value than breakpoints: (?P<n>\d+) breakpoints need "
        r"(?P<m>\d+) values, got (?P<k>\d+)",
        "{f}() нужно на одно значение больше, чем порогов: порогов {n}, значений нужно {m}, "
        "а дано {k}",
    ),
    (
        r"a comma with no space between two numbers reads as two numbers: write decimals with "
        r"a point \(0\.01, not 0,01\) and separate list items with a comma and a space",
        "запятая без пробела между цифрами читается как два числа: дробную часть отделяйте "
        "точкой (0.01, а не 0,01), а элементы списка — запятой с пробелом",
    ),
    (r"steps form a cycle: (?P<steps>.*)", "шаги образуют цикл: {steps}"),
    (
        r"a step cannot depend on itself, directly or through other steps",
        "шаг не может зависеть от самого себя ни прямо, ни через другие шаги",
    ),
    # -- what a command needs ------------------------------------------------------------
    (
        r"check needs to know when the plan counts as met, but \[principles\] has no plan_met",
        "для проверки нужно знать, когда план выполнен, а в [principles] нет plan_met",
    ),
    (
        r'add \[principles\] with plan_met = "revenue >= plan" \(your KPI and plan\)',
        'добавьте [principles] с plan_met = "выручка >= план" (ваш показатель и план)',
    ),
    (
        r"KPI " + _name("kpi") + r" has no distribution, but (?P<cmd>\w+) must draw it "
        r"\((?P<piece_why>[^)]*)\)",
        "у показателя «{kpi}» нет распределения, а {cmd} должен его разыгрывать ({piece_why})",
    ),
    (
        r"add distribution = (?P<spec>\{.*\}) under \[kpi\.(?P<kpi>[^\]]+)\], with your own "
        r"figures",
        "добавьте distribution = {spec} в [kpi.{kpi}] со своими цифрами",
    ),
    (
        _name("name")
        + r" is not a KPI of scheme "
        + _name("scheme")
        + r"(?: \(did you mean "
        + _name("did")
        + r"\?\))?",
        "«{name}» — не показатель схемы «{scheme}»{did}",
    ),
    # -- a history (replay, fit, compare --history) ------------------------------------------
    (
        r"the history has no column for a KPI of scheme " + _name("scheme"),
        "в истории нет столбца ни для одного показателя схемы «{scheme}»",
    ),
    (
        r"the history has no column for (?P<names>.*) \(pay needs it\)",
        "в истории нет столбца для {names} (от него зависит зарплата)",
    ),
    (
        r"KPIs: (?P<kpis>.*); columns: (?P<columns>.*)",
        "показатели схемы: {kpis}; столбцы истории: {columns}",
    ),
    (r"columns: (?P<columns>.*)", "столбцы истории: {columns}"),
    (
        r"did you mean " + _name("column") + r" for (?P<kpi>[^?;]+)\?",
        "может быть, «{column}» — это {kpi}?",
    ),
    # -- files ---------------------------------------------------------------------------
    (r"cannot read the file: (?P<piece_why>.*)", "не удаётся прочитать файл: {piece_why}"),
    (r"check the path and that the file is readable", "проверьте путь и права на чтение файла"),
)

#: argparse's own messages for a command line it cannot parse (Python 3.11 to 3.13 wording),
#: as :data:`PATTERNS`; ``{inner}`` is a message inside, translated in turn.
USAGE_PATTERNS: Final[tuple[tuple[str, str], ...]] = (
    (
        r"the following arguments are required: (?P<names>.*)",
        "не указаны обязательные аргументы: {names}",
    ),
    (r"unrecognized arguments: (?P<names>.*)", "неизвестные аргументы: {names}"),
    (
        r"argument (?P<arg>[^:]+): invalid int value: '(?P<value>[^']*)'",
        "аргумент {arg}: нужно целое число, а дано «{value}»",
    ),
    (
        r"argument (?P<arg>[^:]+): invalid float value: '(?P<value>[^']*)'",
        "аргумент {arg}: нужно число, а дано «{value}»",
    ),
    (
        r"argument (?P<arg>[^:]+): invalid choice: '(?P<value>[^']*)' \(choose from "
        r"(?P<choices>.*)\)",
        "аргумент {arg}: недопустимое значение «{value}» (можно: {choices})",
    ),
    (
        r"argument (?P<arg>[^:]+): expected one argument",
        "аргумент {arg}: после него нужно значение",
    ),
    (
        r"argument (?P<arg>[^:]+): not allowed with argument (?P<other>.*)",
        "аргумент {arg}: нельзя вместе с {other}",
    ),
    (r"argument (?P<arg>[^:]+): (?P<rest>.*)", "аргумент {arg}: {rest}"),
    # motivsim's own checks of an option's value (argparse ``type=``), inside the one above
    (
        r"expected NAME=VALUE, got '(?P<text>[^']*)' \(e\.g\. revenue=12000000\)",
        "нужно ИМЯ=ЗНАЧЕНИЕ, а дано «{text}» (например, выручка=12000000)",
    ),
    (
        r"(?P<name>[^:']+): '(?P<raw>[^']*)' is not a number(?P<piece_extra>.*)",
        "{name}: «{raw}» — не число{piece_extra}",
    ),
    (r"expected a whole number, got '(?P<text>[^']*)'", "нужно целое число, а дано «{text}»"),
    (r"the seed must be >= 0, got '(?P<text>[^']*)'", "зерно должно быть >= 0, а дано «{text}»"),
    (
        r"'(?P<text>[^']*)' is not a share; write (?P<a>\S+) or (?P<b>\S+)",
        "«{text}» — не доля; пишите {a} или {b}",
    ),
    (
        r"'(?P<text>[^']*)' is ambiguous; write (?P<a>\S+) or (?P<b>\S+)",
        "«{text}» понимается двояко; пишите {a} или {b}",
    ),
    (
        r"'(?P<text>[^']*)' must be from 0% to below 100%",
        "«{text}» должно быть от 0% и меньше 100%",
    ),
    (
        r"'(?P<text>[^']*)' must be a share from 0 to 100%",
        "«{text}» должно быть долей от 0 до 100%",
    ),
    (
        r"'(?P<text>[^']*)' is not a percentile band; write it as P10\.\.P90",
        "«{text}» — не диапазон процентилей; пишите так: P10..P90",
    ),
    (
        r"'(?P<text>[^']*)': the percentiles must rise from P0 to P100, e\.g\. P10\.\.P90",
        "«{text}»: процентили должны расти от P0 до P100, например P10..P90",
    ),
    (
        r"'(?P<text>[^']*)' is not a list of percentiles; write e\.g\. 10,25,75,90",
        "«{text}» — не список процентилей; пишите, например, 10,25,75,90",
    ),
    (
        r"'(?P<text>[^']*)': each percentile must be above 0 and below 100, e\.g\. 10,25,75,90",
        "«{text}»: каждый процентиль должен быть больше 0 и меньше 100, например 10,25,75,90",
    ),
)

_Compiled = tuple[tuple[re.Pattern[str], str], ...]


def _say(language: str, message: str, /, **values: object) -> str:
    """The catalogue's ``message`` in ``language`` (as ``words(language)(message)`` does)."""
    return MESSAGES[message][language].format(**values)


@functools.cache
def _compiled(usage: bool) -> _Compiled:
    """The patterns compiled, when an error is first translated (not at start-up)."""
    return tuple((re.compile(p), t) for p, t in (USAGE_PATTERNS if usage else PATTERNS))


def translate_usage(text: str, language: str, used: set[str] | None = None) -> str:
    """An argparse message (a command line that does not parse) in ``language``, as
    :func:`translate` does for motivsim's own messages (a message of motivsim's inside one of
    argparse's is translated too).

    Examples
    --------
    >>> translate_usage("the following arguments are required: SCHEME", "ru")
    'не указаны обязательные аргументы: SCHEME'
    """
    return _translated(text, language, used, _compiled(True))


def translate(text: str, language: str, used: set[str] | None = None) -> str:
    """``text`` (an English message or hint) in ``language`` when a pattern matches all of
    it, else as it is; the patterns that matched (a message inside a message too) are added to
    ``used`` when given.

    Examples
    --------
    >>> translate("formula ends where a value was expected", "ru")
    'формула обрывается там, где нужно значение'
    >>> translate("something new", "ru")
    'something new'
    """
    return _translated(text, language, used, _compiled(False))


def _translated(
    text: str,
    language: str,
    used: set[str] | None,
    patterns: _Compiled,
) -> str:
    if language not in _PIECES:  # English is the message id: nothing to translate
        return text
    piece = _piece(language)
    for pattern, template in patterns:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if used is not None:
            used.add(pattern.pattern)
        values = {}
        for key, value in match.groupdict().items():
            if key == "did":
                values[key] = "" if value is None else _say(language, "error.did", name=value)
            elif key == "rest":  # a message inside a message (TOML's, or argparse's)
                both = _compiled(False) + _compiled(True)
                values[key] = _translated(value, language, used, both) if value else ""
            else:
                values[key] = piece(value) if key.startswith("piece_") else (value or "")
        return template.format(**values)
    return text


def render_error(exc: MotivsimError, language: str | None) -> str:
    """The text of ``exc`` for a person, in ``language`` (English, as ``str(exc)``, when it
    is ``None``, English or a language with no translations): a scheme error as
    ``file:line:col: message`` with the line and a caret, any other as ``error: message``, the
    hint below."""
    if language is None or language not in _PIECES:
        return str(exc) if isinstance(exc, SchemeError) else f"error: {exc}"
    message = translate(exc.message, language)
    shown = _say(language, "error.hint", hint=translate(exc.hint, language)) if exc.hint else ""
    hint = f"\n  {shown}" if shown else ""
    if not isinstance(exc, SchemeError):
        return f"{_say(language, 'error.label')}: {message}{hint}"
    loc = exc.location
    head = f"{loc.prefix()}: {message}"
    if loc.key and loc.key not in exc.message:
        head += _say(language, "error.in", key=loc.key)
    excerpt = loc.excerpt()
    return head + (f"\n{excerpt}" if excerpt else "") + hint
