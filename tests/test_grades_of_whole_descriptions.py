"""Whole role descriptions of our own, in styles the dev corpus is thin on, with the grades the definitions give them.

The corpus measures the engine on other people's documents; these are the
kinds of text a manager pastes (a volunteer rota, a sales lead's ad, a
committee's remit, a bare office job), written for this test and graded by
reading docs/elements.md. Each one was first tried on the engine as a probe:
where it disagreed, the rules were wrong, and were fixed in general terms.
"""

from __future__ import annotations

import pytest

import coach

S, V, M = "specified", "vague", "missing"

ROTA = """\
# Volunteer Rota Coordinator

The food pantry runs on volunteers. As rota coordinator you make sure every Saturday shift has four trained volunteers on it.

## What you do
- Build the monthly rota and send it out by the 20th of the month before.
- Find cover when someone drops out.
- Welcome new volunteers on their first shift.

You decide who works which shift. Changes to opening hours are agreed with the pantry committee.

You'll be given a login to the rota spreadsheet and the volunteers' group chat, and the previous coordinator will shadow you for your first two months.

Each quarter you tell the committee how many shifts were fully covered and what got in the way.
"""

FINANCE_GROUP = """\
# Finance Working Group

The working group looks after the association's money matters.

Members meet when needed and discuss the budget, grants and any other business. They help the treasurer with various tasks and support the board where needed.

Members should have an interest in finance and be willing to learn.
"""

PARTNERSHIPS = """\
# Head of Partnerships

## The role
You will own our partnerships revenue: by the end of next year, partners should bring in a third of new customers.

## Your scope
- You sign partner agreements worth up to $50,000 a year on your own; larger deals go to the CFO.
- You choose which partners we invest in and which we drop.

## What you'll have
- Two partner managers report to you.
- A $120,000 annual budget for co-marketing.
- Access to our CRM and revenue dashboards.

## How we'll know it's working
- Partner-sourced pipeline, reviewed with the CEO every month.
- A written quarterly report to the leadership team on what worked and what did not.

This role is central to our strategy of growing through partners in 2027.
"""

MODERATOR = """\
# Community Moderator (volunteer)

Moderators keep our forum a friendly place to ask questions.

Moderators may hide posts that break the code of conduct and can lock a thread for up to 24 hours. Banning a member needs the agreement of two other moderators.

You'll be added to the private moderators' channel and get a copy of the moderation handbook. Expect to spend about two hours a week.

At the end of each month, moderators post a short summary of reports handled and open issues in the moderators' channel, and the community manager reviews it with the team.
"""

OFFICE = """\
# Office Assistant

We are looking for a reliable, organised person to join our busy office.

Duties include answering the phone, ordering supplies, greeting visitors, filing and helping the office manager with ad hoc tasks as required.

Requirements: good communication skills, experience with Microsoft Office, a positive attitude.

Benefits: 28 days holiday, pension, free parking.
"""

RELEASE_MANAGER = """\
# Release Manager

Each minor release of the library is shepherded by a release manager, chosen from the maintainers for one cycle.

## Responsibilities
- Open the release tracking issue at the start of the cycle and keep it current.
- Cut the release branch when the feature freeze begins.
- Chase outstanding pull requests tagged for the milestone.
- Write the release notes with help from the documentation team.
- Publish the packages to PyPI and conda-forge.

The release manager has the final say on whether a late pull request goes into the release. They may postpone the release by up to two weeks; a longer delay needs the agreement of the steering council.

You will have publish rights on PyPI for the duration of the cycle, and the previous release manager will pair with you on your first release.

After the release, write a short retrospective in the maintainers' forum covering what slipped and why.
"""

TREASURER = """\
# Treasurer

The Treasurer is one of the three officers of the society and is elected at the annual general meeting for a two-year term.

The Treasurer keeps the society's accounts, pays invoices, collects membership fees and prepares the annual accounts for the independent examiner. The Treasurer can authorise payments of up to £500 without a second signatory; anything larger needs the signature of the Chair or the Secretary.

The Treasurer presents a financial report at every committee meeting and the examined accounts to the annual general meeting.

Time commitment: about four hours a month, more in the weeks before the year end.
"""

COMMUNITY_AD = """\
# Community Manager (m/f/d)

We are a fast-growing open source company building tools that developers love. Our team of 60 works remotely across Europe, and we meet twice a year for an offsite.

## About the role
As Community Manager you will be the heart of our community. You will engage with our users online, organise meetups and help our developer advocates with content.

## What you bring
- 3+ years of experience in community management
- Excellent written English
- Familiarity with Discourse, Discord and GitHub

## What we offer
- Competitive salary and stock options
- 30 days of holiday
- A yearly learning budget of €1,500
- Flexible working hours
"""

