"""Chinese search works in a browser: the built site is served over HTTP, headless Chromium
loads it, types Chinese words into the search box (Chrome's DevTools protocol, over tornado's
websocket client) and reads the results that Material's search worker lists."""

from __future__ import annotations

import asyncio
import functools
import http.server
import json
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: waits for the page, types *q* into the search box and waits for the worker's results (40 s
#: at most in all)
_SEARCH = r"""
(async (q) => {
  const deadline = Date.now() + 40000;
  const pause = () => new Promise(r => setTimeout(r, 250));
  while (Date.now() < deadline && !(document.readyState === "complete"
         && document.querySelector(".md-search-result__meta"))) {
    await pause();
  }
  const input = document.querySelector("input[data-md-component=search-query]");
  const meta = () => document.querySelector(".md-search-result__meta").textContent.trim();
  while (Date.now() < deadline) {
    input.focus(); input.value = q; input.dispatchEvent(new Event("input", {bubbles: true}));
    await pause();
    const items = [...document.querySelectorAll(".md-search-result__item a")];
    if (items.length || /^No matching/.test(meta())) {
      return {meta: meta(), pages: items.map(a => new URL(a.href).pathname)};
    }
  }
  return {meta: meta(), pages: []};
})(%s)
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


async def _search(url: str, queries: list[str], chromium: str) -> dict[str, dict[str, Any]]:
    from tornado.websocket import websocket_connect

    profile = tempfile.mkdtemp()
    browser = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        pages: list[dict[str, Any]] = []
        for _ in range(100):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
                pages = [t for t in json.load(r) if t["type"] == "page"]
            if pages:
                break
            time.sleep(0.1)
        ws = await websocket_connect(pages[0]["webSocketDebuggerUrl"], max_message_size=1 << 26)
        ids = iter(range(1, 10**6))

        async def call(method: str, **params: Any) -> dict[str, Any]:
            n = next(ids)
            await ws.write_message(json.dumps({"id": n, "method": method, "params": params}))
            while True:
                msg = json.loads(await ws.read_message())
                if msg.get("id") == n:
                    return dict(msg)

        found = {}
        for q in queries:
            await call("Page.navigate", url=url)  # a fresh page for each query
            await asyncio.sleep(1.5)
            r = await call("Runtime.evaluate", expression=_SEARCH % json.dumps(q),
                           awaitPromise=True, returnByValue=True)
            result = r.get("result", {})
            assert "exceptionDetails" not in result and "value" in result.get("result", {}), r
            found[q] = result["result"]["value"]
        ws.close()
        return found
    finally:
        browser.kill()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)")
def test_chinese_words_are_found_in_a_browser(built_site: Path) -> None:
    assert CHROMIUM is not None
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        found = asyncio.run(_search(url, ["扣完为止", "执行率", "满意度", "xyzzyq"], CHROMIUM))
    finally:
        server.shutdown()
    # words inside Chinese sentences are found, on the pages that hold them
    assert "/criteria/" in found["扣完为止"]["pages"], found
    assert "/policies/" in found["执行率"]["pages"], found
    assert "/forms/" in found["满意度"]["pages"], found
    for q in ("扣完为止", "执行率", "满意度"):
        assert found[q]["meta"].endswith("matching documents"), found[q]
    assert found["xyzzyq"]["pages"] == [] and found["xyzzyq"]["meta"].startswith("No matching")
