"""gunicorn's access log without embargo tokens.

An embargo link (/embargoed/<token>/) is a bearer secret: anyone holding it reads the release
before it is out. Access logs are kept for weeks and read by more people than the desk, so the
token never reaches them: not in the request line, the path or the referring page.
"""

import re

from gunicorn.glogging import Logger

# The Spanish address (/es/embargoed/…) as well; the token ends at "/", "?", "#" or a space.
EMBARGO_TOKEN = re.compile(r"(/embargoed/)[^/?#\s\"]+")
REDACTED = r"\1[redacted]"

# The access-log atoms that can carry a path (see gunicorn's Logger.atoms).
_PATH_ATOMS = ("r", "U", "f", "{referer}i")


def redact(text):
    return EMBARGO_TOKEN.sub(REDACTED, text) if isinstance(text, str) else text


class RedactingLogger(Logger):
    """gunicorn's logger, with embargo tokens replaced by "[redacted]" in access lines."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in _PATH_ATOMS:
            if name in atoms:
                atoms[name] = redact(atoms[name])
        return atoms
