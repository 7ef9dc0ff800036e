"""Make Material's French search accent-blind: « depistage » finds « dépistage ».

lunr has no transliteration (mkdocs#2128), so after the search plugin has written its index we add to
each document a field holding the accent-folded form of the words that have accents, and declare it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from site_builder.text import fold

FIELD = "sansaccent"
_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")


def fold_index(site_dir: Path) -> bool:
    """Rewrite search/search_index.json in place; return False when the site has no search index."""
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        doc[FIELD] = folded_words(f"{doc.get('title', '')} {doc.get('text', '')}")
    index["config"].setdefault("fields", {})[FIELD] = {"boost": 1}
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def folded_words(html: str) -> str:
    """The accent-folded forms of the words of `html` that differ from their folded form, once each."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(_TAG.sub(" ", html)):
        folded = fold(word)
        if folded != word.casefold():
            seen.setdefault(folded, None)
    return " ".join(seen)
