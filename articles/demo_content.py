"""Demo content for `manage.py seed_demo`: fictional people and events, our own writing.

The units below Southern Command, every person and every event are invented; the Panamanian
institutions are real ones, named only so the hierarchy looks like what officers work with.

Dates are offsets in days from an anchor day (the day of the first seeding), so a fresh demo
always looks recent while a re-run reproduces exactly the same dates. Rich text may name
anchor-relative dates as `{placeholder}` (see DATE_PLACEHOLDERS); the command fills them in.
"""


def text(html):
    return {"type": "text", "html": html}


def quote(speaker, words, context=""):
    return {"type": "quote", "speaker": speaker, "text": words, "context": context}


def table(caption, headings, rows):
    """Rows are lists of cells; the first cell is the name of an initiative below."""
    return {"type": "table", "caption": caption, "headings": headings, "rows": rows}


# Parents come before their children.
ORGANIZATIONS = [
    {
        "slug": "us-southern-command",
        "name": "U.S. Southern Command",
        "name_es": "Comando Sur de EE. UU.",
        "abbreviation": "USSOUTHCOM",
        "kind": "military",
        "country": "US",
        "parent": None,
        "website": "https://southcom.example.mil/",
        "description": (
            "The unified combatant command responsible for U.S. military cooperation with "
            "partner nations in Central America, South America and the Caribbean."
        ),
    },
    {
        "slug": "joint-task-force-isthmus",
        "name": "Joint Task Force-Isthmus",
        "name_es": "Fuerza de Tarea Conjunta Istmo",
        "abbreviation": "JTF-Isthmus",
        "kind": "military",
        "country": "US",
        "parent": "us-southern-command",
        "website": "https://jtf-isthmus.example.mil/",
        "description": (
            "Coordinates the training, logistics and humanitarian support that Panamanian "
            "security institutions request from U.S. forces."
        ),
    },
    {
        "slug": "jungle-operations-training-detachment",
        "name": "Jungle Operations Training Detachment",
        "abbreviation": "JOTD",
        "kind": "military",
        "country": "US",
        "parent": "joint-task-force-isthmus",
        "website": "",
        "description": (
            "U.S. Army instructors who teach the combined Jungle Operations Training Course "
            "with Panamanian cadre."
        ),
    },
    {
        "slug": "marine-rotational-force-isthmus",
        "name": "Marine Rotational Force-Isthmus",
        "abbreviation": "MRF-Isthmus",
        "kind": "military",
        "country": "US",
        "parent": "joint-task-force-isthmus",
        "website": "",
        "description": (
            "Marines on a six-month rotation for riverine training, small engineering "
            "projects and crisis-response support."
        ),
    },
    {
        "slug": "isthmus-air-mobility-detachment",
        "name": "Isthmus Air Mobility Detachment",
        "abbreviation": "IAMD",
        "kind": "military",
        "country": "US",
        "parent": "joint-task-force-isthmus",
        "website": "",
        "description": (
            "Airmen who provide airlift, aeromedical evacuation and airfield support for "
            "combined activities."
        ),
    },
    {
        "slug": "security-cooperation-office-panama",
        "name": "Security Cooperation Office-Panama",
        "abbreviation": "SCO-Panama",
        "kind": "military",
        "country": "US",
        "parent": "us-southern-command",
        "website": "https://southcom.example.mil/sco-panama/",
        "description": (
            "Manages U.S. training and equipment programs for Panama's security services from "
            "the U.S. Embassy in Panama City."
        ),
    },
    {
        "slug": "us-embassy-panama-city",
        "name": "U.S. Embassy Panama City",
        "name_es": "Embajada de EE. UU. en Ciudad de Panamá",
        "abbreviation": "",
        "kind": "other",
        "country": "US",
        "parent": None,
        "website": "https://embassy-panama.example.com/",
        "description": "The diplomatic mission of the United States to the Republic of Panama.",
    },
    {
        "slug": "ministry-of-public-security",
        "name": "Ministry of Public Security",
        "name_es": "Ministerio de Seguridad Pública",
        "abbreviation": "MINSEG",
        "kind": "ministry",
        "country": "PA",
        "parent": None,
        "website": "https://minseg.example.com/",
        "description": (
            "Panama's ministry for the national police and the border, aeronaval and "
            "migration services."
        ),
    },
    {
        "slug": "national-border-service",
        "name": "National Border Service",
        "name_es": "Servicio Nacional de Fronteras",
        "abbreviation": "SENAFRONT",
        "kind": "security",
        "country": "PA",
        "parent": "ministry-of-public-security",
        "website": "",
        "description": (
            "Guards Panama's land borders, including the forests of Darién along the border "
            "with Colombia."
        ),
    },
    {
        "slug": "national-aeronaval-service",
        "name": "National Aeronaval Service",
        "name_es": "Servicio Nacional Aeronaval",
        "abbreviation": "SENAN",
        "kind": "security",
        "country": "PA",
        "parent": "ministry-of-public-security",
        "website": "",
        "description": "Patrols Panama's coasts, rivers and airspace.",
    },
    {
        "slug": "national-civil-protection-system",
        "name": "National Civil Protection System",
        "name_es": "Sistema Nacional de Protección Civil",
        "abbreviation": "SINAPROC",
        "kind": "other",
        "country": "PA",
        "parent": None,
        "website": "",
        "description": "Panama's agency for disaster preparedness, emergency response and relief.",
    },
]

