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
    "hebergement-temporaire": "Hébergement temporaire",
    "plateforme-repit": "Plateforme d'accompagnement et de répit",
    "residence-services": "Résidence services seniors",
    "habitat-inclusif": "Habitat inclusif",
    "accueil-familial": "Accueil familial",
    "usld": "Unité de soins de longue durée (USLD)",
    "maison-sport-sante": "Maison sport-santé",
    # Mental health, follow-up care and dialysis, as FINESS names them (categories 292, 425, 109, 146).
    "hopital-psychiatrique": "Hôpital psychiatrique",
    "cattp": "Centre d'accueil thérapeutique à temps partiel (CATTP)",
    "smr": "Soins médicaux et de réadaptation (SMR, ex-SSR)",
    "dialyse": "Centre de dialyse",
    # The disability sector (médico-social): children's services first, then adults'.
    "sessad": "Service d'éducation spéciale et de soins à domicile (SESSAD)",
    "ime": "Institut médico-éducatif (IME)",
    "itep": "Institut thérapeutique, éducatif et pédagogique (ITEP, DITEP)",
    "eeap": "Établissement pour enfants et adolescents polyhandicapés (EEAP)",
    "iem": "Institut d'éducation motrice (IEM)",
    "esat": "Établissement et service d'accompagnement par le travail (ESAT)",
    "mas": "Maison d'accueil spécialisée (MAS)",
    "fam": "Foyer d'accueil médicalisé (FAM, EAM)",
    "foyer-vie": "Foyer de vie, foyer d'hébergement pour adultes handicapés",
    "samsah": "Service d'accompagnement médico-social pour adultes handicapés (SAMSAH)",
    "savs": "Service d'accompagnement à la vie sociale (SAVS)",
    "mdph": "Maison départementale des personnes handicapées (MDPH)",
    # The Département's social-action offices (Annuaire de l'administration: mds, cdas, edas, sdsei).
    "maison-solidarites": "Maison départementale des solidarités",
    # Where health professionals of the Annuaire Santé practise (site_builder/importers/practices.py).
    "cabinet": "Cabinet de professionnels de santé",
    # Care out of hours: the permanence des soins and the emergency departments.
    "urgences": "Urgences hospitalières",
    "maison-medicale-garde": "Maison médicale de garde",
    "sos-medecins": "SOS Médecins",
}

