"""`make bench`: how fast and how heavy the build is, next to a bare Pelican build.

For each size (articles added to a copy of content/), in a temporary folder:

1. our build, cold (no cache): checks → Pelican with our settings, plugins and theme →
   Pagefind, like `make html`; then the same again, warm (the caches of the first run);
2. a bare Pelican build of the same content (default settings and theme, no plugins);

and it prints one table: build times, the ratio to bare Pelican, the time of each of our
plugins (their signal handlers, generators and Jinja filters, timed by wrapping them from
here: the plugins hold no timing code), peak memory, output size. Then, if the other
engineers' benchmarks exist, related news (`tools/bench_related.run(n)`) and honours
(`tools/bench_honours.run(rows)`) on larger synthetic inputs, plugin code only, the
bytes of a first search (`tools/bench_search.run(n)`, with chromium), and the search index
made in parts three ways (`tools/bench_search_parts.run(n)`: one Pagefind run, our merged
parts, a bundle per part combined by Pagefind's mergeIndex; memory and first-search bytes).

    .venv/bin/python -m tools.bench                 # everything, ~10 min on 2 idle cores
    .venv/bin/python -m tools.bench --sizes 1000,5000,10000
    make bench SIZES=1500                           # goal size only (+ plugin benchmarks)
    .venv/bin/python -m tools.bench --sizes 1500 --related-sizes 0 --honour-rows 0 \
        --search-articles 0 --parts-articles 0      # only the ratio at 1,500 articles

Defaults: full builds of 1,500 (the goal of issue 7) and 5,000 articles; related news at
1,000, 5,000, 10,000 and 20,000 articles (about 20 s in all), honours at 10,000 and 100,000
rows, the search bytes and the three ways of indexing in parts at 2,000 articles. A full
build of 10,000 articles takes several minutes on two cores (--sizes 10000). The bare build
uses our article URLs
(year/month/slug), since Pelican's default {slug}.html collides on recurring titles.

Each build and each benchmark runs in a fresh Python process, so that peak memory is its
own. "CPU" ratios count user + system seconds of the build and its children (Pagefind):
steadier than wall time when the machine is shared. Nothing is written in the repository:
corpora, outputs and caches live in a temporary folder (--keep DIR keeps them there).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tools.benchkit import (
    ROOT,
    cpu_seconds,
    high_water_kib,
    make_corpus,
    run_child,
    site_settings,
    synthetic_article,
    write_result,
)
from tools.build import CHECKS_NICENESS
from tools.plugin_timer import PluginTimer

__all__ = ["make_corpus", "synthetic_article"]  # the corpus, from tools.benchkit
DEFAULT_SIZES = (1500, 5000)
RELATED_SIZES = (1_000, 5_000, 10_000, 20_000)
HONOUR_ROWS = (10_000, 100_000)
SEARCH_ARTICLES = (2_000,)
PARTS_ARTICLES = (2_000,)

# --- one build, in a child process -----------------------------------------------------------


def child(spec: dict) -> dict:
    """Run one build described by `spec`; return times, plugin times, memory and size."""
    from pelican import Pelican

    from tools.build import run_search_and_compress

    content, output, cache = Path(spec["content"]), Path(spec["output"]), Path(spec["cache"])
    if output.exists():
        shutil.rmtree(output)
    stages: dict[str, float] = {}
    stages_cpu: dict[str, float] = {}  # CPU seconds (user + system, children included)
    timer = PluginTimer()
    indexing = {"pagefind_kib": 0, "indexer_kib": 0}
    cpu_at_start = cpu_seconds()
    mark = [cpu_at_start]

    def cpu_stage(name: str) -> None:
        now = cpu_seconds()
        stages_cpu[name] = now - mark[0]
        mark[0] = now

    started = time.perf_counter()
    if spec["kind"] == "bare":
        Pelican(site_settings(content, output, cache, bare=True)).run()
        stages["pelican"] = time.perf_counter() - started
        cpu_stage("pelican")
    else:
        # As in tools/build.py: the checks in a process of their own while Pelican runs,
        # the articles parsed from both ends (READ_AHEAD) and the pages compressed into the
        # cache as Pelican writes them (COMPRESS_AHEAD).
        checks = _checks_beside(content)
        settings = site_settings(
            content,
            output,
            cache,
            DELETE_OUTPUT_DIRECTORY=True,
            COMPRESS_AHEAD=True,
            READ_AHEAD=True,
        )
        at = time.perf_counter()
        pelican = Pelican(settings)
        timer.install()
        pelican.run()
        stages["pelican"] = time.perf_counter() - at
        if checks is not None:
            stages["checks"], stages_cpu["checks"] = checks.result()
            mark[0] += stages_cpu["checks"]
        cpu_stage("pelican")
        # The search index in a process of its own, as in tools/build.py, and the .gz/.br
        # copies of the pages beside it (tools.build.run_search_and_compress): "pagefind" is
        # the index, "compress" what is left of compression after it (its CPU counted there).
        marks = {}

        def index_apart(site: Path, index_cache: Path) -> None:
            marks["indexing"] = run_child(
                "tools.bench",
                {
                    "output": str(site),
                    "cache": str(index_cache),
                    "result": str(output.with_name(output.name + "-indexing.json")),
                },
                flag="--indexing-child",
            )
            stages["pagefind"] = time.perf_counter() - at
            cpu_stage("pagefind")
            marks["index_done"] = time.perf_counter()

        at = time.perf_counter()
        run_search_and_compress(output, ROOT / "pelicanconf.py", cache, index=index_apart)
        indexing, at = marks["indexing"], marks["index_done"]
        stages["compress"] = time.perf_counter() - at
        sender = getattr(pelican, "compress_ahead", None)
        if sender is not None:  # its CPU seconds are counted once it is reaped
            sender.worker.reap()
        cpu_stage("compress")  # what was compressed while Pelican wrote included
    total = time.perf_counter() - started
    usage_self = resource.getrusage(resource.RUSAGE_SELF)
    usage_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    self_kib, children_kib = usage_self.ru_maxrss, usage_children.ru_maxrss
    cpu = cpu_seconds(usage_self, usage_children) - cpu_at_start
    files = [p for p in output.rglob("*") if p.is_file()]
    return {
        "seconds": total,
        "cpu_seconds": cpu,
        "stages": stages,
        "stages_cpu": stages_cpu,
        "plugins": dict(timer.seconds),
        "peak_mib": max(self_kib, children_kib) / 1024,
        "python_mib": self_kib / 1024,  # checks, Pelican and our plugins
        "pagefind_mib": indexing["pagefind_kib"] / 1024,  # Pagefind's binary, largest run
        "indexer_mib": indexing["indexer_kib"]
        / 1024,  # tools.search itself (scan, merger, word list)
        "children_mib": children_kib / 1024,  # the largest of all child processes
        "output_mb": sum(p.stat().st_size for p in files) / 1e6,
        "files": len(files),
    }


class _ChecksBeside:
    """`make check` (tools.check) in a process of its own, started at once and timed by a
    thread that waits for it."""

    def __init__(self, content: Path) -> None:
        command = [sys.executable, "-m", "tools.check", "--content", str(content), "--quiet-ok"]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT)
        with contextlib.suppress(OSError):  # as tools.build.run_checks_beside
            os.setpriority(os.PRIO_PROCESS, process.pid, CHECKS_NICENESS)
        self._outcome: list = []

        def wait() -> None:
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
            self._outcome[:] = [process.returncode, time.perf_counter() - started, cpu]

        self._waiter = threading.Thread(target=wait)
        self._waiter.start()

    def result(self) -> tuple[float, float]:
        """(wall seconds, CPU seconds) of the checks; SystemExit if they found a problem."""
        self._waiter.join()
        code, seconds, cpu = self._outcome
        if code != 0:
            raise SystemExit("make check failed on the bench corpus")
        return seconds, cpu


def _checks_beside(content: Path) -> _ChecksBeside | None:
    return _ChecksBeside(content) if _optional("tools.check") is not None else None


def indexing_child(spec: dict) -> dict:
    from tools import search

    search.index(Path(spec["output"]), cache=Path(spec["cache"]))
    return {
        # Not ru_maxrss: Linux counts in it the parent's memory this process started from.
        "indexer_kib": high_water_kib(),
        "pagefind_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def _optional(module: str):
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and module.startswith(error.name):
            return None
        raise


def measure(kind: str, content: Path, output: Path, cache: Path, log: Path) -> dict:
    """Run `child` in a fresh interpreter (its own peak memory); return its result."""
    spec = {
        "kind": kind,
        "content": str(content),
        "output": str(output),
        "cache": str(cache),
        "result": str(output.with_suffix(".json")),
    }
    return run_child("tools.bench", spec, log)


# --- the table -------------------------------------------------------------------------------


def _median(results: list[dict]) -> dict:
    """The result with the median wall time (a whole result: its stages agree with it)."""
    return sorted(results, key=lambda result: result["seconds"])[len(results) // 2]


def bench_size(n: int, work: Path, base: Path | None, log: Path, rounds: int = 3) -> dict:
    """`rounds` rounds of: bare Pelican, our cold build, our warm rebuild, each in fresh
    folders; the median of each kind. Interleaved, so that a machine that speeds up or slows
    down during the run (a virtual machine's memory, other work) weighs on all three alike."""
    folder = work / f"n{n}"
    if folder.exists():
        shutil.rmtree(folder)
    content = make_corpus(folder, n, base)
    runs: dict[str, list[dict]] = {"bare": [], "cold": [], "warm": []}
    for number in range(rounds):
        here = folder / f"lan-{number}"
        runs["bare"].append(measure("bare", content, here / "bare", here / "bare-cache", log))
        runs["cold"].append(measure("ours", content, here / "out", here / "cache", log))
        runs["warm"].append(measure("ours", content, here / "out", here / "cache", log))
        shutil.rmtree(here, ignore_errors=True)
    row = {"articles": n, **{kind: _median(found) for kind, found in runs.items()}}
    for kind in ("cold", "warm"):
        pairs = zip(runs[kind], runs["bare"], strict=True)
        row[f"{kind}_ratios"] = [ours["seconds"] / bare["seconds"] for ours, bare in pairs]
    return row


def print_builds(rows: list[dict]) -> None:
    print()
    print("Dựng toàn trang (full builds; seconds, ratio = ours / bare Pelican, same content)")
    head = (
        f"{'bài thêm':>9} {'lần đầu':>8} {'dựng lại':>9} {'Pelican trần':>13} "
        f"{'tỉ lệ đầu':>10} {'tỉ lệ lại':>10} {'CPU đầu':>8} {'CPU lại':>8} {'bộ nhớ MiB':>11} "
        f"{'dung lượng MB':>14} {'tệp':>7}"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        cold, warm, bare = row["cold"], row["warm"], row["bare"]
        print(
            f"{row['articles']:>9} {cold['seconds']:>8.1f} {warm['seconds']:>9.1f} "
            f"{bare['seconds']:>13.1f} {statistics.median(row['cold_ratios']):>10.2f} "
            f"{statistics.median(row['warm_ratios']):>10.2f} "
            f"{cold['cpu_seconds'] / bare['cpu_seconds']:>8.2f} "
            f"{warm['cpu_seconds'] / bare['cpu_seconds']:>8.2f} "
            f"{max(cold['peak_mib'], warm['peak_mib']):>11.0f} {warm['output_mb']:>14.1f} "
            f"{warm['files']:>7}"
        )
    print(
        "(lần đầu = cold, empty caches; dựng lại = warm rebuild with the caches of the first "
        "run; CPU đầu, CPU lại = the same ratios in CPU seconds, steadier on a busy machine; bare "
        "Pelican: default theme, no plugins, its peak "
        + ", ".join(f"{r['bare']['peak_mib']:.0f}" for r in rows)
        + " MiB; ours, per process: checks + Pelican + plugins / Pagefind (largest run) / "
        "tools.search: "
        + ", ".join(
            " / ".join(
                f"{max(r[k].get(field, 0.0) for k in ('cold', 'warm')):.0f}"
                for field in ("python_mib", "pagefind_mib", "indexer_mib")
            )
            for r in rows
        )
        + " MiB)"
    )
    for row in rows:
        rounds = len(row["cold_ratios"])
        print(
            f"{row['articles']} bài, {rounds} lượt (rounds of bare, cold, warm; times above are "
            "medians, ratios the median of each round's): tỉ lệ đầu "
            + ", ".join(f"{r:.2f}" for r in row["cold_ratios"])
            + "; tỉ lệ lại "
            + ", ".join(f"{r:.2f}" for r in row["warm_ratios"])
        )
    print()
    print("Thời gian từng bước và từng plugin (seconds: cold / warm; steps also in CPU seconds)")
    stages = sorted({s for r in rows for run in ("cold", "warm") for s in r[run]["stages"]})
    plugins = sorted({p for r in rows for run in ("cold", "warm") for p in r[run]["plugins"]})
    names = stages + [f"{s} CPU" for s in stages] + [f"plugins.{p}" for p in plugins]
    width = max(len(name) for name in names) + 2
    print(f"{'':<{width}}" + "".join(f"{r['articles']:>16}" for r in rows))
    for name in names:
        cells = []
        for row in rows:
            if name.startswith("plugins."):
                key, field = "plugins", name.split(".", 1)[1]
            elif name.endswith(" CPU"):
                key, field = "stages_cpu", name[: -len(" CPU")]
            else:
                key, field = "stages", name
            cold = row["cold"].get(key, {}).get(field, 0.0)
            warm = row["warm"].get(key, {}).get(field, 0.0)
            cells.append(f"{cold:>7.2f} / {warm:<6.2f}")
        print(f"{name:<{width}}" + "".join(f"{c:>16}" for c in cells))


def print_plugin_benches(args, work: Path, log: Path):
    """The other engineers' benchmarks, each run in a fresh process (its own peak memory)."""
    for module, label, sizes in (
        ("tools.bench_related", "Tin liên quan (related), chỉ mã plugin", args.related_sizes),
        ("tools.bench_honours", "Khen thưởng (honours), chỉ mã plugin", args.honour_rows),
        ("tools.bench_search", "Tìm kiếm (search), số byte lần tìm đầu", args.search_articles),
        (
            "tools.bench_search_parts",
            "Chỉ mục theo phần (one run / merged parts / mergeIndex), bộ nhớ và byte lần tìm đầu",
            args.parts_articles,
        ),
    ):
        if not sizes:
            continue
        bench = _optional(module)
        print()
        if bench is None or not hasattr(bench, "run"):
            print(f"{label}: {module} chưa có (not present), bỏ qua.")
            continue
        print(f"{label}: {module}.run(n)", flush=True)
        for n in sizes:
            spec = {"module": module, "n": n, "result": str(work / f"{module}-{n}.json")}
            started = time.perf_counter()
            try:
                result = run_child("tools.bench", spec, log, flag="--plugin-child")
            except SystemExit:
                print(f"  n={n:>7}: LỖI (failed), see {log}")
                continue
            elapsed = time.perf_counter() - started
            print(f"  n={n:>7}: {_format_result(result)} (wall {elapsed:.1f} s)", flush=True)


def _format_result(result) -> str:
    if isinstance(result, dict):
        return ", ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in result.items()
        )
    if isinstance(result, list | tuple):
        return "; ".join(_format_result(item) for item in result)
    return str(result)


def _load() -> str:
    """The machine's load average: ratios of one run are comparable, times across runs not."""
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _sizes(text: str) -> list[int]:
    """ "1000,5000" → [1000, 5000]; "" or "0" → [] (skip that part)."""
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    return [n for n in sizes if n > 0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="articles added for the full builds, e.g. 1000,5000,10000 (0: none)",
    )
    parser.add_argument(
        "--related-sizes",
        type=_sizes,
        default=list(RELATED_SIZES),
        help="tools/bench_related.run(n), articles (0: skip)",
    )
    parser.add_argument(
        "--honour-rows",
        type=_sizes,
        default=list(HONOUR_ROWS),
        help="tools/bench_honours.run(rows), honour rows (0: skip)",
    )
    parser.add_argument(
        "--search-articles",
        type=_sizes,
        default=list(SEARCH_ARTICLES),
        help="tools/bench_search.run(n): bytes of a first search (needs chromium); 0: skip",
    )
    parser.add_argument(
        "--parts-articles",
        type=_sizes,
        default=list(PARTS_ARTICLES),
        help="tools/bench_search_parts.run(n): the search index in parts, three ways, parts "
        "of n/4 pages (needs chromium); 0: skip",
    )
    parser.add_argument(
        "--empty-base",
        action="store_true",
        help="generated articles and the sample photos only (not a copy of content/)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of (bare, cold, warm) per size; the table shows the medians (default 3)",
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--plugin-child", help=argparse.SUPPRESS)
    parser.add_argument("--indexing-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        spec = json.loads(args.child)
        write_result(spec, child(spec))
        return 0
    if args.indexing_child:
        spec = json.loads(args.indexing_child)
        write_result(spec, indexing_child(spec))
        return 0
    if args.plugin_child:
        spec = json.loads(args.plugin_child)
        write_result(spec, importlib.import_module(spec["module"]).run(spec["n"]))
        return 0

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    log = work / "bench.log"
    base = None if args.empty_base else ROOT / "content"
    print(f"Thư mục tạm (work folder): {work}; nhật ký (log): {log}")
    print(f"Tải máy (load average 1/5/15 min) lúc đầu: {_load()}", flush=True)
    try:
        rows = []
        for n in args.sizes:
            print(f"… {n} bài: dựng lần đầu, dựng lại, Pelican trần", flush=True)
            rows.append(bench_size(n, work, base, log, args.rounds))
        if rows:
            print(f"Tải máy (load average) sau các lần dựng: {_load()}")
            print_builds(rows)
        print_plugin_benches(args, work, log)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
