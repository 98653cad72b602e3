"""The kinds of page the catalogue has, and the orders it lists things in: one table.

Each kind has a key (as in the search index's `type` filter and in interface texts,
`kind.<key>`), the section of the site its pages live in, and the template that lays
out one of its pages. `SECTIONS` is the order of the site's main navigation; the
status and role orders are the orders pages, facets and the search script list them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from katalog.records.model import Role, Status


@dataclass(frozen=True)
class Kind:
    key: str
    section: str
    template: str
    is_record: bool
    """Programmes and projects are records, with a YAML file each; the rest are facets."""


PROJECT = Kind("project", "projects", "catalogue/project.html", is_record=True)
PROGRAMME = Kind("programme", "programmes", "catalogue/programme.html", is_record=True)
COUNTRY = Kind("country", "countries", "catalogue/collection.html", is_record=False)
THEME = Kind("theme", "themes", "catalogue/collection.html", is_record=False)
ORGANISATION = Kind("organisation", "organisations", "catalogue/collection.html", is_record=False)

KINDS: tuple[Kind, ...] = (PROJECT, PROGRAMME, COUNTRY, THEME, ORGANISATION)
"""In the order the search page's type facet lists them."""
BY_KEY = {kind.key: kind for kind in KINDS}
SECTIONS: tuple[str, ...] = tuple(kind.section for kind in KINDS)
"""The site's main sections, in the order of its navigation."""

STATUS_ORDER: tuple[Status, ...] = (
    Status.ACTIVE,
    Status.PLANNED,
    Status.PROPOSED,
    Status.COMPLETED,
)
ROLE_ORDER: tuple[Role, ...] = (Role.LEAD, Role.PARTNER, Role.FUNDER, Role.ADVISOR)


def status_rank(status: Status | None) -> int:
    """Active first, then planned, proposed, completed, and records without a status last."""
    return STATUS_ORDER.index(status) if status is not None else len(STATUS_ORDER)
