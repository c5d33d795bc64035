"""`make serve`: build with drafts shown, serve output/ on 127.0.0.1, rebuild on change.

Pelican's own server (`pelican --listen --autoreload`) serves and rebuilds; drafts are shown
and marked "Bản nháp" so that an editor can preview an article before publishing it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from tools.build import ROOT, BuildFailed, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    args = parser.parse_args(argv)
    try:
        build(drafts=True)
    except BuildFailed as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 1
    print(f"Xem trang tại http://{args.host}:{args.port}/ (Ctrl+C để dừng)")
    command = [
        sys.executable,
        "-m",
        "pelican",
        "content",
        "-o",
        "output",
        "-s",
        "pelicanconf.py",
        "--autoreload",
        "--listen",
        "--bind",
        args.host,
        "--port",
        str(args.port),
        "-e",
        "SHOW_DRAFTS=true",
    ]
    try:
        return subprocess.call(command, cwd=ROOT)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
