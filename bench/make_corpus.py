"""Generate N synthetic ward reports in the real article format, deterministic for a seed.

    python bench/make_corpus.py --docs 10000 --seed 1 /tmp/corpus

The benchmark needs realistic volume: the sentences come from ``bench/phrasebank.txt`` (so
"phường", "Đảng", "năm" are in nearly every article), figures are written the Vietnamese way,
people are invented per ward, and a long tail of rare names (street, canal, market, school) is
made from generated syllables drawn Zipf-like. Article ``i`` depends only on (seed, i), so the
first 1,000 articles of a 10,000 corpus are the 1,000 corpus, and articles N..N+99 are "new".
Writes ``OUT/*.txt`` and ``OUT.meta.json`` beside it (ward, date, people, rare words per
article) from which ``bench/queries.py`` draws its fixed query mix.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from phuong_reader.index.entities.gazetteer import Unit, load_gazetteer
from phuong_reader.index.lang.vietnamese import folded_form

ROOT = Path(__file__).resolve().parent.parent

BANK_FILE = Path(__file__).with_name("phrasebank.txt")
FIRST_DAY, DAYS = date(2025, 7, 1), 365
TOPIC_WEIGHTS = {"tongket": 4, "daihoi": 1, "chamlotet": 2}  # others weigh 1.5
WARD_ZIPF, RARE_ZIPF = 0.8, 1.05
_SLOT = re.compile(r"\{(\w+)\}")
_CHOICE = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")
_ONSETS = [*"b c ch d đ g gi h kh l m n ng nh p ph qu r s t th tr v x".split(), ""]
_RHYMES = (
    "a ai am an ang anh ao au ay ăm ăn ăng âm ân âng âu ây e em en eo ê êm ên ênh êu i im in "
    "inh iu iêm iên iêng iêu o oa oai oan oang oanh oe oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn u "
    "ui um un ung uôi uôn uông uy uyên ư ưa ưi ưng ươi ươm ương"
).split()
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWELS = "aăâeêioôơuưy"


@dataclass
class Bank:
    """The phrase bank: word lists and template sections ("common", "topic tongket"…)."""

    lists: dict[str, list[str]] = field(default_factory=dict)
    sections: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def topics(self) -> list[str]:
        return [name.split()[1] for name in self.sections if name.startswith("topic ")]


def load_bank(path: Path = BANK_FILE) -> Bank:
    """Parse the phrase bank file (format described at its top)."""
    bank, section = Bank(), ""
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            name, items = line[1:].split(":", 1)
            bank.lists[name.strip()] = [i.strip() for i in items.split("|")]
        elif line.startswith("== "):
            section = line[3:].strip()
            bank.sections[section] = {}
        else:
            kind, template = line.split(":", 1)
            bank.sections[section].setdefault(kind.strip(), []).append(template.strip())
    return bank


def _syllable(onset: str, rhyme: str, tone: str) -> str | None:
    """A Vietnamese-looking syllable, or None when the spelling rules forbid it."""
    if rhyme[0] in "eêi" and onset in ("c", "g", "ng"):
        onset = {"c": "k", "g": "gh", "ng": "ngh"}[onset]
    if (onset == "qu" and rhyme[0] in "uoô") or (onset == "gi" and rhyme[0] == "i"):
        return None
    vowels = [i for i, c in enumerate(rhyme) if c in _VOWELS]
    marked = [i for i in vowels if rhyme[i] in "ăâêôơư"]
    if marked:
        at = marked[-1]
    elif rhyme[-1] not in _VOWELS:
        at = vowels[-1]
    else:
        at = vowels[len(vowels) // 2] if len(vowels) == 3 else vowels[0]
    marked_rhyme = rhyme[: at + 1] + tone + rhyme[at + 1 :]
    return unicodedata.normalize("NFC", onset + marked_rhyme)


def _zipf_cdf(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (r + 1) ** s for r in range(n)))


def _pick(rng: random.Random, items: list, cdf: list[float]):  # type: ignore[no-untyped-def]
    return items[bisect.bisect_left(cdf, rng.random() * cdf[-1])]


class World:
    """Everything shared by all articles of a seed: wards, their officials, rare syllables."""

    def __init__(self, seed: int, bank: Bank | None = None) -> None:
        self.seed = seed
        self.bank = bank or load_bank()
        rng = random.Random(f"world:{seed}")
        self.units: list[Unit] = list(load_gazetteer().units)
        rng.shuffle(self.units)  # Zipf rank of each ward
        self.ward_cdf = _zipf_cdf(len(self.units), WARD_ZIPF)
        known = self._known_syllables()
        pool = sorted(
            {
                s
                for o, r, t in itertools.product(_ONSETS, _RHYMES, _TONES)
                if (s := _syllable(o, r, t)) and folded_form(s) not in known
            }
        )
        rng.shuffle(pool)
        self.rare_pool, self.rare_cdf = pool, _zipf_cdf(len(pool), RARE_ZIPF)
        self.guests = [(role, self.person(rng)[0]) for role in self.bank.lists["guest_role"]]
        self._officials: dict[str, dict[str, str]] = {}

    def _known_syllables(self) -> set[str]:
        texts = [line for s in self.bank.sections.values() for t in s.values() for line in t]
        texts += [item for items in self.bank.lists.values() for item in items]
        texts += [u.name for u in load_gazetteer().units]
        return {w for t in texts for w in re.findall(r"\w+", folded_form(t))}

    def person(self, rng: random.Random, female: bool | None = None) -> tuple[str, bool]:
        """(an invented full name, is female)."""
        lists = self.bank.lists
        female = rng.random() < 0.45 if female is None else female
        middle, given = ("middle_f", "given_f") if female else ("middle_m", "given_m")
        name = f"{rng.choice(lists['surname'])} {rng.choice(lists[middle])} "
        return name + rng.choice(lists[given]), female

    def officials(self, unit: Unit) -> dict[str, str]:
        """The ward's leader, chair, vice-chair and Front chair: the same in all its articles."""
        if unit.code not in self._officials:
            rng = random.Random(f"officials:{self.seed}:{unit.code}")
            self._officials[unit.code] = {
                role: self.person(rng)[0] for role in ("leader", "chair", "vice", "mttq")
            }
        return self._officials[unit.code]

    def rare_name(self, rng: random.Random) -> tuple[str, list[str]]:
        """A two-syllable proper name from the long tail, and its syllables in lower case."""
        parts = [_pick(rng, self.rare_pool, self.rare_cdf) for _ in range(2)]
        return " ".join(p[0].upper() + p[1:] for p in parts), parts


