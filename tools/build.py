"""Build the site safely: check (while Pelican builds into a staging folder) → Pagefind →
.gz/.br → swap into output/.

A failed step leaves output/ exactly as it was, byte for byte: the new site is built in
.output-staging/ (beside output/, so on the same file system) and swapped in only when every
step succeeded. Usage:

    python -m tools.build [--publish] [--drafts] [--output DIR] [--content DIR]

- `make html`: pelicanconf.py; any error Pelican logs stops the build (--fatal errors).
- `make publish` (--publish): publishconf.py; warnings stop it too (--fatal warnings).
- `make serve` (--drafts): SHOW_DRAFTS=true, drafts previewed with a "Bản nháp" banner.
  Without it, drafts and scheduled articles are not written at all (plugins/checks/glue.py).

The swap exchanges the two folders in one system call where Linux allows it
(renameat2 RENAME_EXCHANGE), so output/ never disappears, even for a moment; elsewhere it
falls back to two renames, undone if the second fails, and a build interrupted between them
is repaired by the next one. One build at a time: a lock file beside output/. Pelican's
content cache is kept beside output/ too (.output-cache/), so that two builds into two
folders never share it. After the swap, .output-stamps/build.json records the kind of
build (tools/deploy.py reads it).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent

RENAME_EXCHANGE = 2
AT_FDCWD = -100


class Problem(NamedTuple):
    """One mistake that stopped a build: where (file:line), what, how to fix it."""

    where: str
    message: str
    hint: str = ""


class BuildFailed(Exception):
    """A step of the build failed; output/ was not touched. `problems`: the mistakes found
    (the checks' list, or those Pelican reported), for the preview's banner (tools/serve.py)."""

    def __init__(self, message: str, problems: list[Problem] | tuple = ()):
        super().__init__(message)
        self.problems = list(problems)


# A problem line as our errors print it (plugins.vietnamese.errors.SiteError.__str__):
# "content/x.md:4: LỖI [Category]: message Cách sửa: hint".
_PROBLEM_LINE = re.compile(
    r"(?P<where>\S[^\s:]*(?::\d+)?): LỖI(?: \[(?P<field>[^\]]+)\])?: (?P<message>.+?)"
    r"(?: Cách sửa: (?P<hint>.+))?$"
)


def problems_in(lines) -> list[Problem]:
    """The problems named in Pelican's log lines, in order, without repeats."""
    found: list[Problem] = []
    for line in lines:
        match = _PROBLEM_LINE.search(line.strip())
        if match is None:
            continue
        message = match["message"].strip()
        if match["field"]:
            message = f"[{match['field']}] {message}"
        problem = Problem(match["where"], message, (match["hint"] or "").strip())
        if problem not in found:
            found.append(problem)
    return found


def sibling(output: Path, suffix: str) -> Path:
    return output.with_name(f".{output.name}-{suffix}")


def settings_file(publish: bool) -> Path:
    return ROOT / ("publishconf.py" if publish else "pelicanconf.py")


def run_checks(content: Path) -> None:
    """`make check`'s rules; errors stop the build before Pelican starts."""
    from plugins.checks.runner import format_problem
    from tools import check

    report = check.check(ROOT / "pelicanconf.py", content, quiet_ok=True)
    if report.exit_code != 0:
        problems = []
        for p in report.errors:
            where = p.file if p.line is None else f"{p.file}:{p.line}"
            message = f"[{p.field}] {p.message}" if p.field else p.message
            problems.append(Problem(where, message, p.hint or ""))
        if not problems:  # never expected: exit code 1 means at least one error
            problems = [Problem("content/", format_problem(report.problems[0]))]
        raise BuildFailed("Nội dung còn lỗi (xem danh sách ở trên); chưa xây dựng trang.", problems)


CHECKS_NICENESS = 10


def run_checks_beside(content: Path) -> None:
    """run_checks, in a thread of lower CPU priority (Linux gives each thread its own): the
    checks have all of Pelican's run to finish, while Pelican, and the process that reads
    articles ahead for it, are what the build waits for."""

    def niced() -> None:
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CHECKS_NICENESS)
        run_checks(content)

    with ThreadPoolExecutor(1, thread_name_prefix="checks") as pool:
        pool.submit(niced).result()


