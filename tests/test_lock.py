"""requirements.lock covers every dependency that pyproject.toml declares, extras included.

`pip check` in the Makefile sees only what is installed, so a dependency added to an extra
after the lock was compiled would pass on a machine that still had it and fail on a fresh one.
"""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;]+)")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        found = _PIN.match(line.strip())
        if found:
            pins[_normal(found.group(1))] = found.group(2)
    return pins


def test_every_declared_dependency_is_locked_at_its_pinned_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    wanted = _pins(declared)
    assert len(wanted) == len(declared), "every dependency in pyproject.toml is pinned with =="
    locked = _pins((ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())
    wrong = {
        name: (version, locked.get(name))
        for name, version in wanted.items()
        if locked.get(name) != version
    }
    assert not wrong, f"run 'make lock': pyproject.toml -> lock differ: {wrong}"
