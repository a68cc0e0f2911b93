"""The newsroom roles as groups: Writer, Editor, Fact-checker (documented in README.md)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Writer": [
        "events.add_event",
        "events.change_event",
        "events.view_event",
        "events.add_byline",
        "events.change_byline",
        "events.delete_byline",
        "events.view_byline",
        "events.view_topic",
        "editorial.view_author",
        "editorial.view_teammembership",
    ],
    "Editor": [
        *(
            f"{app}.{action}_{model}"
            for app, model in [
                ("events", "event"),
                ("events", "byline"),
                ("events", "topic"),
                ("editorial", "author"),
                ("editorial", "teammembership"),
            ]
            for action in ("add", "change", "delete", "view")
        ),
        "events.publish_event",
        "events.review_event",
        "events.view_publishedevent",
        "events.view_publishedbyline",
    ],
    "Fact-checker": [
        "events.view_event",
        "events.view_byline",
        "events.view_topic",
        "events.view_publishedevent",
        "editorial.view_author",
        "editorial.view_teammembership",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codes in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("editorial", "0001_initial"),
        ("events", "0002_workflow"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
