"""`make deploy`: only a published and tested build, and only stale files are deleted."""

from __future__ import annotations

import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from tests.support import ROOT
from tests.workflow.stamp import full_run
from tools.deploy import (
    MANIFEST,
    DeployRefused,
    deploy,
    deploy_with_rsync,
    is_remote,
    tree_files,
    tree_hash,
    write_build_stamp,
    write_test_stamp,
)


def fake_site(output, files):
    output.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return output


def published_and_tested(output):
    write_build_stamp(output, "publish")
    assert write_test_stamp(output)


def test_refuses_what_was_not_published_and_tested(tmp_path):
    output = fake_site(tmp_path / "output", {"index.html": "trang chủ"})
    target = tmp_path / "www"
    with pytest.raises(DeployRefused, match="make publish"):
        deploy(output, str(target))  # no build stamp at all
    write_build_stamp(output, "html")
    assert not write_test_stamp(output)  # tests do not vouch for a `make html` build
    with pytest.raises(DeployRefused, match="không phải bản xuất bản"):
        deploy(output, str(target))
    write_build_stamp(output, "publish")
    with pytest.raises(DeployRefused, match="chưa qua kiểm thử"):
        deploy(output, str(target))
    assert write_test_stamp(output)
    (output / "index.html").write_text("sửa tay sau khi kiểm thử", encoding="utf-8")
    with pytest.raises(DeployRefused, match="đã thay đổi sau lần make publish"):
        deploy(output, str(target))
    assert not target.exists()


def test_folder_target_gets_new_files_and_loses_only_stale_ones(tmp_path):
    output = fake_site(
        tmp_path / "output",
        {
            "index.html": "trang chủ 1",
            "2024/03/a/index.html": "bài a",
            "2024/03/b/index.html": "bài b",
            "theme/css/site.css": "body{}",
        },
    )
    target = tmp_path / "www"
    fake_site(target, {"CNAME": "thiduakhenthuong.example.vn"})  # placed by hand, not ours
    published_and_tested(output)
    first = deploy(output, str(target))
    assert sorted(first.copied) == sorted(
        ["index.html", "2024/03/a/index.html", "2024/03/b/index.html", "theme/css/site.css"]
    )
    assert (target / "2024/03/b/index.html").read_text(encoding="utf-8") == "bài b"
    css_inode = (target / "theme/css/site.css").stat().st_ino

    # The next build: one article gone, the home page changed, one article new.
    (output / "2024/03/b/index.html").unlink()
    (output / "2024/03/b").rmdir()
    (output / "index.html").write_text("trang chủ 2", encoding="utf-8")
    fake_site(output, {"2024/04/c/index.html": "bài c"})
    with pytest.raises(DeployRefused):
        deploy(output, str(target))  # changed since the stamps: publish and test again
    published_and_tested(output)
    second = deploy(output, str(target))
    assert sorted(second.copied) == ["2024/04/c/index.html", "index.html"]
    assert second.deleted == ["2024/03/b/index.html"]
    assert second.unchanged == 2
    assert not (target / "2024/03/b").exists()  # emptied folders go too
    assert (target / "index.html").read_text(encoding="utf-8") == "trang chủ 2"
    assert (target / "CNAME").is_file()  # never deployed by us: kept
    assert (target / "theme/css/site.css").stat().st_ino == css_inode  # not rewritten
    assert (target / MANIFEST).is_file()
    assert "Đã xuất bản lên" in second.summary(str(target))


def test_command_line(tmp_path):
    output = fake_site(tmp_path / "output", {"index.html": "x"})
    command = [sys.executable, "-m", "tools.deploy", "--output", str(output)]
    no_target = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    )
    assert no_target.returncode == 2 and "DEPLOY_TARGET" in no_target.stderr
    refused = subprocess.run(
        [*command, "--target", str(tmp_path / "www")], cwd=ROOT, capture_output=True, text=True
    )
    assert refused.returncode == 1 and "LỖI: Chưa xuất bản." in refused.stderr
    verify = [*command, "--verify"]
    assert subprocess.run(verify, cwd=ROOT, capture_output=True).returncode == 1
    published_and_tested(output)
    assert subprocess.run(verify, cwd=ROOT, capture_output=True).returncode == 0
    done = subprocess.run(
        [*command, "--target", str(tmp_path / "www")], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "www/index.html").read_text(encoding="utf-8") == "x"


def test_rsync_targets_are_told_from_folders():
    assert is_remote("deploy@example.vn:/srv/www")
    assert is_remote("example.vn:www")
    assert not is_remote("/srv/www")
    assert not is_remote("./www:2024")
    assert not is_remote("C:/www")


def test_only_a_full_test_run_vouches_for_output():
    def config(args, **option):
        defaults = {"keyword": "", "markexpr": "", "deselect": None, "lf": False}
        return SimpleNamespace(args=args, option=SimpleNamespace(**{**defaults, **option}))

    assert full_run(config(["tests"]))
    assert full_run(config([str(ROOT / "tests")]))
    assert not full_run(config(["tests/workflow"]))
    assert not full_run(config(["tests"], keyword="deploy"))
    assert not full_run(config(["tests"], markexpr="not browser"))


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_rsync_steps_on_a_local_folder(tmp_path):
    """The rsync commands of a remote deploy, run against a local folder."""
    pages = {"index.html": "1", "a/b.html": "b", "a/c.html": "c", "a/d/k[1]*.html": "k"}
    pages["a/d/k1.html"] = "k1"  # what an unescaped pattern "k[1]*.html" would match
    output = fake_site(tmp_path / "output", pages)
    target = fake_site(tmp_path / "www", {"CNAME": "thiduakhenthuong.example.vn"})
    files = tree_files(output)
    deploy_with_rsync(output, str(target), files, tree_hash(output, files))
    (output / "a/b.html").unlink()
    (output / "a/d/k[1]*.html").unlink()
    (output / "index.html").write_text("2", encoding="utf-8")
    files = tree_files(output)
    result = deploy_with_rsync(output, str(target), files, tree_hash(output, files))
    assert result.deleted == ["a/b.html", "a/d/k[1]*.html"]
    left = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert left == [MANIFEST, "CNAME", "a/c.html", "a/d/k1.html", "index.html"]
    assert (target / "index.html").read_text(encoding="utf-8") == "2"
