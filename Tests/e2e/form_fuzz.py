"""Fuzzes every form of the running server with Hypothesis: signs in as a clerk and as a provider, finds every form
on the pages they can reach (and the public ones), then posts generated values (unicode tricks, control
characters, huge and malformed numbers, dates and ids, missing, repeated and unknown fields, broken percent
encoding) with a valid CSRF token, and junk ids and paths to every public route. The server must never answer
5xx, and must still be healthy at the end. Forms that delete or end things are fuzzed last.

Usage: python form_fuzz.py BASE_URL   (TOWNHALL_E2E_EMAIL/PASSWORD: a clerk, TOWNHALL_E2E_PROVIDER_EMAIL/PASSWORD:
a provider; TOWNHALL_E2E_DATABASE: the store, to read the password reset e-mail from the outbox). FUZZ_EXAMPLES sets
the examples per form (default 40).
"""
import os
import re
import sys
import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from townhall_http import Client, crawl, forms, reset_link_form

BASE = sys.argv[1].rstrip("/")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
DESTRUCTIVE = re.compile(r"/(delete|withdraw|close|end|logout)$")

TRICKY = [
    "", " ", "0", "-1", "1e309", "99999999999999999999999", "NaN", "2026-02-30", "2026-13-01", "0000-00-00",
    "31/12/2026", "2026-12-31T25:61", "25:61", "../../etc/passwd", "<script>alert(1)</script>", "\"'><img src=x>",
    "\u202eevil\u202c", "\u200b", "e\u0301\u0301\u0301", "\U0001F600" * 50, "\x00", "\x7f\x1b[31m", "%", "%zz",
    "a" * 300, "x" * 120_000, "\r\n" * 1000, "DROP TABLE paper; --", "' OR 1=1 --", "\\", "\ufeff", "\ufffd",
]
text_values = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.integers(min_value=-2**70, max_value=2**70).map(str),
    st.dates().map(lambda d: d.isoformat()),
)


def fuzz_form(client, form, label, fresh_token):
    names = [n for n in form.fields if n != "_csrf"]

    @SETTINGS
    @given(st.data())
    def run(data):
        fields = []
        for name in names:
            how = data.draw(st.sampled_from(["keep", "fuzz", "fuzz", "drop", "twice", "option"]), label=f"{name}?")
            options = form.options.get(name, [])
            if how == "keep":
                fields.append((name, form.fields[name]))
            elif how == "fuzz":
                fields.append((name, data.draw(text_values, label=name)))
            elif how == "twice":
                fields += [(name, data.draw(text_values, label=name)), (name, data.draw(text_values, label=name))]
            elif how == "option" and options:
                fields.append((name, data.draw(st.sampled_from(options), label=name)))
        if form.buttons:
            button = data.draw(st.sampled_from(form.buttons), label="button")
            if button[0]:
                fields.append(button)
        if data.draw(st.booleans(), label="unknown field"):
            fields.append((data.draw(st.text(max_size=20), label="unknown name"), data.draw(text_values, label="unknown value")))
        if "_csrf" in form.fields:
            # The sign-in form's token changes with every page; a session's stays the same.
            token = form.fields["_csrf"]
            if fresh_token:
                again = next((f for f in forms(client.get(form.page).text) if f.action == form.action), None)
                token = again.fields.get("_csrf", token) if again else token
            fields.append(("_csrf", token))
        body = urllib.parse.urlencode(fields, encoding="utf-8", errors="surrogatepass")
        if data.draw(st.booleans(), label="broken encoding"):
            body += "&" + data.draw(st.sampled_from(["%ff%fe=%c0%af", "title=%E0%A4%A", "=%", "%00=%00", "a=b=c", "&&&"]))
        try:
            if form.method == "get":
                response = client.get(form.action.split("?")[0] + "?" + body)
            else:
                response = client.request("POST", form.action, body.encode("utf-8", "surrogatepass"),
                                          {"Content-Type": "application/x-www-form-urlencoded"})
        except OSError as error:
            # A URL longer than the server's header limit may be refused by closing the connection.
            assert form.method == "get" and len(body) > 60_000, f"{form.method.upper()} {form.action} failed: {error!r}"
            return
        assert response.status < 500, f"{form.method.upper()} {form.action} answered {response.status} to {body[:500]!r}"

    run()


