"""Regenerate ``index/lang/data/lexicon.tsv``, the Vietnamese word list with parts of speech.

    pip install underthesea==9.5.0 && python scripts/make_lexicon.py

A build-time tool, like ``make_gazetteer.py``: the project ships the generated file and does
not depend on underthesea at run time (70 MB installed with its dependencies, for two data
files). Both sources are underthesea's (Apache-2.0):

- ``corpus/data/Viet74K.txt``: 73,901 Vietnamese words and compounds, one a line;
- ``pipeline/pos_tag/models/pos_crf_vlsp2013_*/test_output.txt``: 68,000 tokens of the VLSP 2013
  corpus, word-segmented and tagged by hand (word, gold tag, predicted tag).

Each line written is ``word<TAB>tag``: the word lower-cased and NFC, its syllables joined by
single spaces, and the tag the VLSP corpus gives it most often (N noun, Nc classifier, Nu unit,
Np proper noun, V verb, A adjective, E preposition, C/Cc conjunction, R adverb, M numeral,
P pronoun, L determiner, T particle, X other), or ``-`` when the corpus does not have the word.
The corpus is small but has the frequent words, which are the ones that matter here: verbs,
prepositions and conjunctions end a counted noun phrase (``entities.units``). (Tagging the other
words one by one with underthesea's tagger was tried: out of context it mostly splits them or
calls them numerals.)
"""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "index" / "lang" / "data" / "lexicon.tsv"


def _norm(word: str) -> str:
    return " ".join(unicodedata.normalize("NFC", word).lower().replace("_", " ").split())


def main() -> None:
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install underthesea==9.5.0 first")
    base = Path(next(iter(spec.submodule_search_locations)))
    words = {
        _norm(w) for w in (base / "corpus" / "data" / "Viet74K.txt").read_text("utf-8").split("\n")
    }
    tags: dict[str, Counter[str]] = {}
    (tagged,) = base.glob("pipeline/pos_tag/models/pos_crf_vlsp2013_*/test_output.txt")
    for line in tagged.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].startswith("B-") and parts[0].strip():
            word = _norm(parts[0])
            tags.setdefault(word, Counter())[parts[1][2:]] += 1
    lexicon = {w for w in words if w and all(c.isalpha() or c in " -" for c in w)}
    lexicon |= {w for w in tags if " " in w and all(c.isalpha() or c == " " for c in w)}
    rows = [f"{w}\t{tags[w].most_common(1)[0][0] if w in tags else '-'}" for w in sorted(lexicon)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(rows) + "\n", "utf-8")
    print(f"{len(rows)} words ({sum(w in tags for w in lexicon)} from the corpus) -> {OUT}")


if __name__ == "__main__":
    main()
