"""One invalid submission of every kind of form, in a real browser, as each role meets it.

The HTTP client crawls the pages a clerk, a provider and a resident can reach and finds every kind of form (keyed
by method and action, ids as :id). Each kind is either in INVALID, which says what a person might get wrong, or in
NOTHING_TO_GET_WRONG, which says why it has nothing to get wrong; a form kind in neither fails the run, so a new form
cannot be added without its invalid case. For each case the browser opens the form's page, types the values,
presses the button, and the page it lands on must: have "Error:" in its title and an error summary whose every
link lands on an element of the page, link to the field expected, show an error message beside a field, keep
what was typed, and pass the page checks (lang, one main, axe with no violations).

Run after recommendations_journey.py, whose submitted response makes the refer, close and progress forms appear.
Usage: python invalid_forms.py BASE_URL   (TOWNHALL_E2E_EMAIL/PASSWORD: a board's clerk, TOWNHALL_E2E_LPAC_EMAIL/PASSWORD:
an LPAC's clerk, TOWNHALL_E2E_PROVIDER_EMAIL/PASSWORD: a provider, TOWNHALL_E2E_DATABASE: the store, for the password
reset link)
"""
import html
import os
import re
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_session import BASE, PageChecker, browser, follow, sign_in
from townhall_http import Client, crawl, forms, reset_link_form

KEPT = "Kept as typed"

