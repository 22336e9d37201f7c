from django.db import migrations


def load(apps, schema_editor):
    from guong.core.rulesets import sync_from_files

    sync_from_files(apps.get_model("core", "RuleSet"))


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
