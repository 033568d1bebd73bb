"""Finding things (issue 18), as built: catalogue filters, search index and worker, hreflang alternates, map targets."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from guidebook.html.alternates import NO_LOOKUP
from guidebook.publish.fingerprint import original_names
from guidebook.site.map import TARGET_HEIGHT
from sites import PROJECT, base_files, built_once, sheet

from test_map import SVG, svg_of


@pytest.fixture(scope="module")
def two_sheets():
    """Two sheets in the same country (Belgium) with different approaches."""
    files = base_files()
    files["practice_sheets/testville-training.en.md"] = sheet(
        "en", title="Training in Testville", approaches=["training"]
    )
    files["practice_sheets/testville-training.fr.md"] = sheet(
        "fr", title="Formation à Testville", approaches=["training"]
    )
    return built_once("finding", files)


def test_a_filter_that_cannot_narrow_is_left_out(two_sheets):
    html = two_sheets.html("practice-sheets")
    legends = re.findall(r"<legend>([^<]*)</legend>", html)
    # Country, stage, group, chapter, evaluation: one value each (every sheet shares it); approach and pilot:
    # each value names a single sheet, so choosing one is opening that sheet (issue 28).
    assert legends == []
    assert 'name="country"' not in html and 'name="approach"' not in html
    assert '<li class="gb-card"' in html and html.count('data-country="BE"') == 2  # the cards keep every value


def test_the_filters_are_a_closed_disclosure_opened_on_wide_screens_before_the_first_paint(two_sheets):
    html = two_sheets.html("fr/practice-sheets")
    panel = html.index('<details class="gb-filters__panel" id="gb-filter-panel">')
    opener = html.index(
        '<script>if(matchMedia("(min-width: 60em)").matches)document.getElementById("gb-filter-panel").open=true</script>'
    )
    assert panel < opener < html.index('<ul class="gb-cards"')
    assert '<summary class="gb-filters__summary"><span>Filtres</span>' in html
    # Nothing is revealed by a script after load (no layout shift): only the no-script stylesheet hides controls.
    assert re.search(r'<(form|div|p)[^>]*class="[^"]*gb-needs-script[^"]*"[^>]*\bhidden\b', html) is None
    assert 'href="../../stylesheets/finding-noscript.css"' in original_names(html)  # under its content-hashed name


def test_head_alternates_are_absolute_and_the_selector_links_stay_relative(two_sheets):
    html = two_sheets.html("city-pilots/testville")
    assert '<link rel="alternate" href="https://prepare.efus.eu/fr/city-pilots/testville/" hreflang="fr">' in html
    assert '<link rel="alternate" href="https://prepare.efus.eu/city-pilots/testville/" hreflang="en">' in html
    assert re.search(
        r'<a href="\.\./\.\./fr/city-pilots/testville/" hreflang="fr" lang="fr" class="md-select__link">', html
    )
    not_found = two_sheets.html("404.html")
    assert '<link rel="alternate" href="https://prepare.efus.eu/fr/" hreflang="fr">' in not_found


def test_material_no_longer_fetches_a_sitemap_beside_each_alternate(two_sheets):
    [bundle] = two_sheets.site.glob("assets/javascripts/bundle.*.js")
    script = bundle.read_text(encoding="utf-8")
    assert NO_LOOKUP in script and '("link[rel=alternate]")' not in script
    assert not (two_sheets.site / "fr" / "sitemap.xml").exists()


def test_each_page_of_the_index_is_labelled_with_its_kind_and_the_label_is_not_indexed(two_sheets):
    french = json.loads((two_sheets.site / "fr/search/search_index.json").read_text(encoding="utf-8"))
    tags = {doc["location"]: doc.get("tags") for doc in french["docs"]}
    assert tags["practice-sheets/testville-training/"] == ["Fiche pratique"]
    assert tags["city-pilots/testville/"] == ["Projet pilote"]
    assert tags["recommendations/01-first/"] == ["Chapitre de recommandations"]
    assert tags["state-of-the-art/belgium/"] == ["Article d’état des lieux"]  # typeset as every interface string
    assert tags[""] == ["Page"]
    assert all(tag is None for location, tag in tags.items() if "#" in location)  # sections carry no label
    assert set(french["config"]["fields"]) == {"title", "text"}


def test_the_worker_folds_accents_and_stems_what_is_typed(two_sheets):
    """The appended script run by Node on lunr itself (Material's copy, from its worker): folding and stemming."""
    [worker] = two_sheets.site.glob("assets/javascripts/workers/search.*.js")
    lunr_dir = two_sheets.site / "assets/javascripts/lunr"
    program = f"""
      self = globalThis; self.addEventListener = () => {{}}; self.postMessage = () => {{}};
      require({json.dumps(str(worker))});
      const lunr = self.lunr; globalThis.lunr = lunr;
      require({json.dumps(str(lunr_dir / "min/lunr.stemmer.support.min.js"))})(lunr);
      require({json.dumps(str(lunr_dir / "min/lunr.fr.min.js"))})(lunr);
      const english = lunr(function () {{ this.pipeline.remove(lunr.stemmer); this.pipeline.remove(lunr.trimmer);
        this.searchPipeline.remove(lunr.stemmer); this.ref("id"); this.field("text");
        this.add({{id: "malaga", text: "The Málaga pilot"}}); }});
      const french = lunr(function () {{ this.use(lunr.fr); this.ref("id"); this.field("text");
        this.add({{id: "r", text: "La réinsertion des sortants de prison"}}); }});
      const refs = (index, query) => index.search(query).map(result => result.ref);
      console.log(JSON.stringify([refs(english, "Malaga*"), refs(english, "málaga*"), refs(english, "malaga"),
        refs(french, "reinsertion*"), refs(french, "réinsérer*"), refs(french, "reinsertion")]));
    """
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True, cwd=two_sheets.site)
    assert json.loads(result.stdout) == [["malaga"]] * 3 + [["r"]] * 3


