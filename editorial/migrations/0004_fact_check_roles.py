"""The fact-check queue in the newsroom roles (documented in README.md).

Fact-checkers work the queue (view and change reports, which includes resolving them) but still
cannot publish: publishing a correction stays with editors (events.publish_event).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORT_PERMISSIONS = {
    "Fact-checker": ["view", "change"],
    "Editor": ["add", "change", "delete", "view"],
}


def _permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(
            content_type__app_label="editorial", codename=f"{action}_factcheckreport"
        )
        for action in actions
    ]


def add_report_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    app_config = apps.get_app_config("editorial")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for role, actions in REPORT_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*_permissions(apps, actions))


def remove_report_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, actions in REPORT_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(*_permissions(apps, actions))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0003_fact_check_report"),
    ]

    operations = [migrations.RunPython(add_report_permissions, remove_report_permissions)]
