"""Medical review: the workflow task doctors approve articles with, and the record of
each approval (who reviewed which page, in which locale, when)."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval step whose approval is a medical review: approving records the
    reviewer and stamps the article's `last_reviewed` before the workflow publishes it.
    The work is in `articles.translation.review`."""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if (
            action_name == "approve"
            and task_state.status == TaskState.STATUS_IN_PROGRESS
        ):
            from ..translation.review import record_medical_review

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
