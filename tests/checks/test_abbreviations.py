import pytest

from tests.checks.helpers import add_rich_text, draft, findings, paragraphs
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def body(*texts):
    article = draft()
    add_rich_text(article, paragraphs(*texts))
    return article


def test_an_abbreviation_used_before_it_is_spelled_out_is_a_warning_at_first_use():
    article = body(
        "Soldiers joined JSCG-P planners on Monday.",
        "The Joint Security Cooperation Group–Panama (JSCG-P) leads the effort.",
    )
    found = findings(article, "abbreviation")
    assert [(f.location.label, f.is_error) for f in found] == [
        ("Block 1 (rich text), line 1", False)
    ]
    assert "“JSCG-P” is used here before it is spelled out (Block 1 (rich text), line 2)" in (
        found[0].message
    )


def test_a_known_organization_suggests_its_full_name():
    OrganizationFactory(name="Joint Security Cooperation Group–Panama", abbreviation="JSCG-P")
    article = body("Master Sgt. Deras is the JSCG-P senior enlisted leader.")
    (finding,) = findings(article, "abbreviation")
    assert "“JSCG-P” is never spelled out" in finding.message
    assert "“Joint Security Cooperation Group–Panama (JSCG-P)”" in finding.message


def test_mixed_case_abbreviations_of_known_organizations_are_checked():
    OrganizationFactory(name="Joint Task Force-Isthmus", abbreviation="JTF-Isthmus")
    article = body("Engineers from JTF-Isthmus built the clinic.")
    (finding,) = findings(article, "abbreviation")
    assert finding.subject == "JTF-Isthmus"


@pytest.mark.parametrize(
    "texts",
    [
        ("The Joint Security Cooperation Group–Panama (JSCG-P) met.", "Later, JSCG-P said so."),
        ("SENAFRONT (Servicio Nacional de Fronteras) patrols.", "SENAFRONT grew."),
        ("The National Border Service, known by its Spanish acronym SENAFRONT, trained.",),
        ("The U.S. and NATO allies met the UN team.",),  # the common-abbreviation setting
        ("OUR PRIORITIES", "PANAMA CITY, Panama — The course began."),  # capitals, not acronyms
        ("World War II veterans and Super Bowl XX fans.",),  # Roman numerals
        ("A Memorandum of Understanding (MOU) was signed.", "Two more MOUs followed."),
    ],
)
def test_spelled_out_common_and_non_abbreviations_are_fine(texts):
    assert findings(body(*texts), "abbreviation") == []


def test_the_common_abbreviations_come_from_a_setting(settings):
    settings.NEWSROOM_CHECKS_COMMON_ABBREVIATIONS = ["DoD"]
    (finding,) = findings(body("NATO allies met."), "abbreviation")
    assert finding.subject == "NATO"


def test_each_abbreviation_is_reported_once():
    article = body("JSCG-P met.", "JSCG-P left.", "JSCG-P returned.")
    assert len(findings(article, "abbreviation")) == 1
