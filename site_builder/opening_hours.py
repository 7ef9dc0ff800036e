"""Opening hours in OSM `opening_hours` syntax (the data·inclusion format), parsed and said in French.

The subset we accept, read as the OSM specification says (wiki « Key:opening_hours/specification »):
- `24/7`, or rules made of days (`Mo-Fr`, `Mo,We,Fr`, wrapping `Sa-Mo`, `PH` for public holidays) and times
  (`08:30-12:30,14:00-18:00`) or `off`/`closed`. A rule without days applies Monday to Sunday (not to
  public holidays: those follow the `PH` rule only, see open_now.py).
- `;` separates *normal* rules: a later rule replaces the earlier ones for every day it names, the whole
  day. `, ` before a day separates *additional* rules, which add their hours without replacing anything.
- A range ending before it starts runs past midnight (`22:00-02:00`: open at 01:00 the day after); the
  night belongs to the day it starts on, and a later `;` rule naming the next day replaces that night too.
  `24:00` is a valid end (`24:30`, `25:00`, `12:60` are not).
- Refused, with a French message saying what to write: days without hours (the spec reads `Mo-Fr` as open
  day and night, almost never what was meant: write `Mo-Fr 00:00-24:00` for that), and a `;` rule that
  replaces earlier hours by hours that do not overlap them (`Mo-Fr 08:00-12:00; Mo-Fr 14:00-18:00` means
  afternoons only in OSM: write `Mo-Fr 08:00-12:00,14:00-18:00`), or cuts the night of an earlier rule.
A narrower rule that overlaps (`Mo-Fr 08:30-18:00; We 08:30-12:30`) or `off` stays the usual OSM override.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
DAY = 1440  # minutes
_DAY_TOKEN = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)"
_DAY_ITEM = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?|PH"
_SPAN = r"\d\d:\d\d-\d\d:\d\d"
_RULE = re.compile(rf"^(?:(?P<days>(?:{_DAY_ITEM})(?:,(?:{_DAY_ITEM}))*)(?: |$))?"
                   rf"(?P<times>off|closed|{_SPAN}(?: ?, ?{_SPAN})*)?$")
# A comma after a time (or `off`) and before a day starts an additional rule; `Mo,We` stays a list of days.
_ADDITIONAL = re.compile(rf"(?<=[0-9fd]) ?, ?(?={_DAY_TOKEN}\b)")


class HoursError(ValueError):
    """Hours we cannot read, with the fix to suggest to the coordinator when there is a better one."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Rule:
    days: tuple[int, ...]          # 0 = Monday; empty with `holidays` only
    intervals: tuple[tuple[int, int], ...]  # minutes since midnight, end up to 2880 past midnight; empty = closed
    holidays: bool = False
    additional: bool = False       # after `, `: adds to the earlier rules instead of replacing them
    source: str = ""

    @property
    def named(self) -> tuple[int, ...]:
        """The days this rule names, public holidays as day 7."""
        return self.days + ((7,) if self.holidays else ())


@dataclass(frozen=True)
class OpeningHours:
    source: str
    rules: tuple[Rule, ...]
    always: bool = False


def parse(text: str) -> OpeningHours:
    """Parse `text` or raise HoursError (a ValueError) with a French explanation."""
    text = " ".join(text.split())
    if text == "24/7":
        return OpeningHours(text, (), always=True)
    rules: list[Rule] = []
    for normal in filter(None, (part.strip() for part in text.split(";"))):
        for index, part in enumerate(_ADDITIONAL.split(normal)):
            rules.append(_rule(part.strip(), additional=index > 0))
    if not rules:
        raise HoursError("horaires vides")
    _check_replacements(rules)
    return OpeningHours(text, tuple(rules))


def _rule(part: str, additional: bool) -> Rule:
    match = _RULE.match(part)
    if not match or not (match.group("days") or match.group("times")):
        raise HoursError(f"règle « {part} » illisible")
    days_spec, times = match.group("days"), match.group("times")
    if not times:
        raise HoursError(f"« {part} » : jours sans heures",
                         f"précisez les heures, ex. « {days_spec} 08:00-18:00 », ou écrivez « {days_spec} off » "
                         f"si c'est fermé, « {days_spec} 00:00-24:00 » si c'est ouvert jour et nuit.")
    days, holidays = _days(days_spec or "Mo-Su")
    intervals: tuple[tuple[int, int], ...] = ()
    if times in ("off", "closed"):
        if additional:
            raise HoursError(f"« , {part} » : une règle après une virgule ajoute des heures, elle ne peut pas fermer",
                             f"séparez-la par un point-virgule : « ; {part} ».")
    else:
        intervals = tuple(_interval(span.strip()) for span in times.split(","))
    return Rule(days, intervals, holidays, additional, part)


def _days(spec: str) -> tuple[tuple[int, ...], bool]:
    """Days of `spec` (Monday = 0), wrapping ranges included (`Sa-Mo` = Saturday, Sunday, Monday)."""
    days: list[int] = []
    holidays = False
    for item in spec.split(","):
        if item == "PH":
            holidays = True
            continue
        first, _, last = item.partition("-")
        start, end = DAYS.index(first), DAYS.index(last or first)
        days.extend((start + k) % 7 for k in range((end - start) % 7 + 1))
    return tuple(dict.fromkeys(days)), holidays


def _interval(span: str) -> tuple[int, int]:
    """(start, end) in minutes; an end before the start is on the next day (end + 1440)."""
    first, last = span.split("-")
    start, end = _minutes(first, end=False), _minutes(last, end=True)
    if end == start:
        raise HoursError(f"plage « {span} » vide", "pour jour et nuit, écrivez « 00:00-24:00 ».")
    return (start, end) if end > start else (start, end + DAY)


