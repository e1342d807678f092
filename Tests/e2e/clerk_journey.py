"""End-to-end check of a clerk's meeting cycle and a resident reading the result, in a real browser.

A clerk signs in, schedules a meeting (checking the publication deadline first), builds the agenda, writes a
paper in Markdown with a table, previews, saves and publishes it, uploads a file to the item, and publishes the
agenda; then a resident with no session reads the paper and sees the file. axe-core runs on every page visited and must find nothing.
Usage: python clerk_journey.py BASE_URL   (TOWNHALL_E2E_EMAIL and TOWNHALL_E2E_PASSWORD name the clerk account)
"""
import datetime
import os
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser_session import BASE, PageChecker, browser, follow, sign_in

EMAIL = os.environ["TOWNHALL_E2E_EMAIL"]
PASSWORD = os.environ["TOWNHALL_E2E_PASSWORD"]
MEETING_DAY = (datetime.date.today() + datetime.timedelta(days=40)).isoformat()
PAPER = """## Summary

The Board is asked to agree the new victims' services contract.

```csv Contract costs (£)
Year,Cost
2027/28,"410,000"
2028/29,"418,200"
```
"""


def set_value(driver, field_id, value):
    """Date and time inputs: type the ISO value the server receives, whatever the browser's display locale."""
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", field_id, value)


