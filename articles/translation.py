"""Names, titles and descriptions that differ between English and Spanish (django-modeltranslation).

Each registered field gets a column per language in its own table (`name_en`, `name_es`):
pages keep their fixed number of queries, with no join to a translations table. Reading
`organization.name` gives the active language's value, the English one where the Spanish is
empty; a release renders in its own language (public.rendering), so its names follow it.
Personal names do not change between languages; ranks are translated by articles/ranks.py.
"""

from django.conf import settings
from django.db.models import Q
from modeltranslation.translator import TranslationOptions, register
from modeltranslation.utils import build_localized_fieldname

from articles.models import Initiative, Organization, Person, PersonRole


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("title", "bio")
    required_languages = (settings.LANGUAGE_CODE,)


@register(PersonRole)
class PersonRoleTranslation(TranslationOptions):
    # An earlier title, as a release of its day prints it in each language; the rank and
    # service are translated by articles/ranks.py, like the current ones.
    fields = ("title",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")
    # The English name is required as the name itself was; other languages may stay empty.
    required_languages = (settings.LANGUAGE_CODE,)
    # NULL, not "", for a name not translated yet: several may be empty at once.
    empty_values = {"name": None}


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("name", "summary")
    required_languages = (settings.LANGUAGE_CODE,)
    # Initiative names are unique in each language: an empty one is NULL, not a duplicate "".
    empty_values = {"name": None}


def in_any_language(field, value, *, lookup="iexact"):
    """A Q matching `value` in any language's column of the translated `field`: a name typed
    in either language finds the record (modeltranslation's own lookups look only in the
    active language's, and an untranslated one would be created again)."""
    condition = Q()
    for code, _name in settings.LANGUAGES:
        condition |= Q(**{f"{build_localized_fieldname(field, code)}__{lookup}": value})
    return condition
