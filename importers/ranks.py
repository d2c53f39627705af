"""Vocabulary for reading who said something: services, ranks and civilian titles, as data.

Each dict maps the AP-style form we store to the other ways it reaches us (spelled out, the
services' own abbreviations). Matching ignores missing periods ("Sgt" for "Sgt."), so variants
need not list both. Extend these tables rather than the parsing code.
"""

from articles.ranks import PARTNER_RANKS_EN

# Service prefixes written before a rank: "U.S. Army Sgt. 1st Class Travis Squiers".
SERVICES: dict[str, tuple[str, ...]] = {
    "U.S. Army": ("US Army", "United States Army"),
    "U.S. Army Reserve": ("US Army Reserve",),
    "U.S. Navy": ("US Navy", "United States Navy"),
    "U.S. Navy Reserve": ("US Navy Reserve",),
    "U.S. Air Force": ("US Air Force", "United States Air Force"),
    "U.S. Air Force Reserve": ("US Air Force Reserve",),
    "U.S. Marine Corps": ("US Marine Corps", "United States Marine Corps", "U.S. Marine"),
    "U.S. Marine Corps Reserve": (),
    "U.S. Space Force": ("US Space Force", "United States Space Force"),
    "U.S. Coast Guard": ("US Coast Guard", "United States Coast Guard"),
    "Army National Guard": (),
    "Air National Guard": (),
    "Army": (),
    "Navy": (),
    "Air Force": (),
    "Marine Corps": ("Marine",),
    "Space Force": (),
    "Coast Guard": (),
}

# Service abbreviations written after a name: "Capt. Robert Green, USN".
SERVICE_SUFFIXES: dict[str, str] = {
    "USA": "U.S. Army",
    "USAR": "U.S. Army Reserve",
    "ARNG": "Army National Guard",
    "USN": "U.S. Navy",
    "USNR": "U.S. Navy Reserve",
    "USAF": "U.S. Air Force",
    "USAFR": "U.S. Air Force Reserve",
    "ANG": "Air National Guard",
    "USMC": "U.S. Marine Corps",
    "USMCR": "U.S. Marine Corps Reserve",
    "USSF": "U.S. Space Force",
    "USCG": "U.S. Coast Guard",
}

# Nationality written before a (usually civilian) title: "Panamanian Minister …".
NATIONAL_PREFIXES: dict[str, tuple[str, ...]] = {
    "U.S.": ("US", "United States", "American"),
    "Panamanian": (),
    "Colombian": (),
    "Costa Rican": (),
    "Guatemalan": (),
    "Honduran": (),
    "Salvadoran": (),
    "Nicaraguan": (),
    "Belizean": (),
    "Mexican": (),
    "Dominican": (),
    "Ecuadorian": (),
    "Peruvian": (),
    "Chilean": (),
    "Brazilian": (),
    "Argentine": (),
    "Canadian": (),
    "British": (),
    "French": (),
}

