"""`make deploy`: publish output/ to DEPLOY_TARGET, only a build that was published and tested.

    .venv/bin/python -m tools.deploy --target /srv/www/site        (a folder)
    .venv/bin/python -m tools.deploy --target user@host:/srv/www    (rsync over ssh)

The gate. Three stamps, kept beside output/ in .output-stamps/, tie the steps together by the
hash of every file in output/ (tree_hash):
- build.json, written by tools/build.py after each build: `make publish` records
  {"kind": "publish", "hash": ...}; `make html` / `make serve` record their own kind;
- tested.json, written at the end of a full, successful test run (`make test`,
  tests/workflow/stamp.py) when build.json says publish and output/ still has that hash;
- deploy refuses unless output/ hashes to the value both stamps hold. Any later build, or an
  edit in output/, changes the hash, so `make publish` and `make test` must run again.

The copy. New and changed files are written first (each through a temporary file and a
rename, so a reader never gets half a file); then the files the previous deploy wrote and the
new build no longer has are deleted; files the deploys never wrote (a CNAME, a verification
file placed by hand) are left alone. The list of deployed files is kept in the target as
.deploy-manifest.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".deploy-manifest.json"


class DeployRefused(Exception):
    """Deploying now would publish something untested; the message says what to run."""


# --- hashes and stamps ----------------------------------------------------------------------


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_files(folder: Path) -> dict[str, str]:
    """{relative posix path: sha256} of every file under folder (symlinks followed)."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            files[path.relative_to(folder).as_posix()] = file_hash(path)
    return dict(sorted(files.items()))


def tree_hash(folder: Path, files: dict[str, str] | None = None) -> str:
    """One hash for a whole folder: names and contents, independent of listing order."""
    files = tree_files(folder) if files is None else files
    digest = hashlib.sha256()
    for name, value in sorted(files.items()):
        digest.update(name.encode("utf-8") + b"\0" + value.encode("ascii") + b"\n")
    return digest.hexdigest()


def stamps_dir(output: Path) -> Path:
    return output.with_name(f".{output.name}-stamps")


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def write_build_stamp(output: Path, kind: str) -> None:
    """After a build: which kind of build output/ holds ("publish", "html", "preview")."""
    stamps = stamps_dir(output)
    (stamps / "tested.json").unlink(missing_ok=True)  # a new build has not been tested yet
    data = {"kind": kind}
    if kind == "publish":
        data["hash"] = tree_hash(output)
    _write_json(stamps / "build.json", data)


def write_test_stamp(output: Path) -> bool:
    """After a full, successful test run: vouch for output/ if it is the published build."""
    build = _read_json(stamps_dir(output) / "build.json")
    if build.get("kind") != "publish" or not output.is_dir():
        return False
    current = tree_hash(output)
    if current != build.get("hash"):
        return False
    _write_json(stamps_dir(output) / "tested.json", {"hash": current})
    return True


def ready_to_deploy(output: Path) -> tuple[dict[str, str], str]:
    """(files, hash) of output/ if it may be deployed; DeployRefused otherwise."""
    if not (output / "index.html").is_file():
        raise DeployRefused(f"Chưa có trang trong {output}: chạy make publish rồi make test.")
    build = _read_json(stamps_dir(output) / "build.json")
    tested = _read_json(stamps_dir(output) / "tested.json")
    files = tree_files(output)
    current = tree_hash(output, files)
    if build.get("kind") != "publish":
        raise DeployRefused(
            f"{output} không phải bản xuất bản (đang là bản "
            f'"{build.get("kind", "không rõ")}"): chạy make publish, rồi make test.'
        )
    if build.get("hash") != current:
        raise DeployRefused(
            f"{output} đã thay đổi sau lần make publish: chạy lại make publish, rồi make test."
        )
    if tested.get("hash") != current:
        raise DeployRefused(
            "Bản xuất bản này chưa qua kiểm thử: chạy make test (toàn bộ, không lỗi) rồi "
            "make deploy."
        )
    return files, current


# --- copying --------------------------------------------------------------------------------


@dataclass
class DeployResult:
    copied: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    remote: bool = False

    def summary(self, target: str) -> str:
        if self.remote:
            return (
                f"Đã xuất bản lên {target} bằng rsync ({len(self.copied)} tệp; "
                f"{len(self.deleted)} tệp cũ đã xoá)."
            )
        return (
            f"Đã xuất bản lên {target}: {len(self.copied)} tệp mới hoặc thay đổi, "
            f"{self.unchanged} tệp giữ nguyên, {len(self.deleted)} tệp cũ đã xoá."
        )


def is_remote(target: str) -> bool:
    """rsync syntax "host:/path" or "user@host:/path" (not a Windows drive letter)."""
    head, sep, _ = target.partition(":")
    return bool(sep) and len(head) > 1 and "/" not in head


