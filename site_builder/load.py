"""Read YAML data files into plain values that remember their line, with every scalar kept as written.

PyYAML's YAML 1.1 resolution silently changes French data (`01000` → 512, `12:30` → 750, `NO` → False)
and lets a repeated key win. We compose the node tree ourselves: every scalar stays a string until the
schema asks for a number or a date, and a repeated key is an error.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_builder.errors import ErrorReport, Location

# libyaml's parser when PyYAML was built with it: the same nodes and marks, several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Scalar(str):
    """A string from a data file, with the line it was written on."""

    line: int
    quoted: bool

    def __new__(cls, value: str, line: int = 0, quoted: bool = False) -> Scalar:
        obj = super().__new__(cls, value)
        obj.line = line
        obj.quoted = quoted
        return obj


class Mapping(dict):
    """A YAML mapping; `key_lines` gives the line of each key."""

    line: int = 0

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class Sequence(list):
    """A YAML sequence with its starting line."""

    line: int = 0

    def __init__(self, line: int = 0) -> None:
        super().__init__()
        self.line = line


Node = Scalar | Mapping | Sequence | None


def line_of(value: object, default: int = 0) -> int:
    """Line of a loaded value, or `default` when the value carries none."""
    return getattr(value, "line", default) or default


def load_file(path: Path, display: str, report: ErrorReport) -> Node:
    """Load one YAML file; syntax errors and repeated keys go to the report."""
    text = _read(path, display, report)
    return None if text is None else load_text(text, display, report)


def _read(path: Path, display: str, report: ErrorReport) -> str | None:
    """The text of a data file, or None with an error when it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        report.add(Location(display), "", f"le fichier n'est pas en UTF-8 (octet {error.start}).",
                   "enregistrez-le en UTF-8 depuis votre éditeur.")
        return None


def load_text(text: str, display: str, report: ErrorReport) -> Node:
    """Load YAML text read from `display` (line numbers are those of `text`)."""
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        report.add(_mark_location(display, error), "", _syntax_message(error),
                   "vérifiez l'indentation (espaces, pas de tabulation) et les deux-points après chaque clé ; "
                   "mettez entre guillemets un texte qui contient « : » ou commence par un caractère spécial.")
        return None
    except yaml.YAMLError as error:
        report.add(Location(display), "", f"YAML illisible : {error}")
        return None
    return _convert(root, display, report, "") if root is not None else None


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`. On a syntax error, parse again with the pure-Python parser: its messages
    are the ones _syntax_message translates into French (libyaml words them differently)."""
    try:
        return yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        if LOADER is yaml.SafeLoader:
            raise
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _convert(node: yaml.Node, display: str, report: ErrorReport, path: str) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return Scalar(node.value, line, quoted=node.style in ("'", '"'))
    if isinstance(node, yaml.SequenceNode):
        items = Sequence(line)
        items.extend(_convert(child, display, report, f"{path}[{i}]") for i, child in enumerate(node.value, 1))
        return items
    mapping = Mapping(line)
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_line = key_node.start_mark.line + 1
        key_path = f"{path}.{key}" if path else key
        if key in mapping:
            report.add(Location(display, key_line), key_path,
                       f"clé répétée (déjà présente ligne {mapping.key_lines[key]}) : seule une valeur serait gardée.",
                       "supprimez ou renommez l'une des deux.")
            continue
        mapping[key] = _convert(value_node, display, report, key_path)
        mapping.key_lines[key] = key_line
    return mapping


def _mark_location(display: str, error: yaml.MarkedYAMLError) -> Location:
    mark = error.problem_mark or error.context_mark
    return Location(display, mark.line + 1 if mark else 0)


def _syntax_message(error: yaml.MarkedYAMLError) -> str:
    """Translate PyYAML's most common problems; keep the original words for the rest."""
    problem = (error.problem or "").strip()
    known = {
        "found character '\\t' that cannot start any token": "tabulation interdite en YAML",
        "mapping values are not allowed here": "deux-points inattendu (texte contenant « : » sans guillemets ?)",
        "could not find expected ':'": "deux-points manquant après une clé",
        "found undefined alias": "alias (*nom) inconnu",
        "expected <block end>, but found '-'": "élément de liste mal indenté",
        "expected <block end>, but found '<block mapping start>'": "clé mal indentée",
        "expected <block end>, but found '<scalar>'": "texte mal indenté",
        "found unexpected end of stream": "guillemet ouvert jamais refermé",
    }
    for english, french in known.items():
        if problem.startswith(english):
            return f"erreur de syntaxe YAML : {french}."
    return f"erreur de syntaxe YAML : {problem or error}."


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def load_markdown(path: Path, display: str, report: ErrorReport) -> Node:
    """A Markdown file with YAML front matter: the front matter's mapping, plus its body under `corps`."""
    text = _read(path, display, report)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        report.add(Location(display, 1), "", "en-tête manquant : le fichier doit commencer par une ligne « --- », "
                   "les champs (numero, titre, date…), puis une autre ligne « --- ».")
        return None
    # A blank first line stands for the opening « --- », so YAML line numbers are the file's.
    root = load_text("\n" + match.group(1), display, report)
    if not isinstance(root, Mapping):
        return root
    body_line = text.count("\n", 0, match.end()) + 1
    root["corps"] = Scalar(text[match.end():], body_line)
    root.key_lines["corps"] = body_line
    return root
