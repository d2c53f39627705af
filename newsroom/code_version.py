"""A fingerprint of the code that renders pages, for the cache's key prefix.

Cached pages and release content are renderings of the templates, translations, static files
(their hashed names are in the pages) and Python code. Redis outlives a deploy, so without this
a deploy that fixes a template would go on serving the old pages until they expire (up to a day
for release content). With the fingerprint in every key, a deploy that changes any of these
starts a fresh cache namespace; the old entries are never read again and Redis evicts them
(allkeys-lru in docker-compose.yml). Every worker and container built from the same files
computes the same fingerprint.
"""

import hashlib
from pathlib import Path

RENDERING_CODE = ("articles", "newsroom", "public", "templates", "locale", "static")


def code_version(base_dir):
    digest = hashlib.blake2b(digest_size=8)
    for folder in RENDERING_CODE:
        root = Path(base_dir) / folder
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(base_dir).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
