"""Errors that name the file, the line and the field, and say how to fix the problem."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(eq=False)
class SiteError(Exception):
    """One problem in the content. `message` says what is wrong, `hint` how to fix it."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        label = "LỖI" if self.severity == "error" else "CẢNH BÁO"
        field = f" [{self.field}]" if self.field else ""
        hint = f" Cách sửa: {self.hint}" if self.hint else ""
        return f"{where}: {label}{field}: {self.message}{hint}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class SiteErrors(Exception):
    """Every problem found in one run, raised once so that nothing is reported piecemeal."""

    def __init__(self, problems: Iterable[SiteError]):
        self.problems = sorted(
            problems, key=lambda p: (p.file, p.line or 0, p.field or "", p.message)
        )
        super().__init__(self.report())

    def report(self) -> str:
        count = sum(1 for p in self.problems if p.is_error)
        lines = [str(p) for p in self.problems]
        lines.append(f"Có {count} lỗi cần sửa trước khi xuất bản.")
        return "\n".join(lines)

    @property
    def errors(self) -> list[SiteError]:
        return [p for p in self.problems if p.is_error]


class ProblemCollector:
    """Collects problems; `raise_if_errors()` raises one SiteErrors holding all of them."""

    def __init__(self) -> None:
        self.problems: list[SiteError] = []

    def add(self, problem: SiteError) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[SiteError]) -> None:
        self.problems.extend(problems)

    def error(self, file: str, message: str, **kwargs) -> None:
        self.add(SiteError(file=file, message=message, **kwargs))

    def warning(self, file: str, message: str, **kwargs) -> None:
        self.add(SiteError(file=file, message=message, severity="warning", **kwargs))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise SiteErrors(self.problems)
