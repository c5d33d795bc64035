"""Build the site safely: check → Pelican into a staging folder → Pagefind → swap into output/.

A failed step leaves output/ exactly as it was: the new site is only swapped in when every
step succeeded. Usage:

    python -m tools.build [--publish] [--drafts] [--output DIR] [--content DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """A step of the build failed; output/ was not touched."""


def run_checks(content: Path) -> None:
    """`make check`'s rules; errors stop the build before Pelican starts."""
    try:
        from tools import check
    except ImportError:  # the checks are not installed yet
        return
    if check.main(["--content", str(content), "--quiet-ok"]) != 0:
        raise BuildFailed("Nội dung còn lỗi (xem danh sách ở trên); chưa xây dựng trang.")


def run_pelican(content: Path, staging: Path, *, publish: bool, drafts: bool) -> None:
    settings = ROOT / ("publishconf.py" if publish else "pelicanconf.py")
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(staging),
        "-s",
        str(settings),
        "--delete-output-directory",
    ]
    if publish:
        command += ["--fatal", "warnings"]
    if drafts:
        command += ["-e", "SHOW_DRAFTS=true"]
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        raise BuildFailed("Pelican không xây dựng được trang (xem lỗi ở trên).")


def run_pagefind(staging: Path) -> None:
    try:
        from tools import pagefind_index
    except ImportError:
        return
    pagefind_index.index(staging)


def swap_in(staging: Path, output: Path) -> None:
    """Replace output/ by the staging folder with two renames (no half-written site)."""
    old = output.with_name(f".{output.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if output.exists():
        os.replace(output, old)
    os.replace(staging, output)
    if old.exists():
        shutil.rmtree(old)


def build(
    content: Path = ROOT / "content",
    output: Path = ROOT / "output",
    *,
    publish: bool = False,
    drafts: bool = False,
    checks: bool = True,
) -> None:
    staging = output.with_name(f".{output.name}-staging")
    if staging.exists():
        shutil.rmtree(staging)
    try:
        if checks:
            run_checks(content)
        run_pelican(content, staging, publish=publish, drafts=drafts)
        run_pagefind(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, output)


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