def main():
    driver = browser()
    checker = PageChecker(driver)
    try:
        sign_in(driver, checker, EMAIL, PASSWORD, "Harford and Marsh Vale Policing Board")

        # The members page: a refused second leader re-renders with the error summary, then back to the dashboard.
        follow(driver, driver.find_element(By.LINK_TEXT, "Members and seats"))
        checker.check("members and seats", "Council leader, Marsh Vale Council")
        driver.find_element(By.ID, "name").send_keys("Councillor Second Leader")
        Select(driver.find_element(By.ID, "category")).select_by_value("leader")
        Select(driver.find_element(By.ID, "council")).select_by_visible_text("Marsh Vale Council")
        follow(driver, driver.find_element(By.XPATH, "//button[text()='Add member']"))
        checker.check("seat rule refused", "already filled")
        driver.get(BASE + "/admin")

        # Issue 19: the questions residents sent. A refusal without a reason is refused beside the field; the demo's
        # waiting question is accepted and answered, and the public meeting page then shows the answer.
        follow(driver, driver.find_element(By.LINK_TEXT, "Questions and evidence"))
        checker.check("questions and evidence", "Ade Bello")
        follow(driver, driver.find_element(By.XPATH, "//li[contains(., 'Ade Bello')]//button[@value='reject']"))
        checker.check("refusal without a reason", "Give the reason for refusing it")
        follow(driver, driver.find_element(By.XPATH, "//li[contains(., 'Ade Bello')]//button[@value='accept']"))
        checker.check("question accepted", "Saved")
        answer = driver.find_element(By.XPATH, "//li[contains(., 'Ade Bello')]//textarea")
        answer.send_keys("The grant is not cut: it moves to the commissioner's victims' fund, at the same level.")
        driver.find_element(By.XPATH, "//li[contains(., 'Ade Bello')]//input[starts-with(@id, 'answeredBy-')]").send_keys("The Treasurer")
        follow(driver, driver.find_element(By.XPATH, "//li[contains(., 'Ade Bello')]//button[@value='answer']"))
        checker.check("question answered", "Saved")
        driver.get(BASE + "/bodies/harford-policing-board")
        follow(driver, driver.find_element(By.LINK_TEXT, "Budget and precept meeting"))
        checker.check("public answer", "at the same level")
        driver.get(BASE + "/admin")

        # Issue 20: a plan built without a shell: added, given a priority and a measure, then public.
        follow(driver, driver.find_element(By.LINK_TEXT, "Plans and performance"))
        checker.check("plans", "Policing plan 2026 to 2029")
        driver.find_element(By.ID, "title").send_keys("Road safety plan")
        driver.find_element(By.ID, "slug").send_keys("road-safety")
        follow(driver, driver.find_element(By.XPATH, "//button[text()='Add the plan']"))
        checker.check("new plan", "The plan has no priorities yet")
        driver.find_element(By.ID, "priorityTitle").send_keys("Safer roads")
        follow(driver, driver.find_element(By.XPATH, "//button[text()='Add the priority']"))
        checker.check("priority added", "Saved")
        Select(driver.find_element(By.ID, "measurePriority")).select_by_visible_text("Safer roads")
        driver.find_element(By.ID, "measureName").send_keys("People killed or seriously injured")
        driver.find_element(By.ID, "unit").send_keys("people")
        driver.find_element(By.ID, "measureDirection-lower").click()
        driver.find_element(By.ID, "baseline").send_keys("82")
        driver.find_element(By.ID, "baselinePeriod").send_keys("2025")
        follow(driver, driver.find_element(By.XPATH, "//button[text()='Add the measure']"))
        checker.check("measure added", "People killed or seriously injured (lower is better)")
        driver.get(BASE + "/plans/road-safety")
        checker.check("resident: new plan", "Safer roads")
        driver.get(BASE + "/admin")

        follow(driver, driver.find_element(By.CSS_SELECTOR, "a[href='/admin/bodies/harford-policing-board/meetings/new']"))
        checker.check("schedule form", "Schedule a meeting")
        driver.find_element(By.ID, "title").send_keys("Extraordinary meeting")
        set_value(driver, "date", MEETING_DAY)
        set_value(driver, "start", "10:00")
        driver.find_element(By.ID, "location").send_keys("Council Chamber, Harford Civic Centre")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "button[value=check]"))
        checker.check("publication deadline", "five clear working days")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "button[value=save]"))
        checker.check("meeting admin", "Publish agenda by")

        driver.find_element(By.ID, "itemTitle").send_keys("Victims' services contract")
        Select(driver.find_element(By.ID, "itemType")).select_by_value("decision")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/items'] button[type=submit]"))
        checker.check("agenda with item", "Victims' services contract")

        follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Write a paper for item 1"))
        checker.check("paper form", "Write a paper")
        driver.find_element(By.ID, "title").send_keys("Victims' services contract award")
        driver.find_element(By.ID, "markdown").send_keys(PAPER)
        follow(driver, driver.find_element(By.CSS_SELECTOR, "button[value=preview]"))
        checker.check("paper preview", "Contract costs")
        follow(driver, driver.find_element(By.CSS_SELECTOR, "button[value=save]"))
        checker.check("saved draft", "draft")
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Publish paper']"))
        checker.check("published paper", "published")
        paper_url = driver.find_element(By.LINK_TEXT, "Public page").get_attribute("href")

        follow(driver, driver.find_element(By.CSS_SELECTOR, ".caption-l a"))
        follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Change item 1"))
        checker.check("item page", "Attach a file")
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "contract-costs.csv")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("year,cost\n2027/28,410000\n")
            driver.find_element(By.ID, "file").send_keys(path)
            follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Upload file']"))
        checker.check("item with file", "contract-costs.csv")
        follow(driver, driver.find_element(By.CSS_SELECTOR, ".caption-l a"))
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Publish agenda']"))
        checker.check("published agenda", "Published")
        meeting_url = driver.find_element(By.LINK_TEXT, "View the public page").get_attribute("href")

        driver.delete_all_cookies()
        driver.get(meeting_url)
        checker.check("resident: meeting", "contract-costs.csv")
        follow(driver, driver.find_element(By.LINK_TEXT, "Victims' services contract award"))
        checker.check("resident: paper", "The Board is asked to agree the new victims' services contract.")
        if driver.current_url != paper_url:
            checker.fail("resident: paper", f"expected {paper_url}, got {driver.current_url}")
    finally:
        driver.quit()
    return checker.finish("e2e-clerk")


if __name__ == "__main__":
    sys.exit(main())
