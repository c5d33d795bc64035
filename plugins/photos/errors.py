"""Problems with a photo file, reported with the file name and how to fix them."""

from __future__ import annotations

from dataclasses import dataclass

from plugins.vietnamese.errors import SiteError


@dataclass(eq=False)
class PhotoError(SiteError):
    """A photo that cannot be published (unreadable, or a format browsers cannot show)."""


def refused_format(file: str, extension: str) -> PhotoError:
    return PhotoError(
        file=file,
        field="ảnh",
        message=(
            f"Ảnh định dạng {extension.lstrip('.').upper()} không hiển thị được trên mọi trình "
            "duyệt và còn giữ dữ liệu EXIF/GPS (vị trí chụp). "
            "(This photo format is not published.)"
        ),
        hint=(
            "Mở ảnh và lưu lại dưới dạng JPEG (.jpg) hoặc PNG, rồi sửa đường dẫn trong bài viết "
            "cho khớp tên tệp mới."
        ),
    )


def unreadable(file: str, reason: str) -> PhotoError:
    return PhotoError(
        file=file,
        field="ảnh",
        message=f"Không đọc được tệp ảnh ({reason}). (The photo cannot be read.)",
        hint="Kiểm tra tệp có mở được trên máy tính không; nếu hỏng, tải lại ảnh gốc.",
    )


def animated(file: str) -> PhotoError:
    return PhotoError(
        file=file,
        field="ảnh",
        message="Ảnh động (nhiều khung hình) không được hỗ trợ. (Animated images are refused.)",
        hint="Dùng một ảnh tĩnh JPEG hoặc PNG; đoạn phim thì đăng lên kho video của cơ quan.",
    )
