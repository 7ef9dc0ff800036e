"""Benchmark: the coordinator's edit loop. Seconds from saving data/structures.yml to the updated fiche.

It generates a territory (benchmarks/generate.py), starts `cls-site serve` on 127.0.0.1, waits for the first
build, changes one field of one structure (its telephone number), then polls the structure's fiche over HTTP
until it shows the new number. Done for the default preview (only changed pages rebuilt) and for
`serve --complet` (everything rebuilt at each save, as before).

    .venv/bin/python benchmarks/edit_loop.py 1000          # sizes, default 1000; prints one line per size
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import project  # noqa: E402

CLS_SITE = str(ROOT / ".venv" / "bin" / "cls-site")
FICHE = "repertoire/structure-00000/"
EDITS = {False: 3, True: 1}  # saves in the quick preview, and with --complet (each rebuild is long)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    """Seconds until the page at url contains text (polled every 50 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} n'affiche pas « {text} » après {timeout:.0f} s")


def phone_line(number: int) -> str:
    return f"    telephone: \"02 38 00 {number // 100:02d} {number % 100:02d}\""


def edit_loop(base: Path, complete: bool) -> list[float]:
    """Start serve, then save one-field changes of the first structure; seconds for each to show."""
    structures = base / "data" / "structures.yml"
    text = structures.read_text(encoding="utf-8")
    first_phone = next(line for line in text.splitlines() if line.startswith("    telephone:"))
    port = free_port()
    command = [CLS_SITE, "serve", "-a", f"127.0.0.1:{port}", *(["--complet"] if complete else [])]
    server = subprocess.Popen(command, cwd=base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/{FICHE}"
    try:
        wait_for(url, "<html", timeout=900)
        time.sleep(2)  # the watcher takes its first snapshot after the first build
        seconds = []
        for edit in range(EDITS[complete]):
            new_phone = phone_line(9000 + edit + (50 if complete else 0))
            text = text.replace(first_phone, new_phone, 1)
            first_phone = new_phone
            structures.write_text(text, encoding="utf-8")
            expected = "tel:+33" + new_phone.split('"')[1].replace(" ", "")[1:]
            seconds.append(wait_for(url, expected, timeout=600))
            print(f"{'--complet' if complete else 'aperçu'} : fiche à jour {seconds[-1]:.1f} s après l'enregistrement",
                  flush=True)
            time.sleep(1)
        return seconds
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:  # stopping waits for a build under way
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def main(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="cls-edit-") as work:
            base = project(Path(work) / f"cls-{size}", size)
            quick = edit_loop(base, complete=False)
            full = edit_loop(base, complete=True)
        print(f"{size} structures : enregistrement → fiche à jour, aperçu {', '.join(f'{s:.1f}' for s in quick)} s ; "
              f"--complet {', '.join(f'{s:.1f}' for s in full)} s", flush=True)


if __name__ == "__main__":
    main([int(size) for size in sys.argv[1:]] or [1000])
