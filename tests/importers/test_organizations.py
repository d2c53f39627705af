"""Organizations and their abbreviations."""

from importers.organizations import find_organizations, schwartz_hearst
from importers.structure import ParsedOrganization


def test_spelled_out_with_abbreviation_in_parentheses():
    text = (
        "Marines trained with the Servicio Nacional de Fronteras (SENAFRONT) and the "
        "U.S. Southern Command (SOUTHCOM). Later SENAFRONT hosted a visit by the "
        "Servicio Nacional de Fronteras (SENAFRONT) again."
    )
    assert find_organizations(text) == [
        ParsedOrganization("Servicio Nacional de Fronteras", "SENAFRONT"),
        ParsedOrganization("U.S. Southern Command", "SOUTHCOM"),
    ]


def test_schwartz_hearst_picks_the_right_start():
    assert (
        schwartz_hearst("JTF-B", "Soldiers assigned to the Joint Task Force-Bravo")
        == "Joint Task Force-Bravo"
    )
    assert schwartz_hearst("XYZ", "nothing matches here") is None


def test_abbreviation_used_elsewhere_is_expanded():
    text = (
        "The 25th Infantry Division joined the Joint Security Cooperation Group-Panama. "
        "Members of the 25th ID met JSCG-P staff."
    )
    assert find_organizations(text) == [
        ParsedOrganization("25th Infantry Division", "25th ID"),
        ParsedOrganization("Joint Security Cooperation Group-Panama", "JSCG-P"),
    ]


def test_known_organizations_without_accents():
    found = find_organizations("Partners included Policia Nacional de Panama and others.")
    assert found == [ParsedOrganization("Policía Nacional de Panamá", "PN")]


def test_nothing_found():
    assert find_organizations("The U.S. and Panama signed an agreement in 2025.") == []
