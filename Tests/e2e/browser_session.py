"""One browser helper for every browser check: a headless Chromium, a page checker (expected text, lang, one main,
HTML5 parse of the markup as served, axe-core with zero violations), following a link or button until the next
page has loaded, and signing in. public_site, clerk_journey, recommendations_journey and invalid_forms use it.
"""
import json
import os
import sys
import urllib.error
import urllib.request

import axe_playwright_python
import html5lib
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else ""
AXE_JS = os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js")
# WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices (issue 19); rules off by default in axe, such as 2.2's
# 24-pixel target size, are switched on by name.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]},
    "rules": {"target-size": {"enabled": True}},
}


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024"):
        options.add_argument(flag)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_script_timeout(60)
    return driver


def axe_violations(driver):
    with open(AXE_JS, encoding="utf-8") as handle:
        driver.execute_script(handle.read())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"const AXE_OPTIONS = {json.dumps(AXE_OPTIONS)};"
        "axe.run(document, AXE_OPTIONS).then(r => done(JSON.stringify({version: axe.version, violations: r.violations, passes: r.passes.length})))"
        ".catch(e => done(JSON.stringify({error: String(e)})));"
    )
    data = json.loads(result)
    if "error" in data:
        raise RuntimeError("axe failed: " + data["error"])
    return data


def html5_errors(url):
    """Parse errors in the markup as served (the browser's DOM would hide them)."""
    try:
        with urllib.request.urlopen(url) as response:
            markup = response.read()
    except urllib.error.HTTPError as error:
        markup = error.read()
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(markup)
    return parser.errors


def is_gone(element):
    """True once `element` has left the document. Chromium can report that as a stale reference or, when the
    navigation lands mid-call, as an inspector error saying the node "does not belong to the document"; both
    mean the old page is gone. Any other WebDriver error is real and is raised."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def follow(driver, element):
    """Clicks a link or button and waits until the browser has loaded the next page."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 15).until(lambda _: is_gone(old))
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


class PageChecker:
    """Checks the current page (expected text, lang, one main, HTML5 parse, axe) and counts results."""

    def __init__(self, driver):
        self.driver = driver
        self.passed = 0
        self.failed = 0

    def check(self, name, expect_text):
        driver = self.driver
        problems = []
        body = driver.find_element(By.TAG_NAME, "body").text
        if expect_text not in body:
            problems.append(f"expected text {expect_text!r} not on page")
        if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "en-GB":
            problems.append("html lang is not en-GB")
        if len(driver.find_elements(By.TAG_NAME, "main")) != 1:
            problems.append("page must have exactly one <main>")
        if "/admin" not in driver.current_url and "/login" not in driver.current_url:
            errors = html5_errors(driver.current_url)
            if errors:
                problems.append(f"HTML5 parse errors: {errors[:3]}")
        data = axe_violations(driver)
        for violation in data["violations"]:
            nodes = ", ".join(str(n["target"]) for n in violation["nodes"][:3])
            problems.append(f"axe {violation['id']} ({violation['impact']}): {violation['help']} at {nodes}")
        if problems:
            self.fail(name, *problems)
        else:
            self.passed += 1
            print(f"ok   {name} {driver.current_url} (axe {data['version']}: 0 violations, {data['passes']} rules passed)")

    def fail(self, name, *problems):
        self.failed += 1
        print(f"FAIL {name} {self.driver.current_url}")
        for problem in problems:
            print(f"  - {problem}")

    def finish(self, label):
        print(f"{label}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def sign_in(driver, checker, email, password, expect):
    """Signs in through the sign-in page as a person would, and checks the page it lands on."""
    driver.get(BASE + "/login")
    checker.check("sign-in page", "Sign in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]"))
    checker.check("signed in", expect)
