"""End-to-end check of the recommendations workflow in a real browser.

A clerk drafts two recommendations on a published report, reviews them on the confirmation page and issues them
under a delegated authority (the budget meeting has not decided yet); the police's responder asks for more time on
one (first with no reason, which the form refuses keeping the day typed); the clerk grants it, after a refusal
without reasons is refused; the responder answers every recommendation to the force in that report, rejecting one
with reasons, and publishes a progress update on the accepted one; a resident then finds the rejection on the public
tracker, reads the reasons, and reads the request and the grant. axe-core runs on every page visited and must find
nothing.
Usage: python recommendations_journey.py BASE_URL
(TOWNHALL_E2E_EMAIL/PASSWORD name the clerk, TOWNHALL_E2E_PROVIDER_EMAIL/PASSWORD the police responder)
"""
import datetime
import os
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_session import BASE, PageChecker, browser, follow, sign_in

TARGET = (datetime.date.today() + datetime.timedelta(days=180)).isoformat()
EXTENSION_REASON = "The force's rural data audit reports in the spring; we will answer once it is in."
REJECTION = "A second control room would cost more than the whole rural policing budget."


def main():
    driver = browser()
    checker = PageChecker(driver)
    try:
        sign_in(driver, checker, os.environ["TOWNHALL_E2E_EMAIL"], os.environ["TOWNHALL_E2E_PASSWORD"], "Dashboard")
        follow(driver, driver.find_element(By.LINK_TEXT, "Recommendations of your bodies"))
        checker.check("clerk recommendations", "Recommendations of your bodies")
        follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Force budget and precept 2027/28, recommendation 1"))
        checker.check("clerk recommendation", "Recommendation 1")
        follow(driver, driver.find_element(By.CSS_SELECTOR, ".caption-l a"))
        checker.check("report with recommendations", "Add draft recommendation")
        for text in ["Publish the force's rural response times every quarter.", "Open a second control room in Marsh Vale."]:
            Select(driver.find_element(By.ID, "organisation")).select_by_visible_text("Harford and Marsh Vale Police")
            driver.find_element(By.ID, "recommendation").send_keys(text)
            follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Add draft recommendation']"))
            checker.check("draft recommendation added", text)
        follow(driver, driver.find_element(By.LINK_TEXT, "Review and issue recommendations"))
        checker.check("issue confirmation", "Open a second control room in Marsh Vale.")
        # The budget meeting has not decided yet, so the clerk records the delegated authority (IssueRule).
        driver.find_element(By.ID, "authority").send_keys("Chair's action under paragraph 4 of the scheme of delegation")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Confirm and issue']"))
        checker.check("recommendations issued", "Awaiting response")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']"))

        sign_in(driver, checker, os.environ["TOWNHALL_E2E_PROVIDER_EMAIL"], os.environ["TOWNHALL_E2E_PROVIDER_PASSWORD"],
                "Your recommendations")
        follow(driver, driver.find_element(By.LINK_TEXT, "Force budget and precept 2027/28"))
        checker.check("response form", "Your response")
        # More time on the rural response times recommendation: a request with no reason is refused, the day kept.
        answer = driver.find_element(By.XPATH, "//div[@class='answer'][.//p[contains(., 'rural response times')]]")
        key = answer.get_attribute("id").split("-")[1]
        answer.find_element(By.CSS_SELECTOR, "summary").click()
        asked = (datetime.date.today() + datetime.timedelta(days=120)).isoformat()
        driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", f"requestedDue-{key}", asked)
        follow(driver, answer.find_element(By.XPATH, ".//button[normalize-space()='Ask for more time']"))
        checker.check("extension request with a mistake", "There is a problem")
        assert driver.find_element(By.ID, f"requestedDue-{key}").get_attribute("value") == asked, "the day asked for is kept"
        driver.find_element(By.ID, f"extensionReason-{key}").send_keys(EXTENSION_REASON)
        follow(driver, driver.find_element(By.XPATH, f"//form[@action='/provider/recommendations/{key}/extension-request']//button"))
        checker.check("extension requested", "Extension requested")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']"))

        sign_in(driver, checker, os.environ["TOWNHALL_E2E_EMAIL"], os.environ["TOWNHALL_E2E_PASSWORD"], "Dashboard")
        driver.get(f"{BASE}/admin/recommendations/{key}")
        checker.check("clerk: request to decide", "Decide the request for more time")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Refuse']"))
        checker.check("clerk: refusal without reasons", "Give the reasons for refusing")
        driver.find_element(By.ID, "decisionNote").send_keys("Granted: the audit is the right evidence to answer on.")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Grant more time']"))
        checker.check("clerk: request granted", "Granted on")
        # The board will ask what became of it at its next meeting, whose agenda is not yet published.
        Select(driver.find_element(By.ID, "callBackMeeting")).select_by_index(1)
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Call back to this meeting']"))
        checker.check("clerk: called back to a meeting", "Not public until the meeting's agenda is published.")
        follow(driver, driver.find_element(By.LINK_TEXT, "Enter a response that came by letter"))
        checker.check("clerk: letter response form", "Response by letter from")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']"))

        sign_in(driver, checker, os.environ["TOWNHALL_E2E_PROVIDER_EMAIL"], os.environ["TOWNHALL_E2E_PROVIDER_PASSWORD"],
                "Your recommendations")
        follow(driver, driver.find_element(By.LINK_TEXT, "Force budget and precept 2027/28"))
        checker.check("response form after the extension", "Your response")
        fieldsets = driver.find_elements(By.CSS_SELECTOR, "form fieldset")
        for fieldset in fieldsets:
            fkey = fieldset.find_element(By.CSS_SELECTOR, "input[type=radio]").get_attribute("name").split("-")[1]
            if "second control room" in fieldset.text:
                driver.find_element(By.ID, f"decision-{fkey}-rejected").click()
                driver.find_element(By.ID, f"reasons-{fkey}").send_keys(REJECTION)
            else:
                driver.find_element(By.ID, f"decision-{fkey}-accepted").click()
                driver.find_element(By.ID, f"action-{fkey}").send_keys("Quarterly report to the Board from April.")
                driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", f"target-{fkey}", TARGET)
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Submit response']"))
        checker.check("response submitted", "You submitted version 1")
        # A progress update on the accepted recommendation.
        Select(driver.find_element(By.ID, f"status-{key}")).select_by_visible_text("In progress")
        driver.find_element(By.ID, f"note-{key}").send_keys("First quarterly report drafted for the April Board.")
        follow(driver, driver.find_element(By.XPATH, f"//form[@action='/provider/recommendations/{key}/progress']//button"))
        checker.check("progress update published", "You submitted version 1")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']"))

        driver.delete_all_cookies()
        driver.get(BASE + "/recommendations")
        checker.check("resident: tracker", "Recommendations tracker")
        Select(driver.find_element(By.ID, "state")).select_by_visible_text("Responded: rejected")
        Select(driver.find_element(By.ID, "organisation")).select_by_visible_text("Harford and Marsh Vale Police")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Filter']"))
        checker.check("resident: rejections", "Open a second control room in Marsh Vale.")
        follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Force budget and precept 2027/28, recommendation"))
        checker.check("resident: rejected recommendation", REJECTION)
        driver.get(f"{BASE}/recommendations/{key}")
        checker.check("resident: the request and the grant", EXTENSION_REASON)
        assert "Granted on" in driver.page_source and "First quarterly report drafted" in driver.page_source
        assert "Called back to a meeting" not in driver.page_source, "a call-back is public only with the meeting's agenda"
        driver.back()
        follow(driver, driver.find_element(By.LINK_TEXT, "Harford and Marsh Vale Police"))
        checker.check("resident: organisation record", "Answered on time")
    finally:
        driver.quit()
    return checker.finish("e2e-recommendations")


if __name__ == "__main__":
    sys.exit(main())
