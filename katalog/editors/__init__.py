"""Editors' tools: new-record templates, the issue form, JSON Schemas, the field reference,
the catalogue diff and GitHub annotations, all made from `katalog.records.schema`.
"""