PEOPLE = [
    {
        "slug": "rafael-quintero",
        "service": "U.S. Army",
        "rank": "Sgt. 1st Class",
        "given_name": "Rafael",
        "family_name": "Quintero",
        "title": (
            "the lead instructor for the Jungle Operations Training Course, "
            "Joint Task Force-Isthmus"
        ),
        "organization": "jungle-operations-training-detachment",
        "bio": "Infantryman and jungle-warfare instructor on his second assignment in Panama.",
        # Promoted after the conference: the conference release keeps the earlier rank.
        "roles": [
            {
                "service": "U.S. Army",
                "rank": "Staff Sgt.",
                "title": "an assistant instructor at the Jungle Operations Training Course",
                "title_es": "instructor asistente del Curso de Operaciones en la Selva",
                "held_until_days_ago": 28,
            }
        ],
    },
    {
        "slug": "karen-whitfield",
        "service": "U.S. Army",
        "rank": "Lt. Col.",
        "given_name": "Karen",
        "family_name": "Whitfield",
        "title": "commander of the Jungle Operations Training Detachment",
        "organization": "jungle-operations-training-detachment",
        "bio": "Infantry officer who took command of the detachment this year.",
    },
    {
        "slug": "luis-ocampo",
        "service": "U.S. Marine Corps",
        "rank": "Staff Sgt.",
        "given_name": "Luis",
        "family_name": "Ocampo",
        "title": "a combat engineer and course instructor with Marine Rotational Force-Isthmus",
        "organization": "marine-rotational-force-isthmus",
        "bio": "Combat engineer who teaches river crossings and casualty evacuation.",
    },
    {
        "slug": "brianna-holt",
        "service": "U.S. Air Force",
        "rank": "Senior Airman",
        "given_name": "Brianna",
        "family_name": "Holt",
        "title": "a public affairs specialist with Joint Task Force-Isthmus",
        "organization": "joint-task-force-isthmus",
        "bio": "Photojournalist covering combined training across Panama.",
    },
    {
        "slug": "thomas-avery",
        "service": "U.S. Air Force",
        "rank": "Maj. Gen.",
        "given_name": "Thomas",
        "family_name": "Avery",
        "title": "commander of Joint Task Force-Isthmus",
        "organization": "joint-task-force-isthmus",
        "bio": "Command pilot who previously led an air expeditionary wing.",
    },
    {
        "slug": "ana-castrellon",
        "service": "",
        "rank": "Minister",
        "given_name": "Ana",
        "family_name": "Castrellón",
        "title": "head of Panama's Ministry of Public Security",
        "organization": "ministry-of-public-security",
        "bio": "Lawyer and former prosecutor appointed minister of public security.",
    },
    {
        "slug": "gregory-lindqvist",
        "service": "",
        "rank": "Ambassador",
        "given_name": "Gregory",
        "family_name": "Lindqvist",
        "title": "U.S. ambassador to Panama",
        "organization": "us-embassy-panama-city",
        "bio": "Career diplomat who has served in Central America and the Andes.",
    },
    {
        "slug": "hector-saldana",
        "service": "",
        "rank": "Commissioner",
        "given_name": "Héctor",
        "family_name": "Saldaña",
        "title": "director general of Panama's National Border Service",
        "organization": "national-border-service",
        "bio": "Career border officer who served for many years in Darién province.",
    },
    {
        "slug": "denise-carrow",
        "service": "U.S. Army",
        "rank": "Maj.",
        "given_name": "Denise",
        "family_name": "Carrow",
        "title": "public affairs officer for Joint Task Force-Isthmus",
        "organization": "joint-task-force-isthmus",
        "bio": "Answers media queries about U.S. activities in Panama.",
        "is_press_contact": True,
        "email": "denise.carrow@example.mil",
        "phone": "+1 305-555-0147",
    },
    {
        "slug": "elena-vargas",
        "service": "",
        "rank": "",
        "given_name": "Elena",
        "family_name": "Vargas",
        "title": "a public affairs specialist with U.S. Southern Command",
        "organization": "us-southern-command",
        "bio": "Bilingual media relations specialist for Central America.",
        "is_press_contact": True,
        "email": "elena.vargas@example.mil",
        "phone": "+1 305-555-0183",
    },
]

