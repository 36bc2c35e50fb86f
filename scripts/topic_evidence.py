"""The evidence for the topic groups of index/lang/data/topics.txt, from the articles themselves.

    python scripts/topic_evidence.py [--all]

For each topic of bench/topic_judgments.json (the articles about it, judged by reading every
article of the bundled sample corpus, tests/data/gold_wide, tests/data/articles and
tests/data/trap_articles), and each candidate way of saying it, prints:
- about: in how many of the articles about the topic the term occurs (whole tokens, accents
  as written, tone placement and case aside);
- other: in how many of the other articles it occurs (a passing mention counts as "other");
- prec: about / (about + other), the share of the term's articles that are about the topic;
- adds: how many articles about the topic lack the term but hold another term of its group,
  i.e. what the group finds for a query on that term that the term alone does not;
- group: ✓ when the term is in the topic's group in topics.txt.
A term goes into a group when it is a common way of saying the topic (in several of its
articles) and seldom occurs elsewhere; docs/topics.md sums up the decisions. ``--all`` also
lists the articles behind each count.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from phuong_reader.index.build.corpus import ReadArticle, bundled_corpus, read_corpus
from phuong_reader.index.lang.analysis import iter_tokens
from phuong_reader.index.lang.topics import load_groups
from phuong_reader.index.lang.vietnamese import nfc

ROOT = Path(__file__).resolve().parent.parent
JUDGMENTS = ROOT / "bench" / "topic_judgments.json"
FOLDERS = ("gold_wide", "articles", "trap_articles")

# Candidate ways of saying each topic: every term a reader of these articles might expect, kept
# or not (a term left out of topics.txt is listed to show why).
CANDIDATES = {
    "flooding": [
        "ngập", "ngập nước", "ngập sâu", "ngập úng", "chống ngập", "triều cường", "mưa lớn",
        "nước tràn", "thoát nước", "bờ bao", "lũ",
    ],
    "fire": [
        "cháy", "hỏa hoạn", "vụ cháy", "đám cháy", "bốc cháy", "chữa cháy", "phòng cháy", "PCCC",
    ],
    "traffic congestion": [
        "ùn tắc", "kẹt xe", "ùn ứ", "kẹt cứng", "tắc đường", "kẹt", "phân luồng",
    ],
    "poverty": [
        "hộ nghèo", "cận nghèo", "người nghèo", "nghèo", "hộ khó khăn", "hoàn cảnh khó khăn",
        "thoát nghèo", "giảm nghèo",
    ],
    "administrative procedures": [
        "thủ tục hành chính", "hành chính công", "dịch vụ công", "một cửa", "hồ sơ", "thủ tục",
        "trực tuyến",
    ],
    "digital transformation": [
        "chuyển đổi số", "số hóa", "công nghệ số", "kỹ năng số", "trực tuyến",
    ],
    "site clearance": [
        "giải phóng mặt bằng", "bàn giao mặt bằng", "bồi thường", "tái định cư", "giải tỏa",
        "mặt bằng",
    ],
    "waste": ["rác thải", "rác", "chất thải", "rác nhựa", "thu gom rác", "ô nhiễm"],
    "health screening": [
        "khám sức khỏe", "khám sàng lọc", "sàng lọc", "khám bệnh", "khám miễn phí",
    ],
    "sidewalk order": ["lấn chiếm vỉa hè", "vỉa hè", "lòng lề đường", "lấn chiếm", "chiếm dụng"],
    "party congress": ["đại hội đảng bộ", "đại hội đại biểu đảng bộ", "đại hội"],
    "drugs": ["ma túy", "cai nghiện"],
    "dengue": ["sốt xuất huyết", "lăng quăng", "muỗi"],
    "tourism": ["du lịch", "du khách", "lượt khách", "khách du lịch"],
    "theft": ["trộm cắp", "trộm", "cướp giật"],
    "jobs": ["việc làm", "tuyển dụng", "lao động"],
    "traffic accidents": ["tai nạn giao thông", "va chạm", "tai nạn"],
}  # fmt: skip


def article_tokens() -> dict[str, list[str]]:
    """Every article's tokens with their accents (title and body, as the index holds them)."""
    folders = [bundled_corpus(), *(ROOT / "tests" / "data" / f for f in FOLDERS)]
    out = {}
    for folder in folders:
        for read in read_corpus(folder):
            if isinstance(read, ReadArticle):
                text = nfc(read.article.body_text())
                out[read.article.id] = [t for t, _, _ in iter_tokens(text)]
    return out


def exact(term: str) -> tuple[str, ...]:
    """The term's tokens with their accents (lower case, new tone placement): folding would
    make "cháy" (fire) the same as "chạy" (run) and "chảy" (flow), "kẹt" the same as "kết"."""
    return tuple(t for t, _, _ in iter_tokens(nfc(term)))


def holds(tokens: list[str], form: tuple[str, ...]) -> bool:
    n = len(form)
    return any(tuple(tokens[i : i + n]) == form for i in range(len(tokens) - n + 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="list the articles behind the counts")
    args = parser.parse_args()
    texts = article_tokens()
    topics = json.loads(JUDGMENTS.read_text("utf-8"))["topics"]
    groups = load_groups()
    print(f"{len(texts)} articles")
    for name, candidates in CANDIDATES.items():
        about = set(topics.get(name, {}).get("articles", ()))
        group = [t.exact for t in groups.get(name, ())]
        print(f"\n{name}: {len(about)} article(s) about it" + ("" if group else "; no group"))
        print(f"  {'term':<26}{'about':>7}{'other':>7}{'prec':>7}{'adds':>6}  group")
        seen = {exact(t) for t in candidates}
        terms = [*candidates, *(" ".join(f) for f in group if f not in seen)]
        having_group = {i for i in about if any(holds(texts[i], f) for f in group)}
        for term in terms:
            form = exact(term)
            having = {i for i, tokens in texts.items() if holds(tokens, form)}
            inside, outside = having & about, having - about
            prec = f"{len(inside) / len(having):.2f}" if having else "-"
            mark = "✓" if form in group else ""
            adds = str(len(having_group - inside)) if mark else ""
            row = f"  {term:<26}{len(inside):>3}/{len(about):<3}{len(outside):>7}{prec:>7}{adds:>6}"
            print(f"{row}  {mark}")
            if args.all and having:
                print(f"      about: {' '.join(sorted(inside))}")
                print(f"      other: {' '.join(sorted(outside))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
