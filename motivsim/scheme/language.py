"""The languages a scheme may declare (``[scheme] language``) and the words of its statement.

Every text motivsim prints comes from one catalogue, :mod:`motivsim.i18n` (its English and
Russian wording, plural forms, number formatting); this module keeps the names the scheme
layer has always used: :data:`LANGUAGES`, :data:`DEFAULT_LANGUAGE` and the statement's labels,
:data:`LABELS` (read from the catalogue).
"""

from __future__ import annotations

from typing import Final

from motivsim.i18n import DEFAULT_LANGUAGE, LANGUAGES, words

__all__ = ["DEFAULT_LANGUAGE", "LABELS", "LANGUAGES"]

_KEYS: Final = {
    "title": "statement.title",
    "amounts": "statement.amounts",
    "per": "per",
    "inputs": "statement.inputs",
    "params": "statement.params",
    "steps": "statement.steps",
    "total": "statement.total",
    "rounded": "statement.rounded",
    "yes": "yes",
    "no": "no",
    "typical": "statement.typical",
}

#: The words of a statement in each language a scheme may declare (``[scheme] language``),
#: from the catalogue (``per`` is the word alone: ``per``, ``за``).
LABELS: Final[dict[str, dict[str, str]]] = {
    language: {
        name: (words(language)(key, period="").strip() if name == "per" else words(language)(key))
        for name, key in _KEYS.items()
    }
    for language in LANGUAGES
}
