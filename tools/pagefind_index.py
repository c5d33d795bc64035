"""Index the built site with Pagefind, byte-identically, and write the Vietnamese word list.

`index(site)` runs after Pelican on the staging folder (tools/build.py):

1. Runs the Pagefind binary shipped by the `pagefind[bin]` package on `site`, writing the
   bundle to `site/pagefind/`. Only elements with `data-pagefind-body` are indexed (the
   `<article>` of an article, the `<main>` of unit, bloc and decision pages).
2. Removes Pagefind's ready-made interfaces (pagefind-ui.js, ...): our own
   theme/static/js/search.js talks to pagefind.js directly.
3. Makes the bundle deterministic. Pagefind 1.5.2 writes the values of a filter, and the list
   of filters, in hash-map order, which changes from run to run (and with it the file names,
   which are hashes). We sort them and rename the files from a hash of their content.
4. Writes `pagefind/tieng-viet.json`, the words of the site with their diacritics, which the
   search page uses to read "thi dua" as "thi đua" (see `build_lexicon`).

Run it by hand on a built folder: `python -m tools.pagefind_index output`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from itertools import chain, pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.vietnamese.text import fold  # noqa: E402

BUNDLE_DIR = "pagefind"
LEXICON_FILE = "tieng-viet.json"
LANGUAGE = "vi"
# Pagefind's own interfaces, which we do not use (about 420 kB we would otherwise publish).
UNUSED_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
SIGNATURE = b"pagefind_dcd"
# Word pairs kept in the lexicon: those seen at least this often, the most frequent first.
PAIR_MIN_COUNT = 2
PAIR_LIMIT = 3000


class PagefindError(Exception):
    """Pagefind could not index the site; the message is in Vietnamese, with how to fix it."""


# --------------------------------------------------------------------------- running Pagefind


def _command() -> list[str]:
    """The Pagefind binary shipped by pagefind[bin] (through its module, so no PATH lookup)."""
    return [sys.executable, "-m", "pagefind_bin"]


def run_pagefind(site: Path) -> None:
    site = site.resolve()
    if not site.is_dir():
        raise PagefindError(
            f"Không có thư mục trang {site} để lập chỉ mục tìm kiếm. "
            "Cách sửa: chạy Pelican trước (make html). (site folder missing)"
        )
    # Pagefind reads pagefind.toml/.yml and PAGEFIND_* variables: none of them may change
    # our index, so it runs from the site folder with those variables removed.
    env = {key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND_")}
    command = [
        *_command(),
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        LANGUAGE,
        "--quiet",
    ]
    try:
        result = subprocess.run(
            command, cwd=site, env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise PagefindError(
            f"Không chạy được Pagefind ({error}). Cách sửa: cài lại môi trường (make venv), "
            "gói pagefind[bin] có sẵn chương trình Pagefind. (cannot run Pagefind)"
        ) from error
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise PagefindError(
            f"Pagefind không lập được chỉ mục tìm kiếm (mã lỗi {result.returncode}): {detail} "
            "Cách sửa: xem lỗi ở trên; thường do HTML hỏng trong một trang. (Pagefind failed)"
        )


# --------------------------------------------------------------------- a small CBOR codec
# Pagefind's metadata and filter files are gzip(b"pagefind_dcd" + CBOR). We only need the
# types Pagefind writes: integers, text, byte strings, arrays, maps, booleans and null.


def _cbor_decode(data: bytes, pos: int = 0):
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR item 0x{initial:02x}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return bytes(data[pos : pos + arg]), pos + arg
    if major == 3:
        return data[pos : pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _cbor_decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _cbor_decode(data, pos)
            value, pos = _cbor_decode(data, pos)
            pairs.append((key, value))
        return dict(pairs), pos
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], pos
    if major == 7 and info == 26:
        return struct.unpack(">f", arg.to_bytes(4, "big"))[0], pos
    if major == 7 and info == 27:
        return struct.unpack(">d", arg.to_bytes(8, "big"))[0], pos
    raise ValueError(f"unsupported CBOR item 0x{initial:02x}")


def _cbor_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _cbor_encode(value) -> bytes:
    if value is None:
        return b"\xf6"
    if value is True:
        return b"\xf5"
    if value is False:
        return b"\xf4"
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(
            _cbor_encode(k) + _cbor_encode(v) for k, v in value.items()
        )
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def read_pagefind_file(path: Path):
    """Decode one of Pagefind's gzip + signature + CBOR files (pf_meta, pf_filter)."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    value, end = _cbor_decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError(f"{path.name}: trailing bytes")
    return value


def _pack(value) -> bytes:
    return gzip.compress(SIGNATURE + _cbor_encode(value), compresslevel=9, mtime=0)


