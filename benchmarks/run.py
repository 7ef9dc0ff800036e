"""Benchmark: build time, memory, pages and page weights at several sizes, against bare MkDocs.

For each size it generates a territory (benchmarks/generate.py), builds it with the `cls` plugin, rebuilds
after one data file changes, then builds the very same Markdown pages with MkDocs + Material and no plugin
(the « bare » build: no search either, so Pagefind counts in the plugin's cost) and with Hugo when it is
installed, so the plugin's cost is a ratio measured in one run, in wall time and in CPU time. It also weighs
the pages a visitor downloads, times how long the map takes to draw its markers in headless Chromium and
weighs what a first search downloads (benchmarks/pagefind.py).

    .venv/bin/python benchmarks/run.py 100 1000 10000      # writes benchmarks/results.md
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402
from pagefind import first_search  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
DATE = "2026-11-23"
SEARCHED = "médecin"  # a typology word: it matches every maison de santé and centre, the heaviest first search
# Runs a command and prints the peak memory (ru_maxrss, KB on Linux) and the CPU seconds (user + system) of
# its process tree: CPU time is what a shared machine disturbs least, wall time what a coordinator waits.
MEASURE = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
           "sys.stderr.write(r.stderr[-3000:] if r.returncode else ''); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(u.ru_maxrss, u.ru_utime + u.ru_stime); sys.exit(r.returncode)")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def timed(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall time and CPU time in seconds, and peak memory in MB, of `command`."""
    start = time.perf_counter()
    result = subprocess.run([PYTHON, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"échec de {' '.join(command)} :\n{result.stdout}\n{result.stderr}")
    memory, cpu = result.stdout.strip().splitlines()[-1].split()
    return elapsed, float(cpu), int(memory) // 1024


def project(base: Path, size: int) -> Path:
    base.mkdir(parents=True)
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    generate(base / "data", size)
    return base


def bare_project(source: Path, target: Path) -> tuple[Path, float, float]:
    """The same pages, pre-written as Markdown, for MkDocs + Material without our plugin; with the seconds our
    plugin spends reading and validating the data, and rendering the pages (two parts of its overhead)."""
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from site_builder.render import render_pages
    from site_builder.validate import load_model

    shutil.copytree(source / "content", target / "docs")
    shutil.copytree(source / "overrides", target / "overrides")
    began = time.perf_counter()
    model = load_model(source / "data", source, today=dt.date.fromisoformat(DATE))
    loaded = time.perf_counter()
    pages = render_pages(model)
    rendered = time.perf_counter()
    for page in pages:
        path = target / "docs" / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.content, encoding="utf-8")
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: content", "docs_dir: docs")
    start = config.index("  - cls:")
    end = config.index("\n", config.index("data_dir", start))
    (target / "mkdocs.yml").write_text(config[:start] + config[end + 1:], encoding="utf-8")
    return target, loaded - began, rendered - loaded


def pagefind_time(site: Path) -> float:
    """Seconds Pagefind takes to index the built site (the third part of the plugin's overhead)."""
    from site_builder import search

    start = time.perf_counter()
    search.Indexing(search.find_pagefind(), site).finish()
    return time.perf_counter() - start


HUGO_CONFIG = """baseURL = "https://cls.exemple.fr/"
languageCode = "fr"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_LAYOUT = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
               "<body><main>{{ .Content }}</main></body></html>")


def hugo_time(bare: Path, work: Path) -> float | None:
    """The same Markdown pages built by Hugo with a one-line layout: the outer bound (None without hugo)."""
    if not shutil.which("hugo"):
        return None
    site = work / "hugo"
    shutil.copytree(bare / "docs", site / "content", ignore=shutil.ignore_patterns("assets"))
    for index in (site / "content").rglob("index.md"):
        index.rename(index.with_name("_index.md"))
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name in ("single.html", "list.html"):
        layout = site / "layouts" / "_default" / name
        layout.parent.mkdir(parents=True, exist_ok=True)
        layout.write_text(HUGO_LAYOUT, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(["hugo", "--quiet", "-s", str(site)], check=True, capture_output=True)
    return time.perf_counter() - start


def weight(path: Path) -> tuple[int, int]:
    raw = path.read_bytes()
    return len(raw), len(gzip.compress(raw, 9))


def assets_weight(site: Path, page: Path) -> int:
    """Gzip bytes of the CSS and JS a page loads from the site (what a first visit downloads with it)."""
    import re

    text = page.read_text(encoding="utf-8")
    total = 0
    for link in set(re.findall(r'(?:<script[^>]+src|<link rel="stylesheet" href)="([^"#?]+)', text)):
        target = (page.parent / link).resolve()
        if target.is_file() and target.suffix in (".js", ".css"):
            total += weight(target)[1]
    return total


# Counts the markers of the page's first map at every frame and notes when all are drawn (clusters count
# theirs). Observed in the page itself: Playwright's own polling waits for the main thread, which parses the
# rest of the page after the map, so it saw the markers up to a second after they were on screen.
DRAWN_PROBE = """(function frame() {
  const map = document.querySelector('.cls-map');
  if (map) {
    const lone = map.querySelectorAll('.leaflet-marker-icon:not(.marker-cluster)').length;
    const clustered = Array.from(map.querySelectorAll('.marker-cluster'))
      .reduce((n, c) => n + Number(c.textContent), 0);
    if (lone + clustered === EXPECTED) { window.clsMarkersDrawn = performance.now(); return; }
  }
  requestAnimationFrame(frame);
})();"""


def markers_drawn(site: Path, expected: int, path: str = "/carte/") -> float:
    """Seconds from navigation start until the first frame where the map shows all its markers."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.func.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.handle_error = lambda *args: None  # the browser closes while the page's last files are sent
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.add_init_script(DRAWN_PROBE.replace("EXPECTED", str(expected)))
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
            page.goto(url + path, wait_until="commit")
            page.wait_for_function("() => window.clsMarkersDrawn !== undefined", timeout=60_000, polling=50)
            seconds = page.evaluate("window.clsMarkersDrawn") / 1000
            browser.close()
    finally:
        server.shutdown()
    return seconds


