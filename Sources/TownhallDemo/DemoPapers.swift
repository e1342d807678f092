import TownhallDomain
import TownhallStore

/// Markdown of the demo papers: realistic length and structure, including `csv` tables and a deliberate
/// mix of headings, lists and links.
enum DemoPapers {
    static let budget = """
    # Summary

    This report asks the Board to approve the force revenue budget for 2027/28 and to set the police element of
    council tax (the precept). The proposed Band D precept is **£268.47**, an increase of £13.00 (5.09%).

    ## Recommendations

    The Board is asked to:

    1. approve a net revenue budget of £214.6 million for 2027/28;
    2. set the Band D police precept at £268.47;
    3. note the risks set out in section 4 and the level of general reserves.

    ## Revenue budget

    ```csv Net revenue budget 2027/28 (£ thousands)
    Service area,2026/27 budget,2027/28 proposed,Change
    Neighbourhood policing,"68,420","71,305","2,885"
    Response and patrol,"49,870","51,220","1,350"
    Investigations,"38,115","39,640","1,525"
    Public protection,"21,960","23,410","1,450"
    Support services,"30,035","29,025","(1,010)"
    Total,"208,400","214,600","6,200"
    ```

    ## Funding

    ```csv Funding sources 2027/28 (£ thousands)
    Source,Amount,Share
    Police grant,"121,380",56.6%
    Council tax precept,"87,940",41.0%
    Collection fund surplus,"1,180",0.5%
    Use of reserves,"4,100",1.9%
    ```

    ## Risks

    - Pay awards above the 3% assumed would cost about £1.6 million for each further 1%.
    - Demand in public protection continues to rise; see the [policing plan](https://www.example.org/policing-plan).

    The full line-by-line budget is attached as a spreadsheet file.
    """

    static let budgetCSV = """
    service_area,budget_2026_27,proposed_2027_28
    Neighbourhood policing,68420000,71305000
    Response and patrol,49870000,51220000
    Investigations,38115000,39640000
    Public protection,21960000,23410000
    Support services,30035000,29025000

    """

    static let capitalDraft = """
    # Capital programme (draft, not for publication)

    Working figures still under discussion with the Treasurer.
    """

    static let policingPlan = """
    # Introduction

    The policing plan sets out what the Board expects of Harford and Marsh Vale Police over the next three years,
    after consultation with residents, victims' groups and partners.

    # Strategic priorities

    1. **Neighbourhood policing**: a named officer for every neighbourhood, and attendance at emergencies within
       15 minutes in towns and 20 minutes in rural areas.
    2. **Violence against women and girls**: more prosecutions and better support for victims.
    3. **Serious and organised crime**: disrupting county lines drug supply.
    4. **Road safety**: fewer people killed or seriously injured on our roads.

    # How we will measure progress

    ```table Measures and targets
    Measure,Baseline 2025/26,Target 2028/29
    Emergency attendance within target,82%,90%
    Victim satisfaction,71%,80%
    Killed or seriously injured on roads,212,170
    ```

    # Who reports on each priority

    | Priority | Lead | Reported to the Board |
    |----------|------|----------------------:|
    | Neighbourhood policing | Assistant Chief Constable (Local Policing) | Quarterly |
    | Violence against women and girls | Detective Chief Superintendent, Public Protection | Twice a year |
    | Serious and organised crime | Head of Crime | Twice a year |
    | Road safety | Roads Policing Inspector, with the councils' highways teams | Yearly |

    > Residents told us they want to see officers they know, in the places they live.
    """

