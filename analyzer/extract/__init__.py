"""extract(Document) -> Plan: citations, units, deadlines, targets, activities.

Citations come first: their spans are excluded from the other extractors (the date of a
cited decision is no deadline, its number no target). Activities come last: each links to
the units and deadline found in its span (analyzer/activities).
"""
from __future__ import annotations

from ..activities import find_activities
from ..models import Document, Plan
from .citations import find_citations
from .deadlines import document_period, find_deadlines
from .targets import find_targets
from .units import find_units

__all__ = ["extract"]


def extract(document: Document) -> Plan:
    citations = find_citations(document)
    cited = [c.span for c in citations]
    units, owner_of = find_units(document, cited)
    deadlines = find_deadlines(document, cited, owner_of)
    if document.header.period is None:
        document.header.period = document_period(document, deadlines)
    targets = find_targets(document, cited)
    activities = find_activities(document, units, deadlines)
    return Plan(document=document, citations=citations, units=units, deadlines=deadlines, targets=targets,
                activities=activities)