# `start` and `end` are days from the anchor day (negative: in the past).
INITIATIVES = [
    {
        "name": "Jungle Operations Training Course",
        "name_es": "Curso de Operaciones en la Selva",
        "slug": "jungle-operations-training-course",
        "summary": (
            "A three-week course in patrolling, navigation, river crossings and casualty care "
            "in the Darién forest, handed over step by step to Panamanian instructors."
        ),
        "status": "active",
        "start": -240,
        "end": 490,
        "lead": "jungle-operations-training-detachment",
        "partners": ["national-border-service", "marine-rotational-force-isthmus"],
        "tags": ["jungle training", "border security"],
    },
    {
        "name": "Riverine Interdiction Course",
        "slug": "riverine-interdiction-course",
        "summary": (
            "Boat handling, boarding and search procedures for crews who patrol Panama's "
            "rivers and coastal estuaries."
        ),
        "status": "active",
        "start": -150,
        "end": 215,
        "lead": "marine-rotational-force-isthmus",
        "partners": ["national-aeronaval-service"],
        "tags": ["maritime security", "border security"],
    },
    {
        "name": "Combat Lifesaver Course",
        "slug": "combat-lifesaver-course",
        "summary": "First aid for patrol members who may be many hours from a hospital.",
        "status": "active",
        "start": -300,
        "end": None,
        "lead": "isthmus-air-mobility-detachment",
        "partners": ["national-border-service", "national-aeronaval-service"],
        "tags": ["medical training"],
    },
    {
        "name": "Border Surveillance Modernization",
        "slug": "border-surveillance-modernization",
        "summary": (
            "Sensors, radios and solar power for remote border posts, and training for the "
            "technicians who keep them running."
        ),
        "status": "active",
        "start": -400,
        "end": 700,
        "lead": "security-cooperation-office-panama",
        "partners": ["ministry-of-public-security", "national-border-service"],
        "tags": ["border security", "equipment"],
    },
    {
        "name": "Maritime Domain Awareness Partnership",
        "slug": "maritime-domain-awareness-partnership",
        "summary": "Shared coastal radar pictures and joint watch procedures with SENAN.",
        "status": "active",
        "start": -520,
        "end": None,
        "lead": "security-cooperation-office-panama",
        "partners": ["national-aeronaval-service"],
        "tags": ["maritime security"],
    },
    {
        "name": "Darién Humanitarian Medical Outreach",
        "name_es": "Jornada Médica Humanitaria en Darién",
        "slug": "darien-humanitarian-medical-outreach",
        "summary": (
            "Free general medicine, dental, eye and veterinary care for communities in "
            "Darién province, run with Panamanian health and civil protection teams."
        ),
        "status": "planned",
        "start": 6,
        "end": 10,
        "lead": "joint-task-force-isthmus",
        "partners": ["national-civil-protection-system", "national-border-service"],
        "tags": ["humanitarian assistance", "medical"],
    },
    {
        "name": "Disaster Response Planning Workshop",
        "slug": "disaster-response-planning-workshop",
        "summary": (
            "A tabletop exercise in which civil protection and military planners rehearse "
            "the first 72 hours after a major flood or earthquake."
        ),
        "status": "completed",
        "start": -95,
        "end": -91,
        "lead": "joint-task-force-isthmus",
        "partners": ["national-civil-protection-system", "ministry-of-public-security"],
        "tags": ["humanitarian assistance", "disaster response"],
    },
    {
        "name": "Noncommissioned Officer Exchange Program",
        "slug": "noncommissioned-officer-exchange-program",
        "summary": (
            "Sergeants from both countries spend four weeks with each other's units to "
            "compare how small teams are trained and led."
        ),
        "status": "planned",
        "start": 45,
        "end": 410,
        "lead": "joint-task-force-isthmus",
        "partners": ["national-border-service", "national-aeronaval-service"],
        "tags": ["professional development"],
    },
]

# Anchor-relative dates that rich text may name, written AP style ("Sunday, Nov. 29").
DATE_PLACEHOLDERS = {"register_date": 3, "event_date": 6, "event_end_date": 10}