MILITARY_RANKS: dict[str, tuple[str, ...]] = {
    # Officers (all services; Navy and Coast Guard below)
    "Gen.": ("General", "GEN"),
    "Lt. Gen.": ("Lieutenant General", "LTG", "Lt Gen"),
    "Maj. Gen.": ("Major General", "MG", "Maj Gen"),
    "Brig. Gen.": ("Brigadier General", "BG", "Brig Gen"),
    "Col.": ("Colonel", "COL"),
    "Lt. Col.": ("Lieutenant Colonel", "LTC", "Lt Col"),
    "Maj.": ("Major", "MAJ"),
    "Capt.": ("Captain", "CPT", "Capt"),
    "1st Lt.": ("First Lieutenant", "1LT", "1st Lieutenant"),
    "2nd Lt.": ("Second Lieutenant", "2LT", "2nd Lieutenant"),
    "Chief Warrant Officer 5": ("CW5",),
    "Chief Warrant Officer 4": ("CW4",),
    "Chief Warrant Officer 3": ("CW3",),
    "Chief Warrant Officer 2": ("CW2",),
    "Chief Warrant Officer": (),
    "Warrant Officer": ("WO1",),
    # Army enlisted
    "Sgt. Maj. of the Army": ("Sergeant Major of the Army", "SMA"),
    "Command Sgt. Maj.": ("Command Sergeant Major", "CSM"),
    "Sgt. Maj.": ("Sergeant Major", "SGM", "SgtMaj"),
    "1st Sgt.": ("First Sergeant", "1SG", "1stSgt", "1st Sergeant"),
    "Master Sgt.": ("Master Sergeant", "MSG", "MSgt"),
    "Sgt. 1st Class": (
        "Sergeant First Class",
        "Sergeant 1st Class",
        "Sgt. First Class",
        "SFC",
    ),
    "Staff Sgt.": ("Staff Sergeant", "SSG", "SSgt"),
    "Sgt.": ("Sergeant", "SGT", "Sgt"),
    "Cpl.": ("Corporal", "CPL", "Cpl"),
    "Spc.": ("Specialist", "SPC"),
    "Pfc.": ("Private First Class", "Private 1st Class", "PFC", "PFC."),
    "Pvt. 2": ("Private 2", "PV2"),
    "Pvt.": ("Private", "PVT", "PV1"),
    # Marine Corps enlisted
    "Sgt. Maj. of the Marine Corps": ("Sergeant Major of the Marine Corps", "SMMC"),
    "Master Gunnery Sgt.": ("Master Gunnery Sergeant", "MGySgt"),
    "Gunnery Sgt.": ("Gunnery Sergeant", "GySgt"),
    "Lance Cpl.": ("Lance Corporal", "LCpl"),
    # Air Force and Space Force enlisted
    "Chief Master Sgt. of the Air Force": ("Chief Master Sergeant of the Air Force", "CMSAF"),
    "Chief Master Sgt. of the Space Force": ("Chief Master Sergeant of the Space Force",),
    "Command Chief Master Sgt.": ("Command Chief Master Sergeant",),
    "Chief Master Sgt.": ("Chief Master Sergeant", "CMSgt"),
    "Senior Master Sgt.": ("Senior Master Sergeant", "SMSgt"),
    "Tech. Sgt.": ("Technical Sergeant", "TSgt"),
    "Senior Airman": ("SrA",),
    "Airman 1st Class": ("Airman First Class", "A1C"),
    "Airman Basic": ("AB",),
    "Airman": (),
    "Spc. 4": ("Specialist 4",),
    "Spc. 3": ("Specialist 3",),
    "Spc. 2": ("Specialist 2",),
    "Spc. 1": ("Specialist 1",),
    # Navy and Coast Guard officers
    "Fleet Adm.": ("Fleet Admiral",),
    "Adm.": ("Admiral", "ADM"),
    "Vice Adm.": ("Vice Admiral", "VADM"),
    "Rear Adm.": ("Rear Admiral", "RADM", "Rear Admiral (lower half)", "Rear Adm. (lower half)"),
    "Cmdr.": ("Commander", "CDR", "Cdr."),
    "Lt. Cmdr.": ("Lieutenant Commander", "LCDR", "Lt. Cdr."),
    "Lt. j.g.": ("Lieutenant Junior Grade", "Lieutenant (junior grade)", "Lt. (j.g.)", "LTJG"),
    "Lt.": ("Lieutenant", "LT"),
    "Ensign": ("ENS",),
    # Navy and Coast Guard enlisted ("Mass Communication Specialist 2nd Class" is matched by
    # RATING_PATTERN below)
    "Master Chief Petty Officer of the Navy": ("MCPON",),
    "Master Chief Petty Officer of the Coast Guard": ("MCPOCG",),
    "Fleet Master Chief Petty Officer": ("Fleet Master Chief",),
    "Force Master Chief Petty Officer": ("Force Master Chief",),
    "Command Master Chief Petty Officer": ("Command Master Chief", "CMDCM"),
    "Master Chief Petty Officer": ("Master Chief", "MCPO"),
    "Senior Chief Petty Officer": ("Senior Chief", "SCPO"),
    "Chief Petty Officer": ("CPO",),
    "Petty Officer 1st Class": ("Petty Officer First Class", "PO1"),
    "Petty Officer 2nd Class": ("Petty Officer Second Class", "PO2"),
    "Petty Officer 3rd Class": ("Petty Officer Third Class", "PO3"),
    "Seaman": ("SN",),
    "Seaman Apprentice": ("SA",),
    "Seaman Recruit": ("SR",),
}

