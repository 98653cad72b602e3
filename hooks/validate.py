"""MkDocs hook: load and validate the catalogue before MkDocs touches the output folder.

MkDocs empties `site_dir` right after `pre_build`, so the check runs there: on any
content error every problem is logged, in the same form as `katalog validate`, and the
build stops with the previous site untouched. Warnings, among them the records due for
review on the build date, are logged at INFO level so they inform without failing a
`--strict` build, as they never fail `katalog validate`. The checks that depend on the
date use the build date, as the pages do.

Under `mkdocs serve`, a record file whose bytes are the ones the previous build read is
not read again (`katalog.records.readcache`); every check across records still runs.

The validated catalogue is kept on this build's config (a fresh object for every build,
also under `mkdocs serve`) for `hooks/outputs.py`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from katalog.records.load import load_catalogue
from katalog.records.pagetexts import read_page_texts
from katalog.records.problems import summarise
from katalog.records.review import Review
from katalog.site import preview
from katalog.site.l10n import build_date

log = logging.getLogger("mkdocs.hooks.validate")
CATALOGUE = "katalog_catalogue"
"""Where hooks/outputs.py finds this build's validated catalogue on the config."""
PAGE_TEXTS = "katalog_page_texts"
"""Where hooks/outputs.py finds the texts of the About, accessibility and privacy pages."""


def on_pre_build(config: MkDocsConfig) -> None:
    content = Path(config.config_file_path).parent / "content"
    settings = config["katalog_settings"]  # read by hooks/settings.py
    languages = settings.languages
    try:
        today = build_date()
        review = Review(today, settings.review_months)
    except ValueError as error:
        raise Abort(str(error)) from None
    result = load_catalogue(
        content, languages=languages, today=today, review_on=review, cache=preview.read_cache()
    )
    texts, page_problems = read_page_texts(content, languages)
    problems = sorted([*result.problems, *page_problems])
    for problem in problems:
        (log.error if problem.is_error else log.info)(str(problem))
    if result.catalogue is None or page_problems:
        raise Abort(f"The catalogue has {summarise(problems)}; nothing was built.")
    config[CATALOGUE] = result.catalogue
    config[PAGE_TEXTS] = texts
