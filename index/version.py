"""The index version: changes whenever the code or data that decide what is indexed change.

A hand-kept number is forgotten when an extraction rule changes; a digest of the modules and data
files that shape the index is not. An index built by other code is rebuilt, with a message.
"""

from __future__ import annotations

import hashlib
from importlib import resources

SCHEMA_GENERATION = 4  # bump for changes outside the files below (none expected)
_SHAPING = (
    "analysis.py",
    "article.py",
    "corpus.py",
    "decoding.py",
    "extraction.py",
    "figures.py",
    "gazetteer.py",
    "orgs.py",
    "people.py",
    "results.py",
    "schema.py",
    "units.py",
    "vietnamese.py",
    "wards.py",
    "data/hcmc_wards.json",
    "data/places.json",
)


def _digest() -> str:
    package = resources.files("index")
    digest = hashlib.sha256()
    for name in _SHAPING:
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:10]


INDEX_VERSION = f"{SCHEMA_GENERATION}-{_digest()}"
