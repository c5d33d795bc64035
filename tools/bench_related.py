"""Time the "Có thể bạn quan tâm" ranking on synthetic Vietnamese articles.

`run(n)` builds n articles (deterministic, seeded), then times indexing (tokenising, BM25
weights, inverted index) and ranking every article. As a script it prints a table for
1k, 5k, 10k and 20k articles (or the sizes given): `.venv/bin/python -m tools.bench_related`.
The growth column compares time per article with the smallest size (1.00 = linear).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta

import numpy as np

from plugins.related.rank import Doc, Index
from plugins.related.stopwords import STOP_WORDS
from tools.benchkit import made_up_syllables

_SIZES = (1000, 5000, 10000, 20000)


def _vocabulary(rng: random.Random, count: int) -> list[str]:
    syllables = made_up_syllables()
    words: set[str] = set()
    while len(words) < count:
        words.add(f"{rng.choice(syllables)} {rng.choice(syllables)}")
    return sorted(words)


def synthetic_docs(n: int, seed: int = 20251219) -> list[Doc]:
    """n news-like articles (~550 syllables, ~3,000 characters, like the sample content).

    Every article mixes stop words (30%), words of its topic (15%, from 40 words that belong
    to the topic only) and words shared by the whole site drawn with a Zipf-like frequency.
    The random draws are made with NumPy, a whole article at a time (the same every run).
    """
    rng = random.Random(seed)
    draw = np.random.default_rng(seed)
    topics = max(10, n // 40)
    vocabulary = _vocabulary(rng, 3000 + 40 * topics)
    common = vocabulary[:3000]
    zipf = np.array([1.0 / (rank + 1) for rank in range(len(common))])
    zipf_cumulative = np.cumsum(zipf / zipf.sum())
    stops = sorted(STOP_WORDS)
    # One table of words: the common words, then the stop words, then each topic's words.
    words = common + stops + vocabulary[3000:]
    stop_start, topic_start = len(common), len(common) + len(stops)
    start = datetime(2020, 1, 1, 8, 0)
    docs = []
    for i in range(n):
        topic = i % topics

        def sentences(lengths, topic=topic) -> list[str]:
            total = int(lengths.sum())
            roll = draw.random(total)
            picked = np.searchsorted(zipf_cumulative, draw.random(total), side="right")
            picked = np.minimum(picked, len(common) - 1)
            stop = stop_start + draw.integers(0, len(stops), total)
            own = topic_start + 40 * topic + draw.integers(0, 40, total)
            picked = np.where(roll < 0.3, stop, np.where(roll < 0.45, own, picked))
            chosen = [words[k] for k in picked.tolist()]
            found, at = [], 0
            for length in lengths.tolist():
                found.append(" ".join(chosen[at : at + length]).capitalize() + ".")
                at += length
            return found

        body = " ".join(sentences(draw.integers(6, 12, 48)))
        title, summary = sentences(np.array([8, 20]))
        docs.append(
            Doc(
                key=f"bai-{i}",
                slug=f"bai-{i}",
                date=start + timedelta(hours=7 * i),
                category=f"cm-{i % 7}",
                title=title,
                summary=summary,
                body=body,
                tags=(f"the-{rng.randrange(50)}", f"the-{rng.randrange(50)}"),
            )
        )
    return docs


def run(n_articles: int) -> dict:
    """Seconds to index and to rank n synthetic articles (generation is not timed)."""
    docs = synthetic_docs(n_articles)
    wall, cpu = time.perf_counter(), time.process_time()
    index = Index(docs)
    indexed_cpu = time.process_time()
    lists = index.similar_all()
    ranked_wall, ranked_cpu = time.perf_counter(), time.process_time()
    links = sum(len(v) for v in lists.values())
    return {
        "articles": n_articles,
        "index_s": indexed_cpu - cpu,
        "rank_s": ranked_cpu - indexed_cpu,
        "total_s": ranked_cpu - cpu,  # CPU time of this process: one core
        "wall_s": ranked_wall - wall,
        "ms_per_article": 1000.0 * (ranked_cpu - cpu) / n_articles,
        "links_per_article": links / n_articles,
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(_SIZES)
    rows = [run(n) for n in sizes]
    base = rows[0]["ms_per_article"]
    print(
        f"{'bài':>7} {'chỉ mục (s)':>12} {'xếp hạng (s)':>13} {'tổng CPU (s)':>13} "
        f"{'thực (s)':>9} {'ms/bài':>7} {'tăng':>5} {'liên kết/bài':>13}"
    )
    for row in rows:
        print(
            f"{row['articles']:>7} {row['index_s']:>12.2f} {row['rank_s']:>13.2f} "
            f"{row['total_s']:>13.2f} {row['wall_s']:>9.2f} {row['ms_per_article']:>7.3f} "
            f"{row['ms_per_article'] / base:>5.2f} {row['links_per_article']:>13.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
