"""One cell, both ways: the text written for a YAML value, and the value read back from what a person typed.

A list of texts is one item per line (one per paragraph when an item has several lines), a list of ids is
comma-separated (the site's CSV joins with « | », also accepted). Cells are compared to the YAML after
normalisation (`canonical`), so a value that did not change keeps its original YAML form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from site_builder.vocabularies import ACTION_STATUSES
from site_builder.yaml_files import written

ITEM_SPLIT = re.compile(r" \| ")  # how the site's CSV joins the items of a list
PARAGRAPH_SPLIT = re.compile(r"\r?\n[ \t]*\r?\n")
ID_SPLIT = re.compile(r"[,;|\n]")
STATUS_BY_LABEL = {label.casefold(): key for key, label in ACTION_STATUSES.items()}


def cell_text(value: Any, kind: str) -> str | int | float:
    """The cell written for a YAML value."""
    if value is None:
        return ""
    if kind in ("int", "number") and isinstance(value, int | float) and not isinstance(value, bool):
        return value if written(value) == str(value) else written(value)  # « 01 » stays « 01 »
    if kind in ("int", "number") and isinstance(value, str) and (number := _numeral(value, kind)) is not None:
        return number  # the build's reading (text as written): a number cell, as a spreadsheet sums it
    if kind == "bool" and isinstance(value, str):
        return canonical(value, kind)  # « true » and « yes » read as « oui », as the build reads them
    if kind == "status":
        return ACTION_STATUSES.get(str(value), str(value))
    if kind == "indicators":
        return "\n".join(" ; ".join(_indicator_parts(item)) for item in value)
    if kind == "values":
        return "\n".join(f"{label} : {_number_text(number)}" for label, number in value.items())
    if isinstance(value, list):
        items = [written(item) for item in value]
        return (", " if kind == "ids" else "\n\n" if any("\n" in item for item in items) else "\n").join(items)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return written(value)


def _numeral(text: str, kind: str) -> int | float | None:
    """The number a text as written in a YAML file stands for: « 12 », and for a decimal column « 47.50 » (the
    import compares decimals as numbers); None for « 01 » or « 1e3 », kept as typed."""
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    if "." not in text:
        return int(text) if str(int(text)) == text else None
    return float(text) if kind == "number" else None


def _indicator_parts(item: dict[str, Any]) -> list[str]:
    parts = [str(item.get("libelle", "")), str(item.get("unite") or "")]
    if item.get("cible") is not None:
        parts.append(_number_text(item["cible"]))
    while parts and not parts[-1]:
        parts.pop()
    return parts


def _number_text(value: Any) -> str:
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def cell_string(raw: Any) -> str:
    """What a person typed in a cell, as text: numbers without a useless « .0 », dates as AAAA-MM-JJ."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "oui" if raw else "non"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.strftime("%Y-%m-%d %H:%M") if (raw.hour, raw.minute) != (0, 0) else raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return written(raw).strip()


def split(text: str, kind: str) -> list[str]:
    """The items of a cell: ids split on commas; texts one per line, or, when a blank line separates them,
    one per paragraph (an item written on several lines keeps its line breaks)."""
    if kind == "ids":
        parts = ID_SPLIT.split(text)
    else:
        parts = [item for part in ITEM_SPLIT.split(text)
                 for item in (PARAGRAPH_SPLIT.split(part) if PARAGRAPH_SPLIT.search(part) else part.splitlines())]
    return [part.strip() for part in parts if part.strip()]


def canonical(value: Any, kind: str) -> Any:
    """A comparable form of a YAML value or of a cell's text, so « 1 » equals 1 and a text equals [text]."""
    if kind == "indicators":
        items = value if isinstance(value, list) else _indicators(cell_string(value))
        return tuple(tuple(_indicator_parts(item)) for item in items)
    if kind == "values":
        pairs = value.items() if isinstance(value, dict) else _values(cell_string(value))
        return tuple((str(label), _number_text(number) if _is_number(number) else str(number))
                     for label, number in pairs)
    if kind in ("lines", "ids"):
        if isinstance(value, list):
            return tuple(str(item).strip() for item in value if item is not None and str(item).strip())
        return tuple(split(cell_string(value), kind))
    if kind == "status":
        text = cell_string(value)
        return STATUS_BY_LABEL.get(text.casefold(), text)
    if kind == "bool":
        text = cell_string(value).lower()
        return {"true": "oui", "yes": "oui", "vrai": "oui", "false": "non", "no": "non", "faux": "non"}.get(text, text)
    if kind == "number" and _is_number(value):
        return _number_text(value)
    return cell_string(value)


def _is_number(value: Any) -> bool:
    try:
        float(str(value).replace(",", "."))
    except ValueError:
        return False
    return True


def _indicator_from(line: str) -> dict[str, Any]:
    parts = [part.strip() for part in line.split(" ; ")]
    item: dict[str, Any] = {"libelle": parts[0]}
    if len(parts) > 1 and parts[1]:
        item["unite"] = parts[1]
    if len(parts) > 2 and parts[2]:
        item["cible"] = parts[2]
    return item


def _indicators(text: str) -> list[dict[str, Any]]:
    return [_indicator_from(line) for line in split(text, "lines")]


def _values(text: str) -> list[tuple[str, str]]:
    return [_value_from(line) for line in split(text, "lines")]


def _value_from(line: str) -> tuple[str, str]:
    label, _, number = line.rpartition(" : ")
    return (label.strip(), number.strip()) if label else (line.strip(), "")


def yaml_value(text: str, kind: str) -> Any:
    """The value written into the YAML for a changed cell (plain Python; merge.py styles it)."""
    if kind in ("lines", "ids"):
        return split(text, kind)
    if kind == "indicators":
        return _indicators(text)
    if kind == "values":
        return dict(_values(text))
    if kind == "status":
        return canonical(text, kind)
    if kind == "bool":
        return canonical(text, kind)
    return text
