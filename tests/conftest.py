"""Shared fixtures: a copy of the minimal data set, the example site built once, a browser."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, MINIMAL, ROOT, build_example, local_context, served

from site_builder import pdf, plugin


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """Under xdist's default distribution, send all the tests of a module that has a module-scoped fixture (a site
    built, a territory created) to one worker, and every other test on its own: xdist's `load` splits a module
    between the two workers, and each then builds the module's site. (`--dist loadgroup` would do it with marks,
    but it does not group with pytest 9, whose node ids it can no longer rename.) Another --dist is left alone."""
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleFixtureScheduling(LoadScopeScheduling):
        """A module with a shared fixture is one unit of work; the largest units go first (loadscope's order)."""

        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return module if _has_module_fixture(config.rootpath / module) else nodeid

    return ModuleFixtureScheduling(config, log)


@functools.cache
def _has_module_fixture(path: Path) -> bool:
    """Whether a test file defines a module-scoped fixture (read once per file)."""
    return path.is_file() and 'scope="module"' in path.read_text(encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid data set, in <tmp>/data."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example site, built once (--strict) for the whole session, and what the build printed."""
    site = tmp_path_factory.mktemp("example") / "site"
    return site, build_example(site)


@pytest.fixture(scope="session")
def built_site(example_build: tuple[Path, str]) -> Path:
    """The example site, built once for the whole session: read it, never write to it."""
    return example_build[0]


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built example site served on a free loopback port."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.fail("/usr/bin/chromium is missing: install Debian's chromium (see README, « Tests »).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object, site_url: str) -> Iterator[object]:
    """A fresh desktop page, network closed except the local server."""
    context = local_context(browser, site_url, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: object, site_url: str) -> Iterator[object]:
    """A fresh phone-width touch page, network closed except the local server."""
    context = local_context(browser, site_url, viewport={"width": 390, "height": 844}, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session", autouse=True)
def shared_guide_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every build of the session shares the printed senior guides: each test project starts with an empty
    .cache, so without this Chromium prints the same guide (twice each time) for every test that builds one.
    The entries are keyed by the page, its styles and the date (pdf.print_cached), so a changed guide is printed;
    the store lives in the session's temp folder, shared by its xdist workers, and is written atomically."""
    session_temp = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # a worker's base temp is gw0/ in the session's own folder
        session_temp = session_temp.parent
    store = session_temp / "guide-pdf-partage"
    store.mkdir(exist_ok=True)

    def print_shared(chromium: str, site: Path, page: Path, target: Path, day: object, cache: Path) -> bool:
        """pdf.print_cached with the project's cache seeded from the store, and its new entry saved there."""
        if Path(chromium) != CHROMIUM:  # a test that fakes the browser must reach it
            return pdf.print_cached(chromium, site, page, target, day, cache)
        cache.mkdir(parents=True, exist_ok=True)
        for entry in store.glob("[!.]*") if not cache.is_relative_to(ROOT) else ():  # the checkout's cache is kept
            if not (cache / entry.name).exists():
                shutil.copyfile(entry, cache / entry.name)
        printed = pdf.print_cached(chromium, site, page, target, day, cache)
        for entry in cache.glob("[!.]*"):
            if not (store / entry.name).exists():
                partial = store / f".{entry.name}.{os.getpid()}"
                shutil.copyfile(entry, partial)
                os.replace(partial, store / entry.name)
        return printed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugin, "print_cached", print_shared)
        yield store
