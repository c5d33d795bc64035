"""Running Pagefind: the binary shipped by the `pagefind[bin]` package, its version, our
options, and its errors in Vietnamese."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

BUNDLE_DIR = "pagefind"
LANGUAGE = "vi"
PACKAGE = "pagefind_bin"


class PagefindError(Exception):
    """Pagefind could not index the site; the message is in Vietnamese, with how to fix it."""


def command() -> list[str]:
    """The Pagefind binary shipped by pagefind[bin] (through its module, so no PATH lookup)."""
    return [sys.executable, "-m", PACKAGE]


def options() -> list[str]:
    """Our options; the site folder, the --glob and the output are added by run_pagefind."""
    return ["--force-language", LANGUAGE, "--quiet"]


def installed_version() -> str:
    """The version of the installed Pagefind ("?" when the package is missing)."""
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def binary_size() -> int:
    """Size of the Pagefind binary (part of the cache key beside the version); -1 if none."""
    try:
        import pagefind_bin

        return pagefind_bin.get_executable().stat().st_size
    except (ImportError, OSError):
        return -1


def require_site(site: Path) -> None:
    if not site.is_dir():
        raise PagefindError(
            f"Không có thư mục trang {site} để lập chỉ mục tìm kiếm. "
            "Cách sửa: chạy Pelican trước (make html). (site folder missing)"
        )


def run_pagefind(site: Path, glob: str | None = None, output: Path | None = None) -> None:
    """Run Pagefind on `site`; `glob` (relative to it) limits the pages it reads. The bundle
    goes to `site/pagefind/`, or to the folder `output` (one part of a site indexed in parts,
    or one bundle of a site searched with mergeIndex)."""
    site = site.resolve()
    require_site(site)
    # Pagefind reads pagefind.toml/.yml and PAGEFIND_* variables: none of them may change
    # our index, so it runs from the site folder with those variables removed.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    where = (
        ["--output-subdir", BUNDLE_DIR]
        if output is None
        else ["--output-path", str(Path(output).resolve())]
    )
    arguments = [*command(), "--site", str(site), *where, *options()]
    if glob is not None:
        arguments += ["--glob", glob]
    try:
        result = subprocess.run(
            arguments, cwd=site, env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise PagefindError(
            f"Không chạy được Pagefind ({error}). Cách sửa: cài lại môi trường (make venv), "
            "gói pagefind[bin] có sẵn chương trình Pagefind. (cannot run Pagefind)"
        ) from error
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise PagefindError(
            f"Pagefind không lập được chỉ mục tìm kiếm (mã lỗi {result.returncode}): {detail} "
            "Cách sửa: xem lỗi ở trên; thường do HTML hỏng trong một trang. (Pagefind failed)"
        )
