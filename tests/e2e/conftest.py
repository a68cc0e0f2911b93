"""Browser tests: Debian's chromium driven by playwright against pytest-django's live server."""

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

# Playwright's sync API keeps an asyncio loop on the main thread, which makes Django refuse ORM
# calls from test code ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TIMEOUT_MS = 15_000
E2E_DIR = Path(__file__).parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Without this Chromium still tries to reach outside hosts and waits on them.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


_failed_key = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash[_failed_key] = True
    return report


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Browser tests need Debian's chromium on PATH: "
            "apt-get install -y --no-install-recommends chromium"
        )
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    """Open a page in a fresh browser context; pass context options such as ``viewport``.

    Every page opened is screenshotted into ``test-artifacts/`` if the test fails.
    """
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        # Chromium asks for /favicon.ico in the background after a page loads; answer it here
        # so no stray request reaches the live server while the test itself uses the database.
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        contexts.append(context)
        return context.new_page()

    yield open_page

    if request.node.stash.get(_failed_key, False):
        artifacts = request.config.rootpath / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for context_number, context in enumerate(contexts):
            for page_number, page in enumerate(context.pages):
                path = artifacts / f"{name}-{context_number}-{page_number}.png"
                try:
                    page.screenshot(path=path, full_page=True)
                except Exception as error:  # A crashed page must not hide the test's own failure.
                    print(f"Could not save screenshot {path}: {error}")
                else:
                    print(f"Screenshot saved: {path}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page in a fresh browser context."""
    return new_page(viewport={"width": 1280, "height": 900})
