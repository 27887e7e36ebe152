"""One headless Chromium for a test module, driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: JSON messages ending in NUL on file descriptors 3 and 4), with no
library and no network port: open a page at a width, evaluate script in it, read what it logged
to the console and the errors it threw, and take a screenshot of the whole page.

Debian's ``chromium`` package is the browser (``.ci/run`` installs it when missing): Playwright
would download its own browser from outside the package registries."""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]
TIMEOUT = 60.0
# fd 3 and 4 of the browser are our pipes; its own stdin and stdout are /dev/null
_WRAPPER = 'exec "$0" "$@" 3<&0 4>&1 </dev/null >/dev/null'


class BrowserError(AssertionError):
    """The browser answered a command with an error, or not within the timeout."""


class Browser:
    """A Chromium process and one page (a target) in it."""

    def __init__(self, executable: str, profile: Path) -> None:
        to_browser, self._write = os.pipe()
        self._read, from_browser = os.pipe()
        self.process = subprocess.Popen(
            ["sh", "-c", _WRAPPER, executable, *FLAGS, f"--user-data-dir={profile}"],
            stdin=to_browser,
            stdout=from_browser,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        attached = self.send("Target.attachToTarget", targetId=target, flatten=True)
        self.session: str | None = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=True)

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._read], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            chunk = os.read(self._read, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed its pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """Run one protocol command (on the page when ``session``) and return its result;
        events that come meanwhile are kept in :attr:`events`."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._message(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The next event ``method`` (one already received first)."""
        deadline = time.monotonic() + TIMEOUT
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        while True:
            event = self._message(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def open(self, url: str, width: int, height: int = 900, media: str = "") -> None:
        """Load ``url`` in a viewport ``width`` x ``height`` CSS pixels, for ``media``
        (``print`` or the screen), and wait until its script has run."""
        self.events.clear()
        self.send(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Emulation.setEmulatedMedia", session=True, media=media)
        # by way of a blank page: a new address that differs in its #hash only would not load
        for address in ("about:blank", url):
            self.send("Page.navigate", session=True, url=address)
            self.wait_for("Page.loadEventFired")
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-able)."""
        answer = self.send(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression[:80]}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and browser log errors so far."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:500])
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning"):
                found.append(json.dumps(params["args"])[:500])
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                found.append(params["entry"]["text"])
        return found

    def screenshot(self, target: Path, top: int = 0, height: int | None = None) -> None:
        """A PNG of the page from ``top`` down, ``height`` CSS pixels (all of it by default),
        as wide as the viewport."""
        width, full = self.evaluate("[innerWidth, document.documentElement.scrollHeight]")
        clip = {"x": 0, "y": top, "width": width, "height": height or full - top, "scale": 1}
        shot = self.send(
            "Page.captureScreenshot",
            session=True,
            format="png",
            clip=clip,
            captureBeyondViewport=True,
        )
        target.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        """End the browser (the process this started, and only it)."""
        with suppress(BrowserError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._read)
        os.close(self._write)


def executable() -> str | None:
    """Debian's chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def launched(profile: Path) -> Iterator[Browser]:
    """A browser for the duration of the block, ended after it."""
    found = executable()
    assert found, "chromium is not installed (apt-get install chromium); .ci/run installs it"
    browser = Browser(found, profile)
    try:
        yield browser
    finally:
        browser.close()
