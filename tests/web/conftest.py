"""A real `casus serve` on a free 127.0.0.1 port, and Debian's headless Chromium driven by Playwright.

Every request the page makes is recorded; a test fails if any leaves 127.0.0.1.
Screenshots go to ``test-artifacts/web/`` (git-ignored). With
``CASUS_UPDATE_SCREENSHOT=1`` the README's ``docs/img/web-map.png`` is rewritten too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "web"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server():
    """`casus serve` in a subprocess; its URL once /api/health answers."""
    import httpx

    port = _free_port()
    cmd = [sys.executable, "-c", "from casus.cli import main; main()", "serve", "--host", "127.0.0.1",
           "--port", str(port), "--no-access-log", "--log-level", "warning"]
    log = (ARTIFACTS.parent / "casus-serve.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while True:
            if proc.poll() is not None:
                pytest.fail(f"casus serve exited with {proc.returncode}: {log.read_text()[-3000:]}")
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("casus serve did not start in 600 s")
            time.sleep(0.25)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (scripts/ensure_chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A Playwright page with what the tests need: every request URL, errors, and map helpers."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", self._console)

    def _console(self, msg) -> None:
        # a 4xx answer is logged by Chromium as a failed resource; the page shows it as an error box
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            self.errors.append(msg.text)

    def open(self, hash_: str = "") -> None:
        self.page.goto(self.base + "/" + (f"#{hash_}" if hash_ else ""))
        # (selectors, not wait_for_function: the page's CSP forbids the eval that the latter needs)
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)

    def click_map(self, lon: float, lat: float) -> None:
        pos = self.page.evaluate("([lon, lat]) => window.casus.map.project(lon, lat)", [lon, lat])
        self.page.mouse.click(pos["x"], pos["y"])

    def zoom_to(self, lon: float, lat: float, zoom: float) -> None:
        self.page.evaluate("([lon, lat, z]) => window.casus.map.setView(`${lon},${lat},${z}`)", [lon, lat, zoom])

    def set_date(self, day: str) -> None:
        self.page.fill("#date", day)
        self.page.dispatch_event("#date", "change")

    def wait_coverage(self, day: str) -> None:
        self.page.wait_for_selector(f'body[data-coverage-date="{day}"]', state="attached")

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def assert_local(self) -> None:
        # a blob: URL is made by the page itself (a picture being saved); its origin follows the prefix
        outside = [u for u in self.requests if urlsplit(u.removeprefix("blob:")).hostname != "127.0.0.1"]
        assert not outside, f"requests left the machine: {outside}"


@pytest.fixture
def make_page(browser, server):
    pages: list[tuple[object, Page]] = []

    def make(width: int = 1280, height: int = 800, mobile: bool = False) -> Page:
        ctx = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile,
                                  has_touch=mobile, device_scale_factor=1)
        page = Page(ctx.new_page(), server)
        pages.append((ctx, page))
        return page

    yield make
    for ctx, page in pages:
        page.assert_local()
        assert not page.errors, f"errors in the page: {page.errors}"
        ctx.close()
