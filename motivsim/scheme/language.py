"""The words of what people read (pay statements), in each language a scheme may declare."""

from __future__ import annotations

__all__ = ["DEFAULT_LANGUAGE", "LABELS", "LANGUAGES"]

#: The words of a statement in each language a scheme may declare (``[scheme] language``).
#: Only the labels change; numbers are always written 1,234,567.89.
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Pay statement",
        "amounts": "amounts",
        "per": "per",
        "inputs": "Inputs",
        "params": "Parameters",
        "steps": "Steps",
        "total": "Total pay",
        "rounded": "exact pay rounded once to cents",
        "yes": "yes",
        "no": "no",
        "typical": "not given: its typical value",
    },
    "ru": {
        "title": "Расчёт зарплаты",
        "amounts": "суммы",
        "per": "за",
        "inputs": "Показатели",
        "params": "Параметры",
        "steps": "Расчёт по шагам",
        "total": "Итого к выплате",
        "rounded": "точная сумма, округлённая до копеек один раз",
        "yes": "да",
        "no": "нет",
        "typical": "не указано: типичное значение",
    },
}
#: Languages a statement can be written in.
LANGUAGES: tuple[str, ...] = tuple(LABELS)
#: The language of a scheme that does not declare one.
DEFAULT_LANGUAGE = "en"
