#!/usr/bin/python3
"""The web inbox in a real browser: headless Chromium driven by Selenium against the real
`aduan` binary on 127.0.0.1, with a fake Telegram API that records what residents are sent.

Run: /usr/bin/python3 tests/browser/inbox_test.py [BUILD_DIR]   (from the repo; see run.sh)
Screenshots go to docs/screenshots/ when ADUAN_SCREENSHOTS=1.
"""
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build"))
ADUAN = os.path.join(BUILD, "aduan")
SHOTS = os.path.join(REPO, "docs", "screenshots") if os.environ.get("ADUAN_SCREENSHOTS") else None
BOT_TOKEN = "123:browser-test"
SECRET = "browser-secret"
ADMIN = "browser-admin-token"


class FakeTelegram(http.server.BaseHTTPRequestHandler):
    """Records every sendMessage and answers as Telegram does."""
    sent = []
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with FakeTelegram.lock:
            FakeTelegram.sent.append((self.path, json.loads(body or b"{}")))
            n = len(FakeTelegram.sent)
        out = json.dumps({"ok": True, "result": {"message_id": 9000 + n}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


def texts_sent():
    with FakeTelegram.lock:
        return [b.get("text", "") for _, b in FakeTelegram.sent]


def wait_for(what, predicate, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


class Gateway:
    def __init__(self, tmp, provider_port):
        self.tmp = tmp
        self.db = "sqlite:" + os.path.join(tmp, "aduan.db")
        self.env = dict(os.environ,
                        ADUAN_TELEGRAM_SECRET_TOKEN=SECRET,
                        ADUAN_TELEGRAM_BOT_TOKEN=BOT_TOKEN,
                        ADUAN_TELEGRAM_API_BASE="http://127.0.0.1:%d" % provider_port,
                        ADUAN_ADMIN_TOKEN=ADMIN)
        self.proc = None
        self.base = None

    def cli(self, *args, stdin=""):
        return subprocess.run([ADUAN, *args, "--config", os.path.join(REPO, "config", "aduan.json"),
                               "--db", self.db], input=stdin, text=True, capture_output=True,
                              env=self.env, timeout=60)

    def start(self):
        port_file = os.path.join(self.tmp, "port")
        self.log = open(os.path.join(self.tmp, "aduan.log"), "w")
        self.proc = subprocess.Popen(
            [ADUAN, "serve", "--config", os.path.join(REPO, "config", "aduan.json"), "--db",
             self.db, "--listen", "127.0.0.1:0", "--port-file", port_file],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        port = wait_for("the gateway's port", lambda: open(port_file).read().strip()
                        if os.path.exists(port_file) and open(port_file).read().strip() else None)
        self.base = "http://127.0.0.1:" + port

    def stop(self):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def telegram(self, update_id, chat_id, name, text):
        update = {"update_id": update_id, "message": {
            "message_id": update_id, "from": {"id": chat_id, "is_bot": False, "first_name": name},
            "chat": {"id": chat_id, "first_name": name, "type": "private"},
            "date": int(time.time()), "text": text}}
        status, body = self.request("POST", "/webhooks/telegram", json.dumps(update).encode(), {
            "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert status == 200, (status, body)

    def api_ticket(self, ticket_id):
        status, body = self.request("GET", "/api/v1/tickets/" + ticket_id,
                                    headers={"Authorization": "Bearer " + ADMIN})
        assert status == 200, (status, body)
        return json.loads(body)


def new_browser(tmp, width=1200):
    opts = Options()
    for arg in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-default-apps",
                "--user-data-dir=" + tempfile.mkdtemp(dir=tmp), "--window-size=%d,900" % width]:
        opts.add_argument(arg)
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    driver.implicitly_wait(5)
    return driver


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        height = driver.execute_script("return document.body.scrollHeight")
        width = driver.execute_script("return window.innerWidth")
        driver.set_window_size(max(width, 360), min(max(height + 150, 600), 2400))
        driver.save_screenshot(os.path.join(SHOTS, name))


def _gone(element):
    """A wait condition: true once `element` left the document. Chromium may report a node
    that went away mid-check as an inspector error rather than as a stale element; both mean
    the page was replaced."""

    def check(_driver):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True

    return check


def submit(driver, button):
    """Clicks a form's button and waits for the answer page to replace this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 20).until(_gone(old))


def sign_in(driver, gw, username, password):
    driver.delete_all_cookies()
    driver.get(gw.base + "/inbox/login")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    submit(driver, driver.find_element(By.ID, "login"))


def page_status(gw, driver, path):
    """The HTTP status of a GET with the browser's session cookie (Selenium hides it)."""
    cookie = driver.get_cookie("aduan_session")
    assert cookie, "no session cookie"
    status, _ = gw.request("GET", path, headers={"Cookie": "aduan_session=" + cookie["value"]})
    return status


def main():
    tmp = tempfile.mkdtemp(prefix="aduan-browser-")
    provider = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeTelegram)
    threading.Thread(target=provider.serve_forever, daemon=True).start()
    gw = Gateway(tmp, provider.server_address[1])
    results = []
    driver = None
    try:
        for args, pw in [(["--agency", "PUPR", "--name", "Budi Santoso", "--username", "budi"],
                          "sandi-budi-123"),
                         (["--agency", "DISHUB", "--name", "Dewi Lestari", "--username", "dewi"],
                          "sandi-dewi-123"),
                         (["--role", "operator", "--name", "Rina Operator", "--username", "rina"],
                          "sandi-rina-123")]:
            r = gw.cli("users", "add", *args, stdin=pw + "\n")
            assert r.returncode == 0, r.stderr
        r = gw.cli("users", "add", "--agency", "PUPR", "--name", "X", "--username", "budi",
                   stdin="another-password\n")
        assert r.returncode == 2 and "taken" in r.stderr, (r.returncode, r.stderr)
        gw.start()
        complaint = ("Jalan rusak parah berlubang di depan SDN 3 Cilegon <script>window.pwned=1"
                     "</script> <b>tolong</b> diperbaiki")
        gw.telegram(1001, 777001, "Siti", complaint)
        ack = wait_for("the acknowledgement", lambda: [t for t in texts_sent() if "ADU-" in t])
        ticket = re.search(r"ADU-[0-9A-Z]{8}", ack[0]).group(0)
        assert gw.api_ticket(ticket)["agency"] == "PUPR", gw.api_ticket(ticket)["agency"]
        gw.telegram(1002, 777002, "Joko", "ada yang aneh tadi pagi, bagaimana ini")
        triage = wait_for("a triage ticket", lambda: [
            t for t in re.findall(r"ADU-[0-9A-Z]{8}", " ".join(texts_sent())) if t != ticket])
        triage = triage[0]
        assert gw.api_ticket(triage)["status"] == "triage", gw.api_ticket(triage)["status"]

        driver = new_browser(tmp)

        def check(name, fn):
            try:
                fn()
                results.append((name, True))
                print("PASS", name)
            except Exception:
                results.append((name, False))
                print("FAIL", name)
                traceback.print_exc()
                try:
                    print("browser at", driver.current_url)
                    print(driver.find_element(By.TAG_NAME, "body").text[:800])
                except Exception:
                    pass

        def wrong_password_refused():
            sign_in(driver, gw, "budi", "not-the-password")
            assert "salah" in driver.find_element(By.ID, "error").text
            assert driver.get_cookie("aduan_session") is None
            shot(driver, "login.png")

        def clerk_finds_and_updates():
            sign_in(driver, gw, "budi", "sandi-budi-123")
            assert driver.current_url.endswith("/inbox"), driver.current_url
            row = driver.find_element(By.CSS_SELECTOR, 'tr.ticket-row[data-id="%s"]' % ticket)
            shot(driver, "inbox.png")
            submit(driver, row.find_element(By.LINK_TEXT, ticket))
            assert driver.find_element(By.ID, "ticket-id").text == ticket
            before = len(texts_sent())
            Select(driver.find_element(By.ID, "status-select")).select_by_value("in_progress")
            driver.find_element(By.ID, "status-note").send_keys("Tim dijadwalkan Kamis pagi")
            submit(driver, driver.find_element(By.ID, "status-submit"))
            assert "disimpan" in driver.find_element(By.ID, "flash").text
            assert driver.find_element(By.ID, "status").text == "Diproses"
            assert "Budi Santoso" in driver.find_element(By.ID, "timeline").text
            wait_for("the resident's notification", lambda: [
                t for t in texts_sent()[before:] if "Tim dijadwalkan Kamis pagi" in t])
            t = gw.api_ticket(ticket)
            assert t["status"] == "in_progress"
            assert t["events"][-1]["actor"] == "agency:PUPR (Budi Santoso)", t["events"][-1]
            shot(driver, "ticket.png")

        def html_is_escaped():
            driver.get(gw.base + "/inbox/tickets/" + ticket)
            shown = driver.find_element(By.ID, "complaint").text
            assert "<script>window.pwned=1</script>" in shown, shown
            assert "<b>tolong</b>" in shown, shown
            assert driver.execute_script("return window.pwned === undefined")
            assert not driver.find_elements(By.CSS_SELECTOR, "#complaint b")

        def form_without_csrf_refused():
            driver.get(gw.base + "/inbox/tickets/" + ticket)
            version_before = gw.api_ticket(ticket)["updated_at"]
            driver.execute_script(
                "document.querySelector('#form-reply input[name=csrf]').remove();")
            driver.find_element(By.ID, "reply-note").send_keys("tanpa token")
            submit(driver, driver.find_element(By.CSS_SELECTOR, "#form-reply button"))
            assert "Formulir ditolak" in driver.find_element(By.TAG_NAME, "h1").text
            cookie = driver.get_cookie("aduan_session")["value"]
            status, _ = gw.request("POST", "/inbox/tickets/%s/reply" % ticket,
                                   b"note=tanpa+token&version=1",
                                   {"Cookie": "aduan_session=" + cookie,
                                    "Content-Type": "application/x-www-form-urlencoded"})
            assert status == 403, status
            t = gw.api_ticket(ticket)
            assert t["updated_at"] == version_before
            assert all("tanpa token" not in (e.get("note") or "") for e in t["events"])

        def stale_form_refused():
            # Two clerks open the page; the second one's change is refused, not merged.
            driver.get(gw.base + "/inbox/tickets/" + ticket)
            cookie = driver.get_cookie("aduan_session")["value"]
            _, page = gw.request("GET", "/inbox/tickets/" + ticket,
                                 headers={"Cookie": "aduan_session=" + cookie})
            csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
            version = re.search(r'name="version" value="(\d+)"', page).group(1)
            driver.find_element(By.ID, "reply-note").send_keys("Mohon kirim foto lokasinya")
            submit(driver, driver.find_element(By.CSS_SELECTOR, "#form-reply button"))
            assert "dikirim" in driver.find_element(By.ID, "flash").text
            body = "csrf=%s&version=%s&status=resolved&note=selesai" % (csrf, version)
            status, html = gw.request("POST", "/inbox/tickets/%s/status" % ticket, body.encode(),
                                      {"Cookie": "aduan_session=" + cookie,
                                       "Content-Type": "application/x-www-form-urlencoded"})
            assert status == 409 and "diubah orang lain" in html, status
            assert gw.api_ticket(ticket)["status"] == "in_progress"

        def other_agency_gets_404():
            sign_in(driver, gw, "dewi", "sandi-dewi-123")
            assert page_status(gw, driver, "/inbox/tickets/" + ticket) == 404
            driver.get(gw.base + "/inbox/tickets/" + ticket)
            assert "tidak ditemukan" in driver.find_element(By.TAG_NAME, "h1").text
            driver.get(gw.base + "/inbox?status=all")
            assert not driver.find_elements(By.CSS_SELECTOR, '[data-id="%s"]' % ticket)

        def operator_routes_triage():
            sign_in(driver, gw, "rina", "sandi-rina-123")
            assert driver.current_url.endswith("/inbox/operator"), driver.current_url
            row = driver.find_element(By.CSS_SELECTOR, 'tr.triage-row[data-id="%s"]' % triage)
            shot(driver, "operator.png")
            Select(row.find_element(By.NAME, "agency")).select_by_value("DISHUB")
            submit(driver, row.find_element(By.TAG_NAME, "button"))
            assert "diarahkan" in driver.find_element(By.ID, "flash").text
            assert not driver.find_elements(By.CSS_SELECTOR, 'tr.triage-row[data-id="%s"]' % triage)
            t = gw.api_ticket(triage)
            assert t["agency"] == "DISHUB" and t["status"] == "routed", t
            assert t["events"][-1]["actor"] == "operator (Rina Operator)", t["events"][-1]
            sign_in(driver, gw, "dewi", "sandi-dewi-123")
            driver.find_element(By.CSS_SELECTOR, 'tr.ticket-row[data-id="%s"]' % triage)

        def narrow_screen_and_size():
            sign_in(driver, gw, "budi", "sandi-budi-123")
            driver.set_window_size(360, 800)
            driver.get(gw.base + "/inbox")
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, "page is %dpx wider than a 360px screen" % overflow
            size = len(driver.page_source.encode())
            assert size < 150 * 1024, size
            if SHOTS:
                driver.save_screenshot(os.path.join(SHOTS, "inbox-360.png"))
            driver.set_window_size(1200, 900)

        def search_filters_and_csv():
            driver.get(gw.base + "/inbox")
            box = driver.find_element(By.ID, "f-q")
            # A number as residents type it: lower case, no dash.
            box.send_keys(ticket.lower().replace("-", " "))
            Select(driver.find_element(By.ID, "f-status")).select_by_value("all")
            submit(driver, driver.find_element(By.ID, "filter"))
            rows = driver.find_elements(By.CSS_SELECTOR, "tr.ticket-row")
            assert [r.get_attribute("data-id") for r in rows] == [ticket], rows
            driver.get(gw.base + "/inbox?status=all&q=tidak+ada+kata+ini")
            assert not driver.find_elements(By.CSS_SELECTOR, "tr.ticket-row")
            driver.get(gw.base + "/inbox?status=new")
            assert not driver.find_elements(By.CSS_SELECTOR, '[data-id="%s"]' % ticket)
            driver.get(gw.base + "/inbox?status=in_progress&q=berlubang")
            driver.find_element(By.CSS_SELECTOR, 'tr.ticket-row[data-id="%s"]' % ticket)
            cookie = driver.get_cookie("aduan_session")["value"]
            status, csv = gw.request("GET", "/inbox/export.csv?status=all",
                                     headers={"Cookie": "aduan_session=" + cookie})
            assert status == 200, status
            lines = csv.strip().split("\r\n")
            assert lines[0].startswith("id,status,agency"), lines[0]
            assert len(lines) == 2 and ticket in lines[1] and "in_progress" in lines[1], lines

        def logout_ends_session():
            driver.get(gw.base + "/inbox")
            cookie = driver.get_cookie("aduan_session")["value"]
            submit(driver, driver.find_element(By.CSS_SELECTOR, "header form button"))
            assert "/inbox/login" in driver.current_url
            status, _ = gw.request("GET", "/inbox", headers={"Cookie": "aduan_session=" + cookie})
            assert status == 200  # urllib follows the redirect to the sign-in page
            _, html = gw.request("GET", "/inbox", headers={"Cookie": "aduan_session=" + cookie})
            assert 'name="password"' in html

        for name, fn in [("wrong password refused", wrong_password_refused),
                         ("clerk finds a webhook ticket and changes its status",
                          clerk_finds_and_updates),
                         ("complaint HTML is shown escaped", html_is_escaped),
                         ("form without CSRF token refused", form_without_csrf_refused),
                         ("conflicting edit refused", stale_form_refused),
                         ("other agency's clerk gets 404", other_agency_gets_404),
                         ("operator routes a triage ticket", operator_routes_triage),
                         ("usable at 360px and under 150 KB", narrow_screen_and_size),
                         ("search, filters and CSV export", search_filters_and_csv),
                         ("logout ends the session", logout_ends_session)]:
            check(name, fn)
    except Exception:
        traceback.print_exc()
        results.append(("setup", False))
    finally:
        if driver:
            driver.quit()
        gw.stop()
        provider.shutdown()
        if any(not ok for _, ok in results) and os.path.exists(os.path.join(tmp, "aduan.log")):
            print(open(os.path.join(tmp, "aduan.log")).read()[-3000:])
        shutil.rmtree(tmp, ignore_errors=True)
    passed = sum(ok for _, ok in results)
    failed = len(results) - passed
    print("browser: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
