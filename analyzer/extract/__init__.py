"""extract(Document) -> Plan: citations, units, deadlines, activities, targets.

The extractors arrive with later work (citations, units, deadlines, targets; activities);
this verb already fixes the pipeline's shape, so callers and the JSON contract do not
change when they do.
"""
from __future__ import annotations

from ..models import Document, Plan

__all__ = ["extract"]


def extract(document: Document) -> Plan:
    return Plan(document=document)