RELEASES = [
    {
        "slug": "border-units-complete-first-combined-jungle-course-in-darien",
        "kind": "news-story",
        "headline": (
            "Panamanian border units and U.S. instructors complete first combined jungle "
            "course in Darién"
        ),
        "subheadline": (
            "Three weeks of river crossings, land navigation and casualty care end with a "
            "48-hour field exercise led by Panamanian cadre"
        ),
        "summary": (
            "Forty-two members of Panama's National Border Service finished a jungle "
            "operations course taught with instructors from Joint Task Force-Isthmus, the "
            "first class in which Panamanian instructors ran the final field exercise."
        ),
        "dateline": "METETÍ, Panama",
        "days_ago": 3,
        "time": (14, 30),
        "is_featured": True,
        "byline_people": ["brianna-holt"],
        "byline_text": "",
        "tags": ["jungle training", "border security", "Panama", "security cooperation"],
        "organizations": [
            "joint-task-force-isthmus",
            "jungle-operations-training-detachment",
            "marine-rotational-force-isthmus",
            "national-border-service",
        ],
        "people": [],
        "media_contacts": ["denise-carrow"],
        "body": [
            text(
                "<p>Forty-two members of Panama's National Border Service, known by its "
                "Spanish acronym SENAFRONT, graduated this week from a three-week jungle "
                "operations course in Darién province taught together with U.S. Army and "
                "Marine Corps instructors assigned to Joint Task Force-Isthmus.</p>"
                "<p>It was the first class in which Panamanian instructors planned and led "
                "the final field exercise: a 48-hour patrol through flooded lowland forest "
                "that tested navigation, river crossings and the evacuation of a simulated "
                "casualty by dugout canoe.</p>"
            ),
            quote(
                "rafael-quintero",
                "The students taught us as much as we taught them. They know how fast these "
                "rivers rise after a storm and which trails disappear overnight, and that "
                "knowledge is now written into the course itself.",
            ),
            text(
                "<h2>A course built to outlast the rotation</h2>"
                "<p>The first week covered fundamentals: knots and rope bridges, water "
                "purification, and moving a patrol quietly through dense vegetation. The "
                "second week moved to the rivers, where students crossed with and without "
                "boats and practiced recovering equipment swept away by the current.</p>"
                "<p>By the third week, SENAFRONT sergeants were running the training lanes "
                "while the U.S. instructors stepped back to observe and take notes for the "
                "after-action review.</p>"
            ),
            quote(
                "karen-whitfield",
                "Our goal from the first day was to make ourselves unnecessary. When a "
                "Panamanian sergeant briefs the final exercise and the patrol carries it out "
                "without looking over at us, that is the result we came here for.",
            ),
            text(
                "<h2>Casualty care in every phase</h2>"
                "<p>In a region where the nearest surgical hospital can be many hours away by "
                "boat, students learned to treat heat injuries, snakebites and severe "
                "bleeding, and to keep a patient stable through a long evacuation.</p>"
            ),
            quote(
                "luis-ocampo",
                "Out here the medic might be a day away, so everyone on the patrol has to be "
                "the first responder. We drilled the tourniquet and the litter carry until "
                "nobody had to stop and think about them.",
                "after the final field exercise",
            ),
            quote(
                "hector-saldana",
                "These graduates go back to posts along the border with Colombia, and each "
                "of them will pass on what they learned to the officers who serve beside "
                "them.",
            ),
            text(
                "<p>The next class is scheduled to begin early next year, with Panamanian "
                "instructors teaching most blocks of instruction and U.S. personnel serving "
                "as advisors. More about the course is on the "
                '<a href="https://jtf-isthmus.example.mil/jungle-course/">Joint Task '
                "Force-Isthmus website</a>.</p>"
            ),
        ],
    },
    {
        "slug": "avery-and-castrellon-outline-next-phase-of-security-cooperation",
        "kind": "press-release",
        "headline": (
            "Joint Task Force-Isthmus commander and Panama's security minister outline the "
            "next phase of cooperation"
        ),
        "subheadline": (
            "At a joint press conference, the two leaders announce expanded border training, "
            "maritime surveillance support and a humanitarian medical outreach in Darién"
        ),
        "summary": (
            "Maj. Gen. Thomas Avery and Minister of Public Security Ana Castrellón set out the "
            "priorities for the coming year and a schedule for the next quarter."
        ),
        "dateline": "PANAMA CITY, Panama",
        "days_ago": 10,
        "time": (16, 0),
        "is_featured": False,
        "byline_people": [],
        "byline_text": "Joint Task Force-Isthmus Public Affairs",
        "tags": [
            "security cooperation",
            "border security",
            "humanitarian assistance",
            "Panama",
            "press conference",
        ],
        "organizations": [
            "joint-task-force-isthmus",
            "ministry-of-public-security",
            "national-border-service",
            "national-aeronaval-service",
            "security-cooperation-office-panama",
        ],
        "people": [],
        "media_contacts": ["denise-carrow", "elena-vargas"],
        "body": [
            text(
                "<p>The commander of Joint Task Force-Isthmus and Panama's minister of public "
                "security held a joint press conference at the ministry's headquarters "
                "to describe how the two countries will build on a year of combined "
                "training along Panama's borders and coasts.</p>"
                "<p>Both leaders stressed that Panamanian institutions set the priorities and "
                "that U.S. forces support them at the ministry's request, under the "
                "agreements in force between the two governments.</p>"
            ),
            quote(
                "thomas-avery",
                "Every program on this list started with a question from our Panamanian "
                "partners about what they needed. Our part is to bring the right trainers, "
                "the right equipment and the patience to see each effort through.",
                "during the press conference",
            ),
            quote(
                "ana-castrellon",
                "Our border officers face criminal networks that move people, drugs and "
                "weapons through some of the hardest terrain in the hemisphere. This "
                "cooperation gives them skills and tools they keep long after any visiting "
                "unit has gone home.",
            ),
            text(
                "<h2>Lines of effort</h2>"
                "<p>The minister and the general named five lines of effort that will guide "
                "combined activities over the coming year.</p>"
            ),
            table(
                "Lines of effort announced at the joint press conference",
                ["Initiative", "Objective"],
                [
                    [
                        "Jungle Operations Training Course",
                        "Prepare SENAFRONT patrols for long operations in the Darién forest and "
                        "hand the instruction to Panamanian cadre",
                    ],
                    [
                        "Riverine Interdiction Course",
                        "Improve how SENAN crews stop, board and search small boats on rivers "
                        "and estuaries",
                    ],
                    [
                        "Border Surveillance Modernization",
                        "Equip remote border posts with sensors and radios, and train the "
                        "technicians who maintain them",
                    ],
                    [
                        "Maritime Domain Awareness Partnership",
                        "Share a common picture of coastal traffic between watch centers",
                    ],
                    [
                        "Darién Humanitarian Medical Outreach",
                        "Bring free medical, dental and veterinary care to remote communities "
                        "with Panamanian health teams",
                    ],
                ],
            ),
            text(
                "<h2>Schedule for the coming quarter</h2>"
                "<p>The ministry also published the next milestone for each activity, and "
                "the Panamanian institution that leads it.</p>"
            ),
            table(
                "Planned activities for the next quarter",
                ["Initiative", "Lead Panamanian institution", "Next milestone"],
                [
                    [
                        "Jungle Operations Training Course",
                        "National Border Service",
                        "Second class begins with Panamanian lead instructors",
                    ],
                    [
                        "Riverine Interdiction Course",
                        "National Aeronaval Service",
                        "Boat-handling phase on the Chucunaque River",
                    ],
                    [
                        "Border Surveillance Modernization",
                        "Ministry of Public Security",
                        "Site surveys at four border posts",
                    ],
                    [
                        "Noncommissioned Officer Exchange Program",
                        "National Border Service",
                        "First exchange group selected",
                    ],
                ],
            ),
            text(
                "<p>Asked about the number of U.S. personnel in Panama, Avery said it varies "
                "with the training calendar, that all of them are present at the invitation "
                "of the Panamanian government, and that none take part in law enforcement "
                "operations.</p>"
            ),
        ],
    },
    {
        "slug": "regional-security-conference-opens-with-shared-training-agenda",
        "kind": "press-release",
        "headline": (
            "Regional security conference opens in Panama City with a shared training agenda "
            "for border and coastal forces"
        ),
        "subheadline": (
            "U.S. Marines and airmen support the host nation with logistics, medical standby "
            "and training demonstrations"
        ),
        "summary": (
            "Delegations from across Central America reviewed the courses offered to partner "
            "forces next year, while a small U.S. team supported Panama in hosting the event."
        ),
        "dateline": "PANAMA CITY, Panama",
        "days_ago": 35,
        "time": (11, 0),
        "is_featured": False,
        "byline_people": [],
        "byline_text": "U.S. Southern Command Public Affairs",
        "tags": ["security cooperation", "jungle training", "Panama", "conference"],
        "organizations": [
            "us-southern-command",
            "marine-rotational-force-isthmus",
            "isthmus-air-mobility-detachment",
            "ministry-of-public-security",
            "us-embassy-panama-city",
        ],
        "people": [],
        "media_contacts": ["elena-vargas"],
        "body": [
            text(
                "<p>Defense and security officials from across Central America opened a "
                "three-day conference in Panama City to coordinate training for "
                "the forces that guard the region's borders, coasts and airspace.</p>"
                "<p>A small team of Marines from Marine Rotational Force-Isthmus and airmen "
                "from the Isthmus Air Mobility Detachment arrived ahead of the event to "
                "support the host nation. Their tasks include:</p>"
                "<ul>"
                "<li><strong>Logistics:</strong> moving delegations and equipment between "
                "the airport, the venue and training sites outside the capital.</li>"
                "<li><strong>Medical standby:</strong> a treatment team ready to assist "
                "Panamanian emergency services for the length of the conference.</li>"
                "<li><strong>Demonstrations:</strong> combined displays of river-crossing and "
                "casualty-evacuation techniques with Panamanian units.</li>"
                "</ul>"
            ),
            quote(
                "gregory-lindqvist",
                "No country in this region can secure its borders alone. What we build here "
                "is a habit of working together, so that when a crisis comes, the people "
                "responding already know each other.",
                "at the opening session",
            ),
            text(
                "<h2>Courses on offer next year</h2>"
                "<p>Organizers presented the courses open to partner forces. Each is taught "
                "jointly, and seats are shared among the participating countries.</p>"
            ),
            table(
                "Training programs presented at the conference",
                ["Training Program", "Target Audience", "Duration"],
                [
                    [
                        "Jungle Operations Training Course",
                        "Patrol leaders and small-unit sergeants",
                        "3 weeks",
                    ],
                    ["Riverine Interdiction Course", "Boat crews and boarding teams", "4 weeks"],
                    [
                        "Combat Lifesaver Course",
                        "Patrol members without medical training",
                        "1 week",
                    ],
                    [
                        "Disaster Response Planning Workshop",
                        "Civil protection and military planners",
                        "5 days",
                    ],
                ],
            ),
            quote(
                "rafael-quintero",
                "Delegates kept asking how a course like ours could run in their own "
                "forests. That is the right question, and the answer starts with their own "
                "instructors.",
                "after a demonstration of river-crossing techniques",
            ),
            text(
                "<h2>On the agenda</h2>"
                "<p>Working sessions over the three days cover:</p>"
                "<ul>"
                "<li>Stopping the smuggling of people, drugs and weapons across land "
                "borders</li>"
                "<li>Sharing maritime surveillance information between neighboring coast "
                "guards</li>"
                "<li>Military support to civil authorities after hurricanes, floods and "
                "earthquakes</li>"
                "<li>Protecting migrants and local communities in remote border areas</li>"
                "</ul>"
                "<p>The conference closes with a joint statement from the "
                "participating delegations.</p>"
            ),
        ],
    },
    {
        "slug": "readout-ambassador-lindqvist-meets-minister-castrellon",
        "kind": "readout",
        "headline": (
            "Readout of Ambassador Lindqvist's meeting with Minister of Public Security Castrellón"
        ),
        "subheadline": (
            "The two discussed border security, maritime cooperation and disaster preparedness"
        ),
        "summary": (
            "The U.S. ambassador and Panama's minister of public security reviewed combined "
            "training and agreed to hold a joint press conference on next year's priorities."
        ),
        "dateline": "PANAMA CITY, Panama",
        "days_ago": 17,
        "time": (18, 15),
        "is_featured": False,
        "byline_people": [],
        "byline_text": "U.S. Embassy Panama City",
        "tags": ["security cooperation", "Panama", "diplomacy"],
        "organizations": ["us-embassy-panama-city", "ministry-of-public-security"],
        "people": ["gregory-lindqvist", "ana-castrellon", "thomas-avery"],
        "media_contacts": ["elena-vargas"],
        "body": [
            text(
                "<p>U.S. Ambassador to Panama Gregory Lindqvist met today with Minister of "
                "Public Security Ana Castrellón at the ministry in Panama City. Maj. Gen. "
                "Thomas Avery, commander of Joint Task Force-Isthmus, joined the meeting.</p>"
                "<p>The ambassador thanked the minister for her ministry's partnership in the "
                "regional security conference and congratulated the National Border Service "
                "on the progress of its jungle operations instructors.</p>"
                "<p>The officials discussed:</p>"
                "<ul>"
                "<li>the next classes of the Jungle Operations Training Course and the "
                "handover of instruction to Panamanian cadre;</li>"
                "<li>equipment and training for remote border posts in Darién;</li>"
                "<li>coastal surveillance and information sharing with the National "
                "Aeronaval Service;</li>"
                "<li>planning for a humanitarian medical outreach in Darién province.</li>"
                "</ul>"
                "<p>The ambassador and the minister agreed to present next year's priorities "
                "together at a joint press conference.</p>"
            ),
        ],
    },
    {
        "slug": "media-advisory-darien-humanitarian-medical-outreach",
        "kind": "media-advisory",
        "headline": (
            "Media advisory: Combined humanitarian medical outreach opens in Darién province"
        ),
        "subheadline": (
            "Reporters are invited to the opening day of free medical, dental and veterinary "
            "clinics run by Panamanian and U.S. teams"
        ),
        "summary": (
            "Panamanian civil protection and border service teams and U.S. service members "
            "open free clinics in Yaviza; media must register in advance."
        ),
        "dateline": "PANAMA CITY, Panama",
        "days_ago": 2,
        "time": (9, 0),
        "is_featured": False,
        "byline_people": [],
        "byline_text": "Joint Task Force-Isthmus Public Affairs",
        "tags": ["humanitarian assistance", "Panama", "media advisory"],
        "organizations": [
            "joint-task-force-isthmus",
            "national-civil-protection-system",
            "national-border-service",
        ],
        "people": ["thomas-avery", "hector-saldana"],
        "media_contacts": ["denise-carrow"],
        "body": [
            text(
                "<ul>"
                "<li><strong>Who:</strong> Panama's National Civil Protection System and "
                "National Border Service, with U.S. service members assigned to Joint Task "
                "Force-Isthmus. Maj. Gen. Thomas Avery and Commissioner Héctor Saldaña will "
                "be available for interviews.</li>"
                "<li><strong>What:</strong> Opening of a five-day outreach offering free "
                "general medicine, dental, eye and veterinary care to residents of the "
                "surrounding communities.</li>"
                "<li><strong>When:</strong> {event_date}, 8 a.m. to 1 p.m. local time. "
                "Clinics continue through {event_end_date}.</li>"
                "<li><strong>Where:</strong> Community school, Yaviza, Darién province, "
                "Panama.</li>"
                "</ul>"
            ),
            text(
                "<h2>Media coverage</h2>"
                "<p>Reporters who wish to attend must register by 5 p.m. on {register_date} "
                "with the Joint Task Force-Isthmus public affairs office at "
                '<a href="mailto:denise.carrow@example.mil">denise.carrow@example.mil</a> '
                "or +1 305-555-0147. Seats on a shuttle from Panama City are limited. Bring "
                "press credentials and a government-issued photo ID.</p>"
                "<p>Out of respect for patients' privacy, photographs inside treatment areas "
                "need the patient's consent and the permission of the clinic's medical "
                "lead.</p>"
            ),
        ],
    },
]

