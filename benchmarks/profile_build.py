"""Profile one `cls-site build` of a generated territory with cProfile: where the plugin's own time goes.

    .venv/bin/python benchmarks/profile_build.py 1000       # size (default 1000); prints the top entries

The guide PDF is left out (`guide_pdf: false`): Chromium runs in another process, which cProfile cannot see,
and the PDF is now printed once per change of the guide (see README). The site is built into a temporary dir.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import DATE, project  # noqa: E402

TOP = 25


def profile(size: int, work: Path) -> pstats.Stats:
    base = project(work / f"cls-{size}", size)
    config = base / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      data_dir: data",
                                                                 "      data_dir: data\n      guide_pdf: false"),
                      encoding="utf-8")
    from click.testing import CliRunner

    from site_builder.cli import main

    os.chdir(base)
    profiler = cProfile.Profile()
    profiler.enable()
    result = CliRunner().invoke(main, ["build", "-f", str(config), "--date", DATE])
    profiler.disable()
    if result.exit_code:
        raise SystemExit(result.output)
    return pstats.Stats(profiler)


def report(stats: pstats.Stats) -> str:
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats("cumulative").print_stats(r"site_builder", TOP)
    stats.sort_stats("tottime").print_stats(TOP)
    return out.getvalue()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="cls-profile-") as work:
        print(report(profile(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, Path(work))))
