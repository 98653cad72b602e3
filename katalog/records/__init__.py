"""Records: YAML files -> positioned nodes -> validated, typed records, with every problem.

`source` reads a file strictly, `schema` defines and checks each field, `load` reads the
whole content tree, `crosscheck` checks records against each other, `model` holds the
typed records, `problems` the errors and warnings as values, `codes` the stable code of
each kind of problem and `countries` the country codes a record may use. Nothing here
knows about pages, languages' interface texts or MkDocs.
"""