# Photos: painted by articles.demo_photos when the demo is seeded (our own work, public domain).
# Each release gets a hero photo and may get photos in its body, placed after the block at
# `after` (an index into its body). The VIRIN's date is filled in from the day the photo was
# taken: the release's day.
DEMO_PHOTO_CREDIT = "Newsroom demo illustration"
PHOTOS = {
    "border-units-complete-first-combined-jungle-course-in-darien": {
        "hero": {
            "scene": "river",
            "title": "River crossing at dawn, Darién",
            "alt": (
                "Illustration of a patrol boat on a wide river at dawn, with forested hills "
                "on both banks."
            ),
            "caption": ("A boat team crosses the river on the last morning of the field exercise."),
        },
        "body": [
            {
                "after": 1,
                "scene": "jungle",
                "title": "Forest canopy above the training area",
                "alt": "Illustration of layered green hills covered in dense forest.",
                "caption": "The training area lies under a canopy that hides the sky for days.",
            },
            {
                "after": 3,
                "scene": "camp",
                "title": "Field camp at the end of the course",
                "alt": "Illustration of four olive tents in a grassy clearing below green hills.",
                "caption": "Students and cadre shared the field camp for the final 48 hours.",
            },
        ],
    },
    "avery-and-castrellon-outline-next-phase-of-security-cooperation": {
        "hero": {
            "scene": "ministry",
            "title": "Ministry building, Panama City",
            "alt": "Illustration of a building with a row of white columns under a blue sky.",
            "caption": "The joint press conference was held at the ministry.",
        },
        "body": [
            {
                "after": 2,
                "scene": "flags",
                "title": "Flags outside the ministry",
                "alt": "Illustration of three flags, red, blue and white, on tall poles.",
                "caption": "Flags flown for the visit.",
            },
        ],
    },
    "regional-security-conference-opens-with-shared-training-agenda": {
        "hero": {
            "scene": "flags",
            "title": "Conference venue",
            "alt": "Illustration of three flags on poles in front of green hills.",
            "caption": "Delegations from partner nations arrived for the opening session.",
        },
        "body": [],
    },
    "readout-ambassador-lindqvist-meets-minister-castrellon": {
        "hero": {
            "scene": "coast",
            "title": "Patrol boat off the Pacific coast",
            "alt": "Illustration of a patrol boat on a calm blue sea, hills on the horizon.",
            "caption": "Coastal patrols were among the topics of the meeting.",
        },
        "body": [],
    },
    "media-advisory-darien-humanitarian-medical-outreach": {
        "hero": {
            "scene": "camp",
            "title": "Clinic tents in Yaviza",
            "alt": "Illustration of four olive tents set up in a clearing below green hills.",
            "caption": "Clinic tents like these will house the outreach's treatment areas.",
        },
        "body": [],
    },
}
# Portrait uniform colours: Army green, Marine Corps olive, Air Force blue, civilian grey.
UNIFORMS = {
    "U.S. Army": (70, 85, 60),
    "U.S. Marine Corps": (95, 100, 70),
    "U.S. Air Force": (60, 80, 120),
}
CIVILIAN_CLOTHES = (55, 60, 70)


