"""End-to-end check of the public site in a real browser (Debian's chromium + chromedriver through Selenium).

Visits the home page, a body, a meeting and a paper of the demo site, the way a resident would (by following
links), checks each page parses as HTML5 without errors, and runs axe-core on each: any violation fails.
Usage: python public_site.py http://127.0.0.1:8099
"""
import os
import re
import sqlite3
import sys
import tempfile
import time
import urllib.request
import zlib

from selenium.webdriver.common.by import By

from browser_session import BASE, PageChecker, browser, follow


PHONE = (390, 844)
DATABASE = os.environ.get("TOWNHALL_E2E_DATABASE")


def inflate(stream):
    """A PDF stream's bytes, decompressed if they are Flate-compressed (the structure tree is in such streams)."""
    try:
        return zlib.decompress(stream)
    except zlib.error:
        return b""


def confirmation_link(recipient):
    """The confirmation link of the newest question or evidence sent from `recipient`, from the store's outbox."""
    connection = sqlite3.connect(DATABASE)
    try:
        body = connection.execute("SELECT body FROM outbox WHERE kind = 'contribution-confirmation' AND recipient = ? ORDER BY id DESC",
                                  (recipient,)).fetchone()[0]
    finally:
        connection.close()
    return re.search(r"/contributions/[0-9a-f]+", body).group(0)


def confirm_by_email(driver, checker, recipient, what):
    """Opens the e-mailed link and sends the contribution to the clerk, checking both pages."""
    if not DATABASE:
        checker.fail(what, "TOWNHALL_E2E_DATABASE is not set, so the confirmation link cannot be read")
        return
    driver.get(BASE + confirmation_link(recipient))
    checker.check(f"{what}: confirmation page", "Send it to the clerk")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send it to the clerk']"))
    checker.check(f"{what}: confirmed", "It has gone to the clerk")


def ask_a_question(driver, checker):
    """Issue 19: a resident asks a question for the budget meeting, first getting it wrong, then confirming it."""
    driver.get(BASE + "/bodies/harford-policing-board")
    follow(driver, driver.find_element(By.LINK_TEXT, "Budget and precept meeting"))
    checker.check("meeting with an answered question", "Question 1, from Hannah Okafor, Tom Reid")
    follow(driver, driver.find_element(By.LINK_TEXT, "Ask a question"))
    checker.check("question form", "What is published")
    driver.find_element(By.ID, "text").send_keys("Browser question: will the new custody suite have a hearing loop?")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send the confirmation email']"))
    checker.check("question form with errors", "There is a problem")
    if "hearing loop" not in driver.find_element(By.ID, "text").get_attribute("value"):
        checker.fail("question form with errors", "the question typed was not kept")
    driver.find_element(By.ID, "name").send_keys("Browser Resident")
    driver.find_element(By.ID, "email").send_keys("browser.asker@example.com")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send the confirmation email']"))
    checker.check("question sent", "Check your email")
    confirm_by_email(driver, checker, "browser.asker@example.com", "question")


def send_evidence(driver, checker):
    """Issue 19: written evidence with a file to the LPAC's open inquiry, and the evidence already published."""
    driver.get(BASE + "/inquiries/winter-urgent-care")
    checker.check("inquiry taking evidence", "Call for evidence")
    follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Written evidence from Grace Mensah"))
    checker.check("published written evidence", "publish live waiting times")
    driver.back()
    follow(driver, driver.find_element(By.LINK_TEXT, "Send written evidence"))
    checker.check("evidence form", "What is published")
    driver.find_element(By.ID, "name").send_keys("Browser Witness")
    driver.find_element(By.ID, "email").send_keys("browser.witness@example.com")
    driver.find_element(By.ID, "organisation").send_keys("Marsh Vale Patients' Group")
    driver.find_element(By.ID, "text").send_keys("Our members waited longest on Friday evenings. The attached table gives the hours.")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as table:
        table.write("day,hours\nFriday,6.5\nSaturday,4.0\n")
    try:
        driver.find_element(By.ID, "file").send_keys(table.name)
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send the confirmation email']"))
    finally:
        os.unlink(table.name)
    checker.check("evidence sent", "Check your email")
    confirm_by_email(driver, checker, "browser.witness@example.com", "evidence")


