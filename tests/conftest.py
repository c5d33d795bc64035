"""Shared fixtures: build a site with the real Pelican, once per test session."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.build import build  # noqa: E402


def pelican_build(content: Path, output: Path, **override) -> Path:
    """Build `content` into `output` in this process with our settings and plugins."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "DELETE_OUTPUT_DIRECTORY": True,
            **override,
        },
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample content/ built exactly as `make html` does (checks, Pelican, Pagefind).

    Built once for the whole run, even with pytest-xdist workers: the first worker builds
    under a lock, the others reuse its output.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    output = shared / "sample-site"
    with open(shared / "sample-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (output / "index.html").exists():
            if output.exists():
                shutil.rmtree(output)
            build(ROOT / "content", output)
    return output


def make_content(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write a small content/ folder: {relative path: text or bytes}."""
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root