_ROLES = {
    "leader": "Bí thư Đảng ủy",
    "chair": "Chủ tịch UBND",
    "vice": "Phó Chủ tịch UBND",
    "mttq": "Chủ tịch Ủy ban MTTQ Việt Nam",
}


class _Writer:
    """Fills the templates of one article, remembering who and what it named."""

    def __init__(self, world: World, rng: random.Random, unit: Unit, day: date) -> None:
        self.world, self.rng, self.unit, self.day = world, rng, unit, day
        self.persons: list[str] = []
        self.rare: list[str] = []
        self.year = day.year if day.month >= 7 else day.year - 1
        name, female = world.person(rng)
        self.resident = (name, female, rng.randint(25, 88), rng.randint(1, 40))

    def fill(self, template: str) -> str:
        text = _CHOICE.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        return _SLOT.sub(lambda m: self.slot(m.group(1)), text)

    def slot(self, name: str) -> str:
        if name[0].isupper() and name.lower() != name:
            value = self.slot(name.lower())
            return value[0].upper() + value[1:]
        rng, unit = self.rng, self.unit
        if name in _ROLES:
            person = self.world.officials(unit)[name]
            self.persons.append(person)
            return f"{_ROLES[name]} {unit.label} {person}"
        if name == "guest":
            role, person = rng.choice(self.world.guests)
            self.persons.append(person)
            return f"{role} {person}"
        if name in ("resident", "res"):
            person, female, age, kp = self.resident
            self.persons.append(person)
            title = "bà" if female else "ông"
            if name == "res":
                return f"{title} {person.split()[-1]}"
            return f"{title} {person}, {age} tuổi, ngụ khu phố {kp}"
        if name in ("rare", "street"):
            if name == "street" and rng.random() < 0.6:
                return rng.choice(self.world.bank.lists["street"])
            text, parts = self.world.rare_name(rng)
            self.rare += parts
            return text
        return _NUMBERS[name](self, rng) if name in _NUMBERS else self._place(name)

    def _place(self, name: str) -> str:
        if name == "ward":
            return self.unit.label
        if name == "kind":
            return self.unit.kind
        if name == "wname":
            return self.unit.name
        if name == "other":
            other = self.rng.choice(self.world.units)
            return other.label if other is not self.unit else "các địa phương lân cận"
        if name == "credit":
            credit = self.rng.choice(self.world.bank.lists["reporter"])
            return f"; Ảnh: {credit}" if self.rng.random() < 0.3 else ""
        if name == "code":
            return self.rng.choice(self.world.bank.lists["code"])
        raise KeyError(f"unknown slot {{{name}}} in bench/phrasebank.txt")


def _span(sep: str, first: int, step: int) -> str:
    """ "10-12" (a range) or "32/33" (a ratio, part first)."""
    low, high = sorted((first, first + step))
    return f"{low}{sep}{high}"


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


_NUMBERS = {
    "n": lambda w, r: str(r.randint(2, 48)),
    "n2": lambda w, r: str(r.randint(52, 980)),
    "big": lambda w, r: _thousands(r.randint(1000, 9999)),
    "huge": lambda w, r: _thousands(r.randint(10_000, 99_999)),
    "pct": lambda w, r: f"{r.randint(60, 99)},{r.randint(1, 9)}%" if r.random() < 0.6 else "100%",
    "money": lambda w, r: f"{r.randint(1, 60)},{r.randint(1, 9)} tỷ đồng",
    "trieu": lambda w, r: f"{r.randint(2, 50) * 10} triệu đồng",
    "range": lambda w, r: _span("-", r.randint(3, 15), r.randint(1, 4)),
    "ratio": lambda w, r: _span("/", r.randint(12, 40), -r.randint(0, 3)),
    "area": lambda w, r: f"{r.randint(2, 90) * 10}m²",
    "km": lambda w, r: f"{r.randint(1, 9)},{r.randint(1, 9)} km",
    "kp": lambda w, r: f"khu phố {r.randint(1, 40)}",
    "year": lambda w, r: str(w.year),
    "next": lambda w, r: str(w.year + 1),
    "day": lambda w, r: f"Ngày {w.day.day}-{w.day.month}",
}


