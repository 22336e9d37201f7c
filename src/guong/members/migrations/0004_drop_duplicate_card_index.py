"""Django already gives the unique `card_number` a `varchar_pattern_ops` index on PostgreSQL
(for prefix search), so the one migration 0002 added doubled every import's index work."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS member_card_prefix")


class Migration(migrations.Migration):
    dependencies = [("members", "0003_word_search")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
