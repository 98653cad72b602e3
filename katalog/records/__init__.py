"""Records: YAML files -> positioned nodes -> validated, typed records, with every problem.

`source` reads a file strictly, `schema` defines and checks each field, `load` reads the
whole content tree, `crosscheck` checks records against each other, `model` holds the
typed records and `problems` the errors and warnings as values. Nothing here knows about
pages, languages' interface texts or MkDocs.
"""
