"""Medical review: the workflow task doctors approve articles with, and the record of
each approval (who reviewed which page, in which locale, when).

Every article index is under the "Medical review" workflow (`setup_roles`), so an
article, or a translation of one, goes live only when a medical reviewer approves it.
Approving calls `record_medical_review`: it keeps a `MedicalReviewRecord` and writes the
review date into a new revision of the page, which is the revision the workflow then
publishes, so `last_reviewed` is the date of the review of *that* language version.
Starting a review is `articles.review`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import AbstractGroupApprovalTask, Page, TaskState

from .pages import ArticlePage

# A review cycle when the article had none: one year.
DEFAULT_REVIEW_INTERVAL = timedelta(days=365)


# What a reviewer must confirm before approving a page: functions of the page that
# return a statement to acknowledge, or None. Other apps register theirs (the
# translation app: machine-translated segments no person has checked).
APPROVAL_ACKNOWLEDGEMENTS: list[Callable[[Page], str | None]] = []
APPROVE_ACKNOWLEDGED = "approve_acknowledged"
# Functions of a page that say (truthy) when approving it holds it instead of
# publishing it (`articles.releases`, registered by the app at start-up).
APPROVAL_HOLDS: list[Callable[[Page], object]] = []


def acknowledgements_for(page: Page) -> list[str]:
    return [
        statement for rule in APPROVAL_ACKNOWLEDGEMENTS if (statement := rule(page))
    ]


class AcknowledgedApprovalForm(forms.Form):
    acknowledged = forms.BooleanField(
        required=True,
        label=_(
            "I have checked this translation against its source myself, "
            "as the points above ask."
        ),
    )
    comment = forms.CharField(
        required=False, widget=forms.Textarea({"rows": 2}), label=_("Comment")
    )


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval step whose approval is a medical review: approving records the
    reviewer and stamps the article's `last_reviewed` before the workflow publishes
    it. Where an acknowledgement is due (`APPROVAL_ACKNOWLEDGEMENTS`), approving
    needs it: the plain approve actions give way to one with a required checkbox."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if not any(name == "approve" for name, *_rest in actions):
            return actions
        if acknowledgements_for(obj):
            actions = [action for action in actions if action[0] != "approve"] + [
                (APPROVE_ACKNOWLEDGED, _("Approve (translation checked)"), True)
            ]
        if any(rule(obj) for rule in APPROVAL_HOLDS):
            # Approving does not publish: say so on the button itself.
            actions = [
                (name, _("%(action)s, for the release") % {"action": label}, modal)
                if name in ("approve", APPROVE_ACKNOWLEDGED)
                else (name, label, modal)
                for name, label, modal in actions
            ]
        return actions

    def get_form_for_action(self, action):
        if action == APPROVE_ACKNOWLEDGED:
            return AcknowledgedApprovalForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == APPROVE_ACKNOWLEDGED:
            return "articles/reviews/approve_acknowledged_modal.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == APPROVE_ACKNOWLEDGED:
            statements = acknowledgements_for(task_state.workflow_state.content_object)
            comment = " ".join(filter(None, [kwargs.get("comment", ""), *statements]))
            action_name, kwargs = "approve", {"comment": comment}
        if (
            action_name == "approve"
            and task_state.status == TaskState.STATUS_IN_PROGRESS
        ):
            # Before approving: when this is the last task, approval publishes the
            # latest revision, which must already carry the review date.
            record_medical_review(
                page=task_state.workflow_state.content_object,
                user=user,
                comment=kwargs.get("comment", ""),
            )
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve the medical content; approving "
            "records the reviewer and sets the article's last review date."
        )

    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")


class MedicalReviewRecord(models.Model):
    """One approval of one page in one locale. Kept when the reviewer's account goes
    (their name stays), so the review history remains an audit trail."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="medical_reviews",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("locale"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="medical_reviews",
    )
    reviewer_name = models.CharField(_("reviewer's name"), max_length=255)
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("medical review")
        verbose_name_plural = _("medical reviews")
        ordering = ["-reviewed_at", "-id"]
        indexes = [models.Index(fields=["page", "-reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.page_id} ({self.locale_id}) by {self.reviewer_name}"


REVIEW_STATUSES = ("current", "due_soon", "overdue")


class OutdatedTranslationPolicy(models.TextChoices):
    FLAG = "flag", _("Keep serving it, flagged as outdated")
    FALL_BACK = "fall_back", _("Serve the next language of its fallback chain instead")


class OverduePolicy(models.TextChoices):
    SERVE = "serve", _("Keep serving it")
    FLAG = "flag", _("Keep serving it, flagged as overdue")
    UNPUBLISH = "unpublish", _("Unpublish it after a grace period")


@register_setting(icon="calendar-alt")
class ReviewSettings(BaseSiteSetting):
    """How often a site's articles are medically reviewed, when a review counts as
    due soon, and what readers get once it is overdue."""

    review_interval_days = models.PositiveIntegerField(
        _("review interval (days)"),
        default=DEFAULT_REVIEW_INTERVAL.days,
        validators=[MinValueValidator(1)],
        help_text=_(
            "An approval sets the next review this many days ahead (a topic may "
            "ask for a shorter cycle)."
        ),
    )
    due_soon_days = models.PositiveIntegerField(
        _("due soon (days)"),
        default=30,
        help_text=_("A review is due soon this many days before its date."),
    )
    overdue_policy = models.CharField(
        _("when a review is overdue"),
        max_length=20,
        choices=OverduePolicy.choices,
        default=OverduePolicy.FLAG,
    )
    unpublish_grace_days = models.PositiveIntegerField(
        _("grace period (days)"),
        default=30,
        help_text=_(
            "With “Unpublish it after a grace period”: how long after its review "
            "date an overdue article stays live."
        ),
    )

    outdated_translation_policy = models.CharField(
        _("when a translation is outdated"),
        max_length=20,
        choices=OutdatedTranslationPolicy.choices,
        default=OutdatedTranslationPolicy.FLAG,
        help_text=_(
            "A translation is outdated from the publication of a changed source until "
            "a translation of the new source is approved."
        ),
    )

    class Meta:
        verbose_name = _("medical review cycle")


def review_interval_for(page: ArticlePage, site=None) -> timedelta:
    """The review cycle of `page`: the shortest its topics ask for, else its site's."""
    topic_days = [
        topic.review_interval_days
        for topic in page.topics
        if getattr(topic, "review_interval_days", None)
    ]
    if topic_days:
        return timedelta(days=min(topic_days))
    site = site or page.get_site()
    if site is None:
        return DEFAULT_REVIEW_INTERVAL
    return timedelta(days=ReviewSettings.for_site(site).review_interval_days)


def next_review_due(
    *, reviewed_on: date, interval: timedelta, previous_due: date | None
) -> date:
    """The next review after a review on `reviewed_on`: one interval ahead, unless an
    earlier date still ahead was set (an editor who wants the article looked at
    sooner is not overruled by an approval)."""
    due = reviewed_on + interval
    if previous_due is not None and reviewed_on < previous_due < due:
        return previous_due
    return due


def review_status(next_due: date | None, *, today: date, due_soon_days: int) -> str:
    """current, due_soon or overdue. An article with no review date has never been
    scheduled for one: overdue, so that someone looks at it."""
    if next_due is None or next_due < today:
        return "overdue"
    if next_due <= today + timedelta(days=due_soon_days):
        return "due_soon"
    return "current"


@transaction.atomic
def record_medical_review(
    *, page: Page, user, comment: str = ""
) -> MedicalReviewRecord:
    """Record that `user` reviewed the latest revision of `page`, and, for an article,
    save a revision of it reviewed today (the one that approval publishes). `page` is
    the workflow's own instance: it is told about the new revision, since the workflow
    publishes the revision it believes is the latest."""
    workflow_page, page = page, page.specific
    today = timezone.localdate()
    revision = page.latest_revision
    if isinstance(page, ArticlePage):
        draft = page.get_latest_revision_as_object()
        due = next_review_due(
            reviewed_on=today,
            interval=review_interval_for(draft),
            previous_due=draft.next_review_due,
        )
        if draft.last_reviewed != today or draft.next_review_due != due:
            draft.last_reviewed = today
            draft.next_review_due = due
            # Only the two dates differ from a revision already validated.
            revision = draft.save_revision(user=user, log_action=True, clean=False)
            workflow_page.latest_revision = page.latest_revision = revision
    return MedicalReviewRecord.objects.create(
        page=page,
        locale_id=page.locale_id,
        reviewer=user,
        reviewer_name=(user.get_full_name() or user.get_username()) if user else "",
        revision=revision,
        comment=comment or "",
    )


class ReviewReminder(models.Model):
    """A reminder the worker sent: that `page` was due soon, or overdue, for its review
    due on `due_date` (None: never scheduled). One row per article, kind and due date,
    so a reminder goes out once, and again only when the date moves."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("review due"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "kind", "due_date"], name="unique_review_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.kind} {self.due_date}"
