#!/usr/bin/env python3
"""Drives headless Chromium through the LedgerOps web UI over the Chrome DevTools Protocol.

A reviewer signs in, opens a proposal, approves it and starts its distribution. Screenshots of the proposal page,
the distributed proposal and the monitor are saved. Prints one JSON line with what it saw; exits non-zero naming
the step that failed.

    browser_test.py --base http://127.0.0.1:PORT --proposal ID --reviewer rita --password PW --out DIR
"""
import argparse, base64, json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

import websocket  # websocket-client, installed in .build/browser-venv by scripts/install-deps.sh peers


class Browser:
    def __init__(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise SystemExit("chromium is not installed (make test installs it: apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="ledgerops-chromium-")
        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
             "--remote-debugging-port=0", "--user-data-dir=" + self.profile, "--window-size=1200,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        endpoint = None
        deadline = time.time() + 30
        while time.time() < deadline and endpoint is None:
            line = self.process.stderr.readline()
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                endpoint = match.group(1)
        if endpoint is None:
            raise SystemExit("chromium did not open its DevTools port")
        port = re.search(r":(\d+)/", endpoint).group(1)
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(p for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for_load(self):
        deadline = time.time() + 30
        while time.time() < deadline:
            message = json.loads(self.ws.recv())
            if message.get("method") == "Page.loadEventFired":
                return
        raise RuntimeError("the page did not load")

    def goto(self, url):
        self.call("Page.navigate", url=url)
        self.wait_for_load()

    def eval(self, script):
        result = self.call("Runtime.evaluate", expression=script, returnByValue=True)
        return result.get("result", {}).get("value")

    def click_and_wait(self, selector):
        found = self.eval(f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false; e.click(); return true; }})()")
        if not found:
            raise RuntimeError(f"nothing to click at {selector} on {self.eval('location.href')}")
        self.wait_for_load()

    def text(self):
        return self.eval("document.body.innerText") or ""

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def sign_in(browser, base, user, password):
    browser.goto(f"{base}/login")
    browser.eval(f"document.querySelector('input[name=user]').value = {json.dumps(user)};"
                 f"document.querySelector('input[name=password]').value = {json.dumps(password)};")
    browser.click_and_wait("form[action='/login'] button")
    if f"{user} (" not in browser.text():
        raise RuntimeError(f"signing in as {user} failed: {browser.text()[:200]}")


def main():
    parser = argparse.ArgumentParser()
    for name in ["base", "proposal", "reviewer", "password", "out"]:
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    browser = Browser()
    step = "start"
    try:
        step = "reviewer signs in"
        sign_in(browser, args.base, args.reviewer, args.password)
        step = "opens the proposal"
        browser.goto(f"{args.base}/proposals/{args.proposal}")
        page = browser.text()
        if "Approve" not in page:
            raise RuntimeError("the proposal page offers no approval")
        browser.screenshot(os.path.join(args.out, "proposal.png"))
        step = "approves it"
        browser.eval("document.querySelector('textarea[name=comment]').value = 'Looks right: one new account.'")
        browser.click_and_wait("button[name=approve][value=true]")
        if "approved" not in browser.text():
            raise RuntimeError("the proposal is not approved after approving")
        step = "starts the distribution"
        browser.click_and_wait("form[action$='/distribute'] button")
        final = browser.text()
        match = re.search(r"Distribution: (\w+) — (\d+) applied", final)
        if not match:
            raise RuntimeError("no distribution progress on the proposal page")
        browser.screenshot(os.path.join(args.out, "distributed.png"))
        step = "opens the monitor"
        browser.goto(f"{args.base}/monitor?scope=bureau")
        if "Monitor" not in browser.text():
            raise RuntimeError("the monitor did not render")
        browser.screenshot(os.path.join(args.out, "monitor.png"))
        print(json.dumps({"distribution": match.group(1), "applied": int(match.group(2)),
                          "screenshots": sorted(os.listdir(args.out))}))
    except Exception as error:  # the step and the reason, for the Swift test to print
        print(json.dumps({"failed": step, "reason": str(error)}))
        sys.exit(1)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
