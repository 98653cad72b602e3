"""The fast tier: page models from the catalogue, built without MkDocs."""

from __future__ import annotations

from datetime import date

import pytest

from katalog.records.load import load_catalogue
from katalog.site import pages, urls, views
from katalog.site.context import BuildContext
from katalog.site.richtext import Renderer
from tests.paths import REPO


@pytest.fixture(scope="module")
def built() -> tuple[BuildContext, list[views.Page]]:
    result = load_catalogue(REPO / "content")
    assert result.catalogue is not None
    ctx = BuildContext(catalogue=result.catalogue, today=date(2026, 11, 25), render=Renderer())
    return ctx, pages.build_pages(ctx)


def test_every_record_has_a_typed_page_per_language(
    built: tuple[BuildContext, list[views.Page]],
) -> None:
    ctx, made = built
    by_path = {page.path: page for page in made}
    assert len(by_path) == len(made)
    for facts in ctx.all_facts():
        for lang in ctx.languages:
            page = by_path[urls.entry(lang, facts.kind.section, facts.slug)]
            expected = views.ProjectView if facts.kind.key == "project" else views.ProgrammeView
            assert isinstance(page.view, expected)
            assert page.alternates == tuple((code, facts.urls[code]) for code in ctx.languages)
            assert page.view.data.url == facts.data_url
            assert page.jsonld is not None and page.jsonld["@type"] == "Project"


def test_facts_are_computed_once_and_cards_are_shared(
    built: tuple[BuildContext, list[views.Page]],
) -> None:
    ctx, made = built
    assert ctx.facts is ctx.facts
    home = next(page for page in made if page.path == "nb/")
    programmes = next(page for page in made if page.path == "nb/programmes/")
    assert isinstance(home.view, views.HomeView) and isinstance(programmes.view, views.IndexView)
    assert programmes.view.records is not None
    assert home.view.programmes[0] is programmes.view.records[0]


def test_every_page_type_yields_pages_in_each_language(
    built: tuple[BuildContext, list[views.Page]],
) -> None:
    ctx, made = built
    templates = {page.template for page in made}
    assert {"catalogue/home.html", "catalogue/data.html", "catalogue/search.html"} <= templates
    for lang in ctx.languages:
        assert urls.data_page(lang) in {page.path for page in made}


def test_page_models_of_a_fixture_catalogue_in_three_languages() -> None:
    from katalog.settings import read_settings

    fixture = REPO / "tests" / "fixtures" / "sites" / "three-languages"
    settings = read_settings(fixture)
    result = load_catalogue(fixture / "content", languages=settings.languages)
    assert result.catalogue is not None
    ctx = BuildContext(
        catalogue=result.catalogue,
        today=date(2026, 11, 25),
        render=Renderer(),
        settings=settings,
    )
    made = {page.path: page for page in pages.build_pages(ctx)}
    project = made["nn/projects/test-project/"]
    assert isinstance(project.view, views.ProjectView)
    assert project.view.title.text == "Eit prøveprosjekt"
    assert [item.label for item in project.nav][:2] == ["Framside", "Prosjekt"]
    assert [code for code, _ in project.alternates] == ["nb", "nn", "en"]
    assert project.view.description is not None and project.view.description.lang == "nb"
    assert project.switch_label("en") == "Denne sida på engelsk"
    root = made[""]
    assert isinstance(root.view, views.RootView)
    assert [choice.lang for choice in root.view.choices] == ["nb", "nn", "en"]
