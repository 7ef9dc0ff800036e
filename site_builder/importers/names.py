"""Names and street names of national files, written in capitals, put back in good French.

« SERVICE  DE SOINS INFIRMIERS A DOMICILE » → « Service de soins infirmiers à domicile »,
« E.H.P.A.D. L'AMBARROISE » → « EHPAD l'Ambarroise », « CH DE BOURG EN BRESSE » → « CH de Bourg-en-Bresse ».
Only what is certain is changed: known acronyms stay in capitals, particles go to lower case, a small
dictionary puts back the accents FINESS drops (« HOPITAL » → « hôpital »), a commune of the département is
written as the commune reference writes it, every other word is a proper name (first letter capital).
Text a person already wrote in mixed case is left as it is (double spaces aside).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from site_builder.text import fold

ACRONYMS = frozenset({
    "EHPAD", "EHPA", "MARPA", "SSIAD", "SAAD", "SPASAD", "CMP", "CMPP", "CATTP", "PMI", "CCAS", "CIAS", "CH", "CHI",
    "CHU", "CHR", "CHS", "USLD", "SSR", "SMR", "HAD", "HDJ", "IME", "ITEP", "DITEP", "EEAP", "IEM", "ESAT", "MAS",
    "FAM", "EAM", "SAVS", "SAMSAH", "SESSAD", "SSIS", "SAFEP", "SAAAIS", "MSP", "CPTS", "DAC", "CLIC", "MDPH", "EPSM",
    "LBM", "SARL", "EURL", "SAS", "SASU", "SA", "SCM", "SCP", "SELARL", "SELAS", "SELAFA", "SCI", "ZA", "ZAC", "ZI",
    "ADAPEI", "ADSEA", "APF", "UNA", "ADMR", "GRETA", "IFAS", "IFSI", "AVS", "AES", "IREIS", "CHAVS", "PUI",
    "II", "III", "IV",
})
PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "l", "d", "à", "au", "aux", "en", "sur", "sous", "et",
                       "lès"})
ARTICLES = frozenset({"la", "le", "les", "l"})
PREPOSITIONS = frozenset({"de", "d", "a", "à", "sur", "sous", "en", "par", "pour"})
# « A » is « à » only before these words (« A DOMICILE », « A TEMPS PARTIEL »); elsewhere it may be a letter
# (« 289 A AVENUE … », a building) and is left as it is.
BEFORE_A_GRAVE = frozenset({"DOMICILE", "TEMPS", "LA", "L", "LE", "LES", "DOMICILES", "PARTIR", "DISTANCE"})
# Words FINESS writes without their accent, when only one French spelling exists.
ACCENTS: dict[str, str] = {
    "HOPITAL": "hôpital", "HOPITAUX": "hôpitaux", "MEDICO": "médico", "MEDICAL": "médical", "MEDICALE": "médicale",
    "MEDICALISE": "médicalisé", "ETABLISSEMENT": "établissement", "SANTE": "santé", "SPECIALISE": "spécialisé",
    "SPECIALISEE": "spécialisée", "EDUCATIF": "éducatif", "EDUCATIVE": "éducative", "EDUCATION": "éducation",
    "THERAPEUTIQUE": "thérapeutique", "PSYCHOTHERAPIQUE": "psychothérapique", "READAPTATION": "réadaptation",
    "ECOLE": "école", "ECOLES": "écoles", "PREVENTION": "prévention", "RESIDENCE": "résidence",
    "PREFECTURE": "préfecture", "REPUBLIQUE": "République", "EUROPEEN": "européen", "METIERS": "métiers",
    "UNITE": "unité", "ESPERANCE": "Espérance", "PRECOCE": "précoce", "PEDAGOGIQUE": "pédagogique",
    "ASSOCIES": "associés", "LESES": "lésés", "CEREBRAUX": "cérébraux", "AGEES": "âgées", "AGES": "âgés",
    "GERIATRIQUE": "gériatrique", "GERONTOLOGIQUE": "gérontologique", "DEPARTEMENTAL": "départemental",
    "REGIONAL": "régional", "ACTIVITE": "activité", "ACTIVITES": "activités", "SOCIETE": "société",
    "PEDIATRIQUE": "pédiatrique", "HEBERGEMENT": "hébergement", "DEPENDANTES": "dépendantes", "ELEVES": "élèves",
    "SEJOUR": "séjour", "ENERGIE": "énergie", "GENERAL": "général", "GENERALE": "générale",
    "SAONE": "Saône", "RHONE": "Rhône", "ISERE": "Isère", "FRUITIERE": "fruitière", "PRE": "pré", "EMILE": "Émile",
    # Street names: people and places with one spelling.
    "RESISTANCE": "Résistance", "GENEVE": "Genève", "MACON": "Mâcon", "MARECHAL": "Maréchal", "AMEDEE": "Amédée",
    "LEON": "Léon", "JAURES": "Jaurès", "IRENE": "Irène", "LEOPOLD": "Léopold", "PAINLEVE": "Painlevé",
    "MOLIERE": "Molière", "GRENOUILLERE": "Grenouillère", "FELIX": "Félix", "FRANCOISE": "Françoise",
    "DIMES": "Dîmes", "MARCHE": "Marché", "ELYSEES": "Élysées",
}
# Abbreviations FINESS uses for lack of room, expanded only when they cannot mean anything else.
ABBREVIATIONS: dict[str, str] = {"CTRE": "centre", "SCE": "service", "PHIE": "pharmacie"}
# Generic words of establishment names, written in lower case after the first word (« Centre hospitalier »);
# any other word is taken for a proper name and keeps its capital (« Pharmacie de la Reyssouze »).
COMMON = frozenset({
    "centre", "hospitalier", "hospitaliere", "intercommunal", "public", "publique", "service", "services", "soins",
    "infirmiers", "domicile", "pharmacie", "residence", "maison", "sante", "medico", "psychologique", "psychologiques",
    "enfants", "adultes", "ado", "adolescents", "accueil", "jour", "institut", "education", "motrice", "unite",
    "specialise", "specialisee", "annexe", "ecole", "ecoles", "prevention", "clinique", "readaptation", "laboratoire",
    "hopital", "psychotherapique", "therapeutique", "temps", "partiel", "pluriprofessionnelle", "handicapes",
    "accompagnement", "aide", "aides", "acquisition", "formation", "sanitaire", "sociale", "social", "professions",
    "intervention", "metiers", "europeen", "ressources", "leses", "cerebraux", "personnes", "agees", "dependantes",
    "hebergement", "etablissement", "foyer", "medicalise", "travail", "vie", "association", "grande", "familiale",
    "rurale", "precoce", "educ", "regional", "departemental", "lycee", "famille", "familles", "centrale", "associes",
    "medical", "medicale", "medicaux", "paramedical", "dentaire", "dentaires", "cabinet", "kinesitherapie",
})
DOTTED = re.compile(r"(?<![A-Z])(?:[A-Z]\.){2,}(?:[A-Z](?![A-Za-z]))?")
SEPARATORS = re.compile(r"(\s+-\s+|\s+|-|')")


def cased(text: str, *, start: bool = True, common: bool = True, places: Mapping[str, str] | None = None) -> str:
    """A capitalised name written as a person would; `start` capitalises the first word, `common` lowers generic
    words after it (names, not street names), `places` maps folded place names to their spelling."""
    text = " ".join(text.split())
    if not text or text != text.upper():
        return text
    text = DOTTED.sub(_undot, text)
    parts = SEPARATORS.split(text)
    words = [(n, part) for n, part in enumerate(parts) if part and not SEPARATORS.fullmatch(part)]
    out = list(parts)
    done: set[int] = set()
    for index, (n, _) in enumerate(words):
        if n in done:
            continue
        if places and (span := _place(parts, words, index, places)):
            last, spelling = span
            out[n:last + 1] = [spelling] + [""] * (last - n)
            done.update(range(n, last + 1))
            continue
        following = words[index + 1][1] if index + 1 < len(words) else ""
        separator = parts[n - 1] if n else ""
        # A spaced dash starts a new part of the name: « … Hauteville - Unité Espérance ».
        first = (start and index == 0) or (separator != "-" and separator.strip() == "-")
        # Inside a hyphenated word, a part follows the case of the part before (« Bâgé-la-Ville », « enfants-ado »).
        tight = separator == "-" and index > 0 and out[words[index - 1][0]][:1].isupper()
        # After an article the words are a name: « EHPAD la Maison Fleurie ».
        # (« de l'intervention sociale »: after a preposition the article is only an article).
        named = index > 0 and fold(words[index - 1][1]) in ARTICLES and (
            index < 2 or fold(words[index - 2][1]) not in PREPOSITIONS)
        out[n] = _word(parts[n], following, first=first, common=common and not tight and not named)
    return re.sub(r"\b([Ll])ieu-[Dd]it\b", r"\1ieu-dit", _elide("".join(out)))


def _undot(match: re.Match[str]) -> str:
    """« E.H.P.A.D. » → « EHPAD »; two initials (« J.M. ») are a person's and stay."""
    letters = match[0].replace(".", "")
    return letters if len(letters) >= 3 else match[0]


