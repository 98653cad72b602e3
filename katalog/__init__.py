"""The catalogue core: load, validate and model the catalogue's records.

Plain Python with no MkDocs imports, so the same core serves the `katalog` command,
the MkDocs hooks and the tests, and outlives any one site generator.
"""

from katalog.records.load import load_catalogue
from katalog.records.problems import Problem, Severity

__all__ = ["Problem", "Severity", "load_catalogue"]
