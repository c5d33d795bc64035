"""Build a small site: write a content/ folder, build it with the real Pelican or the real
build (checks, Pelican, Pagefind, compression, swap)."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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


def pelican_build(content: Path, output: Path, **override) -> Path:
    """Build `content` into `output` in this process with our settings and plugins (no
    content cache, no search index, no compression: those are tools/build.py's steps)."""
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


def pelican_process(content: Path, output: Path, **override) -> Path:
    """As pelican_build, in a fresh `python -m pelican` process. For what an in-process
    build cannot show: Pelican connects each plugin's signal handlers for good, so a second
    build in one process still runs the first build's plugins, in the first build's order."""
    values = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, **override}
    command = [
        sys.executable, "-m", "pelican", str(content), "-o", str(output),
        "-s", str(ROOT / "pelicanconf.py"), "--delete-output-directory", "--fatal", "errors",
        "-e", *(f"{key}={json.dumps(value)}" for key, value in sorted(values.items())),
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def build_cli(content: Path, output: Path, seed: str = "0", *extra: str) -> None:
    """`python -m tools.build` in a fresh process (PYTHONHASHSEED=`seed`), as `make html`."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "--content", content, "--output", output, *extra],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is missing on one side or differs in its bytes (two built sites)."""
    found = []

    def walk(compare: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in compare.left_only + compare.right_only)
        found.extend(prefix + name for name in compare.common_funny + compare.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(
            compare.left, compare.right, compare.common_files, shallow=False
        )
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in sorted(compare.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(first, second), "")
    return sorted(found)