def _box(element):
    return tuple(float(element.get(name)) for name in ("x", "y", "width", "height"))


def test_each_map_marker_is_a_target_24_units_high_that_overlaps_no_other(real_site):
    svg = svg_of(real_site.html("map"))
    # The wide screen's labels (phones have their own, placed for the smaller map: tests/browser/test_reader.py).
    targets = [
        _box(link.find(f"{SVG}g[@class='gb-map__label gb-map__label--wide']/{SVG}rect"))
        for link in svg.iter(f"{SVG}a")
        if link.get("class") == "gb-map__pilot"
    ]
    assert len(targets) == 9 and all(height == TARGET_HEIGHT and width >= 24 for _, _, width, height in targets)
    for index, (x, y, width, height) in enumerate(targets):
        for other_x, other_y, other_width, other_height in targets[index + 1 :]:
            assert (
                x + width <= other_x
                or other_x + other_width <= x
                or y + height <= other_y
                or other_y + other_height <= y
            )


@pytest.mark.parametrize("prefix, legend", [("", "City pilot of Part 2"), ("fr/", "Projet pilote de la partie 2")])
def test_the_map_has_a_legend_in_the_reader_language(real_site, prefix, legend):
    html = real_site.html(f"{prefix}map")
    assert html.index('class="gb-map__legend"') < html.index('class="gb-map__svg"') and legend in html


def test_the_strings_of_finding_exist_in_both_languages():
    import yaml

    english, french = (
        yaml.safe_load((PROJECT / f"guidebook/strings/{code}.yml").read_text(encoding="utf-8")) for code in ("en", "fr")
    )
    assert (
        set(english["search_kind"])
        == set(french["search_kind"])
        == {"practice-sheet", "pilot", "recommendation", "country", "chapter", "page"}
    )


@pytest.mark.parametrize("prefix, name", [("", "Search"), ("fr/", "Recherche")])
def test_the_search_dialog_has_a_name_in_the_reader_language(two_sheets, prefix, name):
    assert f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">' in two_sheets.html(
        f"{prefix}city-pilots/testville"
    )
