from django.db import migrations


def keep_vectors_inline(apps, schema_editor):
    """PostgreSQL only (SQLite never fills `vector`). A search ranks the vector of each of up to
    501 candidates; stored out of line (TOAST), as a row this long puts its largest column, each
    costs a TOAST index lookup and fetch: 3 of the 3.4 ms of ranking one common word over 1,000
    releases, against 1 ms read inline. MAIN keeps a vector in its row unless the row cannot fit
    a page even with the text columns moved out. ALTER … SET STORAGE only applies to values
    written from then on, so every vector is written again (`|| ''` makes it a new value, the
    same lexemes and positions; a plain `vector = vector` would keep the TOAST pointer)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_searchdocument ALTER COLUMN vector SET STORAGE MAIN"
        )
        schema_editor.execute(
            "UPDATE articles_searchdocument SET vector = vector || ''::tsvector"
            " WHERE vector IS NOT NULL"
        )


def store_vectors_as_before(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE articles_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_earlier_titles_in_both_languages"),
    ]

    operations = [
        migrations.RunPython(keep_vectors_inline, store_vectors_as_before),
    ]
