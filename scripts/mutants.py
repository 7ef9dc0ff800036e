"""Mutation check of the test suite: each mutant is one deliberate bug; the tests named beside it must fail.

Run with `./scripts/mutants.sh` (not in CI: it builds the site many times). Each mutant is applied to a
copy of the project in a temporary directory (the working tree is never touched), the listed tests run
against that copy, and the mutant "survives" if they all pass. The list covers the classes of issue 15:
privacy of pro fields, territory bounds, distances, dashboard counts, opening hours, neighbour links,
staleness boundaries, Markdown escaping, review changes, atomic publishing, third-party
requests, CSV injection, newsletter sanitising, unsafe URLs and invisible characters.
`./scripts/mutants.sh NAME…` runs only the mutants whose name contains one of the words.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    edits: tuple[tuple[str, str], ...]  # (exact text, replacement), each text found exactly once
    tests: tuple[str, ...]


def m(name: str, file: str, old: str, new: str, *tests: str, also: tuple[tuple[str, str], ...] = ()) -> Mutant:
    return Mutant(name, file, ((old, new), *also), tests)


PRIVACY = "tests/test_corpus.py::test_no_pro_field_reaches_the_public_edition"
SAFE_BOOK = "tests/test_classeur_safety.py"
SAFE_NEW = "tests/test_nouveau_safety.py"
MUTANTS = [
    # Pro fields: every one of the four, in every public output.
    m("geojson-telephone-pro", "site_builder/exports.py", '"telephone": s.telephone,',
      '"telephone": s.pro.telephone_direct if s.pro else s.telephone,', PRIVACY),
    m("fiche-pro-block-public", "site_builder/render/templates/structure.md.j2",
      '{% if model.edition == "pro" and s.pro %}', "{% if s.pro %}", PRIVACY),
    m("stale-page-public", "site_builder/render/repertoire.py", 'if model.edition == "pro":', "if True:", PRIVACY),
    # The territory box, each bound.
    m("box-no-north", "site_builder/kinds/structures.py", "south <= item.latitude <= north and",
      "south <= item.latitude and", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    m("box-no-east", "site_builder/kinds/structures.py", "west <= item.longitude <= east:",
      "west <= item.longitude:", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    m("box-no-south", "site_builder/kinds/structures.py", "south <= item.latitude <= north and",
      "item.latitude <= north and", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    m("box-no-west", "site_builder/kinds/structures.py", "west <= item.longitude <= east:",
      "item.longitude <= east:", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    # Distances: the cos(latitude) factor, in Python and in the browser.
    m("python-distance-no-cos", "site_builder/kinds/structures.py", "math.cos(p1) * math.cos(p2) * ", "",
      "tests/test_safety.py::test_python_distance_between_two_real_communes"),
    m("js-distance-no-cos", "content/assets/javascripts/geo.js", "Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * ",
      "", "tests/test_safety.py::test_browser_distance_between_two_real_communes"),
    # The dashboard, against a hand-counted axe.
    m("dashboard-every-action-in-every-axe", "site_builder/render/tracking.py",
      "counts(model, latest, axis.actions)", "counts(model, latest)",
      "tests/test_safety.py::test_dashboard_counts_match_a_hand_counted_axe"),
    # Opening hours: an inverted day range is refused.
    m("opening-hours-inverted-days", "site_builder/opening_hours.py", "if end < start:", "if False:",
      "tests/test_safety.py::test_inverted_day_range_is_a_located_error"),
    # Previous and next on action pages.
    m("action-neighbours-swapped", "site_builder/render/programme.py", "previous=actions[index - 1] if index else None",
      "next=actions[index - 1] if index else None", "tests/test_safety.py::test_action_neighbours_in_order",
      also=(("next=actions[index + 1] if", "previous=actions[index + 1] if"),)),
    # Staleness at exactly `mise_a_jour_mois`, both sides.
    m("stale-boundary-excluded", "site_builder/models.py", "age >= self.stale_after_months",
      "age > self.stale_after_months", "tests/test_safety.py::test_staleness_boundary"),
    m("stale-boundary-early", "site_builder/models.py", "age >= self.stale_after_months",
      "age >= self.stale_after_months - 1", "tests/test_safety.py::test_staleness_boundary"),
    # Markdown escaping of block markers at the start of a line, each one.
    m("escape-no-colon", "site_builder/render/markdown.py", '":": "&#58;", ', "",
      "tests/test_safety.py::test_line_start_markers_are_escaped"),
    m("escape-no-tilde", "site_builder/render/markdown.py", '"~": "&#126;", ', "",
      "tests/test_safety.py::test_line_start_markers_are_escaped"),
    m("escape-no-equals", "site_builder/render/markdown.py", ', "=": "&#61;"', "",
      "tests/test_safety.py::test_line_start_markers_are_escaped"),
    # What changed at the latest review: an action reviewed for the first time counts.
    m("changes-ignore-new-actions", "site_builder/render/tracking.py", "if after and (not before or ",
      "if after and before and (", "tests/test_safety.py::test_first_review_of_an_action_counts_as_a_change"),
    # Publishing: the build goes to a staging directory (the publishing work owns its test).
    m("build-straight-into-site", "site_builder/plugin.py", "config.site_dir = str(self.output.prepare())",
      "self.output.prepare()", "tests/test_build.py"),
    # Third-party requests: emoji shortcodes.
    m("data-shortcodes-not-escaped", "site_builder/render/markdown.py", 'text = _SHORTCODE.sub("&#58;", text)', "",
      "tests/test_corpus.py::test_emoji_shortcodes_make_no_external_request"),
    m("emoji-from-cdn", "site_builder/emoji.py", "return emoji.to_alt(", "return material.to_svg(",
      "tests/test_corpus.py::test_emoji_shortcodes_make_no_external_request"),
    # CSV injection, and numbers left usable.
    m("csv-formula-kept", "site_builder/exports.py", "return \"'\" + value", "return value",
      "tests/test_safety.py::test_csv_cells_cannot_run_as_formulas"),
    m("csv-numbers-quoted", "site_builder/exports.py", " or NUMBER.fullmatch(value)", "",
      "tests/test_safety.py::test_csv_cells_cannot_run_as_formulas"),
    # Newsletter HTML: page, e-mail and feed, and tracking images.
    m("issue-page-unsanitised", "site_builder/plugin.py", "return sanitize.clean(html)", "return html",
      "tests/test_corpus.py::test_newsletter_html_is_sanitised_everywhere"),
    m("email-and-feed-unsanitised", "site_builder/render/newsletter.py", "return sanitize.clean(html, model.site_url)",
      "return html", "tests/test_corpus.py::test_newsletter_html_is_sanitised_everywhere"),
    m("tracking-image-kept", "site_builder/sanitize.py", "return None  # an image", "return value  # an image",
      "tests/test_corpus.py::test_newsletter_html_is_sanitised_everywhere"),
    m("csv-export-bypasses-inert", "site_builder/exports.py",
      "writer.writerows([inert(cell) for cell in row] for row in rows)", "writer.writerows(rows)",
      "tests/test_corpus.py::test_csv_exports_hold_no_formula"),
    # Text in the dashboard's SVG charts, where Markdown would read links and images.
    m("chart-text-markdown-live", "site_builder/charts.py", 'f"&#{ord(c)};" if c in _MARKDOWN_CHARS else ', "",
      "tests/test_corpus.py::test_no_live_markup"),
    # Crashes and stray requests the corpus found.
    m("slug-uncapped", "site_builder/text.py", '[:80].rstrip("-")', "", "tests/test_corpus.py::test_no_live_markup"),
    m("feed-link-protocol-relative", "overrides/main.html", 'href="{{ cls_feed.path | url }}"',
      'href="{{ base_url }}/{{ cls_feed.path }}"', "tests/test_corpus.py::test_no_request_to_another_server"),
    # Unsafe URLs and invisible characters.
    m("url-control-characters", "site_builder/formats.py", "if any(is_control(c) for c in raw):", "if False:",
      "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("url-credentials", "site_builder/formats.py", 'if "@" in netloc:', "if False:",
      "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("text-invisible-characters", "site_builder/schema.py", "if hidden := invisible(node):",
      'if hidden := invisible(""):', "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("text-c1-controls-kept", "site_builder/schema.py", ' or "\\x7f" <= char <= "\\x9f"', ' or char == "\\x7f"',
      "tests/test_corpus.py::test_no_raw_control_character_in_any_output"),
    # A fuzz test must not pass on an empty list of errors.
    m("error-report-emptied", "site_builder/validate.py", "raise DataValidationError(report)",
      "raise DataValidationError(type(report)())",
      "tests/test_fuzz.py::test_any_bytes_as_a_data_file_give_located_errors"),
    # Workbook and nouveau (issue 22)
    m("classeur-year-any-text", "site_builder/spreadsheet/datapaths.py", "if not accepted.fullmatch(ident):",
      "if False:", f"{SAFE_BOOK}::test_a_year_that_is_not_four_digits_names_no_file",
      f"{SAFE_BOOK}::test_an_axe_number_that_climbs_out_names_no_file"),
    m("classeur-path-outside-data", "site_builder/spreadsheet/datapaths.py",
      "if target == root or root not in target.parents:", "if False:",
      f"{SAFE_BOOK}::test_data_paths_are_built_from_ascii_digits_inside_the_data_folder"),
    m("classeur-text-as-live-formula", "site_builder/spreadsheet/export.py", 'cell.data_type = "s"', "pass",
      f"{SAFE_BOOK}::test_text_that_looks_like_a_formula_stays_text_both_ways"),
    m("classeur-no-quote-prefix", "site_builder/spreadsheet/export.py", "cell.quotePrefix = True", "pass",
      f"{SAFE_BOOK}::test_text_that_looks_like_a_formula_stays_text_both_ways"),
    m("classeur-formula-read-as-empty", "site_builder/spreadsheet/workbook.py",
      "found.formulas.append((number, column, typed))", "pass",
      f"{SAFE_BOOK}::test_a_formula_never_computed_is_refused_at_its_cell"),
    m("classeur-exporter-any-suffix", "site_builder/spreadsheet/export.py", 'if target.suffix.lower() != ".xlsx":',
      "if False:", f"{SAFE_BOOK}::test_the_exporter_writes_only_an_xlsx"),
    m("classeur-exporter-overwrites-any-file", "site_builder/spreadsheet/export.py",
      "if target.exists() and not _is_workbook(target):", "if False:",
      f"{SAFE_BOOK}::test_the_exporter_replaces_a_workbook_but_not_another_file_named_xlsx"),
    m("classeur-zip-bomb-inflated", "site_builder/spreadsheet/workbook.py", "if inflated > MAX_UNCOMPRESSED:",
      "if False:", f"{SAFE_BOOK}::test_a_zip_bomb_is_refused_from_its_directory"),
    m("classeur-declared-rows-ignored", "site_builder/spreadsheet/workbook.py", "if rows - 1 > MAX_ROWS:", "if False:",
      f"{SAFE_BOOK}::test_a_sheet_longer_than_the_limit_is_refused_before_reading"),
    m("classeur-rows-not-counted", "site_builder/spreadsheet/workbook.py", "if number - 1 > MAX_ROWS:", "if False:",
      f"{SAFE_BOOK}::test_rows_are_counted_while_reading_when_the_sheet_hides_its_size"),
    m("classeur-renamed-sheet-skipped", "site_builder/spreadsheet/read.py", "    if match:\n", "    if False:\n",
      f"{SAFE_BOOK}::test_a_renamed_sheet_is_an_error_with_the_name_it_should_have"),
    m("classeur-huge-cell-kept", "site_builder/spreadsheet/read.py", "if len(text) > MAX_CELL_CHARS:", "if False:",
      f"{SAFE_BOOK}::test_a_huge_csv_cell_and_binary_csv_are_refused"),
    m("classeur-deleted-year-with-its-sheet", "site_builder/spreadsheet/apply.py", "if annee in still:",
      "if False:", f"{SAFE_BOOK}::test_a_deleted_year_with_its_sheet_still_there_is_refused"),
    m("nouveau-writes-into-a-project", "site_builder/newfolder.py", "    if present:\n", "    if False:\n",
      f"{SAFE_NEW}::test_a_folder_in_use_is_refused_unless_forcer"),
    m("nouveau-writes-into-a-full-folder", "site_builder/newfolder.py", "if any(resolved.iterdir()):", "if False:",
      f"{SAFE_NEW}::test_a_folder_in_use_is_refused_unless_forcer"),
    # Only folders the mutant cannot write into, even as root: /proc refuses mkdir, « / » is not empty.
    m("nouveau-system-folder", "site_builder/newfolder.py",
      "if resolved == Path(resolved.anchor) or any(resolved == s or s in resolved.parents for s in SYSTEM):",
      "if False:", f"{SAFE_NEW}::test_system_folders_are_refused[/proc/cls]"),
    m("nouveau-staging-left-behind", "site_builder/newfolder.py", "shutil.rmtree(staging, ignore_errors=True)",
      "pass", f"{SAFE_NEW}::test_a_failing_step_leaves_nothing_behind"),
    m("nouveau-control-character-in-name", "site_builder/scaffold.py", "    if hidden:\n", "    if False:\n",
      f"{SAFE_NEW}::test_a_name_with_a_control_character_is_refused"),
    m("nouveau-no-organisation-without-epci", "site_builder/scaffold.py", "    if territory.epci:\n",
      "    if True:\n", f"{SAFE_NEW}::test_a_commune_without_epci_builds_strict"),
]


def copy_project(target: Path) -> None:
    """The project's files as git sees them (tracked and new, not ignored), without the venv or site."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def pytest(tests: tuple[str, ...], work: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(work), "NO_MKDOCS_2_WARNING": "1"}  # the copy, not the editable install
    return subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                          cwd=work, env=env, capture_output=True, text=True)


