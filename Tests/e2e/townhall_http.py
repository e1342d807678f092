"""A small HTTP client for the robustness checks: keeps cookies, never follows redirects (a 303 is how the server
acknowledges a write), signs in, and reads a page's forms (fields, CSRF token, buttons) with the standard library.
"""
import contextlib
import http.client
import os
import random
import subprocess
import tempfile
import re
import sqlite3
import sys
import time
import urllib.parse
from collections import deque
from html.parser import HTMLParser


class Form:
    def __init__(self, action, method):
        self.action, self.method = action, method
        self.fields = {}        # name -> default value (the first of each name)
        self.kinds = {}         # name -> input type, "textarea" or "select"
        self.options = {}       # select/radio name -> values offered
        self.buttons = []       # (name, value) of submit buttons


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self.form)
        if self.form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "submit":
                self.form.buttons.append((name, a.get("value", "")))
                return
            self.form.kinds.setdefault(name, kind)
            if kind in ("radio", "checkbox"):
                self.form.options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self.form.fields[name] = a.get("value", "on")
            else:
                self.form.fields.setdefault(name, a.get("value", ""))
        elif tag == "textarea" and name:
            self.form.kinds.setdefault(name, "textarea")
            self.form.fields.setdefault(name, "")
            self.textarea = name
        elif tag == "select" and name:
            self.form.kinds.setdefault(name, "select")
            self.form.fields.setdefault(name, "")
            self.select = name
        elif tag == "option" and self.select:
            self.form.options.setdefault(self.select, []).append(a.get("value", ""))
            if "selected" in a:
                self.form.fields[self.select] = a.get("value", "")
        elif tag == "button" and a.get("type", "submit") == "submit":
            self.form.buttons.append((name or "", a.get("value", "")))

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form.fields[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms(html):
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def crawl(client, starts, prefix, limit=250):
    """Every form on the pages under `prefix` reachable from `starts`, keyed by its action with ids as ':id'."""
    seen, queue, found = set(), deque(starts), {}
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        page = client.get(path)
        if page.status >= 500:
            raise AssertionError(f"GET {path} answered {page.status}")
        if page.status != 200 or "text/html" not in page.headers.get("content-type", ""):
            continue
        for form in forms(page.text):
            action = form.action or path
            key = (form.method, re.sub(r"/\d+", "/:id", action.split("?")[0]))
            if key not in found:
                form.action, form.page = action, path
                found[key] = form
        for link in re.findall(r'href="(/[^"#]*)"', page.text):
            link = link.replace("&amp;", "&")
            if link.startswith(prefix) and link not in seen and not link.startswith("/attachments/"):
                queue.append(link)
    return found


def reset_link_form(client, database, email):
    """Asks for a password reset for `email` and returns the form behind the link in the e-mail, read from the
    store's outbox (the demo server sends no mail)."""
    page = client.get("/password-reset")
    request = next(f for f in forms(page.text) if f.action == "/password-reset")
    client.post("/password-reset", {**request.fields, "email": email})
    connection = sqlite3.connect(database)
    try:
        body = connection.execute("SELECT body FROM outbox WHERE kind = 'password-reset' AND recipient = ? ORDER BY id DESC LIMIT 1",
                                  (email,)).fetchone()[0]
    finally:
        connection.close()
    path = re.search(r"/password-reset/[0-9a-f]+", body).group(0)
    form = next(f for f in forms(client.get(path).text) if f.action == path)
    form.page = path
    return form


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def location(self):
        return self.headers.get("location", "")


class Client:
    def __init__(self, base, timeout=30):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = parsed.hostname, parsed.port, timeout
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            sent = dict(headers or {})
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if cookie_value and "max-age=0" not in value.lower():
                        self.cookies[name] = cookie_value
                    else:
                        self.cookies.pop(name, None)
            return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields):
        body = urllib.parse.urlencode(fields, doseq=True).encode()
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def sign_in(self, email, password):
        page = self.get("/login")
        form = next(f for f in forms(page.text) if f.action == "/login")
        response = self.post("/login", {**form.fields, "email": email, "password": password})
        if response.status != 303:
            raise RuntimeError(f"sign-in as {email} answered {response.status}")
        return response


def wait_until_up(base, seconds=30):
    client = Client(base, timeout=2)
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if client.get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the server at {base} did not answer /healthz within {seconds} s")


@contextlib.contextmanager
def seeded_server(binary, name, settings=None, log=False):
    """A throwaway demo store served by `binary` on a loopback port, for the checks that start their own server:
    yields (process, base URL, port) once /healthz answers, and stops the process on the way out. `settings` adds
    environment variables (TOWNHALL_IDLE_TIMEOUT...); with `log`, the process's output is kept on its stdout."""
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    work = tempfile.mkdtemp(prefix=f"townhall-{name}-")
    env = {**os.environ, "TOWNHALL_DATA_DIR": os.path.join(work, "data"), **(settings or {})}
    db = os.path.join(work, f"{name}.sqlite")
    subprocess.run([binary, "demo", "seed", "--database", db], env=env, cwd=root, check=True, capture_output=True)
    port = 20000 + random.randrange(12000)  # below the ephemeral range, so a probe cannot connect to itself
    output = dict(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) if log else \
        dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = subprocess.Popen([binary, "serve", "--database", db, "--host", "127.0.0.1", "--port", str(port)],
                              env=env, cwd=root, **output)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base)
        yield server, base, port
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()


def finish(problems):
    """Ends a check: each problem on a FAIL line, and the exit status says whether there were any."""
    for problem in problems:
        print("FAIL:", problem)
    sys.exit(1 if problems else 0)