INCIDENT_COMMANDER = """\
# Incident Commander

When a severity 1 or 2 incident is declared, the on-call engineer who declared it becomes incident commander until they hand over.

The incident commander's job is to get the service back to normal as fast as safely possible and to keep everyone affected informed while that happens.

The incident commander decides which mitigation to try and can page anyone in engineering, including executives, without asking first. They do not need approval to roll back a deploy. They must not make public statements; those go through the communications lead.

They have access to the status page, the incident channel and the production dashboards.

Within five working days of resolution the incident commander runs a blameless review with the teams involved and publishes the write-up with its action items, each with an owner and a due date.
"""

MENTOR = """\
## Mentor

Mentors support new contributors during their first months in the project. They answer questions, review early pull requests and point mentees to the right people.

Mentors are expected to be friendly, patient and responsive. Being a mentor is a great way to give back to the community and to grow your own leadership skills.

If you are interested, add your name to the list of mentors in the wiki.
"""

ACCOUNT_EXECUTIVE = """\
# Senior Account Executive

## About us
We help mid-sized retailers sell more online. Since 2019 we have grown to 200 people and over 1,200 customers.

## The role
You will win new business in the Nordics and grow our share of the mid-market there. Your target is €1.2M of new annual recurring revenue in your first year.

## Responsibilities
- Prospect, qualify and close new accounts.
- Run discovery calls and product demos.
- Negotiate commercial terms within the discount bands set by the sales director.
- Keep Salesforce up to date.

## You have
- 5+ years of SaaS sales experience
- Fluent Swedish or Norwegian and English

## Benefits
- Base salary €70,000–€85,000 plus uncapped commission
- Private health insurance
- Hybrid working: three days a week in our Stockholm office
"""

CONDUCT_COMMITTEE = """\
# Code of Conduct Committee

The Code of Conduct Committee receives and investigates reports of conduct that may breach the community's Code of Conduct.

The committee decides whether a breach occurred and what action to take, from a private warning to a permanent ban. Members with a conflict of interest in a report must recuse themselves from it.

The committee publishes an anonymised transparency report every six months with the number of reports received and actions taken.

Members serve two-year terms and are appointed by the steering committee.
"""

PRODUCT_MANAGER = """\
# Product Manager, Benefits Service

We are looking for a product manager to join the team building the online service for people applying for disability benefits.

You will be responsible for the vision and roadmap of the service, and for making sure it meets user needs and the Service Standard. You will work closely with user researchers, designers and developers in a multidisciplinary team.

What you'll do:
- prioritise the backlog and make trade-offs between user needs, policy and technical constraints
- engage stakeholders across policy, operations and legal
- measure the service's performance and use the data to improve it

Skills you'll need:
- agile ways of working
- stakeholder management
- user focus
"""

STEERING_COMMITTEE = """\
# Steering Committee

The Steering Committee is the project's top decision-making body. It sets the technical direction of the project, resolves disputes that maintainers cannot settle between themselves, and manages the project's funds held by the fiscal sponsor.

Decisions are made by lazy consensus; where consensus cannot be reached, a simple majority of members decides. Changes to this charter require a two-thirds majority.

The committee has five members, elected by the maintainers for staggered two-year terms.

The committee publishes the minutes of its meetings and an annual report on the state of the project.
"""

LAB_MANAGER = """\
# Lab Manager

Reporting to the Principal Investigator, the Lab Manager keeps the research group's laboratory running safely and efficiently so that its twelve researchers can focus on their experiments.

Key responsibilities
- Order consumables and manage the lab's budget of around £80,000 a year.
- Maintain equipment and arrange service contracts.
- Keep risk assessments and COSHH records up to date.
- Train new starters in lab safety.

You can approve purchases up to £2,000; larger orders need the PI's sign-off.

You will meet with the PI every two weeks to go through spending against budget and any safety issues.
"""

SIG_CHAIR = """\
# SIG Docs Chair

Chairs of SIG Docs run the special interest group's weekly meeting, keep its charter current and act as its point of contact with the steering committee.

Chairs should be active contributors to the docs and know the review process well. They are expected to spend about eight hours a week on the role.

Chairs can approve changes to the SIG's repositories and add or remove reviewers. They report on the SIG's health in the annual SIG report to the steering committee.
"""

