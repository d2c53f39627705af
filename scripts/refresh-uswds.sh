#!/usr/bin/env bash
# Refresh the vendored U.S. Web Design System (USWDS) under static/vendor/uswds/.
#
# Downloads the npm package @uswds/uswds (latest 3.x unless a spec is given)
# with `npm pack`, and copies only the compiled pieces the site uses:
#   css/uswds.min.css, js/uswds.min.js, js/uswds-init.min.js,
#   every font and image that uswds.min.css references with url(...),
#   the banner images (us_flag_small.png, icon-dot-gov.svg, icon-https.svg),
#   the icon sprite img/sprite.svg (used as <svg><use href="...sprite.svg#name">),
#   LICENSE.md and a VERSION file.
# Source maps are not vendored, and their sourceMappingURL comments are removed:
# a dangling reference would make collectstatic with a manifest storage fail.
# Finally checks that every url(...) in the CSS resolves to a vendored file.
#
# Usage: scripts/refresh-uswds.sh [npm version spec, default "3"]
#   e.g. scripts/refresh-uswds.sh 3.14.0
set -euo pipefail

SPEC="${1:-3}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/static/vendor/uswds"

for tool in npm tar python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "refresh-uswds.sh: $tool is required" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "Fetching @uswds/uswds@$SPEC ..."
TARBALL="$(cd "$WORK" && npm pack "@uswds/uswds@$SPEC" --silent 2>/dev/null | tail -n 1)"
tar -xzf "$WORK/$TARBALL" -C "$WORK"
PKG="$WORK/package"
VERSION="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$PKG/package.json")"
case "$VERSION" in
    3.*) ;;
    *) echo "refresh-uswds.sh: expected USWDS 3.x, got $VERSION" >&2; exit 1 ;;
esac

rm -rf "$DEST"
mkdir -p "$DEST"

python3 - "$PKG" "$DEST" "$VERSION" <<'PY'
import re
import shutil
import sys
from pathlib import Path

pkg, dest, version = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
dist = pkg / "dist"

SOURCE_MAP = re.compile(r"\n?(/\*# sourceMappingURL=[^*]*\*/|//# sourceMappingURL=\S*)\s*$")
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")


def copy(relative):
    source, target = dist / relative, dest / relative
    if not source.is_file():
        sys.exit(f"refresh-uswds.sh: {relative} is missing from the USWDS {version} package")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def copy_without_source_map(relative):
    copy(relative)
    target = dest / relative
    text = target.read_text(encoding="utf-8")
    target.write_text(SOURCE_MAP.sub("", text) + "\n", encoding="utf-8")


def css_references(css_path):
    """Package-relative paths of the local files a stylesheet's url(...) points to."""
    refs = set()
    for _quote, url in CSS_URL.findall(css_path.read_text(encoding="utf-8")):
        url = url.split("#")[0].split("?")[0].strip()
        # Skip empty url() (used in @supports feature tests), data: URIs, absolute URLs.
        if not url or re.match(r"^[a-z][a-z0-9+.-]*:", url) or url.startswith("/"):
            continue
        refs.add((css_path.parent / url).resolve())
    return refs


for relative in ("css/uswds.min.css", "js/uswds.min.js", "js/uswds-init.min.js"):
    copy_without_source_map(relative)

css = dist / "css" / "uswds.min.css"
referenced = sorted(css_references(css))
for path in referenced:
    copy(path.relative_to(dist.resolve()))

for relative in (
    "img/us_flag_small.png",
    "img/icon-dot-gov.svg",
    "img/icon-https.svg",
    "img/sprite.svg",
):
    copy(relative)

shutil.copyfile(pkg / "LICENSE.md", dest / "LICENSE.md")
(dest / "VERSION").write_text(version + "\n", encoding="utf-8")

# Every url(...) in the vendored CSS must resolve to a vendored file.
missing = [
    str(path) for path in css_references(dest / "css" / "uswds.min.css") if not path.is_file()
]
if missing:
    sys.exit("refresh-uswds.sh: unresolved url(...) in uswds.min.css:\n  " + "\n  ".join(missing))
leftover = [
    str(p.relative_to(dest))
    for p in dest.rglob("*")
    if p.suffix in {".css", ".js"} and "sourceMappingURL" in p.read_text(encoding="utf-8")
]
if leftover:
    sys.exit(f"refresh-uswds.sh: sourceMappingURL left in {leftover}")
print(f"USWDS {version}: {len(referenced)} files referenced by uswds.min.css, all vendored")
PY

echo "Vendored USWDS $VERSION into ${DEST#"$ROOT"/} ($(find "$DEST" -type f | wc -l) files, $(du -sh "$DEST" | cut -f1))"
