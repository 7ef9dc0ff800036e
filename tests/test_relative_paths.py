"""Links between generated pages: our `relative_path` gives what `posixpath.relpath` gives, without the OS."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from site_builder.render.markdown import relative_path

PATHS = (".", "a", "a/", "a/b.md", "a/b/c.md", "a/b/", "a/./b", "x/y/z/", "repertoire/", "repertoire/msp-test/",
         "repertoire/msp-test.md", "assets/javascripts/geo.js", "index.md")


@pytest.mark.parametrize(("path", "start"), list(itertools.product(PATHS, PATHS)))
def test_relative_path_is_relpath(path: str, start: str) -> None:
    assert relative_path(path, start) == posixpath.relpath(path, start)
