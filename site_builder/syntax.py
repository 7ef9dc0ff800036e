"""YAML syntax errors worded in French, each with the line where the coordinator should look.

PyYAML words its errors in English for programmers (`expected ',' or ']', but got '<stream end>'`). A
coordinator gets the same problem in French first; the parser's words follow in parentheses, so a helper
searching the web for them still can.
"""

from __future__ import annotations

import re

import yaml

HINT = ("vérifiez l'indentation (espaces, pas de tabulation) et les deux-points après chaque clé ; "
        "mettez entre guillemets un texte qui contient « : » ou commence par un caractère spécial.")

# (start of PyYAML's problem, French wording, whether to point at where the construct began).
# Unclosed quotes and brackets are noticed lines later: the line that opened them is the one to fix.
PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    ("found character '\\t' that cannot start any token", "tabulation interdite en YAML", False),
    ("found a tab character", "tabulation interdite en YAML", False),
    ("mapping values are not allowed here", "deux-points inattendu (texte contenant « : » sans guillemets, "
     "ou clé plus indentée que la précédente ?)", False),
    ("could not find expected ':'", "deux-points manquant après une clé", False),
    ("found undefined alias", "alias (*nom) inconnu", False),
    ("found duplicate anchor", "ancre (&nom) déclarée deux fois", False),
    ("expected <block end>, but found '-'", "élément de liste mal indenté", False),
    ("expected <block end>, but found '?'", "clé mal indentée, ou liste et clés mélangées au même niveau", False),
    ("expected <block end>, but found '<block mapping start>'", "clé mal indentée", False),
    ("expected <block end>, but found '<block sequence start>'", "liste mal indentée", False),
    ("expected <block end>, but found '<scalar>'", "texte inattendu après une valeur : texte mal indenté, ou "
     "apostrophe à l'intérieur d'un texte entre apostrophes (écrivez 'l''exemple' ou \"l'exemple\")", False),
    ("found unexpected end of stream", "guillemet ouvert jamais refermé", True),
    ("expected ',' or ']'", "liste entre crochets « [ » jamais refermée, ou virgule manquante entre deux "
     "éléments", True),
    ("expected ',' or '}'", "ensemble entre accolades « { » jamais refermé, ou virgule manquante entre deux "
     "éléments", True),
    ("found unknown escape character", "barre oblique inverse « \\ » suivie d'un caractère inconnu dans un texte "
     "entre guillemets doubles (doublez-la, « \\\\ », ou utilisez des apostrophes)", False),
    ("expected alphabetic or numeric character", "nom manquant après « & » ou « * » (mettez le texte entre "
     "guillemets)", False),
    ("expected the node content", "valeur attendue à cet endroit (mettez le texte entre guillemets s'il commence "
     "par un caractère spécial)", False),
    ("but found another document", "une ligne « --- » coupe le fichier en deux documents ; un fichier de données "
     "n'en contient qu'un", False),
    ("sequence entries are not allowed here", "tiret de liste inattendu (mettez le texte entre guillemets, ou "
     "passez à la ligne avant le tiret)", False),
    ("expected a comment or a line break", "texte inattendu après « | » ou « > » (le texte commence à la ligne "
     "suivante)", False),
    ("found incompatible YAML document", "version de YAML non prise en charge (supprimez la ligne « %YAML »)",
     False),
)
STARTS_TOKEN = re.compile(r"found character '(.+)' that cannot start any token")


def message(error: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """The 1-based line to point at and the French message for a YAML syntax error in `text`."""
    problem = (error.problem or "").strip()
    english = " ".join(part for part in (error.context, problem) if part)
    line = _line(error.problem_mark or error.context_mark)
    quoted = _quote_opened_before(text, line)
    if quoted:  # `nom: 'Maison` closed by the apostrophe of `l'Exemple` lines below: the slip is where it opened
        return quoted, (f"erreur de syntaxe YAML : guillemet ou apostrophe ouvert ligne {quoted} et refermé "
                        f"seulement ligne {line} (original : « {english} »).")
    for words, french, at_start in PROBLEMS:
        if words in english:
            if at_start and error.context_mark:
                start = _line(error.context_mark)
                french += f" (ouvert ligne {start}, remarqué ligne {line})" if start != line else ""
                line = start
            return line, f"erreur de syntaxe YAML : {french} (original : « {english} »)."
    token = STARTS_TOKEN.search(problem)
    if token:
        return line, (f"erreur de syntaxe YAML : une valeur ne peut pas commencer par « {token.group(1)} » "
                      f"(mettez le texte entre guillemets) (original : « {english} »).")
    return line, f"erreur de syntaxe YAML à cet endroit (original : « {english or error} »)."


def control_character(error: yaml.reader.ReaderError, text: str) -> tuple[int, str]:
    """A NUL, BEL or other control character the YAML reader refuses, with its line and column."""
    line = text.count("\n", 0, error.position) + 1
    column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    return line, (f"caractère de contrôle invisible interdit (U+{code:04X}) colonne {column} : il vient "
                  "souvent d'un copier-coller ; retapez ce passage.")


def _quote_opened_before(text: str, line: int) -> int:
    """The line where a quoted text ending on `line` began, when it spans several lines (else 0)."""
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 >= line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ("'", '"')
                    and token.end_mark.line + 1 == line and token.start_mark.line + 1 < line):
                return token.start_mark.line + 1
    except yaml.YAMLError:
        pass  # the scanner stops at the error too: every token before it has been seen
    return 0


def _line(mark: yaml.Mark | None) -> int:
    return mark.line + 1 if mark else 0
