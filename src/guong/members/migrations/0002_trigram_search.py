"""On PostgreSQL, a trigram index makes the diacritics-free name search an index scan
(`name_folded LIKE '%…%'`) at millions of members. SQLite has no such index and scans."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS member_name_trgm ON members_member "
    "USING gin (name_folded gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS member_name_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