def measure(size: int, work: Path) -> dict[str, object]:
    source = project(work / f"cls-{size}", size)
    build = ["build", "-f", "mkdocs.yml", "--date", DATE]
    full, full_cpu, memory = timed([str(ROOT / ".venv" / "bin" / "cls-site"), *build], source)
    structures = source / "data" / "structures.yml"
    structures.write_text(structures.read_text(encoding="utf-8").replace("date_maj: 2026-01-15", "date_maj: 2026-01-16",
                                                                          1), encoding="utf-8")
    rebuild, _, _ = timed([str(ROOT / ".venv" / "bin" / "cls-site"), *build], source)
    bare, load_s, render_s = bare_project(source, work / f"bare-{size}")
    bare_time, bare_cpu, bare_memory = timed([str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q"], bare)
    hugo = hugo_time(bare, work / f"hugo-{size}")
    site = source / "site"
    fiche = site / "repertoire" / "structure-00000" / "index.html"
    results = {
        "size": size, "pages": sum(1 for _ in site.rglob("index.html")), "build_s": round(full, 1),
        "build_cpu_s": round(full_cpu, 1), "memory_mb": memory, "rebuild_s": round(rebuild, 1),
        "bare_s": round(bare_time, 1), "bare_cpu_s": round(bare_cpu, 1), "bare_memory_mb": bare_memory,
        "ratio": round(full / bare_time, 2), "ratio_cpu": round(full_cpu / bare_cpu, 2),
        "rebuild_ratio": round(rebuild / bare_time, 2), "load_s": round(load_s, 1), "render_s": round(render_s, 1),
        "hugo_s": round(hugo, 1) if hugo is not None else "—",
        "fiche": weight(fiche), "fiche_assets_gz": assets_weight(site, fiche),
        "repertoire": weight(site / "repertoire" / "index.html"), "map": weight(site / "carte" / "index.html"),
        "home": weight(site / "index.html"), "geojson": weight(site / "repertoire" / "structures.geojson"),
        "site_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 1),
    }
    results["markers_s"] = round(markers_drawn(site, size), 2)
    results["first_search_kb"] = first_search(site, SEARCHED)["kb_transferred"]
    results["pagefind_s"] = round(pagefind_time(site), 1)
    return results


def kb(pair: tuple[int, int]) -> str:
    return f"{pair[0] / 1024:.0f} / {pair[1] / 1024:.0f}"


# The table's columns: heading, then how a row shows it.
COLUMNS: tuple[tuple[str, Callable[[dict], object]], ...] = (
    ("structures", lambda r: r["size"]), ("pages", lambda r: r["pages"]),
    ("construction (s)", lambda r: r["build_s"]), ("CPU (s)", lambda r: r["build_cpu_s"]),
    ("mémoire (Mo)", lambda r: r["memory_mb"]), ("reconstruction (s)", lambda r: r["rebuild_s"]),
    ("MkDocs nu (s)", lambda r: r["bare_s"]), ("MkDocs nu, CPU (s)", lambda r: r["bare_cpu_s"]),
    ("ratio", lambda r: r["ratio"]), ("ratio CPU", lambda r: r["ratio_cpu"]),
    ("ratio reconstruction", lambda r: r["rebuild_ratio"]), ("Hugo (s)", lambda r: r["hugo_s"]),
    ("lecture + validation (s)", lambda r: r["load_s"]), ("rendu (s)", lambda r: r["render_s"]),
    ("Pagefind (s)", lambda r: r["pagefind_s"]),
    ("fiche (Ko brut / gzip)", lambda r: kb(r["fiche"])),
    ("CSS+JS d'une fiche (Ko gzip)", lambda r: f"{r['fiche_assets_gz'] / 1024:.0f}"),
    ("répertoire (Ko)", lambda r: kb(r["repertoire"])), ("carte (Ko)", lambda r: kb(r["map"])),
    ("marqueurs dessinés (s)", lambda r: r["markers_s"]),
    ("première recherche (Ko gzip)", lambda r: r["first_search_kb"]), ("site (Mo)", lambda r: r["site_mb"]),
)


def table(rows: list[dict[str, object]]) -> str:
    lines = ["| " + " | ".join(heading for heading, _ in COLUMNS) + " |", "|" + "--:|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(show(r)) for _, show in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def main(sizes: list[int]) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="cls-bench-") as work:
        for size in sizes:
            rows.append(measure(size, Path(work)))
            print(json.dumps(rows[-1]), flush=True)
    machine = (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cœurs, "
               f"Python {platform.python_version()}")
    text = f"Mesuré le {time.strftime('%Y-%m-%d')} sur {machine}.\n\n{table(rows)}\n"
    (ROOT / "benchmarks" / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    if any(arg in ("-h", "--help") for arg in sys.argv[1:]):
        print(__doc__)
        sys.exit(0)
    main([int(size) for size in sys.argv[1:]] or [100, 1000, 10000])
