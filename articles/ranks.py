"""Ranks and services in the language of the release that prints them.

A person's rank and service are stored as the officer typed them, in English for U.S. forces
(“Sgt. 1st Class”, “U.S. Army”) or in Spanish for partner forces (“Sgto.”, “Tte. Cnel.”). A
release prints them in its own language:
- in Spanish, U.S. ranks are written out as Spanish-language U.S. government releases write them
  (“Sargento de Primera Clase”), the service follows the rank (“… del Ejército de EE. UU.”), and
  partner ranks keep the abbreviations their own institutions use (Sgto., Tte., Cap., Cnel.,
  Gral.);
- in English, partner ranks take the AP abbreviations of the U.S. equivalent (“Sgt.”, “Lt.”).
A rank missing from these tables prints as stored: add it here, nowhere else.
"""

# English (AP style, as in U.S. releases) → Spanish. Navy and Coast Guard officers' titles
# differ from the Army's for the same abbreviation: see NAVAL_RANKS_ES.
US_RANKS_ES = {
    # Officers
    "Gen.": "General",
    "Lt. Gen.": "Teniente General",
    "Maj. Gen.": "Mayor General",
    "Brig. Gen.": "General de Brigada",
    "Col.": "Coronel",
    "Lt. Col.": "Teniente Coronel",
    "Maj.": "Mayor",
    "Capt.": "Capitán",
    "1st Lt.": "Primer Teniente",
    "2nd Lt.": "Segundo Teniente",
    "Chief Warrant Officer": "Suboficial Jefe",
    "Warrant Officer": "Suboficial",
    "Adm.": "Almirante",
    "Vice Adm.": "Vicealmirante",
    "Rear Adm.": "Contraalmirante",
    # Enlisted
    "Sgt. Maj. of the Army": "Sargento Mayor del Ejército",
    "Command Sgt. Maj.": "Sargento Mayor de Comando",
    "Sgt. Maj.": "Sargento Mayor",
    "Master Sgt.": "Sargento Maestre",
    "1st Sgt.": "Primer Sargento",
    "Sgt. 1st Class": "Sargento de Primera Clase",
    "Staff Sgt.": "Sargento Primero",
    "Sgt.": "Sargento",
    "Cpl.": "Cabo",
    "Lance Cpl.": "Cabo Segundo",
    "Spc.": "Especialista",
    "Pfc.": "Soldado de Primera Clase",
    "Pvt.": "Soldado",
    "Gunnery Sgt.": "Sargento de Artillería",
    "Chief Master Sgt.": "Sargento Maestre Jefe",
    "Senior Master Sgt.": "Sargento Maestre Superior",
    "Tech. Sgt.": "Sargento Técnico",
    "Senior Airman": "Aviador Superior",
    "Airman 1st Class": "Aviador de Primera Clase",
    "Airman": "Aviador",
    "Petty Officer 1st Class": "Suboficial de Primera Clase",
    "Petty Officer 2nd Class": "Suboficial de Segunda Clase",
    "Petty Officer 3rd Class": "Suboficial de Tercera Clase",
    "Chief Petty Officer": "Suboficial Mayor",
    "Seaman": "Marinero",
    # Civilian titles written before a name
    "Ambassador": "Embajador",
    "Secretary": "Secretario",
    "Minister": "Ministro",
    "Vice Minister": "Viceministro",
    "Director": "Director",
    "Commissioner": "Comisionado",
    "Dr.": "Dr.",
}

# The same abbreviation names another grade at sea.
NAVAL_SERVICES = {"U.S. Navy", "U.S. Coast Guard"}
NAVAL_RANKS_ES = {
    "Capt.": "Capitán de Navío",
    "Cmdr.": "Capitán de Fragata",
    "Lt. Cmdr.": "Capitán de Corbeta",
    "Lt.": "Teniente de Navío",
    "Lt. j.g.": "Teniente de Fragata",
    "Ensign": "Alférez",
}

# Partner forces' own abbreviations (Panama's Public Force and its neighbours) → English (AP).
PARTNER_RANKS_EN = {
    "Gral.": "Gen.",
    "Cnel.": "Col.",
    "Tte. Cnel.": "Lt. Col.",
    "My.": "Maj.",
    "Cap.": "Capt.",
    "Tte.": "Lt.",
    "Subtte.": "2nd Lt.",
    "Sgto. My.": "Sgt. Maj.",
    "Sgto. 1ro.": "Sgt. 1st Class",
    "Sgto. 2do.": "Staff Sgt.",
    "Sgto.": "Sgt.",
    "Cbo.": "Cpl.",
    "Agte.": "Officer",
    "Comisionado": "Commissioner",
    "Subcomisionado": "Deputy Commissioner",
    "Ministro": "Minister",
    "Ministra": "Minister",
    "Embajador": "Ambassador",
    "Embajadora": "Ambassador",
    "Dra.": "Dr.",
}

# A U.S. service as it follows the rank in Spanish (“Sargento del Ejército de EE. UU.”).
US_SERVICES_ES = {
    "U.S. Army": "del Ejército de EE. UU.",
    "U.S. Navy": "de la Armada de EE. UU.",
    "U.S. Air Force": "de la Fuerza Aérea de EE. UU.",
    "U.S. Marine Corps": "del Cuerpo de Infantería de Marina de EE. UU.",
    "U.S. Space Force": "de la Fuerza Espacial de EE. UU.",
    "U.S. Coast Guard": "de la Guardia Costera de EE. UU.",
    "U.S. Army Reserve": "de la Reserva del Ejército de EE. UU.",
    "U.S. Army National Guard": "de la Guardia Nacional del Ejército de EE. UU.",
    "U.S. Air National Guard": "de la Guardia Nacional Aérea de EE. UU.",
}


def rank_in(language, rank, *, service=""):
    """`rank` as a release in `language` prints it."""
    rank = rank.strip()
    if language == "es":
        if service in NAVAL_SERVICES and rank in NAVAL_RANKS_ES:
            return NAVAL_RANKS_ES[rank]
        return US_RANKS_ES.get(rank, rank)
    return PARTNER_RANKS_EN.get(rank, rank)


def name_with_rank(language, *, rank, service, name):
    """Service, rank and name in the word order of `language`:
    “U.S. Army Sgt. 1st Class Ana Ruiz” / “Sargento de Primera Clase del Ejército de EE. UU. Ana
    Ruiz”. A partner's service (in English) or an unknown one (in Spanish) is left out of the
    Spanish form rather than printed in the wrong language."""
    localized = rank_in(language, rank, service=service)
    if language == "es":
        parts = (localized, US_SERVICES_ES.get(service, ""), name)
    else:
        parts = (service, localized, name)
    return " ".join(part for part in parts if part)
