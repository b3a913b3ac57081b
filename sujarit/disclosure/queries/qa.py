"""The Q&A board's lists: the public board and the moderation queue."""

from ..models import Question, QuestionState


def public_questions(org):
    """Answered questions, newest answer first."""
    return Question.objects.for_org(org).public().order_by("-answered_at", "-pk")


def waiting(org):
    """The moderation queue, oldest first."""
    return Question.objects.for_org(org).filter(state=QuestionState.PENDING).order_by("received_at", "pk")
