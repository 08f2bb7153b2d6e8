"""Generate ``motivsim/formula/_unicode_data.py``: scripts and confusables for names.

Python's :mod:`unicodedata` has neither the Script_Extensions property nor Unicode's
confusables, which the name rules of the scheme format need (UTS #39, "Unicode Security
Mechanisms", https://www.unicode.org/reports/tr39/). This script compacts the official data
files into a module:

* ``Scripts.txt``, ``ScriptExtensions.txt`` and ``PropertyValueAliases.txt`` of the Unicode
  Character Database (Debian's ``unicode-data`` package has them in ``/usr/share/unicode``);
* ``confusables.txt`` of UTS #39 (https://www.unicode.org/Public/security/latest/), of which
  only the entries for characters a name can contain are kept: identifier characters (as
  :meth:`str.isidentifier` sees them) that NFKD leaves alone, since a name is NFKC-normal and
  its skeleton is computed on its NFD form.

Usage (run with the oldest supported Python, whose Unicode version decides what a name can
contain)::

    python tools/make_unicode_data.py /usr/share/unicode confusables.txt \\
        > motivsim/formula/_unicode_data.py
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

WIDTH = 92  # characters of data per line of the generated module


def _ranges(path: Path) -> list[tuple[int, int, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cps, value = (part.strip() for part in line.split(";"))
        lo, _, hi = cps.partition("..")
        out.append((int(lo, 16), int(hi or lo, 16), value))
    return out


def _version(path: Path) -> str:
    text = path.read_text(encoding="utf-8-sig")
    found = re.search(r"Version: ([0-9.]+)", text) or re.search(r"-([0-9.]+)\.txt", text)
    return found.group(1) if found else "unknown"


def _chunks(data: str) -> list[str]:
    return [data[i : i + WIDTH] for i in range(0, len(data), WIDTH)]


def main(ucd: Path, confusables: Path) -> str:
    aliases: dict[str, str] = {}
    for line in (ucd / "PropertyValueAliases.txt").read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("#", 1)[0].split(";")]
        if len(parts) >= 3 and parts[0] == "sc":
            aliases[parts[2]] = parts[1]
    long_names = {short: name.replace("_", " ") for name, short in aliases.items()}
    sets: dict[int, tuple[str, ...]] = {}
    for lo, hi, name in _ranges(ucd / "Scripts.txt"):
        for cp in range(lo, hi + 1):
            sets[cp] = (aliases[name],)
    for lo, hi, value in _ranges(ucd / "ScriptExtensions.txt"):
        for cp in range(lo, hi + 1):
            sets[cp] = tuple(sorted(value.split()))
    # Common and Inherited characters fit every script (UTS #39 section 5.1): "*"
    values = sorted({"*" if s in (("Zyyy",), ("Zinh",)) else " ".join(s) for s in sets.values()})
    ids = {v: i for i, v in enumerate(values)}
    runs: list[str] = []
    previous: int | None = -1
    for cp in range(0x110000):
        s = sets.get(cp)
        current = None if s is None else ids["*" if s in (("Zyyy",), ("Zinh",)) else " ".join(s)]
        if current != previous:
            runs.append(f"{cp:x}:{'' if current is None else f'{current:x}'}")
            previous = current
    mapping = []
    for line in confusables.read_text(encoding="utf-8-sig").splitlines():
        fields = [f.strip() for f in line.split("#", 1)[0].split(";")]
        if len(fields) < 2 or not fields[0]:
            continue
        source = chr(int(fields[0], 16))
        if not ("a" + source).isidentifier() or unicodedata.normalize("NFKD", source) != source:
            continue
        target = ",".join(f"{int(t, 16):x}" for t in fields[1].split())
        mapping.append(f"{ord(source):x}:{target}")
    used = sorted({code for v in values if v != "*" for code in v.split()})
    out = [
        '"""Unicode data for the name rules (made by tools/make_unicode_data.py: do not edit).',
        "",
        f"From the Unicode Character Database {_version(ucd / 'ScriptExtensions.txt')} "
        "(Scripts.txt, ScriptExtensions.txt,",
        "PropertyValueAliases.txt) and the UTS #39 confusables.txt "
        f"{_version(confusables)}, as published by",
        "Unicode, Inc. (https://www.unicode.org/Public/; terms of use:",
        "https://www.unicode.org/license.txt); confusables kept only for characters a name can",
        f"contain (identifier characters of Unicode {unicodedata.unidata_version} "
        "that NFKD leaves alone).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        f'UCD_VERSION: Final = "{_version(ucd / "ScriptExtensions.txt")}"',
        f'CONFUSABLES_VERSION: Final = "{_version(confusables)}"',
        "",
        "#: The script sets, separated by ``|``: ``*`` (Common or Inherited: any script) or",
        "#: short script codes separated by spaces.",
        "SCRIPT_SETS: Final = (",
        *(f'    "{chunk}"' for chunk in _chunks("|".join(values))),
        ")",
        "#: Script codes and their names.",
        "SCRIPT_NAMES: Final = {",
        *(f'    "{code}": "{long_names[code]}",' for code in used),
        "}",
        "#: ``start:set`` (hex): from code point ``start`` on, the script set of index ``set``",
        "#: in SCRIPT_SETS (empty: unassigned), up to the next start.",
        "SCRIPT_RUNS: Final = (",
        *(f'    "{chunk}"' for chunk in _chunks(" ".join(runs) + " ")),
        ")",
        "#: ``source:target,...`` (hex): the prototype each confusable source character maps to.",
        "CONFUSABLES: Final = (",
        *(f'    "{chunk}"' for chunk in _chunks(" ".join(mapping) + " ")),
        ")",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(main(Path(sys.argv[1]), Path(sys.argv[2])))
