"""The benchmarks' kit: one corpus generator and one measuring harness for tools/bench*.py.

Corpus (all deterministic for a seed):
- `ONSETS`, `RHYMES`, `SYLLABLES`: Vietnamese syllables made up (onset + rhyme: a long tail of
  rare words, as in real news) and real ones (the words of our news);
- `sentence(rng, low, high)` (real syllables), `made_up_sentence(rng, low, high)`;
- `synthetic_article(i, n, rng, categories, photos)` and `make_corpus(folder, n, base)`: a
  content/ folder of n plausible news articles for full builds.

Harness:
- `site_settings(content, output, cache=None, bare=False, **override)`: our Pelican settings
  (or bare Pelican's) pointed at a corpus, one place for every benchmark's overrides;
- `cpu_seconds()`, `peak_mib()`: CPU (user + system, finished children included) and this
  process's peak resident memory (VmHWM, not ru_maxrss: Linux counts in that the memory of
  the parent this process started from);
- `run_child(module, spec, log=None)`: `python -m <module> --child <spec JSON>` in a fresh
  interpreter (its own peak memory); returns the JSON it wrote to spec["result"];
- `child_main(argv, run)`: the other side of run_child, for a benchmark module's main().
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# --- corpus ----------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ONSETS = _words("b c ch d đ g gi h kh l m n ng nh ph qu s t th tr v x")
RHYMES = _words(
    "a à á ả ạ an àn án ang áng anh ành ao áo ay ày âm ấn âu ầu e é en ê ế ên ênh i ì ính "
    "o ò ó oa oàn oát ong óng ô ố ối ông ống ơ ờ ới u ú ua uân uy ư ữ ưa ương ưởng iên "
    "yên iều uyết ước ướng ơn ộng ục ức ựu"
)
SYLLABLES = _words(
    "an toàn bảo biên cán chiến chính công cơ dân đạo đảng địa điểm đoàn đội đơn giá giáo "
    "hà hành hiện hoạch học hội huyện kết khen khối kinh lao lãnh lực mạnh mới nâng nghị "
    "nghiệp người nhân nhiệm nông phát phong phong phố phủ quản quả quân sản sở tác tập "
    "tế thành thể thi thị thôn thống thưởng tiêu tỉnh tổ tổng trào triển trình trưởng "
    "tuyến uỷ văn vận việc viên vùng xã xây xuất yêu đua ban bộ cao chất chỉ cuộc dịch "
    "dựng giải hợp kế kiểm lượng mô nước phòng quyết sát sự tích tin trung ương vực bắc "
    "lào cai sa pa mường khương bảo thắng yên văn bàn bát xát si ma cai hà khẩu"
)
FAMILY_NAMES = _words("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Lò Giàng")
GIVEN_NAMES = (
    "Thu Hà",
    "Văn Minh",
    "Thị Lan",
    "Quốc Huy",
    "Mai Anh",
    "Văn Sơn",
    "Thị Hoa",
    "A Páo",
)

# A newsroom reuses its tags: some 125, a few used far more often than the rest.
TAGS = tuple(
    dict.fromkeys(
        f"{SYLLABLES[(7 * i) % len(SYLLABLES)]} {SYLLABLES[(11 * i + 3) % len(SYLLABLES)]}"
        for i in range(180)
    )
)[:150]
TAG_WEIGHTS = tuple(1.0 / (rank + 1) for rank in range(len(TAGS)))


def made_up_syllables() -> list[str]:
    """Every onset + rhyme, sorted: the made-up vocabulary."""
    return sorted({onset + rhyme for onset in ONSETS for rhyme in RHYMES})


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    words = [rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def made_up_sentence(rng: random.Random, low: int, high: int) -> str:
    """A sentence of made-up syllables: a long tail of rare words, as in real news."""
    words = [rng.choice(ONSETS) + rng.choice(RHYMES) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def synthetic_article(i: int, n: int, rng: random.Random, categories, photos) -> str:
    """Article i of n: a plausible news article (~500 words), valid for `make check`.

    The n articles are spread over ten years (2015-2024), so archives look real.
    """
    step = 10 * 365 * 24 / n
    date = datetime(2015, 1, 1, 7, 0) + timedelta(hours=round(step * i) + rng.randint(0, 3))
    title = " ".join(rng.choice(SYLLABLES) for _ in range(rng.randint(6, 11))).capitalize()
    tags = sorted({rng.choices(TAGS, weights=TAG_WEIGHTS)[0] for _ in range(3)})
    authors = [
        f"{rng.choice(FAMILY_NAMES)} {rng.choice(GIVEN_NAMES)}" for _ in range(rng.randint(1, 2))
    ]
    lines = [
        f"Title: {title} (bài {i})",
        f"Date: {date:%Y-%m-%d %H:%M}",
        f"Category: {categories[i % len(categories)]}",
        f"Tags: {', '.join(tags)}",
        f"Authors: {', '.join(sorted(set(authors)))}",
        f"Summary: {sentence(rng, 20, 30)} {sentence(rng, 10, 20)}",
        "",
    ]
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(7)]
    if photos and i % 3 == 0:
        photo = photos[i % len(photos)]
        caption = sentence(rng, 6, 10)
        paragraphs.insert(2, f'![{sentence(rng, 5, 8)}]({{static}}/{photo} "{caption}")')
    lines += [p + "\n" for p in paragraphs]
    return "\n".join(lines)


def categories() -> list[str]:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py")).get("CATEGORIES") or ["Tin tức"]


def make_corpus(folder: Path, n: int, base: Path | None) -> Path:
    """content/ for one size: a copy of `base` (or just its photos) plus n articles."""
    content = folder / "content"
    if base is not None:
        shutil.copytree(base, content, ignore=shutil.ignore_patterns(".*"))
    else:
        shutil.copytree(ROOT / "content" / "images", content / "images")
    photos = sorted(
        p.relative_to(content).as_posix()
        for p in (content / "images").rglob("*")
        if p.suffix.lower() in {".jpg", ".jpeg", ".png", ".webp"}
    )
    rng = random.Random(20251219 + n)
    target = content / "articles" / "bench"
    target.mkdir(parents=True, exist_ok=True)
    names = categories()
    for i in range(n):
        text = synthetic_article(i, n, rng, names, photos)
        (target / f"bai-{i:05d}.md").write_text(text, encoding="utf-8")
    return content


# --- harness ---------------------------------------------------------------------------------


def site_settings(
    content: Path, output: Path, cache: Path | None = None, *, bare: bool = False, **override
) -> dict:
    """Pelican settings for a benchmark build: ours (pelicanconf.py) or bare Pelican's
    (default settings and theme, no plugins, our article URLs: Pelican's default
    {slug}.html collides on titles that recur from year to year)."""
    from pelican.settings import read_settings

    values = {"PATH": str(content), "OUTPUT_PATH": str(output)}
    if cache is not None:
        values["CACHE_PATH"] = str(cache)
    else:
        values.update(CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
    if bare:
        values.update(
            TIMEZONE="Asia/Ho_Chi_Minh",
            ARTICLE_URL="{date:%Y}/{date:%m}/{slug}/",
            ARTICLE_SAVE_AS="{date:%Y}/{date:%m}/{slug}/index.html",
        )
    return read_settings(None if bare else str(ROOT / "pelicanconf.py"), override=values | override)


def cpu_seconds(*usages) -> float:
    """CPU seconds (user + system) of this process and its finished children."""
    if not usages:
        usages = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    return sum(u.ru_utime + u.ru_stime for u in usages)


def high_water_kib() -> int:
    """Peak resident memory of this process since it started (VmHWM), in KiB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def peak_mib() -> float:
    return high_water_kib() / 1024


def run_child(module: str, spec: dict, log: Path | None = None, flag: str = "--child") -> dict:
    """`python -m module <flag> <spec>` in a fresh interpreter; the JSON it wrote to
    spec["result"]. Its output goes to `log` (appended), else to this process's."""
    command = [sys.executable, "-m", module, flag, json.dumps(spec)]
    if log is None:
        done = subprocess.run(command, cwd=ROOT)
    else:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"\n=== {module} {flag} {json.dumps(spec, ensure_ascii=False)} ===\n")
            handle.flush()
            done = subprocess.run(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        where = (
            f" (log {log}):\n" + "\n".join(log.read_text(encoding="utf-8").splitlines()[-25:])
            if log is not None
            else ""
        )
        raise SystemExit(f"{module} {flag} failed{where}")
    return json.loads(Path(spec["result"]).read_text(encoding="utf-8"))


def write_result(spec: dict, result) -> None:
    """The child's side of run_child."""
    Path(spec["result"]).write_text(json.dumps(result, default=str), encoding="utf-8")