# Form kind -> (values to type by element id, the button's action value or None, the field the summary must link to
# (a prefix: per-row fields end in their id), the ids whose typed value must be kept). A value of "" clears a field;
# ids containing {row} are per-row fields, all filled in the first row the form has.
INVALID = {
    ("post", "/admin/bodies/:slug/meetings/new"): ({"title": KEPT, "date": "2027-02-30", "start": "18:00"}, "save", "date", ["title"]),
    ("post", "/admin/meetings/:id/edit"): ({"title": "", "location": KEPT}, "save", "title", ["location"]),
    ("post", "/admin/bodies/:slug/members"): ({"name": "", "title": KEPT}, None, "name", ["title"]),
    ("post", "/admin/bodies/:slug/members/:id/end"): ({"end-{row}": "2026-02-30"}, None, "end-", []),
    ("post", "/admin/bodies/:slug/plan"): ({"title": KEPT, "date": "2027-02-30"}, None, "date", ["title"]),
    ("post", "/admin/meetings/:id/items"): ({"itemTitle": KEPT, "exempt": "check"}, None, "paragraph", ["itemTitle"]),
    ("post", "/admin/items/:id/edit"): ({"itemTitle": ""}, None, "itemTitle", []),
    ("post", "/admin/items/:id/attachments"): ({}, None, "file", []),
    ("post", "/admin/items/:id/papers/new"): ({"title": KEPT, "markdown": ""}, "save", "markdown", ["title"]),
    ("post", "/admin/papers/:id"): ({"title": "", "author": KEPT}, "save", "title", ["author"]),
    ("post", "/admin/papers/:id/withdraw"): ({"withdrawReason": ""}, None, "withdrawReason", []),
    ("post", "/admin/papers/:id/recommendations"): ({"recommendation": KEPT}, None, "organisation", ["recommendation"]),
    ("post", "/admin/meetings/:id/declarations"): ({"interest": KEPT}, None, "declarant", ["interest"]),
    ("post", "/admin/meetings/:id/witnesses"): ({"witnessName": "", "witnessRole": KEPT}, None, "witnessName", ["witnessRole"]),
    ("post", "/admin/meetings/:id/minutes"): ({"markdown": ""}, "save", "markdown", []),
    ("post", "/admin/recommendations/:id/extend"): ({"newDue": "", "reason": KEPT}, None, "newDue", ["reason"]),
    ("post", "/admin/recommendations/:id/refer"): ({"referTo": "", "referNote": KEPT}, None, "referTo", ["referNote"]),
    ("post", "/admin/recommendations/:id/call-back"): ({"callBackMeeting": ""}, None, "callBackMeeting", []),
    ("post", "/admin/papers/:id/responses/:slug"): ({"receivedOutside": "", "signOff": KEPT}, None, "receivedOutside", ["signOff"]),
    ("get", "/admin/recommendations"): ({"dueTo": "2027-02-30"}, None, "dueTo", ["dueTo"]),
    ("post", "/provider/reports/:id"): ({"decision-{row}-rejected": "check", "reasons-{row}": "", "action-{row}": KEPT}, "submit", "reasons-",
                                        ["action-{row}"]),
    ("post", "/provider/recommendations/:id/progress"): ({"note-{row}": KEPT}, None, "status-", ["note-{row}"]),
    ("get", "/recommendations"): ({"dueFrom": "2027-02-30"}, None, "dueFrom", ["dueFrom"]),
    ("get", "/search"): ({"q": KEPT, "from": "2026-02-30"}, None, "from", ["q"]),
    ("get", "/meetings"): ({"month": "2027-13"}, None, "month", ["month"]),
    ("post", "/login"): ({"email": "nobody@townhall.test", "password": "not-the-password"}, None, "email", ["email"]),
    ("post", "/password-reset"): ({"email": "not an address"}, None, "email", ["email"]),
    ("post", "/follow"): ({"email": "not an address"}, None, "email", ["email"]),
    ("post", "/admin/meetings/:id/status"): ({"statusReason": ""}, None, "statusReason", []),
    ("post", "/admin/meetings/:id/access"): ({"webcastURL": "not a link", "howToAttend": KEPT}, None, "webcastURL", ["howToAttend"]),
    ("post", "/admin/meetings/:id/officers"): ({"officerName": "", "officerRole": KEPT}, None, "officerName", ["officerRole"]),
    ("post", "/admin/plans/:slug"): ({"period": "next year", "value": "12"}, None, "period", ["period"]),
    ("post", "/admin/bodies/:slug/performance"): ({"title": KEPT, "slug": "Not A Slug"}, None, "slug", ["title"]),
    ("post", "/admin/plans/:slug/priorities"): ({"priorityTitle": ""}, None, "priorityTitle", []),
    ("post", "/admin/plans/:slug/measures"): ({"measureName": KEPT, "baseline": "lots"}, None, "baseline", ["measureName"]),
    ("post", "/admin/plans/:slug/import"): ({"csv": KEPT}, None, "csv", ["csv"]),
    ("post", "/admin/bodies/:slug/spending"): ({"csv": KEPT}, None, "csv", ["csv"]),
    ("post", "/admin/bodies/:slug/spending/citations"): ({}, None, "spendingLine", []),
    ("post", "/admin/inquiries/:slug/call-for-evidence"): ({"closesOn-{row}": "2027-02-30"}, "open", "closesOn-", ["closesOn-{row}"]),
    ("post", "/meetings/:id/questions"): ({"name": "", "email": "asker@example.org", "text": KEPT}, None, "name", ["text"]),
    ("post", "/inquiries/:slug/evidence"): ({"name": KEPT, "email": "not an address", "text": "Evidence"}, None, "email", ["name"]),
    ("post", "/admin/meetings/:id/questions"): ({"clearDays": "lots"}, "open", "clearDays", ["clearDays"]),
    # The first contribution form of the board's queue is the demo's accepted question's answer form.
    ("post", "/admin/contributions/:id"): ({"answer-{row}": "", "answeredBy-{row}": KEPT}, "answer", "answer-", ["answeredBy-{row}"]),
    ("post", "/password-reset/:token"): ({"password": "long-enough-password-1", "confirm": "a-different-password-2"}, None, "confirm", []),
}

# Forms with nothing a person can get wrong, and why: buttons only (their mistakes, a stale page, a forged token or
# an object gone, are the Swift tests' and form_fuzz's), or input that is all optional.
NOTHING_TO_GET_WRONG = {
    ("post", "/logout"): "a button", ("post", "/admin/attachments/:id/delete"): "a button",
    ("post", "/admin/items/:id/delete"): "a button", ("post", "/admin/items/:id/move"): "buttons",
    ("post", "/admin/meetings/:id/attendance"): "a choice per member, each with a default",
    ("post", "/admin/meetings/:id/publish-agenda"): "a button (a late agenda's reason is asked for on the next page)",
    ("post", "/admin/meetings/:id/renumber"): "a button",
    ("post", "/admin/papers/:id/publish"): "a button", ("post", "/admin/papers/:id/revise"): "a button",
    ("post", "/admin/papers/:id/recommendations/issue"): "a button, and a delegated authority while the meeting has not "
    "decided (its refusal is RecommendationTests'; the crawl reaches the page only while drafts wait)",
    ("post", "/admin/meetings/:id/minutes/publish"): "a button",
    ("post", "/admin/meetings/:id/minutes/approve"): "a button", ("post", "/admin/meetings/:id/witnesses/:id/delete"): "a button",
    ("post", "/admin/meetings/:id/officers/:id/delete"): "a button",
    ("post", "/admin/recommendations/:id/delete"): "a button",
    ("post", "/admin/recommendations/:id/close"): "the closing note is optional",
}