def _content_hash(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


# ------------------------------------------------------------------------- determinism


def make_deterministic(bundle: Path) -> None:
    """Sort what Pagefind wrote in hash-map order and rename the files it changes.

    The metadata file (pagefind.<hash>.pf_meta) is CBOR:
    [version, pages, index chunks, filters [[name, hash]], sorts, meta fields]; each filter
    file is [name, [[value, [page numbers]]]]. Page numbers, index chunks and fragments are
    already in a stable order; only filters (and the hashes naming them) are not.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_pagefind_file(meta_path)
        if not (isinstance(meta, list) and len(meta) > 3 and isinstance(meta[3], list)):
            raise ValueError(f"{meta_path.name}: unexpected layout")
        filters = []
        for name, old_hash in meta[3]:
            filter_path = bundle / "filter" / f"{old_hash}.pf_filter"
            filter_name, values = read_pagefind_file(filter_path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
            packed = _pack([filter_name, values])
            prefix, _, digest = old_hash.rpartition("_")
            new_hash = f"{prefix}_{_content_hash(packed, len(digest))}"
            filter_path.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(packed)
            filters.append([name, new_hash])
        meta[3] = sorted(filters, key=lambda item: item[0])
        packed = _pack(meta)
        prefix, _, digest = info["hash"].rpartition("_")
        new_hash = f"{prefix}_{_content_hash(packed, len(digest))}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(packed)
        entry["languages"][language]["hash"] = new_hash
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


# ----------------------------------------------------------------------------- lexicon

# A word: letters only (Pagefind indexes "NĐ-CP" as words too, but numbers and codes need no
# diacritics). Text between two punctuation marks is one phrase, for the word pairs.
_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_BREAK = re.compile(r"[^\w\s]+|\d+")


def _skeleton(word: str) -> str:
    """What Pagefind compares: the word without marks, except that "đ" stays "đ"."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", bare)


def _is_plain(key: str) -> bool:
    return key.isascii() and key.isalpha()


def _pick(counts: Counter) -> str:
    """The most frequent form; ties broken by code point (any fixed order will do)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def build_lexicon(texts) -> dict:
    """The site's own words, to read a query typed without diacritics.

    Returns {"tu": [...], "khac": [...], "cap": [...]}:
    - "tu": for each word typed in plain letters ("dua", "thuong"), the form with diacritics
      most often written on the site ("đua", "thưởng"); words that need nothing are left out.
    - "khac": where the site also writes the word with the other letter d/đ ("dưa" beside
      "đua"), the most frequent such form, so that a search finds those pages too.
    - "cap": pairs of words that the single words would read wrongly ("thi dua" -> "thi đua"
      where "thị" is more frequent than "thi"), seen at least PAIR_MIN_COUNT times.
    Every list is sorted by code point; the same texts give the same lexicon.
    """
    word_counts: Counter = Counter()
    pair_counts: Counter = Counter()
    for text in texts:
        text = unicodedata.normalize("NFC", text).lower()
        phrases = [_WORD.findall(phrase) for phrase in _PHRASE_BREAK.split(text)]
        word_counts.update(chain.from_iterable(phrases))
        pair_counts.update(chain.from_iterable(pairwise(words) for words in phrases))
    keys = {word: fold(word) for word in word_counts}
    forms: dict[str, Counter] = defaultdict(Counter)
    for word, count in word_counts.items():
        if _is_plain(keys[word]):
            forms[keys[word]][word] = count
    pairs: dict[str, Counter] = defaultdict(Counter)
    for (first, second), count in pair_counts.items():
        if _is_plain(keys[first]) and _is_plain(keys[second]):
            pairs[f"{keys[first]} {keys[second]}"][f"{first} {second}"] = count
    best = {key: _pick(counts) for key, counts in forms.items()}
    tu = sorted(form for key, form in best.items() if form != key)
    khac = []
    for key, counts in forms.items():
        if "d" not in key:
            continue
        other = Counter({f: n for f, n in counts.items() if _skeleton(f) != _skeleton(best[key])})
        if other:
            khac.append(_pick(other))
    cap = []
    for key, counts in pairs.items():
        if max(counts.values()) < PAIR_MIN_COUNT:
            continue
        form = _pick(counts)
        first, second = key.split(" ")
        if form != f"{best[first]} {best[second]}":
            cap.append((counts[form], form))
    cap.sort(key=lambda item: (-item[0], item[1]))
    return {
        "tu": tu,
        "khac": sorted(khac),
        "cap": sorted(form for _, form in cap[:PAIR_LIMIT]),
    }


def indexed_texts(bundle: Path):
    """The text Pagefind indexed, page by page (its fragments), in file-name order."""
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        if raw.startswith(SIGNATURE):
            raw = raw[len(SIGNATURE) :]
        fragment = json.loads(raw)
        yield fragment.get("content", "")


def write_lexicon(bundle: Path) -> Path:
    lexicon = {"phien_ban": 1, **build_lexicon(indexed_texts(bundle))}
    path = bundle / LEXICON_FILE
    path.write_text(
        json.dumps(lexicon, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return path


# ------------------------------------------------------------------------------ entry point


def index(site: Path) -> Path:
    """Index `site` (a built site folder) in place; returns the bundle folder."""
    site = Path(site)
    bundle = site / BUNDLE_DIR
    if bundle.exists():
        import shutil

        shutil.rmtree(bundle)
    run_pagefind(site)
    if not (bundle / "pagefind-entry.json").exists():
        raise PagefindError(
            "Pagefind không tạo được chỉ mục (thiếu pagefind-entry.json). Cách sửa: kiểm tra "
            "các trang có thuộc tính data-pagefind-body. (no search index written)"
        )
    for name in UNUSED_FILES:
        (bundle / name).unlink(missing_ok=True)
    try:
        make_deterministic(bundle)
    except (ValueError, KeyError, TypeError, OSError) as error:
        raise PagefindError(
            f"Không sắp xếp được chỉ mục Pagefind ({error}). Cách sửa: dùng đúng phiên bản "
            "pagefind[bin] ghi trong pyproject.toml. (unexpected Pagefind bundle)"
        ) from error
    write_lexicon(bundle)
    return bundle


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0]) if args else ROOT / "output"
    try:
        bundle = index(site)
    except PagefindError as error:
        print(f"LỖI: {error}", file=sys.stderr)
        return 1
    print(f"Đã lập chỉ mục tìm kiếm vào {bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