# The words people type when they look for a kind of structure, which its name may not contain
# (« médecin » for a maison de santé): indexed with each structure, never shown.
TYPOLOGY_SEARCH_WORDS: dict[str, str] = {
    "msp": "médecin médecins généraliste docteur infirmier infirmière kinésithérapeute kiné sage-femme "
           "consultation soins",
    "centre-sante": "médecin médecins généraliste docteur infirmier consultation dentiste soins kiné",
    "hopital": "hôpital urgences consultation spécialiste hospitalisation maternité radiologie",
    "cpts": "médecin traitant soins non programmés coordination professionnels de santé",
    "dac": "parcours complexe coordination appui professionnels",
    "clic": "personnes âgées aide information autonomie",
    "pmi": "enfant bébé nourrisson vaccination grossesse maternité puéricultrice pédiatre pédiatrie",
    "cmp": "psychologue psychiatre santé mentale dépression psy psychiatrie",
    "cmpp": "enfant psychologue orthophoniste psychomotricien santé mentale psy pédopsychiatre",
    "pharmacie": "médicaments ordonnance pharmacien garde",
    "laboratoire": "prise de sang analyses biologie",
    "mission-locale": "jeunes emploi formation insertion",
    "ccas": "aide sociale action sociale",
    "france-services": "démarches administratives droits",
    "cpam": "sécurité sociale carte vitale remboursement assurance maladie",
    "caf": "allocations familiales prestations",
    "ehpad": "maison de retraite personnes âgées dépendantes hébergement",
    "residence-autonomie": "logement personnes âgées foyer-logement",
    "marpa": "logement personnes âgées rural",
    "ssiad": "infirmier soins à domicile",
    "saad": "aide à domicile aide-ménagère auxiliaire de vie",
    "accueil-jour": "Alzheimer aidant répit personnes âgées",
    "hebergement-temporaire": "séjour court répit aidant",
    "plateforme-repit": "aidants répit soutien",
    "residence-services": "logement seniors",
    "habitat-inclusif": "logement partagé handicap personnes âgées",
    "accueil-familial": "famille d'accueil personnes âgées handicap",
    "usld": "soins de longue durée personnes âgées dépendantes hôpital",
    "maison-sport-sante": "activité physique sport sur ordonnance",
    "hopital-psychiatrique": "psychiatrie psychiatre santé mentale hospitalisation CHS EPSM psy",
    "cattp": "psychiatrie santé mentale activités thérapeutiques psy psychiatre psychologue",
    "smr": "SSR rééducation réadaptation convalescence kinésithérapie après hospitalisation kiné",
    "dialyse": "insuffisance rénale rein hémodialyse néphrologie",
    "sessad": "handicap enfant accompagnement école soins à domicile",
    "ime": "handicap enfant déficience intellectuelle autisme éducation",
    "itep": "handicap enfant troubles du comportement éducation",
    "eeap": "polyhandicap enfant handicap",
    "iem": "handicap moteur enfant",
    "esat": "handicap travail emploi adulte CAT",
    "mas": "handicap adulte hébergement dépendance",
    "fam": "handicap adulte hébergement médicalisé",
    "foyer-vie": "handicap adulte hébergement foyer",
    "samsah": "handicap adulte accompagnement soins à domicile",
    "savs": "handicap adulte accompagnement vie sociale domicile",
    "mdph": "handicap AAH allocation reconnaissance RQTH carte mobilité inclusion PCH",
    "maison-solidarites": "action sociale Département assistante sociale RSA APA aide sociale enfance",
    "cabinet": "cabinet médical consultation rendez-vous professionnel de santé libéral",
    "urgences": "urgence urgences hôpital blessure accident malaise nuit week-end",
    "maison-medicale-garde": "médecin de garde garde soir nuit week-end dimanche jour férié 116 117 généraliste",
    "sos-medecins": "médecin de garde visite à domicile soir nuit week-end dimanche urgence",
}

TYPOLOGY_GROUPS: dict[str, tuple[str, ...]] = {
    "Garde et urgences": ("urgences", "maison-medicale-garde", "sos-medecins"),
    "Soins de proximité": ("msp", "centre-sante", "pharmacie", "laboratoire"),
    # Practices of the Annuaire Santé: many pins, their own family on the map.
    "Professionnels de santé": ("cabinet",),
    "Hôpitaux et santé mentale": ("hopital", "hopital-psychiatrique", "smr", "dialyse", "cmp", "cattp", "cmpp"),
    "Enfance et famille": ("pmi",),
    "Coordination des soins": ("cpts", "dac", "clic"),
    "Personnes âgées": ("ssiad", "saad", "accueil-jour", "hebergement-temporaire", "plateforme-repit",
                        "residence-autonomie", "marpa", "residence-services", "habitat-inclusif", "accueil-familial",
                        "ehpad", "usld"),
    "Handicap": ("sessad", "ime", "itep", "eeap", "iem", "esat", "mas", "fam", "foyer-vie", "samsah", "savs", "mdph"),
    "Accès aux droits et insertion": ("france-services", "ccas", "maison-solidarites", "cpam", "caf",
                                      "mission-locale"),
    "Prévention et sport-santé": ("maison-sport-sante",),
}

SCHEMA_TYPES: dict[str, str] = {
    "msp": "MedicalClinic", "centre-sante": "MedicalClinic", "hopital": "Hospital", "cmp": "MedicalClinic",
    "cmpp": "MedicalClinic", "pmi": "MedicalClinic", "pharmacie": "Pharmacy", "laboratoire": "DiagnosticLab",
    "ehpad": "NursingHome", "usld": "NursingHome", "residence-autonomie": "Residence", "marpa": "Residence",
    "residence-services": "Residence",
    "france-services": "GovernmentOffice", "ccas": "GovernmentOffice", "cpam": "GovernmentOffice",
    "caf": "GovernmentOffice", "mission-locale": "GovernmentOffice", "mdph": "GovernmentOffice",
    "maison-solidarites": "GovernmentOffice",
    "hopital-psychiatrique": "Hospital", "smr": "Hospital", "urgences": "EmergencyService",
    "maison-medicale-garde": "MedicalClinic", "sos-medecins": "MedicalClinic", "dialyse": "MedicalClinic",
    "cattp": "MedicalClinic", "cabinet": "MedicalClinic",
}

