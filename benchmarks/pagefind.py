"""Measure Pagefind (chunked search index) on a built site, as the alternative to Material's single index.

Needs Pagefind, not a dependency of the project: `python3 -m venv /tmp/pf && /tmp/pf/bin/pip install
'pagefind[extended]'`. Then, on a site built by benchmarks/run.py or cls-site build:

    .venv/bin/python benchmarks/pagefind.py /tmp/pf/bin/python path/to/site dépistage

It indexes the site into site/pagefind/, then, in headless Chromium, runs one search and loads its first
five results, and reports what the browser downloaded for it and how long it took.
"""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>pagefind</title></head><body>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
const start = performance.now();
const search = await pagefind.search(new URLSearchParams(location.search).get("q"));
const first = await Promise.all(search.results.slice(0, 5).map(result => result.data()));
window.done = {results: search.results.length, titles: first.map(d => d.meta.title), ms: performance.now() - start};
</script></body></html>"""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def main(pagefind_python: str, site: Path, query: str) -> None:
    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    subprocess.run([pagefind_python, "-m", "pagefind", "--site", str(site), "--root-selector", "article",
                    "--force-language", "fr"], check=True, capture_output=True)
    indexing = time.perf_counter() - start
    (site / "pagefind-mesure.html").write_text(PAGE, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.func.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    downloaded: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("response", lambda r: downloaded.__setitem__(r.url, len(r.body()) if r.ok else 0))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/pagefind-mesure.html?q={query}")
            page.wait_for_function("window.done", timeout=60_000)
            result = page.evaluate("window.done")
            browser.close()
    finally:
        server.shutdown()
        (site / "pagefind-mesure.html").unlink()
    files = {url: size for url, size in downloaded.items() if "/pagefind/" in url}
    print(json.dumps({"indexing_s": round(indexing, 1), "results": result["results"],
                      "search_ms": round(result["ms"]), "files": len(files),
                      "downloaded_kb": round(sum(files.values()) / 1024)}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "dépistage")
