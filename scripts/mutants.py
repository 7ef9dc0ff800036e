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
JS_HOURS = "content/assets/javascripts/horaires.js"
JS_COSTS = "content/assets/javascripts/reste-a-charge.js"
HOURS_PY = "tests/test_horaires.py::test_open_now_in_python"
HOURS_JS = "tests/test_horaires.py::test_open_now_in_the_browser"
COSTS_PY = "tests/test_costs.py::test_halves_round_up_on_the_decimal_value"
COSTS_JS = "tests/test_costs.py::test_the_browser_rounds_and_estimates_as_the_vectors_say"
SAFE_BOOK = "tests/test_classeur_safety.py"
SAFE_NEW = "tests/test_nouveau_safety.py"
SCALE = "tests/test_classeur_scale.py"
MUTANTS = [
    # Pro fields: every one of the four, in every public output.
    m("geojson-telephone-pro", "site_builder/exports.py", '"telephone": s.telephone,',
      '"telephone": s.pro.telephone_direct if s.pro else s.telephone,', PRIVACY),
    m("fiche-pro-block-public", "site_builder/render/templates/structure.md.j2",
      '{% if model.edition == "pro" and s.pro %}', "{% if s.pro %}", PRIVACY),
    m("stale-page-public", "site_builder/render/repertoire.py", 'if model.edition == "pro":', "if True:", PRIVACY),
    # The territory box, each bound.
    m("box-no-north", "site_builder/kinds/structures.py", "south <= latitude <= north and",
      "south <= latitude and", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    m("box-no-east", "site_builder/kinds/structures.py", "west <= longitude <= east:",
      "west <= longitude:", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    m("box-no-south", "site_builder/kinds/structures.py", "south <= latitude <= north and",
      "latitude <= north and", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    m("box-no-west", "site_builder/kinds/structures.py", "west <= longitude <= east:",
      "longitude <= east:", "tests/test_safety.py::test_position_outside_each_side_of_the_territory"),
    # Distances: the cos(latitude) factor, in Python and in the browser.
    m("python-distance-no-cos", "site_builder/kinds/structures.py", "math.cos(p1) * math.cos(p2) * ", "",
      "tests/test_safety.py::test_python_distance_between_two_real_communes"),
    m("js-distance-no-cos", "content/assets/javascripts/geo.js", "Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * ",
      "", "tests/test_safety.py::test_browser_distance_between_two_real_communes"),
    # The dashboard, against a hand-counted axe.
    m("dashboard-every-action-in-every-axe", "site_builder/render/tracking_pages.py",
      "counts(model, latest, axis.actions)", "counts(model, latest)",
      "tests/test_safety.py::test_dashboard_counts_match_a_hand_counted_axe"),
    # Opening hours: a day range over the end of the week (Fr-Mo) is valid and means what it says.
    m("opening-hours-no-week-wrap", "site_builder/opening_hours.py", "range((end - start) % 7 + 1)",
      "range(end - start + 1)", "tests/test_safety.py::test_wrapping_day_range_is_valid"),
    # Previous and next on action pages.
    m("action-neighbours-swapped", "site_builder/render/programme_pages.py",
      "previous=actions[index - 1] if index else None",
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
    m("changes-ignore-new-actions", "site_builder/render/tracking_pages.py", "if after and (not before or ",
      "if after and before and (", "tests/test_safety.py::test_first_review_of_an_action_counts_as_a_change"),
    # Publishing: the build goes to a staging directory (the publishing work owns its test).
    m("build-straight-into-site", "site_builder/plugin.py", "config.site_dir = str(_publishing(self.output.prepare))",
      "_publishing(self.output.prepare)", "tests/test_build.py"),
    # Third-party requests: emoji shortcodes.
    m("data-shortcodes-not-escaped", "site_builder/render/markdown.py", 'text = _SHORTCODE.sub("&#58;", text)', "",
      "tests/test_corpus.py::test_emoji_shortcodes_make_no_external_request"),
    m("emoji-from-cdn", "site_builder/emoji.py", "md)\n    return emoji.to_alt(", "md)\n    return material.to_svg(",
      "tests/test_corpus.py::test_emoji_shortcodes_make_no_external_request"),
    # CSV injection, and numbers left usable.
    m("csv-formula-kept", "site_builder/exports.py", "return \"'\" + value", "return value",
      "tests/test_safety.py::test_csv_cells_cannot_run_as_formulas"),
    m("csv-numbers-quoted", "site_builder/exports.py", " or NUMBER.fullmatch(value)", "",
      "tests/test_safety.py::test_csv_cells_cannot_run_as_formulas"),
    # Newsletter HTML: page, e-mail and feed, and tracking images.
    m("issue-page-unsanitised", "site_builder/plugin.py", "html = sanitize.clean(html)", "html = html",
      "tests/test_corpus.py::test_newsletter_html_is_sanitised_everywhere"),
    m("email-and-feed-unsanitised", "site_builder/render/newsletter_pages.py",
      "return sanitize.clean(html, model.site_url)",
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
    m("text-invisible-characters", "site_builder/converters.py", "if hidden := invisible(node):",
      'if hidden := invisible(""):', "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("text-c1-controls-kept", "site_builder/converters.py", ' or "\\x7f" <= char <= "\\x9f"', ' or char == "\\x7f"',
      "tests/test_corpus.py::test_no_raw_control_character_in_any_output"),
    # A fuzz test must not pass on an empty list of errors.
    m("error-report-emptied", "site_builder/validate.py", "raise DataValidationError(report)",
      "raise DataValidationError(type(report)())",
      "tests/test_fuzz.py::test_any_bytes_as_a_data_file_give_located_errors"),
    # Opening hours and costs (issue 22)
    m("open-now-py-opening-minute", "site_builder/open_now.py", "if start <= minutes < end:",
      "if start < minutes < end:", HOURS_PY),
    m("open-now-js-opening-minute", JS_HOURS, "current[i][0] <= minutes && minutes < current[i][1]",
      "current[i][0] < minutes && minutes < current[i][1]", HOURS_JS),
    m("open-now-js-closing-minute", JS_HOURS, "current[i][0] <= minutes && minutes < current[i][1]",
      "current[i][0] <= minutes && minutes <= current[i][1]", HOURS_JS),
    m("open-now-py-no-night-after-midnight", "site_builder/open_now.py",
      "return [[start - DAY, end - DAY] for start, end in before if end > DAY] + own", "return own", HOURS_PY),
    m("open-now-js-no-night-after-midnight", JS_HOURS,
      "return night.map(function (s) { return [s[0] - 1440, s[1] - 1440]; }).concat(own);", "return own;",
      HOURS_JS),
    m("open-now-night-not-cut-by-later-rule", "site_builder/open_now.py",
      "days[(day - 1) % 7] = [[start, min(end, DAY)] for start, end in days[(day - 1) % 7]]", "pass",
      "tests/test_horaires.py::test_rules_apply_in_order_as_osm_says"),
    m("open-now-py-holiday-ignored", "site_builder/open_now.py", 'if day.isoformat() in feries:\n        return',
      'if False:\n        return', HOURS_PY),
    m("open-now-js-holiday-ignored", JS_HOURS, "if (isHoliday(d, holidays)) return rules.feries;", "", HOURS_JS),
    m("closure-js-first-day-open", JS_HOURS, "c.du <= day && day <= c.au", "c.du < day && day <= c.au", HOURS_JS),
    m("closure-js-last-day-open", JS_HOURS, "c.du <= day && day <= c.au", "c.du <= day && day < c.au", HOURS_JS),
    m("closure-py-last-day-open", "site_builder/open_now.py", 'closure["du"] <= day.isoformat() <= closure["au"]',
      'closure["du"] <= day.isoformat() < closure["au"]', HOURS_PY),
    m("closure-dropped-when-built-on-its-last-day", "site_builder/open_now.py", "item.fermeture_temporaire.au >= today",
      "item.fermeture_temporaire.au > today",
      "tests/test_horaires.py::test_a_site_built_on_the_last_closure_day_still_says_closed"),
    m("closed-monday-announced-as-opening", JS_HOURS, "spans = ownSpans(rules, day, holidays) || [];",
      "spans = rules.jours[weekday(day)];", HOURS_JS),
    m("hours-replacing-rule-accepted", "site_builder/opening_hours.py", "    _check_replacements(rules)", "",
      "tests/test_horaires.py::test_refused_hours_are_located_with_the_fix"),
    m("hours-24-30-accepted", "site_builder/opening_hours.py", 'if clock == "24:00" and end:',
      'if clock.startswith("24") and end:', "tests/test_horaires.py::test_refused_hours_are_located_with_the_fix"),
    m("costs-py-halves-to-even", "site_builder/costs.py",
      "return float(decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))",
      'return float(decimal.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_EVEN"))', COSTS_PY),
    m("costs-py-binary-value-rounded", "site_builder/costs.py",
      "decimal = _FIFTEEN_DIGITS.create_decimal_from_float(value)", "decimal = Decimal(value)", COSTS_PY),
    m("costs-js-floor-plus-half", JS_COSTS, "function roundEuro(value) { return roundHalfUp(value, 0); }",
      "function roundEuro(value) { return Math.floor(value + 0.5); }", COSTS_JS),
    m("costs-js-half-not-up", JS_COSTS, '(digits.charAt(keep) >= "5" ? 1 : 0)', '(digits.charAt(keep) > "5" ? 1 : 0)',
      COSTS_JS),
    m("costs-py-couple-ignored", "site_builder/costs.py", "divisor = scale.diviseur_couple if household.couple else 1",
      "divisor = 1", "tests/test_costs.py::test_living_as_a_couple_changes_the_estimate"),
    m("costs-js-couple-ignored", JS_COSTS, "var divisor = household.couple ? scale.diviseur_couple : 1;",
      "var divisor = 1;", COSTS_JS),
    m("costs-js-couple-choice-not-read", JS_COSTS, 'couple: form.elements.foyer.value === "couple"', "couple: false",
      "tests/test_costs.py::test_the_estimate_follows_the_gir_on_a_phone"),
    m("costs-js-figure-before-income", JS_COSTS, 'if (band === "" || gir === "") return null;',
      'if (band === "" && gir === "") return null;',
      "tests/test_residents_costs.py::test_the_estimate_waits_for_both_answers_then_sets_it_against_the_income"),
    # FINESS (issue 21): postcode, boxes, street types, names, positions, encoding, JSON, merge of sections, ids.
    m("finess-cedex-postcode", "site_builder/importers/addresses.py",
      'if named in codes and not re.search(r"\\bCEDEX\\b", routing_line, re.I):', "if named:",
      "tests/test_finess_real.py::test_postcode_of_the_commune",
      "tests/test_finess_real.py::test_postcodes_are_the_communes_and_no_box_reaches_an_address"),
    m("finess-box-kept", "site_builder/importers/addresses.py",
      'return " ".join(BOX.sub(" ", text).split()).strip(" ,-")', 'return " ".join(text.split())',
      "tests/test_finess_real.py::test_postcodes_are_the_communes_and_no_box_reaches_an_address"),
    m("finess-grande-rue-lowercase", "site_builder/importers/addresses.py", '"GR": "Grande Rue"', '"GR": "grande rue"',
      "tests/test_finess_real.py::test_street_types_are_expanded"),
    m("finess-a-never-grave", "site_builder/importers/names.py",
      '"à" if following in BEFORE_A_GRAVE else word', "word", "tests/test_finess_real.py::test_names_in_good_french"),
    m("finess-particles-capitalised", "site_builder/importers/names.py",
      "if key in PARTICLES or (common and key in COMMON):", "if common and key in COMMON:",
      "tests/test_finess_real.py::test_names_in_good_french"),
    m("finess-long-name-always", "site_builder/importers/names.py", "        return short\n    return long",
      "        return long\n    return long", "tests/test_finess_real.py::test_short_or_long_name"),
    m("finess-reader-invents-position", "site_builder/importers/finess.py", "    if position:\n",
      "    position = position or (town.latitude, town.longitude)\n    if position:\n",
      "tests/test_finess_real.py::test_a_missing_position_row_keeps_the_position_in_the_file"),
    m("finess-utf8-read-as-latin1", "site_builder/importers/finess_csv.py", 'return "utf-8" if utf8 else "latin-1"',
      'return "latin-1"', "tests/test_finess_real.py::test_a_utf8_file_is_read_as_utf8"),
    m("finess-impossible-position-kept", "site_builder/importers/finess_csv.py", "and wanted[number](lat, lon)",
      "and True", "tests/test_finess_real.py::test_impossible_coordinates_are_refused_and_reported"),
    m("finess-json-coordinates-by-name", "site_builder/importers/finess_json.py", "candidates = [(b, a), (a, b)]",
      "candidates = [(b, a)]", "tests/test_finess_real.py::test_the_json_flow_is_detected_and_read"),
    m("finess-section-replaced", "site_builder/importers/merge.py", "if isinstance(value, dict) and not section:",
      "if False:", "tests/test_finess_real.py::test_a_senior_section_is_updated_key_by_key"),
    m("finess-id-counter", "site_builder/importers/finess.py", 'else f"{base}-{number}"', 'else f"{base}-2"',
      "tests/test_finess_real.py::test_a_taken_id_gets_the_finess_number_not_a_counter"),
    m("finess-ime-unmapped", "site_builder/importers/finess.py", '    "183": "ime",', "",
      "tests/test_finess_real.py::test_every_category_of_the_file_lands_on_its_typology"),
    m("finess-non-habilite-read-as-habilite", "site_builder/importers/finess.py", 'and "non habilité" not in mft',
      "", "tests/test_finess_real.py::test_the_ehpad_010002228_as_a_visitor_reads_it"),
    m("finess-truncated-file-accepted", "site_builder/importers/finess_csv.py",
      "if not ends_cleanly and len(last) < expected:", "if False:",
      "tests/test_finess_real.py::test_unreadable_files_are_refused_in_french"),
    m("finess-siret-length", "site_builder/formats.py", 'siret = _pattern(r"\\d{14}"', 'siret = _pattern(r"\\d{13,15}"',
      "tests/test_finess_real.py::test_siret_is_fourteen_digits"),
    m("finess-publics-overwritten", "site_builder/importers/finess.py",
      "        if item.id_source in known:\n            continue\n", "",
      "tests/test_finess_real.py::test_ids_and_coordinator_fields_survive_a_re_import"),
    # CNSA, DILA, data·inclusion (issue 21)
    m("cnsa-no-territory-filter", "site_builder/importers/cnsa.py", "if number not in wanted:", "if False:",
      "tests/test_cnsa.py::test_real_price_file_reports_on_the_territory_only"),
    m("cnsa-zero-is-a-price", "site_builder/importers/cnsa.py", "return number if number > 0 or",
      "return number if number >= 0 or", "tests/test_cnsa.py::test_flattened_directory_csv_is_read"),
    m("cnsa-no-price-bounds", "site_builder/importers/cnsa.py", "if not low <= value <= high:", "if False:",
      "tests/test_cnsa.py::test_impossible_prices_are_refused_and_reported"),
    m("cnsa-temporary-price-dropped", "site_builder/importers/cnsa.py",
      '"prix_journalier": "prixHebPermCs", "prix_journalier_temporaire": "prixHebTempCs",',
      '"prix_journalier": "prixHebPermCs",', "tests/test_cnsa.py::test_real_price_reaches_the_ehpad_fiche"),
    m("cnsa-gir12-read-from-gir34", "site_builder/importers/cnsa.py", '"tarif_dependance_gir12": "TARIF_GIR_12"',
      '"tarif_dependance_gir12": "TARIF_GIR_34"', "tests/test_cnsa.py::test_real_price_reaches_the_ehpad_fiche"),
    m("cnsa-oldest-update-wins", "site_builder/importers/cnsa.py", "> (day or dt.date.min):",
      "< (day or dt.date.min):", "tests/test_cnsa.py::test_a_number_given_twice_keeps_the_latest_update"),
    m("senior-status-unknown-blank", "site_builder/render/senior_facts.py",
      "return SENIOR_STATUSES.get(housing.statut, STATUS_UNKNOWN)", 'return SENIOR_STATUSES.get(housing.statut, "")',
      "tests/test_cnsa.py::test_real_price_reaches_the_ehpad_fiche"),
    m("dila-msap-unmapped", "site_builder/importers/annuaire.py", '    "msap": "france-services",',
      '    "msap-old": "france-services",',
      "tests/test_annuaire.py::test_real_msap_record_is_imported_as_france_services"),
    m("dila-served-commune-page-empty", "site_builder/render/repertoire.py",
      "serving=serving.get(commune.code_insee, [])", "serving=[]",
      "tests/test_annuaire.py::test_archive_as_downloaded_with_an_office_serving_two_communes"),
    m("dila-served-repeats-own-commune", "site_builder/importers/annuaire.py", "& set(towns) - {code}))",
      "& set(towns)))", "tests/test_annuaire.py::test_archive_as_downloaded_with_an_office_serving_two_communes"),
    m("dila-archive-read-as-json", "site_builder/importers/annuaire.py",
      'if not start.startswith((b"BZh", b"\\x1f\\x8b")) and not tarfile.is_tarfile(path):', "if True:",
      "tests/test_annuaire.py::test_archive_as_downloaded_with_an_office_serving_two_communes"),
    m("dila-layout-unchecked", "site_builder/importers/annuaire.py", "        if offices:\n            match_layout(",
      "        if False:\n            match_layout(",
      "tests/test_annuaire.py::test_unknown_layout_names_the_columns_expected_and_found"),
    m("position-latitude-unchecked", "site_builder/importers/reading.py",
      "return abs(latitude - centre[0]) <= NEAR_TOWN and", "return True and",
      "tests/test_annuaire.py::test_impossible_positions_fall_back_to_the_commune_centre"),
    m("phone-plus-33-zero", "site_builder/importers/reading.py", 'if digits.startswith("330") and len(digits) == 12:',
      "if False:", "tests/test_annuaire.py::test_phone_numbers"),
    m("csv-comma-only", "site_builder/importers/reading.py", "delimiter = max(DELIMITERS, key=header.count)",
      'delimiter = ","', "tests/test_inclusion_import.py::test_csv_in_any_delimiter_and_encoding_is_read"),
    m("decode-no-utf16", "site_builder/importers/reading.py", "((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),",
      "((b\"\\xff\\xff\\xff\",),", "tests/test_cnsa.py::test_price_file_in_another_encoding_is_read"),
    m("inclusion-services-ignored", "site_builder/importers/data_inclusion.py", 'offers = _offers(tables["services"])',
      "offers = _offers([])", "tests/test_inclusion_import.py::test_services_give_their_structure_themes_and_publics"),
    m("inclusion-private-contact-published", "site_builder/importers/data_inclusion.py",
      'public = str(row.get("contact_public", "")).strip().lower() not in NOT_PUBLIC', "public = True",
      "tests/test_inclusion_import.py::test_contact_marked_not_public_is_not_published"),
    m("inclusion-missing-date-kept", "site_builder/importers/data_inclusion.py",
      '(("id", ident), ("nom", name), ("date_maj", day))', '(("id", ident), ("nom", name))',
      "tests/test_inclusion_import.py::test_a_record_missing_a_field_is_reported_and_the_others_kept"),
    # Refresh and CI (issue 26)
    m("refresh-no-conditional-request", "site_builder/refresh/download.py", 'headers["If-None-Match"] = old.etag',
      'headers["X-Etag"] = old.etag',
      "tests/test_refresh.py::test_second_run_gets_304_then_one_change_is_reported_exactly"),
    m("refresh-foreign-redirect-followed", "site_builder/refresh/download.py",
      "if not allowed_host(self.host, new_host):", "if False:",
      "tests/test_refresh.py::test_redirect_to_another_host_is_refused"),
    m("refresh-truncated-body-accepted", "site_builder/refresh/download.py",
      "if expected and expected.isdigit() and received != int(expected):", "if False:",
      "tests/test_refresh.py::test_each_failure_leaves_the_data_untouched"),
    m("refresh-failed-source-exits-0", "site_builder/refresh/report.py",
      "if self.invalid or any(o.error for o in self.outcomes) or not self.outcomes:", "if self.invalid:",
      "tests/test_refresh.py::test_failing_source_is_named_and_its_records_untouched_while_others_go_on"),
    m("refresh-invalid-result-kept", "site_builder/refresh/pipeline.py",
      '            _restore(data_dir / "structures.yml", before)\n',
      "            pass\n", "tests/test_refresh.py::test_result_that_does_not_validate_is_not_written"),
    m("refresh-304-reported-as-new-file", "site_builder/refresh/pipeline.py",
      "outcome.unchanged_file, outcome.file_date = fetched.unchanged,",
      "outcome.unchanged_file, outcome.file_date = False,",
      "tests/test_refresh.py::test_second_run_gets_304_then_one_change_is_reported_exactly"),
    m("freshness-line-dropped-from-repertoire", "site_builder/render/templates/repertoire.md.j2",
      '{% include "blocks/fraicheur.md.j2" %}', "",
      "tests/test_refresh.py::test_home_and_repertoire_say_which_national_files_the_fiches_come_from"),
    m("ci-checkout-pinned-by-tag", "site_builder/ci_templates/github-site.yml",
      "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "actions/checkout@v7 # v7.0.1",
      "tests/test_ci_files.py::test_actions_are_pinned_by_commit_with_their_version"),
    m("ci-credentials-persisted", "site_builder/ci_templates/github-rafraichir.yml",
      "        with:\n          persist-credentials: false\n      - uses: actions/setup-python",
      "      - uses: actions/setup-python",
      "tests/test_ci_files.py::test_zizmor_finds_nothing"),
    m("ci-refresh-job-writes-everything", "site_builder/ci_templates/github-rafraichir.yml",
      "permissions: {}", "permissions: write-all", "tests/test_ci_files.py::test_least_permissions"),
    # Practitioners (issue 23)
    m("praticiens-replacement-listed", "site_builder/importers/annuaire_sante.py",
      "return code == STANDARD_GENRE", "return True",
      "tests/test_practitioners.py::test_left_out_replacement_outside_and_no_activity"),
    m("praticiens-no-commune-by-postcode-and-name", "site_builder/importers/annuaire_sante.py",
      'return self.by_name.get((values["code_postal"], town_key(values["commune"])))', "return None",
      "tests/test_practitioners.py::test_commune_by_postcode_and_name_when_the_code_is_empty"),
    m("praticiens-any-savoir-faire-row", "site_builder/importers/practices.py",
      'row = min(rows, key=lambda r: (r["savoir_faire_code"] not in GENERAL_PRACTICE, not r["savoir_faire"]))',
      "row = rows[-1]", "tests/test_practitioners.py::test_practices_of_the_territory_grouped_by_place"),
    m("praticiens-departures-unreported", "site_builder/importers/practices.py",
      '_count("−", before - after, " (parti)")', '_count("−", set(), " (parti)")',
      "tests/test_practitioners.py::test_second_import_reports_arrivals_departures_and_moves"),
    m("praticiens-geocoded-place-overwritten", "site_builder/importers/practices.py",
      "if key not in PLACED_BY_GEOCODER}", "}",
      "tests/test_practitioners.py::test_unchanged_import_writes_nothing_and_keeps_the_geocoded_place"),
    m("praticiens-numbers-in-public-edition", "site_builder/render/professionals_pages.py", 'if edition == "pro":',
      "if True:", "tests/test_practitioners_site.py::test_no_number_nor_email_of_the_file_in_the_public_site"),
    m("praticiens-no-join-by-address", "site_builder/kinds/professionals.py",
      "host = host or by_address.get(_address(item))", "host = host",
      "tests/test_practitioners.py::test_practices_join_the_msp_by_finess_or_address_unless_named_elsewhere"),
    m("praticiens-no-join-by-finess", "site_builder/kinds/professionals.py",
      "host = by_finess.get(item.finess) if item.finess else None", "host = None",
      "tests/test_practitioners.py::test_practices_join_the_msp_by_finess_or_address_unless_named_elsewhere"),
    m("praticiens-person-counted-twice-in-territory", "site_builder/render/professionals_pages.py",
      "who = (person.rpps or person.adeli or person.label, person.profession)",
      "who = (item.id, person.label, person.profession)",
      "tests/test_practitioners.py::test_density_counts_a_person_in_each_commune_and_once_for_the_territory"),
    m("praticiens-density-per-1000", "site_builder/render/professionals_pages.py", "PER_INHABITANTS = 10_000",
      "PER_INHABITANTS = 1_000", "tests/test_practitioners_site.py::test_the_commune_page_lists_its_professionals_"
      "and_their_density"),
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
    m("safety-forcer-ignored", "site_builder/importers/__init__.py", "    if not force and batch.add_new:",
      "    if batch.add_new:",
      "tests/test_import_safety.py::test_forcer_imports_the_short_file_and_flags_the_rest"),
    # After the merge of the readers: an update-only batch (CNSA) is not refused for bringing nothing.
    m("safety-update-only-refused", "site_builder/importers/__init__.py", "    if not force and batch.add_new:",
      "    if not force:", "tests/test_real_files.py::test_cnsa_with_nothing_of_the_territory_reports_it"),
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
      "yaml_files.dump(document, expand_aliases=True)", "yaml_files.dump(document)",
      "tests/test_import_safety.py::test_homonyms_in_one_commune_get_two_stable_ids"),
    m("safety-geocoder-ignores-garder", "site_builder/importers/geocoder.py",
      'kept_names(record.get("garder")) & set(POSITION)', "False",
      "tests/test_geocoder.py::test_kept_positions_and_examples_are_left_alone"),
    m("safety-geocoder-ignores-exemple", "site_builder/importers/geocoder.py", "if is_example(record) or kept_names",
      "if kept_names", "tests/test_geocoder.py::test_kept_positions_and_examples_are_left_alone"),
    m("safety-geocoder-no-watchdog", "site_builder/importers/deadline.py", "    watchdog.start()", "    pass",
      "tests/test_geocoder.py::test_each_request_has_its_own_deadline"),
    m("safety-geocoder-other-commune-accepted", "site_builder/importers/geocoder.py",
      "if town != own else", "if False else",
      "tests/test_geocoder.py::test_an_answer_in_another_commune_is_refused"),
    m("safety-geocoder-garbage-cached", "site_builder/importers/geocoder.py",
      "cache.update((key, row) for key, row in fresh.items() if not _unreadable(row))", "cache.update(fresh)",
      "tests/test_geocoder.py::test_garbage_score_is_unreadable_not_imprecise_and_not_cached"),
    m("safety-geocoder-position-unchecked", "site_builder/importers/geocoder.py",
      'position_refusal(float(answer["latitude"]), float(answer["longitude"]), box)', '""',
      "tests/test_geocoder.py::test_impossible_positions_are_refused_never_placed"),
    # Issue 22, last defects: workbook scale, hand pages' front matter, a refused site/, one cause one error,
    # ports and hosts, emoji and images of the newsletter's e-mail and feed.
    m("scale-splice-span-off-by-one", "site_builder/spreadsheet/splice.py", "ends = [*starts[1:], len(lines)]",
      "ends = [*(start + 1 for start in starts[1:]), len(lines)]",
      "tests/test_classeur_scale.py::test_edited_fields_rewrite_only_their_records_as_a_whole_round_trip_would"),
    m("scale-missing-list-file-spliced", "site_builder/spreadsheet/importer.py",
      "if file not in probe.touched or not (data_dir / file).is_file():", "if file not in probe.touched:",
      "tests/test_classeur.py::test_files_missing_from_the_data_are_created_from_the_spreadsheet_with_the_same_content"),
    m("scale-touched-file-kept-plain", "site_builder/spreadsheet/importer.py",
      "if file not in redo and (data_dir / file).is_file()}", "if file not in redo}",
      "tests/test_classeur.py::test_files_missing_from_the_data_are_created_from_the_spreadsheet_with_the_same_content",
      "tests/test_classeur_whole.py::test_a_year_without_any_status_says_where_to_type_them"),
    m("scale-every-file-round-tripped", "site_builder/spreadsheet/importer.py",
      "documents.load_all(data_dir, only=redo)", "documents.load_all(data_dir)",
      "tests/test_classeur_scale.py::test_an_unchanged_workbook_round_trips_no_file"),
    m("front-matter-unclosed-published", "site_builder/checks.py", "    if not match:\n        report.add",
      "    if False:\n        report.add", "tests/test_errors_located.py::test_validate_gives_a_located_error"),
    m("front-matter-list-published", "site_builder/checks.py", "    if not isinstance(value, dict):", "    if False:",
      "tests/test_errors_located.py::test_validate_gives_a_located_error"),
    m("front-matter-date-unlocated", "site_builder/checks.py", "return node.start_mark.line + 2", "return 1",
      "tests/test_errors_located.py::test_validate_gives_a_located_error"),
    m("publication-no-rollback", "site_builder/output.py",
      "                self._old.rename(self.target)\n            raise",
      "                pass\n            raise",
      "tests/test_publication.py::test_a_refused_second_rename_puts_the_previous_site_back"),
    m("publication-refusal-traceback", "site_builder/output.py",
      "            raise PublicationError(refused(self.target, error)) from None\n        return self.staging",
      "            raise\n        return self.staging",
      "tests/test_publication.py::test_a_parent_folder_that_refuses_the_staging_folder_is_a_french_error"),
    m("cascade-each-reference-reported", "site_builder/validate.py",
      "_report_missing(found[0], ctx.ids.get(kind, {}), ctx.report, found[1:], organisations)",
      "[_report_missing(ref, ctx.ids.get(kind, {}), ctx.report, [], organisations) for ref in found]",
      "tests/test_errors_wording.py::test_a_renamed_organisation_is_one_error_counting_the_references_it_breaks"),
    m("cascade-absent-file-as-references", "site_builder/validate.py", "if SOURCES.get(kind) in absent:", "if False:",
      "tests/test_errors_wording.py::test_a_missing_structures_file_is_one_error_at_that_file"),
    m("url-port-zero", "site_builder/formats.py", "not 0 < port <= 65535", "not 0 <= port <= 65535",
      "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("url-port-unparsed", "site_builder/formats.py", "        port = -1", "        port = None",
      "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("url-single-label-host", "site_builder/formats.py", "if len(labels) < 2 or not all(", "if not all(",
      "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("url-ipv4-unchecked", "site_builder/formats.py", " and all(int(n) <= 255 for n in host.split(\".\"))", "",
      "tests/test_safety.py::test_unsafe_values_are_located_errors"),
    m("url-ipv6-refused", "site_builder/formats.py", 'if ":" in host or (', "if (",
      "tests/test_safety.py::test_ports_and_hosts_a_browser_reaches_stay_accepted"),
    m("newsletter-email-emoji-raw", "site_builder/render/newsletter_pages.py",
      "extensions=[*EXTENSIONS, *EMAIL_EMOJI]", "extensions=EXTENSIONS",
      "tests/test_newsletter.py::test_emoji_shortcodes_are_characters_in_the_email_and_the_feed"),
    m("newsletter-text-emoji-raw", "site_builder/render/newsletter_pages.py",
      'text = characters(re.sub(r"<!--.*?-->\\n?", "", issue.corps, flags=re.S))',
      'text = re.sub(r"<!--.*?-->\\n?", "", issue.corps, flags=re.S)',
      "tests/test_newsletter.py::test_emoji_shortcodes_are_characters_in_the_email_and_the_feed"),
    m("newsletter-protocol-relative-as-path", "site_builder/render/newsletter_pages.py",
      '    if target.startswith("//"):', '    if False:',
      "tests/test_newsletter.py::test_a_protocol_relative_image_is_dropped_and_a_link_made_https"),
    m("newsletter-relative-image-unchecked", "site_builder/render/newsletter_pages.py",
      "if sanitize.is_local(source) and not", "if False and not",
      "tests/test_newsletter.py::test_a_relative_image_without_a_site_url_is_a_located_error"),
    m("inclusion-longitude-is-latitude", "site_builder/inclusion_export.py",
      '"latitude": round(s.latitude, 6),\n        "longitude": round(s.longitude, 6), "telephone": e164(s.telephone), '
      '"courriel": s.courriel,\n        "site_web"',
      '"latitude": round(s.latitude, 6),\n        "longitude": round(s.latitude, 6), "telephone": e164(s.telephone), '
      '"courriel": s.courriel,\n        "site_web"',
      "tests/test_inclusion.py::test_each_exported_value_is_the_structure_s_own"),
    m("inclusion-vanished-exported", "site_builder/inclusion_export.py",
      "if not s.exemple and s.disparu_de_la_source is None]", "if not s.exemple]",
      "tests/test_inclusion.py::test_a_record_vanished_from_its_source_is_not_exported"),
    m("finess-unknown-epsg-stops-import", "site_builder/importers/finess_csv.py",
      "                except CRSError:", "                except ValueError:",
      "tests/test_importers.py::test_a_projection_code_that_does_not_exist_skips_that_row_only"),
    m("sections-subscribe-needs-both", "site_builder/sections.py", "bool(model.events or model.newsletter)",
      "bool(model.events and model.newsletter)",
      "tests/test_sections.py::test_each_optional_list_emptied_alone_hides_only_its_sections"),
    m("sections-seniors-without-structures", "site_builder/sections.py",
      '"seniors": lambda model: bool(model.senior_establishments),', '"seniors": lambda model: True,',
      "tests/test_sections.py::test_each_optional_list_emptied_alone_hides_only_its_sections"),
    m("collision-guide-pdf-forgotten", "site_builder/collisions.py",
      '        made[urls.SENIOR_PDF] = Source(f"le guide seniors en PDF ({urls.SENIOR_PDF})")', "        pass",
      "tests/test_collisions.py::test_a_hand_file_where_the_guide_pdf_goes_is_refused_only_when_the_guide_is_printed"),
    m("finess-saad-read-as-ssiad", "site_builder/importers/finess.py", '"460": "saad",', '"460": "ssiad",',
      "tests/test_finess_real.py::test_ssiad_and_saad_are_not_swapped"),
    m("cascade-commune-per-structure", "site_builder/kinds/structures.py",
      "+ cascade([location for _, location, _ in found])", "+ cascade(found[:1])",
      "tests/test_errors_wording.py::test_a_commune_code_missing_from_communes_is_one_error_for_all_its_structures"),
    # The workbook: records added and removed spliced into the file, values as the file writes them.
    m("splice-removed-record-kept", "site_builder/spreadsheet/splice.py", '        replaced[start] = (end, "")',
      '        replaced[start] = (start, "")', SCALE),
    m("splice-added-record-dropped", "site_builder/spreadsheet/splice.py",
      '_assemble(lines, replaced) + (yaml_files.dump(CommentedSeq(added)) if added else "")',
      '_assemble(lines, replaced)', SCALE),
    m("splice-spans-unsorted", "site_builder/spreadsheet/splice.py",
      "    records = sorted(records, key=lambda record: record.line)\n", "", SCALE),
    m("workbook-leading-zeros-lost", "site_builder/yaml_files.py",
      "    if type(value) is ScalarInt and width and value >= 0:", "    if False:",
      "tests/test_classeur_scale.py::test_numbers_written_with_leading_zeros_are_kept_as_written"),
    m("geocoder-codes-as-numbers", "site_builder/importers/geocoder.py",
      'written(r.get("code_postal", "")), written(r.get("code_insee", ""))',
      'str(r.get("code_postal", "")), str(r.get("code_insee", ""))',
      "tests/test_geocoder.py::test_codes_typed_without_quotes_are_sent_and_compared_as_written"),
    m("geocoder-commune-compared-as-number", "site_builder/importers/geocoder.py",
      'own = written(record.get("code_insee", ""))', 'own = str(record.get("code_insee", ""))',
      "tests/test_geocoder.py::test_codes_typed_without_quotes_are_sent_and_compared_as_written"),
    m("finess-key-as-number", "site_builder/importers/__init__.py", '    return written(record["finess"])',
      '    return str(record["finess"])',
      "tests/test_cnsa.py::test_a_finess_number_typed_without_quotes_is_matched_as_written"),
    m("export-number-as-text", "site_builder/spreadsheet/cells.py",
      "        return number  # the build's reading", "        return value  # the build's reading",
      "tests/test_classeur_scale.py::test_the_export_reads_the_files_as_the_build_and_writes_what_the_round_trip_"
      "reader_wrote"),
    m("export-bool-as-written", "site_builder/spreadsheet/cells.py",
      "        return canonical(value, kind)  # « true »", "        return value  # « true »",
      "tests/test_classeur_scale.py::test_the_export_reads_the_files_as_the_build_and_writes_what_the_round_trip_"
      "reader_wrote"),
    m("export-action-id-as-written", "site_builder/spreadsheet/export.py",
      'str(int(part)) if str(part).isdigit() else str(part)', "str(part)",
      "tests/test_classeur_scale.py::test_numbers_written_with_leading_zeros_are_kept_as_written"),
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