def _word(word: str, following: str, *, first: bool, common: bool) -> str:
    """One word (no space, hyphen or apostrophe inside) in its written form."""
    if any(ch.isdigit() for ch in word) or word in ACRONYMS:
        return word
    if word == "A":
        return "À" if first and following in BEFORE_A_GRAVE else "à" if following in BEFORE_A_GRAVE else word
    key = fold(word)
    lower = ABBREVIATIONS.get(word) or ACCENTS.get(fold(word).upper()) or word.lower()
    if first:
        return lower[:1].upper() + lower[1:]
    if key in PARTICLES or (common and key in COMMON):
        return lower
    return lower[:1].upper() + lower[1:] if lower[:1].islower() else lower


def _elide(text: str) -> str:
    """« de l Hôpital » → « de l'Hôpital »: a lone L or D before a word is always an elided article."""
    return re.sub(r"(?<![\w'])([lLdD]) (?=[A-ZÀ-ÖØ-Þa-zà-öø-ÿ])", r"\1'", text)


def _place(parts: list[str], words: list[tuple[int, str]], index: int,
           places: Mapping[str, str]) -> tuple[int, str] | None:
    """The longest run of 1 to 6 words from `index` that names a commune, as (last part index, spelling)."""
    for size in range(min(6, len(words) - index), 0, -1):
        run = words[index:index + size]
        between = [parts[m] for m in range(run[0][0] + 1, run[-1][0]) if SEPARATORS.fullmatch(parts[m] or "x")]
        if any("-" in sep and sep.strip() != "-" for sep in between):
            continue  # a « - » between spaces separates two parts of a name, never a commune's words
        key = _place_key(" ".join(word for _, word in run))
        if key in places:
            return run[-1][0], places[key]
    return None


