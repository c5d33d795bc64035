"""Nothing outside content/: every path that content names must resolve inside it.

A path is resolved (".." and every symlink followed) before anything is read; if the real
file is not inside the real content folder, the answer is a message, never the file.
Pure: no Pelican. Used for annexes (phu_luc), data files found by listing a folder, and by
plugins/checks for images, {static}/{filename} links, static files and extra/.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

OUTSIDE_HINT = (
    'Chỉ dùng tệp nằm trong thư mục content/ (không dùng đường dẫn tuyệt đối, ".." ra ngoài '
    "hay liên kết tượng trưng tới nơi khác): chép tệp vào content/ rồi ghi đường dẫn tới bản chép."
)


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, every symlink followed, is `root` or under it (root resolved too)."""
    try:
        real = Path(os.path.realpath(path))
    except (OSError, ValueError):
        return False
    real_root = Path(os.path.realpath(root))
    return real == real_root or real_root in real.parents


def why_outside(name: str, base: Path, root: Path) -> str | None:
    """Why the file `name`, written in a file of folder `base`, may not be read (None: it may).

    A Vietnamese phrase for the message: an absolute path, a path that climbs out of
    content/ with "..", or a symlink (of the file or of a folder on its way) leading out.
    """
    if "\x00" in name:
        return "có ký tự NUL"
    text = name.replace("\\", "/")
    if PurePosixPath(text).is_absolute() or (len(text) > 1 and text[1] == ":"):
        return "là đường dẫn tuyệt đối"
    lexical = os.path.normpath(os.path.join(os.path.abspath(base), text))
    top = os.path.normpath(os.path.abspath(root))
    if lexical != top and not lexical.startswith(top + os.sep):
        return 'ra ngoài thư mục content/ (có "..")'
    if not is_inside(Path(lexical), root):
        return "là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục content/"
    return None


def inside_files(folder: Path, root: Path, patterns: tuple[str, ...]) -> tuple[list, list]:
    """(files, refused): the files under `folder` matching the glob patterns, sorted; those
    whose real path leaves `root` are in `refused`, not read."""
    found, refused = [], []
    for pattern in patterns:
        for path in sorted(folder.rglob(pattern)):
            if not path.is_file():
                continue
            (found if is_inside(path, root) else refused).append(path)
    return found, refused
