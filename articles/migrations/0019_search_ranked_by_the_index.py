from django.db import migrations

GIN_INDEX = "articles_searchdocument_vector_gin"


def recreate_gin_index(apps, schema_editor):
    """Going back: the vector's GIN index, as migration 0007 made it (PostgreSQL only). The
    vectors themselves come back empty: `manage.py rebuild_search_index` on that code fills them."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX {GIN_INDEX} ON articles_searchdocument USING gin (vector)"
        )


class Migration(migrations.Migration):
    """Searches are ranked by the search index (public.search_engine), not PostgreSQL: the
    weighted vector and its GIN index (dropped with the column) go."""

    dependencies = [
        ("articles", "0018_topic_links_indexed_by_topic"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_gin_index),
        migrations.RemoveField(
            model_name="searchdocument",
            name="vector",
        ),
    ]