def kind(key):
    method, action = key
    action = re.sub(r"/password-reset/[0-9a-f]+$", "/password-reset/:token", action)
    action = re.sub(r"^(/admin/papers/:id/responses)/[^/]+$", r"\1/:slug", action)
    action = re.sub(r"^/inquiries/[^/]+/evidence$", "/inquiries/:slug/evidence", action)
    action = re.sub(r"^/admin/plans/[^/]+(/priorities|/measures|/import)?$", r"/admin/plans/:slug\1", action)
    action = re.sub(r"^/admin/inquiries/[^/]+/call-for-evidence$", "/admin/inquiries/:slug/call-for-evidence", action)
    action = re.sub(r"^/contributions/[0-9a-f]+$", "/contributions/:token", action)
    return method, re.sub(r"^/admin/bodies/[^/]+", "/admin/bodies/:slug", action)


def fill(driver, element_id, value):
    element = driver.find_element(By.ID, element_id)
    kind = element.get_attribute("type") or element.tag_name
    if element.tag_name == "select":
        Select(element).select_by_value(value)
    elif kind in ("checkbox", "radio"):
        if not element.is_selected():
            element.click()
    elif kind in ("date", "time"):
        # Type the ISO value the server receives, whatever the browser's display locale; an unreal date is what a
        # browser without a date picker sends.
        driver.execute_script("arguments[0].type = 'text'; arguments[0].value = arguments[1];", element, value)
    else:
        element.clear()
        if value:
            element.send_keys(value)


def first_row(form_element, pattern):
    """The row (a number, or a slug) of the first field in the form matching a per-row pattern such as `reasons-{row}`."""
    expression = re.escape(pattern).replace(re.escape("{row}"), r"([0-9a-z][0-9a-z-]*)")
    for element in form_element.find_elements(By.CSS_SELECTOR, "input, textarea, select"):
        match = re.fullmatch(expression, element.get_attribute("id") or "")
        if match:
            return match.group(1)
    raise AssertionError(f"no field {pattern} in the form")


def submit_invalid(driver, checker, key, form):
    values, button, expected, kept = INVALID[kind(key)]
    label = f"{kind(key)[0].upper()} {kind(key)[1]}"
    driver.get(BASE + form.page)
    selector = f"form[action='{form.action}']" if form.action else "form"
    form_element = driver.find_element(By.CSS_SELECTOR, selector)
    rows = [pattern for pattern in values if "{row}" in pattern]
    row = first_row(form_element, rows[0]) if rows else None
    typed = {}
    for pattern, value in values.items():
        element_id = pattern.replace("{row}", row or "")
        fill(driver, element_id, value)
        typed[pattern] = (element_id, value)
    if button:
        press = form_element.find_element(By.CSS_SELECTOR, f"button[name=action][value={button}]")
    else:
        press = form_element.find_element(By.CSS_SELECTOR, "button[type=submit], button:not([type])")
    follow(driver, press)
    problems = []
    if not driver.title.startswith("Error:"):
        problems.append(f"title {driver.title!r} does not start with Error:")
    links = [a.get_attribute("href").split("#", 1)[-1] for a in driver.find_elements(By.CSS_SELECTOR, ".error-summary a")]
    if not links:
        problems.append("no error summary")
    for target in links:
        if not driver.execute_script("return document.getElementById(arguments[0]) !== null", target):
            problems.append(f"the summary links to #{target}, which is not on the page")
    if not any(target == expected or (expected.endswith("-") and target.startswith(expected)) for target in links):
        problems.append(f"the summary does not link to {expected} (links: {links})")
    if not driver.find_elements(By.CSS_SELECTOR, ".error-message"):
        problems.append("no error message beside a field")
    for pattern in kept:
        element_id, value = typed[pattern]
        element = driver.find_element(By.ID, element_id)
        # A date input's value property drops an unreal date; the markup as served must still hold it.
        shown = element.get_dom_attribute("value") if element.get_attribute("type") in ("date", "time") else element.get_attribute("value")
        if shown != value:
            problems.append(f"{element_id} shows {shown!r}, not what was typed ({value!r})")
    if problems:
        checker.fail(label, *problems)
    checker.check(label, "There is a problem")