def spanish_version(source_slug, **fields):
    """The Spanish version of a demo release: its own words, the source's people, topics and
    time (a translation keeps the structure; see articles.translations)."""
    source = next(release for release in RELEASES if release["slug"] == source_slug)
    return {**source, "language": "es", "translation_of": source_slug, **fields}


# Two releases read in both languages; every other demo release exists in English only.
RELEASES += [
    spanish_version(
        "readout-ambassador-lindqvist-meets-minister-castrellon",
        slug="resumen-reunion-embajador-lindqvist-ministra-castrellon",
        headline=(
            "Resumen de la reunión del embajador Lindqvist con la ministra de Seguridad "
            "Pública, Castrellón"
        ),
        subheadline=(
            "Ambos conversaron sobre seguridad fronteriza, cooperación marítima y preparación "
            "ante desastres"
        ),
        summary=(
            "El embajador de Estados Unidos y la ministra de Seguridad Pública de Panamá "
            "repasaron el entrenamiento combinado y acordaron ofrecer una conferencia de prensa "
            "conjunta sobre las prioridades del próximo año."
        ),
        dateline="CIUDAD DE PANAMÁ, Panamá",
        byline_text="Embajada de EE. UU. en Ciudad de Panamá",
        body=[
            text(
                "<p>El embajador de Estados Unidos en Panamá, Gregory Lindqvist, se reunió hoy "
                "con la ministra de Seguridad Pública, Ana Castrellón, en la sede del ministerio "
                "en Ciudad de Panamá. Participó también el mayor general Thomas Avery, "
                "comandante de la Fuerza de Tarea Conjunta Istmo.</p>"
                "<p>El embajador agradeció a la ministra la colaboración de su ministerio en la "
                "conferencia regional de seguridad y felicitó al Servicio Nacional de Fronteras "
                "por el avance de sus instructores de operaciones en la selva.</p>"
                "<p>Los funcionarios conversaron sobre:</p>"
                "<ul>"
                "<li>las próximas promociones del Curso de Operaciones en la Selva y el traspaso "
                "de la instrucción a cuadros panameños;</li>"
                "<li>equipo y entrenamiento para los puestos fronterizos remotos de Darién;</li>"
                "<li>la vigilancia costera y el intercambio de información con el Servicio "
                "Nacional Aeronaval;</li>"
                "<li>la planificación de una jornada médica humanitaria en la provincia de "
                "Darién.</li>"
                "</ul>"
                "<p>El embajador y la ministra acordaron presentar juntos las prioridades del "
                "próximo año en una conferencia de prensa conjunta.</p>"
            ),
        ],
    ),
    spanish_version(
        "media-advisory-darien-humanitarian-medical-outreach",
        slug="aviso-a-los-medios-jornada-medica-humanitaria-en-darien",
        headline="Aviso a los medios: comienza en Darién una jornada médica humanitaria combinada",
        subheadline=(
            "Se invita a los periodistas al primer día de las clínicas gratuitas de medicina, "
            "odontología y veterinaria a cargo de equipos panameños y estadounidenses"
        ),
        summary=(
            "Equipos panameños de protección civil y del servicio de fronteras y militares "
            "estadounidenses abren clínicas gratuitas en Yaviza; los medios deben inscribirse "
            "con antelación."
        ),
        dateline="CIUDAD DE PANAMÁ, Panamá",
        byline_text="Oficina de Asuntos Públicos de la Fuerza de Tarea Conjunta Istmo",
        body=[
            text(
                "<ul>"
                "<li><strong>Quiénes:</strong> el Sistema Nacional de Protección Civil y el "
                "Servicio Nacional de Fronteras de Panamá, con militares estadounidenses "
                "asignados a la Fuerza de Tarea Conjunta Istmo. El mayor general Thomas Avery y "
                "el comisionado Héctor Saldaña atenderán entrevistas.</li>"
                "<li><strong>Qué:</strong> inicio de una jornada de cinco días con atención "
                "gratuita de medicina general, odontología, oftalmología y veterinaria para los "
                "residentes de las comunidades cercanas.</li>"
                "<li><strong>Cuándo:</strong> {event_date}, de 8:00 a. m. a 1:00 p. m., hora "
                "local. Las clínicas continúan hasta el {event_end_date}.</li>"
                "<li><strong>Dónde:</strong> escuela comunitaria de Yaviza, provincia de "
                "Darién, Panamá.</li>"
                "</ul>"
            ),
            text(
                "<h2>Cobertura de prensa</h2>"
                "<p>Los periodistas que deseen asistir deben inscribirse antes de las 5:00 p. m. "
                "del {register_date} con la oficina de asuntos públicos de la Fuerza de Tarea "
                "Conjunta Istmo en "
                '<a href="mailto:denise.carrow@example.mil">denise.carrow@example.mil</a> '
                "o al +1 305-555-0147. Los cupos en el transporte desde Ciudad de Panamá son "
                "limitados. Traiga su credencial de prensa y una identificación oficial con "
                "foto.</p>"
                "<p>Por respeto a la privacidad de los pacientes, las fotografías dentro de las "
                "áreas de atención requieren el consentimiento del paciente y el permiso del "
                "responsable médico de la clínica.</p>"
            ),
        ],
    ),
]
