"""The cache's key prefix follows the code that renders pages."""

import shutil

from django.conf import settings

from newsroom.code_version import RENDERING_CODE, code_version


def copy_of_the_code(tmp_path):
    for folder in RENDERING_CODE:
        shutil.copytree(
            settings.BASE_DIR / folder,
            tmp_path / folder,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
    return tmp_path


def test_a_changed_template_gives_a_new_cache_namespace(tmp_path):
    copy = copy_of_the_code(tmp_path)
    assert code_version(copy) == code_version(settings.BASE_DIR)
    template = copy / "templates" / "public" / "article_detail.html"
    template.write_text(template.read_text().replace("release_html", "release_body"))
    assert code_version(copy) != code_version(settings.BASE_DIR)


def test_a_change_to_html_written_in_python_gives_a_new_cache_namespace(tmp_path):
    """The release's <article> is written by public/release_html.py: a deploy that changes it
    must not go on serving the pages the old code rendered."""
    copy = copy_of_the_code(tmp_path)
    module = copy / "public" / "release_html.py"
    module.write_text(module.read_text().replace("newsroom-article", "newsroom-release"))
    assert code_version(copy) != code_version(settings.BASE_DIR)
