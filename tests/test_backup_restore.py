"""Backup and restore: a release, its blocks, its revisions and its images come back identical."""

import hashlib
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.core import serializers
from django.core.management import CommandError, call_command
from reversion.models import Version

from articles.models import Article, Image, ImageBlock, ImageRendition, RichText
from tests.factories import ArticleFactory, ImageFactory, add_blocks

pytestmark = pytest.mark.django_db(transaction=True)


def state():
    """The rows a reader and an editor depend on, and the bytes of every media file."""
    rows = {
        model.__name__: serializers.serialize("json", model.objects.order_by("pk"))
        for model in (Article, RichText, ImageBlock, Image, ImageRendition, Version)
    }
    media_root = Path(settings.MEDIA_ROOT)
    files = {
        str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }
    return rows, files


@pytest.fixture
def newsroom_with_history():
    article = ArticleFactory(headline="Engineers finish the clinic")
    add_blocks(article, 4)
    ImageBlock.objects.create(parent=article, region="body", ordering=99, image=ImageFactory())
    for headline in ("Engineers finish the clinic in Yaviza", "Clinic opens in Yaviza"):
        with reversion.create_revision():
            article.headline = headline
            article.save()
    assert Version.objects.get_for_object(article).count() == 2
    return article


def test_a_restore_brings_back_releases_blocks_revisions_and_images(
    newsroom_with_history, tmp_path, client
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    before = state()
    assert before[1], "the images' files are part of the state"

    # Disaster: the release is deleted, a file is lost, a stray file appears.
    Article.objects.all().delete()
    Image.objects.all().delete()
    first_file = next(Path(settings.MEDIA_ROOT).rglob("*.*"), None)
    if first_file is not None:
        first_file.unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("not in the backup")
    assert state() != before

    found = "Clinic opens in <mark>Yaviza</mark>"
    assert found not in client.get("/search/", {"q": "Yaviza"}).content.decode()

    call_command("restore", str(archive), "--yes")
    assert state() == before
    article = Article.objects.get()
    assert article.headline == "Clinic opens in Yaviza"
    # The search index is rebuilt from the restored database.
    assert found in client.get("/search/", {"q": "Yaviza"}).content.decode()
    assert [v.field_dict["headline"] for v in Version.objects.get_for_object(article)] == [
        "Clinic opens in Yaviza",
        "Engineers finish the clinic in Yaviza",
    ]


def test_restore_asks_before_replacing_everything(newsroom_with_history, tmp_path, monkeypatch):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    Article.objects.all().delete()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(archive))
    assert not Article.objects.exists()


def test_restore_of_a_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "missing.tar.gz"), "--yes")
