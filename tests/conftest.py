"""Shared fixtures: build a site with the real Pelican, once per test session."""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from plugins.notices.today import VARIABLE, build_date
from tests.support import ROOT, serving
from tools.build import build

pytest_plugins = ["tests.workflow.stamp"]  # a full passing run vouches for output/ (deploy)

# One build day for the whole run: the consultations' state ("còn N ngày làm việc") depends
# on it, and a run that crosses midnight in Vietnam (17:00 UTC) would otherwise compare a
# build of one day with a build of the next. Set here, in the controller, before pytest-xdist
# starts its workers, so that they and every build process they start inherit it. A test
# that needs another day sets BUILD_DATE itself (monkeypatch.setenv).
os.environ.setdefault(VARIABLE, build_date().isoformat())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The sample content/ built exactly as `make html` does (checks, Pelican, Pagefind).

    Built once for the whole run, even with pytest-xdist workers: the first worker builds
    under a lock, the others reuse its output.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    output = shared / "sample-site"
    with open(shared / "sample-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (output / "index.html").exists():
            if output.exists():
                shutil.rmtree(output)
            build(ROOT / "content", output)
    return output


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built sample site served over HTTP on 127.0.0.1; yields the base URL."""
    with serving(built_site) as base_url:
        yield base_url


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser):
    """A fresh page at 1280×800; tests may resize it. Console errors are collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    new_page = context.new_page()
    new_page.console_errors = []
    new_page.on(
        "console",
        lambda message: (
            new_page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    new_page.on("pageerror", lambda error: new_page.console_errors.append(str(error)))
    try:
        yield new_page
    finally:
        context.close()
