from . import (  # noqa: F401
    articles,
    initiatives,
    media,
    organizations,
    people,
    records,
    transcripts,
)
