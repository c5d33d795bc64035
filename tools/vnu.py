"""The Nu HTML Checker (vnu.jar from the pinned vnu-jar npm package), run with Java.

The jar is installed once into a cache folder with `npm install` and reused; it is run ONCE
over every .html file of a built site (one Java start-up), and its JSON output is parsed.

    python -m tools.vnu [SITE_FOLDER]      # default output/; exit 1 when there are errors

Environment: VNU_JAR (use this vnu.jar, install nothing), VNU_CACHE (where to install it;
default ~/.cache/thi-dua-khen-thuong), JAVA (the java command; default `java`).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_VERSION = "26.9.27"  # pinned: the same checker, and the same verdicts, on every machine


class VnuUnavailable(RuntimeError):
    """Java or npm is missing, or the checker could not be installed or run."""


@dataclass(frozen=True)
class Message:
    kind: str  # "error", "info" (warnings are info with sub_type "warning"), "non-document-error"
    file: str  # relative to the checked folder
    line: int | None
    message: str
    extract: str
    sub_type: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        extract = " ".join(self.extract.split())
        return f"{where}: {self.message}" + (f"  [{extract[:120]}]" if extract else "")

    @property
    def is_error(self) -> bool:
        return self.kind in ("error", "non-document-error") or self.sub_type == "fatal"


def cache_dir() -> Path:
    base = os.environ.get("VNU_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "thi-dua-khen-thuong"


def ensure_jar() -> Path:
    """The path of vnu.jar, installing vnu-jar@VNU_VERSION with npm if it is not there yet."""
    explicit = os.environ.get("VNU_JAR")
    if explicit:
        if not Path(explicit).is_file():
            raise VnuUnavailable(f"VNU_JAR={explicit} không tồn tại (file not found).")
        return Path(explicit)
    prefix = cache_dir() / f"vnu-jar-{VNU_VERSION}"
    jar = prefix / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if jar.is_file():
        return jar
    npm = shutil.which("npm")
    if npm is None:
        raise VnuUnavailable("Thiếu npm để cài vnu-jar (apt-get install npm; .ci/run does).")
    prefix.mkdir(parents=True, exist_ok=True)
    with open(prefix / ".install.lock", "w") as lock:  # one install at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not jar.is_file():
            _npm_install(npm, prefix)
    if not jar.is_file():
        raise VnuUnavailable(f"npm install vnu-jar@{VNU_VERSION}: {jar} không có.")
    return jar


def _npm_install(npm: str, prefix: Path) -> None:
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(prefix),
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--loglevel=error",
            f"vnu-jar@{VNU_VERSION}",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise VnuUnavailable(
            f"npm install vnu-jar@{VNU_VERSION} thất bại:\n{result.stdout}\n{result.stderr}"
        )


def java_command() -> str:
    java = os.environ.get("JAVA") or shutil.which("java")
    if not java:
        raise VnuUnavailable("Thiếu Java (apt-get install default-jre-headless; .ci/run does).")
    return java


def html_files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.is_file())


def check(
    site: Path, *, errors_only: bool = True, extra: list[Path] = ()
) -> tuple[list[Path], list[Message]]:
    """Run the checker once over every .html file under `site` (and the `extra` files).

    Returns (the site's files, the messages); a message's `file` is relative to `site`.
    """
    site = Path(site).resolve()
    files = html_files(site)
    if not files and not extra:
        return files, []
    jar = ensure_jar()
    # A short batch job: the quick JIT tier and the serial collector halve the CPU time.
    jvm = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    command = [java_command(), *jvm, "-jar", str(jar), "--format", "json", "--exit-zero-always"]
    if errors_only:
        command.append("--errors-only")
    # One argument per file (not the folder): only our .html files, never .html.gz copies.
    command += [str(path.relative_to(site)) for path in files]
    command += [str(Path(path).resolve()) for path in extra]
    result = subprocess.run(command, cwd=site, capture_output=True, text=True)
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError as error:
        raise VnuUnavailable(
            f"Không đọc được kết quả của vnu.jar ({error}):\n{result.stderr[-2000:]}"
        ) from error
    messages = []
    for item in report.get("messages", []):
        url = item.get("url", "")
        file = url.removeprefix("file:")
        with contextlib.suppress(ValueError):  # a file outside the site keeps its path
            file = str(Path(file).resolve().relative_to(site))
        messages.append(
            Message(
                kind=item.get("type", ""),
                sub_type=item.get("subType", ""),
                file=file,
                line=item.get("lastLine") or item.get("firstLine"),
                message=item.get("message", ""),
                extract=item.get("extract", ""),
            )
        )
    messages.sort(key=lambda m: (m.file, m.line or 0, m.message))
    return files, messages


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0]) if args else ROOT / "output"
    try:
        files, messages = check(site)
    except VnuUnavailable as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 2
    errors = [m for m in messages if m.is_error]
    for message in errors:
        print(message)
    print(f"Nu HTML Checker {VNU_VERSION}: {len(files)} tệp HTML, {len(errors)} lỗi.")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