VOLUNTEER_COORDINATOR = """\
# Volunteer Coordinator

Hope Kitchen serves hot meals to around 150 guests every weekday. We rely on more than 300 volunteers, and we're looking for a Volunteer Coordinator to recruit, train and keep them.

Your goal is to make sure every shift has enough trained volunteers, and that volunteers enjoy their time with us and come back.

You'll:
- Run monthly induction sessions for new volunteers.
- Keep the volunteer database and rota up to date.
- Recognise and thank volunteers for their contribution.

This is a part-time role (21 hours a week). You will report to the Operations Manager.
"""

SECURITY_CHAMPION = """\
# Security Champion

Each product team nominates one engineer as its Security Champion. Champions are the first point of contact for security questions in their team and help their team follow the secure development guidelines.

Champions attend the monthly champions' forum run by the security team and complete the security training curriculum in their first quarter.

Champions may block a release that has an unresolved critical vulnerability. They spend up to 10% of their time on the role, agreed with their engineering manager.
"""

SCHOOL_GOVERNOR = """\
# School Governor

Governors are volunteers who oversee the running of the school. The governing body's main jobs are to set the school's vision and strategic direction, hold the headteacher to account for the educational performance of the school and its pupils, and make sure the school's money is well spent.

Governors attend around six meetings a year and visit the school at least once a term. New governors are offered induction training by the local authority.
"""

HEAD_OF_FINANCE = """\
# Head of Finance

We're a 90-person charity working to end food poverty in the north of England.

As Head of Finance you will make sure the charity's money is managed well and that trustees always have an accurate picture of where we stand. You will lead a finance team of three and manage our relationships with the auditors and the bank.

You will produce the monthly management accounts, prepare the annual budget with the CEO for the board's approval and lead the year-end audit. You will present the accounts to the Finance and Audit Committee every quarter.

You can approve expenditure of up to £10,000 within the agreed budget.
"""

COMMUNITY_ORGANISER = """\
# Community Organiser

Tenants United helps private renters in the city organise for safer, fairer homes. As a Community Organiser, you will build tenant groups in three neighbourhoods so that renters can win repairs and fair rents from their landlords.

You'll knock on doors, run house meetings, train tenant leaders and support groups through their first campaigns. You'll decide, with each group, which issues to take on first.

You'll be supported by the Lead Organiser, who you'll meet weekly for supervision, and you'll have a phone, a laptop and a travel budget.

We'll measure success by the number of active tenant groups and the repairs they win. Each quarter you'll present your neighbourhoods' progress to the organising team.
"""

FACILITATOR = """\
# Role: Facilitator

Purpose: Governance and tactical meetings run well and produce clear outcomes.

Domains:
- The meeting calendar of the circle

Accountabilities:
- Scheduling the circle's governance and tactical meetings
- Facilitating those meetings according to the constitution
- Keeping the circle's records of roles and policies up to date
"""

COMMITTER = """\
# Committer

Committers have write access to the project's repositories and are trusted to review and merge contributions from others. A committer may merge their own changes only after another committer has reviewed them.

Committers are nominated by an existing committer and elected by the project management committee. They are expected to help newcomers and to take part in discussions on the developer mailing list.
"""

BOARD_MEMBER = """\
# Board Member

We are looking for new board members to help guide the next chapter of our youth theatre.

Board members share responsibility for the organisation's strategy, finances and governance. The board approves the annual budget and business plan and appoints the artistic director.

Time commitment: six evening board meetings a year, plus around two hours a month on a sub-committee.

Board members are not paid. We will give you an induction with the chair and the artistic director, and you can join our governance training programme.
"""

OPERATIONS_COORDINATOR = """\
# Operations Coordinator

Reporting to: Head of Operations
Location: Bristol (hybrid)
Hours: 37.5 per week

About the role
You will keep our office and events running smoothly, look after our suppliers and make sure our team has what it needs to do its best work.

Key responsibilities
- Manage the office budget and supplier contracts.
- Plan logistics for our quarterly all-hands events.
- Be the first point of contact for facilities issues.

You'll have a weekly one-to-one with the Head of Operations, and your objectives will be reviewed every six months.
"""