CIVILIAN_TITLES: dict[str, tuple[str, ...]] = {
    "Secretary of Defense": ("Defense Secretary", "SecDef"),
    "Secretary of War": ("War Secretary",),
    "Deputy Secretary of Defense": ("Deputy Defense Secretary",),
    "Deputy Secretary of War": (),
    "Secretary of State": (),
    "Secretary of the Army": ("Army Secretary",),
    "Secretary of the Navy": ("Navy Secretary",),
    "Secretary of the Air Force": ("Air Force Secretary",),
    "Secretary of Homeland Security": ("Homeland Security Secretary",),
    "Pentagon Press Secretary": (),
    "Press Secretary": (),
    "Under Secretary": ("Undersecretary",),
    "Assistant Secretary": (),
    "Deputy Secretary": (),
    "Secretary": (),
    "President": (),
    "Vice President": (),
    "Deputy Minister": (),
    "Vice Minister": ("Viceminister",),
    "Minister": (),
    "Ministra": (),
    "Ministro": (),
    "Viceministro": (),
    "Ambassador": ("Amb.",),
    "Chargé d’Affaires": ("Charge d'Affaires", "Chargé d'Affaires", "Charge d’Affaires"),
    "Director General": (),
    "Deputy Director": (),
    "Director": (),
    "Commissioner": (),
    "Deputy Commissioner": (),
    "Administrator": (),
    "Gov.": ("Governor",),
    "Sen.": ("Senator",),
    "Rep.": ("Representative",),
    "Mayor": (),
    "Dr.": ("Doctor",),
    "Mr.": (),
    "Ms.": (),
    "Mrs.": (),
}

# Spanish ranks and titles, kept as written in a Spanish release ("dijo la embajadora …" becomes
# "Embajadora"): the person's record is read in the release's language. Matched in lower case too,
# since Spanish writes them so in running text. "General" and "Mayor" are spelled as in English
# and live in the tables above.
SPANISH_RANKS: dict[str, tuple[str, ...]] = {
    "Embajador": (),
    "Embajadora": (),
    "Encargado de Negocios": (),
    "Encargada de Negocios": (),
    "Comisionado": (),
    "Comisionada": (),
    "Subcomisionado": (),
    "Subcomisionada": (),
    "Ministro": (),
    "Ministra": (),
    "Viceministro": (),
    "Viceministra": (),
    "Almirante": (),
    "Vicealmirante": (),
    "Contralmirante": (),
    "Coronel": (),
    "Teniente Coronel": (),
    "Capitán": ("Capitan",),
    "Capitana": (),
    "Teniente": (),
    "Subteniente": (),
    "Sargento Mayor": (),
    "Sargento Primero": (),
    "Sargento": (),
    "Cabo": (),
    "Agente": (),
    "Gobernador": (),
    "Gobernadora": (),
    "Alcalde": (),
    "Alcaldesa": (),
    # Partner forces' abbreviations ("el Cnel. Tomás Quirós"), from the one table the site
    # prints them with; "My." is left out: without its period it is the English "My".
    **{rank: () for rank in PARTNER_RANKS_EN if rank != "My."},
}

# What Spanish running text writes in lower case before a name ("dijo la mayor Ana Ruiz").
SPANISH_LOWER_CASE_RANKS: tuple[str, ...] = (
    *(form for canonical, others in SPANISH_RANKS.items() for form in (canonical, *others)),
    "Mayor",
    "General",
)

# Titles that take a complement before the name: "Minister of Public Security Frank Ábrego",
# "Ambassador to Panama Kevin Cabrera", "Under Secretary of Defense for Policy Jane Doe".
TITLES_WITH_COMPLEMENT: frozenset[str] = frozenset(
    {
        "Secretary",
        "Under Secretary",
        "Assistant Secretary",
        "Deputy Secretary",
        "Minister",
        "Deputy Minister",
        "Vice Minister",
        "Ministra",
        "Ministro",
        "Viceministro",
        "Viceministra",
        "Ambassador",
        "Director",
        "Deputy Director",
        "Director General",
        "Commissioner",
        "Administrator",
        "Secretary of Defense",
        "Secretary of War",
    }
)