class PelicanRun:
    """Pelican running in a child process, its log held back until `show()` (the checks run
    meanwhile: their report comes first, and a failed check stops Pelican unseen)."""

    def __init__(self, command: list[str]):
        self.tail: deque[str] = deque(maxlen=400)
        self._held: list[str] = []
        self._shown = False
        self._lock = threading.Lock()
        # Plain log lines (not rich's columns, which a pipe would wrap at 80 characters and
        # pad): one problem, one line.
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, encoding="utf-8", errors="replace",
        )  # fmt: skip
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._lock:
                self.tail.append(line)
                if self._shown:
                    sys.stdout.write(line)
                else:
                    self._held.append(line)

    def show(self) -> None:
        """From now on, Pelican's log is passed through as it comes (what came before too)."""
        with self._lock:
            sys.stdout.write("".join(self._held))
            self._held.clear()
            self._shown = True

    def stop(self) -> None:
        """Stop Pelican if it still runs (a check failed, or the build was interrupted); what
        it has not logged yet is dropped."""
        if self.process.poll() is None:
            self.process.kill()
        self._close()

    def wait(self) -> int:
        self.show()
        self._close()
        sys.stdout.flush()
        return self.process.returncode

    def _close(self) -> None:
        self.process.wait()
        self._reader.join()
        self.process.stdout.close()


def start_pelican(
    content: Path,
    staging: Path,
    *,
    publish: bool,
    drafts: bool,
    cache: Path | None = None,
    extra: dict | None = None,
) -> PelicanRun:
    command = [
        sys.executable, "-m", "pelican", str(content),
        "-o", str(staging), "-s", str(settings_file(publish)), "--delete-output-directory",
        "--fatal", "warnings" if publish else "errors",
    ]  # fmt: skip
    # A second process parses the articles from the far end (plugins/vietnamese/read_ahead)
    overrides = {"READ_AHEAD": True, **({"SHOW_DRAFTS": True} if drafts else {})}
    if cache is not None:  # one cache per output folder: builds side by side never share it
        command += ["--cache-path", str(cache)]
        # Pelican hands each page it writes to a compressor as it goes (tools/compress/ahead)
        overrides["COMPRESS_AHEAD"] = True
    overrides.update(extra or {})  # e.g. the preview's address and script
    if overrides:  # one -e with every KEY=JSON: Pelican keeps only the last -e given
        command += ["-e", *(f"{k}={json.dumps(v)}" for k, v in sorted(overrides.items()))]
    return PelicanRun([*command, "--log-handler", "plain"])


def finish_pelican(run: PelicanRun, staging: Path) -> None:
    """Wait for Pelican; the problems it names in its last lines go into BuildFailed."""
    if run.wait() != 0:
        problems = problems_in(run.tail) or [
            Problem(
                "Pelican",
                " ".join(line.strip() for line in list(run.tail)[-3:]) or "Pelican dừng lại.",
                "Xem thông báo đầy đủ trong cửa sổ dòng lệnh.",
            )
        ]
        raise BuildFailed("Pelican không xây dựng được trang (xem lỗi ở trên).", problems)
    if not (staging / "index.html").is_file():
        raise BuildFailed("Pelican không tạo ra trang chủ (index.html).")


def run_pelican(content: Path, staging: Path, **options) -> None:
    """Pelican alone (no checks beside it); options as start_pelican's."""
    finish_pelican(start_pelican(content, staging, **options), staging)


def run_pagefind(staging: Path, cache: Path | None = None) -> None:
    from tools.search import index

    index(staging, cache=cache)  # reuses the bundle when no page changed