# text, (purpose, discretion, resources, accountability), line of sight
STORE_MANAGER = """\
# Store Manager — Riverside branch

## About the role
You run our Riverside store. Your job is to make it the branch customers choose first: full shelves, short queues and a team that knows the products.

## What you'll do
- Lead a team of 14 sales associates and two shift supervisors
- Set the weekly rota and approve overtime within the store's labour budget
- Order stock from the central warehouse using our replenishment system
- Handle customer complaints that reach the store

## How we measure success
Each month you review sales, shrinkage and customer satisfaction scores with the Area Manager. Targets are agreed at the start of each quarter.

## What we offer
- 28 days holiday
- Staff discount of 25%
- Pension scheme
"""

POSTDOC = """\
## Postdoctoral Research Associate in Computational Ecology

The post holder will develop statistical models of pollinator decline across European farmland, as part of the ERC-funded BEEMAP project. The aim of the post is to produce the first continent-wide estimate of wild bee abundance trends by 2028.

The postdoc will have access to the department's high-performance computing cluster and a conference travel budget of £3,000 per year. They will be supervised by Professor Ana Ruiz and will meet her fortnightly to discuss progress.

The post holder is free to pursue related questions of their own within the scope of the project, and decides, with the PI, which journals to submit to.

### Person specification
- PhD in ecology, statistics or a related field
- Experience with R or Python
"""

CUSTOMER_SUCCESS = """\
Customer Success Manager — EMEA

Your goal is that the 30 mid-market accounts in your portfolio renew and grow. You'll be their main contact after the sale.

You will:
- Onboard new accounts in their first 60 days
- Run a business review with each account every quarter
- Spot accounts at risk and agree a recovery plan with the account executive

You can offer service credits of up to 10% of an account's annual fee without asking anyone; anything above needs the VP Customer's approval.

You'll have a dedicated solutions engineer for technical questions and full access to our CRM and product usage dashboards.

Success in this role means gross revenue retention of 92% or more across your portfolio, reviewed with the VP Customer each month.
"""

MODERATOR = """\
Community Moderator

Moderators keep the forum a place where people can ask questions without fear of being mocked.

Moderators can hide posts, lock threads and issue warnings. They cannot ban users; bans are decided by the admin team.

Moderators use the moderation queue and a private moderators' channel. Each moderator commits about two hours a week.

Moderators don't have targets, but the admin team looks at the moderation log together with them once a month.
"""

SCRUM_MASTER = """\
Scrum Master

- Facilitate sprint planning, daily stand-ups, reviews and retrospectives
- Remove impediments for the team
- Coach the team on agile practices
- Track velocity and burndown
- Work closely with the Product Owner

Nice to have: Certified ScrumMaster (CSM), experience with Jira.
"""

HOSPITALITY_VOLUNTEER = """\
Hospitality Volunteer

Our hospitality volunteers make every visitor to the festival feel welcome from the moment they arrive.

You'll greet guests, hand out programmes and answer questions at the information desk.

You'll get a festival T-shirt, free entry on your days off and a meal voucher for each shift.
"""

HEAD_OF_GROWTH = """\
Head of Growth

Our goal is to become the leading platform for independent bookshops in Europe.

You will be responsible for all acquisition channels — paid, organic, partnerships and referrals — and for hitting our target of 4,000 new paying shops by December.

You'll have a growth budget of €600k and two performance marketers. You sign off any campaign under €50k.

We'll review the numbers together every Monday and set targets with you each quarter.
"""

MEMBERSHIP_SECRETARY = """\
Membership Secretary

The Membership Secretary keeps the membership list up to date, sends renewal reminders and welcomes new members.

They attend committee meetings and report on membership numbers at each one.
"""

CONVENOR = """\
## Working Group Convenor

The convenor keeps the working group moving: they schedule meetings, prepare agendas, and follow up on actions.

The convenor is chosen by the working group's members each year.

The convenor updates the board on the group's progress twice a year.
"""

IT_TECHNICIAN = """\
IT Support Technician

Purpose of the role: to keep the school's computers, network and printers working, so that lessons are never held up by technology.

The technician logs and resolves support requests, sets up new devices and maintains the inventory of equipment.

The technician will be appraised annually by the School Business Manager.
"""

DEPUTY_HEAD_OF_YEAR = """\
Deputy Head of Year

The Deputy Head of Year supports the Head of Year in the pastoral care of pupils in Year 9.

Duties include monitoring attendance, contacting parents, and covering for the Head of Year when they are absent.

The Deputy is line managed by the Head of Year.
"""