# Navy ratings: "Mass Communication Specialist 2nd Class", "Hospital Corpsman 3rd Class".
RATING_PATTERN = (
    r"(?:Chief\s+|Senior\s+Chief\s+|Master\s+Chief\s+)?"
    r"(?:[A-Z][a-z’']+\s+){1,4}(?:1st|2nd|3rd|First|Second|Third)\s+Class"
)

# Written abbreviations that end in a period but do not end a sentence.
COMMON_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Ft", "Mt", "No", "Nos", "vs", "etc", "Inc",
        "Co", "Corp", "Ltd", "Dept", "Gov", "Sen", "Rep", "Amb", "Jan", "Feb", "Mar", "Apr",
        "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Ala", "Ariz", "Ark", "Calif",
        "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
        "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Va",
        "Vt", "Wash", "Wis", "Wyo", "approx", "e.g", "i.e", "a.m", "p.m", "EE", "UU",
    }
)  # fmt: skip

# Unit words that make a phrase read as an organization ("25th Infantry Division").
UNIT_WORDS: frozenset[str] = frozenset(
    {
        "Division", "Brigade", "Regiment", "Battalion", "Squadron", "Wing", "Group", "Command",
        "Fleet", "Corps", "Company", "Battery", "Troop", "Detachment", "Force", "Forces",
        "Task", "Team", "Unit", "Agency", "Ministry", "Department", "Office", "Center",
        "Centre", "School", "Course", "Academy", "Institute", "Service", "Servicio", "Guard",
        "Police", "Policía", "Policia", "Army", "Navy", "Marines", "Embassy", "Headquarters",
        "Staff", "Bureau", "Directorate", "Administration", "Council", "Committee", "Base",
        "Station", "Garrison", "Airlift", "Expeditionary", "Southern", "Northern", "Hospital",
        "Embajada", "Ministerio", "Autoridad", "Sistema", "Ejército", "Armada", "Guardia",
        "Comando", "Fuerza", "Fuerzas", "Grupo", "Escuadrón", "Batallón", "Brigada",
    }
)  # fmt: skip

# The service a unit belongs to, for people whose service the release leaves to the unit
# ("Sgt. Maj. Jane Doe, senior enlisted leader with the 24th Marine Expeditionary Unit").
# The first entry whose words occur in the unit's name wins, so the specific ones come first.
UNIT_SERVICES: tuple[tuple[str, str], ...] = (
    ("Marine Expeditionary", "U.S. Marine Corps"),
    ("Marine Regiment", "U.S. Marine Corps"),
    ("Marine Division", "U.S. Marine Corps"),
    ("Marine Aircraft", "U.S. Marine Corps"),
    ("Marine Logistics", "U.S. Marine Corps"),
    ("Naval", "U.S. Navy"),
    ("Construction Battalion", "U.S. Navy"),
    ("Carrier Strike Group", "U.S. Navy"),
    ("USS", "U.S. Navy"),
    ("Aviation Regiment", "U.S. Army"),
    ("Aviation Brigade", "U.S. Army"),
    ("Infantry", "U.S. Army"),
    ("Cavalry", "U.S. Army"),
    ("Airborne", "U.S. Army"),
    ("Field Hospital", "U.S. Army"),
    ("Special Forces Group", "U.S. Army"),
    ("Engineer Company", "U.S. Army"),
    ("Engineer Battalion", "U.S. Army"),
    ("Engineer Brigade", "U.S. Army"),
    ("Security Force Assistance", "U.S. Army"),
    ("Air Base", "U.S. Air Force"),
    ("Airlift", "U.S. Air Force"),
    ("Air Wing", "U.S. Air Force"),
    ("Squadron", "U.S. Air Force"),
    ("Wing", "U.S. Air Force"),
)