def _copy_atomic(source: Path, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".deploy-", dir=destination.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _stale(previous: dict, files: dict[str, str]) -> list[str]:
    return sorted(name for name in previous.get("files", {}) if name not in files)


def deploy_to_folder(output: Path, target: Path, files: dict[str, str], current: str):
    result = DeployResult()
    target.mkdir(parents=True, exist_ok=True)
    previous = _read_json(target / MANIFEST)
    for name, digest in files.items():
        destination = target / name
        if destination.is_file() and file_hash(destination) == digest:
            result.unchanged += 1
            continue
        if destination.is_dir():  # a folder where the new build has a file
            shutil.rmtree(destination)
        _copy_atomic(output / name, destination)
        result.copied.append(name)
    for name in _stale(previous, files):
        path = target / name
        if path.is_file() or path.is_symlink():
            path.unlink()
            result.deleted.append(name)
            parent = path.parent
            while parent != target and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    _write_json(target / MANIFEST, {"files": files, "hash": current})
    return result


def _rsync_literal(name: str) -> str:
    """`name` as an rsync filter pattern that matches only itself: with a wildcard (* ? [)
    in it, rsync reads backslashes as escapes, so those and the backslashes are escaped."""
    if not any(c in name for c in "*?["):
        return name
    return "".join("\\" + c if c in "*?[\\" else c for c in name)


def deploy_with_rsync(output: Path, target: str, files: dict[str, str], current: str):
    """The same steps over rsync (needs rsync >= 3.1 here and on the server)."""
    result = DeployResult(remote=True)
    base = ["rsync", "--archive", "--checksum", "--compress", "--human-readable"]
    destination = target.rstrip("/") + "/"
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        fetched = subprocess.run(
            ["rsync", destination + MANIFEST, str(scratch / MANIFEST)],
            capture_output=True,
        )
        previous = _read_json(scratch / MANIFEST) if fetched.returncode == 0 else {}
        subprocess.run([*base, "--exclude", MANIFEST, f"{output}/", destination], check=True)
        stale = _stale(previous, files)
        if stale:
            # The stale files are deleted on the server, nothing else: an empty tree holding
            # only their folders is synced with --delete, a filter letting only them be
            # deleted (every other file excluded, so kept; every folder protected). Not
            # --delete-missing-args with --files-from: Debian's rsync 3.2.7-1+deb12u6 stops
            # on it ("invalid file mode 00", protocol incompatibility) for nested paths.
            empty = scratch / "empty"
            empty.mkdir()
            for name in stale:
                (empty / name).parent.mkdir(parents=True, exist_ok=True)
            rules = scratch / "stale.rules"
            lines = ["P */", "+ */", *(f"+ /{_rsync_literal(name)}" for name in stale), "- *"]
            rules.write_text("\n".join(lines) + "\n", encoding="utf-8")
            subprocess.run(
                ["rsync", "--recursive", "--delete", f"--filter=. {rules}", f"{empty}/",
                 destination],
                check=True,
            )  # fmt: skip
        _write_json(scratch / "new" / MANIFEST, {"files": files, "hash": current})
        subprocess.run(["rsync", str(scratch / "new" / MANIFEST), destination], check=True)
    result.copied = sorted(files)
    result.deleted = stale
    return result


def deploy(output: Path, target: str) -> DeployResult:
    files, current = ready_to_deploy(output)
    if is_remote(target):
        return deploy_with_rsync(output, target, files, current)
    return deploy_to_folder(output, Path(target), files, current)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Xuất bản output/ lên nơi đặt trang.")
    parser.add_argument("--target", default=os.environ.get("DEPLOY_TARGET", ""))
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    parser.add_argument(
        "--verify", action="store_true", help="chỉ kiểm tra output/ đã được phép xuất bản (CI)"
    )
    args = parser.parse_args(argv)
    if args.verify:
        try:
            ready_to_deploy(args.output)
        except DeployRefused as refused:
            print(f"LỖI: Chưa được xuất bản. {refused}", file=sys.stderr)
            return 1
        print(f"{args.output}: bản xuất bản đã qua kiểm thử, được phép xuất bản.")
        return 0
    if not args.target:
        print(
            'LỖI: Chưa biết xuất bản lên đâu. Cách sửa: make deploy DEPLOY_TARGET="/thu-muc" '
            'hoặc DEPLOY_TARGET="user@may-chu:/duong-dan".',
            file=sys.stderr,
        )
        return 2
    try:
        result = deploy(args.output, args.target)
    except DeployRefused as refused:
        print(f"LỖI: Chưa xuất bản. {refused}", file=sys.stderr)
        return 1
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"LỖI: Xuất bản không xong ({error}); chạy lại make deploy.", file=sys.stderr)
        return 1
    print(result.summary(args.target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
