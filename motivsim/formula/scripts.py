"""Scripts and look-alikes of names, by Unicode's rules for identifiers (UTS #39).

Python's :mod:`unicodedata` has neither the Script_Extensions property nor the confusables
data, so both come from :mod:`motivsim.formula._unicode_data`, generated from the official
Unicode files by ``tools/make_unicode_data.py``.

* :func:`resolved_scripts` is the *resolved script set* of UTS #39 section 5.1: the scripts
  every character of a name can belong to. Common and Inherited characters (digits, ``_``,
  combining accents) fit any script, and Han goes with Hiragana and Katakana (Japanese), with
  Hangul (Korean) and with Bopomofo, so ``売上げ`` and ``ボーナス`` are each in one script while
  ``rеvenue`` with a Cyrillic ``е`` is not.
* :func:`skeleton` is the UTS #39 skeleton (section 4): two names with the same skeleton look
  the same, such as Latin ``c`` and Cyrillic ``с``.
"""

from __future__ import annotations

import functools
import unicodedata
from bisect import bisect_right
from typing import Final

from motivsim.formula import _unicode_data as data

__all__ = ["first_mixed", "resolved_scripts", "script_name", "skeleton"]

#: Scripts written together with Han (UTS #39 section 5.1, "augmented script set").
_AUGMENT: Final = {
    "Hani": ("Hanb", "Jpan", "Kore"),
    "Hira": ("Jpan",),
    "Kana": ("Jpan",),
    "Hang": ("Kore",),
    "Bopo": ("Hanb",),
}
#: The script of a character the data does not know (assigned after the data's Unicode).
_UNKNOWN: Final = "Zzzz"


@functools.cache
def _tables() -> tuple[tuple[int, ...], tuple[frozenset[str] | None, ...], dict[str, str]]:
    sets: list[frozenset[str] | None] = []
    for value in "".join(data.SCRIPT_SETS).split("|"):
        codes = set(value.split())
        for code in list(codes):
            codes.update(_AUGMENT.get(code, ()))
        sets.append(None if value == "*" else frozenset(codes))
    starts: list[int] = []
    runs: list[frozenset[str] | None] = []
    unknown = frozenset({_UNKNOWN})
    for run in "".join(data.SCRIPT_RUNS).split():
        start, _, index = run.partition(":")
        starts.append(int(start, 16))
        runs.append(sets[int(index, 16)] if index else unknown)
    confusables = {}
    for entry in "".join(data.CONFUSABLES).split():
        source, _, target = entry.partition(":")
        confusables[chr(int(source, 16))] = "".join(chr(int(t, 16)) for t in target.split(","))
    return tuple(starts), tuple(runs), confusables


def _char_scripts(ch: str) -> frozenset[str] | None:
    """The augmented script set of one character; ``None`` when it fits any script."""
    starts, runs, _ = _tables()
    return runs[bisect_right(starts, ord(ch)) - 1]


def resolved_scripts(name: str) -> frozenset[str] | None:
    """The scripts all characters of ``name`` belong to; ``None`` for any, empty for mixed.

    Examples
    --------
    >>> sorted(resolved_scripts("売上げ"))
    ['Jpan']
    >>> sorted(resolved_scripts("ボーナス"))
    ['Jpan', 'Kana']
    >>> resolved_scripts("r\\u0435venue")
    frozenset()
    >>> resolved_scripts("_1") is None
    True
    """
    result: frozenset[str] | None = None
    for ch in unicodedata.normalize("NFD", name):
        scripts = _char_scripts(ch)
        if scripts is not None:
            result = scripts if result is None else result & scripts
    return result


def first_mixed(name: str) -> tuple[int, str, str] | None:
    """Where ``name`` stops being in one script: ``(index, earlier script, its script)``.

    ``None`` when the name is in one script (after UTS #39's rules). The scripts are named
    as :func:`script_name` names them.

    Examples
    --------
    >>> first_mixed("r\\u0435venue")
    (1, 'Latin', 'Cyrillic')
    >>> first_mixed("売上げ") is None
    True
    """
    result: frozenset[str] | None = None
    first: frozenset[str] | None = None
    for index, ch in enumerate(name):
        scripts = resolved_scripts(ch)
        if scripts is None:
            continue
        combined = scripts if result is None else result & scripts
        if not combined:
            return index, _describe(first or scripts), _describe(scripts)
        first = first or scripts
        result = combined
    return None


def _describe(scripts: frozenset[str]) -> str:
    plain = sorted(code for code in scripts if code not in ("Hanb", "Jpan", "Kore"))
    return script_name(plain[0] if plain else min(scripts))


def script_name(code: str) -> str:
    """``"Cyrillic"`` for ``"Cyrl"``: a script as a person knows it.

    Examples
    --------
    >>> script_name("Cyrl"), script_name("Jpan")
    ('Cyrillic', 'Japanese')
    """
    names = {"Jpan": "Japanese", "Kore": "Korean", "Hanb": "Han with Bopomofo", _UNKNOWN: "unknown"}
    return names.get(code) or data.SCRIPT_NAMES.get(code, code)


#: The prototypes of ASCII characters in confusables.txt (``tests/test_scripts.py`` checks this
#: against the tables): an ASCII name's skeleton needs nothing else.
_ASCII_SKELETON: Final = {"0": "O", "1": "l", "I": "l", "m": "rn"}


def skeleton(name: str) -> str:
    """The UTS #39 skeleton of ``name``: equal skeletons look alike.

    NFD, then each character replaced by its prototype from confusables.txt, then NFD again.

    Examples
    --------
    >>> skeleton("c") == skeleton("\\u0441")  # Latin c, Cyrillic es
    True
    >>> skeleton("o") == skeleton("\\u03bf")  # Latin o, Greek omicron
    True
    >>> skeleton("cafe\\u0301") == skeleton("café")
    True
    """
    if name.isascii():  # no ASCII letter is confusable with another: skip the tables
        ascii_map = _ASCII_SKELETON
        return "".join(ascii_map.get(ch, ch) for ch in name)
    _, _, confusables = _tables()
    mapped = "".join(confusables.get(ch, ch) for ch in unicodedata.normalize("NFD", name))
    return unicodedata.normalize("NFD", mapped)
