"""Signals the translation workflow sends to other apps."""

from django.dispatch import Signal

# A translation fell behind a new version of its source, or caught up with it (its
# page made from the new source went live). Sent with `translation_key` and
# `locale_id` of the translated page. The delivery API rebuilds the page's document
# (`is_outdated`, `outdated_since`, `outdated_sections`).
translation_outdated_changed = Signal()
