from . import articles, initiatives, media, organizations, people, records  # noqa: F401
