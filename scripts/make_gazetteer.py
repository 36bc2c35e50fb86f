"""Generate index/data/hcmc_wards.json from the PyPI package `vietnamadminunits` (MIT).

Build-time tool only: run it by hand after `pip install vietnamadminunits`; the reader never
imports that package. The output lists today's 168 units of Ho Chi Minh City (code, name, type)
and, for each, the former units (before 1 July 2025) merged into it, whole or in part.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import unicodedata
from importlib import metadata
from pathlib import Path

import vietnamadminunits

HCMC_CODE = "79"
DATA = Path(__file__).resolve().parent.parent / "index" / "entities" / "data"
OUT = DATA / "hcmc_wards.json"
PLACES = DATA / "places.json"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    pkg_dir = Path(vietnamadminunits.__file__).parent
    db = sqlite3.connect(pkg_dir / "data" / "dataset.db")
    converter = json.loads((pkg_dir / "data" / "converter_2025.json").read_text("utf-8"))

    units = {}
    for key, name, short, kind, code in db.execute(
        "SELECT DISTINCT wardKey, ward, wardShort, wardType, wardCode FROM admin_units "
        "WHERE provinceCode = ? ORDER BY wardCode",
        (HCMC_CODE,),
    ):
        units[key] = {
            "code": code,
            "name": _nfc(short),
            "type": _nfc(kind).lower(),
            "full_name": _nfc(name),
            "former": [],
        }

    legacy = {}
    for pkey, dkey, wkey, short, kind, district in db.execute(
        "SELECT DISTINCT provinceKey, districtKey, wardKey, wardShort, wardType, district "
        "FROM admin_units_legacy"
    ):
        if short is None:  # island districts without wards (Côn Đảo): the district itself
            short, kind, wkey = district.removeprefix("Huyện "), "huyện", ""
        legacy[f"{pkey}_{dkey}_{wkey}"] = {
            "name": _nfc(short),
            "type": _nfc(kind).lower(),
            "district": _nfc(district),
        }

    province = "thanhphohochiminh"
    for new_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"][province].items():
        for old_key in old_keys:
            if old_key in legacy and new_key in units:
                units[new_key]["former"].append({**legacy[old_key], "whole": True})
    for old_key, targets in converter["DICT_PROVINCE_WARD_DIVIDED"].get(province, {}).items():
        for target in targets:
            if old_key in legacy and target["newWardKey"] in units:
                units[target["newWardKey"]]["former"].append({**legacy[old_key], "whole": False})

    version = metadata.version("vietnamadminunits")
    out = {
        "source": f"vietnamadminunits {version} (MIT, "
        "github.com/tranngocminhhieu/vietnamadminunits)",
        "units": sorted(units.values(), key=lambda u: u["code"]),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    counts = {}
    for unit in units.values():
        counts[unit["type"]] = counts.get(unit["type"], 0) + 1
    print(f"wrote {args.out}: {len(units)} units {counts}")
    write_places(db, version)


def write_places(db: sqlite3.Connection, version: str) -> None:
    """Province and district names of Vietnam (before and after 2025): never people's names."""
    names = set()
    for sql in (
        "SELECT DISTINCT provinceShort FROM admin_units",
        "SELECT DISTINCT provinceShort FROM admin_units_legacy",
        "SELECT DISTINCT districtShort FROM admin_units_legacy",
    ):
        names |= {_nfc(row[0]) for row in db.execute(sql) if row[0]}
    out = {"source": f"vietnamadminunits {version} (MIT)", "places": sorted(names)}
    PLACES.write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"wrote {PLACES}: {len(names)} province and district names")


if __name__ == "__main__":
    main()
