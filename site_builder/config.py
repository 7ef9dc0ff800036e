"""Options of the `cls` MkDocs plugin, as written under `plugins:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ClsPluginConfig(Config):
    data_dir = c.Type(str, default="data")
    """Folder of the CLS data files, relative to mkdocs.yml."""

    edition = c.Choice(("public", "pro"), default="public")
    """`public` (default) or `pro`: the professional edition adds fields meant for professionals only."""

    date = c.Type(str, default="")
    """Date of the build, AAAA-MM-JJ (default: today). Fix it for reproducible builds."""
