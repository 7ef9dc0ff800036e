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
    # Import safety (issue 22)
    m("safety-empty-file-imported", "site_builder/importers/__init__.py", "    if not items:", "    if False:",
      "tests/test_import_safety.py::test_a_batch_without_records_is_refused_even_on_a_first_import"),
    m("safety-shrink-threshold-lowered", "site_builder/importers/__init__.py",
      "held >= SHRINK_FROM and len(items) < held * SHRINK_RATIO", "held >= SHRINK_FROM and len(items) < held * 0.2",
      "tests/test_import_safety.py::test_shrink_threshold"),
    m("safety-shrink-boundary", "site_builder/importers/__init__.py", "held >= SHRINK_FROM and",
      "held > SHRINK_FROM and", "tests/test_import_safety.py::test_shrink_threshold"),
    m("safety-shrink-counts-vanished", "site_builder/importers/__init__.py",
      ' and record.get("disparu_de_la_source") is None)', ")", "tests/test_import_safety.py::test_shrink_threshold"),
    m("safety-forcer-ignored", "site_builder/importers/__init__.py", "    if not force:", "    if True:",
      "tests/test_import_safety.py::test_forcer_imports_the_short_file_and_flags_the_rest"),
    m("safety-position-not-screened", "site_builder/importers/plausible.py",
      "if not section and POSITION_KEYS & item.fields.keys():", "if False:",
      "tests/test_import_safety.py::test_impossible_position_of_a_new_record_is_refused"),
    m("safety-no-france-box", "site_builder/importers/plausible.py",
      "if not any(inside(lat, lon, box) for box in FRANCE.values()):", "if False:",
      "tests/test_import_safety.py::test_impossible_position_of_a_new_record_is_refused"),
    m("safety-no-territory-box", "site_builder/importers/plausible.py",
      "if territory and not inside(lat, lon, territory):", "if False:",
      "tests/test_import_safety.py::test_impossible_position_of_a_new_record_is_refused"),
    m("safety-nan-position-accepted", "site_builder/importers/plausible.py",
      "not (math.isfinite(lat) and math.isfinite(lon))", "False",
      "tests/test_import_safety.py::test_impossible_position_of_a_new_record_is_refused"),
    m("safety-price-bounds-ignored", "site_builder/importers/plausible.py",
      'return report.errors[0].message.rstrip(".") if report.errors else ""', 'return ""',
      "tests/test_import_safety.py::test_price_bounds_are_the_schema_bounds"),
    m("safety-garder-word-read-as-letters", "site_builder/kinds/structures.py",
      "items = [value] if isinstance(value, (str, int, float)) else list(value or ())", "items = list(value or ())",
      "tests/test_import_safety.py::test_garder_as_a_single_word"),
    m("safety-garder-position-half-kept", "site_builder/kinds/structures.py",
      "frozenset(names | set(POSITION) if names & set(POSITION) else names)", "frozenset(names)",
      "tests/test_import_safety.py::test_a_kept_position_is_kept_whole"),
    m("safety-garder-unknown-accepted", "site_builder/kinds/structures.py", "    if raw in KEEPABLE:", "    if True:",
      "tests/test_import_safety.py::test_unknown_name_in_garder_is_a_located_error"),
    m("safety-homonyms-one-id", "site_builder/importers/merge.py", "    taken.add(ident)", "",
      "tests/test_import_safety.py::test_homonyms_in_one_commune_get_two_stable_ids"),
    m("safety-homonym-ids-follow-file-order", "site_builder/importers/__init__.py",
      "return [by_id[key] for key in sorted(by_id)]", "return list(by_id.values())",
      "tests/test_import_safety.py::test_homonyms_in_one_commune_get_two_stable_ids"),
    m("safety-vanished-reflagged", "site_builder/importers/merge.py",
      'if key not in seen and record.get("disparu_de_la_source") is None:', "if key not in seen:",
      "tests/test_import_safety.py::test_vanished_record_is_flagged_once_with_its_first_date"),
    m("safety-back-never-unflagged", "site_builder/importers/merge.py",
      '            del record["disparu_de_la_source"]', "            pass",
      "tests/test_import_safety.py::test_record_back_in_the_source_is_unflagged_once"),
    m("safety-yaml-alias-written", "site_builder/importers/yamlfile.py",
      "    yaml.representer.ignore_aliases = lambda *args: True", "",
      "tests/test_import_safety.py::test_homonyms_in_one_commune_get_two_stable_ids"),
    m("safety-geocoder-ignores-garder", "site_builder/importers/geocoder.py",
      'kept_names(record.get("garder")) & set(POSITION)', "False",
      "tests/test_geocoder.py::test_kept_positions_and_examples_are_left_alone"),
    m("safety-geocoder-ignores-exemple", "site_builder/importers/geocoder.py", "if is_example(record) or kept_names",
      "if kept_names", "tests/test_geocoder.py::test_kept_positions_and_examples_are_left_alone"),
    m("safety-geocoder-no-watchdog", "site_builder/importers/deadline.py", "    watchdog.start()", "    pass",
      "tests/test_geocoder.py::test_each_request_has_its_own_deadline"),
    m("safety-geocoder-other-commune-accepted", "site_builder/importers/geocoder.py",
      'if town != str(record.get("code_insee", ""))', "if False",
      "tests/test_geocoder.py::test_an_answer_in_another_commune_is_refused"),
    m("safety-geocoder-garbage-cached", "site_builder/importers/geocoder.py",
      "cache.update((key, row) for key, row in fresh.items() if not _unreadable(row))", "cache.update(fresh)",
      "tests/test_geocoder.py::test_garbage_score_is_unreadable_not_imprecise_and_not_cached"),
    m("safety-geocoder-position-unchecked", "site_builder/importers/geocoder.py",
      'position_refusal(float(answer["latitude"]), float(answer["longitude"]), box)', '""',
      "tests/test_geocoder.py::test_impossible_positions_are_refused_never_placed"),
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