def _noise_top(rng: random.Random, bank: Bank, day: date) -> list[str]:
    """Web leftovers above the lead of an undated article: a section name, a timestamp."""
    weekday = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
    lines = [rng.choice(bank.lists["breadcrumb"])]
    if rng.random() < 0.5:
        lines.append(f"{weekday[day.weekday()]}, {day:%d/%m/%Y} - {rng.randint(6, 21):02d}:15")
    return lines


def make_article(world: World, index: int) -> tuple[str, dict[str, object]]:
    """(the text of article ``index``, what the benchmark needs to know about it)."""
    rng = random.Random(f"article:{world.seed}:{index}")
    bank = world.bank
    units = world.units
    unit = units[index] if index < len(units) else _pick(rng, units, world.ward_cdf)
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    dated = rng.random() < 0.8
    topics = bank.topics
    topic = rng.choices(topics, [TOPIC_WEIGHTS.get(t, 1.5) for t in topics])[0]
    section = bank.sections[f"topic {topic}"]
    w = _Writer(world, rng, unit, day)
    caps = section["cap"][:]
    rng.shuffle(caps)
    first_cap = next(c for c in caps if re.search(r"\{(ward|Ward|Leader|Chair|Guest)\}", c))
    caps.remove(first_cap)
    paras = section["para"][:] + rng.sample(bank.sections["common"]["para"], 4)
    rng.shuffle(paras)
    target = rng.randint(1450, 2000)
    blocks = [w.fill(rng.choice(section["lead"])), w.fill(first_cap)]
    quote_at = rng.randint(1, 3)
    for i, template in enumerate(paras):
        if sum(len(b) for b in blocks) > target:
            break
        blocks.append(w.fill(template))
        if i == quote_at:
            blocks.append(w.fill(rng.choice(bank.sections["quote"]["para"])))
        if caps and rng.random() < 0.3:
            blocks.append(w.fill(caps.pop()))
            if rng.random() < 0.1:
                blocks.append(rng.choice(("- Ảnh 2.", f"IMG_{rng.randint(1000, 9999)}.JPG")))
    blocks.append(w.fill(rng.choice(bank.sections["closing"]["para"])))
    reporters = rng.sample(bank.lists["reporter"], 2 if rng.random() < 0.15 else 1)
    blocks.append(" - ".join(reporters))
    if not dated and rng.random() < 0.3:
        blocks = _noise_top(rng, bank, day) + blocks
    text = "\n\n".join(blocks)
    if rng.random() < 0.1:  # old tone placement, as some newsrooms still write
        text = text.replace("Ủy", "Uỷ").replace("hòa", "hoà")
    if dated:
        text = f" date {day.isoformat()} {text}"
    meta = {
        "ward": unit.name,
        "date": day.isoformat() if dated else None,
        "topic": topic,
        "persons": list(dict.fromkeys(w.persons)),
        "rare": list(dict.fromkeys(w.rare)),
    }
    return text, meta


def article_id(index: int, text: str) -> str:
    """``NNNNNN_<16 hex>``: a sequence number and a content hash, as in the real corpus."""
    return f"{index:06d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def meta_path(out: Path) -> Path:
    """Where the corpus ``out`` keeps its metadata (beside it: the corpus holds only .txt)."""
    return out.parent / f"{out.name}.meta.json"


def write_articles(world: World, out: Path, start: int, count: int) -> list[dict[str, object]]:
    """Write articles ``start``..``start+count-1`` into ``out``; returns their metadata."""
    out.mkdir(parents=True, exist_ok=True)
    metas = []
    for index in range(start, start + count):
        text, meta = make_article(world, index)
        doc_id = article_id(index, text)
        (out / f"{doc_id}.txt").write_bytes(text.encode("utf-8"))
        metas.append({"id": doc_id, **meta})
    return metas


def make_corpus(out: Path, docs: int, seed: int) -> dict[str, object]:
    """Write a fresh corpus of ``docs`` articles into ``out`` and its metadata beside it."""
    old = list(out.glob("*.txt")) if out.exists() else []
    if old and not meta_path(out).exists():
        raise SystemExit(f"{out} holds articles this script did not write: not overwriting them")
    for path in old:
        path.unlink()
    meta = {"docs": docs, "seed": seed, "articles": write_articles(World(seed), out, 0, docs)}
    meta_path(out).write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    meta = make_corpus(args.out, args.docs, args.seed)
    print(f"{meta['docs']} articles in {args.out}, metadata in {meta_path(args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