# Places where people live: open day and night for their residents, never « ouvert maintenant » for someone who
# needs care now; their hours are those of visits and of the reception desk.
LIVING_PLACES: tuple[str, ...] = ("ehpad", "usld", "marpa", "residence-autonomie", "residence-services",
                                  "hebergement-temporaire", "accueil-familial", "habitat-inclusif", "mas", "fam",
                                  "foyer-vie")

# Whom a kind of structure serves when its record says nothing (the disability sector splits by age).
TYPOLOGY_PUBLICS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("sessad", "ime", "itep", "eeap", "iem", "cmpp", "pmi"), ("enfants",)),
    **dict.fromkeys(("esat", "mas", "fam", "foyer-vie", "samsah", "savs"), ("adultes",)),
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
    "orthoptiste": "Orthoptistes",
}

# How a professional practises at a place (`Code mode exercice` of the Annuaire Santé: L, S, B).
PRACTICE_MODES: dict[str, str] = {"liberal": "libéral", "salarie": "salarié", "benevole": "bénévole"}

# Whether a professional takes new patients, as the coordinator last heard it (`nouveaux_patients`): no register
# says it, so the fiche always shows the date of the information.
NEW_PATIENTS: dict[str, str] = {"oui": "Accepte de nouveaux patients",
                                "non": "N'accepte pas de nouveaux patients",
                                "liste-attente": "Nouveaux patients sur liste d'attente"}

# Languages a professional speaks besides French (`langues`), by their French names as a resident reads them.
LANGUAGES: tuple[str, ...] = (
    "allemand", "anglais", "arabe", "arménien", "berbère", "bulgare", "chinois", "créole", "espagnol", "grec",
    "hébreu", "hindi", "italien", "japonais", "kurde", "langue des signes française", "lingala", "néerlandais",
    "ourdou", "persan", "polonais", "portugais", "roumain", "russe", "serbe", "tamoul", "tchèque", "turc",
    "ukrainien", "vietnamien", "wolof",
)

# One professional of each profession, as a fiche names them (« Dr Anne Fictif, médecin généraliste »).
PROFESSION_ONE: dict[str, str] = {
    "medecin-generaliste": "médecin généraliste", "infirmier": "infirmier",
    "masseur-kinesitherapeute": "masseur-kinésithérapeute", "sage-femme": "sage-femme",
    "dentiste": "chirurgien-dentiste", "pharmacien": "pharmacien", "orthophoniste": "orthophoniste",
    "podologue": "pédicure-podologue", "psychologue": "psychologue", "dieteticien": "diététicien",
    "psychiatre": "psychiatre", "pediatre": "pédiatre", "medecin-specialiste": "médecin spécialiste",
    "assistant-social": "assistant de service social", "educateur": "éducateur", "aide-soignant": "aide-soignant",
    "ergotherapeute": "ergothérapeute", "psychomotricien": "psychomotricien", "orthoptiste": "orthoptiste",
}

# The words people type for a profession that its label does not say (« kiné », « infirmière »):
# indexed with every fiche that lists such a professional, never shown.
PROFESSION_SEARCH_WORDS: dict[str, str] = {
    "medecin-generaliste": "médecin généraliste docteur médecin traitant médecine générale",
    "infirmier": "infirmier infirmière infirmiers infirmières soins infirmiers piqûre pansement",
    "masseur-kinesitherapeute": "kiné kinés kinésithérapeute kinésithérapie rééducation masseur",
    "sage-femme": "sage-femme sages-femmes grossesse accouchement suivi gynécologique",
    "dentiste": "dentiste dentistes chirurgien-dentiste dents soins dentaires",
    "pharmacien": "pharmacien pharmacie médicaments",
    "orthophoniste": "orthophoniste orthophonie langage parole",
    "podologue": "podologue pédicure pieds semelles",
    "psychologue": "psychologue psy écoute thérapie",
    "orthoptiste": "orthoptiste vue yeux rééducation visuelle",
    "psychiatre": "psychiatre psychiatrie santé mentale",
    "pediatre": "pédiatre pédiatrie enfant bébé",
}

