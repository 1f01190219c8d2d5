"""The host's `WAGTAIL_FINISH_WORKFLOW_ACTION` (checked by `articles.E006`).

Wagtail imports it while its own models load, so this module imports nothing of
Wagtail's or ours at the top: the work is in `articles.releases`."""


def finish_medical_review(workflow_state, user=None) -> None:
    """Hold an approval for an open release, or publish as Wagtail would."""
    from .releases import finish_approved_workflow

    finish_approved_workflow(workflow_state, user=user)
