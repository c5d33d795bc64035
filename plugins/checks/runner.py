"""Run every check over the content folder and report all problems at once.

Pure: no Pelican import. tools/check.py reads the settings and prints the report; the tests
call `run_checks` directly on a temporary content folder.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from plugins.honours.paths import is_inside
from plugins.vietnamese.dates import VN_TZ
from plugins.vietnamese.errors import SiteError, SiteErrors
from plugins.vietnamese.text import nfc

from . import rules
from .document import Document, parse
from .errors import ContentProblem
from .settings import CheckSettings

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")
# Data files that are fixed to NFC as well (the honours loader reads them).
DATA_EXTENSIONS = (".yaml", ".yml", ".csv")


def _default_honours_loader():
    try:
        from plugins.honours.once import load_once
    except ImportError:  # a checkout without the honours plugin: nothing to check against
        return None
    return load_once  # loaded here, kept for Pelican's run of the same build


DEFAULT = object()


@dataclass
class Report:
    problems: list[SiteError] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[SiteError]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[SiteError]:
        return [p for p in self.problems if not p.is_error]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def summary(self) -> str:
        counts = f"{len(self.errors)} lỗi, {len(self.warnings)} cảnh báo"
        if self.errors:
            return (
                f"make check: {counts} ({self.files} tệp). Sửa hết các LỖI rồi chạy lại; "
                "khi còn lỗi, trang không được dựng và không được xuất bản."
            )
        if self.warnings:
            return f"make check: {counts} ({self.files} tệp). Không có lỗi; nên xem các cảnh báo."
        return f"make check: không có lỗi nào ({self.files} tệp)."

    def lines(self) -> list[str]:
        return [format_problem(p) for p in self.problems] + [self.summary()]


def format_problem(p: SiteError) -> str:
    """`content/articles/2024/03/x.md:4: LỖI: ... Cách sửa: ...`"""
    where = p.file if p.line is None else f"{p.file}:{p.line}"
    label = "LỖI" if p.is_error else "CẢNH BÁO"
    hint = f" Cách sửa: {p.hint}" if p.hint else ""
    return f"{where}: {label}: {p.message}{hint}"


def _ignored(name: str, patterns) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def walk(folder: Path, ignore, extensions, root: Path | None = None) -> list[Path]:
    """Files under folder with one of the extensions, skipping IGNORE_FILES, sorted. With
    `root`, nothing whose real path leaves it (a symlink out of content/) is listed."""
    found = []
    if not folder.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not _ignored(d, ignore) and (root is None or is_inside(Path(dirpath) / d, root))
        )
        for name in sorted(filenames):
            if name.lower().endswith(extensions) and not _ignored(name, ignore):
                path = Path(dirpath) / name
                if root is None or is_inside(path, root):
                    found.append(path)
    return sorted(found)


def sources(settings: CheckSettings) -> list[tuple[Path, str]]:
    """(path, "article" | "page") of every Markdown source, in a stable order."""
    root = settings.content_path
    found: dict[Path, str] = {}
    for kind, folders in (("page", settings.page_paths), ("article", settings.article_paths)):
        for folder in folders:
            base = root / folder if folder else root
            for path in walk(base, settings.ignore_files, MARKDOWN_EXTENSIONS, root):
                found.setdefault(path, kind)
    return sorted(found.items())


def make_rel(root: Path, content: Path) -> Callable[[Path], str]:
    root, content = root.resolve(), content.resolve()

    def rel(path: Path) -> str:
        path = Path(os.path.abspath(path))
        for base in (root, content.parent):
            try:
                return path.relative_to(base).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    return rel


def first_changed_line(old: str, new: str) -> int:
    for number, (a, b) in enumerate(zip(old.split("\n"), new.split("\n"), strict=False), 1):
        if a != b:
            return number
    return 1


def read_source(path: Path, rel: str, fix: bool, problems: list[SiteError]) -> str | None:
    """The text of a file, converted to NFC on disk (with a warning) when it was decomposed."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            ContentProblem(
                file=rel,
                line=line,
                message="Tệp không phải văn bản mã UTF-8 nên không đọc được.",
                hint='Mở tệp bằng trình soạn thảo và "Lưu với mã hoá UTF-8" (Save with '
                "encoding UTF-8).",
            )
        )
        return None
    fixed = nfc(text)
    if fixed != text:
        line = first_changed_line(text, fixed)
        if fix:
            path.write_text(fixed, encoding="utf-8")
            message = (
                "Chữ Việt ở dạng Unicode tổ hợp (NFD, dấu tách khỏi chữ); đã tự chuyển cả tệp "
                "sang dạng dựng sẵn (NFC)."
            )
        else:
            message = "Chữ Việt ở dạng Unicode tổ hợp (NFD, dấu tách khỏi chữ)."
        problems.append(
            ContentProblem(
                file=rel,
                line=line,
                message=message,
                hint="Không cần làm gì thêm; lần sau nên gõ bằng bảng mã Unicode dựng sẵn "
                "(Unikey: Unicode, kiểu gõ Telex hoặc VNI).",
                severity="warning",
            )
        )
        text = fixed
    return text


