"""Name search matches the beginnings of words, so on PostgreSQL a GIN index over the words
of `name_folded` replaces the trigram index: trigrams of short words ("le", "an") match
tens of thousands of rows that must then be rechecked, words do not."""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS member_name_trgm",
    "CREATE INDEX IF NOT EXISTS member_name_words ON members_member "
    "USING gin (to_tsvector('simple', name_folded))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS member_name_words",
    "CREATE INDEX IF NOT EXISTS member_name_trgm ON members_member "
    "USING gin (name_folded gin_trgm_ops)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("members", "0002_trigram_search")]
    operations = [migrations.RunPython(forward, backward)]
