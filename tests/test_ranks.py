"""Ranks print in the release's language, from the one table in articles/ranks.py."""

import pytest
from django.utils import translation

from articles import ranks
from tests.factories import PersonFactory


@pytest.mark.parametrize(
    ("rank", "service", "spanish"),
    [
        ("Sgt. 1st Class", "U.S. Army", "Sargento de Primera Clase"),
        ("Lt. Col.", "U.S. Air Force", "Teniente Coronel"),
        ("Maj. Gen.", "U.S. Air Force", "Mayor General"),
        ("Capt.", "U.S. Army", "Capitán"),
        ("Capt.", "U.S. Navy", "Capitán de Navío"),
        ("Senior Airman", "U.S. Air Force", "Aviador Superior"),
        ("Sgto.", "", "Sgto."),  # a partner's own form stays as its institution writes it
        ("Cnel.", "", "Cnel."),
    ],
)
def test_ranks_in_spanish(rank, service, spanish):
    assert ranks.rank_in("es", rank, service=service) == spanish


@pytest.mark.parametrize(
    ("partner", "english"),
    [("Sgto.", "Sgt."), ("Tte.", "Lt."), ("Cap.", "Capt."), ("Cnel.", "Col."), ("Gral.", "Gen.")],
)
def test_partner_ranks_in_english(partner, english):
    assert ranks.rank_in("en", partner) == english


def test_the_service_follows_the_rank_in_spanish():
    assert (
        ranks.name_with_rank("es", rank="Staff Sgt.", service="U.S. Marine Corps", name="Ana Ruiz")
        == "Sargento Primero del Cuerpo de Infantería de Marina de EE. UU. Ana Ruiz"
    )
    assert (
        ranks.name_with_rank("en", rank="Staff Sgt.", service="U.S. Marine Corps", name="Ana Ruiz")
        == "U.S. Marine Corps Staff Sgt. Ana Ruiz"
    )


def test_every_us_service_has_its_spanish_form_and_no_rank_maps_to_nothing():
    assert all(ranks.US_SERVICES_ES.values())
    assert all(ranks.US_RANKS_ES.values()) and all(ranks.PARTNER_RANKS_EN.values())


@pytest.mark.django_db
def test_attributions_follow_the_active_language():
    person = PersonFactory(
        service="", rank="Cap.", given_name="Luis", family_name="Ocampo", title=""
    )
    with translation.override("en"):
        assert person.attribution() == "Capt. Luis Ocampo"
        assert str(person) == "Capt. Luis Ocampo"
    with translation.override("es"):
        assert person.attribution() == "Cap. Luis Ocampo"
