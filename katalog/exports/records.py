"""Each programme's and project's own files: its data as JSON, and its YAML source.

`data/<section>/<slug>.json` is the record's object exactly as in `catalogue.json`, with
the schema version (`katalog.exports.catalogue_json.record_document`, not written twice).
`data/<section>/<slug>.yml` is the record's file byte for byte as it is in the repository,
so a reader can see, copy and propose changes to the source of what a page says; it is
read from the record's `source` path below the build's source root.

The data page describes these files as a pattern, so none is listed one by one. Nothing
here changes, checks or re-serialises the YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from katalog.exports import DataFile
from katalog.exports.catalogue_json import MEDIA_TYPE, encode, record_document
from katalog.site.kinds import PROGRAMME, PROJECT

if TYPE_CHECKING:
    from katalog.site.context import BuildContext

YAML_MEDIA_TYPE = "application/yaml"


def files(ctx: BuildContext) -> Iterator[DataFile]:
    root = ctx.source_root
    for kind, slugs in (
        (PROGRAMME, ctx.catalogue.programmes),
        (PROJECT, ctx.catalogue.projects),
    ):
        for slug in sorted(slugs):
            facts = ctx.facts[(kind.key, slug)]
            yield DataFile(facts.data_url, encode(record_document(facts, ctx)), MEDIA_TYPE)
            source = (root / facts.record.source).read_bytes()
            yield DataFile(facts.source_url, source, YAML_MEDIA_TYPE)