def _minutes(clock: str, end: bool) -> int:
    hours, minutes = int(clock[:2]), int(clock[3:])
    if clock == "24:00" and end:
        return DAY
    if clock.startswith("24") and minutes < 60:
        raise HoursError(f"heure « {clock} » impossible",
                         "après minuit, comptez depuis 00:00 : une plage peut passer minuit, ex. « 22:00-00:30 ».")
    if hours > 23 or minutes > 59:
        raise HoursError(f"heure « {clock} » impossible (de 00:00 à 23:59, et 24:00 pour finir à minuit)")
    return hours * 60 + minutes


def _check_replacements(rules: list[Rule]) -> None:
    """Refuse a `;` rule that silently drops earlier hours a coordinator almost surely meant to keep."""
    for i, rule in enumerate(rules):
        if rule.additional or not rule.intervals:
            continue
        for earlier in _alive(rules, i):
            shared = set(rule.named) & set(earlier.named)
            if shared and earlier.intervals and _disjoint(rule.intervals, earlier.intervals):
                raise HoursError(_replaced(rule, earlier, shared), _fix(rule, earlier))
            nights = {(d + 1) % 7 for d in earlier.days if any(end > DAY for _, end in earlier.intervals)}
            cut = nights & set(rule.days) - set(earlier.days)
            if cut:
                raise HoursError(f"« {rule.source} » efface la fin de nuit de « {earlier.source} » "
                                 f"({_days_text(cut)} après minuit) : en OpenStreetMap, une règle après « ; » "
                                 "remplace la journée entière",
                                 f"écrivez « {earlier.source}, {rule.source} » (la virgule ajoute sans remplacer).")


def _alive(rules: list[Rule], i: int) -> list[Rule]:
    """Earlier rules still in force on at least one day `rules[i]` names (not replaced since)."""
    alive = []
    for j in range(i):
        days = set(rules[j].named)
        for later in rules[j + 1:i]:
            if not later.additional:
                days -= set(later.named)
        if days:
            alive.append(rules[j])
    return alive


def _disjoint(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    """No minute of `a` is in `b`."""
    return all(e1 <= s2 or e2 <= s1 for s1, e1 in a for s2, e2 in b)


def _replaced(rule: Rule, earlier: Rule, shared: set[int]) -> str:
    """Say which rule replaces which, on which days, and why."""
    return (f"« {rule.source} » remplace « {earlier.source} » ({_days_text(shared)}) : en OpenStreetMap, "
            "une règle après « ; » remplace les précédentes pour ses jours")


def _fix(rule: Rule, earlier: Rule) -> str:
    """The same days: one rule with both ranges; other days: a comma, which adds instead of replacing."""
    if set(rule.named) == set(earlier.named):
        days = _RULE.match(rule.source).group("days") or ""
        spans = ",".join(f"{_hhmm(a)}-{_hhmm(b)}" for a, b in sorted(earlier.intervals + rule.intervals))
        return f"écrivez « {f'{days} ' if days else ''}{spans} » pour ouvrir sur les deux plages."
    return (f"écrivez « {earlier.source}, {rule.source} » (la virgule ajoute sans remplacer) ; si ces jours-là "
            f"n'ont vraiment que « {rule.source} », retirez-les de « {earlier.source} ».")


def _hhmm(minutes: int) -> str:
    """Minutes back to OSM's « 08:30 » (« 24:00 » for midnight at the end of the day)."""
    if minutes == DAY:
        return "24:00"
    hours, rest = divmod(minutes % DAY, 60)
    return f"{hours:02d}:{rest:02d}"


def in_french(hours: OpeningHours) -> list[str]:
    """One French line per rule: « Du lundi au vendredi : 8 h 30 – 12 h 30 et 14 h – 18 h »."""
    if hours.always:
        return ["Ouvert 24 h sur 24, 7 jours sur 7"]
    return [f"{_days_in_french(rule)} : {_times_in_french(rule)}" for rule in hours.rules]


def _days_in_french(rule: Rule) -> str:
    """The rule's days, capitalised for the start of a line."""
    text = _days_text(rule.named)
    return text[0].upper() + text[1:]


def _days_text(named: tuple[int, ...] | set[int]) -> str:
    """« du lundi au vendredi, samedi et jours fériés »; a week-end range stays one (« du samedi au lundi »)."""
    runs = _runs(tuple(d for d in named if d < 7))
    parts = [f"du {DAY_NAMES[a % 7]} au {DAY_NAMES[b % 7]}" if b - a >= 2 else
             " et ".join(DAY_NAMES[d % 7] for d in range(a, b + 1)) for a, b in runs]
    if 7 in named:
        parts.append("jours fériés")
    return ", ".join(parts[:-1]) + " et " + parts[-1] if len(parts) > 1 and 7 in named else ", ".join(parts)


def _runs(days: tuple[int, ...]) -> list[tuple[int, int]]:
    """Consecutive days as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][1] == day - 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == 6:  # Sa-Mo: one run over the end of the week
        runs = [(runs[-1][0], runs[0][1] + 7), *runs[1:-1]]
    return runs


def _times_in_french(rule: Rule) -> str:
    """« 8 h 30 – 12 h et 14 h – 18 h », « 22 h – 2 h le lendemain » or « fermé »."""
    if not rule.intervals:
        return "fermé"
    return " et ".join(f"{_clock(a)} – {_clock(b)}" + (" le lendemain" if b > DAY else "") for a, b in rule.intervals)


def _clock(minutes: int) -> str:
    """« 8 h 30 », « 24 h » for the end of the day."""
    hours, rest = divmod(minutes if minutes == DAY else minutes % DAY, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"
