"""`make check`: check all content without building, and report every problem in one run.

    .venv/bin/python tools/check.py [--settings pelicanconf.py] [--content DIR] [--no-fix]

One line per problem, `file:line: LỖI|CẢNH BÁO: message Cách sửa: ...`, then a summary.
Exit status 1 when there is at least one error, 0 with warnings only. Files written in
decomposed Unicode (NFD) are converted to NFC in place (a warning), unless --no-fix.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plugins.checks.runner import Report, run_checks
from plugins.checks.settings import CheckSettings

ROOT = Path(__file__).resolve().parent.parent


def load_settings(settings_file: Path, content: Path | None = None) -> dict:
    """Pelican's settings from pelicanconf.py (paths made absolute), PATH overridden."""
    from pelican.settings import read_settings

    override = {"PATH": str(Path(content).resolve())} if content else None
    return read_settings(str(settings_file), override=override)


def pelican_slugify(settings: dict):
    """The slug Pelican gives an article without a Slug line (used to find duplicate URLs)."""
    from pelican.utils import slugify

    def slug(text: str) -> str:
        return slugify(
            text,
            regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        )

    return slug


def check(
    settings_file: Path = ROOT / "pelicanconf.py",
    content: Path | None = None,
    fix: bool = True,
    out=None,
    quiet_ok: bool = False,
) -> Report:
    """Run the checks and print the report; returns it (report.exit_code is 0 or 1).

    quiet_ok: print nothing when there is no problem at all (used by tools/build.py).
    """
    out = out or sys.stdout
    settings = load_settings(settings_file, content)
    report = run_checks(
        CheckSettings.from_pelican(settings),
        ROOT,
        slugify=pelican_slugify(settings),
        fix=fix,
    )
    if report.problems or not quiet_ok:
        for line in report.lines():
            print(line, file=out)
    out.flush()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra nội dung trước khi dựng trang.")
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py")
    parser.add_argument("--content", type=Path, default=None, help="thư mục nội dung khác")
    parser.add_argument("--no-fix", action="store_true", help="không tự sửa tệp NFD")
    parser.add_argument("--quiet-ok", action="store_true", help="im lặng khi không có lỗi")
    args = parser.parse_args(argv)
    report = check(args.settings, args.content, fix=not args.no_fix, quiet_ok=args.quiet_ok)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
