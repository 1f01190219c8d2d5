"""wagtail-localize's interface strings, listed so that this app's catalogues hold them.

wagtail-localize's own catalogues leave most of its admin untranslated in several of
our admin languages (in 1.14, Korean has 18 of its 78 server strings and 21 of the 48
of its editor's JavaScript; Japanese, Vietnamese and traditional Chinese fewer):
a Korean translator met its editor half in English. `makemessages` keeps the
strings below in `articles/translation/locale/`, translated for every admin language
(where wagtail-localize has a good translation, the same one). Django merges every app's
catalogue, so these answer for the server strings wherever wagtail-localize's lack one,
whichever app comes first in INSTALLED_APPS; `views.editor_catalogue` adds the editor's
strings to the JavaScript catalogue wagtail-localize's editor loads.

`tests/translation/test_wagtail_localize_strings.py` fails when the installed
wagtail-localize's strings differ from these lists, naming the new ones.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

# The server's: views, forms, templates, models (its locale/en/LC_MESSAGES/django.po).
SERVER_STRINGS = [
    gettext_noop("Disable"),
    gettext_noop("Dummy translator"),
    gettext_noop("Translate"),
    gettext_noop("Sync translated %(model_name)s"),
    gettext_noop("Start Synced translation"),
    gettext_noop("Translate {model_name}"),
    gettext_noop(
        "The {model_name} '{object}' was successfully submitted for translation into {locales}"
    ),
    gettext_noop("Up to date"),
    gettext_noop("Waiting for translations"),
    gettext_noop("Manual"),
    gettext_noop("Machine"),
    gettext_noop("Translated with {tool_name} on {date}"),
    gettext_noop("Translated manually on {date}"),
    gettext_noop("Machine translated on {date}"),
    gettext_noop("This locale cannot be synced into itself."),
    gettext_noop("Synchronise content from another locale"),
    gettext_noop(
        "Choose a locale to synchronise content from. Any existing and future content authored in the selected locale will be automatically copied to this one."
    ),
    gettext_noop(
        "<{}> tag is not allowed. Strings can only contain standard HTML inline tags (such as <b>, <a>)"
    ),
    gettext_noop(
        "Strings cannot have any HTML tags with attributes (except for 'id' in <a> tags)"
    ),
    gettext_noop("Unrecognised id found in an <a> tag: {}"),
    gettext_noop("Enable"),
    gettext_noop("Convert to alias %(title)s"),
    gettext_noop("Convert to alias"),
    gettext_noop(
        "Are you sure you want to convert this page into an alias? This will overwrite the content of the page with the content of '%(source_page_title)s' (%(source_page_locale)s)"
    ),
    gettext_noop("Yes, convert it"),
    gettext_noop("No, leave it as a page"),
    gettext_noop(
        'This page hasn\'t been translated yet. It is mirroring the <a href="%(edit_original_page_url)s" target="_blank">%(original_locale)s page</a>.'
    ),
    gettext_noop("Translate this page"),
    gettext_noop("Translation of %(instance)s into %(locale)s"),
    gettext_noop("Translations"),
    gettext_noop("Editing %(object_type)s %(title)s"),
    gettext_noop("Submit"),
    gettext_noop("Go back"),
    gettext_noop("Content type"),
    gettext_noop("Source"),
    gettext_noop("Target"),
    gettext_noop("Status"),
    gettext_noop("No translations found."),
    gettext_noop("Why would I sync my page?"),
    gettext_noop(
        "Changes are not automatically applied between translated pages. Syncing will add new content for translation and remove deleted content."
    ),
    gettext_noop(
        "The last sync date was %(last_sync_date)s. You are about to sync the following:"
    ),
    gettext_noop("Page '{}' has been converted into an alias."),
    gettext_noop("Content"),
    gettext_noop(
        "New validation errors were found when publishing '{object}' in {locale}. Please fix them or click publish again to ignore these translations for now."
    ),
    gettext_noop(
        "Published '{object}' in {locale} with missing translations - see below."
    ),
    gettext_noop("Published '{object}' in {locale}."),
    gettext_noop(
        "The data model for '{model_name}' has been changed since the last translation sync. If any new fields have been added recently, these may not be visible until the next translation sync."
    ),
    gettext_noop("Translation has been stopped."),
    gettext_noop("Translation has been restarted."),
    gettext_noop("Please upload a valid PO file."),
    gettext_noop("Cannot import PO file that was created for a different translation."),
    gettext_noop("Successfully imported translations from PO File."),
    gettext_noop("Successfully translated with {}."),
    gettext_noop("There isn't anything left to translate."),
    gettext_noop("Source title"),
    gettext_noop("All"),
    gettext_noop("Select all"),
    gettext_noop("Locales"),
    gettext_noop("All child pages will be created."),
    gettext_noop("{} locales"),
    gettext_noop("Translate page"),
    gettext_noop(
        "The page '{page_title}' was successfully submitted for translation into {locales}"
    ),
    gettext_noop("Publish immediately"),
    gettext_noop(
        'Apply the updates and publish immediately. The changes will use the original language until translated unless you also select "Use machine translation".'
    ),
    gettext_noop("Use machine translation"),
    gettext_noop("Apply machine translations to the incoming changes."),
    gettext_noop(
        "Apply the updates and publish immediately. The changes will use the original language until translated."
    ),
    gettext_noop("Update existing translations"),
    gettext_noop("Successfully updated translations for '{object}'"),
    gettext_noop("Sync translated pages"),
    gettext_noop("Translate '%(title)s'"),
    gettext_noop("Sync translated snippets"),
    gettext_noop("Sync translations of '%(title)s'"),
    gettext_noop("Convert to alias page"),
    gettext_noop("Convert page to alias"),
    gettext_noop(
        "Converted page '%(title)s' to an alias of the translation source page '%(source_title)s'"
    ),
    gettext_noop("Converted page to an alias of the translation source page"),
]

# Counted, as (singular, plural); each marked below too, for makemessages.
COUNTED_SERVER_STRINGS = [
    ("Include subtree ({} page)", "Include subtree ({} pages)"),
]
_MARKED = [ngettext_lazy("Include subtree ({} page)", "Include subtree ({} pages)")]

# The translation editor's (React; its locale/en/LC_MESSAGES/djangojs.po).
EDITOR_STRINGS = [
    gettext_noop("[DELETED]"),
    gettext_noop("Actions"),
    gettext_noop("Applying editor lock"),
    gettext_noop("Cancel"),
    gettext_noop("Change %s"),
    gettext_noop("Change document"),
    gettext_noop("Change image"),
    gettext_noop("Change page"),
    gettext_noop("Changed"),
    gettext_noop("Choose a %s"),
    gettext_noop("Choose a document"),
    gettext_noop("Choose a page"),
    gettext_noop("Choose an image"),
    gettext_noop("Convert to alias page"),
    gettext_noop("Delete"),
    gettext_noop("Download PO file"),
    gettext_noop("Download PO file and input translations offline"),
    gettext_noop("Edit"),
    gettext_noop("Edit this %s"),
    gettext_noop("Edit this document"),
    gettext_noop("Edit this image"),
    gettext_noop("Edit this page"),
    gettext_noop("Fetching %s information..."),
    gettext_noop("Fetching document information..."),
    gettext_noop("Fetching image information..."),
    gettext_noop("Fetching page information..."),
    gettext_noop("Lock"),
    gettext_noop("Not translated"),
    gettext_noop("Preview"),
    gettext_noop("Publish in "),
    gettext_noop("Publishing..."),
    gettext_noop("Removing editor lock"),
    gettext_noop("Revert to %s version"),
    gettext_noop("Save"),
    gettext_noop("Saving..."),
    gettext_noop("segments translated"),
    gettext_noop("Server error"),
    gettext_noop("Stop Synced translation"),
    gettext_noop("Stopping Synced translation"),
    gettext_noop(
        "There are unsaved segments. Please save or cancel them before leaving."
    ),
    gettext_noop("Translate"),
    gettext_noop("Translate all missing strings with "),
    gettext_noop("Translate with "),
    gettext_noop("Unlock"),
    gettext_noop("Unpublish"),
    gettext_noop("Upload PO file"),
    gettext_noop("Upload translated PO file to submit translations"),
    gettext_noop("Uses %s version"),
]
