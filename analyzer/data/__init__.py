"""Rule data shipped with the package (YAML/TSV), loaded once and cached.

The files are the single source of truth: nothing is generated from them into Python.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import yaml


def _open(name: str):
    return resources.files(__package__).joinpath(name).open(encoding="utf-8")


@lru_cache(maxsize=None)
def load_yaml(name: str):
    with _open(name) as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def load_json(name: str):
    with _open(name) as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV file, skipping blank lines and '#' comments."""
    with _open(name) as fh:
        rows = []
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(tuple(line.split("\t")))
        return tuple(rows)