def load_honours_refs(
    loader, content: Path, rel: Callable[[Path], str], problems: list[SiteError]
) -> rules.HonoursRefs | None:
    if loader is None:
        return None

    def merge(found) -> None:
        for p in found:
            file = rel(Path(p.file)) if os.path.isabs(p.file) else p.file
            problems.append(
                SiteError(
                    file=file,
                    line=p.line,
                    message=p.message,
                    field=p.field,
                    hint=p.hint,
                    severity=p.severity,
                )
            )

    try:
        data = loader(content)
    except SiteErrors as exc:
        merge(exc.problems)
        return None
    except Exception as exc:  # a bug, not bad data: say so instead of a traceback
        problems.append(
            ContentProblem(
                file=rel(content / "honours"),
                message=f"Không đọc được dữ liệu khen thưởng ({type(exc).__name__}: {exc}).",
                hint="Báo cho người phụ trách kỹ thuật, kèm dòng thông báo này.",
            )
        )
        return None
    if data is None:
        return None
    merge(getattr(data, "warnings", None) or [])

    def part(name):
        value = data.get(name) if isinstance(data, dict) else getattr(data, name, None)
        return value or {}

    return rules.HonoursRefs(
        units=part("units"),
        blocs=part("blocs"),
        decisions=part("decisions"),
        campaigns=part("campaigns"),
    )


def run_checks(
    settings: CheckSettings,
    root: Path,
    *,
    honours_loader=DEFAULT,
    now: datetime | None = None,
    slugify: Callable[[str], str] | None = None,
    fix: bool = True,
) -> Report:
    """Check every article and page under settings.content_path; `root` is the repository."""
    content = settings.content_path
    rel = make_rel(root, content)
    problems: list[SiteError] = []
    documents: dict[str, Document] = {}
    files = 0

    for path in walk(content, settings.ignore_files, DATA_EXTENSIONS, content):
        files += 1
        read_source(path, rel(path), fix, problems)
    for path, kind in sources(settings):
        files += 1
        text = read_source(path, rel(path), fix, problems)
        if text is None:
            continue
        content_rel = path.relative_to(content).as_posix()
        documents[content_rel] = parse(text, path, rel(path), content_rel, kind)

    loader = _default_honours_loader() if honours_loader is DEFAULT else honours_loader
    honours = load_honours_refs(loader, content, rel, problems)
    if now is None:
        now = datetime.now(VN_TZ).replace(tzinfo=None)
    site = rules.Site(
        settings=settings,
        documents=documents,
        rel=rel,
        now=now,
        honours=honours,
        **({"slugify": slugify} if slugify else {}),
    )
    for key in sorted(documents):
        for rule in rules.DOCUMENT_RULES:
            problems.extend(rule(documents[key], site))
    problems.extend(rules.check_duplicate_urls(site))
    problems.extend(rules.check_symlinks(site))

    problems.sort(key=lambda p: (p.file, p.line or 0, 0 if p.is_error else 1, p.message))
    return Report(problems=problems, files=files)
