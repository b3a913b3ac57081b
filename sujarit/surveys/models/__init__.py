"""The survey engine's models: questionnaires in versions, and anonymous responses."""

from .questionnaires import Kind, Phase, Question, QuestionKind, Questionnaire, State, Version
from .responses import Answer, Channel, Response

__all__ = [
    "Answer",
    "Channel",
    "Kind",
    "Phase",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Response",
    "State",
    "Version",
]