def compress_settings(settings_file: Path, cache: Path | None):
    """The COMPRESS_* settings of the settings file; the cache lives in `cache`/compress."""
    from pelican.settings import read_settings

    from tools.compress.settings import CompressSettings

    override = {"CACHE_PATH": str(cache)} if cache is not None else {}
    return CompressSettings.from_pelican(read_settings(str(settings_file), override=override))


def run_search_and_compress(
    staging: Path, settings_file: Path, cache: Path | None, index=run_pagefind
):
    """The search index, then .gz/.br copies of every text file, once everything is written
    (pages, feeds, sitemap.xml, Pagefind's scripts and JSON): one step, whatever the order of
    PLUGINS. The pages Pelican wrote are compressed in a child process while the index is
    made; the search files after it (tools/compress/alongside.py). `index(staging, cache)`
    makes the index (make bench passes one that runs it in a process of its own). Returns
    the compress Report."""
    from tools.compress.alongside import compressing_alongside
    from tools.search.run import BUNDLE_DIR

    cfg = compress_settings(settings_file, cache)
    with compressing_alongside(staging, cfg, later=(BUNDLE_DIR,)) as report:
        index(staging, cache / "pagefind" if cache is not None else None)
    return report


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    done = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return done == 0


def recover(output: Path) -> None:
    """Put back the last good site if a previous build stopped in the middle of its swap."""
    old = sibling(output, "old")
    if old.is_dir() and not output.exists():
        os.replace(old, output)
    if old.exists():
        shutil.rmtree(old)


def swap_in(staging: Path, output: Path) -> None:
    """Replace output/ by the staging folder; output/ is never left half-written."""
    if not output.exists():
        os.replace(staging, output)
        return
    if _exchange(staging, output):
        shutil.rmtree(staging)  # now holds the previous site
        return
    old = sibling(output, "old")
    os.replace(output, old)
    try:
        os.replace(staging, output)
    except BaseException:
        os.replace(old, output)
        raise
    shutil.rmtree(old)


@contextlib.contextmanager
def build_lock(output: Path):
    lock_path = sibling(output, "lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Đang có một lần xây dựng khác; chờ nó xong...", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def build(
    content: Path = ROOT / "content",
    output: Path = ROOT / "output",
    *,
    publish: bool = False,
    drafts: bool = False,
    checks: bool = True,
    extra: dict | None = None,
) -> None:
    """`extra`: more Pelican settings (tools/serve.py: the address served, PREVIEW)."""
    content, output = Path(content).resolve(), Path(output).resolve()
    staging = sibling(output, "staging")
    with build_lock(output):
        recover(output)
        if staging.exists():
            shutil.rmtree(staging)
        try:
            cache = sibling(output, "cache")
            # The checks run while Pelican builds (two cores, two processes): their report
            # comes first; when they fail, Pelican is stopped and its log never shown.
            pelican = start_pelican(
                content, staging, publish=publish, drafts=drafts, cache=cache, extra=extra
            )
            try:
                if checks:
                    run_checks_beside(content)
                finish_pelican(pelican, staging)
            finally:
                pelican.stop()  # nothing when Pelican has finished
            run_search_and_compress(staging, settings_file(publish), cache)
        except BuildFailed:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        except BaseException as error:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(error, Exception):
                raise BuildFailed(f"Bước xây dựng bị lỗi: {error}") from error
            raise
        swap_in(staging, output)
        from tools.deploy import write_build_stamp

        write_build_stamp(output, "publish" if publish else "preview" if drafts else "html")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--publish", action="store_true", help="publishconf.py, --fatal warnings")
    parser.add_argument("--drafts", action="store_true", help="show drafts (preview)")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    args = parser.parse_args(argv)
    try:
        build(args.content, args.output, publish=args.publish, drafts=args.drafts)
    except BuildFailed as error:
        print(f"LỖI: {error} Trang cũ trong {args.output} được giữ nguyên.", file=sys.stderr)
        return 1
    print(f"Đã xây dựng trang vào {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