COMMUNITY_HEALTH_LEAD = """\
## Community Health Lead

The Community Health Lead is accountable for the health of the contributor community: newcomers find a first issue within a day, reviews come back within a week, and nobody burns out.

They may remove anyone from the project's spaces for a code of conduct violation, after consulting a second moderator.

They run a contributor survey every six months and share the results, with what they will change, on the project blog.
"""

BOARD_OBSERVER = """\
# Board Observer

The board observer attends board meetings but does not vote. They may speak when invited by the chair.

The observer reports back to the staff council after each board meeting.
"""

CASES = [
    pytest.param(
        ROTA, (S, S, S, S), False, id="volunteer rota: an outcome, a say, a login and a shadow, a quarterly account"
    ),
    pytest.param(FINANCE_GROUP, (V, M, M, M), False, id="finance group: discussing the budget is not having one"),
    pytest.param(PARTNERSHIPS, (S, S, S, S), True, id="partnerships lead: a complete contract tied to the strategy"),
    pytest.param(
        MODERATOR,
        (S, S, S, S),
        False,
        id="forum moderator: permissions with limits, a channel, hours, a monthly summary",
    ),
    # Resources: "experience with Microsoft Office" is a tool named only as an
    # experience requirement, which ELEMENTS.md ("Decisions made while
    # labelling") grades vague, not missing; the benefits count for nothing.
    pytest.param(OFFICE, (V, M, V, M), False, id="office assistant: duties, asks and benefits only"),
    pytest.param(
        RELEASE_MANAGER,
        (V, S, S, S),
        False,
        id="release manager: steps are not an outcome; final say, publish rights and a pair, a retrospective",
    ),
    # Purpose: the annual accounts are a named deliverable the Treasurer owns.
    pytest.param(
        TREASURER, (S, S, S, S), False, id="treasurer: signing limit, hours a month, a report at every meeting"
    ),
    # Resources: the team size is a company blurb, the learning budget a perk
    # among the benefits; the tools are asks of the candidate (vague).
    pytest.param(COMMUNITY_AD, (V, M, V, M), False, id="community manager ad: blurb, asks and perks only"),
    pytest.param(
        INCIDENT_COMMANDER, (S, S, S, S), False, id="incident commander: a complete contract for a temporary role"
    ),
    pytest.param(MENTOR, (V, M, M, M), False, id="mentor: supporting others, and how to volunteer"),
    # Resources: the revenue target is what the role is judged on, not money it may spend.
    pytest.param(ACCOUNT_EXECUTIVE, (S, S, M, S), False, id="account executive: a target to win, a discount limit"),
    # The title names a benefits service: it is not a benefits section, so nothing under it is a perk.
    # Resources: colleagues in the team are vague; accountability: measuring in general is vague.
    # Line of sight: the service's own vision and roadmap are the role's outcome, not the organisation's goals.
    pytest.param(PRODUCT_MANAGER, (S, S, V, V), False, id="product manager: a title is not a section heading"),
    # Accountability: minutes and a report on the project's state carry data, not the committee's own results.
    pytest.param(STEERING_COMMITTEE, (V, S, S, V), False, id="steering committee: decides by majority, holds funds"),
    pytest.param(LAB_MANAGER, (S, S, S, S), False, id="lab manager: a fortnightly meeting to go through spending"),
    pytest.param(SIG_CHAIR, (V, S, S, S), False, id="group chair: approvals, hours a week, an annual report"),
    # Accountability: a bare reporting line is vague (ELEMENTS.md), not missing.
    pytest.param(VOLUNTEER_COORDINATOR, (S, M, S, V), False, id="volunteer coordinator: a goal, hours, a line manager"),
    pytest.param(
        SECURITY_CHAMPION, (V, S, S, V), False, id="security champion: may block a release, 10% of their time"
    ),
    # Line of sight: setting the organisation's own vision and strategy is the tie (ELEMENTS.md, second set).
    pytest.param(SCHOOL_GOVERNOR, (S, S, S, V), True, id="school governor: sets the vision, attends meetings"),
    # Accountability: the accounts a finance lead presents to the audit committee are their own account.
    pytest.param(HEAD_OF_FINANCE, (S, S, S, S), False, id="head of finance: accounts to the audit committee"),
    pytest.param(
        COMMUNITY_ORGANISER, (S, S, S, S), False, id="community organiser: weekly supervision, a quarterly account"
    ),
    # Holacracy-style: a domain is the role's to control; its "Accountabilities" are duties, not accountability.
    pytest.param(FACILITATOR, (S, S, M, M), False, id="facilitator: a purpose line, a domain, accountabilities"),
    pytest.param(COMMITTER, (V, S, S, M), False, id="committer: write access, a review before own merges"),
    # Line of sight: sharing responsibility for the organisation's strategy and approving its plan is the tie.
    pytest.param(BOARD_MEMBER, (V, S, S, V), True, id="board member: approves the budget, meetings a year"),
    pytest.param(
        OPERATIONS_COORDINATOR, (S, S, S, S), False, id="operations coordinator: a label block, weekly one-to-ones"
    ),
    pytest.param(
        CONDUCT_COMMITTEE, (V, S, M, S), False, id="conduct committee: decides and recuses, reports twice a year"
    ),
    pytest.param(STORE_MANAGER, (S, S, S, S), False, id="store manager: a rota within a labour budget, monthly review"),
    pytest.param(POSTDOC, (S, S, S, S), False, id="postdoc: an aim by a date, meets the PI fortnightly"),
    pytest.param(
        CUSTOMER_SUCCESS, (S, S, S, S), False, id="customer success: a credit limit, retention reviewed monthly"
    ),
    pytest.param(MODERATOR, (S, S, S, S), False, id="moderator: cannot ban, the log looked at together monthly"),
    # Facilitating the team's ceremonies is work for others; tracking velocity is monitoring, not an account.
    pytest.param(
        SCRUM_MASTER, (V, M, V, V), False, id="scrum master: ceremonies for the team, tools as asks"
    ),  # A T-shirt, free entry and a meal voucher are perks, not means.
    pytest.param(HOSPITALITY_VOLUNTEER, (S, M, M, M), False, id="hospitality volunteer: visitors feel welcome, perks"),
    pytest.param(HEAD_OF_GROWTH, (S, S, S, S), False, id="head of growth: a target, a budget, reviewed every Monday"),
    pytest.param(MEMBERSHIP_SECRETARY, (V, M, M, V), False, id="membership secretary: a register kept up to date"),
    pytest.param(CONVENOR, (V, V, M, S), False, id="convenor: keeps the group moving, updates the board twice a year"),
    pytest.param(IT_TECHNICIAN, (S, M, M, S), False, id="IT technician: a purpose label, appraised annually"),
    pytest.param(DEPUTY_HEAD_OF_YEAR, (V, M, M, V), False, id="deputy head of year: supports, a line manager"),
    pytest.param(
        COMMUNITY_HEALTH_LEAD, (S, S, M, S), False, id="community health lead: a survey every six months, shared"
    ),
    pytest.param(BOARD_OBSERVER, (V, S, M, S), False, id="board observer: does not vote, reports after each meeting"),
]


