"""Opening hours in OSM `opening_hours` syntax (the data·inclusion format), parsed and said in French.

Supported: `24/7`; rules separated by `;` made of days (`Mo-Fr`, `Mo,We,Fr`, `PH`) and times
(`08:30-12:30,14:00-18:00`) or `off`. That covers what structures publish; anything else is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_RULE = re.compile(rf"^(?P<days>(?:(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?,?)+)?\s*"
                   rf"(?P<times>off|closed|{_TIME}-{_TIME}(?:,{_TIME}-{_TIME})*)?$")


@dataclass(frozen=True)
class Rule:
    days: tuple[int, ...]          # 0 = Monday; empty with `holidays` only
    intervals: tuple[tuple[int, int], ...]  # minutes since midnight; empty = closed
    holidays: bool = False


@dataclass(frozen=True)
class OpeningHours:
    source: str
    rules: tuple[Rule, ...]
    always: bool = False


def parse(text: str) -> OpeningHours:
    """Parse `text` or raise ValueError with a French explanation."""
    text = " ".join(text.split())
    if text == "24/7":
        return OpeningHours(text, (), always=True)
    rules = tuple(_rule(part.strip()) for part in text.split(";") if part.strip())
    if not rules:
        raise ValueError("horaires vides")
    return OpeningHours(text, rules)


def _rule(part: str) -> Rule:
    match = _RULE.match(part)
    if not match or not (match.group("days") or match.group("times")):
        raise ValueError(f"règle « {part} » illisible")
    days, holidays = _days(match.group("days") or "Mo-Su")
    times = match.group("times") or "off"
    intervals: tuple[tuple[int, int], ...] = ()
    if times not in ("off", "closed"):
        intervals = tuple(_interval(span) for span in times.split(","))
    return Rule(days, intervals, holidays)


def _days(spec: str) -> tuple[tuple[int, ...], bool]:
    days: list[int] = []
    holidays = False
    for item in filter(None, spec.split(",")):
        if item == "PH":
            holidays = True
            continue
        first, _, last = item.partition("-")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            raise ValueError(f"jours « {item} » dans le désordre")
        days.extend(range(start, end + 1))
    return tuple(days), holidays


def _interval(span: str) -> tuple[int, int]:
    start, end = (int(h) * 60 + int(m) for h, m in (t.split(":") for t in span.split("-")))
    if end <= start:
        raise ValueError(f"plage « {span} » : la fin précède le début")
    return start, end


def in_french(hours: OpeningHours) -> list[str]:
    """One French line per rule: « Du lundi au vendredi : 8 h 30 – 12 h 30 et 14 h – 18 h »."""
    if hours.always:
        return ["Ouvert 24 h sur 24, 7 jours sur 7"]
    return [f"{_days_in_french(rule)} : {_times_in_french(rule)}" for rule in hours.rules]


def _days_in_french(rule: Rule) -> str:
    if rule.holidays and not rule.days:
        return "Jours fériés"
    runs = _runs(rule.days)
    parts = [f"du {DAY_NAMES[a]} au {DAY_NAMES[b]}" if b - a >= 2 else
             " et ".join(DAY_NAMES[d] for d in range(a, b + 1)) for a, b in runs]
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def _runs(days: tuple[int, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _times_in_french(rule: Rule) -> str:
    if not rule.intervals:
        return "fermé"
    return " et ".join(f"{_clock(a)} – {_clock(b)}" for a, b in rule.intervals)


def _clock(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"
