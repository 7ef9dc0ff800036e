"""Each kind of senior service shows its own facts, with labels that fit it, and old prices say they are old."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from helpers import ROOT

from site_builder.render.senior_facts import facts, price_notice
from site_builder.validate import load_model

MODEL = load_model(ROOT / "data")


def _first(kind: str):
    return next(s for s in MODEL.senior_establishments if s.typologie == kind)


def _labels(kind: str) -> dict[str, str]:
    return dict(facts(_first(kind)))


def test_home_help_has_an_hourly_rate_and_an_area_and_no_hosting_words() -> None:
    saad = next(s for s in MODEL.senior_establishments if s.typologie == "saad" and s.seniors.tarif_horaire)
    labels = dict(facts(saad))
    assert labels["Tarif horaire"].startswith("26,50\u00a0€ de l'heure")
    assert "Communes desservies" in labels
    assert not [label for label in labels if "hébergement" in label.lower()]


def test_nursing_at_home_says_who_pays() -> None:
    labels = _labels("ssiad")
    assert "Assurance maladie" in labels["Prise en charge"]
    assert "Prix de l'hébergement" not in labels


def test_day_care_has_a_price_per_day_and_transport_and_no_empty_alzheimer_line() -> None:
    labels = _labels("accueil-jour")
    assert labels["Prix d'une journée"].startswith("34,50\u00a0€ la journée")
    assert labels["Transport"] == "Organisé par le service (aller et retour)"
    assert "Prix de l'hébergement" not in labels and "Unité Alzheimer" not in labels


def test_temporary_stay_has_its_longest_duration() -> None:
    assert _labels("hebergement-temporaire")["Durée maximale du séjour"] == "90 jours par an au plus"


def test_a_residence_shows_its_monthly_rent() -> None:
    assert _labels("residence-autonomie")["Loyer mensuel"].startswith("994,00\u00a0€ par mois")


def test_a_missing_fact_says_non_communique() -> None:
    saad = next(s for s in MODEL.senior_establishments if s.typologie == "saad" and not s.seniors.tarif_horaire)
    assert dict(facts(saad))["Tarif horaire"] == "non communiqué"


def test_prices_older_than_a_year_carry_a_notice() -> None:
    ehpad = _first("ehpad")
    item = dataclasses.replace(ehpad, seniors=dataclasses.replace(ehpad.seniors, tarifs_au=dt.date(2025, 11, 23)))
    assert price_notice(item, dt.date(2026, 11, 22)) == ""  # 11 months and 30 days
    assert price_notice(item, dt.date(2026, 11, 23)) == (
        "Tarifs de novembre 2025, il y a plus d'un an : ils ont pu changer depuis, "
        "demandez les tarifs actuels à l'établissement.")


def test_the_table_and_fiches_use_words_not_dashes(built_site: Path) -> None:
    table = (built_site / "bien-vieillir" / "comparer" / "index.html").read_text(encoding="utf-8")
    assert ">—<" not in table and "non communiqué" in table
    saad = (built_site / "repertoire" / "saad-malesherbois" / "index.html").read_text(encoding="utf-8")
    assert "Aide sociale à l&#39;hébergement" not in saad and "Aide sociale à l'hébergement" not in saad
    old = (built_site / "repertoire" / "ehpad-les-tilleuls-malesherbois" / "index.html").read_text(encoding="utf-8")
    assert "Prix à vérifier" in old  # tarifs au 1er janvier 2025, build date of the tests 23 November 2026
    admission = (built_site / "bien-vieillir" / "entrer-en-etablissement" / "index.html").read_text(encoding="utf-8")
    assert "Cerfa n° 14732" in admission and "ViaTrajectoire" in admission
    admission = re.sub(r"<abbr [^>]*>(\w+)</abbr>", r"\1", admission)  # « CLIC » is explained on first use
    assert all(s.nom.replace("'", "&#39;") in admission or s.nom in admission
               for s in MODEL.structures if s.typologie in ("clic", "dac"))
