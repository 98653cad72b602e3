"""The site: a validated catalogue -> facts per record -> page models in every language.

Nothing here writes files or imports MkDocs; the hooks in `hooks/` hand the page models
to MkDocs, and `katalog.outputs` lists every output of a build.
"""
