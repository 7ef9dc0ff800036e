"""The national scale of the « reste à charge » estimate: shipped with the package, replaceable by a territory.

It is checked like any data file (located errors in French), and a scale past its validity date warns at
each build, as stale fiches do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from site_builder.converters import boolean, date, list_of, number, text_list
from site_builder.costs import IncomeBand, Scale
from site_builder.errors import relative
from site_builder.load import Node, load_file
from site_builder.models import months_between
from site_builder.schema import INVALID, Context, Field, Schema, record

SHIPPED = Path(__file__).resolve().parent.parent / "baremes" / "seniors.yml"
OVERRIDE = "baremes-seniors.yml"  # in the data directory: a territory's own copy wins

APA = Schema("la partie « APA en établissement » du barème", (
    Field("sources", text_list, required=True),
    Field("mtp", number(500, 5000), required=True),
    Field("mtp_au", date, required=True),
    Field("a_verifier", boolean, default=False),
    Field("seuil_bas", number(0, 10), required=True),
    Field("seuil_haut", number(0, 10), required=True),
    Field("taux", number(0, 1), required=True),
    Field("diviseur_couple", number(1, 4), required=True),
))

APL = Schema("la partie « APL » du barème", (
    Field("sources", text_list, required=True),
    Field("a_verifier", boolean, default=False),
))

BAND = Schema("une tranche de revenus", (
    Field("min", number(0, 100000), required=True),
    Field("max", number(0, 100000), default=None),
    Field("apl_min", number(0, 2000), required=True),
    Field("apl_max", number(0, 2000), required=True),
))

SCALE = Schema("le barème du reste à charge", (
    Field("date_maj", date, required=True),
    Field("valable_jusqu_au", date, required=True),
    Field("jours_par_mois", number(28, 31), required=True),
    Field("apa_etablissement", record(APA), required=True),
    Field("apl", record(APL), required=True),
    Field("tranches_revenus", list_of(record(BAND), unique=False), required=True),
))


def scale_path(data_dir: Path) -> Path:
    """The territory's own scale when it has one, else the national scale shipped with the package."""
    local = data_dir / OVERRIDE
    return local if local.exists() else SHIPPED


def load_scale(data_dir: Path, root: Path, ctx: Context) -> Scale | None:
    """Read and check the scale; errors go to the build's report."""
    path = scale_path(data_dir)
    ctx.file = relative(path, root)
    node = load_file(path, ctx.file, ctx.report)
    values = SCALE.parse(node, ctx, "") if node is not None else INVALID
    if values is INVALID or not _bands_follow(values["tranches_revenus"], node, ctx):
        return None
    apa, apl = values["apa_etablissement"], values["apl"]
    if apa["seuil_haut"] <= apa["seuil_bas"]:
        ctx.error(node["apa_etablissement"].get("seuil_haut"), "apa_etablissement.seuil_haut",
                  "le seuil haut doit dépasser le seuil bas (2,21 et 3,40 × MTP dans le CASF, art. R. 232-19).")
        return None
    return Scale(values["date_maj"], values["valable_jusqu_au"], values["jours_par_mois"], apa["mtp"], apa["mtp_au"],
                 apa["seuil_bas"], apa["seuil_haut"], apa["taux"], apa["diviseur_couple"],
                 tuple(IncomeBand(**band) for band in values["tranches_revenus"]), tuple(apa["sources"]),
                 tuple(apl["sources"]), apa["a_verifier"], apl["a_verifier"], ctx.file)


def _bands_follow(bands: list[dict], node: Node, ctx: Context) -> bool:
    """Bands start at 0, each begins where the previous ends, and only the last has no ceiling."""
    expected = 0.0
    for index, band in enumerate(bands):
        last = index == len(bands) - 1
        path = f"tranches_revenus[{index + 1}]"
        raw = node["tranches_revenus"][index]
        if band["min"] != expected or (band["max"] is None) != last or (band["max"] or 1e9) <= band["min"]:
            ctx.error(raw, path, f"tranche mal placée : elle doit commencer à {expected:g} € et finir plus haut"
                      + ("" if not last else " (la dernière n'a pas de « max »)") + ".",
                      "les tranches se suivent sans trou ni chevauchement, de la plus basse à la plus haute.")
            return False
        if band["apl_max"] < band["apl_min"]:
            ctx.error(raw, f"{path}.apl_max", "apl_max est inférieur à apl_min.")
            return False
        expected = band["max"] or 0.0
    return bool(bands)


def staleness(scale: Scale, today: dt.date) -> str:
    """A warning for the coordinator when the scale is past its validity or more than a year old, else ""."""
    if today > scale.valable_jusqu_au:
        return (f"le barème du reste à charge ({scale.file}) n'est valable que jusqu'au {scale.valable_jusqu_au} : "
                "mettez à jour le générateur ou ce fichier (montants revalorisés chaque année).")
    if months_between(scale.date_maj, today) >= 12:
        return f"le barème du reste à charge ({scale.file}) date du {scale.date_maj} : vérifiez ses montants."
    return ""
