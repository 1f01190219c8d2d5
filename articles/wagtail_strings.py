"""Wagtail's interface strings that a medical reviewer meets, listed so that this app's
catalogues hold them.

A reviewer works from the dashboard's "Awaiting your review" panel and the review
task's actions. Wagtail 8.0's own catalogues lack several of those strings in our
admin languages (a Korean reviewer read "Request changes" and "Privacy and access" in
English; Vietnamese lacks most of the panel), and some of its translations mislead
(its Korean "Awaiting your review" reads as "waiting for your testimonial"; its
Russian as "waiting for your feedback"). `makemessages` keeps the strings below in
`articles/locale/`, translated for every admin language (Wagtail's own translation
where it is a good one). Django merges every app's catalogue, the apps listed first in
INSTALLED_APPS winning: these fill Wagtail's gaps wherever `articles` is installed,
and replace its misleading ones where `articles` comes before Wagtail's apps (as in
`cms.settings`).
"""

from django.utils.translation import gettext_noop

REVIEWER_STRINGS = [
    # wagtailadmin/home/workflow_objects_to_moderate.html
    gettext_noop("Awaiting your review"),
    gettext_noop("Privacy and access"),
    gettext_noop("Task submitted by"),
    gettext_noop("Task started"),
    gettext_noop("Tasks"),
    gettext_noop("Compare with live version"),
    gettext_noop("Compare with previous version"),
    # wagtail.models.AbstractGroupApprovalTask.get_actions
    gettext_noop("Request changes"),
    gettext_noop("Approve"),
    gettext_noop("Approve with comment"),
]
