"""The honours data loaded once per build, whoever asks first: `make check` or Pelican.

`make html` runs the checks (tools/check.py, in the build's own process) and then Pelican (in
another process). Both need the validated HonoursData; loading 100 000 rows twice cost
seconds. `load_once()` keeps the result of a successful load in
`<content>/../.output-cache/honours/data.pickle`, keyed by a fingerprint of every byte under
content/honours/ and of the loader's own source: the second caller gets the very same data
without reading a file again; any change to the data or the code means a new load. A load
that fails is never kept (its SiteErrors is raised each time). The cache is written
atomically (a temporary file, then a rename) and a cache that cannot be read or written is
ignored, never an error. It holds only what our own loader produced from content/.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from plugins.vietnamese import gc_pause
from plugins.vietnamese.errors import SiteError

from .loader import load_honours
from .model import HonoursData
from .settings import HonoursSettings

_FORMAT = b"honours-once-1\n"
_CODE = Path(__file__).resolve().parent
# The loader also reads the notices' files (holidays, consultations) with plugins/notices/.
_NOTICES_CODE = _CODE.parent / "notices"


def cache_path(content: Path) -> Path:
    return Path(content).absolute().parent / ".output-cache" / "honours" / "data.pickle"


def fingerprint(root: Path) -> bytes:
    """sha256 of every file under root (path, bytes; symlinks as their target path) and of
    the honours plugin's source."""
    digest = hashlib.sha256(_FORMAT)
    for base, label in ((root, b"data"), (_CODE, b"code"), (_NOTICES_CODE, b"code-notices")):
        digest.update(label)
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            dirnames.sort()
            for name in sorted(
                filenames + [d for d in dirnames if os.path.islink(f"{dirpath}/{d}")]
            ):
                path = Path(dirpath) / name
                relative = path.relative_to(base).as_posix().encode("utf-8", "surrogateescape")
                if label != b"data" and not name.endswith(".py"):
                    continue
                digest.update(b"\0" + relative + b"\0")
                if path.is_symlink():
                    digest.update(b"link:" + os.fsencode(os.readlink(path)))
                elif path.is_file():
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def _read(path: Path, key: bytes) -> HonoursData | None:
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_FORMAT) + len(key)) != _FORMAT + key:
                return None
            with gc_pause.paused():  # some 200 000 long-lived objects at 100 000 rows
                data, warnings = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        return None
    data.warnings = [SiteError(**fields) for fields in warnings]
    return data


def _write(path: Path, key: bytes, data: HonoursData) -> None:
    warnings = [
        {k: getattr(w, k) for k in ("file", "message", "line", "field", "hint", "severity")}
        for w in data.warnings
    ]
    kept, data.warnings = data.warnings, []
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            temporary = handle.name
            handle.write(_FORMAT + key)
            with gc_pause.paused():
                pickle.dump((data, warnings), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, RecursionError):
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    finally:
        data.warnings = kept


def load_once(content_dir: Path, settings=None) -> HonoursData:
    """load_honours(), or its result for the same bytes kept by an earlier call of this build."""
    options = settings if isinstance(settings, HonoursSettings) else None
    options = options or HonoursSettings.from_pelican(settings)
    root = Path(content_dir).absolute() / options.data_dir
    if not root.is_dir():
        return HonoursData()
    key = fingerprint(root)
    path = cache_path(content_dir)
    data = _read(path, key)
    if data is None:
        data = load_honours(content_dir, options)
        _write(path, key, data)
    return data
