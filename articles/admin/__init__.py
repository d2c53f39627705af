from . import articles, initiatives, media, organizations, people  # noqa: F401