def fuzz_paths(client):
    junk = st.one_of(st.sampled_from(["-1", "0", "99999999999999999999999", "1.5", "%00", "%ff", "..%2f..%2fetc", "%E2%80%AE",
                                      "a" * 2000, "1;DROP", "1%20OR%201", "null"]),
                     st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
                     .map(lambda t: urllib.parse.quote(t, safe="")))
    patterns = ["/papers/{}", "/meetings/{}", "/bodies/{}", "/bodies/{}/calendar.ics", "/organisations/{}", "/inquiries/{}",
                "/recommendations/{}", "/attachments/{}/x.pdf", "/oparl/v1.1/paper/{}", "/oparl/v1.1/bodies/{}/papers",
                "/search?q={}", "/search?q=a&from={}&to={}", "/recommendations?page={}", "/oparl/v1.1/bodies?page={}",
                "/oparl/v1.1/bodies?modified_since={}", "/data/{}.csv", "/admin/meetings/{}", "/admin/papers/{}",
                "/provider/reports/{}", "/feeds/{}"]

    @SETTINGS
    @given(st.sampled_from(patterns), junk, junk)
    def run(pattern, a, b):
        path = pattern.format(a, b)
        response = client.get(path)
        assert response.status < 500, f"GET {path} answered {response.status}"

    run()


def main():
    clerk, provider, anonymous = Client(BASE), Client(BASE), Client(BASE)
    clerk.sign_in(os.environ["TOWNHALL_E2E_EMAIL"], os.environ["TOWNHALL_E2E_PASSWORD"])
    provider.sign_in(os.environ["TOWNHALL_E2E_PROVIDER_EMAIL"], os.environ["TOWNHALL_E2E_PROVIDER_PASSWORD"])
    roles = [("clerk", clerk, ["/admin"], "/admin"), ("provider", provider, ["/provider"], "/provider"),
             ("resident", anonymous, ["/", "/recommendations", "/search?q=budget", "/login"], "/")]
    failures, done, destructive = [], set(), {}

    def fuzz(who, client, key, form):
        label = f"{who}: {key[0].upper()} {key[1]}"
        try:
            fuzz_form(client, form, label, fresh_token=who == "resident")
            print(f"fuzzed {label} ({EXAMPLES} examples): no 5xx")
        except AssertionError as error:
            failures.append(f"{label}: {error}")
            print(f"FAILED {label}: {error}")

    # Fuzzing creates things (draft minutes, draft recommendations) whose forms then appear, so crawl again until
    # no new form turns up; forms that delete or end things wait until the end.
    for _ in range(3):
        new = 0
        for who, client, starts, prefix in roles:
            for key, form in crawl(client, starts, prefix, limit=250 if who != "resident" else 120).items():
                if (who, key) in done or key[1].endswith("/logout"):
                    continue
                done.add((who, key))
                new += 1
                if DESTRUCTIVE.search(key[1]):
                    destructive[(who, key)] = (client, form)
                else:
                    fuzz(who, client, key, form)
        if new == 0:
            break
    for (who, key), (client, form) in destructive.items():
        fuzz(who, client, key, form)
    # The reset-link form needs a token from an e-mail: ask for one for the clerk and read it from the outbox.
    # Last of all, since a valid example changes the clerk's password and ends the clerk's session.
    if os.environ.get("TOWNHALL_E2E_DATABASE"):
        form = reset_link_form(anonymous, os.environ["TOWNHALL_E2E_DATABASE"], os.environ["TOWNHALL_E2E_EMAIL"])
        done.add(("resident", ("post", "/password-reset/:token")))
        fuzz("resident", anonymous, ("post", "/password-reset/:token"), form)
    for who, client in [("resident", anonymous), ("clerk", clerk)]:
        try:
            fuzz_paths(client)
            print(f"fuzzed junk ids and query values as {who}: no 5xx")
        except AssertionError as error:
            failures.append(f"paths as {who}: {error}")
    health = anonymous.get("/readyz")
    if health.status != 200:
        failures.append(f"/readyz answered {health.status} after fuzzing")
    forms_fuzzed = len(done)
    if forms_fuzzed < 20:
        failures.append(f"only {forms_fuzzed} forms were found; the crawl is broken")
    if failures:
        print("form fuzz FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"form fuzz: {forms_fuzzed} forms x {EXAMPLES} examples and junk paths, no 5xx; server still ready")


if __name__ == "__main__":
    main()
