"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

The frontend is built first when `frontend/dist` is missing or older than its sources, receipts
are read inline by the real pipeline (Tesseract), and a failing test leaves a screenshot in
`test-results/`.
"""

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from accounts.models import User

CHROMIUM = "/usr/bin/chromium"
# Without the networking flags Chromium keeps trying to reach the internet (pitfalls.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "test-results"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def _frontend_dir() -> Path:
    return Path(settings.FRONTEND_DIST).parent


def _newest_source(frontend: Path) -> float:
    sources = [frontend / "index.html", frontend / "vite.config.ts", frontend / "package-lock.json"]
    sources += [p for folder in ("src", "public") for p in (frontend / folder).rglob("*")]
    return max(p.stat().st_mtime for p in sources if p.is_file())


def _build_frontend() -> Path:
    frontend = _frontend_dir()
    dist = Path(settings.FRONTEND_DIST)
    index = dist / "index.html"
    if index.exists() and index.stat().st_mtime >= _newest_source(frontend):
        return dist
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is needed to build the web UI for the browser tests (Node 20+).")
    if not (frontend / "node_modules").exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=frontend, check=True)
    subprocess.run([npm, "run", "build"], cwd=frontend, check=True)
    return dist


@pytest.fixture(scope="session")
def frontend_dist() -> Path:
    dist = _build_frontend()
    # settings.py only serves dist/ when it existed at start-up; the live server's WhiteNoise
    # reads this when it starts, which is after this fixture.
    settings.WHITENOISE_ROOT = dist
    return dist


@pytest.fixture
def app_url(frontend_dist, live_server) -> str:
    return live_server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API keeps an asyncio loop running on this thread, which makes Django
    # refuse ORM calls from the test ("async context"); nothing here is async, so allow them,
    # for these tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _read_receipts_inline(settings):
    """Run the reading task inside the upload request: the real pipeline, no worker process.

    django.tasks drops its cached backends when TASKS changes (django/tasks/signals.py).
    """
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def leaver(api_as, people, read_receipt) -> User:
    """Ana, who has left (her end date was yesterday), with a read receipt behind an expense."""
    ana = people["owner"]
    receipt = read_receipt(ana, total="450000")
    expense = api_as("owner").post("/expenses", {"receipt_id": receipt.pk, "category": "chair"})
    assert expense.status_code == 201, expense.content
    left_on = timezone.localdate() - timedelta(days=1)
    changed = api_as("admin").patch(f"/admin/people/{ana.pk}", {"end_date": left_on.isoformat()})
    assert changed.status_code == 200, changed.content
    ana.refresh_from_db()
    return ana


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class Browsing:
    """One browser context and page, with what went wrong in the page collected for asserts."""

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.context = context
        self.base_url = base_url
        self.page: Page = context.new_page()
        self.page.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("console", self._console)

    def _console(self, message) -> None:
        # A refused resource (a 401/404 the app expects) is logged by Chromium as an error too;
        # what must never happen is a script error or a CSP violation.
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.errors.append(f"console: {message.text}")

    def goto(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        return self.page


@pytest.fixture
def browse(request, browser: Browser, app_url: str) -> Iterator:
    """browse(language="es-CO", viewport=PHONE, bypass_csp=False) -> Browsing."""
    opened: list[Browsing] = []

    def open_(*, language: str = "es-CO", viewport=PHONE, bypass_csp: bool = False) -> Browsing:
        context = browser.new_context(
            viewport=viewport,
            locale=language,
            timezone_id="America/Bogota",
            bypass_csp=bypass_csp,
        )
        browsing = Browsing(context, app_url)
        opened.append(browsing)
        return browsing

    yield open_
    failed = any(
        getattr(request.node, f"report_{when}", None) is not None
        and getattr(request.node, f"report_{when}").failed
        for when in ("setup", "call")
    )
    for index, browsing in enumerate(opened):
        if failed:
            RESULTS.mkdir(exist_ok=True)
            name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
            browsing.page.screenshot(path=str(RESULTS / f"{name}-{index}.png"), full_page=True)
        browsing.context.close()
