"""Lighthouse (mobile) on every page type of the example site, served with gzip as a web host would.

Lighthouse 12.2.3 comes from the npm registry into .cache/ (13 needs Node 22); it drives Debian's Chromium.
Map tiles are blocked (no network here): the map pages are measured without their background.

    .venv/bin/python benchmarks/lighthouse.py            # builds the example, writes benchmarks/lighthouse.md
    .venv/bin/python benchmarks/lighthouse.py --site site  # an already built site
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_VERSION = "12.2.3"
# Where npm puts Lighthouse: LIGHTHOUSE_DIR when set (a cache shared outside the repository), else .cache/.
INSTALL = Path(os.environ.get("LIGHTHOUSE_DIR") or ROOT / ".cache" / f"lighthouse-{LIGHTHOUSE_VERSION}")
DATE = "2026-11-23"
PAGES = {
    "accueil": "", "répertoire": "repertoire/", "fiche structure": "repertoire/msp-pithiviers/",
    "fiche cabinet": "repertoire/cabinet-medical-exemple-pithiviers/",
    "carte": "carte/", "près de chez moi": "pres-de-chez-moi/",
    "près de chez moi (médecins, nouveaux patients)":
        "pres-de-chez-moi/?lieu=Pithiviers%20(45300)&profession=medecin-generaliste&patients=nouveaux",
    "commune": "communes/ascoux/",
    "guide seniors": "bien-vieillir/", "comparaison": "bien-vieillir/comparer/", "agenda": "agenda/",
    "évènement": "agenda/atelier-sommeil-seniors-2026/", "lettre": "lettre/numero-1/", "programme": "programme/",
    "action": "programme/action-2-1-1/", "tableau de bord": "suivi/", "bilan": "suivi/bilan-2025/",
    "index A–Z": "repertoire/a-z/", "glossaire": "glossaire/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".geojson", ".svg", ".xml", ".txt", ".csv", ".ics")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed, as any web host does (the numbers would be 5× too heavy otherwise)."""

    def send_head(self):  # noqa: ANN201 - http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix not in COMPRESSIBLE or not path.is_file() or not accepts_gzip:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def install_lighthouse() -> Path:
    binary = INSTALL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        INSTALL.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(INSTALL), "-E",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def audit(binary: Path, url: str, output: Path) -> dict:
    """One mobile Lighthouse run; its four scores and the figures that explain performance."""
    subprocess.run([str(binary), url, "--output=json", f"--output-path={output}", "--quiet",
                    f"--only-categories={','.join(CATEGORIES)}", "--blocked-url-patterns=*tile.openstreetmap.org*",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, capture_output=True)
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {**{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 1),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
            "kb": round(audits["total-byte-weight"]["numericValue"] / 1024)}


def build_example(target: Path) -> Path:
    subprocess.run([str(ROOT / ".venv" / "bin" / "cls-site"), "build", "-f", str(ROOT / "mkdocs.yml"), "-d",
                    str(target), "--date", DATE], check=True, capture_output=True)
    return target


def table(results: dict[str, dict]) -> str:
    lines = ["| page | perf. | access. | bonnes pratiques | SEO | LCP (s) | TBT (ms) | CLS | poids (Ko, gzip) |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['seo']} | "
                     f"{r['lcp_s']} | {r['tbt_ms']} | {r['cls']} | {r['kb']} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse mobile sur chaque type de page du site d'exemple.")
    parser.add_argument("--site", type=Path, help="site déjà construit (par défaut : construit l'exemple)")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), help="seulement ces types de pages")
    args = parser.parse_args()
    binary = install_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_example(Path(tmp) / "site")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results = {}
        for name in args.pages or PAGES:
            results[name] = audit(binary, base + PAGES[name], Path(tmp) / "report.json")
            print(name, results[name], file=sys.stderr)
        server.shutdown()
    text = table(results)
    (ROOT / "benchmarks" / "lighthouse.md").write_text(
        f"Lighthouse {LIGHTHOUSE_VERSION}, mobile (émulation et ralentissement simulé par défaut), site d'exemple "
        f"servi avec gzip, fonds de carte bloqués.\n\n{text}\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
