"""Maps of structures, drawn by folium and made safe for a static, CDN-free, instantly-navigated site.

folium 0.20 as it comes loads its assets from four CDNs, names its elements from random bytes and puts
popup text into pages as raw HTML. Here:
- its assets are dropped: each map block loads the vendored Leaflet and MarkerCluster itself, in the page
  content, so Material's instant navigation (which re-runs scripts of the content) loads them too, and only
  when the map nears the screen (`cartes-a-la-demande.js`);
- element ids are numbered from the map's name, so two builds are byte-identical;
- markers come from one compact data array per layer (`MarkerRows`), serialised with `tojson` (which
  escapes `<`, `>`, `&`, `'`), and `cartes.js` builds each popup with `textContent`: no data field is
  ever parsed as HTML;
- markers are drawn in their family's colour, shape and letter (`map_legend`), listed in a legend under the
  map; maps of several types offer « n'afficher que » one type or one family instead of Leaflet's layer
  control (29 checkboxes, all ticked, said nothing of what a marker is);
- without JavaScript, the map's box is not drawn: a message links to the same places as a list;
- the tiles come from the provider chosen in mkdocs.yml (`carte_fond`), with its attribution, and ask the
  browser to send the site's origin as Referer (OpenStreetMap refuses tile requests without one);
- all layers share one clustering (`FeatureGroupSubGroup`), so markers of different types in one town
  merge into one numbered circle instead of piling up;
- the generated script is wrapped in a function, so running it again after navigation cannot collide
  with the globals of a previous visit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import branca.element
import folium
from folium.plugins import FeatureGroupSubGroup, MarkerCluster
from folium.template import Template
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from site_builder import urls
from site_builder.directory import Structure
from site_builder.render import map_legend
from site_builder.render.markdown import href
from site_builder.vocabularies import TYPOLOGY_GROUPS


@dataclass(frozen=True)
class Tiles:
    url: str
    attribution: str
    max_zoom: int = 19


# The background maps a site may choose in mkdocs.yml (`carte_fond`); the first is the default.
TILE_PROVIDERS: dict[str, Tiles] = {
    "osm": Tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                 '&copy; les contributeurs d’<a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'),
    # Plan IGN v2 from the Géoplateforme's WMTS, no key needed (the same as xyzservices' GeoportailFrance.plan).
    "ign-plan": Tiles("https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                      "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&TILEMATRIXSET=PM_0_19"
                      "&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
                      '&copy; <a href="https://www.ign.fr/">IGN</a> – Plan IGN v2, '
                      '<a href="https://geoservices.ign.fr/">Géoplateforme</a>'),
}
# The browser's default, written out: a site or server policy of « no-referrer » would get OSM tiles refused.
REFERRER_POLICY = "strict-origin-when-cross-origin"
ASSETS_CSS = ("assets/vendor/leaflet/leaflet.css", "assets/vendor/leaflet.markercluster/MarkerCluster.css",
              "assets/vendor/leaflet.markercluster/MarkerCluster.Default.css", "assets/cartes.css")
ASSETS_JS = ("assets/vendor/leaflet/leaflet.js", "assets/vendor/leaflet.markercluster/leaflet.markercluster.js",
             "assets/vendor/leaflet.featuregroup.subgroup/leaflet.featuregroup.subgroup.js",
             "assets/javascripts/cartes.js")
LAZY_JS = "assets/javascripts/cartes-a-la-demande.js"
SINGLE_MARKER_ZOOM = 14


class MarkerRows(branca.element.MacroElement):
    """Adds one marker per row to its parent layer through `cartes.js`: one data array, not one call each."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        window.clsCartes.addMarkers({{ this._parent.get_name() }}, {{ this.rows|tojson }}, {{ this.icon }});
        {% endmacro %}
    """)

    def __init__(self, rows: object, icon: str):
        super().__init__()
        self._name = "MarkerRows"
        self.rows = rows
        self.icon = icon  # a JavaScript expression: the layer's family picture, or null for Leaflet's pin


@dataclass(frozen=True)
class Marker:
    """A place on a map that is not a structure (an event's address); `link` is a page's source path."""

    latitude: float
    longitude: float
    nom: str
    address: str
    link: str
    telephone: str = ""


@dataclass(frozen=True)
class Layer:
    """Markers shown and hidden together; `label` names it in « n'afficher que », `kind` is its typology key."""

    label: str
    structures: Sequence[Structure | Marker]
    kind: str = ""


def structures_map(name: str, title: str, layers: Sequence[Layer], page: str, *, layer_control: bool = False,
                   small: bool = False, tiles: str = "osm",
                   grouping: Mapping[str, tuple[str, ...]] = TYPOLOGY_GROUPS) -> Markup:
    """The HTML block of one map: assets, legend, « n'afficher que », the map element labelled `title`, its script.

    `name` must be unique in the page (it names the JavaScript variables); `page` is the source path of
    the page the map is in, so links and assets resolve relatively. `grouping` gives the families of types.
    """
    structures = [s for layer in layers for s in layer.structures]
    kinds = tuple(layer.kind for layer in layers)
    counts = [len(layer.structures) for layer in layers]
    found = map_legend.families(kinds, counts, grouping)
    family_of = {n: number for number, family in enumerate(found) for n in family.layers}
    script, element = _skeleton(name, len(layers), layer_control, tiles)
    center = [sum(s.latitude for s in structures) / len(structures),
              sum(s.longitude for s in structures) / len(structures)]
    script = script.replace(json.dumps(CENTER), json.dumps([round(c, 5) for c in center]))
    for number, layer in enumerate(layers):
        rows = htmlsafe_json_dumps([_marker_row(s, page) for s in layer.structures])
        script = script.replace(htmlsafe_json_dumps(f"{ROWS}{number}"), rows)
        icon = f"icons[{family_of[number]}]" if number in family_of else "null"
        script = script.replace(f"{ICON}{number}__", icon)
    if len(structures) > 1:
        # Framed as soon as the map exists, before any marker: clusters are computed once, at the final zoom,
        # with no zoom animation, and no tile of the provisional zoom is downloaded.
        created = script.index("\n);\n") + len("\n);\n")
        script = (script[:created] + f"map_{name}_0.fitBounds({json.dumps(_bounds(structures))}, "
                  "{padding: [20, 20], animate: false});\n" + script[created:])
    icons = htmlsafe_json_dumps([map_legend.icon_svg(family.style) for family in found])
    script = f"var icons = {icons};\n{script}\nwindow.clsCartes.ready(map_{name}_0);"
    assets = [f'<link rel="stylesheet" href="{href(css, page)}">' for css in ASSETS_CSS]
    # Leaflet is not loaded with the page: cartes-a-la-demande.js loads it and runs the map's script when the map
    # nears the screen (the map's script is queued, not run, so nothing below the map waits for it).
    assets.append(f'<script src="{href(LAZY_JS, page)}" defer></script>')
    needs = htmlsafe_json_dumps([href(js, page) for js in ASSETS_JS])
    labels = [layer.label for layer in layers]
    # « N'afficher que » above the map, the legend under it: on a phone the map shows in the first screen.
    tools = [map_legend.type_filter(name, found, labels, counts)] if layer_control else []
    tools.append(map_legend.no_script(_fallback(structures)))
    legend = [map_legend.legend(name, found, labels, filters=layer_control)] if found and not small else []
    return Markup(
        # Out of the search index: the legend and « n'afficher que » are controls, not content (the list under
        # the map is indexed); their glued option labels made « pharmcie » match the map page.
        f'<div class="cls-map{" cls-map--small" if small else ""}" role="region" aria-label="{escape(title)}" '
        'data-pagefind-ignore="all">\n'
        + "\n".join(assets + [str(tool) for tool in tools]) + "\n" + element + "\n"
        + "".join(f"{item}\n" for item in legend) + "</div>\n"
        + f"<script>\n(window.clsMapQueue = window.clsMapQueue || []).push([\"map_{name}_0\", "
        f"function () {{\n{script}\n}}, {needs}]);\n</script>\n")


def _fallback(structures: Sequence[Structure | Marker]) -> tuple[str, str]:
    """Where a browser without JavaScript finds the map's places: the list under a map, or the place on OSM."""
    if len(structures) > 1:
        return "Voir la liste des structures de la carte.", "#liste-des-structures-de-la-carte"
    here = structures[0]
    return ("Voir ce lieu sur OpenStreetMap.",
            f"https://www.openstreetmap.org/?mlat={here.latitude}&mlon={here.longitude}"
            f"#map=17/{here.latitude}/{here.longitude}")


# Placeholders of a map's skeleton, replaced by each page's data (see `_skeleton`).
CENTER = [11.11111, 22.22222]
ROWS = "__cls_rows_"
ICON = "__cls_icon_"


@cache
def _skeleton(name: str, layers: int, layer_control: bool, tiles: str) -> tuple[str, str]:
    """folium's script and element for a map of this shape, with placeholders for centre and markers.

    Drawing a folium map costs milliseconds (template compilation, tile provider lookup); a site has a few
    shapes of map but one per fiche, so each shape is drawn once and filled in per page.
    """
    # scrollWheelZoom off: scrolling the page over a map must scroll the page, not zoom the map.
    carte = folium.Map(location=CENTER, zoom_start=SINGLE_MARKER_ZOOM, tiles=None, control_scale=True,
                       scrollWheelZoom=False)
    provider = TILE_PROVIDERS[tiles]
    folium.TileLayer(provider.url, attr=provider.attribution, name=tiles, max_zoom=provider.max_zoom, control=False,
                     referrer_policy=REFERRER_POLICY).add_to(carte)
    cluster = MarkerCluster(control=False, options={"showCoverageOnHover": False, "maxClusterRadius": 40})
    cluster.add_to(carte)
    for number in range(layers):
        if layer_control:
            # One subgroup per type, so « n'afficher que » can take a type out of the shared clustering.
            group = FeatureGroupSubGroup(cluster, name=str(number), control=False).add_to(carte)
            MarkerRows(f"{ROWS}{number}", f"{ICON}{number}__").add_to(group)
        else:
            MarkerRows(f"{ROWS}{number}", f"{ICON}{number}__").add_to(cluster)
    for number, element in enumerate(_elements(carte)):
        element._id = f"{name}_{number}"  # instead of random bytes: builds stay reproducible
    figure = carte.get_root()
    figure.render()
    # Only the map's element and script are kept: folium's header (CDN assets, a viewport that forbids
    # zooming, full-page styles) is not.
    script = "\n".join(line.strip() for line in figure.script.render().splitlines() if line.strip())
    return script, figure.html.render().strip()


def _marker_row(item: Structure | Marker, page: str) -> list[object]:
    """What a marker and its popup need, in the order `cartes.js` reads it."""
    if isinstance(item, Marker):
        address, link = item.address, item.link
    else:
        address, link = f"{item.adresse}, {item.code_postal} {item.commune}", urls.structure(item)
    return [round(item.latitude, 5), round(item.longitude, 5), item.nom, address, item.telephone, href(link, page)]


def _bounds(structures: Sequence[Structure | Marker]) -> list[list[float]]:
    latitudes = [s.latitude for s in structures]
    longitudes = [s.longitude for s in structures]
    return [[min(latitudes), min(longitudes)], [max(latitudes), max(longitudes)]]


def _elements(root: branca.element.Element) -> Iterator[branca.element.Element]:
    yield root
    for child in root._children.values():
        yield from _elements(child)
