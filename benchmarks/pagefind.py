"""What a visitor's first search downloads: the site's search box, on a built site served with gzip.

    .venv/bin/python benchmarks/pagefind.py path/to/site [mots…]

In headless Chromium it opens the repertoire, checks that nothing of the search was downloaded yet, opens the
search box, types the words, waits for the first results, and reports the bytes transferred for the search
(compressed, as they travel) and how long it took.
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse import GzipHandler  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def first_search(site: Path, query: str) -> dict:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    responses = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "repertoire/")
            page.wait_for_load_state("networkidle")
            before = len(responses)
            page.on("requestfinished", lambda request: responses.append(request))
            start = time.perf_counter()
            page.get_by_role("button", name="Rechercher sur le site").click()
            page.get_by_label("Mots recherchés").fill(query)
            page.wait_for_function("q => document.querySelector('.cls-recherche__etat').textContent.includes(q)",
                                   arg=query, timeout=60_000)
            elapsed = time.perf_counter() - start
            status = page.locator(".cls-recherche__etat").inner_text()
            sizes = {r.url.removeprefix(base): r.sizes()["responseBodySize"] for r in responses[before:]}
            browser.close()
    finally:
        server.shutdown()
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:4]
    return {"query": query, "status": status, "seconds": round(elapsed, 2), "files": len(sizes),
            "kb_transferred": round(sum(sizes.values()) / 1024), "largest": largest}


if __name__ == "__main__":
    for words in sys.argv[2:] or ["dépistage"]:
        print(json.dumps(first_search(Path(sys.argv[1]), words), ensure_ascii=False))