def issue_one_recommendation(client, form):
    organisation = next(value for value in form.options["organisation"] if value)
    added = client.post(form.action, {**form.fields, "organisation": organisation,
                                      "recommendation": "Report rural response times to the Board each quarter."})
    if added.status != 303:
        raise AssertionError(f"adding a draft recommendation answered {added.status}")
    page = client.get(form.page)
    review = re.search(r'href="([^"]*/recommendations/issue)"', page.text)
    if not review:
        raise AssertionError("the paper page has no link to review and issue its recommendations")
    confirm = client.get(html.unescape(review.group(1)))
    issue = next(f for f in forms(confirm.text) if f.action.endswith("/recommendations/issue"))
    issued = client.post(issue.action, {**issue.fields, "authority": "Chair's action under the scheme of delegation"})
    if issued.status != 303:
        raise AssertionError(f"issuing the recommendation answered {issued.status}")


def main():
    clerk, lpac_clerk, provider, resident = Client(BASE), Client(BASE), Client(BASE), Client(BASE)
    clerk.sign_in(os.environ["TOWNHALL_E2E_EMAIL"], os.environ["TOWNHALL_E2E_PASSWORD"])
    lpac_clerk.sign_in(os.environ["TOWNHALL_E2E_LPAC_EMAIL"], os.environ["TOWNHALL_E2E_LPAC_PASSWORD"])
    provider.sign_in(os.environ["TOWNHALL_E2E_PROVIDER_EMAIL"], os.environ["TOWNHALL_E2E_PROVIDER_PASSWORD"])
    found = {"clerk": crawl(clerk, ["/admin"], "/admin")}
    if ("post", "/admin/recommendations/:id/extend") not in {kind(key) for key in found["clerk"]}:
        # Every recommendation of the clerk's body has been answered (recommendations_journey did): issue one more,
        # through the forms, so the extend form has a recommendation awaiting a response.
        issue_one_recommendation(clerk, found["clerk"][("post", "/admin/papers/:id/recommendations")])
        found["clerk"] = crawl(clerk, ["/admin"], "/admin")
    found |= {
        # The LPAC's own forms: its calls for evidence and its spending.
        "lpac clerk": crawl(lpac_clerk, ["/admin"], "/admin"),
        "provider": crawl(provider, ["/provider"], "/provider"),
        "resident": crawl(resident, ["/", "/recommendations", "/search?q=budget", "/login", "/password-reset",
                                     "/inquiries/winter-urgent-care"], "/", limit=120),
    }
    if os.environ.get("TOWNHALL_E2E_DATABASE"):
        reset = reset_link_form(resident, os.environ["TOWNHALL_E2E_DATABASE"], os.environ["TOWNHALL_E2E_EMAIL"])
        found["resident"][("post", reset.action)] = reset
    driver = browser()
    checker = PageChecker(driver)
    reached = set()
    try:
        for role, forms in found.items():
            driver.delete_all_cookies()
            if role == "clerk":
                sign_in(driver, checker, os.environ["TOWNHALL_E2E_EMAIL"], os.environ["TOWNHALL_E2E_PASSWORD"], "Dashboard")
            elif role == "lpac clerk":
                sign_in(driver, checker, os.environ["TOWNHALL_E2E_LPAC_EMAIL"], os.environ["TOWNHALL_E2E_LPAC_PASSWORD"], "Dashboard")
            elif role == "provider":
                sign_in(driver, checker, os.environ["TOWNHALL_E2E_PROVIDER_EMAIL"], os.environ["TOWNHALL_E2E_PROVIDER_PASSWORD"],
                        "Your recommendations")
            for key, form in sorted(forms.items()):
                if kind(key) in NOTHING_TO_GET_WRONG or kind(key) in reached:
                    continue
                if kind(key) not in INVALID:
                    checker.fail(f"{role}: {kind(key)}", "a form kind with no invalid case here and not in NOTHING_TO_GET_WRONG")
                    continue
                reached.add(kind(key))
                submit_invalid(driver, checker, key, form)
        for missing in sorted(set(INVALID) - reached):
            checker.fail(f"{missing}", "no page reached by the crawl has this form")
    finally:
        driver.quit()
    print(f"invalid forms: {len(reached)} form kinds submitted with a mistake")
    return checker.finish("e2e-invalid-forms")


if __name__ == "__main__":
    sys.exit(main())
