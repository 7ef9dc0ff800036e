"""Read YAML data files into plain values that remember their line, with every scalar kept as written.

PyYAML's YAML 1.1 resolution silently changes French data (`01000` → 512, `12:30` → 750, `NO` → False)
and lets a repeated key win. We compose the node tree ourselves: every scalar stays a string until the
schema asks for a number or a date, and a repeated key is an error.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from site_builder import syntax
from site_builder.errors import ErrorReport, Location

# libyaml's parser when PyYAML was built with it: the same nodes and marks, several times faster.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULL_TAG, STRING_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
NULLS = ("", "~", "null", "Null", "NULL")  # YAML 1.1's spellings of « nothing », written without quotes


class _Loader(PARSER):  # type: ignore[misc, valid-type] - one of PyYAML's two loaders
    """Tags an untagged scalar null or string, nothing else: every value stays a string (see above), and
    PyYAML's own resolution (a dozen regular expressions per scalar) was a quarter of reading 10,000 structures."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return NULL_TAG if implicit[0] and value in NULLS else STRING_TAG
        return super().resolve(kind, value, implicit)


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
    """The text of a data file (a leading byte-order mark is dropped), or None with an error."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        report.add(Location(display), "", f"le fichier n'est pas en UTF-8 (octet {error.start}).",
                   "enregistrez-le en UTF-8 depuis votre éditeur.", first=True)
    except IsADirectoryError:
        report.add(Location(display), "", "c'est un dossier, pas un fichier de données.",
                   "renommez ou déplacez ce dossier : ce nom est réservé au fichier de données.", first=True)
    except OSError as error:
        report.add(Location(display), "", f"fichier illisible ({error.strerror}).",
                   "vérifiez que le fichier existe et que vous avez le droit de le lire.", first=True)
    return None


def load_text(text: str, display: str, report: ErrorReport) -> Node:
    """Load YAML text read from `display` (line numbers are those of `text`); a file that cannot be read as a
    whole gives one error, reported first, and None."""
    try:
        root = _compose(text)
        return _convert(root, display, report, "", _Walk()) if root is not None else None
    except yaml.MarkedYAMLError as error:
        line, message = syntax.message(error, text)
        report.add(Location(display, line), "", message, syntax.HINT, first=True)
    except yaml.reader.ReaderError as error:
        line, message = syntax.control_character(error, text)
        report.add(Location(display, line), "", message, first=True)
    except _AliasFound:
        lines = sorted(set(_alias_lines(text)))
        where = ("lignes " if len(lines) > 1 else "ligne ") + ", ".join(map(str, lines[:5])) + "…" * (len(lines) > 5)
        report.add(Location(display, lines[0]), "", f"alias YAML (*nom) refusé ({where}).",
                   "recopiez la valeur à chaque endroit où elle sert : un alias peut faire grossir un fichier de "
                   "quelques lignes jusqu'à saturer la mémoire.", first=True)
    except (_TooDeep, RecursionError) as error:
        report.add(Location(display, error.args[0] if isinstance(error, _TooDeep) else 0), "",
                   "imbrication trop profonde (listes ou clés les unes dans les autres sur des dizaines de niveaux).",
                   "un fichier de données n'a besoin que de quelques niveaux d'indentation.", first=True)
    except yaml.YAMLError as error:
        report.add(Location(display), "", f"fichier YAML illisible ({error}).", first=True)
    return None


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`. On a syntax error, parse again with the pure-Python parser: its messages
    are the ones syntax.message translates into French (libyaml words them differently)."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if "nesting depth" in str(getattr(error, "problem", "")):  # libyaml's limit: Python's parser would recurse
            raise _TooDeep(mark.line + 1 if mark else 0) from None  # until the stack runs out
        if PARSER is yaml.SafeLoader:
            raise
        return yaml.compose(text, Loader=yaml.SafeLoader)


# Data files need about six levels; far deeper is a slip or an attack, and Python's stack is finite.
MAX_DEPTH = 50
# Only a "\\ud800" escape makes a lone surrogate: no file, page, terminal or calendar can hold one.
SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_MESSAGE = "caractère invalide (moitié de caractère « \\uD800 » à « \\uDFFF » seule)."
SURROGATE_HINT = "écrivez le caractère lui-même plutôt que son code « \\u… »."


class _AliasFound(Exception):
    """An alias (*name) reuses a node: the file is refused (see _alias_lines)."""


class _TooDeep(Exception):
    """Nesting beyond MAX_DEPTH."""


class _Walk:
    """What the conversion of one file has seen: an alias shows up as a node met twice."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.depth = 0


def _alias_lines(text: str) -> list[int]:
    """Lines of the aliases of `text` (read again only when one was found, so a valid file is read once)."""
    tokens = yaml.scan(text, Loader=yaml.SafeLoader)
    return [token.start_mark.line + 1 for token in tokens if isinstance(token, yaml.AliasToken)] or [0]


def _convert(node: yaml.Node, display: str, report: ErrorReport, path: str, walk: _Walk) -> Node:
    if id(node) in walk.seen:
        raise _AliasFound
    walk.seen.add(id(node))
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, display, report, path)
    walk.depth += 1
    if walk.depth > MAX_DEPTH:
        raise _TooDeep(line)
    if isinstance(node, yaml.SequenceNode):
        items = Sequence(line)
        items.extend(_convert(child, display, report, f"{path}[{i}]", walk) for i, child in enumerate(node.value, 1))
        walk.depth -= 1
        return items
    mapping = Mapping(line)
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            report.add(Location(display, key_line), path, "clé complexe (liste ou ensemble) refusée.",
                       "une clé est un simple mot suivi de « : », ex. « nom: … ».")
            continue
        key = SURROGATE.sub("\ufffd", key_node.value)
        key_path = f"{path}.{key}" if path else key
        if key != key_node.value:
            report.add(Location(display, key_line), key_path, SURROGATE_MESSAGE, SURROGATE_HINT)
            continue
        if key in mapping:
            report.add(Location(display, key_line), key_path,
                       f"clé répétée (déjà présente ligne {mapping.key_lines[key]}) : seule une valeur serait gardée.",
                       "supprimez ou renommez l'une des deux.")
            continue
        mapping[key] = _convert(value_node, display, report, key_path, walk)
        mapping.key_lines[key] = key_line
    walk.depth -= 1
    return mapping


def _scalar(node: yaml.ScalarNode, display: str, report: ErrorReport, path: str) -> Scalar | None:
    line = node.start_mark.line + 1
    if node.tag == NULL_TAG and node.value in NULLS:
        return None
    value = node.value
    if SURROGATE.search(value):
        report.add(Location(display, line), path, SURROGATE_MESSAGE, SURROGATE_HINT)
        value = SURROGATE.sub("\ufffd", value)
    return Scalar(value, line, quoted=node.style in ("'", '"'))


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)


def load_markdown(path: Path, display: str, report: ErrorReport) -> Node:
    """A Markdown file with YAML front matter: the front matter's mapping, plus its body under `corps`."""
    text = _read(path, display, report)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        report.add(Location(display, 1), "", "en-tête manquant : le fichier doit commencer par une ligne « --- », "
                   "les champs (numero, titre, date…), puis une autre ligne « --- ».", first=True)
        return None
    # A blank first line stands for the opening « --- », so YAML line numbers are the file's.
    root = load_text("\n" + match.group(1), display, report)
    if not isinstance(root, Mapping):
        return root
    body_line = text.count("\n", 0, match.end()) + 1
    root["corps"] = Scalar(text[match.end():], body_line)
    root.key_lines["corps"] = body_line
    return root