def main():
    driver = browser()
    checker = PageChecker(driver)
    # Every page checked is kept, to be looked at again on a phone at the end.
    seen = []
    check = checker.check

    def check_and_keep(name, text):
        check(name, text)
        seen.append(driver.current_url)

    checker.check = check_and_keep
    try:
        driver.get(BASE + "/")
        checker.check("home", "Next meetings")
        follow(driver, driver.find_element(By.LINK_TEXT, "Harford and Marsh Vale Policing Board"))
        checker.check("policing board", "Chief Constable")
        follow(driver, driver.find_element(By.LINK_TEXT, "Budget and precept meeting"))
        checker.check("meeting", "Agenda")
        follow(driver, driver.find_element(By.LINK_TEXT, "Force budget and precept 2027/28"))
        checker.check("paper", "Net revenue budget 2027/28")
        # The meeting's agenda pack, made by the server once its agenda is out: read in the browser, and as tagged PDF.
        driver.back()
        for _ in range(120):
            if driver.find_elements(By.LINK_TEXT, "read or print it"):
                break
            time.sleep(0.5)
            driver.refresh()
        follow(driver, driver.find_element(By.LINK_TEXT, "read or print it"))
        checker.check("agenda pack", "Force budget and precept 2027/28")
        pdf_url = driver.current_url + ".pdf"
        with urllib.request.urlopen(pdf_url) as response:
            pdf = response.read()
        text = b"".join([pdf] + [inflate(pdf[m.end():pdf.find(b"endstream", m.end())]) for m in re.finditer(rb"stream\r?\n", pdf)])
        if not pdf.startswith(b"%PDF") or b"/StructTreeRoot" not in text or b"/Lang (en-GB)" not in text:
            checker.fail("agenda pack PDF", f"{pdf_url} is not a tagged PDF in en-GB ({len(pdf)} bytes)")
        else:
            print(f"ok   agenda pack PDF {pdf_url} ({len(pdf)} bytes, tagged, {text.count(b'/Type /StructElem')} structure elements)")
        # One page per kind of body, reached as a resident would.
        driver.get(BASE + "/")
        follow(driver, driver.find_element(By.LINK_TEXT, "Harford Local Education Panel"))
        checker.check("education panel", "Annual report for")
        driver.get(BASE + "/")
        follow(driver, driver.find_element(By.LINK_TEXT, "Harford Local Public Accounts Committee"))
        checker.check("lpac", "Inquiries")
        follow(driver, driver.find_element(By.LINK_TEXT, "Delays in hospital discharge"))
        checker.check("inquiry", "Witnesses:")
        follow(driver, driver.find_element(By.LINK_TEXT, "Peer challenges"))
        checker.check("peer challenges", "Due and overdue")
        follow(driver, driver.find_element(By.LINK_TEXT, "Corporate peer challenge of Harford City Council"))
        checker.check("peer challenge", "action plan")
        # Someone who has forgotten their password: the same answer for any address.
        driver.get(BASE + "/login")
        follow(driver, driver.find_element(By.LINK_TEXT, "Forgotten your password?"))
        checker.check("password reset", "Reset your password")
        driver.find_element(By.ID, "email").send_keys("nobody@example.test")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send the link']"))
        checker.check("password reset sent", "If nobody@example.test belongs to an account")
        driver.get(BASE + "/password-reset/not-a-real-token")
        checker.check("password reset link expired", "That link has expired")
        driver.get(BASE + "/papers/999999")
        checker.check("not found", "Page not found")
        # Following the board by e-mail (issue 19): the form, the link the confirmation message carries (read from
        # the store's outbox), the follows page, and stopping.
        driver.get(BASE + "/bodies/harford-policing-board")
        follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Get email alerts"))
        checker.check("follow form", "How often?")
        driver.find_element(By.ID, "email").send_keys("browser.resident@example.com")
        driver.find_element(By.CSS_SELECTOR, "label[for=frequency-weekly]").click()
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Send the confirmation email']"))
        checker.check("follow sent", "Check your email")
        if DATABASE:
            connection = sqlite3.connect(DATABASE)
            try:
                body = connection.execute("SELECT body FROM outbox WHERE kind = 'follow-confirmation' AND recipient = ? ORDER BY id DESC",
                                          ("browser.resident@example.com",)).fetchone()[0]
            finally:
                connection.close()
            driver.get(BASE + re.search(r"/follows/[0-9a-f]+/confirm", body).group(0))
            checker.check("follow confirmation", "Confirm and start following")
            follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Confirm and start following']"))
            checker.check("follows", "You are now following")
            if "Once a week" not in driver.find_element(By.TAG_NAME, "body").text:
                checker.fail("follows", "the weekly choice was not kept")
            follow(driver, driver.find_element(By.XPATH, "//button[starts-with(normalize-space(), 'Stop following')]"))
            checker.check("stopped following", "You have stopped following")
        else:
            checker.fail("follow", "TOWNHALL_E2E_DATABASE is not set, so the confirmation link cannot be read")
        ask_a_question(driver, checker)
        send_evidence(driver, checker)
        for path, name, text in [("/recommendations", "tracker", "Recommendations tracker"),
                                 ("/recommendations/1", "a recommendation's timeline", "Timeline"),
                                 ("/organisations/harford-nhs", "an organisation's record", "Answered on time"),
                                 ("/data", "open data", "OParl"), ("/search?q=budget+precept", "search", "budget"),
                                 ("/meetings", "meetings calendar", "Meetings:"),
                                 ("/people/cllr-amara-okafor", "a member's page", "Attendance"),
                                 ("/plans/policing-plan", "the policing plan's performance", "Worse than the baseline"),
                                 ("/plans/schools-plan", "the schools plan's targets", "Improving since the baseline"),
                                 ("/bodies/harford-lpac/spending", "following the money", "Totals by service"),
                                 ("/peer-challenges/harford-city", "a council's peer challenges", "action plan"),
                                 ("/bodies/harford-education-panel/information-for-parents", "information for parents", "Targets for the years not yet reported")]:
            driver.get(BASE + path)
            checker.check(name, text)
        # On a 390-pixel-wide phone no public page scrolls sideways (issue 19): wide tables scroll inside their own box.
        driver.set_window_size(*PHONE)
        for url in dict.fromkeys(u for u in seen if "/login" not in u and "/password-reset" not in u):
            driver.get(url)
            scroll, client = driver.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if scroll > client:
                checker.fail("phone width", f"{url} is {scroll} pixels wide in a {client}-pixel window")
            else:
                checker.passed += 1
                print(f"ok   phone width {url} ({scroll} pixels in {client})")
    finally:
        driver.quit()
    return checker.finish("e2e-public")


if __name__ == "__main__":
    sys.exit(main())
