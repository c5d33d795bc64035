"""The Vietnamese words of schema.py: one message and one hint for each kind of problem."""

from __future__ import annotations

from plugins.vietnamese.errors import SiteError
from plugins.vietnamese.suggest import closest

from . import cleantext
from .convert import DATE_HINT, DOC
from .errors import DuplicateError, InvalidValueError, MissingFieldError
from .privacy import LAW, PrivacyError

# kind -> (error class, message, hint); formatted with key, label, what and the error's ctx.
MESSAGES: dict[str, tuple[type[SiteError], str, str]] = {
    "missing": (
        MissingFieldError,
        'Thiếu trường bắt buộc "{key}" ({label}) ở {what} (missing required field).',
        "Thêm dòng `{key}: ...` (xem " + DOC + ").",
    ),
    "bool": (
        InvalidValueError,
        'Trường "{key}" ở {what} bị hiểu là đúng/sai ({value}) thay vì chữ.',
        'Đặt giá trị trong ngoặc kép, ví dụ `{key}: "Có"`.',
    ),
    "not_text": (
        InvalidValueError,
        'Trường "{key}" ({label}) ở {what} phải là một dòng chữ, không phải danh sách.',
        "Viết giá trị trên cùng dòng, sau dấu hai chấm.",
    ),
    "bad_char": (
        InvalidValueError,
        'Trường "{key}" ({label}) ở {what} có {char}.',
        cleantext.HINT,
    ),
    "bad_id": (
        InvalidValueError,
        'Mã "{value}" ở {what} không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch '
        "ngang (invalid id).",
        'Ví dụ: "{example}".',
    ),
    "bad_choice": (
        InvalidValueError,
        '{Label} ({key}) ở {what} không hợp lệ: "{value}".',
        "Ghi một trong: {choices}.",
    ),
    "bad_date": (
        InvalidValueError,
        'Ngày "{value}" ({key}) ở {what} không đúng (malformed date).',
        DATE_HINT,
    ),
    "impossible_date": (
        InvalidValueError,
        "{Label} ({key}) ở {what} sai: {problem}.",
        "Kiểm tra lại ngày, tháng, năm. " + DATE_HINT,
    ),
    "not_int": (
        InvalidValueError,
        "{Label} ({key}) ở {what} phải là một số nguyên.",
        "Ví dụ `{key}: {example}`.",
    ),
    "bad_year": (
        InvalidValueError,
        'Năm ({key}) ở {what} không đúng ("{value}").',
        "Ghi năm bằng bốn chữ số, ví dụ `{key}: 2023`.",
    ),
    "not_list": (
        InvalidValueError,
        'Trường "{key}" ({label}) ở {what} phải là danh sách.',
        "Ví dụ `{key}: [{example}]`.",
    ),
    "bad_item": (
        InvalidValueError,
        'Mục thứ {index} của "{key}" ({label}) ở {what} không phải là một giá trị.',
        "Mỗi mục là một mã hoặc một dòng chữ, ví dụ `{key}: [{example}]`.",
    ),
    "not_records": (
        InvalidValueError,
        '"{key}" ({label}) ở {what} phải là một danh sách (mỗi mục bắt đầu bằng dấu gạch ngang).',
        "Xem ví dụ trong " + DOC + ".",
    ),
    "not_mapping": (
        InvalidValueError,
        "{What} phải gồm các trường (khóa: giá trị), không phải {found}.",
        "Xem ví dụ trong " + DOC + ".",
    ),
    "bad_key": (
        InvalidValueError,
        'Tên trường "{key}" ở {what} không hợp lệ (phải là chữ).',
        "Tên trường là chữ thường không dấu, ví dụ `ten:`.",
    ),
    "unknown": (
        InvalidValueError,
        'Trường "{key}" không được dùng trong {what} (unknown field).',
        "{suggestion}",
    ),
    "personal": (
        PrivacyError,
        'Trường "{key}" ở {what} là dữ liệu cá nhân ({data}): không được đăng công khai ('
        + LAW
        + "); trang chưa được xây dựng.",
        "Xóa dòng `{key}: ...`. Chỉ ghi những gì luật thi đua, khen thưởng yêu cầu công khai: "
        "tên, chức vụ, đơn vị, danh hiệu.",
    ),
    "duplicate_key": (
        DuplicateError,
        'Trường "{key}" được ghi hai lần trong {what} (duplicate key).',
        "Xóa một trong hai dòng.",
    ),
}


def found_text(value) -> str:
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, str):
        return f'dòng chữ "{value[:40]}"'
    return f'giá trị "{value}"'


def make_problem(kind: str, file: str, line, record, what: str, key=None, **ctx):
    cls, message, hint = MESSAGES[kind]
    item = record.by_key.get(key) if isinstance(key, str) else None
    label = item.label if item else (str(key) if key is not None else record.label)
    values = {
        "key": key,
        "label": label,
        "Label": label[:1].upper() + label[1:],
        "what": what,
        "What": what[:1].upper() + what[1:],
        "choices": ", ".join(item.choices) if item else "",
        "example": (item.example if item and item.example else "..."),
        **ctx,
    }
    return cls(
        file=file,
        line=line,
        field=str(key) if key is not None else None,
        message=message.format(**values),
        hint=hint.format(**values),
    )


def unknown_hint(key, record) -> str:
    options = closest(str(key), list(record.by_key), n=1)
    if options:
        return f'Có phải ý bạn là "{options[0]}"?'
    return f"Các trường được dùng: {', '.join(record.by_key)}."
