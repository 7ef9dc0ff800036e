"""Controlled lists of the repertoire, with the French labels a visitor reads.

Keys follow the data·inclusion spirit (lowercase, hyphens); `SCHEMA_TYPES` maps a typologie to the
schema.org type used in the fiche's JSON-LD.
"""

from __future__ import annotations

TYPOLOGIES: dict[str, str] = {
    "msp": "Maison de santé pluriprofessionnelle",
    "centre-sante": "Centre de santé",
    "hopital": "Centre hospitalier",
    "cpts": "Communauté professionnelle territoriale de santé",
    "dac": "Dispositif d'appui à la coordination",
    "clic": "Centre local d'information et de coordination (CLIC)",
    "pmi": "Protection maternelle et infantile (PMI)",
    "cmp": "Centre médico-psychologique (CMP)",
    "cmpp": "Centre médico-psycho-pédagogique (CMPP)",
    "pharmacie": "Pharmacie",
    "laboratoire": "Laboratoire d'analyses médicales",
    "mission-locale": "Mission locale",
    "ccas": "Centre communal d'action sociale (CCAS)",
    "france-services": "France services",
    "cpam": "Accueil de l'Assurance maladie",
    "caf": "Accueil de la CAF",
    "ehpad": "EHPAD",
    "residence-autonomie": "Résidence autonomie",
    "marpa": "MARPA",
    "ssiad": "Service de soins infirmiers à domicile (SSIAD)",
    "saad": "Service d'aide à domicile (SAAD)",
    "accueil-jour": "Accueil de jour",
    "maison-sport-sante": "Maison sport-santé",
}

TYPOLOGY_GROUPS: dict[str, tuple[str, ...]] = {
    "Soins de proximité": ("msp", "centre-sante", "pharmacie", "laboratoire"),
    "Hôpitaux et santé mentale": ("hopital", "cmp", "cmpp"),
    "Enfance et famille": ("pmi",),
    "Coordination des soins": ("cpts", "dac", "clic"),
    "Personnes âgées": ("ehpad", "residence-autonomie", "marpa", "ssiad", "saad", "accueil-jour"),
    "Accès aux droits et insertion": ("france-services", "ccas", "cpam", "caf", "mission-locale"),
    "Prévention et sport-santé": ("maison-sport-sante",),
}

SCHEMA_TYPES: dict[str, str] = {
    "msp": "MedicalClinic", "centre-sante": "MedicalClinic", "hopital": "Hospital", "cmp": "MedicalClinic",
    "cmpp": "MedicalClinic", "pmi": "MedicalClinic", "pharmacie": "Pharmacy", "laboratoire": "DiagnosticLab",
    "ehpad": "NursingHome", "residence-autonomie": "Residence", "marpa": "Residence",
    "france-services": "GovernmentOffice", "ccas": "GovernmentOffice", "cpam": "GovernmentOffice",
    "caf": "GovernmentOffice", "mission-locale": "GovernmentOffice",
}

PROFESSIONS: dict[str, str] = {
    "medecin-generaliste": "Médecins généralistes",
    "infirmier": "Infirmiers",
    "masseur-kinesitherapeute": "Masseurs-kinésithérapeutes",
    "sage-femme": "Sages-femmes",
    "dentiste": "Chirurgiens-dentistes",
    "pharmacien": "Pharmaciens",
    "orthophoniste": "Orthophonistes",
    "podologue": "Pédicures-podologues",
    "psychologue": "Psychologues",
    "dieteticien": "Diététiciens",
    "psychiatre": "Psychiatres",
    "pediatre": "Pédiatres",
    "medecin-specialiste": "Médecins spécialistes",
    "assistant-social": "Assistants de service social",
    "educateur": "Éducateurs",
    "aide-soignant": "Aides-soignants",
    "ergotherapeute": "Ergothérapeutes",
    "psychomotricien": "Psychomotriciens",
}

PUBLICS: dict[str, str] = {
    "tous-publics": "Tous publics",
    "enfants": "Enfants",
    "jeunes": "Jeunes de 16 à 25 ans",
    "familles": "Familles",
    "femmes": "Femmes",
    "personnes-agees": "Personnes âgées",
    "aidants": "Proches aidants",
    "personnes-handicap": "Personnes en situation de handicap",
    "personnes-precaires": "Personnes en situation de précarité",
    "professionnels": "Professionnels",
}

THEMATIQUES: dict[str, str] = {
    "soins-premiers-recours": "Soins du quotidien",
    "urgences": "Urgences",
    "hospitalisation": "Hospitalisation",
    "sante-mentale": "Santé mentale",
    "prevention": "Prévention",
    "depistage": "Dépistage",
    "perinatalite": "Grossesse et naissance",
    "petite-enfance": "Petite enfance",
    "addictions": "Addictions",
    "maintien-domicile": "Maintien à domicile",
    "hebergement-personnes-agees": "Hébergement des personnes âgées",
    "handicap": "Handicap",
    "acces-droits": "Accès aux droits",
    "insertion": "Insertion",
    "coordination-parcours": "Coordination des parcours",
    "medicaments": "Médicaments",
    "analyses": "Analyses médicales",
    "sport-sante": "Sport-santé",
    "violences": "Violences",
}
