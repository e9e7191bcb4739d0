"""kg: Chinese news to a knowledge graph of people, organizations, places and companies.

>>> import kg
>>> g = kg.build()            # the bundled sample pages   # doctest: +SKIP
>>> g.top(5, type="person")   # doctest: +SKIP
"""

from kg.api import KnowledgeGraph, build
from kg.errors import KgError

__all__ = ["KgError", "KnowledgeGraph", "build"]
__version__ = "0.1.0"