@pytest.mark.parametrize(("text", "grades", "line_of_sight"), CASES)
def test_a_whole_description_gets_the_grades_the_definitions_give_it(
    text: str, grades: tuple[str, str, str, str], line_of_sight: bool
) -> None:
    report = coach.check(text)
    got = tuple(report.grade(e).value for e in ("purpose", "discretion", "resources", "accountability"))
    assert got == grades
    assert report.line_of_sight.present is line_of_sight


def test_a_company_blurb_and_perks_are_never_resources_evidence() -> None:
    report = coach.check(COMMUNITY_AD)
    shown = [e.text for e in report.elements[coach.Element.resources].evidence if e.counted]
    assert not any("team of 60" in t or "learning budget" in t for t in shown), shown
    assert not report.elements[coach.Element.accountability].evidence  # an offsite is not an account


def test_money_to_win_and_revenue_to_own_are_not_resources() -> None:
    report = coach.check(PARTNERSHIPS)
    shown = [e.text for e in report.elements[coach.Element.resources].evidence if e.counted]
    assert shown and not any("worth up to" in t or "own our partnerships revenue" in t for t in shown), shown
    assert any("report to you" in t or "budget" in t for t in shown), shown


def test_days_in_a_studio_and_people_who_help_the_holder_are_not_misread() -> None:
    report = coach.check(
        "# Studio Producer\n\nYou make sure every client project ships on the agreed date.\n\n"
        "Two junior producers help you on each shoot.\n\nHybrid: three days a week in our Leeds studio.\n"
    )
    resources = [e.text for e in report.elements[coach.Element.resources].evidence if e.counted]
    assert not any("studio" in t for t in resources), resources
    purpose = report.elements[coach.Element.purpose]
    assert purpose.grade == coach.Grade.specified
    assert not any(e.rule == "purpose.helps" for e in purpose.evidence), purpose.evidence
