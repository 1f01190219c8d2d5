"""The names `roles.setup_roles` gives its groups, workflow and task, shown in the admin
user's language while the database keeps the English ones that code looks them up by.

Wagtail reads `workflow.name`, `task.name` and `group.name` in some forty places
(templates, action menus, messages, notifications); overriding them all would be a
fork. Instead, a row stored under one of these names is loaded (`post_init`) with a
`StoredName` as its name: the stored English string for comparisons, hashing and the
database, and the translation in the active language wherever it becomes text: a
template, `%`-formatting, an f-string, `str()`. That covers the page header's workflow
status, the "Submit to Medical review" action, the dashboard, the workflow history,
the workflow, task and group listings and the user form's group choices.

What stays English: text Wagtail builds by concatenating (`+`) or serialises to JSON,
which is the activity log's record of a workflow (it keeps the names of the time), and
searches of the group listing (they match the stored name).

An edit form shows the translated name, and an admin who saves it unchanged would
store it: `keep_stored_name` (`pre_save`) stores the English name again when the name
saved is a translation of the one the row was loaded with. Typing any other name
renames the row, as in English (and `setup_roles` then creates its own again).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.db.models.signals import post_init, post_save, pre_save
from django.utils import translation
from django.utils.translation import pgettext_lazy
from wagtail.models import Task, Workflow

from .roles import EDITORS_GROUP, REVIEW_TASK, REVIEW_WORKFLOW, REVIEWERS_GROUP

# The stored (English) name -> its translation, in a context of its own: these are
# names, not words of a sentence. The literals repeat the English for makemessages; a
# test checks that they match `roles`.
NAMES = {
    EDITORS_GROUP: pgettext_lazy("name of a group, workflow or task", "Editors"),
    REVIEWERS_GROUP: pgettext_lazy(
        "name of a group, workflow or task", "Medical reviewers"
    ),
    REVIEW_WORKFLOW: pgettext_lazy(
        "name of a group, workflow or task", "Medical review"
    ),
    REVIEW_TASK: pgettext_lazy("name of a group, workflow or task", "Medical review"),
}
TRANSLATORS = pgettext_lazy(
    "name of a group, workflow or task", "Translators: %(code)s"
)
# What `roles.translators_group_name` makes (a test checks it).
TRANSLATORS_NAME = re.compile(r"^Translators: (?P<code>[\w-]+)$")

CATALOGUES = Path(__file__).resolve().parent / "locale"


def is_role_name(name: str) -> bool:
    return name in NAMES or TRANSLATORS_NAME.match(name) is not None


def shown_name(stored: str) -> str:
    """`stored` in the active language (itself when it is not one of these names)."""
    if stored in NAMES:
        return str(NAMES[stored])
    if match := TRANSLATORS_NAME.match(stored):
        return str(TRANSLATORS) % {"code": match["code"]}
    return stored


@cache
def catalogue_languages() -> tuple[str, ...]:
    """The languages this app has a catalogue for: those in which a name may differ
    from the stored one."""
    return tuple(
        sorted(
            translation.to_language(folder.name)
            for folder in CATALOGUES.iterdir()
            if (folder / "LC_MESSAGES" / "django.mo").exists()
        )
    )


def translations_of(stored: str) -> set[str]:
    translations = set()
    for code in catalogue_languages():
        with translation.override(code):
            translations.add(shown_name(stored))
    return translations


class StoredName(str):
    """A name as stored (the string's own value: equality, hashing, the database),
    which turns into text in the active language."""

    def __str__(self) -> str:
        return shown_name(str.__str__(self))

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)

    def __reduce__(self):
        # Pickled (cached) rows come back with their names shown translated.
        return (StoredName, (str.__str__(self),))


def show_in_admin_language(sender, instance, **kwargs) -> None:
    """post_init, and post_save (after `keep_stored_name`): a row stored under one of
    these names shows it translated."""
    name = instance.__dict__.get("name")  # absent when the field is deferred
    if type(name) is str and is_role_name(name):
        instance.name = StoredName(name)
        instance._role_name_loaded = name


def keep_stored_name(sender, instance, **kwargs) -> None:
    """pre_save: the English name, not its translation, goes back to the database."""
    name = instance.name
    if isinstance(name, StoredName):
        instance.name = str.__str__(name)
        return
    loaded = instance.__dict__.get("_role_name_loaded")
    if loaded and isinstance(name, str) and name in translations_of(loaded):
        instance.name = loaded


def named_models() -> list[type]:
    """Group, Workflow and Task, with their subclasses: a signal is sent for the class
    of the instance, and a `task.specific` is a subclass's."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, (Group, Workflow, Task))
    ]


def signal_connections() -> list[tuple]:
    """(signal, receiver, sender) for `signal_handlers.register_signal_handlers`."""
    return [
        (signal, receiver, model)
        for model in named_models()
        for signal, receiver in (
            (post_init, show_in_admin_language),
            (pre_save, keep_stored_name),
            (post_save, show_in_admin_language),
        )
    ]