def run(mutant: Mutant, work: Path) -> str:
    """Apply `mutant` in `work`, run its tests, restore the file: « tué », « SURVIT » or « ERREUR »."""
    path = work / mutant.file
    original = path.read_text(encoding="utf-8")
    text = original
    for old, new in mutant.edits:
        if text.count(old) != 1:
            sys.exit(f"{mutant.name}: « {old} » found {text.count(old)} times in {mutant.file}; update the list.")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    try:
        result = pytest(mutant.tests, work)
    finally:
        path.write_text(original, encoding="utf-8")
    # pytest exits 1 when a test failed; 2–5 mean the tests could not run (missing test, import error…),
    # which must not pass for a killed mutant.
    return {0: "SURVIT", 1: "tué"}.get(result.returncode, "ERREUR\n" + result.stdout[-2000:])


def main(words: list[str]) -> int:
    chosen = [x for x in MUTANTS if not words or any(w in x.name for w in words)]
    failures = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        work = Path(tmp)
        copy_project(work)
        baseline = pytest(tuple(dict.fromkeys(t for x in chosen for t in x.tests)), work)
        if baseline.returncode != 0:
            print("Les tests échouent déjà sans mutation :\n" + baseline.stdout[-3000:])
            return 2
        for number, mutant in enumerate(chosen, 1):
            outcome = run(mutant, work)
            print(f"[{number}/{len(chosen)}] {mutant.name}: {outcome}", flush=True)
            if outcome != "tué":
                failures.append(mutant.name)
    print(f"\n{len(chosen) - len(failures)} mutants tués sur {len(chosen)}.")
    if failures:
        print("Survivants ou erreurs (aucun test ne voit ce défaut) : " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