PUBLICS: dict[str, str] = {
    "tous-publics": "Tous publics",
    "enfants": "Enfants",
    "jeunes": "Jeunes de 16 à 25 ans",
    "adultes": "Adultes",
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

# The senior housing guide (fiche 2-3-1): its three families of solutions, from home to nursing home.
SENIOR_FAMILIES: dict[str, tuple[str, ...]] = {
    "Rester chez soi": ("ssiad", "saad", "accueil-jour", "hebergement-temporaire", "plateforme-repit"),
    "Vivre dans un logement adapté": ("residence-autonomie", "marpa", "residence-services", "habitat-inclusif",
                                      "accueil-familial"),
    "Être accueilli dans un établissement médicalisé": ("ehpad", "usld"),
}
SENIOR_KINDS: tuple[str, ...] = tuple(key for keys in SENIOR_FAMILIES.values() for key in keys)

SENIOR_STATUSES: dict[str, str] = {
    "public": "Public",
    "prive-non-lucratif": "Privé non lucratif (associatif, mutualiste)",
    "prive-commercial": "Privé commercial",
}
# Shown when no source gave the status (`statut` is optional: the CNSA price file has none).
STATUS_UNKNOWN = "Non précisé"

SOCIAL_AID: dict[str, str] = {
    "totale": "Oui, pour toutes les places",
    "partielle": "Oui, pour une partie des places",
    # CNSA's directory only says yes or no: « oui » does not claim all the places (see importers/cnsa.py).
    "oui": "Oui (pour tout ou partie des places)",
    "non": "Non",
}

ALZHEIMER_UNITS: dict[str, str] = {
    "uvp": "Unité de vie protégée (UVP)",
    "pasa": "Pôle d'activités et de soins adaptés (PASA)",
    "uhr": "Unité d'hébergement renforcée (UHR)",
}

# Which capacities and prices make sense for which kind: anything else is a data error.
SENIOR_CAPACITIES: dict[str, tuple[str, ...]] = {
    "places_permanentes": ("ssiad", "residence-autonomie", "marpa", "residence-services", "habitat-inclusif",
                           "accueil-familial", "ehpad", "usld"),
    "places_temporaires": ("hebergement-temporaire", "residence-autonomie", "marpa", "accueil-familial", "ehpad"),
    "places_accueil_jour": ("accueil-jour", "plateforme-repit", "ehpad"),
    "prix_journalier": ("hebergement-temporaire", "residence-autonomie", "marpa", "residence-services",
                        "habitat-inclusif", "accueil-familial", "ehpad", "usld", "accueil-jour"),
    "tarif_dependance_gir56": ("ehpad", "usld"),
    "alzheimer": ("ehpad", "usld", "accueil-jour"),
    "tarif_dependance_gir12": ("ehpad", "usld"),
    "tarif_dependance_gir34": ("ehpad", "usld"),
    "prix_mensuel": ("residence-autonomie", "marpa", "residence-services", "habitat-inclusif", "accueil-familial"),
    "tarif_horaire": ("saad",),
    "zone_intervention": ("ssiad", "saad"),
    "transport": ("accueil-jour", "plateforme-repit", "ehpad"),
    "duree_max_jours": ("hebergement-temporaire", "residence-autonomie", "marpa", "accueil-familial", "ehpad"),
    # An hébergement temporaire's own daily price is `prix_journalier`; this one is the temporary stay of a place
    # that also hosts permanently.
    "prix_journalier_temporaire": ("residence-autonomie", "marpa", "accueil-familial", "ehpad"),
}

# What each solution is, in words a family understands (« Facile à lire et à comprendre » spirit).
SENIOR_KIND_TEXTS: dict[str, str] = {
    "ssiad": "Des aides-soignants et des infirmiers viennent chez vous pour la toilette et les soins, sur "
             "prescription du médecin. Les soins sont payés par l'Assurance maladie.",
    "saad": "Une aide à domicile vient chez vous pour le ménage, les courses, les repas ou l'aide à la toilette. "
            "L'allocation personnalisée d'autonomie (APA) peut en payer une partie.",
    "accueil-jour": "Une ou plusieurs journées par semaine, la personne malade (par exemple de la maladie "
                    "d'Alzheimer) est accueillie dans un lieu adapté ; elle rentre chez elle le soir. Son proche "
                    "aidant peut souffler.",
    "hebergement-temporaire": "Un séjour de quelques jours à quelques semaines dans un établissement : pendant "
                              "les vacances de l'aidant, après une hospitalisation, ou pour essayer avant de "
                              "choisir.",
    "plateforme-repit": "Un service pour les proches aidants : écoute, conseils, formations, temps de répit et "
                        "sorties avec la personne aidée.",
    "residence-autonomie": "Un petit appartement dans une résidence avec des services (repas, animations, "
                           "veille de nuit). Pour les personnes encore autonomes. Souvent géré par une commune "
                           "ou un CCAS.",
    "marpa": "Une petite résidence à la campagne (moins de 25 logements) pour rester près de chez soi, avec des "
             "services et de la vie en commun. Pour les personnes encore autonomes.",
    "residence-services": "Un appartement loué dans une résidence privée, avec des services à la carte "
                          "(restaurant, animations, gardien). Plus cher, sans aide sociale.",
    "habitat-inclusif": "Un logement partagé par quelques personnes âgées ou handicapées, avec un projet de vie "
                        "commun et un animateur. Chacun a son chez-soi.",
    "accueil-familial": "Vivre chez un accueillant familial agréé par le Département, qui vous héberge et vous "
                        "accompagne au quotidien, à son domicile.",
    "ehpad": "Un établissement pour les personnes qui ne peuvent plus vivre seules : chambre, repas, soins et "
             "présence jour et nuit. Certains ont une unité pour les personnes atteintes de la maladie "
             "d'Alzheimer.",
    "usld": "Une unité d'un hôpital pour les personnes très dépendantes qui ont besoin de soins médicaux "
            "constants.",
}

# The national sources an importer writes (`source:` of a structure), as the fiche's « source » line names them.
SOURCE_NAMES: dict[str, str] = {
    "finess": "FINESS", "cnsa": "CNSA (pour-les-personnes-agees.gouv.fr)",
    "annuaire": "Annuaire de l'administration (Service-Public.fr)", "annuaire-sante": "Annuaire Santé (ANS)",
    "data-inclusion": "data·inclusion",
}

EVENT_STATUSES: dict[str, str] = {"prevu": "Prévu", "annule": "Annulé", "reporte": "Reporté"}

# The four statuses of the ARS mid-term reviews, in the order of progress.
ACTION_STATUSES: dict[str, str] = {
    "realisee": "Réalisée",
    "en-cours": "En cours",
    "non-demarree": "Non démarrée",
    "a-venir": "Début prévu plus tard",
}
ACTION_STATUS_LONG: dict[str, str] = {"a-venir": "Date prévisionnelle de début non échue"}

# National numbers a resident may need at any hour: (number, who answers, when to call). Free unless said.
URGENT_NUMBERS: tuple[tuple[str, str, str], ...] = (
    ("15", "Samu", "urgence médicale : malaise, douleur dans la poitrine, difficulté à respirer, accident."),
    ("112", "Urgences européennes", "toute urgence, depuis n'importe quel téléphone, même en France."),
    ("116 117", "Médecin de garde", "le soir, la nuit, le week-end et les jours fériés, quand votre médecin "
     "est fermé et que ce n'est pas une urgence vitale."),
    ("3237", "Pharmacie de garde", "la nuit, le dimanche et les jours fériés (service payant, 0,35 € la minute)."),
    ("3114", "Prévention du suicide", "idées suicidaires, pour vous ou un proche : jour et nuit, gratuit."),
    ("119", "Enfance en danger", "un enfant en danger ou en risque de l'être : jour et nuit, gratuit, anonyme."),
    ("3919", "Violences femmes info", "violences conjugales, sexuelles ou sexistes : jour et nuit, gratuit, anonyme."),
)