    static let dischargeBriefing = """
    # Purpose of this briefing

    To help the committee question witnesses from Harford and Marsh NHS Foundation Trust and the City Council's
    adult social care service about delays in discharging patients who are medically fit to leave hospital.

    # Background

    On an average day in the last quarter, **64 patients** were in Harford General Hospital beds although medically
    fit for discharge. Most were waiting for a home care package or a care home place.

    ```csv Patients fit for discharge but still in hospital (daily average)
    Quarter,Waiting for home care,Waiting for care home,Other,Total
    2025 Q4,29,18,9,56
    2026 Q1,33,21,8,62
    2026 Q2,35,20,9,64
    ```

    # Suggested lines of questioning

    - What is the trust doing to start discharge planning on the day of admission?
    - How many home care hours could not be supplied last month, and why?
    - What would it cost to close the gap?
    """

    static let schoolsPlan = """
    # Our ambition

    Every child in Harford attends a good school, and no group of pupils falls behind.

    # Where we are now

    ```csv Key stage 2 results (reading, writing and maths at the expected standard)
    Group,Harford 2025,England 2025
    All pupils,58%,61%
    Disadvantaged pupils,42%,46%
    Pupils with special educational needs,19%,21%
    ```

    # What the panel will do

    - Review the plan each term with the Director of School Standards.
    - Publish an annual report each summer.
    - Hear directly from parents, governors and head teachers.
    """

    static let dischargeReport = """
        # Summary

        Over six months the committee heard from patients, carers, ward staff, the trust and the council about why
        patients who are well enough to leave Harford General Hospital stay on. On an average day in 2026, 61 beds
        were occupied by patients waiting to be discharged.

        ```csv Causes of delayed discharge, April to September 2026
        Cause,Patients,Share
        Waiting for reablement or home care,412,38%
        Waiting for medicines to take home,236,22%
        Waiting for a care home place,198,18%
        Waiting for transport,131,12%
        Other,108,10%
        ```

        # Recommendations

        The committee makes three recommendations: two to the NHS trust and one to Harford City Council. Each must
        respond within two calendar months, saying what it accepts and what it will do, and giving reasons for any
        it rejects.
        """

    static let carersEvidence = """
    # Summary

    The Forum surveyed 212 carers of people discharged from Harford General Hospital between January and June.

    ## What carers told us

    ```table Survey results
    Question,Yes,No
    Were you told the discharge date at least 24 hours ahead?,41%,59%
    Did care at home start on the day of discharge?,52%,48%
    Were medicines ready when the patient was?,63%,37%
    ```

    > "We waited from nine in the morning until seven at night for the tablets." (carer, Marsh Vale)

    ## What we ask the committee to recommend

    1. A named discharge contact for every carer.
    2. Medicines prepared the day before a planned discharge.
    """

    static let panelAnnualReport = """
    # Foreword

    This is the panel's report on the last academic year: what schools in Harford achieved, where the panel
    challenged the Director of School Standards, and what comes next under the long-term plan.

    ## Results

    ```table Key stage results
    Measure,Harford,England
    Reading, writing and maths at expected standard (key stage 2),59%,61%
    Grade 5 or above in English and maths (GCSE),44%,46%
    Persistent absence (secondary),21%,20%
    ```

    ## What the panel did

    - Reviewed attendance plans with every secondary head teacher.
    - Agreed the consultation on the long-term plan for school standards.
    """

    static let corporatePeerReport = """
    # Executive summary

    Harford City Council is ambitious for its residents and well led, with strong partnerships. The council faces
    a significant budget gap from 2028/29 and needs a sharper corporate plan to focus its resources.

    # Recommendations

    1. Agree a medium-term financial strategy that closes the budget gap without relying on reserves.
    2. Set out a single corporate plan with measurable outcomes, reported quarterly.
    3. Strengthen the audit committee with a second independent member and a training programme.

    # The peer team

    Two member peers and a lead officer peer from other councils, and a health representative from an
    integrated care board.
    """

    static let safeguardingPeerReport = """
    # Summary

    Practitioners in Marsh Vale know their children and families well. Partnership arrangements are sound, but
    the front door receives too many contacts that do not need a social work response.

    # Recommendations

    1. Establish a multi-agency front door with police and health colleagues co-located.
    2. Introduce a quality assurance framework with regular case audits.
    """
}
