"""What a family will pay each month in a senior establishment, before and after the aids (« reste à charge »).

The rules and amounts come from the national scale (site_builder/baremes/seniors.yml); the arithmetic is
mirrored line for line by content/assets/javascripts/reste-a-charge.js, and the tests check that both give
the same euros. Everything here is an estimate: the pages say so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal

GIR_BANDS: dict[str, str] = {"1-2": "GIR 1 ou 2", "3-4": "GIR 3 ou 4", "5-6": "GIR 5 ou 6"}
# Kinds whose residents receive the APA « en établissement » (paying the tarif dépendance of their GIR).
APA_KINDS = ("ehpad", "usld")
ESTIMATE_KINDS = ("ehpad", "usld", "residence-autonomie", "marpa")
_FIFTEEN_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IncomeBand:
    """Monthly net income of the household, from `min` to `max` € (`max` None: no ceiling), and the APL
    range a person with such an income may expect in a conventionné establishment."""

    min: float
    max: float | None
    apl_min: float
    apl_max: float

    @property
    def label(self) -> str:
        if self.max is None:
            return f"{_euros(self.min)} ou plus"
        return f"moins de {_euros(self.max)}" if not self.min else f"de {_euros(self.min)} à {_euros(self.max)}"


@dataclass(frozen=True)
class Scale:
    """The national scale: APA en établissement (CASF R. 232-19), APL orders of magnitude, income bands."""

    date_maj: dt.date
    valable_jusqu_au: dt.date
    jours_par_mois: float
    mtp: float
    mtp_au: dt.date
    seuil_bas: float
    seuil_haut: float
    taux: float
    diviseur_couple: float
    bands: tuple[IncomeBand, ...]
    apa_sources: tuple[str, ...] = ()
    apl_sources: tuple[str, ...] = ()
    apa_a_verifier: bool = False
    apl_a_verifier: bool = False
    file: str = ""


@dataclass(frozen=True)
class Prices:
    """What an establishment charges, per day (hébergement, dependency tariffs) or per month (rent)."""

    kind: str
    hebergement_jour: float | None = None
    loyer_mois: float | None = None
    gir12: float | None = None
    gir34: float | None = None
    gir56: float | None = None
    apl: bool = False


@dataclass(frozen=True)
class Household:
    """What the visitor tells: GIR band ("" when unknown), income band (index in the scale), couple or not."""

    gir: str
    band: int
    couple: bool = False


def round_half_up(value: float, places: int = 0) -> float:
    """`value` rounded to `places` decimals, halves away from zero, as reste-a-charge.js roundHalfUp does.

    Euros are decimal: 1,005 € is 1,01 € and 2 006,50 € is 2 007 €, even when the binary float holds
    1.00499999999999989 or 2006.4999999999998. So the float is first read at 15 significant digits (rounding
    its exact value halves up, as JavaScript's toPrecision(15) does), then rounded halves up. Neither
    Python's round() (halves to even, on the binary value) nor Math.floor(x + 0.5) does that.
    """
    decimal = _FIFTEEN_DIGITS.create_decimal_from_float(value)
    return float(decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def round_euro(value: float) -> int:
    """Nearest euro, halves up (round_half_up to no decimal)."""
    return int(round_half_up(value))


def before_aids(prices: Prices, scale: Scale, gir: str = "5-6") -> int | None:
    """Monthly price before any aid, for a resident of `gir` (GIR 5-6 by default: hébergement + tarif GIR 5-6)."""
    tariff = _tariff(prices, gir) if prices.kind in APA_KINDS else 0.0
    if tariff is None:
        return None
    return round_euro(_monthly(prices, tariff, scale))


def estimate(prices: Prices, household: Household, scale: Scale) -> tuple[int, int] | None:
    """The monthly range (lowest, highest) left to pay after APA and APL, or None if a tariff is missing."""
    band = scale.bands[household.band]
    divisor = scale.diviseur_couple if household.couple else 1
    low_income = band.min / divisor
    high_income = None if band.max is None else band.max / divisor
    apl_low, apl_high = _apl(scale, low_income, high_income) if prices.apl else (0.0, 0.0)
    girs = [household.gir] if household.gir else list(GIR_BANDS)
    lows: list[float] = []
    highs: list[float] = []
    for gir in girs:
        share_low = _share(prices, gir, low_income, scale)
        share_high = _share(prices, gir, high_income, scale)
        if share_low is None or share_high is None:
            return None
        lows.append(_monthly(prices, share_low, scale) - apl_high)
        highs.append(_monthly(prices, share_high, scale) - apl_low)
    return round_euro(max(min(lows), 0)), round_euro(max(max(highs), 0))


def _monthly(prices: Prices, dependency_per_day: float, scale: Scale) -> float:
    """(hébergement per day + dependency per day) × days, or the monthly rent + dependency × days."""
    if prices.loyer_mois is not None:
        return prices.loyer_mois + dependency_per_day * scale.jours_par_mois
    return ((prices.hebergement_jour or 0) + dependency_per_day) * scale.jours_par_mois


def _share(prices: Prices, gir: str, income: float | None, scale: Scale) -> float | None:
    """The resident's daily part of the dependency tariff (CASF R. 232-19); `income` None: above every ceiling."""
    if prices.kind not in APA_KINDS:
        return 0.0
    base = prices.gir56
    if base is None:
        return None
    low, high = scale.seuil_bas * scale.mtp, scale.seuil_haut * scale.mtp
    if gir == "5-6" or (income is not None and income <= low):
        return base
    tariff = _tariff(prices, gir)
    if tariff is None:
        return None
    if income is None or income >= high:
        return base + (tariff - base) * scale.taux
    return base + (tariff - base) * (income - low) / (high - low) * scale.taux


def _tariff(prices: Prices, gir: str) -> float | None:
    return {"1-2": prices.gir12, "3-4": prices.gir34, "5-6": prices.gir56}[gir]


def _apl(scale: Scale, low: float, high: float | None) -> tuple[float, float]:
    """The APL range over every income band that [low, high) of the person's income touches."""
    touched = [b for b in scale.bands if (b.max is None or low < b.max) and (high is None or b.min < high)]
    return min(b.apl_min for b in touched), max(b.apl_max for b in touched)


def _euros(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") + "\u00a0€"