def _place_key(text: str) -> str:
    """« ST JEAN DE GONVILLE », « Saint-Jean-de-Gonville » → « saint jean de gonville »."""
    words = re.split(r"[\s\-']+", fold(text))
    return " ".join({"st": "saint", "ste": "sainte"}.get(word, word) for word in words if word)


@cache
def place_names(departements: tuple[str, ...]) -> dict[str, str]:
    """Folded names of the communes of these départements (two words or more) → their official spelling."""
    from site_builder.reference import load_reference

    reference = load_reference()
    names = {}
    for code in departements:
        for commune in reference.in_departement(code):
            key = _place_key(commune.nom)
            # A one-word commune only when its spelling adds accents (« TREVOUX » → « Trévoux »), never a common word.
            if " " in key or (fold(commune.nom) != commune.nom.lower() and key not in COMMON):
                names[key] = commune.nom
    return names


def choose_name(short: str, long: str) -> str:
    """The long name (`rslongue`), unless the short one (`rs`) holds a word it lacks: a proper name the long one
    dropped (« E.H.P.A.D. EDMAR LAMA » against « … DU CENTRE HOSPITALIER DE CAYENNE »). A short word counts as held
    when the long name has it, has a word it abbreviates (« B » for « BRESSE »), or has the words it is the
    initials of (« CH » for « CENTRE HOSPITALIER », « SSIAD » for « SERVICE DE SOINS INFIRMIERS A DOMICILE »)."""
    short, long = " ".join(short.split()), " ".join(long.split())
    if not long:
        return short
    if not short:
        return long
    long_words = _words(long)
    initials = ("".join(w[0] if w not in ACRONYMS else w for w in long_words),
                "".join(w[0] if w not in ACRONYMS else w for w in long_words if w.lower() not in PARTICLES))
    for word in _words(short):
        if word.lower() in PARTICLES or word in long_words:
            continue
        if any(other.startswith(word) for other in long_words) or any(word in run for run in initials):
            continue
        return short
    return long


def _words(text: str) -> list[str]:
    """Folded capital words of a name, dotted acronyms joined: « E.H.P.A.D. DE L'AIN » → EHPAD, DE, L, AIN."""
    return re.findall(r"[A-Z0-9]+", fold(DOTTED.sub(_undot, text)).upper())
