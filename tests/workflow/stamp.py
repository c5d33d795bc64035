"""pytest plugin: after a full, successful run, vouch for output/ so `make deploy` may ship it.

Registered from tests/conftest.py (`pytest_plugins`). The stamp (.output-stamps/tested.json)
holds the hash of output/, and is written only when output/ is the build of `make publish`
(tools/build.py records that) and every test of the suite ran and passed: no -k, -m, --lf,
--deselect, and no narrower path than tests/. See tools/deploy.py.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def full_run(config) -> bool:
    option = config.option
    narrowed = (
        getattr(option, "keyword", "")
        or getattr(option, "markexpr", "")
        or getattr(option, "deselect", None)
        or getattr(option, "lf", False)
        or getattr(option, "ignore", None)
        or getattr(option, "ignore_glob", None)
    )
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    return not narrowed and paths == [ROOT / "tests"]


def pytest_sessionfinish(session, exitstatus) -> None:
    config = session.config
    if hasattr(config, "workerinput") or exitstatus != 0 or not full_run(config):
        return
    from tools.deploy import write_test_stamp

    if write_test_stamp(ROOT / "output"):
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("Kiểm thử đạt: bản xuất bản trong output/ được phép make deploy.")
